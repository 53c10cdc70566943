/// One folder the attach picker shows: under one of the roots the operator
/// allows (`[documents] folders`), or the roots themselves.
public struct FolderListing: Sendable, Equatable {
    /// The folder shown; nil for the list of roots.
    public var path: String?
    /// Where "up" goes: the parent folder, or nil for the roots (from a root
    /// itself, up shows the roots).
    public var parent: String?
    public var entries: [FolderEntry]

    public init(path: String?, parent: String?, entries: [FolderEntry]) {
        self.path = path
        self.parent = parent
        self.entries = entries
    }
}

/// A file or folder in the picker: folders first, then files, by name.
public struct FolderEntry: Sendable, Equatable {
    public var name: String
    /// Absolute path (under an allowed root).
    public var path: String
    public var isFolder: Bool
    /// Bytes (files only).
    public var size: Int64
    /// Last change, seconds since 1970 (the UI shows it in Vietnam's time).
    public var modified: Double

    public init(name: String, path: String, isFolder: Bool, size: Int64, modified: Double) {
        self.name = name
        self.path = path
        self.isFolder = isFolder
        self.size = size
        self.modified = modified
    }
}

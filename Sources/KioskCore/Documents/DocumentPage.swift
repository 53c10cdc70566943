/// One page of a document being put together at the desk: the page's image
/// kept (encrypted) in the store under its SHA-256, how far the helper has
/// turned it, and its preview.
public struct DocumentPage: Sendable, Equatable {
    /// SHA-256 (lower-case hex) of the stored page image (JPEG).
    public var sha256: String
    /// Clockwise quarter turns the helper gave it (0–3), applied when the
    /// document is made: the stored image is never re-encoded for a turn.
    public var rotation: Int
    /// The page as scanned (not turned): the UI turns it by `rotation`.
    public var preview: PreviewImage
    /// Size of the stored image, in bytes.
    public var bytes: Int

    public init(sha256: String, rotation: Int = 0, preview: PreviewImage, bytes: Int) {
        self.sha256 = sha256
        self.rotation = ((rotation % 4) + 4) % 4
        self.preview = preview
        self.bytes = bytes
    }
}

/// A finished document: one file, content-addressed (its SHA-256 is the
/// `file:` answer), with the pages it was made of when it was made at the
/// desk (empty for a PDF attached as it is).
public struct MadeDocument: Sendable, Equatable {
    public var sha256: String
    public var kind: DocumentKind
    public var bytes: Int
    /// The pages, to show, turn, delete or re-scan; for an attached PDF, the
    /// previews of its pages with an empty `sha256`.
    public var pages: [DocumentPage]
    /// Whether pages can be turned, deleted or re-scanned (a document made
    /// here from scanned or attached images); an attached PDF is kept whole.
    public var editable: Bool

    public init(sha256: String, kind: DocumentKind, bytes: Int, pages: [DocumentPage], editable: Bool) {
        self.sha256 = sha256
        self.kind = kind
        self.bytes = bytes
        self.pages = pages
        self.editable = editable
    }
}

/// What a file holds, told by its first bytes (never by its name).
public enum DocumentKind: String, Sendable, Codable, CaseIterable {
    case pdf, jpeg, png

    public var mediaType: String {
        switch self {
        case .pdf: "application/pdf"
        case .jpeg: "image/jpeg"
        case .png: "image/png"
        }
    }

    /// The kind of a file from its first bytes (at least 8 of them), or nil.
    public static func sniff(_ head: some Collection<UInt8>) -> DocumentKind? {
        let b = Array(head.prefix(8))
        if b.starts(with: Array("%PDF-".utf8)) { return .pdf }
        if b.starts(with: [0xFF, 0xD8, 0xFF]) { return .jpeg }
        if b.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        return nil
    }
}

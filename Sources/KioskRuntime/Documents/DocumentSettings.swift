import KioskCore
import KioskImaging

/// What the documents step may use at this station: the scanner, the
/// folders the attach picker browses and the largest file it takes.
public struct DocumentSettings: Sendable {
    public var scanner: ScannerSettings
    /// Absolute folders (`[documents] folders`, resolved).
    public var folders: [String]
    public var maxFileBytes: Int64

    public init(scanner: ScannerSettings = ScannerSettings(device: ""), folders: [String] = [], maxFileBytes: Int64 = 20 << 20) {
        self.scanner = scanner
        self.folders = folders
        self.maxFileBytes = maxFileBytes
    }

    /// `[scanner] documents`, `[documents] folders` and `max_file_mb`.
    public init(config: KioskConfig) {
        self.init(scanner: ScannerSettings(device: config.documentScanner), folders: config.documentFolderPaths,
                  maxFileBytes: Int64(config.documentMaxMB) << 20)
    }
}

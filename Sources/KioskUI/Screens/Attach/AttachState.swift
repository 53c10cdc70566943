import KioskCore

/// The attach picker: the folders the operator allows (`[documents]
/// folders`, a USB stick), browsed one at a time; a file taken is checked
/// by the station (its content, its size). A PDF is shown page by page
/// before it is used; a picture goes into the scan screen's pages.
public struct AttachState: Sendable {
    /// What the picker was opened from, and goes back to.
    public enum Beneath: Sendable {
        /// The documents step, for this `document` field.
        case documents(FormSession, field: Int)
        /// The scan screen ("add a picture file" as a page).
        case scan(ScanState)
    }

    public var beneath: Beneath
    /// The folder shown (nil until the first one is listed).
    public var listing: FolderListing?
    var focus = 0
    /// Waiting for `folderListed` / `folderFailed`.
    public var loading = true
    /// Waiting for `fileAttached` / `attachFailed`.
    public var taking = false
    public var message: LocalizedText?
    /// A PDF taken, shown before it is used.
    public var pdf: MadeDocument?
    var pdfPage = 0
    /// 0 "use this file", 1 "choose another".
    var pdfFocus = 0

    public init(beneath: Beneath) {
        self.beneath = beneath
    }

    var session: FormSession {
        switch beneath {
        case .documents(let f, _): return f
        case .scan(let sc): return sc.session
        }
    }

    var field: Int {
        switch beneath {
        case .documents(_, let field): return field
        case .scan(let sc): return sc.field
        }
    }
}

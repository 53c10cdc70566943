import KioskCore

/// The scan screen: the pages of one document being scanned (or opened to
/// look at, turn, delete or re-scan), over the form it belongs to, which
/// stays as it was beneath.
public struct ScanState: Sendable {
    /// What can be focused: the presets, then the buttons.
    enum Item: Sendable, Equatable {
        case preset(ScanPreset), scan, rescan, rotate, delete, addImage, done, cancel, close
    }

    /// The form beneath, on its documents step.
    public var session: FormSession
    /// The `document` field the pages are for (its index in the form).
    public var field: Int
    public var pages: [DocumentPage] = []
    /// The page shown large.
    public var selected = 0
    public var preset: ScanPreset = .standard
    var focus = 0
    /// How far the page being scanned has come (0…1); nil when not scanning.
    public var scanning: Double?
    /// The page a re-scan replaces.
    var replacing: Int?
    /// A scan was cancelled: a page that still comes from it is dropped.
    var dropNextPage = false
    /// Waiting for the document to be made (`documentMade`).
    public var making = false
    /// Waiting for a document given earlier to open (`documentOpened`).
    public var loading = false
    /// False for an attached PDF, kept whole: only looked at.
    public var editable = true
    public var message: LocalizedText?
    var messageIsError = false
    /// The pages changed since the screen opened: leaving asks first.
    public var changed = false
    /// The document these pages were opened from: kept as it is when
    /// nothing changed.
    var original: MadeDocument?

    init(session: FormSession, field: Int) {
        self.session = session
        self.field = field
        focus = items.firstIndex(of: .scan) ?? 0
    }

    /// A document already given, opened to look at or change.
    init(session: FormSession, field: Int, document: MadeDocument) {
        self.init(session: session, field: field)
        open(document)
    }

    mutating func open(_ document: MadeDocument) {
        original = document
        pages = document.pages
        editable = document.editable
        selected = 0
        focus = items.firstIndex(of: editable ? .done : .close) ?? 0
    }

    var items: [Item] {
        guard editable else { return [.close] }
        return ScanPreset.allCases.map { .preset($0) } + [.scan, .rescan, .rotate, .delete, .addImage, .done, .cancel]
    }

    var busy: Bool { scanning != nil || making || loading }

    /// The document component the field provides.
    var component: DocumentComponent? {
        let code = session.form.fields[field].component
        return session.form.procedure.documents.first { $0.code == code }
    }

    var documentName: LocalizedText { session.state.label(of: FieldPath(field: field)) }
}

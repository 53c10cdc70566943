import KioskCore

/// A document made at the desk in this sitting (scanned, or attached from
/// a file): offered again for another document with the same `key` in its
/// procedure's documents ("the same identity card for two procedures").
/// Personal data: kept in `AppState` until the sitting ends (the idle
/// time-out, back to the welcome screen).
public struct SittingDocument: Sendable, Equatable {
    /// The component's `key` (`applicant.identity_document`).
    public var key: String
    public var name: LocalizedText
    public var document: MadeDocument

    public init(key: String, name: LocalizedText, document: MadeDocument) {
        self.key = key
        self.name = name
        self.document = document
    }
}

extension AppState {
    /// Keeps a document made for a component with a key, the newest first
    /// (one per key).
    mutating func keepInSitting(_ document: MadeDocument, for component: DocumentComponent?) {
        guard let component, let key = component.key else { return }
        sittingDocuments.removeAll { $0.key == key }
        sittingDocuments.insert(SittingDocument(key: key, name: component.name, document: document), at: 0)
    }

    /// The document of this sitting that a component may reuse.
    func sittingDocument(for component: DocumentComponent?) -> SittingDocument? {
        guard let key = component?.key else { return nil }
        return sittingDocuments.first { $0.key == key }
    }
}

extension FormSession {
    /// The `file:` answers whose document this session has not opened
    /// (a resumed draft's), each once.
    var filesToOpen: [String] {
        var seen: Set<String> = []
        return form.fields.filter { $0.type == .document && $0.group == nil }.compactMap { field in
            let raw = state.raw(FieldPath(field: field.index))
            guard raw.hasPrefix("file:") else { return nil }
            let sha = String(raw.dropFirst(5))
            return documents[sha] == nil && seen.insert(sha).inserted ? sha : nil
        }
    }
}

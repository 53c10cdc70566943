import KioskCore

/// The picker's keys: ↑ ↓ choose, Enter (or →) opens a folder or takes a
/// file, ← or Backspace goes up (from a root: the roots), Esc goes back.
/// A PDF taken: ← → its pages, Enter on "Dùng tệp này" uses it.
extension AttachState: PageScreen {
    var asPage: Page { .attach(self) }

    var isFilling: Bool { true }

    var entries: [FolderEntry] { listing?.entries ?? [] }

    mutating func key(_ key: Key, _ s: inout AppState) -> [Effect] {
        if pdf != nil { return pdfKey(key, &s) }
        switch key {
        case .down, .tab: focus = min(focus + 1, max(0, entries.count - 1))
        case .up, .backTab: focus = max(0, focus - 1)
        case .pageDown: focus = min(focus + 10, max(0, entries.count - 1))
        case .pageUp: focus = max(0, focus - 10)
        case .home: focus = 0
        case .end: focus = max(0, entries.count - 1)
        case .enter, .right: return take(&s)
        case .left, .backspace: return up()
        case .escape: goBack(&s)
        default: break
        }
        return []
    }

    mutating func press(_ target: HitTarget, _ s: inout AppState) -> [Effect] {
        switch target {
        case .listItem(let i) where pdf == nil && i < entries.count:
            focus = i
            return take(&s)
        case .button("attach.up"): return up()
        case .button("attach.back"): goBack(&s)
        case .button("attach.use"):
            pdfFocus = 0
            return pdfKey(.enter, &s)
        case .button("attach.other"):
            pdfFocus = 1
            return pdfKey(.enter, &s)
        case .page(let p):
            if let pdf, p < pdf.pages.count { pdfPage = p }
        default: break
        }
        return []
    }

    /// Enter on a row: a folder opens, a file is taken.
    mutating func take(_ s: inout AppState) -> [Effect] {
        guard !loading, !taking, focus < entries.count else { return [] }
        let entry = entries[focus]
        message = nil
        if entry.isFolder {
            loading = true
            return [.listFolder(entry.path)]
        }
        taking = true
        return [.attachFile(path: entry.path)]
    }

    /// The folder above; from a root, the roots.
    mutating func up() -> [Effect] {
        guard !loading, let listing, listing.path != nil else { return [] }
        loading = true
        message = nil
        return [.listFolder(listing.parent)]
    }

    func goBack(_ s: inout AppState) {
        switch beneath {
        case .documents(let f, let field): _ = ScanState.backToDocuments(&s, f, field: field, message: nil)
        case .scan(let sc): s.page = .scan(sc)
        }
    }

    mutating func pdfKey(_ key: Key, _ s: inout AppState) -> [Effect] {
        guard let pdf else { return [] }
        switch key {
        case .left: pdfPage = max(0, pdfPage - 1)
        case .right: pdfPage = max(0, min(pdf.pages.count - 1, pdfPage + 1))
        case .tab, .down, .backTab, .up: pdfFocus = 1 - pdfFocus
        case .escape:
            self.pdf = nil
        case .enter, .text(" "):
            if pdfFocus == 1 {
                self.pdf = nil
                return []
            }
            return ScanState.finish(&s, session, field: field, pdf)
        default: break
        }
        return []
    }

    mutating func result(_ result: EffectResult, _ s: inout AppState) -> [Effect] {
        switch result {
        case .folderListed(let l):
            loading = false
            // Back up to a folder: the focus on the one just left.
            let from = listing?.path
            listing = l
            focus = l.entries.firstIndex { $0.path == from } ?? 0
            message = nil
        case .folderFailed(let m):
            loading = false
            message = m
        case .fileAttached(let doc):
            guard taking else { return [] }
            taking = false
            return attached(doc, &s)
        case .attachFailed(let m):
            taking = false
            message = m
        default: break
        }
        return []
    }

    /// A file the station accepted: a PDF is shown before it is used; a
    /// picture becomes a page of the scan screen.
    mutating func attached(_ doc: MadeDocument, _ s: inout AppState) -> [Effect] {
        if !doc.editable {
            if case .scan = beneath {
                message = S.attachPDFNotAPage
                return []
            }
            pdf = doc
            pdfPage = 0
            pdfFocus = 0
            return []
        }
        var sc: ScanState
        switch beneath {
        case .scan(let existing): sc = existing
        case .documents(let f, let field): sc = ScanState(session: f, field: field)
        }
        sc.pages += doc.pages
        sc.selected = max(0, sc.pages.count - 1)
        sc.changed = true
        sc.focus = sc.items.firstIndex(of: .done) ?? sc.focus
        sc.say(S.attachImageAdded(page: sc.pages.count))
        s.page = .scan(sc)
        return []
    }
}

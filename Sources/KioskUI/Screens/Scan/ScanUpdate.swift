import KioskCore

/// The scan screen's keys and results: ↑ ↓ Tab between the presets and
/// buttons, Enter presses; ← → between pages; R turns the page, Del
/// deletes it (asked first), Q (S) scans, X (D) is "Xong"; Esc cancels a scan under way,
/// else leaves (asked first when pages would be lost).
extension ScanState: PageScreen {
    var asPage: Page { .scan(self) }

    /// Part of filling the form beneath: the idle time-out saves it.
    var isFilling: Bool { true }

    mutating func key(_ key: Key, _ s: inout AppState) -> [Effect] {
        let count = items.count
        switch key {
        case .tab, .down: focus = (focus + 1) % count
        case .backTab, .up: focus = (focus + count - 1) % count
        case .left: selected = max(0, selected - 1)
        case .right: selected = max(0, min(pages.count - 1, selected + 1))
        case .home: selected = 0
        case .end: selected = max(0, pages.count - 1)
        case .enter, .text(" "): return activate(items[min(focus, count - 1)], &s)
        case .text("r"), .text("R"): return editable ? activate(.rotate, &s) : []
        case .delete: return editable ? activate(.delete, &s) : []
        case .text("q"), .text("Q"), .text("s"), .text("S"): return editable ? activate(.scan, &s) : []
        // "Xong" / "Done" without going through the buttons.
        case .text("x"), .text("X"), .text("d"), .text("D"): return activate(editable ? .done : .close, &s)
        case .escape:
            if scanning != nil { return cancelScan() }
            // Waiting on the store is never a trap: opening is given up, or
            // making stops waiting (the pages stay).
            if loading { return ScanState.backToDocuments(&s, session, field: field, message: nil) }
            if making {
                making = false
                say(nil)
                return []
            }
            return activate(editable ? .cancel : .close, &s)
        default: break
        }
        return []
    }

    mutating func press(_ target: HitTarget, _ s: inout AppState) -> [Effect] {
        switch target {
        case .listItem(let i) where i < items.count:
            focus = i
            return activate(items[i], &s)
        case .page(let p) where p < pages.count:
            selected = p
        case .button("scan.cancelScan"):
            return cancelScan()
        default: break
        }
        return []
    }

    mutating func cancelScan() -> [Effect] {
        guard scanning != nil else { return [] }
        scanning = nil
        replacing = nil
        dropNextPage = true
        say(S.scanCancelled)
        return [.cancelScan]
    }

    mutating func say(_ m: LocalizedText?, error: Bool = false) {
        message = m
        messageIsError = error
    }

    mutating func activate(_ item: Item, _ s: inout AppState) -> [Effect] {
        // While the scanner or the store works, only looking about (and Esc).
        if busy {
            if case .preset = item {} else { return [] }
        }
        switch item {
        case .preset(let p):
            guard !busy else { return [] }
            preset = p
            focus = items.firstIndex(of: .scan) ?? focus
        case .scan:
            return startScan(replacing: nil)
        case .rescan:
            guard !pages.isEmpty else { say(S.scanNoPageYet, error: true); return [] }
            return startScan(replacing: selected)
        case .rotate:
            guard !pages.isEmpty else { say(S.scanNoPageYet, error: true); return [] }
            pages[selected].rotation = (pages[selected].rotation + 1) % 4
            changed = true
            say(S.scanTurned(page: selected + 1, degrees: pages[selected].rotation * 90))
        case .delete:
            guard !pages.isEmpty else { say(S.scanNoPageYet, error: true); return [] }
            s.overlay = .confirmDeletePage(selected)
        case .addImage:
            s.page = .attach(AttachState(beneath: .scan(self)))
            return [.listFolder(nil)]
        case .done:
            if let original, !changed {
                return ScanState.backToDocuments(&s, session, field: field, message: S.docSaved(documentName), keeping: original)
            }
            guard !pages.isEmpty else { say(S.scanNoPageYet, error: true); return [] }
            making = true
            say(S.scanMaking)
            return [.makeDocument(pages: pages)]
        case .cancel:
            if changed && !pages.isEmpty {
                s.overlay = .confirmDiscardPages
                return []
            }
            return ScanState.backToDocuments(&s, session, field: field, message: nil)
        case .close:
            return ScanState.backToDocuments(&s, session, field: field, message: nil)
        }
        return []
    }

    mutating func startScan(replacing page: Int?) -> [Effect] {
        scanning = 0
        replacing = page
        dropNextPage = false
        say(page.map { S.scanRescanning(page: $0 + 1) } ?? S.scanScanning(page: pages.count + 1))
        return [.scanPage(preset)]
    }

    /// A page deleted, once confirmed.
    mutating func deletePage(_ i: Int) {
        guard i < pages.count else { return }
        pages.remove(at: i)
        selected = min(selected, max(0, pages.count - 1))
        changed = true
        say(S.scanDeleted(page: i + 1))
    }

    mutating func result(_ result: EffectResult, _ s: inout AppState) -> [Effect] {
        switch result {
        case .scanProgress(let p):
            if scanning != nil { scanning = min(1, max(0, p)) }
        case .pageScanned(let page):
            guard scanning != nil, !dropNextPage else {
                dropNextPage = false
                return []
            }
            scanning = nil
            if let r = replacing, r < pages.count {
                pages[r] = page
                selected = r
                say(S.scanReplaced(page: r + 1))
            } else {
                pages.append(page)
                selected = pages.count - 1
                say(S.scanDone(page: pages.count))
            }
            replacing = nil
            changed = true
        case .scanFailed(let m):
            // The pages already scanned stay; the sentence says what to do.
            if dropNextPage { dropNextPage = false; return [] }
            scanning = nil
            replacing = nil
            say(m, error: true)
        case .documentMade(let doc):
            guard making else { return [] }
            making = false
            return ScanState.finish(&s, session, field: field, doc)
        case .documentOpened(let doc):
            // Another document's pages (a resumed draft's files open in the
            // background) are kept for its row, never shown under this title.
            session.documents[doc.sha256] = doc
            guard loading, session.state.raw(FieldPath(field: field)) == "file:" + doc.sha256 else { return [] }
            loading = false
            open(doc)
            say(nil)
        case .documentFailed(let m):
            making = false
            loading = false
            say(m, error: true)
        default: break
        }
        return []
    }

    /// A document is given for the field: its `file:` answer saved, its
    /// pages kept in the session and the sitting; back on the documents step.
    static func finish(_ s: inout AppState, _ session: FormSession, field: Int, _ doc: MadeDocument) -> [Effect] {
        var f = session
        f.documents[doc.sha256] = doc
        let effects = FormUpdate.setAnswer(&f, .field(FieldPath(field: field)), "file:" + doc.sha256)
        let component = f.form.procedure.documents.first { $0.code == f.form.fields[field].component }
        s.keepInSitting(doc, for: component)
        return effects + backToDocuments(&s, f, field: field, message: S.docSaved(f.state.label(of: FieldPath(field: field))))
    }

    /// Back to the documents step with the focus on the field's row.
    static func backToDocuments(_ s: inout AppState, _ session: FormSession, field: Int, message: LocalizedText?, keeping: MadeDocument? = nil) -> [Effect] {
        var f = session
        if let keeping { f.documents[keeping.sha256] = keeping }
        f.stage = .documents
        f.focus = DocumentsUpdate.fields(f).firstIndex { $0.index == field } ?? 0
        f.message = message
        s.page = .form(f)
        return []
    }
}

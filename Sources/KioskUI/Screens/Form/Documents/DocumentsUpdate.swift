import KioskCore

/// The documents step: each document of the procedure, ticked when the
/// paper is brought to the desk (Space), scanned (Q), attached from a file
/// (T), reused from this sitting (L), looked at (X) or removed (B); then
/// Back or Next. The letters of the other language work too (S, A, U, V, R).
enum DocumentsUpdate {
    /// What can be done to a document row.
    enum Action: String, CaseIterable {
        case scan, attach, reuse, paper, view, remove
    }
    /// The document rows: each document field of the form, in order.
    static func fields(_ f: FormSession) -> [FieldDefinition] {
        f.form.fields.filter { $0.type == .document && $0.group == nil && f.state.isVisible(FieldPath(field: $0.index)) }
    }

    static func key(_ s: inout AppState, _ f: inout FormSession, _ key: Key) -> [Effect] {
        let docs = fields(f)
        // Rows: the documents, then Back and Next.
        let count = docs.count + 2
        // A message stays until the next key.
        f.message = nil
        if f.focus < docs.count, let action = action(for: key) { return act(&s, &f, action, docs[f.focus]) }
        switch key {
        case .tab, .down: f.focus = min(f.focus + 1, count - 1)
        case .backTab, .up: f.focus = max(0, f.focus - 1)
        case .pageUp: return back(&s, &f)
        case .pageDown: return toReview(&f)
        case .escape:
            s.overlay = .confirmPause
            return FormUpdate.leaveRow(&f)
        case .text(" ") where f.focus < docs.count:
            // Space ticks or unticks the paper; Enter never does.
            return act(&s, &f, .paper, docs[f.focus])
        case .enter:
            if f.focus < docs.count {
                f.focus += 1
                return []
            }
            return f.focus == docs.count ? back(&s, &f) : toReview(&f)
        default: break
        }
        return []
    }

    static func back(_ s: inout AppState, _ f: inout FormSession) -> [Effect] {
        f.stage = .fields
        f.page = f.firstVisiblePage(from: f.form.pages.count - 1, step: -1) ?? 0
        f.focus = max(0, f.focusableRows.count - 1)
        FormUpdate.enterRow(&f)
        return []
    }

    static func toReview(_ f: inout FormSession) -> [Effect] {
        f.stage = .review
        f.focus = 0
        f.scroll = 0
        return [FormUpdate.progress(f)]
    }

    /// The letter keys of the row's actions, in either language.
    static func action(for key: Key) -> Action? {
        guard case .text(let t) = key else { return key == .delete ? .remove : nil }
        switch t.lowercased() {
        case "q", "s": return .scan
        case "t", "a": return .attach
        case "l", "u": return .reuse
        case "x", "v": return .view
        case "b", "r": return .remove
        default: return nil
        }
    }

    /// The component a document field provides.
    static func component(_ f: FormSession, _ field: FieldDefinition) -> DocumentComponent? {
        f.form.procedure.documents.first { $0.code == field.component }
    }

    /// The actions a row offers now (its buttons under it when focused).
    static func actions(_ s: AppState, _ f: FormSession, _ field: FieldDefinition) -> [Action] {
        let raw = f.state.raw(FieldPath(field: field.index))
        var out: [Action] = [.scan, .attach]
        if let made = s.sittingDocument(for: component(f, field)), raw != "file:" + made.document.sha256 { out.append(.reuse) }
        out.append(.paper)
        if raw.hasPrefix("file:") { out.append(.view) }
        if !raw.isEmpty { out.append(.remove) }
        return out
    }

    static func act(_ s: inout AppState, _ f: inout FormSession, _ action: Action, _ field: FieldDefinition) -> [Effect] {
        let p = FieldPath(field: field.index)
        let raw = f.state.raw(p)
        switch action {
        case .paper:
            // Space never replaces a file given: a slip would drop a scan.
            if raw.hasPrefix("file:") {
                f.message = S.docPaperOverFile
                return []
            }
            return FormUpdate.setAnswer(&f, .field(p), raw == "desk" ? "" : "desk")
        case .scan:
            // A document made here opens with its pages, to add to them.
            if raw.hasPrefix("file:"), let doc = f.documents[String(raw.dropFirst(5))], doc.editable {
                s.page = .scan(ScanState(session: f, field: field.index, document: doc))
            } else {
                s.page = .scan(ScanState(session: f, field: field.index))
            }
            return []
        case .attach:
            s.page = .attach(AttachState(beneath: .documents(f, field: field.index)))
            return [.listFolder(nil)]
        case .reuse:
            guard let made = s.sittingDocument(for: component(f, field)) else {
                f.message = S.docNothingToReuse
                return []
            }
            f.documents[made.document.sha256] = made.document
            f.message = S.docReusedSitting(made.name)
            return FormUpdate.setAnswer(&f, .field(p), "file:" + made.document.sha256)
        case .view:
            guard raw.hasPrefix("file:") else {
                f.message = S.docNothingToView
                return []
            }
            let sha = String(raw.dropFirst(5))
            if let doc = f.documents[sha] {
                s.page = .scan(ScanState(session: f, field: field.index, document: doc))
                return []
            }
            // A resumed draft's file: its pages come from the store.
            var sc = ScanState(session: f, field: field.index)
            sc.loading = true
            sc.editable = false
            sc.focus = 0
            s.page = .scan(sc)
            return [.openDocument(sha256: sha)]
        case .remove:
            guard !raw.isEmpty else { return [] }
            // A file given (scanned, attached, reused): asked first.
            if raw.hasPrefix("file:") {
                s.overlay = .confirmRemoveDocument(field: field.index, name: f.state.label(of: p))
                return []
            }
            return remove(&f, field: field.index)
        }
    }

    /// What was given for a document field, taken back.
    static func remove(_ f: inout FormSession, field: Int) -> [Effect] {
        let p = FieldPath(field: field)
        f.message = S.docRemoved(f.state.label(of: p))
        return FormUpdate.setAnswer(&f, .field(p), "")
    }

    static func press(_ s: inout AppState, _ f: inout FormSession, _ target: HitTarget) -> [Effect] {
        if case .button(let name) = target, name.hasPrefix("doc."), let action = Action(rawValue: String(name.dropFirst(4))) {
            let docs = fields(f)
            guard f.focus < docs.count else { return [] }
            f.message = nil
            return act(&s, &f, action, docs[f.focus])
        }
        guard case .listItem(let i) = target else { return [] }
        // A tap on a document focuses it (its buttons show under it); a tap
        // on the focused one ticks or unticks the paper, as Space does.
        if i < fields(f).count && f.focus != i {
            f.focus = i
            f.message = nil
            return []
        }
        f.focus = i
        return key(&s, &f, i < fields(f).count ? .text(" ") : .enter)
    }
}

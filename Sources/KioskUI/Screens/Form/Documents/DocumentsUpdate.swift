import KioskCore

/// The documents step: each document of the procedure, ticked when the
/// paper is brought to the desk; then Back or Next.
enum DocumentsUpdate {
    /// The document rows: each document field of the form, in order.
    static func fields(_ f: FormSession) -> [FieldDefinition] {
        f.form.fields.filter { $0.type == .document && $0.group == nil && f.state.isVisible(FieldPath(field: $0.index)) }
    }

    static func key(_ s: inout AppState, _ f: inout FormSession, _ key: Key) -> [Effect] {
        let docs = fields(f)
        // Rows: the documents, then Back and Next.
        let count = docs.count + 2
        switch key {
        case .tab, .down: f.focus = min(f.focus + 1, count - 1)
        case .backTab, .up: f.focus = max(0, f.focus - 1)
        case .pageUp: return back(&s, &f)
        case .pageDown: return toReview(&f)
        case .escape:
            s.overlay = .confirmPause
            return FormUpdate.leaveRow(&f)
        case .text(" ") where f.focus < docs.count:
            // Space ticks or unticks; nothing else does.
            let p = FieldPath(field: docs[f.focus].index)
            return FormUpdate.setAnswer(&f, .field(p), f.state.raw(p) == "desk" ? "" : "desk")
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

    static func press(_ s: inout AppState, _ f: inout FormSession, _ target: HitTarget) -> [Effect] {
        guard case .listItem(let i) = target else { return [] }
        f.focus = i
        // A tap on a document ticks or unticks it, as Space does.
        return key(&s, &f, i < fields(f).count ? .text(" ") : .enter)
    }
}

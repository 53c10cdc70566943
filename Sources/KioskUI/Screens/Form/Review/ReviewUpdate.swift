import KioskCore

/// The review step: every answer, a line each (Enter goes to change it),
/// the declaration, Submit and Back.
enum ReviewUpdate {
    /// What the review lists, in form order: the answered (or wrong)
    /// visible fields (not hidden calculations), a repeat group whose
    /// checks fail (too few items, "exactly one main line") after its
    /// items, then the documents with a problem (one required and not
    /// given), so that every problem has a line to jump from.
    static func answerPaths(_ f: FormSession) -> [FieldPath] {
        let visible = f.state.allPaths.filter { f.form.fields[$0.field].type.isShown && f.state.isVisible($0) }
        var answers = visible.filter { p in
            f.form.fields[p.field].type != .document && (!f.state.raw(p).isEmpty || !f.state.issues(p).isEmpty)
        }
        // Each group with a problem after its items (an inner group's after
        // its items in that outer item), in the order of the form.
        let groups = f.state.allGroupPaths.filter { f.state.isVisible($0) && !f.state.issues($0).isEmpty }
        if !groups.isEmpty {
            let order = f.state.allPaths(withGroups: true)
            let rank = Dictionary(order.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
            answers = (answers + groups).sorted { (rank[$0] ?? Int.max) < (rank[$1] ?? Int.max) }
        }
        let documents = visible.filter { f.form.fields[$0.field].type == .document && !f.state.issues($0).isEmpty }
        return answers + documents
    }

    static func key(_ s: inout AppState, _ f: inout FormSession, _ key: Key) -> [Effect] {
        let paths = answerPaths(f)
        // Rows: the answers, the declaration, Submit, Back.
        let count = paths.count + 3
        switch key {
        case .tab, .down: f.focus = min(f.focus + 1, count - 1)
        case .backTab, .up: f.focus = max(0, f.focus - 1)
        case .pageDown: f.focus = min(f.focus + 10, count - 1)
        case .pageUp: f.focus = max(0, f.focus - 10)
        // End: straight to the declaration; Home: back to the first answer.
        case .end: f.focus = paths.count
        case .home: f.focus = 0
        case .escape:
            s.overlay = .confirmPause
            return []
        case .text(" ") where f.focus == paths.count:
            // Space ticks the declaration; nothing else does.
            f.declared.toggle()
        case .enter:
            if f.focus < paths.count { return jump(&f, to: paths[f.focus]) }
            // On the declaration, Enter moves on to Submit.
            if f.focus == paths.count { f.focus += 1; return [] }
            if f.focus == paths.count + 2 { return backToDocuments(&f) }
            return submit(&f)
        default: break
        }
        return []
    }

    static func submit(_ f: inout FormSession) -> [Effect] {
        let issues = f.state.allIssues()
        if !issues.isEmpty {
            f.message = S.issuesLeft
            f.checkedPages.formUnion(f.state.pagesWithIssues())
            f.focus = answerPaths(f).firstIndex(of: issues[0].path) ?? 0
            return []
        }
        guard f.declared else {
            f.message = S.declarationNeeded
            f.focus = answerPaths(f).count
            return []
        }
        return [.flush, .finalize(draftID: f.draft.id, form: f.form, state: f.state, earlierCodes: f.earlierCodes)]
    }

    /// From the review (or a page mark) to a field, to change it.
    static func jump(_ f: inout FormSession, to path: FieldPath) -> [Effect] {
        let field = f.form.fields[path.field]
        f.stage = field.type == .document ? .documents : .fields
        f.page = field.page
        // A repeat group's problems are shown by its "add" button (by its
        // last "remove" button when it is full).
        let rows = f.focusableRows
        f.focus = rows.firstIndex { $0.path == path || $0 == .addItem(for: path) }
            ?? rows.lastIndex { if case .removeItem = $0 { return $0.groupPath == path } else { return false } } ?? 0
        f.scroll = 0
        FormUpdate.enterRow(&f)
        return []
    }

    static func backToDocuments(_ f: inout FormSession) -> [Effect] {
        f.stage = .documents
        f.focus = 0
        return []
    }

    static func press(_ s: inout AppState, _ f: inout FormSession, _ target: HitTarget) -> [Effect] {
        switch target {
        case .listItem(let i):
            f.focus = i
            return key(&s, &f, .enter)
        case .button("submit"):
            f.focus = answerPaths(f).count + 1
            return submit(&f)
        case .button("declare"):
            f.declared.toggle()
            return []
        default:
            return []
        }
    }
}

import KioskCore

/// Keys and presses while a form is open.
enum FormInput {
    // MARK: Focus

    /// Prepares the focused row for input: its text in the edit buffer, the
    /// list filter emptied.
    static func enterRow(_ f: inout FormSession) {
        let rows = f.focusableRows
        if rows.isEmpty { f.focus = 0 } else { f.focus = min(max(0, f.focus), rows.count - 1) }
        f.pickerQuery = LineEdit()
        f.pickerIndex = 0
        if let row = f.focusedRow { f.edit = LineEdit(f.raw(row)) }
    }

    /// Leaves the focused row: its problems show from now on, and the
    /// progress is saved durably.
    static func leaveRow(_ f: inout FormSession) -> [Effect] {
        let retry: [Effect] = f.needsFullSave ? [save(&f, [])] : []
        guard let row = f.focusedRow, let p = row.path else { return retry }
        f.touched.insert(p)
        return retry + [progress(f)]
    }

    static func progress(_ f: FormSession) -> Effect {
        let required = f.state.allPaths.filter { f.state.isVisible($0) && f.state.isRequired($0) }
        let answered = required.filter { !f.state.value($0).isEmpty }.count
        let field = f.focusedRow?.path.map { f.state.name(of: $0) }
        return .saveProgress(draftID: f.draft.id, page: f.page, field: field, answered: answered, required: required.count)
    }

    static func moveFocus(_ s: inout AppState, _ f: inout FormSession, by step: Int) -> [Effect] {
        let effects = leaveRow(&f)
        let count = f.focusableRows.count
        guard count > 0 else { return effects }
        let next = f.focus + step
        if next >= count { return effects + goToPage(&s, &f, forward: true) }
        if next < 0 { return effects + goToPage(&s, &f, forward: false, focusLast: true) }
        f.focus = next
        enterRow(&f)
        s.composer.reset()
        return effects
    }

    /// The next or previous visible page; past the last one, the documents.
    static func goToPage(_ s: inout AppState, _ f: inout FormSession, forward: Bool, focusLast: Bool = false) -> [Effect] {
        var effects = leaveRow(&f)
        f.visitedPages.insert(f.page)
        if f.state.pageHasIssues(f.page) { f.checkedPages.insert(f.page) }
        s.composer.reset()
        if forward {
            if let next = f.firstVisiblePage(from: f.page + 1, step: 1) {
                f.page = next
                f.focus = f.firstFieldFocus
                f.scroll = 0
            } else {
                f.stage = .documents
                f.focus = 0
                f.scroll = 0
            }
        } else if let previous = f.firstVisiblePage(from: f.page - 1, step: -1) {
            f.page = previous
            f.focus = focusLast ? max(0, f.focusableRows.count - 1) : f.firstFieldFocus
            f.scroll = 0
        } else {
            return effects
        }
        enterRow(&f)
        effects.append(progress(f))
        return effects
    }

    // MARK: Keys

    static func key(_ s: inout AppState, _ f: inout FormSession, _ key: Key) -> [Effect] {
        switch f.stage {
        case .fields: return fieldsKey(&s, &f, key)
        case .documents: return documentsKey(&s, &f, key)
        case .review: return reviewKey(&s, &f, key)
        }
    }

    static func fieldsKey(_ s: inout AppState, _ f: inout FormSession, _ key: Key) -> [Effect] {
        f.message = f.saveError
        let row = f.focusedRow
        let kind = row.map { f.inputKind($0) } ?? .readOnly
        let pickerOpen = kind == .picker && row != nil && !f.pickerRows(row!).isEmpty && (!f.pickerQuery.text.isEmpty || f.raw(row!).isEmpty)
        switch key {
        case .escape:
            if !f.pickerQuery.text.isEmpty {
                f.pickerQuery = LineEdit()
                return []
            }
            s.overlay = .confirmPause
            return leaveRow(&f)
        case .tab: return moveFocus(&s, &f, by: 1)
        case .backTab: return moveFocus(&s, &f, by: -1)
        case .down:
            if pickerOpen {
                f.pickerIndex = min(f.pickerIndex + 1, f.pickerRows(row!).count - 1)
                return []
            }
            return moveFocus(&s, &f, by: 1)
        case .up:
            if pickerOpen && f.pickerIndex > 0 {
                f.pickerIndex -= 1
                return []
            }
            return moveFocus(&s, &f, by: -1)
        case .pageDown: return goToPage(&s, &f, forward: true)
        case .pageUp: return goToPage(&s, &f, forward: false)
        default: break
        }
        guard let row else { return key == .enter ? goToPage(&s, &f, forward: true) : [] }

        switch kind {
        case .readOnly:
            if key == .enter { return moveFocus(&s, &f, by: 1) }
            return []
        case .button:
            guard key == .enter || key == .text(" ") else { return [] }
            return pressButton(&s, &f, row)
        case .toggle:
            if key == .enter || key == .text(" ") {
                let value = f.raw(row) == "desk" ? "" : "desk"
                return setAnswer(&f, row, value)
            }
            return []
        case .radio(let options):
            let current = options.firstIndex { $0.value == f.raw(row) }
            switch key {
            case .right, .text(" "):
                return setAnswer(&f, row, options[current.map { ($0 + 1) % options.count } ?? 0].value)
            case .left:
                return setAnswer(&f, row, options[current.map { ($0 + options.count - 1) % options.count } ?? options.count - 1].value)
            case .text(let t) where t.count == 1 && t.first!.isASCII && t.first!.isNumber:
                let n = t.first!.wholeNumberValue! - 1
                return options.indices.contains(n) ? setAnswer(&f, row, options[n].value) : []
            case .text(let t):
                // The first letter of an option chooses it (c/k for Có/Không, n for Nam).
                let folded = VietnameseText.fold(t)
                if let o = options.first(where: { VietnameseText.fold($0.label.text(s.language)).hasPrefix(folded) }) {
                    return setAnswer(&f, row, o.value)
                }
                return []
            case .enter: return moveFocus(&s, &f, by: 1)
            case .backspace, .delete: return setAnswer(&f, row, "")
            default: return []
            }
        case .checks(let options):
            var chosen = f.raw(row).split(separator: " ").map(String.init)
            switch key {
            case .right: f.pickerIndex = min(f.pickerIndex + 1, options.count - 1)
            case .left: f.pickerIndex = max(0, f.pickerIndex - 1)
            case .text(" "):
                let v = options[f.pickerIndex].value
                if let i = chosen.firstIndex(of: v) { chosen.remove(at: i) } else { chosen.append(v) }
                let ordered = options.map(\.value).filter(chosen.contains)
                return setAnswer(&f, row, ordered.joined(separator: " "))
            case .enter: return moveFocus(&s, &f, by: 1)
            default: break
            }
            return []
        case .picker:
            let list = f.pickerRows(row)
            switch key {
            case .enter:
                if (!f.pickerQuery.text.isEmpty || f.raw(row).isEmpty), f.pickerIndex < list.count {
                    let effects = setAnswer(&f, row, list[f.pickerIndex].code)
                    f.pickerQuery = LineEdit()
                    f.pickerIndex = 0
                    return effects + moveFocus(&s, &f, by: 1)
                }
                return moveFocus(&s, &f, by: 1)
            case .backspace where f.pickerQuery.text.isEmpty:
                return setAnswer(&f, row, "")
            default:
                if TextInput.edit(&f.pickerQuery, key, composer: &s.composer, ime: s.inputMethod != .off) { f.pickerIndex = 0 }
                return []
            }
        case .line(let latinOnly, let digitsOnly, let date):
            if key == .enter { return moveFocus(&s, &f, by: 1) }
            var key = key
            if date, case .text(let t) = key, t.count == 1, t.first!.isNumber, f.edit.cursor == f.edit.text.count {
                // The separators fill themselves in: 14112026 → 14/11/2026.
                let text = f.edit.text
                if text.count == 2 || text.count == 5, !text.hasSuffix("/") { key = .text("/" + t) }
            }
            var maxLength = 200
            if case .field(let p) = row, [FieldType.text, .textarea].contains(f.form.fields[p.field].type) {
                maxLength = f.form.fields[p.field].maxLength
            }
            let allowed: Set<Character>? = digitsOnly ? Set("0123456789 -") : (date ? Set("0123456789/-.") : nil)
            let accept: (Character) -> Bool = { c in allowed.map { $0.contains(c) } ?? true }
            let ime = !latinOnly && s.inputMethod != .off
            guard TextInput.edit(&f.edit, key, composer: &s.composer, ime: ime, accept: accept, maxLength: maxLength) else { return [] }
            return setAnswer(&f, row, f.edit.text, keepEdit: true)
        }
    }

    /// Puts a row's new text into the form state and saves the answer at once.
    static func setAnswer(_ f: inout FormSession, _ row: FormRow, _ text: String, keepEdit: Bool = false) -> [Effect] {
        guard let (path, raw) = f.answer(setting: row, to: text) else { return [] }
        let focusedBefore = f.focusedRow
        f.state.set(path, raw: raw)
        if !keepEdit { f.edit = LineEdit(f.raw(row)) }
        // Fields may have appeared or gone: keep the focus on the same row.
        if let focusedBefore, let i = f.focusableRows.firstIndex(of: focusedBefore) { f.focus = i }
        return [save(&f, [AnswerPair(f.state.name(of: path), raw)])]
    }

    /// Saves answers; after a failed save, every typed answer goes again.
    static func save(_ f: inout FormSession, _ answers: [AnswerPair]) -> Effect {
        guard f.needsFullSave else { return .saveAnswers(draftID: f.draft.id, answers: answers) }
        f.needsFullSave = false
        let all = f.state.typedAnswers.map { AnswerPair($0.name, $0.raw) }
        let names = Set(all.map(\.name))
        return .saveAnswers(draftID: f.draft.id, answers: all + answers.filter { !names.contains($0.name) })
    }

    static func pressButton(_ s: inout AppState, _ f: inout FormSession, _ row: FormRow) -> [Effect] {
        var effects = leaveRow(&f)
        switch row {
        case .priorEntry:
            s.page = .prior(PriorState(session: f))
            s.composer.reset()
            return effects
        case .copyPerson(let role):
            effects += copyApplicant(&f, to: role)
        case .copyAddress(let p):
            // Only into an empty address: what was typed stays.
            if let above = f.addressAbove(p), f.state.value(p).isEmpty {
                let raw = f.state.raw(above)
                f.state.set(p, raw: raw)
                effects.append(save(&f, [AnswerPair(f.state.name(of: p), raw)]))
                f.message = S.copied(1)
            }
        case .addItem(let g):
            guard f.state.addItem(g) != nil else { return effects }
            let item = f.state.itemCount(g) - 1
            // The new item is kept even while it is empty.
            let first = FieldPath(field: f.form.fields[g].children[0], item: item)
            effects.append(save(&f, [AnswerPair(f.state.name(of: first), f.state.raw(first))]))
            // Focus the new item's first field.
            if let i = f.focusableRows.firstIndex(where: { $0.path?.item == item && f.form.fields[$0.path!.field].group == g }) { f.focus = i }
        case .removeItem(let g, let item):
            guard f.state.removeItem(g, at: item) != nil else { return effects }
            // The items after it moved up: the group's answers are saved again as they now stand.
            let ids = f.form.fields[g].children.map { f.form.fields[$0].id }
            let answers = f.state.typedAnswers.filter { a in ids.contains { a.name.hasPrefix($0 + "[") } }
            effects.append(.replaceItemAnswers(draftID: f.draft.id, fieldIDs: ids, answers: answers.map { AnswerPair($0.name, $0.raw) }))
        default: break
        }
        enterRow(&f)
        effects.append(progress(f))
        return effects
    }

    /// "Same as the applicant": the applicant's answers into the empty
    /// fields of `role` with the same attributes. Nothing typed is replaced.
    static func copyApplicant(_ f: inout FormSession, to role: String) -> [Effect] {
        var answers: [AnswerPair] = []
        for target in f.form.fields where target.group == nil && target.isEditable {
            guard let key = target.key, let (r, attribute) = SemanticKeys.split(key), r == role,
                  let source = f.form.fields.first(where: { $0.group == nil && $0.key == "applicant.\(attribute)" }) else { continue }
            let from = FieldPath(field: source.index), to = FieldPath(field: target.index)
            let raw = f.state.raw(from)
            guard !raw.isEmpty, f.state.raw(to).isEmpty || f.state.raw(to) == target.defaultRaw,
                  FieldValueParser.problem(with: raw, for: target, datasets: f.form.datasets) == nil else { continue }
            f.state.set(to, raw: raw)
            answers.append(AnswerPair(target.id, raw))
        }
        f.message = answers.isEmpty ? S.nothingToCopy : S.copied(answers.count)
        return answers.isEmpty ? [] : [save(&f, answers)]
    }

    // MARK: Documents

    /// The document rows: each document field of the form, in order.
    static func documentFields(_ f: FormSession) -> [FieldDefinition] {
        f.form.fields.filter { $0.type == .document && $0.group == nil && f.state.isVisible(FieldPath(field: $0.index)) }
    }

    static func documentsKey(_ s: inout AppState, _ f: inout FormSession, _ key: Key) -> [Effect] {
        let docs = documentFields(f)
        // Rows: the documents, then Back and Next.
        let count = docs.count + 2
        switch key {
        case .tab, .down: f.focus = (f.focus + 1) % count
        case .backTab, .up: f.focus = (f.focus + count - 1) % count
        case .pageUp, .escape: return backFromDocuments(&s, &f)
        case .pageDown: return toReview(&f)
        case .enter, .text(" "):
            if f.focus < docs.count {
                let p = FieldPath(field: docs[f.focus].index)
                return setAnswer(&f, .field(p), f.state.raw(p) == "desk" ? "" : "desk")
            }
            return f.focus == docs.count ? backFromDocuments(&s, &f) : toReview(&f)
        default: break
        }
        return []
    }

    static func backFromDocuments(_ s: inout AppState, _ f: inout FormSession) -> [Effect] {
        f.stage = .fields
        f.page = f.firstVisiblePage(from: f.form.pages.count - 1, step: -1) ?? 0
        f.focus = max(0, f.focusableRows.count - 1)
        enterRow(&f)
        return []
    }

    static func toReview(_ f: inout FormSession) -> [Effect] {
        f.stage = .review
        f.focus = 0
        f.scroll = 0
        return [progress(f)]
    }

    // MARK: Review

    /// The answered (or wrong) visible fields, in form order: what the review lists.
    static func reviewPaths(_ f: FormSession) -> [FieldPath] {
        f.state.allPaths.filter { p in
            f.state.isVisible(p) && f.form.fields[p.field].type != .document
                && (!f.state.raw(p).isEmpty || !f.state.issues(p).isEmpty)
        }
    }

    static func reviewKey(_ s: inout AppState, _ f: inout FormSession, _ key: Key) -> [Effect] {
        let paths = reviewPaths(f)
        // Rows: the answers, the declaration, Submit, Back.
        let count = paths.count + 3
        switch key {
        case .tab, .down: f.focus = min(f.focus + 1, count - 1)
        case .backTab, .up: f.focus = max(0, f.focus - 1)
        case .pageDown: f.focus = min(f.focus + 10, count - 1)
        case .pageUp: f.focus = max(0, f.focus - 10)
        case .escape:
            f.stage = .documents
            f.focus = 0
        case .enter, .text(" "):
            if f.focus < paths.count { return jump(&f, to: paths[f.focus]) }
            if f.focus == paths.count { f.declared.toggle(); return [] }
            if f.focus == paths.count + 2 { f.stage = .documents; f.focus = 0; return [] }
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
            f.focus = reviewPaths(f).firstIndex(of: issues[0].path) ?? 0
            return []
        }
        guard f.declared else {
            f.message = S.declarationNeeded
            f.focus = reviewPaths(f).count
            return []
        }
        return [.flush, .finalize(draftID: f.draft.id, form: f.form, state: f.state, earlierCodes: f.earlierCodes)]
    }

    /// From the review (or a page mark) to a field, to change it.
    static func jump(_ f: inout FormSession, to path: FieldPath) -> [Effect] {
        let field = f.form.fields[path.field]
        f.stage = field.type == .document ? .documents : .fields
        f.page = field.page
        f.focus = f.focusableRows.firstIndex { $0.path == path } ?? 0
        f.scroll = 0
        enterRow(&f)
        return []
    }

    // MARK: Press

    static func press(_ s: inout AppState, _ f: inout FormSession, _ target: HitTarget) -> [Effect] {
        switch (f.stage, target) {
        case (.fields, .field(let i)):
            guard i != f.focus else { return [] }
            let effects = leaveRow(&f)
            f.focus = i
            enterRow(&f)
            s.composer.reset()
            return effects
        case (.fields, .listItem(let i)):
            // A row of an open list, or an option of a radio or check row.
            guard let row = f.focusedRow else { return [] }
            switch f.inputKind(row) {
            case .radio(let options): return options.indices.contains(i) ? setAnswer(&f, row, options[i].value) : []
            case .checks:
                f.pickerIndex = i
                return fieldsKey(&s, &f, .text(" "))
            case .picker:
                f.pickerIndex = i
                if f.pickerQuery.text.isEmpty && !f.raw(row).isEmpty { f.pickerQuery = LineEdit(" ") }
                return fieldsKey(&s, &f, .enter)
            default: return []
            }
        case (.fields, .page(let p)):
            let effects = leaveRow(&f)
            f.page = p
            f.focus = 0
            f.scroll = 0
            enterRow(&f)
            return effects
        case (_, .button("next")):
            return f.stage == .documents ? toReview(&f) : goToPage(&s, &f, forward: true)
        case (_, .button("previous")):
            if f.stage == .documents { return backFromDocuments(&s, &f) }
            if f.stage == .review { f.stage = .documents; f.focus = 0; return [] }
            return goToPage(&s, &f, forward: false)
        case (.fields, .button(let b)) where b.hasPrefix("row."):
            let i = Int(b.dropFirst(4))!
            f.focus = i
            return fieldsKey(&s, &f, .enter)
        case (.documents, .listItem(let i)):
            f.focus = i
            return documentsKey(&s, &f, .enter)
        case (.review, .listItem(let i)):
            f.focus = i
            return reviewKey(&s, &f, .enter)
        case (.review, .button("submit")):
            f.focus = reviewPaths(f).count + 1
            return submit(&f)
        case (.review, .button("declare")):
            f.declared.toggle()
            return []
        default:
            return []
        }
    }
}

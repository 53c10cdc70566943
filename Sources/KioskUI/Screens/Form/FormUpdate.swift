import KioskCore

/// Moving about an open form and changing its answers: what the field
/// pages, the documents and the review share.
enum FormUpdate {
    // MARK: Focus

    /// Prepares the focused row for input: its text in the edit buffer, the
    /// list filter emptied.
    static func enterRow(_ f: inout FormSession) {
        let rows = f.focusableRows
        if rows.isEmpty { f.focus = 0 } else { f.focus = min(max(0, f.focus), rows.count - 1) }
        f.pickerQuery = LineEdit()
        f.pickerIndex = 0
        f.suggestIndex = nil
        f.typedInRow = false
        f.keyRefusal = nil
        if let row = f.focusedRow { f.edit = LineEdit(f.raw(row)) }
    }

    /// Leaves the focused row: its problems show from now on if something
    /// was typed in it (a field passed by stays quiet until the page is
    /// checked), and the progress is saved durably.
    static func leaveRow(_ f: inout FormSession) -> [Effect] {
        let retry: [Effect] = f.needsFullSave ? [save(&f, [])] : []
        guard let row = f.focusedRow, let p = row.path else { return retry }
        if f.typedInRow { f.touched.insert(p) }
        f.typedInRow = false
        return retry + [progress(f)]
    }

    static func progress(_ f: FormSession) -> Effect {
        let progress = f.state.requiredProgress
        let field = f.focusedRow?.path.map { f.state.name(of: $0) }
        return .saveProgress(draftID: f.draft.id, page: f.page, field: field, answered: progress.answered, required: progress.required)
    }

    /// The next or previous row of the page. Tab and the arrows never leave
    /// the page: at its end they say how to go on. Enter (`leavesPage`)
    /// goes on to the next page from the last row.
    static func moveFocus(_ s: inout AppState, _ f: inout FormSession, by step: Int, leavesPage: Bool = false) -> [Effect] {
        let count = f.focusableRows.count
        let next = f.focus + step
        if next >= count {
            if leavesPage { return goOn(&s, &f) }
            f.message = S.endOfPage
            return []
        }
        if next < 0 {
            f.message = S.startOfPage
            return []
        }
        let effects = leaveRow(&f)
        f.focus = next
        enterRow(&f)
        s.composer.reset()
        return effects
    }

    /// Enter on a row: confirmed, on to the next one (or the next page).
    /// Enter passes over "− Xoá mục này": after an item's last field it
    /// goes to the next item's first field or to "+ Thêm", because Enter
    /// means "this answer is done, go on", and a second Enter (a key
    /// pressed twice by habit) must never land on a button that deletes.
    /// Tab, the arrows and a tap still reach the button on purpose.
    static func enterNext(_ s: inout AppState, _ f: inout FormSession) -> [Effect] {
        let rows = f.focusableRows
        var step = 1
        while f.focus + step < rows.count, case .removeItem = rows[f.focus + step] { step += 1 }
        return moveFocus(&s, &f, by: step, leavesPage: true)
    }

    /// The fields of this page that have a problem, then its repeat groups
    /// whose own checks fail (too few items, "exactly one main line").
    static func problems(_ f: FormSession, page: Int) -> [FieldPath] {
        let fields = f.state.allPaths.filter { p in
            f.form.fields[p.field].page == page && f.form.fields[p.field].type != .document && f.state.isVisible(p) && !f.state.issues(p).isEmpty
        }
        let groups = f.state.allGroupPaths.filter { f.form.fields[$0.field].page == page && f.state.isVisible($0) && !f.state.issues($0).isEmpty }
        return fields + groups
    }

    /// On to the next page (or the documents), after asking when this page
    /// still has problems; to page `to` when given.
    static func goOn(_ s: inout AppState, _ f: inout FormSession, to page: Int? = nil) -> [Effect] {
        let effects = leaveRow(&f)
        let left = problems(f, page: f.page)
        // Asked once per page: a helper who chose to go on is not asked again.
        guard left.isEmpty || f.askedPages.contains(f.page) else {
            f.askedPages.insert(f.page)
            s.overlay = .leavePage(problems: left.count, to: page)
            return effects
        }
        return effects + (page.map { goToPage(&s, &f, page: $0) } ?? goToPage(&s, &f, forward: true))
    }

    /// "Fix it now": the page's problems show, the focus on the first.
    static func showProblems(_ f: inout FormSession) {
        f.checkedPages.insert(f.page)
        // A group's problem is shown by its "add" button.
        if let first = problems(f, page: f.page).first,
           let i = f.focusableRows.firstIndex(where: { $0.path == first || $0 == .addItem(for: first) }) { f.focus = i }
        enterRow(&f)
    }

    /// A page chosen by its mark in the footer.
    static func goToPage(_ s: inout AppState, _ f: inout FormSession, page: Int) -> [Effect] {
        var effects = leaveRow(&f)
        f.visitedPages.insert(f.page)
        s.composer.reset()
        f.stage = .fields
        f.page = page
        f.focus = f.firstFieldFocus
        f.scroll = 0
        enterRow(&f)
        effects.append(progress(f))
        return effects
    }

    /// The next or previous visible page; past the last one, the documents.
    static func goToPage(_ s: inout AppState, _ f: inout FormSession, forward: Bool, focusLast: Bool = false) -> [Effect] {
        var effects = leaveRow(&f)
        f.visitedPages.insert(f.page)
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

    /// Puts a row's new text into the form state and saves the answer at once.
    /// On the field pages `row` is the focused row: when rows may have come
    /// or gone above it (something shown or hidden, a "same as" button), the
    /// focus is kept on it; otherwise the page's rows are not built again.
    static func setAnswer(_ f: inout FormSession, _ row: FormRow, _ text: String, keepEdit: Bool = false) -> [Effect] {
        guard let (path, raw) = f.answer(setting: row, to: text) else { return [] }
        let changes = f.state.set(path, raw: raw)
        f.typedInRow = true
        if !keepEdit { f.edit = LineEdit(f.raw(row)) }
        if f.stage == .fields, changes.showsOrHides || f.feedsCopyButtons(path), let i = f.focusableRows.firstIndex(of: row) { f.focus = i }
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
            s.page = .prior(PriorState(session: f, agencyCode: s.context.agencyCode))
            s.composer.reset()
            return effects
        case .copyPerson(let role):
            effects += copyApplicant(&f, to: role)
        case .copyToApplicant(let role):
            effects += copyToApplicant(&f, from: role)
            // On to what is left to answer on the page after it.
            let rows = f.focusableRows
            if let at = rows.firstIndex(of: row),
               let next = rows.indices.first(where: { $0 > at && rows[$0].path.map { f.state.raw($0).isEmpty } == true }) {
                f.focus = next
            }
        case .copyAddress(let p):
            // Only into an empty address: what was typed stays.
            if let above = f.addressAbove(p), f.state.value(p).isEmpty {
                let raw = f.state.raw(above)
                f.state.set(p, raw: raw)
                f.copies[f.state.name(of: p)] = (raw, f.state.label(of: above))
                effects.append(save(&f, [AnswerPair(f.state.name(of: p), raw)]))
                f.message = S.copied([(f.state.label(of: p), f.form.pages[f.form.fields[p.field].page].title)])
            }
        case .addItem(let g, let outer):
            guard f.state.addItem(g, in: outer) != nil else { return effects }
            let item = f.state.itemCount(g, in: outer) - 1
            // The new item: (item) of a group at the top, (outer, item) of a group inside a group.
            let at = outer.map { FieldPath(field: g, item: $0, subItem: item) } ?? FieldPath(field: g, item: item)
            // The new item is kept even while it is empty.
            if let first = firstAnswer(f, group: g, at: at) {
                effects.append(save(&f, [AnswerPair(f.state.name(of: first), f.state.raw(first))]))
            }
            // Focus the new item's first field (of its first inner item, when it has no field of its own).
            if let i = f.focusableRows.firstIndex(where: { row in
                guard let p = row.path, f.form.isInside(p.field, group: g) else { return false }
                return outer == nil ? p.item == item : (p.item == outer && p.subItem == item)
            }) { f.focus = i }
        case .removeItem(let g, let item, let outer):
            // Nothing typed is lost by surprise: an item with answers is
            // removed only once the person confirms it (focus on "Không xoá").
            if itemHasAnswers(f, group: g, item: item, outer: outer) {
                s.overlay = .confirmRemoveItem(group: g, item: item, outer: outer, name: itemName(f, group: g, item: item, outer: outer))
                return effects
            }
            return effects + removeItem(&f, group: g, item: item, outer: outer)
        default: break
        }
        enterRow(&f)
        effects.append(progress(f))
        return effects
    }

    /// The first answer a new item of group `g` at `at` has (of its first
    /// inner item, when it has no field of its own): saved, even empty, so
    /// that the item is kept with the draft.
    static func firstAnswer(_ f: FormSession, group g: Int, at: FieldPath) -> FieldPath? {
        let form = f.form
        let children = form.fields[g].children
        if let c = children.first(where: { form.fields[$0].type.holdsAnswer && form.fields[$0].compute == nil }) {
            return form.path(of: c, alongside: at)
        }
        for inner in children where form.fields[inner].type == .repeat && f.state.itemCount(inner, in: at.item) > 0 {
            if let c = form.fields[inner].children.first(where: { form.fields[$0].type.holdsAnswer && form.fields[$0].compute == nil }) {
                return FieldPath(field: c, item: at.item, subItem: 0)
            }
        }
        return nil
    }

    /// The paths of one item's answers: its own fields, and those of its
    /// inner groups' items (an item of a group inside a group has no inner groups).
    static func itemPaths(_ f: FormSession, group g: Int, item: Int, outer: Int?) -> [FieldPath] {
        var paths: [FieldPath] = []
        for c in f.form.fields[g].children {
            if let outer {
                paths.append(FieldPath(field: c, item: outer, subItem: item))
            } else if f.form.fields[c].type == .repeat {
                for sub in 0..<f.state.itemCount(c, in: item) {
                    paths += f.form.fields[c].children.map { FieldPath(field: $0, item: item, subItem: sub) }
                }
            } else {
                paths.append(FieldPath(field: c, item: item))
            }
        }
        return paths
    }

    /// Whether an item of a repeat group holds an answer (anything but its defaults).
    static func itemHasAnswers(_ f: FormSession, group g: Int, item: Int, outer: Int?) -> Bool {
        itemPaths(f, group: g, item: item, outer: outer).contains { p in
            let raw = f.state.raw(p)
            return !raw.isEmpty && raw != f.form.fields[p.field].defaultRaw
        }
    }

    /// An item's name as its header shows it ("Thành viên 1", "Ngành nghề 1 của địa điểm 2").
    static func itemName(_ f: FormSession, group g: Int, item: Int, outer: Int?) -> LocalizedText {
        let def = f.form.fields[g]
        func fill(_ text: String) -> String {
            text.replacingOccurrences(of: "{n}", with: "\(item + 1)").replacingOccurrences(of: "{m}", with: "\((outer ?? 0) + 1)")
        }
        if let label = def.itemLabel { return LocalizedText(vi: fill(label.vi), en: fill(label.text(.en))) }
        return LocalizedText(vi: "\(def.label.vi) — \(S.item.vi) \(item + 1)", en: "\(def.label.text(.en)) — \(S.item.text(.en)) \(item + 1)")
    }

    /// Removes an item of a repeat group and saves the group's answers (its
    /// inner groups' included) as they now stand: the items after it moved up.
    static func removeItem(_ f: inout FormSession, group g: Int, item: Int, outer: Int?) -> [Effect] {
        guard f.state.removeItem(g, at: item, in: outer) != nil else { return [] }
        let ids = f.form.descendants(of: g).filter { f.form.fields[$0].type.holdsAnswer }.map { f.form.fields[$0].id }
        let answers = f.state.typedAnswers.filter { a in ids.contains { a.name.hasPrefix($0 + "[") } }
        var effects: [Effect] = [.replaceItemAnswers(draftID: f.draft.id, fieldIDs: ids, answers: answers.map { AnswerPair($0.name, $0.raw) })]
        enterRow(&f)
        effects.append(progress(f))
        return effects
    }

    /// "Same as the applicant": the applicant's answers into the empty
    /// fields of `role` with the same attributes, where they are shown and
    /// would change. Nothing typed is replaced. The message names what was
    /// copied and where (issue 13, section 7), never only a count.
    static func copyApplicant(_ f: inout FormSession, to role: String) -> [Effect] {
        var answers: [AnswerPair] = []
        var copied: [FieldDefinition] = []
        for target in f.form.fields where target.group == nil && target.isEditable {
            guard let key = target.key, let (r, attribute) = SemanticKeys.split(key), r == role,
                  let source = f.form.fields.first(where: { $0.group == nil && $0.key == "applicant.\(attribute)" }) else { continue }
            let from = FieldPath(field: source.index), to = FieldPath(field: target.index)
            let raw = f.state.raw(from), current = f.state.raw(to)
            // Shown now (an answer copied into a hidden field is not seen nor
            // sent), empty or still its default, and different.
            guard !raw.isEmpty, raw != current, f.state.isVisible(to), f.state.isUnanswered(to),
                  FieldValueParser.problem(with: raw, for: target, datasets: f.form.datasets) == nil else { continue }
            f.state.set(to, raw: raw)
            f.copies[target.id] = (raw, f.form.pages[source.page].title)
            answers.append(AnswerPair(target.id, raw))
            copied.append(target)
        }
        f.message = copied.isEmpty ? S.nothingToCopy : S.copied(copied.map { (f.state.label(of: FieldPath(field: $0.index)), f.form.pages[$0.page].title) })
        return answers.isEmpty ? [] : [save(&f, answers)]
    }

    /// "= Giống người cha": the answers of `role` (filled from an earlier
    /// dossier, or typed on their page) into the applicant's empty fields,
    /// and the relationship, when it is empty and `role` is one of its
    /// options: the one registering is that person. Marked `=`; the
    /// message says what was copied, where.
    static func copyToApplicant(_ f: inout FormSession, from role: String) -> [Effect] {
        var answers: [AnswerPair] = []
        var copied: [FieldDefinition] = []
        let from = f.pageTitle(ofRole: role)
        func put(_ target: FieldDefinition, _ raw: String) {
            let to = FieldPath(field: target.index)
            let current = f.state.raw(to)
            guard !raw.isEmpty, raw != current, f.state.isUnanswered(to),
                  FieldValueParser.problem(with: raw, for: target, datasets: f.form.datasets) == nil else { return }
            f.state.set(to, raw: raw)
            f.copies[target.id] = (raw, from)
            answers.append(AnswerPair(target.id, raw))
            copied.append(target)
        }
        if let relationship = f.form.fields.first(where: { $0.group == nil && $0.key == "dossier.relationship" && $0.isEditable }) {
            put(relationship, role)
        }
        // In form order, so that a choice (the id type) is set before what it shows.
        for target in f.form.fields where target.group == nil && target.isEditable {
            guard let key = target.key, let (r, attribute) = SemanticKeys.split(key), r == "applicant",
                  let source = f.form.fields.first(where: { $0.group == nil && $0.key == "\(role).\(attribute)" }) else { continue }
            // Shown on the applicant's page once the answers before it are in.
            guard f.state.isVisible(FieldPath(field: target.index)) else { continue }
            put(target, f.state.raw(FieldPath(field: source.index)))
        }
        f.message = copied.isEmpty ? S.nothingToCopy : S.copied(copied.map { (f.state.label(of: FieldPath(field: $0.index)), f.form.pages[$0.page].title) })
        return answers.isEmpty ? [] : [save(&f, answers)]
    }
}

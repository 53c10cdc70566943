import KioskCore

/// A line of text with suggestions from a dataset (`suggest`, docs/forms.md):
/// what is typed stays the answer; the matching rows show under it, ↓ ↑
/// highlight one and Enter (or a tap) takes it: its text, and the answers it
/// fills that are still empty. With nothing highlighted Enter keeps the
/// typed text and moves on, as in any line: a suggestion is never taken by
/// surprise.
struct SuggestInput: FieldInput {
    /// The list shows while something typed in the row matches.
    static func rows(_ row: FormRow, _ f: FormSession) -> [(row: DatasetRow, alias: String?)] {
        guard case .field(let p) = row, f.typedInRow, !f.edit.text.isEmpty else { return [] }
        return f.state.suggestions(for: p, typed: f.edit.text, limit: shown)
    }

    static let shown = 5

    func keyBeforePage(_ key: Key, _ row: FormRow, _ f: inout FormSession) -> [Effect]? {
        switch key {
        case .down:
            // Searched only for the keys that move in the list.
            let count = Self.rows(row, f).count
            guard count > 0 else { return nil }
            f.suggestIndex = min((f.suggestIndex ?? -1) + 1, count - 1)
            return []
        case .up where f.suggestIndex != nil:
            f.suggestIndex = f.suggestIndex! > 0 ? f.suggestIndex! - 1 : nil
            return []
        case .escape where f.suggestIndex != nil:
            f.suggestIndex = nil
            return []
        default:
            return nil
        }
    }

    func key(_ key: Key, _ row: FormRow, _ f: inout FormSession, _ s: inout AppState) -> [Effect] {
        if key == .enter {
            let list = Self.rows(row, f)
            if let i = f.suggestIndex, i < list.count { return take(list[i].row, row, &f, &s) }
            return FormUpdate.enterNext(&s, &f)
        }
        let maxLength: Int
        if case .field(let p) = row { maxLength = f.form.fields[p.field].maxLength } else { maxLength = 200 }
        let before = f.edit.text
        let effects = LineInput.edit(key, row, &f, &s, ime: true, accept: { _ in true }, maxLength: maxLength)
        if f.edit.text != before { f.suggestIndex = nil }
        return effects
    }

    func press(item i: Int, _ row: FormRow, _ f: inout FormSession, _ s: inout AppState) -> [Effect] {
        let list = Self.rows(row, f)
        guard i < list.count else { return [] }
        return take(list[i].row, row, &f, &s)
    }

    /// The chosen row's text into the field; the answers it fills that are
    /// empty (those already given stay, and the message says so); then on
    /// to the next row.
    func take(_ chosen: DatasetRow, _ row: FormRow, _ f: inout FormSession, _ s: inout AppState) -> [Effect] {
        guard case .field(let p) = row else { return [] }
        let text = f.state.suggestionText(chosen, for: p)
        var effects = FormUpdate.setAnswer(&f, row, text)
        var filled: [FieldPath] = [], kept: [FieldPath] = []
        var answers: [AnswerPair] = []
        for (target, raw) in f.state.suggestionFills(chosen, for: p) {
            let current = f.state.raw(target)
            if current == raw { continue }
            guard f.state.isUnanswered(target) else { kept.append(target); continue }
            f.state.set(target, raw: raw)
            f.copies[f.state.name(of: target)] = (raw, LocalizedText(vi: text, en: text))
            answers.append(AnswerPair(f.state.name(of: target), raw))
            filled.append(target)
        }
        if !answers.isEmpty { effects.append(FormUpdate.save(&f, answers)) }
        f.suggestIndex = nil
        f.message = S.suggestionTaken(from: text, filled: filled.map { f.state.label(of: $0) }, kept: kept.map { f.state.label(of: $0) })
        // The focus stays on this field's row, wherever the fills moved it.
        if let i = f.focusableRows.firstIndex(of: row) { f.focus = i }
        return effects + FormUpdate.enterNext(&s, &f)
    }

    func draw(_ c: inout Canvas, _ row: FormRow, _ f: FormSession, _ s: AppState, _ at: InputPlace) {
        LineInput.drawBox(&c, row, f, at)
    }

    /// The matching rows under the focused input, a line saying how to take
    /// one first.
    func linesBelow(_ row: FormRow, _ f: FormSession, _ s: AppState, _ at: InputPlace) -> [FormLine] {
        guard at.focused, case .field(let p) = row else { return [] }
        let list = Self.rows(row, f)
        guard !list.isEmpty else { return [] }
        let language = s.language
        var out: [FormLine] = []
        for text in WordWrap.lines(S.suggestionsHint.text(language), width: at.width - 2) {
            out.append(FormLine(focusIndex: at.focusIndex) { c, y in c.screen.put("  " + text, x: at.x, y: y, style: Style(.muted)) })
        }
        for (i, item) in list.enumerated() {
            let selected = i == f.suggestIndex
            let style = Style(selected ? .focused : .button)
            let text = f.state.suggestionText(item.row, for: p)
            let label = item.alias.map { $0 + " → " + text } ?? text
            for (k, line) in WordWrap.lines(label, width: at.width - 6).enumerated() {
                out.append(FormLine(focusIndex: at.focusIndex) { c, y in
                    c.screen.fill(x: at.x + 2, y: y, width: at.width - 4, height: 1, style: style)
                    c.screen.put((k > 0 ? "  " : selected ? "▶ " : "  ") + line, x: at.x + 2, y: y, style: style)
                    c.screen.hitAreas.append(HitArea(x: at.x + 2, y: y, width: at.width - 4, height: 1, target: .listItem(i)))
                })
            }
        }
        return out
    }
}

import KioskCore

/// A value the form computes (or a field it does not let be changed):
/// shown with "(tự tính)"; Enter moves on.
struct ReadOnlyInput: FieldInput {
    func key(_ key: Key, _ row: FormRow, _ f: inout FormSession, _ s: inout AppState) -> [Effect] {
        key == .enter ? FormUpdate.enterNext(&s, &f) : []
    }

    func draw(_ c: inout Canvas, _ row: FormRow, _ f: FormSession, _ s: AppState, _ at: InputPlace) {
        let lines = Self.lines(row, f, s, at)
        guard let first = lines.first else { return }
        c.screen.put(first, x: at.x + 2, y: at.y, style: Style(at.focused ? .focused : .normal))
    }

    /// A long value goes on over the next lines.
    func linesBelow(_ row: FormRow, _ f: FormSession, _ s: AppState, _ at: InputPlace) -> [FormLine] {
        Self.lines(row, f, s, at).dropFirst().map { text in
            FormLine(focusIndex: at.focusIndex) { c, y in c.screen.put(text, x: at.x + 2, y: y, style: Style(at.focused ? .focused : .normal)) }
        }
    }

    /// The value, then "(tự tính)", wrapped to the input's width.
    static func lines(_ row: FormRow, _ f: FormSession, _ s: AppState, _ at: InputPlace) -> [String] {
        guard let p = row.path else { return [] }
        let value = f.state.value(p)
        let text = value.isEmpty ? "—" : f.display(value, raw: f.raw(row), row: row, language: s.language)
        return WordWrap.lines(text + " " + S.computed.text(s.language), width: at.width - 2)
    }
}

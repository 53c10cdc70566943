import KioskCore

/// A value the form computes (or a field it does not let be changed):
/// shown with "(tự tính)"; Enter moves on.
struct ReadOnlyInput: FieldInput {
    func key(_ key: Key, _ row: FormRow, _ f: inout FormSession, _ s: inout AppState) -> [Effect] {
        key == .enter ? FormUpdate.moveFocus(&s, &f, by: 1) : []
    }

    func draw(_ c: inout Canvas, _ row: FormRow, _ f: FormSession, _ s: AppState, _ at: InputPlace) {
        guard let p = row.path else { return }
        let value = f.state.value(p)
        let text = value.isEmpty ? "—" : f.display(value, raw: f.raw(row), row: row, language: s.language)
        let w = c.screen.put(text, x: at.x + 2, y: at.y, style: Style(at.focused ? .focused : .normal), maxWidth: at.width - 14)
        c.screen.put(S.computed.text(s.language), x: at.x + 3 + w, y: at.y, style: Style(.muted))
    }
}

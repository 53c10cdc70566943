import KioskCore

/// A date, typed dd/mm/yyyy without the input method; the slashes fill
/// themselves in (14112026 → 14/11/2026).
struct DateInput: FieldInput {
    static let allowed = Set("0123456789/-.")

    func key(_ key: Key, _ row: FormRow, _ f: inout FormSession, _ s: inout AppState) -> [Effect] {
        if key == .enter { return FormUpdate.moveFocus(&s, &f, by: 1) }
        var key = key
        if case .text(let t) = key, t.count == 1, t.first!.isNumber, f.edit.cursor == f.edit.text.count {
            let text = f.edit.text
            if text.count == 2 || text.count == 5, !text.hasSuffix("/") { key = .text("/" + t) }
        }
        return LineInput.edit(key, row, &f, &s, ime: false, accept: { Self.allowed.contains($0) }, maxLength: 200)
    }

    func draw(_ c: inout Canvas, _ row: FormRow, _ f: FormSession, _ s: AppState, _ at: InputPlace) {
        LineInput.drawBox(&c, row, f, at)
    }
}

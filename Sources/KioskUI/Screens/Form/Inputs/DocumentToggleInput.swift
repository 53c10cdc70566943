import KioskCore

/// A document on a field page: ticked (Space), the paper is brought to
/// the desk. Enter moves on and never unticks it.
struct DocumentToggleInput: FieldInput {
    func key(_ key: Key, _ row: FormRow, _ f: inout FormSession, _ s: inout AppState) -> [Effect] {
        switch key {
        case .text(" "): return FormUpdate.setAnswer(&f, row, f.raw(row) == "desk" ? "" : "desk")
        case .enter: return FormUpdate.enterNext(&s, &f)
        default: return []
        }
    }

    func draw(_ c: inout Canvas, _ row: FormRow, _ f: FormSession, _ s: AppState, _ at: InputPlace) {
        let text = (f.raw(row) == "desk" ? "[x] " : "[ ] ") + S.documentDesk.text(s.language)
        c.screen.put(text, x: at.x + 2, y: at.y, style: Style(at.focused ? .focused : .normal))
        c.screen.hitAreas.append(HitArea(x: at.x, y: at.y, width: at.width, height: 1,
                                         target: at.focused ? .button("row.\(at.focusIndex)") : .field(at.focusIndex)))
    }
}

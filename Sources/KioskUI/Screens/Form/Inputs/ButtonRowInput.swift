import KioskCore

/// A row that is a button (add an item, remove one, an earlier dossier,
/// "same as the applicant", "same as the address above"): Enter or Space
/// presses it. The page draws the button itself.
struct ButtonRowInput: FieldInput {
    func key(_ key: Key, _ row: FormRow, _ f: inout FormSession, _ s: inout AppState) -> [Effect] {
        guard key == .enter || key == .text(" ") else { return [] }
        return FormUpdate.pressButton(&s, &f, row)
    }

    func draw(_ c: inout Canvas, _ row: FormRow, _ f: FormSession, _ s: AppState, _ at: InputPlace) {}
}

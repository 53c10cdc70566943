import KioskCore

/// A line of text: names, numbers, addresses' house and street. Digits-only
/// types take nothing else; codes and numbers (`latinOnly`) are typed
/// without the Vietnamese input method.
struct LineInput: FieldInput {
    var latinOnly: Bool
    var digitsOnly: Bool

    func key(_ key: Key, _ row: FormRow, _ f: inout FormSession, _ s: inout AppState) -> [Effect] {
        if key == .enter { return FormUpdate.enterNext(&s, &f) }
        var maxLength = 200
        if case .field(let p) = row, [FieldType.text, .textarea].contains(f.form.fields[p.field].type) {
            maxLength = f.form.fields[p.field].maxLength
        }
        let allowed: Set<Character>? = digitsOnly ? Set("0123456789 -") : nil
        let refused: ((Character) -> LocalizedText)? = digitsOnly ? { S.refusedInNumber($0) } : nil
        return Self.edit(key, row, &f, &s, ime: !latinOnly, accept: { c in allowed.map { $0.contains(c) } ?? true }, maxLength: maxLength,
                         refused: refused)
    }

    /// Applies a key to the row's text and saves the answer when it changed.
    /// A key the field cannot take is not typed, and `refused` (when given)
    /// says so at once, naming it: a letter never vanishes silently.
    /// `ignored` characters fall away quietly (the dots of a pasted amount).
    static func edit(_ key: Key, _ row: FormRow, _ f: inout FormSession, _ s: inout AppState, ime: Bool,
                     accept: (Character) -> Bool, maxLength: Int,
                     refused: ((Character) -> LocalizedText)? = nil, ignored: (Character) -> Bool = { $0.isWhitespace }) -> [Effect] {
        if let refused, case .text(let t) = key,
           let bad = VietnameseText.clean(t).first(where: { !accept($0) && !ignored($0) }) {
            f.keyRefusal = refused(bad)
        }
        guard TextInput.edit(&f.edit, key, composer: &s.composer, ime: ime && s.inputMethod != .off, accept: accept, maxLength: maxLength) else { return [] }
        return FormUpdate.setAnswer(&f, row, f.edit.text, keepEdit: true)
    }

    func draw(_ c: inout Canvas, _ row: FormRow, _ f: FormSession, _ s: AppState, _ at: InputPlace) {
        Self.drawBox(&c, row, f, at)
    }

    /// The input box: the text being edited while focused, else the answer.
    static func drawBox(_ c: inout Canvas, _ row: FormRow, _ f: FormSession, _ at: InputPlace) {
        let text = at.focused ? f.edit.text : f.raw(row)
        c.input(text, x: at.x, y: at.y, width: at.width, focused: at.focused, cursor: at.focused ? f.edit.cursor : nil)
        c.screen.hitAreas.append(HitArea(x: at.x, y: at.y, width: at.width, height: 1, target: .field(at.focusIndex)))
    }
}

import KioskCore

/// A personal id number, typed as digits. While focused with a valid number
/// the line under it says where the birth was registered, as its first three
/// digits tell ("mã tỉnh 064 — Gia Lai (cũ), nay là tỉnh Gia Lai", "mã quốc gia
/// 174 — Hàn Quốc"), so that a mistyped prefix shows at once.
struct IDNumberInput: FieldInput {
    func key(_ key: Key, _ row: FormRow, _ f: inout FormSession, _ s: inout AppState) -> [Effect] {
        LineInput(latinOnly: true, digitsOnly: true).key(key, row, &f, &s)
    }

    func draw(_ c: inout Canvas, _ row: FormRow, _ f: FormSession, _ s: AppState, _ at: InputPlace) {
        LineInput.drawBox(&c, row, f, at)
    }

    func linesBelow(_ row: FormRow, _ f: FormSession, _ s: AppState, _ at: InputPlace) -> [FormLine] {
        guard at.focused, let text = Self.place(f.edit.text)?.text(s.language) else { return [] }
        return WordWrap.lines(text, width: max(at.width, 10)).map { line in
            FormLine(focusIndex: at.focusIndex) { c, y in
                c.screen.put(line, x: at.x, y: y, style: Style(.muted), maxWidth: at.width)
            }
        }
    }

    /// "Nơi đăng ký khai sinh: …" for a valid number, nil otherwise (the
    /// field's own message says what is wrong).
    static func place(_ text: String) -> LocalizedText? {
        guard case .success(let id) = PersonalIDNumber.parse(text) else { return nil }
        let p = id.birthPlace.description
        return LocalizedText(vi: "Nơi đăng ký khai sinh: " + p.vi, en: "Birth registered in: " + p.en)
    }
}

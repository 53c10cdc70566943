import KioskCore

/// An amount in đồng, grouped by thousands as it is typed: the helper types
/// 150000000 and reads 150.000.000. Only the digits are kept (the answer is
/// digits; pasted dots, spaces and "đ" fall away), and the caret moves over
/// digits, so Backspace removes a digit, never a dot, and the caret stays
/// where it was typed.
struct MoneyInput: FieldInput {
    /// More digits than any amount a form allows (1e15 and above is refused).
    static let maxDigits = 15

    func key(_ key: Key, _ row: FormRow, _ f: inout FormSession, _ s: inout AppState) -> [Effect] {
        if key == .enter { return FormUpdate.enterNext(&s, &f) }
        var effects = LineInput.edit(key, row, &f, &s, ime: false, accept: { $0.isASCII && $0.isNumber }, maxLength: Self.maxDigits,
                                     refused: S.refusedInMoney, ignored: { $0.isWhitespace || $0 == "." || $0 == "đ" || $0 == "Đ" })
        // A zero before the other digits means nothing in an amount
        // ("01122026" is 1.122.026 đ): it is dropped, and the line says so.
        if let (text, cursor) = Self.withoutLeadingZeros(f.edit) {
            f.edit.text = text
            f.edit.cursor = cursor
            effects += FormUpdate.setAnswer(&f, row, text, keepEdit: true)
            f.keyRefusal = S.leadingZeroDropped
        }
        return effects
    }

    /// The digits without the zeros before the first other digit (a lone
    /// "0" stays), and where the caret then stands; nil when there is none.
    static func withoutLeadingZeros(_ edit: LineEdit) -> (String, Int)? {
        let zeros = edit.text.prefix { $0 == "0" }.count
        guard zeros > 0, edit.text.count > zeros, edit.text.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return (String(edit.text.dropFirst(zeros)), max(0, edit.cursor - zeros))
    }

    func draw(_ c: inout Canvas, _ row: FormRow, _ f: FormSession, _ s: AppState, _ at: InputPlace) {
        let raw = at.focused ? f.edit.text : f.raw(row)
        let (shown, cursor) = Self.grouped(raw, cursor: f.edit.cursor, separator: Money.separator(s.language))
        c.input(shown, x: at.x, y: at.y, width: at.width, focused: at.focused, cursor: at.focused ? cursor : nil)
        c.screen.hitAreas.append(HitArea(x: at.x, y: at.y, width: at.width, height: 1, target: .field(at.focusIndex)))
    }

    /// Digits with a dot (a comma in English) between thousands, and where a caret standing
    /// before digit `cursor` of `raw` stands in them (after a dot, before
    /// its digit). Anything but digits is shown as it is (an answer kept
    /// from an older draft, "200000 đồng").
    static func grouped(_ raw: String, cursor: Int, separator: String = ".") -> (text: String, cursor: Int) {
        guard !raw.isEmpty, raw.allSatisfy({ $0.isASCII && $0.isNumber }) else { return (raw, cursor) }
        let digits = Array(raw)
        var out = ""
        var at = 0
        for (i, d) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out += separator }
            if i == cursor { at = out.count }
            out.append(d)
        }
        if cursor >= digits.count { at = out.count }
        return (out, at)
    }
}

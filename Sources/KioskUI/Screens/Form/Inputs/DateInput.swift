import KioskCore

/// A date, typed without the input method, in any of the ways people write it where the
/// field's precision allows it (`15/11/2026`, `15112026`, `2026-11-15`, `3/2019`, `2019`).
/// The slashes of dd/mm/yyyy fill themselves in (14112026 → 14/11/2026) only where the
/// digits cannot mean anything else, and while the field is focused the line under it says
/// what was understood ("15 tháng 11 năm 2026"), or how to write the date.
struct DateInput: FieldInput {
    static let allowed = Set("0123456789/-.")

    func key(_ key: Key, _ row: FormRow, _ f: inout FormSession, _ s: inout AppState) -> [Effect] {
        if key == .enter { return FormUpdate.enterNext(&s, &f) }
        if case .text(let t) = key, t.count == 1, let ch = t.first, f.edit.cursor == f.edit.text.count,
           let precision = Self.precision(row, f) {
            if ch.isDateDigit, let text = Self.autoSlashed(f.edit.text, digit: ch, precision) {
                f.edit = LineEdit(text)
                return FormUpdate.setAnswer(&f, row, f.edit.text, keepEdit: true)
            }
            if ch == "-" || ch == ".", let year = Self.yearFirst(f.edit.text) {
                // "20/26" then "-": the slash was ours, the person is writing 2026-11-15.
                f.edit = LineEdit(year + String(ch))
                return FormUpdate.setAnswer(&f, row, f.edit.text, keepEdit: true)
            }
        }
        return LineInput.edit(key, row, &f, &s, ime: false, accept: { Self.allowed.contains($0) }, maxLength: 200,
                              refused: S.refusedInDate)
    }

    func draw(_ c: inout Canvas, _ row: FormRow, _ f: FormSession, _ s: AppState, _ at: InputPlace) {
        LineInput.drawBox(&c, row, f, at)
    }

    /// While focused with something typed: the date understood, or the ways to write it.
    func linesBelow(_ row: FormRow, _ f: FormSession, _ s: AppState, _ at: InputPlace) -> [FormLine] {
        guard at.focused, let precision = Self.precision(row, f),
              let text = Self.understood(f.edit.text, precision)?.text(s.language) else { return [] }
        let ok = CalendarDate.parse(f.edit.text, allowed: precision) != nil
        return WordWrap.lines(text, width: max(at.width, 10)).map { line in
            FormLine(focusIndex: at.focusIndex) { c, y in
                c.screen.put(line, x: at.x, y: y, style: Style(ok ? .success : .muted), maxWidth: at.width)
            }
        }
    }

    // MARK: Pure rules (tested in DateInputTests)

    static func precision(_ row: FormRow, _ f: FormSession) -> Set<CalendarDate.Precision>? {
        guard case .field(let p) = row else { return nil }
        return f.form.fields[p.field].precision
    }

    /// The line under a focused date field for what is typed: "= 15 tháng 11 năm 2026", or,
    /// while it is no date yet, the ways of writing one this field takes; nil when empty.
    static func understood(_ text: String, _ precision: Set<CalendarDate.Precision>) -> LocalizedText? {
        let t = text.trimmingCharacters(in: .whitespaces)
        if t.isEmpty { return nil }
        if let d = CalendarDate.parse(t, allowed: precision) {
            let w = d.inWords
            return LocalizedText(vi: "= " + w.vi, en: "= " + w.en)
        }
        var vi: [String] = [], en: [String] = []
        if precision.contains(.day) { vi.append("15/11/2026"); en.append("15/11/2026") }
        if precision.contains(.month) { vi.append("11/2026"); en.append("11/2026") }
        if precision.contains(.year) { vi.append("2026 (chỉ năm)"); en.append("2026 (year only)") }
        return LocalizedText(vi: "Ghi như " + vi.joined(separator: ", "), en: "Write it as " + en.joined(separator: ", "))
    }

    /// The text after typing `digit` at the end of `text` when a slash goes in first (or
    /// the digits typed so far get their slashes), nil to type the digit as it is.
    /// - dd → dd/d: only where the field takes no year alone (there "2019" is a year) and the
    ///   two digits can start a date (a day, or a month for month/year).
    /// - d/mm or dd/mm → …/mm/d: only where the field takes a day and mm is a month (03/20 then
    ///   19 is March 2019).
    /// - Where a year alone is allowed, four digits then a fifth cannot be a year: ddmm → dd/mm/
    ///   when that is a day and month, else mmyy → mm/yy (03/2019).
    static func autoSlashed(_ text: String, digit: Character, _ precision: Set<CalendarDate.Precision>) -> String? {
        let chars = Array(text)
        let d = String(digit)
        func number(_ s: ArraySlice<Character>) -> Int? { s.allSatisfy(\.isDateDigit) ? Int(String(s)) : nil }
        let allDigits = chars.allSatisfy(\.isDateDigit)
        if precision.contains(.year) {
            guard allDigits, chars.count == 4, let a = number(chars[0..<2]), let b = number(chars[2..<4]) else { return nil }
            if precision.contains(.day), (1...31).contains(a), (1...12).contains(b) {
                return String(chars[0..<2]) + "/" + String(chars[2..<4]) + "/" + d
            }
            if precision.contains(.month), (1...12).contains(a) {
                return String(chars[0..<2]) + "/" + String(chars[2..<4]) + d
            }
            return nil
        }
        if allDigits, chars.count == 2, let a = number(chars[0..<2]) {
            let startsDate = precision.contains(.day) ? (1...31).contains(a) : (1...12).contains(a)
            return startsDate ? text + "/" + d : nil
        }
        if precision.contains(.day), let slash = chars.firstIndex(of: "/"), (1...2).contains(slash),
           chars.count == slash + 3, number(chars[0..<slash]) != nil,
           let m = number(chars[(slash + 1)...]), (1...12).contains(m) {
            return text + "/" + d
        }
        return nil
    }

    /// "20/26" (two digits and the slash put in after them, then two more): the four digits
    /// of a year written first, when a `-` or `.` follows.
    static func yearFirst(_ text: String) -> String? {
        let chars = Array(text)
        guard chars.count == 5, chars[2] == "/",
              (chars[0..<2] + chars[3..<5]).allSatisfy(\.isDateDigit) else { return nil }
        return String(chars[0..<2] + chars[3..<5])
    }
}

private extension Character {
    var isDateDigit: Bool { isASCII && isNumber }
}

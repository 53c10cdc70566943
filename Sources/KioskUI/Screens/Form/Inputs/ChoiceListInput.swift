import KioskCore

/// A few short options side by side, `(•) Nam   ( ) Nữ`: → and Space take
/// the next, ← the previous, a digit or the first letter one of them.
struct ChoiceListInput: FieldInput {
    var options: [ChoiceOption]

    func key(_ key: Key, _ row: FormRow, _ f: inout FormSession, _ s: inout AppState) -> [Effect] {
        let current = options.firstIndex { $0.value == f.raw(row) }
        switch key {
        case .right, .text(" "):
            return FormUpdate.setAnswer(&f, row, options[current.map { ($0 + 1) % options.count } ?? 0].value)
        case .left:
            return FormUpdate.setAnswer(&f, row, options[current.map { ($0 + options.count - 1) % options.count } ?? options.count - 1].value)
        case .text(let t) where t.count == 1 && t.first!.isASCII && t.first!.isNumber:
            let n = t.first!.wholeNumberValue! - 1
            return options.indices.contains(n) ? FormUpdate.setAnswer(&f, row, options[n].value) : []
        case .text(let t):
            // The first letter of an option chooses it (c/k for Có/Không, n for Nam).
            let folded = VietnameseText.fold(t)
            if let o = options.first(where: { VietnameseText.fold($0.label.text(s.language)).hasPrefix(folded) }) {
                return FormUpdate.setAnswer(&f, row, o.value)
            }
            return []
        case .enter: return FormUpdate.enterNext(&s, &f)
        case .backspace, .delete: return FormUpdate.setAnswer(&f, row, "")
        default: return []
        }
    }

    func press(item i: Int, _ row: FormRow, _ f: inout FormSession, _ s: inout AppState) -> [Effect] {
        options.indices.contains(i) ? FormUpdate.setAnswer(&f, row, options[i].value) : []
    }

    func draw(_ c: inout Canvas, _ row: FormRow, _ f: FormSession, _ s: AppState, _ at: InputPlace) {
        layout(f.raw(row), s, at).draw(row: 0, &c, at, y: at.y, style: style(f.raw(row), at))
    }

    func linesBelow(_ row: FormRow, _ f: FormSession, _ s: AppState, _ at: InputPlace) -> [FormLine] {
        layout(f.raw(row), s, at).linesBelow(at, style: style(f.raw(row), at))
    }

    private func layout(_ raw: String, _ s: AppState, _ at: InputPlace) -> OptionRows {
        OptionRows(options.map { (raw == $0.value ? "(•) " : "( ) ") + $0.label.text(s.language) }, width: at.width - 2, gap: 3)
    }

    /// The chosen option bold.
    private func style(_ raw: String, _ at: InputPlace) -> (Int) -> Style {
        { i in
            let chosen = raw == options[i].value
            return Style(at.focused ? (chosen ? .focused : .inputFocused) : (chosen ? .input : .normal), bold: chosen)
        }
    }
}

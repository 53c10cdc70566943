import KioskCore

/// Several options that may all be ticked, `[x] A  [ ] B`: ← → move among
/// them, Space ticks or unticks. The answer lists the ticked values in the
/// options' order.
struct ChecksInput: FieldInput {
    var options: [ChoiceOption]

    func key(_ key: Key, _ row: FormRow, _ f: inout FormSession, _ s: inout AppState) -> [Effect] {
        // Every option filtered out (choice_filter): nothing to tick.
        guard !options.isEmpty else { return key == .enter ? FormUpdate.enterNext(&s, &f) : [] }
        f.pickerIndex = min(f.pickerIndex, options.count - 1)
        var chosen = f.raw(row).split(separator: " ").map(String.init)
        switch key {
        case .right: f.pickerIndex = min(f.pickerIndex + 1, options.count - 1)
        case .left: f.pickerIndex = max(0, f.pickerIndex - 1)
        case .text(" "):
            let v = options[f.pickerIndex].value
            if let i = chosen.firstIndex(of: v) { chosen.remove(at: i) } else { chosen.append(v) }
            let ordered = options.map(\.value).filter(chosen.contains)
            return FormUpdate.setAnswer(&f, row, ordered.joined(separator: " "))
        case .enter: return FormUpdate.enterNext(&s, &f)
        default: break
        }
        return []
    }

    func press(item i: Int, _ row: FormRow, _ f: inout FormSession, _ s: inout AppState) -> [Effect] {
        f.pickerIndex = i
        return key(.text(" "), row, &f, &s)
    }

    func draw(_ c: inout Canvas, _ row: FormRow, _ f: FormSession, _ s: AppState, _ at: InputPlace) {
        layout(f.raw(row), s, at).draw(row: 0, &c, at, y: at.y, style: style(f, at))
    }

    func linesBelow(_ row: FormRow, _ f: FormSession, _ s: AppState, _ at: InputPlace) -> [FormLine] {
        layout(f.raw(row), s, at).linesBelow(at, style: style(f, at))
    }

    private func layout(_ raw: String, _ s: AppState, _ at: InputPlace) -> OptionRows {
        let chosen = Set(raw.split(separator: " ").map(String.init))
        return OptionRows(options.map { (chosen.contains($0.value) ? "[x] " : "[ ] ") + $0.label.text(s.language) }, width: at.width - 2, gap: 2)
    }

    /// The option under the highlight, while the row has the focus.
    private func style(_ f: FormSession, _ at: InputPlace) -> (Int) -> Style {
        let highlight = f.pickerIndex
        return { i in Style(at.focused && i == highlight ? .focused : .normal) }
    }
}

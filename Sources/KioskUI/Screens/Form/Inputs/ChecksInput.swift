import KioskCore

/// Several options that may all be ticked, `[x] A  [ ] B`: ← → move among
/// them, Space ticks or unticks. The answer lists the ticked values in the
/// options' order.
struct ChecksInput: FieldInput {
    var options: [ChoiceOption]

    func key(_ key: Key, _ row: FormRow, _ f: inout FormSession, _ s: inout AppState) -> [Effect] {
        var chosen = f.raw(row).split(separator: " ").map(String.init)
        switch key {
        case .right: f.pickerIndex = min(f.pickerIndex + 1, options.count - 1)
        case .left: f.pickerIndex = max(0, f.pickerIndex - 1)
        case .text(" "):
            let v = options[f.pickerIndex].value
            if let i = chosen.firstIndex(of: v) { chosen.remove(at: i) } else { chosen.append(v) }
            let ordered = options.map(\.value).filter(chosen.contains)
            return FormUpdate.setAnswer(&f, row, ordered.joined(separator: " "))
        case .enter: return FormUpdate.moveFocus(&s, &f, by: 1)
        default: break
        }
        return []
    }

    func press(item i: Int, _ row: FormRow, _ f: inout FormSession, _ s: inout AppState) -> [Effect] {
        f.pickerIndex = i
        return key(.text(" "), row, &f, &s)
    }

    func draw(_ c: inout Canvas, _ row: FormRow, _ f: FormSession, _ s: AppState, _ at: InputPlace) {
        var col = at.x + 2
        let chosen = Set(f.raw(row).split(separator: " ").map(String.init))
        for (i, o) in options.enumerated() {
            let text = (chosen.contains(o.value) ? "[x] " : "[ ] ") + o.label.text(s.language)
            let highlighted = at.focused && i == f.pickerIndex
            let w = c.screen.put(text, x: col, y: at.y, style: Style(highlighted ? .focused : .normal), maxWidth: at.x + at.width - col)
            c.screen.hitAreas.append(HitArea(x: col, y: at.y, width: w, height: 1, target: at.focused ? .listItem(i) : .field(at.focusIndex)))
            col += w + 2
            if col >= at.x + at.width { break }
        }
    }
}

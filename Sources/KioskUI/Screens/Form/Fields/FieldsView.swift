import KioskCore

/// A page of fields: a label column, the inputs, the problems under them,
/// and the focused field's help on the last line.
enum FieldsView {
    static func draw(_ c: inout Canvas, _ s: AppState, _ b: Body, _ f: FormSession) {
        let rows = f.rows
        let focusable = rows.filter(\.isFocusable)
        // Wider labels on a large screen; inputs no wider than a line of text.
        let labelWidth = min(b.width >= 120 ? 44 : 32, max(18, b.width * 2 / 5))
        let inputX = b.x + labelWidth + 1
        let inputWidth = min(b.width - labelWidth - 1, 80)
        var lines: [FormLine] = []
        let language = s.language
        // The help line of the focused field stays at the bottom.
        let helpHeight = 2
        for row in rows {
            let fi = focusable.firstIndex(of: row)
            let focused = fi != nil && fi == f.focus
            switch row {
            case .note(let field):
                for text in Canvas.wrap(f.form.fields[field].noteText?.text(language) ?? "", width: b.width - 2) {
                    lines.append(FormLine(focusIndex: nil) { c, y in c.screen.put(text, x: b.x + 1, y: y, style: Style(.muted)) })
                }
            case .groupHeader(let g, let item):
                let name = f.form.fields[g].itemLabel?.text(language).replacingOccurrences(of: "{n}", with: "\(item + 1)")
                    ?? "\(f.form.fields[g].label.text(language)) — \(S.item.text(language)) \(item + 1)"
                lines.append(FormLine(focusIndex: nil) { c, y in
                    c.screen.put("── \(name) " + String(repeating: "─", count: max(0, b.width - VietnameseText.displayWidth(name) - 4)), x: b.x, y: y, style: Style(.title, bold: true), maxWidth: b.width)
                })
            case .addItem(let g):
                let label = VietnameseText.truncate("\(S.addItem.text(language)) \(f.form.fields[g].label.text(language).lowercased())", toWidth: inputWidth - 4)
                lines.append(FormLine(focusIndex: fi) { c, y in
                    c.button(label, x: inputX, y: y, focused: focused, target: .button("row.\(fi!)"))
                })
            case .removeItem:
                lines.append(FormLine(focusIndex: fi) { c, y in
                    c.button(S.removeItem.text(language), x: inputX, y: y, focused: focused, target: .button("row.\(fi!)"))
                })
            case .priorEntry:
                lines.append(FormLine(focusIndex: fi) { c, y in
                    c.button(S.priorEntry.text(language), x: b.x + 1, y: y, focused: focused, target: .button("row.\(fi!)"))
                })
                lines.append(FormLine(focusIndex: nil) { _, _ in })
            case .copyPerson:
                lines.append(FormLine(focusIndex: fi) { c, y in
                    c.button(S.copyFromApplicant.text(language), x: inputX, y: y, focused: focused, target: .button("row.\(fi!)"))
                })
            case .copyAddress:
                lines.append(FormLine(focusIndex: fi) { c, y in
                    c.button(S.copyAddressAbove.text(language), x: inputX, y: y, focused: focused, target: .button("row.\(fi!)"))
                })
            case .field(let p), .addressPart(let p, _):
                lines += fieldLines(row, p, f, s, focused: focused, focusIndex: fi!, x: b.x, labelWidth: labelWidth, inputX: inputX, inputWidth: inputWidth)
            }
        }
        if lines.isEmpty {
            lines.append(FormLine(focusIndex: nil) { c, y in c.screen.put(S.next.text(language), x: b.x + 1, y: y, style: Style(.muted)) })
        }
        // Where this page's prefilled answers came from: once, at the top.
        let codes = rows.compactMap { $0.isFirstAddressPartOrField ? $0.path.flatMap(f.prefill)?.code : nil }
        if !codes.isEmpty {
            var seen: Set<String> = []
            let text = "\(S.prefilledFrom.text(language)) \(codes.filter { seen.insert($0).inserted }.joined(separator: ", ")) — \(S.prefilledCheck.text(language))"
            lines.insert(FormLine(focusIndex: nil) { c, y in c.screen.put(text, x: b.x + 1, y: y, style: Style(.prefilled, bold: true), maxWidth: b.width - 2) },
                         at: rows.first == .priorEntry ? 2 : 0)
        }
        FormLine.show(&c, lines, focus: f.focus, top: b.y, height: b.height - helpHeight)

        // Help or message for the focused field.
        var hint: String?
        if let m = f.message { hint = m.text(language) }
        else if let p = f.focusedRow?.path { hint = f.form.fields[p.field].help?.text(language) }
        if hint == nil && f.checkedPages.contains(f.page) && f.state.pageHasIssues(f.page) { hint = S.fixBefore.text(language) }
        if let hint {
            let line = "─ " + hint + " "
            c.screen.put(VietnameseText.truncate(line, toWidth: b.width) + String(repeating: "─", count: max(0, b.width - VietnameseText.displayWidth(line))),
                         x: b.x, y: b.bottom, style: Style(f.message != nil ? .warning : .muted), maxWidth: b.width)
        }
    }

    static func fieldLines(_ row: FormRow, _ p: FieldPath, _ f: FormSession, _ s: AppState, focused: Bool, focusIndex: Int,
                           x: Int, labelWidth: Int, inputX: Int, inputWidth: Int) -> [FormLine] {
        let language = s.language
        let field = f.form.fields[p.field]
        var label = field.label.text(language)
        if case .addressPart(_, let part) = row {
            let partLabel = [S.chooseProvince, S.chooseCommune, S.addressDetail][part].text(language)
            label = part == 0 ? "\(label): \(partLabel)" : "  \(partLabel)"
        }
        let required = f.state.isRequired(p) && (row.isFirstAddressPartOrField)
        // An address shows its problems once, under its first part.
        let issues = row.isFirstAddressPartOrField ? f.visibleIssues(p) : []
        let fill = f.prefill(p)
        let mark = issues.isEmpty ? (fill != nil ? "◆" : " ") : "!"
        let input = f.input(for: row)
        let place = InputPlace(x: inputX, y: 0, width: inputWidth, focused: focused, focusIndex: focusIndex)
        var out: [FormLine] = []
        out.append(FormLine(focusIndex: focusIndex) { c, y in
            c.screen.put(mark, x: x, y: y, style: Style(mark == "◆" ? .prefilled : .error, bold: true))
            let text = label + (required ? " *" : "")
            c.screen.put(VietnameseText.truncate(text, toWidth: labelWidth - 2), x: x + 1, y: y, style: Style(focused ? .title : .normal, bold: focused))
            c.screen.hitAreas.append(HitArea(x: x, y: y, width: labelWidth, height: 1, target: .field(focusIndex)))
            var at = place
            at.y = y
            input.draw(&c, row, f, s, at)
        })
        // An open list of choices, under the focused input.
        out += input.linesBelow(row, f, s, place)
        if let fill, fill.oldAddress, row.isFirstAddressPartOrField {
            for text in Canvas.wrap(S.oldAddress.text(language), width: inputWidth - 2) {
                out.append(FormLine(focusIndex: focusIndex) { c, y in c.screen.put(text, x: inputX, y: y, style: Style(.warning, bold: true), maxWidth: inputWidth) })
            }
        }
        for issue in issues {
            for text in Canvas.wrap(issue.text(language), width: inputWidth - 2) {
                out.append(FormLine(focusIndex: focusIndex) { c, y in c.screen.put("! " + text, x: inputX, y: y, style: Style(.error, bold: true), maxWidth: inputWidth) })
            }
        }
        return out
    }
}

extension FormRow {
    /// The line that carries a field's label, mark and problems: the field
    /// itself, or the first part of an address.
    var isFirstAddressPartOrField: Bool {
        switch self {
        case .field: return true
        case .addressPart(_, let part): return part == 0
        default: return false
        }
    }
}

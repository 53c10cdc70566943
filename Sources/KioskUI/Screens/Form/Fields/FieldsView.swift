import KioskCore

/// A page of fields: a label column, the inputs, the problems under them,
/// and the focused field's help on the last line.
enum FieldsView {
    static func draw(_ c: inout Canvas, _ s: AppState, _ b: Body, _ f: FormSession) {
        let rows = f.rows
        let focusable = rows.filter(f.isFocusable)
        // As `f.focusedRow`, from the rows built once for this frame.
        let focusedRow = focusable.isEmpty ? nil : focusable[min(f.focus, focusable.count - 1)]
        // The label column grows with the window; inputs no wider than a line of text.
        let labelWidth = max(18, b.width * 2 / 5)
        let inputX = b.x + labelWidth + 1
        let inputWidth = min(b.width - labelWidth - 1, 80)
        var lines: [FormLine] = []
        let language = s.language
        // The help of the focused field stays whole at the bottom, under a blank line.
        let hint = hintLines(s, b, f, focusedRow: focusedRow)
        let helpHeight = max(2, hint.lines.count + 1)
        for row in rows {
            let fi = focusable.firstIndex(of: row)
            let focused = fi != nil && fi == f.focus
            switch row {
            case .note(let field):
                for text in WordWrap.lines(f.state.noteText(of: FieldPath(field: field))?.text(language) ?? "", width: b.width - 2) {
                    lines.append(FormLine(focusIndex: nil) { c, y in c.screen.put(text, x: b.x + 1, y: y, style: Style(.muted)) })
                }
            case .groupHeader(let g, let item, let outer):
                // An inner group's items are indented under their outer item.
                let indent = outer == nil ? 0 : 2
                let name = f.state.itemTitle(group: g, item: item, outer: outer).text(language)
                let nameLines = WordWrap.lines(name, width: b.width - 4 - indent)
                for (i, text) in nameLines.enumerated() {
                    let rule = i == nameLines.count - 1 ? " " + String(repeating: "─", count: max(0, b.width - indent - VietnameseText.displayWidth(text) - 4)) : ""
                    lines.append(FormLine(focusIndex: nil) { c, y in
                        c.screen.put((i == 0 ? "── " : "   ") + text + rule, x: b.x + indent, y: y, style: Style(.title, bold: true))
                    })
                }
            case .addItem(let g, let outer):
                let at = FieldPath(field: g, item: outer)
                let indent = outer == nil ? 0 : 2
                let label = VietnameseText.truncate(S.addItem(f.state.label(of: at), item: f.form.fields[g].itemLabel).text(language), toWidth: inputWidth - 4 - indent)
                lines.append(FormLine(focusIndex: fi) { c, y in
                    c.button(label, x: inputX + indent, y: y, focused: focused, target: .button("row.\(fi!)"))
                })
                lines += groupIssueLines(at, f, language, inputX: inputX + indent, inputWidth: inputWidth - indent, focusIndex: fi)
            case .removeItem(let g, let item, let outer):
                let at = FieldPath(field: g, item: outer)
                let indent = outer == nil ? 0 : 2
                // In a group that holds groups, the button names its item: two
                // "remove" buttons may follow each other.
                let nests = outer != nil || !f.form.innerGroups(of: g).isEmpty
                let text = nests ? VietnameseText.truncate("\(S.removeNamed.text(language)) \(f.state.itemTitle(group: g, item: item, outer: outer).text(language))",
                                                           toWidth: inputWidth - 4 - indent)
                    : S.removeItem.text(language)
                lines.append(FormLine(focusIndex: fi) { c, y in
                    c.button(text, x: inputX + indent, y: y, focused: focused, target: .button("row.\(fi!)"))
                })
                // A full group has no "add" button: its problems go under its last item.
                if item == f.state.itemCount(g, in: outer) - 1 && !rows.contains(.addItem(group: g, outer: outer)) {
                    lines += groupIssueLines(at, f, language, inputX: inputX + indent, inputWidth: inputWidth - indent, focusIndex: fi)
                }
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
            case .copyToApplicant(let role):
                let label = S.sameAs(f.pageTitle(ofRole: role)).text(language)
                lines.append(FormLine(focusIndex: fi) { c, y in
                    c.button(label, x: inputX, y: y, focused: focused, target: .button("row.\(fi!)"))
                })
            case .field(let p), .addressPart(let p, _):
                lines += fieldLines(row, p, f, s, focused: focused, focusIndex: fi, focusedRow: focusedRow, x: b.x, labelWidth: labelWidth, inputX: inputX, inputWidth: inputWidth)
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
            let from = WordWrap.lines(text, width: b.width - 2).map { line in
                FormLine(focusIndex: nil) { c, y in c.screen.put(line, x: b.x + 1, y: y, style: Style(.prefilled, bold: true)) }
            }
            lines.insert(contentsOf: from, at: rows.first == .priorEntry ? 2 : 0)
        }
        FormLine.show(&c, lines, focus: f.focus, top: b.y, height: b.height - helpHeight)

        for (i, line) in hint.lines.enumerated() {
            let y = b.bottom - hint.lines.count + 1 + i
            let text = (i == 0 ? "─ " : "  ") + line + " "
            let rule = i == 0 ? String(repeating: "─", count: max(0, b.width - VietnameseText.displayWidth(text))) : ""
            c.screen.put(text + rule, x: b.x, y: y, style: Style(hint.isMessage ? .warning : .muted))
        }
    }

    /// The message, or the focused field's help, or what to do about the
    /// page's problems, wrapped: at most a third of the body, so that the
    /// fields keep their room.
    static func hintLines(_ s: AppState, _ b: Body, _ f: FormSession, focusedRow: FormRow?) -> (lines: [String], isMessage: Bool) {
        var hint: String?
        if let m = f.message ?? f.keyRefusal { hint = m.text(s.language) }
        else if let p = focusedRow?.path { hint = f.state.help(of: p)?.text(s.language) }
        if hint == nil && f.checkedPages.contains(f.page) && f.state.pageHasIssues(f.page) { hint = S.fixBefore.text(s.language) }
        guard let hint else { return ([], false) }
        var lines = WordWrap.lines(hint, width: b.width - 4)
        let room = max(1, b.height / 3)
        if lines.count > room {
            lines = Array(lines.prefix(room))
            lines[room - 1] = VietnameseText.truncate(lines[room - 1] + " …", toWidth: b.width - 4)
        }
        return (lines, f.message != nil || f.keyRefusal != nil)
    }

    /// A repeat group's own problems (too few items, its checks), once the
    /// page has been checked.
    static func groupIssueLines(_ g: FieldPath, _ f: FormSession, _ language: Language, inputX: Int, inputWidth: Int, focusIndex: Int?) -> [FormLine] {
        guard f.checkedPages.contains(f.page) else { return [] }
        return f.state.issues(g).flatMap { issue in
            WordWrap.lines(issue.text(language), width: inputWidth - 2).map { text in
                FormLine(focusIndex: focusIndex) { c, y in c.screen.put("! " + text, x: inputX, y: y, style: Style(.error, bold: true)) }
            }
        }
    }

    static func fieldLines(_ row: FormRow, _ p: FieldPath, _ f: FormSession, _ s: AppState, focused: Bool, focusIndex: Int?, focusedRow: FormRow?,
                           x: Int, labelWidth: Int, inputX: Int, inputWidth: Int) -> [FormLine] {
        let language = s.language
        var label = f.state.label(of: p).text(language)
        // The parts of an address after the first are indented under it; the
        // fields of a group inside a group under their outer item.
        var indent = p.subItem == nil ? 0 : 2
        if case .addressPart(_, let part) = row {
            let partLabel = [S.chooseProvince, S.chooseCommune, S.addressDetail][part].text(language)
            label = part == 0 ? "\(label): \(partLabel)" : partLabel
            indent += part == 0 ? 0 : 2
        }
        let required = f.state.isRequired(p) && (row.isFirstAddressPartOrField)
        // An address shows its problems once, under its first part.
        let issues = row.isFirstAddressPartOrField ? f.visibleIssues(p, focusedRow: focusedRow) : []
        let fill = f.prefill(p)
        // ◆ filled from an earlier dossier, = copied from another person.
        let mark = issues.isEmpty ? (fill != nil ? "◆" : (f.copy(p) != nil ? "=" : " ")) : "!"
        let input = f.input(for: row)
        // A computed field has no focus index: its hit areas lead nowhere.
        let place = InputPlace(x: inputX, y: 0, width: inputWidth, focused: focused, focusIndex: focusIndex ?? -1)
        // The whole label, over as many lines as it needs; the required
        // mark ends its last line.
        let labelLines = WordWrap.lines(label + (required ? " *" : ""), width: labelWidth - 2 - indent)
        let labelStyle = Style(focused ? .title : .normal, bold: focused)
        var out: [FormLine] = []
        out.append(FormLine(focusIndex: focusIndex) { c, y in
            c.screen.put(mark, x: x, y: y, style: Style(mark == "!" ? .error : .prefilled, bold: true))
            c.screen.put(labelLines[0], x: x + 1 + indent, y: y, style: labelStyle)
            if let focusIndex { c.screen.hitAreas.append(HitArea(x: x, y: y, width: labelWidth, height: labelLines.count, target: .field(focusIndex))) }
            var at = place
            at.y = y
            input.draw(&c, row, f, s, at)
        })
        // The label's next lines beside what the input opens under itself
        // (more options, an open list of choices).
        let below = input.linesBelow(row, f, s, place)
        for i in 0..<max(labelLines.count - 1, below.count) {
            let text = i + 1 < labelLines.count ? labelLines[i + 1] : nil
            let inputLine = i < below.count ? below[i] : nil
            out.append(FormLine(focusIndex: focusIndex) { c, y in
                if let text { c.screen.put(text, x: x + 1 + indent, y: y, style: labelStyle) }
                inputLine?.draw(&c, y)
            })
        }
        if let fill, fill.oldAddress, row.isFirstAddressPartOrField {
            let converted = !FieldValueParser.addressParts(fill.raw).province.isEmpty
            for text in WordWrap.lines((converted ? S.oldAddressConverted : S.oldAddress).text(language), width: inputWidth - 2) {
                out.append(FormLine(focusIndex: focusIndex) { c, y in c.screen.put(text, x: inputX, y: y, style: Style(.warning, bold: true)) })
            }
        }
        for issue in issues {
            for text in WordWrap.lines(issue.text(language), width: inputWidth - 2) {
                out.append(FormLine(focusIndex: focusIndex) { c, y in c.screen.put("! " + text, x: inputX, y: y, style: Style(.error, bold: true)) })
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

import KioskCore

/// Drawing an open form: its pages of fields, the documents, the review.
enum FormView {
    /// A line of the body, and the focusable row it belongs to.
    struct Line {
        var focusIndex: Int?
        var draw: (inout Canvas, Int) -> Void
    }

    static func draw(_ c: inout Canvas, _ s: AppState, _ b: App.Body, _ f: FormSession) {
        switch f.stage {
        case .fields: drawFields(&c, s, b, f)
        case .documents: drawDocuments(&c, s, b, f)
        case .review: drawReview(&c, s, b, f)
        }
    }

    /// Shows `lines` in the body, scrolled so that the focused row is visible.
    static func show(_ c: inout Canvas, _ lines: [Line], focus: Int, top: Int, height: Int) {
        let first = lines.firstIndex { $0.focusIndex == focus } ?? 0
        let last = lines.lastIndex { $0.focusIndex == focus } ?? first
        var start = 0
        if last >= height { start = min(first - height / 3, lines.count - height) }
        start = max(0, start)
        for (n, line) in lines.dropFirst(start).prefix(height).enumerated() { line.draw(&c, top + n) }
    }

    // MARK: Fields

    static func drawFields(_ c: inout Canvas, _ s: AppState, _ b: App.Body, _ f: FormSession) {
        let rows = f.rows
        let focusable = f.focusableRows
        // Wider labels on a large screen; inputs no wider than a line of text.
        let labelWidth = min(b.width >= 120 ? 44 : 32, max(18, b.width * 2 / 5))
        let inputX = b.x + labelWidth + 1
        let inputWidth = min(b.width - labelWidth - 1, 80)
        var lines: [Line] = []
        let language = s.language
        // The help line of the focused field stays at the bottom.
        let helpHeight = 2
        for row in rows {
            let fi = focusable.firstIndex(of: row)
            let focused = fi != nil && fi == f.focus
            switch row {
            case .note(let field):
                for text in Canvas.wrap(f.form.fields[field].noteText?.text(language) ?? "", width: b.width - 2) {
                    lines.append(Line(focusIndex: nil) { c, y in c.screen.put(text, x: b.x + 1, y: y, style: Style(.muted)) })
                }
            case .groupHeader(let g, let item):
                let name = f.form.fields[g].itemLabel?.text(language).replacingOccurrences(of: "{n}", with: "\(item + 1)")
                    ?? "\(f.form.fields[g].label.text(language)) — \(S.item.text(language)) \(item + 1)"
                lines.append(Line(focusIndex: nil) { c, y in
                    c.screen.put("── \(name) " + String(repeating: "─", count: max(0, b.width - VietnameseText.displayWidth(name) - 4)), x: b.x, y: y, style: Style(.title, bold: true), maxWidth: b.width)
                })
            case .addItem(let g):
                let label = VietnameseText.truncate("\(S.addItem.text(language)) \(f.form.fields[g].label.text(language).lowercased())", toWidth: inputWidth - 4)
                lines.append(Line(focusIndex: fi) { c, y in
                    c.button(label, x: inputX, y: y, focused: focused, target: .button("row.\(fi!)"))
                })
            case .removeItem:
                lines.append(Line(focusIndex: fi) { c, y in
                    c.button(S.removeItem.text(language), x: inputX, y: y, focused: focused, target: .button("row.\(fi!)"))
                })
            case .priorEntry:
                lines.append(Line(focusIndex: fi) { c, y in
                    c.button(S.priorEntry.text(language), x: b.x + 1, y: y, focused: focused, target: .button("row.\(fi!)"))
                })
                lines.append(Line(focusIndex: nil) { _, _ in })
            case .copyPerson:
                lines.append(Line(focusIndex: fi) { c, y in
                    c.button(S.copyFromApplicant.text(language), x: inputX, y: y, focused: focused, target: .button("row.\(fi!)"))
                })
            case .copyAddress:
                lines.append(Line(focusIndex: fi) { c, y in
                    c.button(S.copyAddressAbove.text(language), x: inputX, y: y, focused: focused, target: .button("row.\(fi!)"))
                })
            case .field(let p), .addressPart(let p, _):
                lines += fieldLines(row, p, f, s, focused: focused, focusIndex: fi!, x: b.x, labelWidth: labelWidth, inputX: inputX, inputWidth: inputWidth)
            }
        }
        if lines.isEmpty {
            lines.append(Line(focusIndex: nil) { c, y in c.screen.put(S.next.text(language), x: b.x + 1, y: y, style: Style(.muted)) })
        }
        // Where this page's prefilled answers came from: once, at the top.
        let codes = rows.compactMap { $0.isFirstAddressPartOrField ? $0.path.flatMap(f.prefill)?.code : nil }
        if !codes.isEmpty {
            var seen: Set<String> = []
            let text = "\(S.prefilledFrom.text(language)) \(codes.filter { seen.insert($0).inserted }.joined(separator: ", ")) — \(S.prefilledCheck.text(language))"
            lines.insert(Line(focusIndex: nil) { c, y in c.screen.put(text, x: b.x + 1, y: y, style: Style(.prefilled, bold: true), maxWidth: b.width - 2) },
                         at: rows.first == .priorEntry ? 2 : 0)
        }
        show(&c, lines, focus: f.focus, top: b.y, height: b.height - helpHeight)

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
                           x: Int, labelWidth: Int, inputX: Int, inputWidth: Int) -> [Line] {
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
        let kind = f.inputKind(row)
        var out: [Line] = []
        out.append(Line(focusIndex: focusIndex) { c, y in
            c.screen.put(mark, x: x, y: y, style: Style(mark == "◆" ? .prefilled : .error, bold: true))
            let text = label + (required ? " *" : "")
            c.screen.put(VietnameseText.truncate(text, toWidth: labelWidth - 2), x: x + 1, y: y, style: Style(focused ? .title : .normal, bold: focused))
            c.screen.hitAreas.append(HitArea(x: x, y: y, width: labelWidth, height: 1, target: .field(focusIndex)))
            drawInput(&c, row, f, s, kind: kind, focused: focused, focusIndex: focusIndex, x: inputX, y: y, width: inputWidth)
        })
        // An open list of choices, under the focused input.
        if focused, kind == .picker {
            let list = f.pickerRows(row)
            let open = !f.pickerQuery.text.isEmpty || f.raw(row).isEmpty
            if open {
                let shown = 5
                let start = max(0, min(f.pickerIndex - shown + 1, list.count - shown))
                for (n, item) in list.dropFirst(start).prefix(shown).enumerated() {
                    let i = start + n
                    out.append(Line(focusIndex: focusIndex) { c, y in
                        let selected = i == f.pickerIndex
                        c.screen.fill(x: inputX + 2, y: y, width: inputWidth - 4, height: 1, style: Style(selected ? .focused : .button))
                        c.screen.put((selected ? "▶ " : "  ") + item.label.text(language), x: inputX + 2, y: y, style: Style(selected ? .focused : .button), maxWidth: inputWidth - 4)
                        c.screen.hitAreas.append(HitArea(x: inputX + 2, y: y, width: inputWidth - 4, height: 1, target: .listItem(i)))
                    })
                }
                if list.isEmpty {
                    // Each cause its own sentence (a choice to make first, a
                    // list missing here, typing that matches nothing), wrapped.
                    for text in Canvas.wrap(f.pickerEmptyReason(row).text(language), width: inputWidth - 4) {
                        out.append(Line(focusIndex: focusIndex) { c, y in c.screen.put("  " + text, x: inputX, y: y, style: Style(.warning), maxWidth: inputWidth) })
                    }
                }
            }
        }
        if let fill, fill.oldAddress, row.isFirstAddressPartOrField {
            for text in Canvas.wrap(S.oldAddress.text(language), width: inputWidth - 2) {
                out.append(Line(focusIndex: focusIndex) { c, y in c.screen.put(text, x: inputX, y: y, style: Style(.warning, bold: true), maxWidth: inputWidth) })
            }
        }
        for issue in issues {
            for text in Canvas.wrap(issue.text(language), width: inputWidth - 2) {
                out.append(Line(focusIndex: focusIndex) { c, y in c.screen.put("! " + text, x: inputX, y: y, style: Style(.error, bold: true), maxWidth: inputWidth) })
            }
        }
        return out
    }

    static func drawInput(_ c: inout Canvas, _ row: FormRow, _ f: FormSession, _ s: AppState, kind: FormSession.InputKind,
                          focused: Bool, focusIndex: Int, x: Int, y: Int, width: Int) {
        let language = s.language
        let raw = f.raw(row)
        switch kind {
        case .line:
            let text = focused ? f.edit.text : raw
            c.input(text, x: x, y: y, width: width, focused: focused, cursor: focused ? f.edit.cursor : nil)
            c.screen.hitAreas.append(HitArea(x: x, y: y, width: width, height: 1, target: .field(focusIndex)))
        case .readOnly:
            guard let p = row.path else { return }
            let value = f.state.value(p)
            let text = value.isEmpty ? "—" : display(value, raw: raw, row: row, f: f, language: language)
            let w = c.screen.put(text, x: x + 2, y: y, style: Style(focused ? .focused : .normal), maxWidth: width - 14)
            c.screen.put(S.computed.text(language), x: x + 3 + w, y: y, style: Style(.muted))
        case .radio(let options):
            var col = x + 2
            for (i, o) in options.enumerated() {
                let chosen = raw == o.value
                let text = (chosen ? "(•) " : "( ) ") + o.label.text(language)
                let w = c.screen.put(text, x: col, y: y, style: Style(focused ? (chosen ? .focused : .inputFocused) : (chosen ? .input : .normal), bold: chosen))
                c.screen.hitAreas.append(HitArea(x: col, y: y, width: w, height: 1, target: focused ? .listItem(i) : .field(focusIndex)))
                col += w + 3
            }
        case .checks(let options):
            var col = x + 2
            let chosen = Set(raw.split(separator: " ").map(String.init))
            for (i, o) in options.enumerated() {
                let text = (chosen.contains(o.value) ? "[x] " : "[ ] ") + o.label.text(language)
                let highlighted = focused && i == f.pickerIndex
                let w = c.screen.put(text, x: col, y: y, style: Style(highlighted ? .focused : .normal), maxWidth: x + width - col)
                c.screen.hitAreas.append(HitArea(x: col, y: y, width: w, height: 1, target: focused ? .listItem(i) : .field(focusIndex)))
                col += w + 2
                if col >= x + width { break }
            }
        case .toggle:
            let text = (raw == "desk" ? "[x] " : "[ ] ") + S.documentDesk.text(language)
            c.screen.put(text, x: x + 2, y: y, style: Style(focused ? .focused : .normal))
            c.screen.hitAreas.append(HitArea(x: x, y: y, width: width, height: 1, target: focused ? .button("row.\(focusIndex)") : .field(focusIndex)))
        case .picker:
            let chosen = f.label(ofCode: raw, in: row, language: language)
            let typing = focused && !f.pickerQuery.text.isEmpty
            let text = typing ? f.pickerQuery.text : chosen
            c.input(text, x: x, y: y, width: width - 2, focused: focused, cursor: typing ? f.pickerQuery.cursor : (focused ? 0 : nil),
                    placeholder: focused ? "(" + S.typeToFilter.text(language) + ")" : "")
            c.screen.put("▼", x: x + width - 2, y: y, style: Style(focused ? .inputFocused : .input))
            c.screen.hitAreas.append(HitArea(x: x, y: y, width: width, height: 1, target: .field(focusIndex)))
        case .button:
            break
        }
    }

    /// An answer as a person reads it.
    static func display(_ value: ExprValue, raw: String, row: FormRow, f: FormSession, language: Language) -> String {
        guard let p = row.path else { return value.description }
        let field = f.form.fields[p.field]
        switch field.type {
        case .choice, .multichoice: return f.label(ofCode: raw, in: row, language: language)
        case .yesno: return value == .bool(true) ? S.yes.text(language) : S.no.text(language)
        case .money:
            if case .number(let n) = value { return Int(n).formatted() + " đ" }
            return value.description
        case .document: return raw == "desk" ? S.atDesk.text(language) : raw
        default: return value.description
        }
    }

    // MARK: The navigation bar

    /// `[ ◀ Trước ]  Trang: 1 ✓  2 •  3 !  [ Tiếp ▶ ]`; returns where the keys may start.
    static func drawNavigation(_ c: inout Canvas, _ s: AppState, _ f: FormSession, y: Int) -> Int {
        var x = 2
        x += c.button(S.previous.text(s.language), x: x, y: y, focused: false, target: .button("previous")) + 2
        let pages = f.visiblePages
        let label = S.pages.text(s.language) + ":"
        x += c.screen.put(label, x: x, y: y, style: Style(.bar)) + 1
        for (n, p) in pages.enumerated() {
            let current = f.stage == .fields && p == f.page
            // Only pages already seen are checked: a frame never validates the whole form.
            let seen = f.visitedPages.contains(p) || f.stage != .fields
            let mark: String
            if current { mark = "•" }
            else if !seen { mark = " " }
            else if f.state.pageHasIssues(p) { mark = f.checkedPages.contains(p) || f.stage != .fields ? "!" : " " }
            else { mark = "✓" }
            let text = "\(n + 1)\(mark)"
            let w = c.screen.put(text, x: x, y: y, style: Style(current ? .focused : (mark == "!" ? .error : .bar), bold: current))
            c.screen.hitAreas.append(HitArea(x: x, y: y, width: w, height: 1, target: .page(p)))
            x += w + 1
        }
        x += 1
        x += c.button(S.next.text(s.language), x: x, y: y, focused: false, target: .button("next")) + 3
        return x
    }

    // MARK: Documents

    static func drawDocuments(_ c: inout Canvas, _ s: AppState, _ b: App.Body, _ f: FormSession) {
        let language = s.language
        c.screen.put(S.documentsTitle.text(language), x: b.x, y: b.y, style: Style(.title, bold: true))
        let docs = FormInput.documentFields(f)
        var y = b.y + 2
        if docs.isEmpty {
            // Nothing to attach: say so, rather than an empty page.
            _ = c.paragraph(S.noDocuments.text(language), x: b.x, y: y, width: b.width, style: Style(.muted))
            return
        }
        for (i, field) in docs.enumerated() where y < b.bottom - 1 {
            let p = FieldPath(field: field.index)
            let component = f.form.procedure.documents.first { $0.code == field.component }
            let raw = f.state.raw(p)
            let required = f.state.isRequired(p) || component.map(f.state.isRequired(document:)) ?? false
            let status: (String, StyleRole)
            if raw == "desk" { status = (S.atDesk.text(language), .success) }
            else if raw.hasPrefix("file:") { status = (S.attached.text(language), .success) }
            else if raw.hasPrefix("reuse:") { status = (S.reused.text(language), .prefilled) }
            else { status = ((required ? "! " : "") + S.missing.text(language), required ? .error : .muted) }
            let focused = f.focus == i
            var name = field.label.text(language)
            if let d = component { name += " (" + (d.original ? S.original.text(language) + ", " : "") + "\(d.copies) \(S.copies.text(language)))" }
            if !required { name += " — " + S.optionalDoc.text(language) }
            c.screen.fill(x: b.x, y: y, width: b.width, height: 1, style: Style(focused ? .focused : .normal))
            c.screen.put((raw == "desk" ? "[x] " : "[ ] ") + name, x: b.x, y: y, style: Style(focused ? .focused : .normal), maxWidth: b.width - 24)
            c.screen.put(status.0, x: b.x + b.width - 22, y: y, style: Style(status.1, bold: true), maxWidth: 22)
            c.screen.hitAreas.append(HitArea(x: b.x, y: y, width: b.width, height: 1, target: .listItem(i)))
            y += 2
        }
        c.screen.put(S.documentDesk.text(language) + ": Enter / " + S.ok.text(language), x: b.x, y: b.bottom, style: Style(.muted))
    }

    // MARK: Review

    static func drawReview(_ c: inout Canvas, _ s: AppState, _ b: App.Body, _ f: FormSession) {
        let language = s.language
        let paths = FormInput.reviewPaths(f)
        var lines: [Line] = []
        lines.append(Line(focusIndex: nil) { c, y in
            c.screen.put(S.reviewTitle.text(language) + " — " + S.reviewHint.text(language), x: b.x, y: y, style: Style(.title, bold: true))
        })
        let labelWidth = min(34, b.width / 2)
        // What came from earlier dossiers, listed for the citizen to confirm.
        let prefilled = f.activePrefills
        if !prefilled.isEmpty {
            lines.append(Line(focusIndex: nil) { c, y in
                c.screen.put("◆ " + S.reviewPrefilled.text(language) + " (\(prefilled.count))", x: b.x, y: y, style: Style(.prefilled, bold: true))
            })
            for (p, fill) in prefilled {
                let label = f.form.fields[p.field].label.text(language) + (p.item.map { " (\($0 + 1))" } ?? "")
                let value = FormView.display(f.state.value(p), raw: f.state.raw(p), row: .field(p), f: f, language: language)
                lines.append(Line(focusIndex: nil) { c, y in
                    c.screen.put("  ◆ " + VietnameseText.truncate(label, toWidth: labelWidth - 5), x: b.x, y: y, style: Style(.prefilled))
                    c.screen.put(value + "  (\(fill.code))", x: b.x + labelWidth, y: y, maxWidth: b.width - labelWidth)
                })
            }
        }
        var lastPage = -1
        for (i, p) in paths.enumerated() {
            let field = f.form.fields[p.field]
            if field.page != lastPage {
                lastPage = field.page
                let title = f.form.pages[field.page].title.text(language)
                lines.append(Line(focusIndex: nil) { c, y in c.screen.put("── " + title, x: b.x, y: y, style: Style(.title)) })
            }
            let issues = f.state.issues(p)
            let value = FormView.display(f.state.value(p), raw: f.state.raw(p), row: .field(p), f: f, language: language)
            let label = field.label.text(language) + (p.item.map { " (\($0 + 1))" } ?? "")
            let focused = f.focus == i
            lines.append(Line(focusIndex: i) { c, y in
                c.screen.fill(x: b.x, y: y, width: b.width, height: 1, style: Style(focused ? .focused : .normal))
                c.screen.put((issues.isEmpty ? (f.prefill(p) != nil ? "◆ " : "  ") : "! ") + VietnameseText.truncate(label, toWidth: labelWidth - 3), x: b.x, y: y,
                             style: Style(focused ? .focused : (issues.isEmpty ? .normal : .error)))
                let text = issues.isEmpty ? (value.isEmpty ? "—" : value) : issues[0].text(language)
                c.screen.put(text, x: b.x + labelWidth, y: y, style: Style(focused ? .focused : (issues.isEmpty ? .normal : .error), bold: !issues.isEmpty), maxWidth: b.width - labelWidth)
                c.screen.hitAreas.append(HitArea(x: b.x, y: y, width: b.width, height: 1, target: .listItem(i)))
            })
        }
        let declareIndex = paths.count
        lines.append(Line(focusIndex: nil) { _, _ in })
        lines.append(Line(focusIndex: declareIndex) { c, y in
            let text = (f.declared ? "[x] " : "[ ] ") + S.declaration.text(language)
            c.screen.put(text, x: b.x, y: y, style: Style(f.focus == declareIndex ? .focused : .title, bold: true), maxWidth: b.width)
            c.screen.hitAreas.append(HitArea(x: b.x, y: y, width: b.width, height: 1, target: .button("declare")))
        })
        lines.append(Line(focusIndex: declareIndex + 1) { c, y in
            c.buttons([(S.finalize.text(language), f.focus == declareIndex + 1, .button("submit")),
                       (S.previous.text(language), f.focus == declareIndex + 2, .button("previous"))], x: b.x, y: y)
        })
        lines.append(Line(focusIndex: declareIndex + 2) { _, _ in })
        show(&c, lines, focus: f.focus, top: b.y, height: b.height - 1)
        if let m = f.message {
            c.screen.put("! " + m.text(language), x: b.x, y: b.bottom, style: Style(.warning, bold: true), maxWidth: b.width)
        }
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

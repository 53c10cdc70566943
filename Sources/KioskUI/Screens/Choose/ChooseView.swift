import KioskCore

extension ChooseState {
    func draw(_ c: inout Canvas, _ s: AppState, _ b: Body) {
        let label = c.t(S.searchLabel) + " "
        let lw = c.screen.put(label, x: b.x, y: b.y, style: Style(.title, bold: true))
        let hint = c.t(S.searchHint)
        let inputWidth = max(20, b.width - lw - VietnameseText.displayWidth(hint) - 2)
        c.input(query.text, x: b.x + lw, y: b.y, width: inputWidth, focused: focus == 0, cursor: query.cursor)
        c.screen.put(hint, x: b.x + lw + inputWidth + 1, y: b.y, style: Style(.muted))

        let list = procedures(s)
        let detailHeight = 6
        let listTop = b.y + 2
        let listBottom = b.bottom - detailHeight
        guard !list.isEmpty else {
            // No forms at all is not a matter of typing: the staff must act.
            _ = c.paragraph(c.t(s.context.forms.isEmpty ? S.noForms : S.noProcedureMatch), x: b.x, y: listTop, width: b.width,
                            style: Style(.warning, bold: s.context.forms.isEmpty))
            c.buttons([(c.t(S.back), focus == 2, .button("back"))], x: b.x, y: b.bottom)
            return
        }
        // Lines: a header per field (lĩnh vực), then its procedures.
        var lines: [(text: String, item: Int?)] = []
        var lastDomain = ""
        for (i, f) in list.enumerated() {
            if f.procedure.domainCode != lastDomain {
                lines.append((f.procedure.domainName.text(s.language).uppercased(), nil))
                lastDomain = f.procedure.domainCode
            }
            lines.append((f.procedure.title.text(s.language), i))
        }
        let selectedLine = lines.firstIndex { $0.item == selection } ?? 0
        let visible = listBottom - listTop
        let start = selectedLine < visible ? 0 : selectedLine - visible + 1
        for (n, line) in lines.dropFirst(start).prefix(visible).enumerated() {
            let y = listTop + n
            guard let i = line.item else {
                c.screen.put(line.text, x: b.x, y: y, style: Style(.title, bold: true))
                continue
            }
            let selected = i == selection
            let p = list[i].procedure
            let summary = (p.feeAmount == 0 ? c.t(S.free) : "\(p.feeAmount.formatted()) đ") + " · "
                + (p.processingDays == 0 ? c.t(S.sameDay) : "\(p.processingDays) \(c.t(S.workingDays))")
            let style = Style(selected ? .focused : .normal, bold: selected)
            c.screen.fill(x: b.x, y: y, width: b.width, height: 1, style: selected ? style : .normal)
            c.screen.put((selected ? "▶ " : "  ") + line.text, x: b.x, y: y, style: style, maxWidth: b.width - VietnameseText.displayWidth(summary) - 2)
            c.screen.put(summary, x: b.x + b.width - VietnameseText.displayWidth(summary), y: y, style: Style(selected ? .focused : .muted))
            c.screen.hitAreas.append(HitArea(x: b.x, y: y, width: b.width, height: 1, target: .listItem(i)))
        }

        // The chosen procedure: what it costs, how long, what to bring.
        let p = list[min(selection, list.count - 1)].procedure
        var y = listBottom
        let head = "── \(p.title.text(s.language)) (\(p.code)) "
        c.screen.put(head + String(repeating: "─", count: max(0, b.width - VietnameseText.displayWidth(head))), x: b.x, y: y, style: Style(.title), maxWidth: b.width)
        y += 1
        let deliveries = p.delivery.map { $0.label.text(s.language) }.joined(separator: " · ")
        c.screen.put("\(c.t(S.level)): \(p.level.label.text(s.language)) · \(c.t(S.delivery)): \(deliveries)", x: b.x, y: y, maxWidth: b.width)
        y += 1
        let docs = p.documents.filter { if case .optional = $0.required { return false } else { return true } }
            .map { $0.name.text(s.language) + ($0.original ? " (\(c.t(S.original)))" : "") }
        let prepare = docs.isEmpty ? c.t(S.prepareNothing) : docs.joined(separator: " · ")
        for line in Canvas.wrap("\(c.t(S.prepare)): " + prepare, width: b.width).prefix(3) {
            c.screen.put(line, x: b.x, y: y)
            y += 1
        }
        let startLabel = c.t(S.start), backLabel = c.t(S.back)
        let buttonsWidth = VietnameseText.displayWidth(startLabel + backLabel) + 10
        c.buttons([(startLabel, focus == 1, .button("start")), (backLabel, focus == 2, .button("back"))],
                  x: b.x + b.width - buttonsWidth, y: b.bottom)
    }
}

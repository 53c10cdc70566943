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
        let listTop = b.y + 2
        guard !list.isEmpty else {
            // No forms at all is not a matter of typing: the staff must act.
            _ = c.paragraph(c.t(s.context.forms.isEmpty ? S.noForms : S.noProcedureMatch), x: b.x, y: listTop, width: b.width,
                            style: Style(.warning, bold: s.context.forms.isEmpty))
            c.buttons([(c.t(S.back), focus == 2, .button("back"))], x: b.x, y: b.bottom)
            return
        }
        // The chosen procedure, whole: what it costs, how long, how the
        // result comes, what to bring. The list has the rest of the room.
        let chosen = list[min(selection, list.count - 1)]
        let p = chosen.procedure
        var detail: [(String, Style)] = []
        let title = WordWrap.lines("\(p.title.text(s.language)) (\(p.code))", width: b.width - 4)
        for (n, line) in title.enumerated() {
            let rule = n == title.count - 1 ? " " + String(repeating: "─", count: max(0, b.width - VietnameseText.displayWidth(line) - 4)) : ""
            detail.append(((n == 0 ? "── " : "   ") + line + rule, Style(.title)))
        }
        let deliveries = p.delivery.map { $0.label.text(s.language) }.joined(separator: " · ")
        for line in WordWrap.lines("\(c.t(S.level)): \(p.level.label.text(s.language)) · \(c.t(S.delivery)): \(deliveries)", width: b.width) {
            detail.append((line, .normal))
        }
        // The fee: its note says how it is computed (per copy, per page, who
        // is exempt); the amount when there is no note.
        let feeText = p.feeNote?.text(s.language) ?? Self.feeSummary(p, c)
        for line in WordWrap.lines("\(c.t(S.fee(p.feeKind))): \(feeText)", width: b.width) { detail.append((line, .normal)) }
        if !p.linked.isEmpty {
            // One sitting, several procedures: say so before the citizen starts.
            let titles = p.linked.map { $0.title.text(s.language) }.joined(separator: " · ")
            for line in WordWrap.lines("\(c.t(S.linkedWith)): " + titles, width: b.width) { detail.append((line, .normal)) }
        }
        // Before any answer (the form's defaults only): a document the
        // office looks up is not to prepare; one looked up only in some
        // cases (the parents' marriage certificate, unless a parent is
        // foreign) says so.
        let atStart = FormState(form: chosen, today: VietnamTime(unix: s.now).date)
        // Those always required first, then those required only in some
        // cases (the household's papers when a household founds the
        // business, an authorization when someone else asks), marked so.
        func named(_ d: DocumentComponent, _ sometimes: Bool) -> String {
            let notes = (d.original ? [c.t(S.original)] : []) + (sometimes ? [c.t(S.inSomeCases)] : [])
            return d.name.text(s.language) + (notes.isEmpty ? "" : " (" + notes.joined(separator: ", ") + ")")
        }
        let toPrepare = p.documents.filter { !atStart.isLookedUp(document: $0) }
        let docs = toPrepare.filter { if case .always = $0.required { return true } else { return false } }.map { named($0, false) }
            + toPrepare.filter { if case .when = $0.required { return true } else { return false } }.map { named($0, true) }
        let prepare = docs.isEmpty ? c.t(S.prepareNothing) : docs.joined(separator: " · ")
        for line in WordWrap.lines("\(c.t(S.prepare)): " + prepare, width: b.width) { detail.append((line, .normal)) }
        let lookedUp = p.documents.filter { atStart.isLookedUp(document: $0) }
        if !lookedUp.isEmpty {
            let names = lookedUp.map { d in
                if case .when = d.lookedUp { return d.name.text(s.language) + " (\(c.t(S.lookedUpExceptSome)))" }
                return d.name.text(s.language)
            }.joined(separator: " · ")
            for line in WordWrap.lines("\(c.t(S.lookedUpToPrepare)): " + names, width: b.width) { detail.append((line, Style(.muted))) }
        }
        // At least four lines of the list: a long detail gives up its end, marked.
        let detailRoom = max(2, b.height - 2 - 1 - 4)
        if detail.count > detailRoom {
            detail = Array(detail.prefix(detailRoom))
            detail[detailRoom - 1].0 = VietnameseText.truncate(detail[detailRoom - 1].0 + " …", toWidth: b.width)
        }
        let listBottom = b.bottom - detail.count - 1

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
        // When not all fit, a line says how many more are above and below.
        var visible = listBottom - listTop
        var start = 0
        if lines.count > visible {
            visible -= 1
            start = selectedLine < visible ? 0 : selectedLine - visible + 1
        }
        let shown = lines.dropFirst(start).prefix(visible)
        for (n, line) in shown.enumerated() {
            let y = listTop + n
            guard let i = line.item else {
                c.screen.put(VietnameseText.truncate(line.text, toWidth: b.width), x: b.x, y: y, style: Style(.title, bold: true))
                continue
            }
            let selected = i == selection
            let p = list[i].procedure
            // A one-sitting dossier is ready when its slowest procedure is.
            let days = ([p.processingDays] + p.linked.map(\.processingDays)).max() ?? p.processingDays
            let summary = Self.feeSummary(p, c) + " · "
                + (days == 0 ? c.t(S.sameDay) : "\(days) \(c.t(S.workingDays))")
            let style = Style(selected ? .focused : .normal, bold: selected)
            c.screen.fill(x: b.x, y: y, width: b.width, height: 1, style: selected ? style : .normal)
            c.screen.put(VietnameseText.truncate((selected ? "▶ " : "  ") + line.text, toWidth: b.width - VietnameseText.displayWidth(summary) - 2), x: b.x, y: y, style: style)
            c.screen.put(summary, x: b.x + b.width - VietnameseText.displayWidth(summary), y: y, style: Style(selected ? .focused : .muted))
            c.screen.hitAreas.append(HitArea(x: b.x, y: y, width: b.width, height: 1, target: .listItem(i)))
        }
        if lines.count > visible + 1 || start > 0 {
            let above = lines.prefix(start).filter { $0.item != nil }.count
            let below = lines.dropFirst(start + visible).filter { $0.item != nil }.count
            c.screen.put(VietnameseText.truncate(S.moreProcedures(above: above, below: below).text(s.language), toWidth: b.width),
                         x: b.x, y: listTop + shown.count, style: Style(.muted, bold: true))
        }

        var y = listBottom
        for (text, style) in detail {
            c.screen.put(text, x: b.x, y: y, style: style)
            y += 1
        }
        let startLabel = c.t(S.start), backLabel = c.t(S.back)
        let buttonsWidth = VietnameseText.displayWidth(startLabel + backLabel) + 10
        c.buttons([(startLabel, focus == 1, .button("start")), (backLabel, focus == 2, .button("back"))],
                  x: b.x + b.width - buttonsWidth, y: b.bottom)
    }

    /// The fee in a few words, for the list: free, the amount, or "varies"
    /// when the form computes it from the answers.
    static func feeSummary(_ p: Procedure, _ c: Canvas) -> String {
        if p.feeExpression != nil { return c.t(S.feeComputed) }
        return p.feeAmount == 0 ? c.t(S.free) : Money.text(p.feeAmount, c.language, short: true)
    }
}

import KioskCore

extension OperatorDeskState {
    func drawHeader(_ c: inout Canvas, _ s: AppState, statusWidth: Int) -> Bool {
        let title = "\(c.t(S.appName)) · \(c.t(S.operatorHeader)): \(s.operatorID ?? "")"
        c.screen.put(VietnameseText.truncate(title, toWidth: s.width - 6 - statusWidth), x: 2, y: 1, style: Style(.bar, bold: true))
        c.screen.put(App.dateLine(s), x: 2, y: 2, style: Style(.bar))
        return true
    }

    /// The ways out before the common keys: back to the citizens' screens, sign out.
    func drawFooter(_ c: inout Canvas, _ s: AppState, y: Int) -> Int {
        let text = c.t(S.operatorFooter)
        c.screen.put(text, x: 2, y: y, style: Style(.bar))
        return 2 + VietnameseText.displayWidth(text) + 3
    }

    func draw(_ c: inout Canvas, _ s: AppState, _ b: Body) {
        // The parts, as tabs.
        var x = b.x
        for (i, name) in S.operatorParts.enumerated() {
            let label = "\(i + 1) \(c.t(name))"
            let width = VietnameseText.displayWidth(label) + 2
            c.screen.put(" " + label + " ", x: x, y: b.y, style: Style(i == part.rawValue ? .focused : .button, bold: i == part.rawValue))
            c.screen.hitAreas.append(HitArea(x: x, y: b.y, width: width, height: 1, target: .page(i)))
            x += width + 1
        }
        let body = Body(x: b.x, y: b.y + 2, width: b.width, height: b.height - 4)
        guard let data else {
            c.screen.put(c.t(S.loading), x: b.x, y: body.y)
            return
        }
        var hint: String
        switch part {
        case .today:
            drawToday(&c, s, data.stats, body)
            hint = c.t(S.statsSwitch)
        case .queue:
            drawQueue(&c, s, data.queue, body)
            hint = c.t(S.queueSendNow)
        case .attention:
            drawAttention(&c, s, data.attention, body)
            hint = c.t(S.attentionKeys)
        case .drafts:
            drawDrafts(&c, s, data.drafts, body)
            hint = c.t(S.draftsKeys)
        case .updates:
            let lines = data.formUpdates.isEmpty ? [c.t(S.updatesNone)] : data.formUpdates.map { "⚠ " + c.t($0) }
            var y = body.y
            for line in lines { y = c.paragraph(line, x: b.x, y: y, width: b.width, last: body.bottom) }
            hint = ""
        }
        hint += (hint.isEmpty ? "" : " · ") + c.t(S.refresh)
        if let reason = withdrawReason {
            c.screen.put(c.t(S.withdrawPrompt) + ":", x: b.x, y: b.bottom - 2, style: Style(.title, bold: true))
            c.input(reason.text, x: b.x, y: b.bottom - 1, width: b.width - 2, focused: true, cursor: reason.cursor)
        } else if confirmErase {
            c.paragraph(c.t(S.eraseConsent), x: b.x, y: b.bottom - 2, width: b.width, last: b.bottom, style: Style(.warning, bold: true))
        }
        if let m = message {
            c.screen.put(VietnameseText.truncate(c.t(m), toWidth: b.width), x: b.x, y: b.bottom - (withdrawReason != nil ? 3 : 1), style: Style(.warning, bold: true))
        }
        if withdrawReason == nil && !confirmErase {
            c.screen.put(VietnameseText.truncate(hint, toWidth: b.width), x: b.x, y: b.bottom, style: Style(.muted))
        }
    }

    private func counts(_ n: OperatorCounts) -> String {
        [n.started, n.finished, n.uploaded, n.needsAttention].map { pad(String($0), 10) }.joined()
    }

    private func pad(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - VietnameseText.displayWidth(text))) + text
    }

    private func drawToday(_ c: inout Canvas, _ s: AppState, _ stats: OperatorStats, _ b: Body) {
        let name = 30
        var y = b.y
        c.screen.put("\(c.t(stats.period == .day ? S.statsDay : S.statsMonth)) \(stats.period == .day ? stats.from : String(stats.from.dropFirst(3)))",
                     x: b.x, y: y, style: Style(.title, bold: true))
        y += 1
        c.screen.put(String(repeating: " ", count: name) + S.statsColumns.map { pad(c.t($0), 10) }.joined(), x: b.x, y: y, style: Style(.muted))
        y += 1
        func row(_ label: String, _ n: OperatorCounts, bold: Bool = false) {
            guard y < b.bottom - 1 else { return }
            let cut = VietnameseText.truncate(label, toWidth: name - 1)
            c.screen.put(cut + String(repeating: " ", count: name - VietnameseText.displayWidth(cut)) + counts(n), x: b.x, y: y, style: Style(.normal, bold: bold))
            y += 1
        }
        row(c.t(S.statsTotal), stats.total, bold: true)
        if !stats.byProcedure.isEmpty, y < b.bottom - 2 {
            c.screen.put(c.t(S.statsByProcedure), x: b.x, y: y, style: Style(.muted))
            y += 1
            for p in stats.byProcedure { row(" " + c.t(p.name), p.counts) }
        }
        if !stats.byOperator.isEmpty, y < b.bottom - 2 {
            c.screen.put(c.t(S.statsByOperator), x: b.x, y: y, style: Style(.muted))
            y += 1
            for o in stats.byOperator { row(" " + (o.id.isEmpty ? c.t(S.statsNoOperator) : o.id), o.counts) }
        }
        let median = stats.medianMinutes.map { m in "\(Int(m.rounded())) \(c.t(S.minutes))" } ?? c.t(S.statsNoMedian)
        c.screen.put(VietnameseText.truncate("\(c.t(S.statsMedian)): \(median)", toWidth: b.width), x: b.x, y: max(y, b.bottom - 1))
    }

    private func drawQueue(_ c: inout Canvas, _ s: AppState, _ queue: [QueuedItem], _ b: Body) {
        guard !queue.isEmpty else {
            c.screen.put(c.t(S.queueEmpty), x: b.x, y: b.y)
            return
        }
        var y = b.y
        let start = firstShown(queue.count, fits: max(1, (b.bottom - 1 - b.y) / 2))
        for (i, q) in queue.enumerated() where i >= start && y < b.bottom - 2 {
            let first = "\(q.receiptNumber) · \(c.t(q.procedure)) · \(VietnamTime(unix: q.finalizedAt).clockAndDate)"
            c.screen.put(VietnameseText.truncate((i == selected ? "▶ " : "  ") + first, toWidth: b.width), x: b.x, y: y, style: Style(i == selected ? .focused : .normal))
            c.screen.hitAreas.append(HitArea(x: b.x, y: y, width: b.width, height: 2, target: .listItem(i)))
            var second = q.attempts == 0 ? c.t(S.queueNotTried) : "\(q.attempts) \(c.t(S.queueAttempts))"
            if let e = q.lastError { second += " · " + c.t(e) }
            if q.attempts > 0, let next = q.nextAttemptAt { second += " · \(c.t(S.queueNext)) \(VietnamTime(unix: next).clock)" }
            c.screen.put(VietnameseText.truncate("    " + second, toWidth: b.width), x: b.x, y: y + 1, style: Style(.muted))
            y += 2
        }
        more(&c, queue.count - start - (y - b.y) / 2, b)
    }

    /// The first item shown: the list scrolls so that the chosen one is on screen.
    private func firstShown(_ count: Int, fits: Int) -> Int {
        max(0, min(selected - fits + 1, count - fits))
    }

    /// "▼ N more" on the list's last line when items are below it.
    private func more(_ c: inout Canvas, _ n: Int, _ b: Body) {
        guard n > 0 else { return }
        c.screen.put("▼ \(n) \(c.t(S.moreBelow))", x: b.x, y: b.bottom - 1, style: Style(.muted))
    }

    private func drawAttention(_ c: inout Canvas, _ s: AppState, _ items: [AttentionItem], _ b: Body) {
        guard !items.isEmpty else {
            c.screen.put(c.t(S.attentionEmpty), x: b.x, y: b.y)
            return
        }
        var y = b.y
        // The chosen one is shown with its reasons: the list starts near it.
        let start = selected < 3 ? 0 : selected - 2
        var shown = 0
        for (i, a) in items.enumerated() where i >= start && y < b.bottom - 2 {
            shown += 1
            let line = "\(a.receiptNumber) · \(c.t(a.procedure)) · \(VietnamTime(unix: a.finalizedAt).clockAndDate)"
            c.screen.put(VietnameseText.truncate((i == selected ? "▶ " : "  ") + line, toWidth: b.width), x: b.x, y: y, style: Style(i == selected ? .focused : .normal))
            c.screen.hitAreas.append(HitArea(x: b.x, y: y, width: b.width, height: 1, target: .listItem(i)))
            y += 1
            guard i == selected else { continue }
            // The chosen one's reasons, each against the answer it names.
            for r in a.reasons where y < b.bottom - 2 {
                var text: String
                if let label = r.label {
                    text = "• \(c.t(label))"
                    if let answer = r.answer { text += " (\(c.t(S.attentionAnswer)): “\(answer)”)" }
                    text += " — \(r.message)"
                } else {
                    text = "• " + (r.path.isEmpty ? "" : r.path + ": ") + r.message
                }
                y = c.paragraph(text, x: b.x + 4, y: y, width: b.width - 4, last: b.bottom - 3, style: Style(.error))
            }
        }
        more(&c, items.count - start - shown, b)
    }

    private func drawDrafts(_ c: inout Canvas, _ s: AppState, _ drafts: [DraftItem], _ b: Body) {
        guard !drafts.isEmpty else {
            c.screen.put(c.t(S.draftsEmpty), x: b.x, y: b.y)
            return
        }
        var y = b.y
        let start = firstShown(drafts.count, fits: max(1, b.bottom - 1 - b.y))
        for (i, d) in drafts.enumerated() where i >= start && y < b.bottom - 1 {
            var line = "\(d.resumeCode) · \(c.t(d.procedure)) · \(d.answered)/\(d.required) \(c.t(S.draftsAnswered)) · \(c.t(S.draftsUpdated)) \(VietnamTime(unix: d.updatedAt).clockAndDate)"
            if let op = d.operatorID { line += " · \(op)" }
            c.screen.put(VietnameseText.truncate((i == selected ? "▶ " : "  ") + line, toWidth: b.width), x: b.x, y: y, style: Style(i == selected ? .focused : .normal))
            c.screen.hitAreas.append(HitArea(x: b.x, y: y, width: b.width, height: 1, target: .listItem(i)))
            y += 1
        }
        more(&c, drafts.count - start - (y - b.y), b)
    }
}

import KioskCore

extension OfferState {
    func draw(_ c: inout Canvas, _ s: AppState, _ b: Body) {
        var y = b.y
        App.drawTitle(&c, b, c.t(S.offerTitle), procedure: session.form.procedure.title.text(s.language))
        y += 2
        y = c.paragraph(c.t(S.offerExplain), x: b.x + 2, y: y, width: min(b.width - 4, 74)) + 1
        if offers.isEmpty {
            y = c.paragraph(c.t(S.offerNobody), x: b.x + 2, y: y, width: b.width - 6, style: Style(.warning)) + 1
        }
        var lastCode = ""
        for (i, offer) in offers.enumerated() where y < b.bottom - 3 {
            if offer.code != lastCode {
                lastCode = offer.code
                let name = priors.first { $0.code == offer.code }?.procedureName ?? ""
                y = c.paragraph("── \(offer.code) · \(name)", x: b.x + 2, y: y, width: b.width - 4, last: b.bottom - 3, style: Style(.title))
            }
            let focused = focus == i
            let who = S.role(offer.sourceRole).text(s.language) + (offer.name.map { ": " + $0 } ?? "")
            let target = offer.target.map { S.role($0).text(s.language) } ?? c.t(offer.isDecided ? S.offerNotUsed : S.offerUndecided)
            // Who, whole, on the left (over several lines if need be); what
            // they become on the right.
            let whoWidth = min(40, (b.width - 8) / 2)
            let whoLines = WordWrap.lines(who, width: whoWidth)
            let style = Style(focused ? .focused : .normal)
            for (n, line) in whoLines.enumerated() where y < b.bottom - 2 {
                c.screen.fill(x: b.x + 2, y: y, width: b.width - 4, height: 1, style: style)
                c.screen.put(line, x: b.x + 4, y: y, style: style)
                if n == 0 {
                    c.screen.put(VietnameseText.truncate("→ ◀ \(target) ▶", toWidth: b.width - whoWidth - 8), x: b.x + whoWidth + 6, y: y,
                                 style: Style(focused ? .focused : (offer.target == nil ? .muted : .prefilled), bold: offer.target != nil))
                }
                c.screen.hitAreas.append(HitArea(x: b.x + 2, y: y, width: b.width - 4, height: 1, target: .listItem(i)))
                y += 1
            }
        }
        if let message, y < b.bottom - 2 {
            y = c.paragraph(c.t(message), x: b.x + 2, y: y + 1, width: b.width - 6, last: b.bottom - 2, style: Style(.warning))
        }
        // What pressing Fill in would do.
        let plan = plan()
        y += 1
        if y < b.bottom - 1 {
            c.screen.put("\(c.t(S.offerWillFill)): \(plan.prefills.filter { !$0.raw.hasPrefix("reuse:") }.count) \(c.t(S.offerItems))", x: b.x + 2, y: y, style: Style(.muted))
            y += 1
        }
        let reused = plan.prefills.filter { $0.raw.hasPrefix("reuse:") }.compactMap { p in
            session.form.field(p.name).map { session.state.label(of: FieldPath(field: $0.index)).text(s.language) }
        }
        if !reused.isEmpty, y < b.bottom - 1 {
            c.paragraph("\(c.t(S.offerReuse)): " + reused.joined(separator: ", "), x: b.x + 2, y: y, width: b.width - 4, last: b.bottom - 2, style: Style(.muted))
        }
        c.buttons([(c.t(S.offerApply), focus == offers.count, .button("apply")),
                   (c.t(S.offerSkip), focus == offers.count + 1, .button("skip"))], x: b.x + 2, y: b.bottom)
    }
}

import KioskCore

extension PriorState {
    func draw(_ c: inout Canvas, _ s: AppState, _ b: Body) {
        var y = b.y
        App.drawTitle(&c, b, c.t(S.priorTitle), procedure: session?.form.procedure.title.text(s.language))
        y += 2
        y = c.paragraph(c.t(S.priorExplain), x: b.x + 2, y: y, width: min(b.width - 4, 74)) + 1
        let labels = [c.t(S.dossierCode), c.t(S.priorVerification)]
        let lw = labels.map(VietnameseText.displayWidth).max()! + 2
        for (i, label) in labels.enumerated() {
            c.screen.put(label, x: b.x + 2, y: y)
            let line = i == 0 ? code : verification
            let width = min(i == 0 ? 30 : 18, b.width - lw - 6)
            c.input(line.text, x: b.x + 2 + lw, y: y, width: width, focused: focus == i, cursor: line.cursor)
            c.screen.hitAreas.append(HitArea(x: b.x + 2, y: y, width: lw + width, height: 1, target: .field(i)))
            y += 2
            if i == 0, focus == 0, !codePrefix.isEmpty {
                y = c.paragraph(c.t(S.priorPrefixHint), x: b.x + 2 + lw, y: y - 1, width: max(20, b.width - lw - 6), style: Style(.muted)) + 1
            }
        }
        if let m = message {
            y = c.paragraph((busy ? "" : "! ") + c.t(m), x: b.x + 2, y: y, width: b.width - 6, style: Style(busy ? .muted : .warning, bold: !busy))
        }
        // The dossiers found so far: code, procedure, and who is in them.
        if !found.isEmpty {
            c.screen.put(c.t(S.priorFoundTitle) + ":", x: b.x + 2, y: y, style: Style(.success, bold: true))
            y += 1
            for prior in found where y < b.bottom - 1 {
                y = c.paragraph("✓ \(prior.code) · \(prior.procedureName)", x: b.x + 2, y: y, width: b.width - 4, last: b.bottom - 2, style: Style(.success))
                let people = prior.roles.compactMap { r in prior.value("\(r).full_name").map { "\(S.role(r).text(s.language)): \($0)" } }
                if !people.isEmpty, y < b.bottom - 1 {
                    y = c.paragraph(people.joined(separator: " · "), x: b.x + 4, y: y, width: b.width - 6, last: b.bottom - 2)
                }
            }
            if y < b.bottom - 1 {
                c.paragraph(c.t(session == nil ? S.priorChooseNext : S.priorMore), x: b.x + 2, y: y, width: b.width - 4, last: b.bottom - 2, style: Style(.muted))
            }
        }
        var buttons: [(String, Bool, HitTarget)] = [(c.t(S.search), focus == 2, .button("search"))]
        if !found.isEmpty { buttons.append((c.t(S.continueButton), focus == 3, .button("continue"))) }
        buttons.append((c.t(S.back), focus == 4, .button("back")))
        c.buttons(buttons, x: b.x + 2, y: b.bottom)
    }
}

extension App {
    /// A screen's title on the body's first line, with the procedure it is for.
    static func drawTitle(_ c: inout Canvas, _ b: Body, _ title: String, procedure: String?) {
        c.screen.put(title, x: b.x + 2, y: b.y, style: Style(.title, bold: true))
        if let procedure {
            let x = b.x + 4 + VietnameseText.displayWidth(title)
            c.screen.put(VietnameseText.truncate("· " + procedure, toWidth: b.x + b.width - x), x: x, y: b.y, style: Style(.muted))
        }
    }
}

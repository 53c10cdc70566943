import KioskCore

extension LookupState {
    func draw(_ c: inout Canvas, _ s: AppState, _ b: Body) {
        var y = b.y + 1
        c.screen.put(c.t(S.lookupTitle), x: b.x + 2, y: y, style: Style(.title, bold: true))
        y += 2
        let labels = [c.t(S.lookupLabel), c.t(S.lookupVerification)]
        for (i, label) in labels.enumerated() {
            c.screen.put(label + ":", x: b.x + 2, y: y)
            let line = i == 0 ? code : verification
            let width = min(i == 0 ? 34 : 18, b.width - 8)
            c.input(line.text, x: b.x + 4, y: y + 1, width: width, focused: focus == i, cursor: line.cursor)
            c.screen.hitAreas.append(HitArea(x: b.x + 2, y: y, width: max(width + 2, VietnameseText.displayWidth(label)), height: 2, target: .field(i)))
            y += 3
        }
        if let m = message {
            y = c.paragraph((busy ? "" : "! ") + c.t(m), x: b.x + 2, y: y, width: b.width - 4, last: b.bottom - 2, style: Style(busy ? .muted : .warning, bold: !busy))
        }
        if let r = remote {
            c.screen.put("── " + c.t(S.atProvince), x: b.x + 2, y: y, style: Style(.title))
            y += 1
            let status = r.status.map { ProvincialStatus.names[$0]?.text(s.language) ?? "\($0)" } ?? "—"
            var rows: [(LocalizedText, String)] = [(S.dossierCode, r.code), (S.procedure, r.procedureName), (S.status, status)]
            if let due = r.dueDate { rows.append((S.dueDate, CalendarDate.parseISO(due)?.description ?? due)) }
            for (label, value) in rows where y < b.bottom - 1 {
                y = c.paragraph("\(c.t(label)): \(value)", x: b.x + 4, y: y, width: b.width - 6, last: b.bottom - 2)
            }
        }
        if let r = result {
            c.screen.put("── " + c.t(S.atStation), x: b.x + 2, y: y, style: Style(.title))
            y += 1
            let rows: [(LocalizedText, String)] = [
                (S.procedure, r.procedureTitle.text(s.language)),
                (S.receiptNumber, r.receiptNumber),
                (S.dossierCode, r.officialCode ?? c.t(S.pendingUpload)),
                (S.submittedAt, VietnamTime(unix: r.submittedAt).clockAndDate),
                (S.status, (S.statusNames[r.status] ?? LocalizedText(r.status)).text(s.language)),
            ] + (r.dueDate.map { [(S.dueDate, CalendarDate.parseISO($0)?.description ?? $0)] } ?? [])
            for (label, value) in rows where y < b.bottom - 1 {
                y = c.paragraph("\(c.t(label)): \(value)", x: b.x + 4, y: y, width: b.width - 6, last: b.bottom - 2)
            }
        }
        c.buttons([(c.t(S.search), focus == 2, .button("search")), (c.t(S.back), focus == 3, .button("back"))], x: b.x + 2, y: b.bottom)
    }
}

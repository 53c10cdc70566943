import KioskCore

extension PinState {
    func draw(_ c: inout Canvas, _ s: AppState, _ b: Body) {
        let form = s.context.forms.first { $0.id == formID }
        var y = b.y + 1
        c.screen.put(form?.procedure.title.text(s.language) ?? "", x: b.x + 2, y: y, style: Style(.title, bold: true))
        y += 2
        c.screen.put(c.t(S.pinTitle), x: b.x + 2, y: y, style: Style(.title))
        y += 2
        y = c.paragraph(c.t(confirming ? S.pinConfirmHint : S.pinExplain), x: b.x + 2, y: y, width: min(b.width - 4, 70)) + 1
        if !confirming, offered != nil {
            y = c.paragraph(c.t(pin.text.isEmpty ? S.pinOffered : S.pinOfferedOther), x: b.x + 2, y: y, width: min(b.width - 4, 70),
                            style: Style(.success)) + 1
        }
        let labels = [c.t(S.pinLabel), c.t(S.pinConfirmLabel)]
        let lw = labels.map(VietnameseText.displayWidth).max()! + 2
        c.screen.put(labels[0] + ":", x: b.x + 2, y: y)
        c.input(pin.text, x: b.x + 2 + lw, y: y, width: 12, focused: !confirming, cursor: pin.cursor, masked: true)
        if confirming {
            y += 2
            c.screen.put(labels[1] + ":", x: b.x + 2, y: y)
            c.input(confirm.text, x: b.x + 2 + lw, y: y, width: 12, focused: true, cursor: confirm.cursor, masked: true)
        }
        if let e = error { c.screen.put("! " + c.t(e), x: b.x + 2, y: y + 2, style: Style(.error, bold: true), maxWidth: b.width - 4) }
        c.buttons([(c.t(S.start), true, .button("start")), (c.t(S.back), false, .button("back"))], x: b.x + 2, y: b.bottom)
    }
}

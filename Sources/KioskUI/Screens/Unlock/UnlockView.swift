import KioskCore

extension UnlockState {
    func draw(_ c: inout Canvas, _ s: AppState, _ b: Body) {
        var y = b.y + 1
        c.screen.put(c.t(creating ? S.unlockSetTitle : S.unlockTitle), x: b.x + 2, y: y, style: Style(.title, bold: true))
        y += 1
        c.screen.put(c.t(S.unlockOperatorOnly), x: b.x + 2, y: y, maxWidth: b.width - 4)
        y += 2
        y = c.paragraph(c.t(creating ? S.unlockSetExplain : S.unlockExplain), x: b.x + 2, y: y, width: min(b.width - 4, 72)) + 1
        let labels = creating ? [c.t(S.unlockLabel), c.t(S.unlockConfirmLabel)] : [c.t(S.unlockLabel)]
        let lw = labels.map(VietnameseText.displayWidth).max()! + 2
        for (i, label) in labels.enumerated() {
            c.screen.put(label + ":", x: b.x + 2, y: y)
            let line = i == 0 ? passphrase : confirm
            c.input(line.text, x: b.x + 2 + lw, y: y, width: 30, focused: focus == i, cursor: line.cursor, masked: true)
            c.screen.hitAreas.append(HitArea(x: b.x + 2, y: y, width: lw + 30, height: 1, target: .field(i)))
            y += 2
        }
        if let m = message {
            c.paragraph("! " + c.t(m), x: b.x + 2, y: y, width: b.width - 4, last: b.bottom - 2, style: Style(.error, bold: true))
        }
        c.buttons([(c.t(creating ? S.unlockSetButton : S.unlockButton), focus == buttonFocus, .button("unlock"))], x: b.x + 2, y: b.bottom)
    }
}

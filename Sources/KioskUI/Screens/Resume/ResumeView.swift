import KioskCore

extension ResumeState {
    func draw(_ c: inout Canvas, _ s: AppState, _ b: Body) {
        var y = b.y + 1
        c.screen.put(c.t(S.resumeTitle), x: b.x + 2, y: y, style: Style(.title, bold: true))
        y += 2
        let labels = [c.t(S.resumeCodeLabel), c.t(S.verificationLabel)]
        let lw = labels.map(VietnameseText.displayWidth).max()! + 2
        for (i, label) in labels.enumerated() {
            c.screen.put(label, x: b.x + 2, y: y)
            let line = i == 0 ? code : verification
            c.input(line.text, x: b.x + 2 + lw, y: y, width: 14, focused: focus == i, cursor: line.cursor, masked: i == 1)
            c.screen.hitAreas.append(HitArea(x: b.x + 2, y: y, width: lw + 14, height: 1, target: .field(i)))
            y += 2
        }
        if let m = message { c.paragraph("! " + c.t(m), x: b.x + 2, y: y, width: b.width - 4, last: b.bottom - 2, style: Style(.error, bold: true)) }
        c.buttons([(c.t(S.continueButton), focus == 2, .button("continue")), (c.t(S.back), focus == 3, .button("back"))], x: b.x + 2, y: b.bottom)
    }
}

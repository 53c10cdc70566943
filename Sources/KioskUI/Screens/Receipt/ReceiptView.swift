import KioskCore

extension ReceiptState {
    func draw(_ c: inout Canvas, _ s: AppState, _ b: Body) {
        let width = min(b.width - 4, 72)
        let lines = receipt.text(columns: width, language: s.language).split(separator: "\n", omittingEmptySubsequences: false)
        var y = b.y
        for line in lines.prefix(b.height - 3) {
            c.screen.put(String(line), x: b.x + max(0, (b.width - width) / 2), y: y, style: y == b.y ? Style(.title, bold: true) : .normal)
            y += 1
        }
        if let m = message { c.screen.put(VietnameseText.truncate(c.t(m), toWidth: b.width - 4), x: b.x + 2, y: b.bottom - 1, style: Style(.success)) }
        c.buttons([(c.t(receipt.officialCode == nil ? S.print : S.printFinal), focus == 0, .button("print")), (c.t(S.done), focus == 1, .button("done"))], x: b.x + 2, y: b.bottom)
    }
}

import KioskCore

extension ReceiptState {
    /// The receipt's lines at this screen's width, and how many of them fit
    /// above the message and the buttons (which always stay in view).
    static func layout(_ receipt: Receipt, _ s: AppState, _ b: Body) -> (lines: [String], room: Int, width: Int) {
        let width = min(b.width - 4, 72)
        var lines = receipt.text(columns: width, language: s.language).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        while lines.last?.trimmingCharacters(in: .whitespaces).isEmpty == true { lines.removeLast() }
        return (lines, max(1, b.height - 3), width)
    }

    /// The body the app draws screens in (AppView).
    static func body(_ s: AppState) -> Body { Body(x: 2, y: 4, width: s.width - 4, height: s.height - 7) }

    /// The furthest the receipt scrolls: its last line at the bottom of the
    /// room left after the "▲" line.
    static func maxScroll(_ receipt: Receipt, _ s: AppState) -> Int {
        let (lines, room, _) = layout(receipt, s, body(s))
        return lines.count <= room ? 0 : lines.count - room + 1
    }

    func draw(_ c: inout Canvas, _ s: AppState, _ b: Body) {
        let (lines, room, width) = Self.layout(receipt, s, b)
        let x = b.x + max(0, (b.width - width) / 2)
        let top = min(scroll, Self.maxScroll(receipt, s))
        // A long receipt scrolls (↑ ↓ PgUp PgDn); marks say there is more.
        var shown: [(String, Style)] = []
        if top > 0 { shown.append((c.t(S.receiptMoreAbove), Style(.muted))) }
        var i = top
        while shown.count < room && i < lines.count {
            let last = shown.count == room - 1 && i < lines.count - 1
            shown.append(last ? (c.t(S.receiptMoreBelow), Style(.muted)) : (lines[i], i == 0 ? Style(.title, bold: true) : .normal))
            i += 1
        }
        for (n, line) in shown.enumerated() { c.screen.put(line.0, x: x, y: b.y + n, style: line.1, maxWidth: width) }
        if let m = message { c.screen.put(VietnameseText.truncate(c.t(m), toWidth: b.width - 4), x: b.x + 2, y: b.bottom - 1, style: Style(.success)) }
        var buttons = [(c.t(receipt.officialCode == nil ? S.print : S.printFinal), focus == 0, HitTarget.button("print")), (c.t(S.done), focus == 1, .button("done"))]
        if Self.buttonCount(s) == 3 { buttons.append((c.t(S.anotherProcedure), focus == 2, .button("another"))) }
        c.buttons(buttons, x: b.x + 2, y: b.bottom)
    }
}

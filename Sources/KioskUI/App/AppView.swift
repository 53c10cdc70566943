import KioskCore

extension App {
    /// The smallest terminal the layout needs.
    public static let minWidth = 80
    public static let minHeight = 24

    public static func view(_ s: AppState) -> Screen {
        var c = Canvas(screen: Screen(width: s.width, height: s.height), language: s.language)
        guard s.width >= minWidth, s.height >= minHeight else {
            let lines = WordWrap.lines(c.t(S.tooSmall) + " (\(s.width)×\(s.height))", width: max(1, s.width - 2))
            for (i, line) in lines.enumerated() { c.screen.put(line, x: 1, y: max(0, s.height / 2 - lines.count / 2) + i, style: Style(.warning, bold: true)) }
            return c.screen
        }
        drawFrame(&c, s)
        let body = Body(x: 2, y: 4, width: s.width - 4, height: s.height - 7)
        s.page.screen.draw(&c, s, body)
        if let overlay = s.overlay {
            drawOverlay(&c, s, overlay)
        } else if let left = s.idleCountdown {
            drawDialog(&c, s, title: c.t(S.idleTitle),
                       body: "\(c.t(S.idleBody)) \(left) \(c.t(S.seconds)).\n\(c.t(S.idleTouch))" + idleResumeLine(s), buttons: [(c.t(S.keepGoing), true, .button("dialog.cancel"))])
        }
        return c.screen
    }
}

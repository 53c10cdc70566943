import KioskCore

/// The frame around every screen: the border, the header (the station or
/// the open form, the connection and queue) and the footer (the keys).
extension App {
    static func drawFrame(_ c: inout Canvas, _ s: AppState) {
        let w = s.width, h = s.height
        let line = String(repeating: "─", count: w - 2)
        c.screen.put("┌" + line + "┐", x: 0, y: 0)
        c.screen.put("├" + line + "┤", x: 0, y: 3)
        c.screen.put("├" + line + "┤", x: 0, y: h - 3)
        c.screen.put("└" + line + "┘", x: 0, y: h - 1)
        for y in [1, 2, h - 2] + Array(4..<(h - 3)) {
            c.screen.put("│", x: 0, y: y)
            c.screen.put("│", x: w - 1, y: y)
        }
        c.screen.fill(x: 1, y: 1, width: w - 2, height: 2, style: Style(.bar))
        c.screen.fill(x: 1, y: h - 2, width: w - 2, height: 1, style: Style(.bar))

        // Right of the first line: connection and queue.
        let status = c.t(s.online ? S.online : S.offline) + (s.waitingCount > 0 ? " · \(s.waitingCount) \(c.t(S.waiting))" : "")
            + (s.needsAttentionCount > 0 ? " · ⚠ \(s.needsAttentionCount) \(c.t(S.needsAttention))" : "")
        let statusWidth = VietnameseText.displayWidth(status)
        c.screen.put(status, x: w - 2 - statusWidth, y: 1, style: Style(.bar))

        if !s.page.screen.drawHeader(&c, s, statusWidth: statusWidth) {
            c.screen.put(VietnameseText.truncate("\(c.t(S.appName)) · \(s.context.stationName)", toWidth: w - 6 - statusWidth), x: 2, y: 1, style: Style(.bar, bold: true))
            c.screen.put(dateLine(s), x: 2, y: 2, style: Style(.bar))
        }

        // Footer: the way out and the keys, always visible.
        var x = s.page.screen.drawFooter(&c, s, y: h - 2)
        var keys: [(String, String)] = [
            (c.t(S.keyHelp), "help"),
            (c.t(S.keyIME) + ": " + c.t(S.imeNames[s.inputMethod]!), "ime"),
        ]
        // Quitting is offered on the operator's screens only.
        if s.page.screen.isOperatorScreen { keys.append((c.t(S.keyQuit), "quit")) }
        let compact = x > 2
        for (label, name) in keys {
            // Short beside a form's pages, but the input method always says
            // which one is on.
            let key = String(label.prefix(while: { $0 != " " }))
            let text = !compact ? label : name == "ime" ? key + " " + c.t(S.imeNames[s.inputMethod]!) : key
            let width = VietnameseText.displayWidth(text)
            if x + width >= w - 2 { break }
            c.screen.put(text, x: x, y: h - 2, style: Style(.bar))
            c.screen.hitAreas.append(HitArea(x: x, y: h - 2, width: width, height: 1, target: .button(name)))
            x += width + 3
        }
    }

    /// "Thứ Hai, 23/11/2026  08:41", Vietnam time.
    static func dateLine(_ s: AppState) -> String {
        let time = VietnamTime(unix: s.now)
        return "\(S.weekdays[time.date.weekday].text(s.language)), \(time.date)  \(time.clock)"
    }
}

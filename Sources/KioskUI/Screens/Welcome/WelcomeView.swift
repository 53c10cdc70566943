import KioskCore

extension WelcomeState {
    func draw(_ c: inout Canvas, _ s: AppState, _ b: Body) {
        let big = b.height >= 30 && b.width >= 100
        let greeting = c.t(S.greeting)
        let itemWidth = min(b.width - 8, big ? 90 : 64)
        let left = b.x + max(2, (b.width - itemWidth) / 2)
        c.screen.put(greeting, x: left, y: b.y + 1, style: Style(.title, bold: true))
        let items: [String] = [
            "1  " + c.t(S.newDossier),
            "2  " + c.t(S.continueDraft) + "   " + c.t(S.continueHint),
            "3  " + c.t(S.priorCode),
            "4  " + c.t(S.lookup),
        ]
        var y = b.y + 3
        for (i, item) in items.enumerated() {
            if big {
                // A 3-line button: easy to hit with a finger on a large screen.
                let style = Style(i == focus ? .focused : .button, bold: i == focus)
                c.screen.fill(x: left, y: y, width: itemWidth, height: 3, style: style)
                c.screen.put(VietnameseText.truncate(item, toWidth: itemWidth - 4), x: left + 3, y: y + 1, style: style)
                c.screen.hitAreas.append(HitArea(x: left, y: y, width: itemWidth, height: 3, target: .listItem(i)))
                y += 4
            } else {
                c.button(VietnameseText.truncate(item, toWidth: itemWidth - 4), x: left, y: y, focused: i == focus, target: .listItem(i), minWidth: itemWidth)
                y += 2
            }
        }
        c.button(c.t(S.otherLanguage), x: left, y: y + 1, focused: focus == 4, target: .listItem(4))
        // For the staff, where a station starts its day: why nothing is
        // uploaded, when it is the station's own fault (the citizen's work is
        // kept either way).
        var problems: [String] = []
        if let problem = s.stationProblem { problems.append("⚠ " + c.t(S.uploadsStopped) + ": " + c.t(problem)) }
        if let problem = s.scannerProblem { problems.append("⚠ " + c.t(problem)) }
        if !problems.isEmpty {
            let width = b.width - 2
            let lines = problems.flatMap { WordWrap.lines($0, width: width) }
            var shown = Array(lines.prefix(max(1, b.bottom - (y + 2))))
            if shown.count < lines.count, let last = shown.popLast() {
                // Cut, and marked as cut: `kiosk status` gives it whole.
                shown.append(VietnameseText.truncate(last + " …", toWidth: width))
            }
            for (i, line) in shown.enumerated() {
                c.screen.put(line, x: b.x + 1, y: b.bottom - shown.count + 1 + i, style: Style(.warning))
            }
        }
    }
}

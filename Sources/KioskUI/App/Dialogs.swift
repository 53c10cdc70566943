import KioskCore

/// A dialog over the current screen.
public enum Overlay: Sendable, Equatable {
    case help
    case confirmPause
    case confirmQuit
    case message(LocalizedText)
    /// A resumed draft was made with an older version of its form: move its
    /// answers to the current version?
    case offerMigration(AnswerMigration, newVersion: String)
}

/// The dialogs over a screen: their keys and how they are drawn.
extension App {
    static func handleOverlay(_ s: inout AppState, _ overlay: Overlay, _ key: Key) -> [Effect] {
        switch overlay {
        case .help, .message:
            s.overlay = nil
            return []
        case .confirmQuit:
            switch key {
            case .enter, .text("y"), .text("Y"), .text("c"), .text("C"):
                s.overlay = nil
                s.quitting = true
                return [.flush, .quit]
            case .escape, .text("n"), .text("N"), .text("k"), .text("K"), .function(10):
                s.overlay = nil
            default: break
            }
            return []
        case .offerMigration(let migration, _):
            switch key {
            case .enter, .text("y"), .text("Y"), .text("c"), .text("C"):
                s.overlay = nil
                guard case .form(let f) = s.page else { return [] }
                return [.migrateDraft(draftID: f.draft.id, formID: f.form.id, migration: migration)]
            case .escape, .text("n"), .text("N"), .text("k"), .text("K"):
                s.overlay = nil
            default: break
            }
            return []
        case .confirmPause:
            switch key {
            case .enter, .text("y"), .text("Y"), .text("c"), .text("C"):
                s.overlay = nil
                let slip = resumeSlipEffects(s)
                s.page = .welcome()
                resetForNextPerson(&s)
                return [.flush] + slip
            case .escape, .text("n"), .text("N"), .text("k"), .text("K"):
                s.overlay = nil
            default: break
            }
            return []
        }
    }

    static func drawOverlay(_ c: inout Canvas, _ s: AppState, _ overlay: Overlay) {
        switch overlay {
        case .help:
            var text = c.t(S.helpCommon)
            if s.inputMethod == .telex { text += "\n" + c.t(S.helpTelex) }
            if s.inputMethod == .vni { text += "\n" + c.t(S.helpVNI) }
            drawDialog(&c, s, title: c.t(S.helpTitle), body: text, buttons: [(c.t(S.close), true, .button("dialog.ok"))])
        case .confirmQuit:
            drawDialog(&c, s, title: c.t(S.quitTitle), body: c.t(S.quitBody),
                       buttons: [(c.t(S.quit), true, .button("dialog.ok")), (c.t(S.cancel), false, .button("dialog.cancel"))])
        case .confirmPause:
            var code = ""
            if case .form(let f) = s.page { code = f.draft.resumeCode }
            drawDialog(&c, s, title: c.t(S.pauseTitle), body: "\(c.t(S.pauseBody)): \(code). \(c.t(S.slipWillPrint))",
                       buttons: [(c.t(S.pauseConfirm), true, .button("dialog.ok")), (c.t(S.keepGoing), false, .button("dialog.cancel"))])
        case .message(let m):
            drawDialog(&c, s, title: "", body: c.t(m), buttons: [(c.t(S.ok), true, .button("dialog.ok"))])
        case .offerMigration(let migration, let version):
            var body = "\(c.t(S.migrateBody)) (\(version)): \(migration.moved.count) \(c.t(S.migrateMoved))."
            if !migration.notMoved.isEmpty {
                body += "\n\(c.t(S.migrateNotMoved)): " + migration.notMoved.prefix(6).map { "\($0.label.text(s.language)) — \($0.reason.text(s.language))" }.joined(separator: "; ")
                if migration.notMoved.count > 6 { body += "; …" }
            }
            drawDialog(&c, s, title: c.t(S.migrateTitle), body: body,
                       buttons: [(c.t(S.migrateYes), true, .button("dialog.ok")), (c.t(S.migrateNo), false, .button("dialog.cancel"))])
        }
    }

    static func drawDialog(_ c: inout Canvas, _ s: AppState, title: String, body: String, buttons: [(String, Bool, HitTarget)]) {
        let width = min(s.width - 8, 72)
        let lines = Canvas.wrap(body, width: width - 4)
        let height = lines.count + (title.isEmpty ? 4 : 6)
        let x = (s.width - width) / 2, y = max(1, (s.height - height) / 2)
        c.screen.fill(x: x, y: y, width: width, height: height, style: .normal)
        c.screen.put("┌" + String(repeating: "─", count: width - 2) + "┐", x: x, y: y)
        c.screen.put("└" + String(repeating: "─", count: width - 2) + "┘", x: x, y: y + height - 1)
        for row in (y + 1)..<(y + height - 1) {
            c.screen.put("│", x: x, y: row)
            c.screen.put("│", x: x + width - 1, y: row)
        }
        var row = y + 1
        if !title.isEmpty {
            c.screen.put(title, x: x + 2, y: row, style: Style(.title, bold: true))
            row += 2
        }
        for line in lines {
            c.screen.put(line, x: x + 2, y: row)
            row += 1
        }
        // The dialog covers everything under it: only its own buttons take presses.
        c.screen.hitAreas.removeAll { $0.x < x + width && $0.x + $0.width > x && $0.y < y + height && $0.y + $0.height > y }
        c.screen.hitAreas.append(HitArea(x: x, y: y, width: width, height: height, target: .button("dialog.area")))
        c.buttons(buttons, x: x + 2, y: row + 1)
    }
}

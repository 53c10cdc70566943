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
    /// Going on from a page that still has problems: fix them now, or go
    /// on (to page `to`, or the next step when nil).
    case leavePage(problems: Int, to: Int?)
    /// "− Xoá mục này" on a repeat item that holds answers: remove it and
    /// them? (`name`: the item's own label, "Thành viên 1").
    case confirmRemoveItem(group: Int, item: Int, outer: Int?, name: LocalizedText)
    /// A card scanned whose facts differ from answers already given: keep
    /// those answers (filling only the empty ones), or take the card's?
    case cardConflicts(CardScanPlan)
    /// A card scanned before the form was open: whose is it? (`roles`: the
    /// people the form asks for; a last button: nobody's here.)
    case cardWhose(name: String, roles: [CardRole])
    /// Delete a scanned page (its index) on the scan screen?
    case confirmDeletePage(Int)
    /// Leave the scan screen, dropping pages not yet made into a document?
    case confirmDiscardPages
    /// Remove a scanned or attached document given for this field (its
    /// index; `name`, the document's label)? Scanning it again takes time.
    case confirmRemoveDocument(field: Int, name: LocalizedText)
    /// An old address whose old commune was divided, or that names several:
    /// which of today's communes (`OldAddressChooser`).
    case oldAddressChoice(OldAddressChoice, for: OldAddressChoiceFor)

    /// The button focused when the dialog opens: the one that changes
    /// nothing where a slip would lose work (Làm tiếp, Sửa ngay).
    var defaultFocus: Int {
        switch self {
        case .confirmPause, .confirmRemoveItem, .confirmDeletePage, .confirmDiscardPages, .confirmRemoveDocument: return 1
        default: return 0
        }
    }
}

/// What a dialog's button does.
enum DialogAction {
    case close, quit, pause, migrate(AnswerMigration), fixNow, leave(to: Int?), removeItem(group: Int, item: Int, outer: Int?)
    case cardFill(CardScanPlan, replacing: Bool)
    case cardFor(role: String?)
    case deletePage(Int), discardPages, removeDocument(field: Int)
    /// An option of the old-address chooser (nil: keep as written).
    case oldAddressChosen(Int?)
}

/// The dialogs over a screen: their keys and how they are drawn.
extension App {
    /// The buttons of a dialog, left to right: their words and what they do.
    static func dialogButtons(_ overlay: Overlay) -> [(LocalizedText, DialogAction)] {
        switch overlay {
        case .help: return [(S.close, .close)]
        case .message: return [(S.ok, .close)]
        case .confirmQuit: return [(S.quit, .quit), (S.cancel, .close)]
        case .confirmPause: return [(S.pauseConfirm, .pause), (S.keepGoing, .close)]
        case .offerMigration(let migration, _): return [(S.migrateYes, .migrate(migration)), (S.migrateNo, .close)]
        case .leavePage(_, let to): return [(S.fixNow, .fixNow), (S.leaveAnyway, .leave(to: to))]
        case .confirmRemoveItem(let g, let item, let outer, _): return [(S.removeItemYes, .removeItem(group: g, item: item, outer: outer)), (S.removeItemNo, .close)]
        case .cardConflicts(let plan): return [(S.cardKeepTyped, .cardFill(plan, replacing: false)), (S.cardTakeCard, .cardFill(plan, replacing: true))]
        case .cardWhose(_, let roles): return roles.map { ($0.title, .cardFor(role: $0.role)) } + [(S.cardNobody, .cardFor(role: nil))]
        case .confirmDeletePage(let i): return [(S.deletePageYes, .deletePage(i)), (S.deletePageNo, .close)]
        case .confirmDiscardPages: return [(S.discardPagesYes, .discardPages), (S.discardPagesNo, .close)]
        case .confirmRemoveDocument(let field, _): return [(S.docRemoveYes, .removeDocument(field: field)), (S.docRemoveNo, .close)]
        case .oldAddressChoice(let choice, _): return OldAddressChooser.buttons(choice)
        }
    }

    /// Keys in a dialog: ← → Tab move between its buttons, Enter or Space
    /// presses the focused one, Esc closes it changing nothing; C/Y and K/N
    /// answer yes and no. Help and messages close with any key.
    static func handleOverlay(_ s: inout AppState, _ overlay: Overlay, _ key: Key) -> [Effect] {
        let buttons = dialogButtons(overlay)
        switch overlay {
        case .help, .message:
            s.overlay = nil
            return []
        default:
            break
        }
        if case .oldAddressChoice(let choice, let purpose) = overlay, [.escape, .text("n"), .text("N"), .text("k"), .text("K")].contains(key) {
            // Closed: for a card, nothing filled; an earlier dossier's
            // address stays as written.
            s.overlay = nil
            return OldAddressChooser.chosen(&s, choice, for: purpose, index: nil, cancelled: true)
        }
        switch key {
        case .left, .backTab, .up:
            s.dialogFocus = (s.dialogFocus + buttons.count - 1) % buttons.count
        case .right, .tab, .down:
            s.dialogFocus = (s.dialogFocus + 1) % buttons.count
        case .enter, .text(" "):
            return perform(&s, buttons[min(s.dialogFocus, buttons.count - 1)].1)
        case .text("y"), .text("Y"), .text("c"), .text("C"):
            return perform(&s, buttons[0].1)
        case .escape, .text("n"), .text("N"), .text("k"), .text("K"):
            s.overlay = nil
        case .function(10) where overlay == .confirmQuit:
            s.overlay = nil
        default:
            break
        }
        return []
    }

    static func perform(_ s: inout AppState, _ action: DialogAction) -> [Effect] {
        let closing = s.overlay
        s.overlay = nil
        switch action {
        case .close:
            return []
        case .quit:
            s.quitting = true
            return [.flush, .quit]
        case .pause:
            let slip = resumeSlipEffects(s)
            s.page = .welcome()
            resetForNextPerson(&s)
            return [.flush] + slip
        case .migrate(let migration):
            guard case .form(let f) = s.page else { return [] }
            return [.migrateDraft(draftID: f.draft.id, formID: f.form.id, migration: migration)]
        case .fixNow:
            guard case .form(var f) = s.page else { return [] }
            FormUpdate.showProblems(&f)
            s.page = .form(f)
            return []
        case .leave(let to):
            guard case .form(var f) = s.page else { return [] }
            let effects = to.map { FormUpdate.goToPage(&s, &f, page: $0) } ?? FormUpdate.goToPage(&s, &f, forward: true)
            s.page = .form(f)
            return effects
        case .removeItem(let g, let item, let outer):
            guard case .form(var f) = s.page else { return [] }
            let effects = FormUpdate.removeItem(&f, group: g, item: item, outer: outer)
            s.page = .form(f)
            return effects
        case .cardFor(let role):
            return CardScan.answerWhose(&s, role: role)
        case .oldAddressChosen(let index):
            guard case .oldAddressChoice(let choice, let purpose)? = closing else { return [] }
            return OldAddressChooser.chosen(&s, choice, for: purpose, index: index, cancelled: false)
        case .cardFill(let plan, let replacing):
            guard case .form(var f) = s.page else { return [] }
            let effects = CardScan.apply(plan, replacing: replacing, &f)
            s.page = .form(f)
            return effects
        case .deletePage(let i):
            guard case .scan(var sc) = s.page else { return [] }
            sc.deletePage(i)
            s.page = .scan(sc)
            return []
        case .discardPages:
            guard case .scan(let sc) = s.page else { return [] }
            return ScanState.backToDocuments(&s, sc.session, field: sc.field, message: nil)
        case .removeDocument(let field):
            guard case .form(var f) = s.page else { return [] }
            let effects = DocumentsUpdate.remove(&f, field: field)
            s.page = .form(f)
            return effects
        }
    }

    static func drawOverlay(_ c: inout Canvas, _ s: AppState, _ overlay: Overlay) {
        let buttons = dialogButtons(overlay).enumerated().map { i, b in (c.t(b.0), i == s.dialogFocus, HitTarget.button("dialog.\(i)")) }
        switch overlay {
        case .help:
            var text = c.t(S.helpCommon)
            if s.inputMethod == .telex { text += "\n" + c.t(S.helpTelex) }
            if s.inputMethod == .vni { text += "\n" + c.t(S.helpVNI) }
            // The document screens have their own keys (the common ones
            // would not fit under them at 80x24).
            switch s.page {
            case .scan: text = c.t(S.helpScan)
            case .attach: text = c.t(S.helpAttach)
            case .form(let f) where f.stage == .documents: text = c.t(S.helpDocuments)
            default: break
            }
            drawDialog(&c, s, title: c.t(S.helpTitle), body: text, buttons: buttons)
        case .confirmQuit:
            drawDialog(&c, s, title: c.t(S.quitTitle), body: c.t(S.quitBody), buttons: buttons)
        case .confirmPause:
            var code = ""
            if case .form(let f) = s.page { code = f.draft.resumeCode }
            drawDialog(&c, s, title: c.t(S.pauseTitle), body: "\(c.t(S.pauseBody)): \(code). \(c.t(S.slipWillPrint))", buttons: buttons)
        case .message(let m):
            drawDialog(&c, s, title: "", body: c.t(m), buttons: buttons)
        case .offerMigration(let migration, let version):
            var body = "\(c.t(S.migrateBody)) (\(version)): \(migration.moved.count) \(c.t(S.migrateMoved))."
            if !migration.notMoved.isEmpty {
                body += "\n\(c.t(S.migrateNotMoved)): " + migration.notMoved.prefix(6).map { "\(TextTemplate.withoutExpressions($0.label).text(s.language)) — \($0.reason.text(s.language))" }.joined(separator: "; ")
                if migration.notMoved.count > 6 { body += "; …" }
            }
            drawDialog(&c, s, title: c.t(S.migrateTitle), body: body, buttons: buttons)
        case .leavePage(let problems, _):
            drawDialog(&c, s, title: c.t(S.leavePageTitle), body: c.t(S.leavePageBody(problems)), buttons: buttons)
        case .confirmRemoveItem(_, _, _, let name):
            drawDialog(&c, s, title: c.t(S.removeItemTitle(name)), body: c.t(S.removeItemBody), buttons: buttons)
        case .cardWhose(let name, _):
            drawDialog(&c, s, title: c.t(S.cardWhoseTitle), body: c.t(S.cardWhoseBody(name)), buttons: buttons)
        case .cardConflicts(let plan):
            let names = plan.conflicts.compactMap { plan.labels[$0.name].map { c.t($0) } }.joined(separator: ", ")
            drawDialog(&c, s, title: c.t(S.cardConflictTitle), body: c.t(S.cardConflictBody) + " " + names + ".", buttons: buttons)
        case .confirmDeletePage(let i):
            drawDialog(&c, s, title: c.t(S.deletePageTitle(i + 1)), body: c.t(S.deletePageBody), buttons: buttons)
        case .confirmDiscardPages:
            drawDialog(&c, s, title: c.t(S.discardPagesTitle), body: c.t(S.discardPagesBody), buttons: buttons)
        case .confirmRemoveDocument(_, let name):
            drawDialog(&c, s, title: c.t(S.docRemoveTitle(name)), body: c.t(S.docRemoveBody), buttons: buttons)
        case .oldAddressChoice(let choice, _):
            OldAddressChooser.draw(&c, s, choice)
        }
    }

    static func drawDialog(_ c: inout Canvas, _ s: AppState, title: String, body: String, buttons: [(String, Bool, HitTarget)], stacked forceStacked: Bool = false) {
        let width = min(s.width - 8, 72)
        let lines = WordWrap.lines(body, width: width - 4)
        // Buttons side by side while they fit, else one under another
        // (a "whose card?" lists each person): never past the border.
        let buttonsWidth = buttons.reduce(0) { $0 + VietnameseText.displayWidth($1.0) + 6 }
        let stacked = forceStacked || buttonsWidth > width - 4
        let height = lines.count + (title.isEmpty ? 4 : 6) + (stacked ? buttons.count - 1 : 0)
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
        if stacked {
            for (i, b) in buttons.enumerated() { _ = c.buttons([b], x: x + 2, y: row + 1 + i) }
        } else {
            c.buttons(buttons, x: x + 2, y: row + 1)
        }
    }
}

import Foundation
import KioskCore

/// The app: `update` turns an event into a new state and the effects to
/// perform; `view` draws a state. Both are pure; the runtimes (the terminal
/// and the headless driver of the tests) perform the effects.
public enum App {
    public static let welcomeItems = 5

    public static func update(_ s: inout AppState, _ event: Event) -> [Effect] {
        switch event {
        case .resize(let w, let h):
            s.width = w
            s.height = h
            return []
        case .tick(let t):
            s.now = t
            return idleCheck(&s)
        case .effectResult(let r):
            return handleResult(&s, r)
        case .stationStatus(let status):
            s.online = status.online
            s.waitingCount = status.waiting
            s.needsAttentionCount = status.needsAttention
            s.stationProblem = status.problem
            return []
        case .formsLoaded(let context):
            s.context = context
            return []
        case .officialCodeArrived(let submissionID, let code, let dueDate):
            // Only onto the receipt of that dossier, and only once.
            guard case .receipt(var r) = s.page, r.receipt.submissionID == submissionID, r.receipt.officialCode == nil else { return [] }
            r.receipt.officialCode = code
            if let due = dueDate.flatMap(CalendarDate.parseISO) { r.receipt.dueDate = due }
            s.page = .receipt(r)
            return []
        case .key, .press:
            // Input while the idle countdown shows only cancels it.
            let counting = s.idleCountdown != nil
            s.lastInput = s.now
            if counting { return [] }
        }
        if case .key(.text(let t)) = event, t.count > 1, t.allSatisfy({ $0.isASCII && !$0.isNewline }) {
            // Fast typing arrives from the terminal as one burst: each key
            // goes through the input method on its own. Text with composed
            // letters (the system's input method, a paste) stays whole.
            return t.flatMap { handleKey(&s, .text(String($0))) }
        }
        var effects: [Effect] = []
        if case .key(let key) = event { effects = handleKey(&s, key) }
        if case .press(let x, let y) = event { effects = handlePress(&s, x: x, y: y) }
        // Earlier dossiers found by one person are never offered to the next:
        // back on the welcome screen they are gone.
        if case .welcome = s.page { s.priors = [] }
        return effects
    }

    // MARK: Idle: a shared station shows nothing of a citizen who left.

    static func idleCheck(_ s: inout AppState) -> [Effect] {
        guard s.context.citizenMode, !s.isAtRest, s.now - s.lastInput >= s.context.idleTimeout else { return [] }
        let wasFilling: Bool
        switch s.page {
        case .form, .offer: wasFilling = true
        case .prior(let p): wasFilling = p.session != nil
        default: wasFilling = false
        }
        s.page = .welcome(focus: 0)
        s.overlay = nil
        resetForNextPerson(&s)
        return wasFilling ? [.flush] : []
    }

    /// The next person finds the station's own settings, not the last one's.
    static func resetForNextPerson(_ s: inout AppState) {
        s.priors = []
        s.priorFailures = 0
        s.language = s.context.defaultLanguage
        s.inputMethod = s.context.inputMethod
        s.composer = VietnameseComposer(method: s.context.inputMethod, style: s.context.toneStyle)
    }

    // MARK: Keys

    static func handleKey(_ s: inout AppState, _ key: Key) -> [Effect] {
        if let overlay = s.overlay { return handleOverlay(&s, overlay, key) }
        switch key {
        case .function(1):
            s.overlay = .help
            return []
        case .function(2):
            let all: [InputMethodKind] = [.telex, .vni, .off]
            s.inputMethod = all[(all.firstIndex(of: s.inputMethod)! + 1) % all.count]
            s.composer.method = s.inputMethod
            return []
        case .function(10), .control("q"):
            s.overlay = .confirmQuit
            return []
        default:
            break
        }
        switch s.page {
        case .welcome(let focus): return welcomeKey(&s, focus, key)
        case .choose(var c):
            let effects = chooseKey(&s, &c, key)
            if case .choose = s.page { s.page = .choose(c) }
            return effects
        case .pin(var p):
            let effects = pinKey(&s, &p, key)
            if case .pin = s.page { s.page = .pin(p) }
            return effects
        case .form(var f):
            let effects = FormInput.key(&s, &f, key)
            if case .form = s.page { s.page = .form(f) }
            return effects
        case .receipt(var r):
            let effects = receiptKey(&s, &r, key)
            if case .receipt = s.page { s.page = .receipt(r) }
            return effects
        case .resume(var r):
            let effects = resumeKey(&s, &r, key)
            if case .resume = s.page { s.page = .resume(r) }
            return effects
        case .lookup(var l):
            let effects = lookupKey(&s, &l, key)
            if case .lookup = s.page { s.page = .lookup(l) }
            return effects
        case .prior(var p):
            let effects = priorKey(&s, &p, key)
            if case .prior = s.page { s.page = .prior(p) }
            return effects
        case .offer(var o):
            let effects = offerKey(&s, &o, key)
            if case .offer = s.page { s.page = .offer(o) }
            return effects
        }
    }

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
                s.page = .welcome(focus: 0)
                resetForNextPerson(&s)
                return [.flush]
            case .escape, .text("n"), .text("N"), .text("k"), .text("K"):
                s.overlay = nil
            default: break
            }
            return []
        }
    }

    // MARK: Press (touch): the same actions as keys.

    static func handlePress(_ s: inout AppState, x: Int, y: Int) -> [Effect] {
        let screen = view(s)
        // The last area drawn is on top (dialogs are drawn last).
        guard let area = screen.hitAreas.last(where: { $0.contains(x: x, y: y) }) else {
            if s.overlay == .help { s.overlay = nil }
            return []
        }
        return pressTarget(&s, area.target)
    }

    static func pressTarget(_ s: inout AppState, _ target: HitTarget) -> [Effect] {
        if case .button(let name) = target {
            switch name {
            case "help": s.overlay = .help; return []
            case "ime": return handleKey(&s, .function(2))
            case "quit": s.overlay = .confirmQuit; return []
            case "dialog.ok": return handleKey(&s, .enter)
            case "dialog.cancel": return handleKey(&s, .escape)
            default: break
            }
        }
        if s.overlay != nil { return [] }
        switch (s.page, target) {
        case (.welcome, .listItem(let i)):
            s.page = .welcome(focus: i)
            return welcomeKey(&s, i, .enter)
        case (.choose(var c), .listItem(let i)):
            c.selection = i
            c.focus = 0
            s.page = .choose(c)
            return []
        case (.choose(var c), .button(let b)):
            c.focus = b == "start" ? 1 : 2
            s.page = .choose(c)
            return handleKey(&s, .enter)
        case (.pin, .button(let b)):
            return handleKey(&s, b == "back" ? .escape : .enter)
        case (.form(var f), _):
            let effects = FormInput.press(&s, &f, target)
            if case .form = s.page { s.page = .form(f) }
            return effects
        case (.receipt(var r), .button(let b)):
            r.focus = b == "print" ? 0 : 1
            s.page = .receipt(r)
            return handleKey(&s, .enter)
        case (.resume(var r), .field(let i)):
            r.focus = i
            s.page = .resume(r)
            return []
        case (.resume(var r), .button(let b)):
            r.focus = b == "continue" ? 2 : 3
            s.page = .resume(r)
            return handleKey(&s, .enter)
        case (.lookup(var l), .field(let i)):
            l.focus = i
            s.page = .lookup(l)
            return []
        case (.lookup(var l), .button(let b)):
            l.focus = b == "search" ? 2 : 3
            s.page = .lookup(l)
            return handleKey(&s, .enter)
        case (.prior(var p), .field(let i)):
            p.focus = i
            s.page = .prior(p)
            return []
        case (.prior(var p), .button(let b)):
            p.focus = ["search": 2, "continue": 3, "back": 4][b] ?? 4
            s.page = .prior(p)
            return handleKey(&s, .enter)
        case (.offer(var o), .listItem(let i)):
            o.focus = i
            s.page = .offer(o)
            return handleKey(&s, .right)
        case (.offer(var o), .button(let b)):
            o.focus = o.offers.count + (b == "apply" ? 0 : 1)
            s.page = .offer(o)
            return handleKey(&s, .enter)
        default:
            return []
        }
    }

    // MARK: Welcome

    static func welcomeKey(_ s: inout AppState, _ focus: Int, _ key: Key) -> [Effect] {
        var focus = focus
        switch key {
        case .down, .tab, .right: focus = (focus + 1) % welcomeItems
        case .up, .backTab, .left: focus = (focus + welcomeItems - 1) % welcomeItems
        case .text(let t) where ["1", "2", "3", "4"].contains(t): return welcomeKey(&s, Int(t)! - 1, .enter)
        case .enter:
            switch focus {
            case 0: s.page = .choose(ChooseState())
            case 1: s.page = .resume(ResumeState())
            case 2: s.page = .prior(PriorState())
            case 3: s.page = .lookup(LookupState())
            default: s.language = s.language == .vi ? .en : .vi
            }
            s.composer.reset()
            if case .welcome = s.page { s.page = .welcome(focus: focus) }
            return []
        default: break
        }
        s.page = .welcome(focus: focus)
        return []
    }

    // MARK: Choose the procedure

    /// The procedures matching the search, grouped by field (lĩnh vực) in
    /// catalogue order.
    static func procedures(_ s: AppState, _ query: String) -> [FormDefinition] {
        let matching = s.context.forms.filter { f in
            let p = f.procedure
            return VietnameseText.matches([p.title.vi, p.title.en, p.code, p.domainName.vi, p.domainName.en].joined(separator: " "), query: query)
        }
        var domains: [String] = []
        for f in matching where !domains.contains(f.procedure.domainCode) { domains.append(f.procedure.domainCode) }
        return domains.flatMap { d in matching.filter { $0.procedure.domainCode == d } }
    }

    static func chooseKey(_ s: inout AppState, _ c: inout ChooseState, _ key: Key) -> [Effect] {
        let list = procedures(s, c.query.text)
        switch key {
        case .escape:
            s.page = .welcome(focus: 0)
            return []
        case .down:
            if c.focus == 0 { c.selection = min(c.selection + 1, max(0, list.count - 1)) }
        case .up:
            if c.focus == 0 { c.selection = max(0, c.selection - 1) }
        case .tab: c.focus = (c.focus + 1) % 3
        case .backTab: c.focus = (c.focus + 2) % 3
        case .enter:
            if c.focus == 2 { s.page = .welcome(focus: 0); return [] }
            guard c.selection < list.count else { return [] }
            s.page = .pin(PinState(formID: list[c.selection].id))
            s.composer.reset()
            return []
        default:
            if TextInput.edit(&c.query, key, composer: &s.composer, ime: s.inputMethod != .off) {
                c.selection = 0
                c.focus = 0
            }
        }
        return []
    }

    // MARK: PIN before starting

    static func pinKey(_ s: inout AppState, _ p: inout PinState, _ key: Key) -> [Effect] {
        switch key {
        case .escape:
            s.page = .choose(ChooseState())
            return []
        case .enter:
            let digits = p.pin.text.filter { $0.isASCII && $0.isNumber }
            guard digits.count == 4 else {
                p.error = S.pinWrong
                return []
            }
            p.error = nil
            return [.createDraft(formID: p.formID, pin: digits)]
        default:
            var noIME = s.composer
            _ = TextInput.edit(&p.pin, key, composer: &noIME, ime: false, accept: { $0.isASCII && $0.isNumber }, maxLength: 4)
            return []
        }
    }

    // MARK: Receipt

    static func receiptKey(_ s: inout AppState, _ r: inout ReceiptState, _ key: Key) -> [Effect] {
        switch key {
        case .tab, .right, .down: r.focus = (r.focus + 1) % 2
        case .backTab, .left, .up: r.focus = (r.focus + 1) % 2
        case .enter:
            if r.focus == 0 { return [.printReceipt(r.receipt, s.language)] }
            s.page = .welcome(focus: 0)
            resetForNextPerson(&s)
        case .escape:
            s.page = .welcome(focus: 0)
            resetForNextPerson(&s)
        default: break
        }
        return []
    }

    // MARK: Continue a draft

    static func resumeKey(_ s: inout AppState, _ r: inout ResumeState, _ key: Key) -> [Effect] {
        switch key {
        case .escape:
            s.page = .welcome(focus: 1)
            return []
        case .tab, .down: r.focus = (r.focus + 1) % 4
        case .backTab, .up: r.focus = (r.focus + 3) % 4
        case .enter:
            switch r.focus {
            case 0: r.focus = 1
            case 3: s.page = .welcome(focus: 1)
            default:
                guard !r.code.text.isEmpty, !r.verification.text.isEmpty, !r.busy else { return [] }
                r.busy = true
                r.message = nil
                return [.resumeDraft(code: r.code.text, verification: r.verification.text)]
            }
        default:
            var noIME = s.composer
            if r.focus == 0 {
                _ = TextInput.edit(&r.code, key, composer: &noIME, ime: false, accept: { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == " ") }, maxLength: 9)
                r.code.text = r.code.text.uppercased()
            } else if r.focus == 1 {
                _ = TextInput.edit(&r.verification, key, composer: &noIME, ime: false, accept: { $0.isASCII && $0.isNumber }, maxLength: 4)
            }
        }
        return []
    }

    // MARK: Look up a dossier

    static func lookupKey(_ s: inout AppState, _ l: inout LookupState, _ key: Key) -> [Effect] {
        switch key {
        case .escape:
            s.page = .welcome(focus: 3)
            return []
        case .tab, .down: l.focus = (l.focus + 1) % 4
        case .backTab, .up: l.focus = (l.focus + 3) % 4
        case .enter:
            if l.focus == 3 { s.page = .welcome(focus: 3); return [] }
            if l.focus == 0 { l.focus = 1; return [] }
            let code = l.code.text.trimmingCharacters(in: .whitespaces)
            guard !code.isEmpty, !l.busy else { return [] }
            l.message = nil
            l.result = nil
            l.remote = nil
            let verification = l.verification.text.trimmingCharacters(in: .whitespaces)
            guard s.priorFailures < priorTriesPerSession || verification.isEmpty else {
                l.message = S.priorTooManyTries
                return []
            }
            if !verification.isEmpty {
                l.busy = true
                l.message = S.priorSearching
            }
            return [.lookupDossier(code: code, verification: verification)]
        default:
            editCodeOrVerification(s, &l.code, &l.verification, focus: l.focus, key)
        }
        return []
    }

    /// Typing into a dossier code (upper case, no spaces) or a verification
    /// (an id number or phone), the two inputs of the lookup and prior screens.
    static func editCodeOrVerification(_ s: AppState, _ code: inout LineEdit, _ verification: inout LineEdit, focus: Int, _ key: Key) {
        var noIME = s.composer
        if focus == 0 {
            _ = TextInput.edit(&code, key, composer: &noIME, ime: false, accept: { $0.isASCII && !$0.isWhitespace }, maxLength: 40)
            code.text = code.text.uppercased()
        } else if focus == 1 {
            _ = TextInput.edit(&verification, key, composer: &noIME, ime: false,
                               accept: { $0.isASCII && ($0.isNumber || $0 == "+" || $0 == " " || $0 == ".") }, maxLength: 16)
        }
    }

    /// Back to the open form, focus restored.
    static func returnToForm(_ s: inout AppState, _ session: FormSession) {
        var session = session
        FormInput.enterRow(&session)
        s.page = .form(session)
    }

    // MARK: Earlier dossier codes

    /// Tries a person may make at earlier dossier codes before a helper is needed.
    static let priorTriesPerSession = 5

    static func priorKey(_ s: inout AppState, _ p: inout PriorState, _ key: Key) -> [Effect] {
        let count = 5
        func back() {
            if let session = p.session { returnToForm(&s, session) } else { s.page = .welcome(focus: 2) }
        }
        switch key {
        case .escape: back()
        case .tab, .down:
            p.focus = (p.focus + 1) % count
            if p.focus == 3 && p.found.isEmpty { p.focus = 4 }
        case .backTab, .up:
            p.focus = (p.focus + count - 1) % count
            if p.focus == 3 && p.found.isEmpty { p.focus = 2 }
        case .enter:
            switch p.focus {
            case 0: p.focus = 1
            case 3: return continueFromPrior(&s, p)
            case 4: back()
            default:
                guard !p.busy else { return [] }
                let code = p.code.text.trimmingCharacters(in: .whitespaces)
                let verification = p.verification.text.trimmingCharacters(in: .whitespaces)
                guard !code.isEmpty, !verification.isEmpty else {
                    p.message = S.priorNeedBoth
                    p.focus = code.isEmpty ? 0 : 1
                    return []
                }
                // A malformed code is explained, part by part: it costs no try.
                if case .failure(let e) = DossierCode.parse(code) {
                    p.message = e.message
                    p.focus = 0
                    return []
                }
                if p.found.contains(where: { $0.code == code }) {
                    p.code = LineEdit()
                    p.verification = LineEdit()
                    return []
                }
                guard s.priorFailures < priorTriesPerSession else {
                    p.message = S.priorTooManyTries
                    return []
                }
                p.busy = true
                p.message = S.priorSearching
                return [.findPrior(code: code, verification: verification)]
            }
        default:
            editCodeOrVerification(s, &p.code, &p.verification, focus: p.focus, key)
        }
        return []
    }

    /// With the earlier dossiers found: to their offer in the open form, or
    /// to choosing the procedure first.
    static func continueFromPrior(_ s: inout AppState, _ p: PriorState) -> [Effect] {
        guard !p.found.isEmpty else { return [] }
        if let session = p.session {
            s.page = .offer(OfferState(session: session, priors: p.found))
        } else {
            s.priors = p.found
            s.page = .choose(ChooseState())
        }
        s.composer.reset()
        return []
    }

    static func offerKey(_ s: inout AppState, _ o: inout OfferState, _ key: Key) -> [Effect] {
        let count = o.offers.count + 2
        switch key {
        case .tab, .down: o.focus = (o.focus + 1) % count
        case .backTab, .up: o.focus = (o.focus + count - 1) % count
        case .right where o.focus < o.offers.count, .left where o.focus < o.offers.count, .text(" ") where o.focus < o.offers.count:
            // Cycle: each possible role, then "not used".
            var offer = o.offers[o.focus]
            let n = offer.targets.count + 1
            let current = offer.choice ?? offer.targets.count
            let next = (current + (key == .left ? n - 1 : 1)) % n
            offer.choice = next == offer.targets.count ? nil : next
            // One person per role: whoever had it gives it up.
            if let t = offer.target {
                for i in o.offers.indices where i != o.focus && o.offers[i].target == t && t != "member" { o.offers[i].choice = nil }
            }
            o.offers[o.focus] = offer
        case .enter:
            if o.focus < o.offers.count { o.focus = o.offers.count; return [] }
            if o.focus == o.offers.count { return applyOffer(&s, o) }
            returnToForm(&s, o.session)
        case .escape:
            returnToForm(&s, o.session)
        default: break
        }
        return []
    }

    /// Fills the confirmed answers, marks them, and saves them with where
    /// they came from.
    static func applyOffer(_ s: inout AppState, _ o: OfferState) -> [Effect] {
        var session = o.session
        let plan = o.plan()
        session.state.load(answers: plan.prefills.map { ($0.name, $0.raw) })
        for p in plan.prefills { session.prefills[p.name] = p }
        session.message = plan.prefills.isEmpty ? S.offerNobody : S.prefilledCount(plan.prefills.count, unusable: plan.unusable.count)
        session.focus = session.firstFieldFocus
        FormInput.enterRow(&session)
        s.page = .form(session)
        s.composer.reset()
        return plan.prefills.isEmpty ? [] : [.savePrefills(draftID: session.draft.id, prefills: plan.prefills)]
    }

    // MARK: Effect results

    static func handleResult(_ s: inout AppState, _ r: EffectResult) -> [Effect] {
        switch r {
        case .draftCreated(let formID, let draft):
            guard case .pin = s.page, let form = s.context.forms.first(where: { $0.id == formID }) else { return [] }
            var session = FormSession(form: form, state: FormState(form: form, today: CalendarDate.vietnam(unix: s.now).date), draft: draft)
            session.savedAt = s.now
            FormInput.enterRow(&session)
            s.page = .form(session)
            s.composer.reset()
            // Earlier dossiers given before the procedure was chosen.
            if !s.priors.isEmpty {
                s.page = .offer(OfferState(session: session, priors: s.priors))
                s.priors = []
            }
        case .draftFailed(let m):
            if case .pin(var p) = s.page {
                p.error = m
                s.page = .pin(p)
            }
        case .saved(let at):
            if case .form(var f) = s.page, !f.needsFullSave {
                f.savedAt = at
                f.saveError = nil
                s.page = .form(f)
            }
        case .saveFailed(let m):
            // Shown in the header and the hint line, not in a dialog: a
            // dialog would swallow the keys typed next.
            if case .form(var f) = s.page {
                f.saveError = m
                f.message = m
                f.needsFullSave = true
                s.page = .form(f)
            } else {
                s.overlay = .message(m)
            }
        case .finalized(let dossier):
            guard case .form(let f) = s.page else { return [] }
            let receipt = Receipt(stationName: s.context.stationName, form: f.form, dossier: dossier, state: f.state, now: s.now)
            s.page = .receipt(ReceiptState(receipt: receipt, focus: 1))
            return [.printReceipt(receipt, s.language)]
        case .finalizeFailed(let m):
            s.overlay = .message(m)
        case .printed(let m):
            if case .receipt(var r) = s.page {
                r.message = m
                s.page = .receipt(r)
            }
        case .resumed(let draft, let form, let answers, let prefills):
            var state = FormState(form: form, today: CalendarDate.vietnam(unix: s.now).date)
            state.load(answers: answers.map { ($0.name, $0.raw) })
            var session = FormSession(form: form, state: state, draft: draft)
            for p in prefills { session.prefills[p.name] = p }
            session.savedAt = s.now
            FormInput.enterRow(&session)
            s.page = .form(session)
            s.composer.reset()
            // Made with an older version of the form: it opens as it was, and
            // the person is offered the current one.
            if let current = s.context.forms.first(where: { $0.id == form.id }), current.version != form.version {
                let migration = AnswerMigration(answers: answers.map { ($0.name, $0.raw) }, from: form, to: current)
                s.overlay = .offerMigration(migration, newVersion: current.version)
            }
        case .resumeFailed(let m):
            if case .resume(var r) = s.page {
                r.busy = false
                r.message = m
                r.verification = LineEdit()
                r.focus = 1
                s.page = .resume(r)
            }
        case .priorFound(let prior):
            if case .prior(var p) = s.page {
                p.busy = false
                p.found.append(prior)
                p.code = LineEdit()
                p.verification = LineEdit()
                p.message = nil
                p.focus = 3
                s.page = .prior(p)
            }
        case .priorNotFound(let miss):
            s.priorFailures += 1
            if case .prior(var p) = s.page {
                p.busy = false
                p.message = S.priorMiss(miss)
                p.verification = LineEdit()
                p.focus = 1
                s.page = .prior(p)
            }
        case .lookedUp(let result, let asking):
            if case .lookup(var l) = s.page {
                l.result = result
                l.busy = asking
                if !asking { l.message = result == nil ? S.notFound : nil }
                s.page = .lookup(l)
            }
        case .lookedUpRemote(let remote, let offline, let lockedMinutes):
            if remote == nil && !offline { s.priorFailures += 1 }
            if case .lookup(var l) = s.page {
                l.busy = false
                l.remote = remote
                if let lockedMinutes {
                    l.message = S.priorLocked(minutes: lockedMinutes)
                } else if remote != nil {
                    l.message = nil
                } else if offline {
                    l.message = l.result == nil ? S.priorNotFoundOffline : S.remoteOffline
                } else {
                    // Unknown code or wrong verification: one sentence for both.
                    l.message = S.priorNotFound
                }
                s.page = .lookup(l)
            }
        }
        return []
    }
}

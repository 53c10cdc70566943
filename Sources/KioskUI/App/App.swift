import Foundation
import KioskCore

/// The app: `update` turns an event into a new state and the effects to
/// perform; `view` draws a state. Both are pure; the runtimes (the terminal
/// and the headless driver of the tests) perform the effects. What each
/// screen does is in `Screens/<Name>/`; this file holds what all share.
public enum App {
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
        case .scannerProblem(let problem):
            s.scannerProblem = problem
            return []
        case .scan(let payload):
            // From the serial scanner, or a keyboard-mode scanner's burst
            // (the terminal took it whole: no input method touched it).
            defer { payload.wipe() }
            if s.width < minWidth || s.height < minHeight { return [] }
            s.lastInput = s.now
            s.composer.reset()
            return CardScan.scanned(&s, payload)
        case .stationStatus(let status):
            // The operator's lists follow what the worker did (sent, refused).
            var reload: [Effect] = []
            if case .operatorDesk(let d) = s.page, status.waiting != s.waitingCount || status.needsAttention != s.needsAttentionCount {
                reload = [.loadOperatorData(d.period)]
            }
            s.online = status.online
            s.waitingCount = status.waiting
            s.needsAttentionCount = status.needsAttention
            s.stationProblem = status.problem
            return reload
        case .formsLoaded(let context):
            s.context = context
            return []
        case .officialCodeArrived(let submissionID, let code, let dueDate):
            // Only onto the receipt of that dossier, and only once.
            guard case .receipt(var r) = s.page, r.receipt.submissionID == submissionID, r.receipt.officialCode == nil else { return [] }
            r.officialCodeArrived(code: code, dueDate: dueDate)
            s.page = .receipt(r)
            return []
        case .key, .press:
            // Nothing is drawn while the window is too small: nothing typed
            // then may go into the form unseen.
            if s.width < minWidth || s.height < minHeight { return [] }
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
        if case .welcome = s.page { s.priors = []; s.priorDigits = nil; s.sittingDocuments = [] }
        return effects
    }

    // MARK: Idle: a shared station shows nothing of a citizen who left.

    static func idleCheck(_ s: inout AppState) -> [Effect] {
        guard s.context.citizenMode, s.now - s.lastInput >= s.context.idleTimeout else { return [] }
        if s.isAtRest {
            // An operator who walked away from the welcome screen is signed out too.
            guard s.operatorID != nil else { return [] }
            s.operatorID = nil
            return [.operatorSignOut]
        }
        let wasFilling = s.page.screen.isFilling
        // Pages scanned but not yet made into a document are kept in the
        // draft as one, to find on resuming.
        var kept: [Effect] = []
        if case .scan(let sc) = s.page, sc.editable, sc.changed, !sc.pages.isEmpty {
            kept = [.keepPages(draftID: sc.session.draft.id, fieldID: sc.session.form.fields[sc.field].id, pages: sc.pages)]
        }
        // The citizen who left takes nothing away but this slip, printed
        // before the screen is cleared.
        let slip = resumeSlipEffects(s)
        s.page = .welcome()
        s.overlay = nil
        resetForNextPerson(&s)
        // An operator who walked away is signed out.
        let signOut: [Effect] = s.operatorID != nil ? [.operatorSignOut] : []
        s.operatorID = nil
        return kept + (wasFilling ? [.flush] + slip : []) + signOut
    }

    /// The hidden key (Ctrl-O or F12): the operator's screens, after the
    /// sign-in unless an operator is signed in. Not over a citizen's form
    /// (it is paused first), nor while the station is locked.
    static func openOperatorScreens(_ s: inout AppState) -> [Effect] {
        if s.page.screen.isFilling { return [] }
        switch s.page {
        case .unlock, .operatorSignIn, .operatorDesk: return []
        default: break
        }
        s.composer.reset()
        if s.operatorID != nil {
            s.page = .operatorDesk(OperatorDeskState())
            return [.loadOperatorData(.day)]
        }
        s.page = .operatorSignIn(OperatorSignInState())
        return []
    }

    /// The next person finds the station's own settings, not the last one's.
    static func resetForNextPerson(_ s: inout AppState) {
        s.priors = []
        s.priorDigits = nil
        s.sittingDocuments = []
        s.pendingCard = nil
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
            // Quitting is the operator's, never a citizen's.
            if s.page.screen.isOperatorScreen { s.overlay = .confirmQuit }
            return []
        case .control("o"), .function(12):
            return openOperatorScreens(&s)
        default:
            return onScreen(&s) { screen, s in screen.key(key, &s) }
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
            case "quit" where s.page.screen.isOperatorScreen: s.overlay = .confirmQuit; return []
            case "dialog.cancel": return handleKey(&s, .escape)
            case let name where name.hasPrefix("dialog."):
                // A dialog's button: focused, then pressed, as by keys.
                guard let i = Int(name.dropFirst(7)) else { return [] }
                s.dialogFocus = i
                return handleKey(&s, .enter)
            default: break
            }
        }
        if s.overlay != nil { return [] }
        return onScreen(&s) { screen, s in screen.press(target, &s) }
    }

    // MARK: Effect results

    static func handleResult(_ s: inout AppState, _ r: EffectResult) -> [Effect] {
        switch r {
        case .resumed(let draft, let form, let answers, let prefills):
            // From the resume screen, or the open form moved to a newer version.
            openResumedDraft(&s, draft: draft, form: form, answers: answers, prefills: prefills)
            // Its files' pages and sizes, for the documents step.
            guard case .form(let f) = s.page else { return [] }
            return f.filesToOpen.map { .openDocument(sha256: $0) }
        case .saveFailed(let m):
            // On a form it shows in the header and the hint line, not in a
            // dialog: a dialog would swallow the keys typed next.
            guard case .form = s.page else {
                s.overlay = .message(m)
                return []
            }
        case .finalizeFailed(let m):
            s.overlay = .message(m)
            return []
        case .correctionOpened(let m):
            // Over the form just opened: the server's reasons, until the first key.
            if case .form(var f) = s.page {
                f.message = m
                s.page = .form(f)
            }
            return []
        case .priorNotFound:
            s.priorFailures += 1
        case .lookedUpRemote(let remote, let offline, _):
            if remote == nil && !offline { s.priorFailures += 1 }
        default:
            break
        }
        return onScreen(&s) { screen, s in screen.result(r, &s) }
    }
}

import KioskCore

/// The screens, each with its own state. Each state is a `PageScreen`: the
/// one place that says what its keys, presses and results do and how it is
/// drawn (`Screens/<Name>/`).
public enum Page: Sendable {
    case welcome(WelcomeState)
    case choose(ChooseState)
    case pin(PinState)
    case form(FormSession)
    case receipt(ReceiptState)
    case resume(ResumeState)
    case lookup(LookupState)
    case prior(PriorState)
    case offer(OfferState)
    /// The operator unlocks the station's data (before any citizen's screen).
    case unlock(UnlockState)
    /// The operator's sign-in (a hidden key: Ctrl-O or F12).
    case operatorSignIn(OperatorSignInState)
    /// The operator's screens: today, the queue, needs attention, drafts.
    case operatorDesk(OperatorDeskState)
    /// Scanning a document's pages (or looking at them), over its form.
    case scan(ScanState)
    /// Choosing a file to attach (USB stick, allowed folders), over its form.
    case attach(AttachState)

    /// The welcome screen with one of its items focused.
    public static func welcome(focus: Int = 0) -> Page { .welcome(WelcomeState(focus: focus)) }

    /// The screen on show, to hand an event or a frame to.
    var screen: any PageScreen {
        switch self {
        case .welcome(let w): return w
        case .choose(let c): return c
        case .pin(let p): return p
        case .form(let f): return f
        case .receipt(let r): return r
        case .resume(let r): return r
        case .lookup(let l): return l
        case .prior(let p): return p
        case .offer(let o): return o
        case .unlock(let u): return u
        case .operatorSignIn(let o): return o
        case .operatorDesk(let o): return o
        case .scan(let sc): return sc
        case .attach(let a): return a
        }
    }

    /// The form being filled on this screen or beneath it.
    var formSession: FormSession? {
        switch self {
        case .form(let f): return f
        case .scan(let sc): return sc.session
        case .attach(let a): return a.session
        case .prior(let p): return p.session
        default: return nil
        }
    }
}

/// One screen of the app. `App.update` handles what is common to all (the
/// function keys, dialogs, the idle time-out) and hands the rest to the
/// screen on show; `App.view` draws the frame and lets the screen draw its
/// body. A handler may move the app to another screen by setting `s.page`;
/// otherwise the screen's changed state is kept.
protocol PageScreen: Sendable {
    /// This screen's state as the page on show.
    var asPage: Page { get }
    /// A key, when no dialog is open and it is not one of the app's own.
    mutating func key(_ key: Key, _ s: inout AppState) -> [Effect]
    /// A press on one of the areas this screen drew.
    mutating func press(_ target: HitTarget, _ s: inout AppState) -> [Effect]
    /// The result of an effect; a screen acts on those it asked for.
    mutating func result(_ result: EffectResult, _ s: inout AppState) -> [Effect]
    /// The body, between the header and the footer.
    func draw(_ c: inout Canvas, _ s: AppState, _ b: Body)
    /// The header's two lines when the screen has its own (else the
    /// station's name and the date); `statusWidth`: the columns the
    /// connection status takes at the right of the first line.
    func drawHeader(_ c: inout Canvas, _ s: AppState, statusWidth: Int) -> Bool
    /// What the footer shows before the keys; the column after it.
    func drawFooter(_ c: inout Canvas, _ s: AppState, y: Int) -> Int
    /// Whether a citizen is filling a form here: the idle time-out then
    /// makes their typing durable before it clears the screen.
    var isFilling: Bool { get }
    /// An operator's screen (unlock, sign-in, the desk): F10 quits here only.
    var isOperatorScreen: Bool { get }
}

extension PageScreen {
    mutating func press(_ target: HitTarget, _ s: inout AppState) -> [Effect] { [] }
    mutating func result(_ result: EffectResult, _ s: inout AppState) -> [Effect] { [] }
    func drawHeader(_ c: inout Canvas, _ s: AppState, statusWidth: Int) -> Bool { false }
    func drawFooter(_ c: inout Canvas, _ s: AppState, y: Int) -> Int { 2 }
    var isFilling: Bool { false }
    var isOperatorScreen: Bool { false }
}

extension App {
    /// Lets the screen on show handle something. Its changed state is
    /// written back unless the handler moved the app to another screen.
    static func onScreen(_ s: inout AppState, _ body: (inout any PageScreen, inout AppState) -> [Effect]) -> [Effect] {
        var screen = s.page.screen
        let effects = body(&screen, &s)
        if ObjectIdentifier(type(of: s.page.screen)) == ObjectIdentifier(type(of: screen)) { s.page = screen.asPage }
        return effects
    }
}

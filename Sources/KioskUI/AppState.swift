import Foundation
import KioskCore

/// What the app knows that does not change while it runs.
public struct AppContext: Sendable {
    public var stationName: String
    public var forms: [FormDefinition]
    public var datasets: DatasetCatalog
    public var idleTimeout: Double
    public var defaultLanguage: Language
    public var inputMethod: InputMethodKind
    public var toneStyle: ToneStyle
    /// Citizen mode clears the screen after `idleTimeout` without input;
    /// helper mode (a volunteer's own laptop) does not.
    public var citizenMode: Bool

    public init(stationName: String, forms: [FormDefinition], datasets: DatasetCatalog, idleTimeout: Double = 120,
                defaultLanguage: Language = .vi, inputMethod: InputMethodKind = .telex, toneStyle: ToneStyle = .old, citizenMode: Bool = true) {
        self.stationName = stationName
        self.forms = forms
        self.datasets = datasets
        self.idleTimeout = idleTimeout
        self.defaultLanguage = defaultLanguage
        self.inputMethod = inputMethod
        self.toneStyle = toneStyle
        self.citizenMode = citizenMode
    }

    public init(config: KioskConfig, catalog: FormCatalog, citizenMode: Bool = true) {
        self.init(stationName: config.stationName, forms: catalog.forms.sorted { $0.procedure.code < $1.procedure.code },
                  datasets: catalog.datasets, idleTimeout: Double(config.idleTimeoutSeconds), defaultLanguage: config.language,
                  inputMethod: config.inputMethod, toneStyle: config.toneStyle, citizenMode: citizenMode)
    }
}

/// A one-line text being edited, with its cursor (in characters).
public struct LineEdit: Sendable, Equatable {
    public var text: String
    public var cursor: Int

    public init(_ text: String = "") {
        self.text = text
        self.cursor = text.count
    }
}

/// The screens, each with its own state.
public enum Page: Sendable {
    case welcome(focus: Int)
    case choose(ChooseState)
    case pin(PinState)
    case form(FormSession)
    case receipt(ReceiptState)
    case resume(ResumeState)
    case lookup(LookupState)
    case prior(PriorState)
    case offer(OfferState)
}

public struct ChooseState: Sendable {
    public var query = LineEdit()
    public var selection = 0
    /// Focus on the list (0) or the Start / Back buttons (1, 2).
    public var focus = 0
}

public struct PinState: Sendable {
    public var formID: String
    public var pin = LineEdit()
    public var error: LocalizedText?
}

public struct ResumeState: Sendable {
    public var code = LineEdit()
    public var verification = LineEdit()
    /// 0 code, 1 verification, 2 continue, 3 back.
    public var focus = 0
    public var message: LocalizedText?
    public var busy = false
}

public struct LookupState: Sendable {
    public var code = LineEdit()
    /// Optional: with it the provincial server is asked too.
    public var verification = LineEdit()
    /// 0 code, 1 verification, 2 search, 3 back.
    public var focus = 0
    public var result: LookupResult?
    /// What the provincial server says (asked only with a verification).
    public var remote: RemoteStatus?
    public var message: LocalizedText?
    public var busy = false
}

/// A dossier's status at the provincial server.
public struct RemoteStatus: Sendable, Equatable {
    public var code: String
    public var procedureName: String
    public var status: Int?
    public var dueDate: String?

    public init(code: String, procedureName: String, status: Int?, dueDate: String?) {
        self.code = code
        self.procedureName = procedureName
        self.status = status
        self.dueDate = dueDate
    }
}

public struct LookupResult: Sendable, Equatable {
    public var procedureTitle: LocalizedText
    public var receiptNumber: String
    public var officialCode: String?
    public var status: String
    public var submittedAt: Int
    public var dueDate: String?

    public init(procedureTitle: LocalizedText, receiptNumber: String, officialCode: String?, status: String, submittedAt: Int, dueDate: String?) {
        self.procedureTitle = procedureTitle
        self.receiptNumber = receiptNumber
        self.officialCode = officialCode
        self.status = status
        self.submittedAt = submittedAt
        self.dueDate = dueDate
    }
}

/// Entering earlier dossier codes, each with a verification.
public struct PriorState: Sendable {
    public var code = LineEdit()
    public var verification = LineEdit()
    /// 0 code, 1 verification, 2 search, 3 continue (once one is found), 4 back.
    public var focus = 0
    public var message: LocalizedText?
    public var busy = false
    /// The earlier dossiers found so far.
    public var found: [PriorDossier] = []
    /// The form being filled, when opened from its first page (else a
    /// procedure is chosen next).
    public var session: FormSession?

    public init(session: FormSession? = nil) {
        self.session = session
    }
}

/// Who the people of earlier dossiers are in the new form, before anything
/// is filled: offered, the citizen confirms.
public struct OfferState: Sendable {
    public var session: FormSession
    public var priors: [PriorDossier]
    public var offers: [PersonOffer]
    /// 0..<offers.count the people, then Fill in, then Skip.
    public var focus = 0

    public init(session: FormSession, priors: [PriorDossier]) {
        self.session = session
        self.priors = priors
        var taken: Set<String> = []
        var all: [PersonOffer] = []
        for p in priors {
            let offers = Autofill.offers(prior: p, form: session.form, taken: taken)
            taken.formUnion(offers.compactMap(\.target))
            all += offers
        }
        self.offers = all
    }

    /// What filling would write now, dossier by dossier: a value filled from
    /// one code is not overwritten by the next, nor is anything typed.
    public func plan() -> AutofillPlan {
        var state = session.state
        var total = AutofillPlan()
        for p in priors {
            let plan = Autofill.plan(prior: p, offers: offers, state: state)
            state.load(answers: plan.prefills.map { ($0.name, $0.raw) })
            total.prefills += plan.prefills
            total.unusable += plan.unusable
        }
        return total
    }
}

public struct ReceiptState: Sendable {
    public var receipt: Receipt
    public var focus = 0
    public var message: LocalizedText?
}

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

/// The whole app, as a value.
public struct AppState: Sendable {
    public var context: AppContext
    public var language: Language
    public var width: Int
    public var height: Int
    public var page: Page = .welcome(focus: 0)
    public var overlay: Overlay?
    public var inputMethod: InputMethodKind
    public var composer: VietnameseComposer
    public var now: Double
    public var lastInput: Double
    public var online = false
    public var waitingCount = 0
    /// Dossiers the server refused, for a helper to act on.
    public var needsAttentionCount = 0
    /// Why nothing is uploaded, when the station itself is at fault.
    public var stationProblem: LocalizedText?
    /// Earlier dossiers found before a procedure was chosen: offered once
    /// its form is open.
    public var priors: [PriorDossier] = []
    /// Failed tries at earlier dossier codes by the person at the station.
    public var priorFailures = 0
    /// Set when the app asked to stop.
    public var quitting = false

    public init(context: AppContext, width: Int = 80, height: Int = 24, now: Double = Date().timeIntervalSince1970) {
        self.context = context
        self.language = context.defaultLanguage
        self.width = width
        self.height = height
        self.inputMethod = context.inputMethod
        self.composer = VietnameseComposer(method: context.inputMethod, style: context.toneStyle)
        self.now = now
        self.lastInput = now
    }

    public func text(_ t: LocalizedText) -> String { t.text(language) }

    /// Seconds left before the idle screen closes itself, when the countdown shows.
    public var idleCountdown: Int? {
        guard context.citizenMode, !isAtRest else { return nil }
        let left = context.idleTimeout - (now - lastInput)
        let warning = min(30, context.idleTimeout / 2)
        return left <= warning ? max(0, Int(left.rounded(.up))) : nil
    }

    /// The dossier whose receipt is on screen, while its official code has
    /// not come yet: the runtime watches for it.
    public var awaitingOfficialCode: String? {
        guard case .receipt(let r) = page, r.receipt.officialCode == nil else { return nil }
        return r.receipt.submissionID
    }

    /// On the welcome screen with nothing open: nothing to protect.
    var isAtRest: Bool {
        if case .welcome = page, overlay == nil { return true }
        return false
    }
}

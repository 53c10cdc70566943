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
    /// The station's province (`[station] province_code`), for the rules a
    /// province sets (`province_rule()` in a form).
    public var provinceCode: String?
    /// The electronic identifier of the agency this station receives
    /// dossiers for (`000.00.13.H36`): the start of the dossier codes it
    /// issues, prefilled where an earlier dossier code is asked. Empty: none.
    public var agencyCode: String

    public init(stationName: String, forms: [FormDefinition], datasets: DatasetCatalog, idleTimeout: Double = 120,
                defaultLanguage: Language = .vi, inputMethod: InputMethodKind = .telex, toneStyle: ToneStyle = .old, citizenMode: Bool = true,
                provinceCode: String? = nil, agencyCode: String = "") {
        self.agencyCode = agencyCode
        self.stationName = stationName
        self.forms = forms
        self.datasets = datasets
        self.idleTimeout = idleTimeout
        self.defaultLanguage = defaultLanguage
        self.inputMethod = inputMethod
        self.toneStyle = toneStyle
        self.citizenMode = citizenMode
        self.provinceCode = provinceCode
    }

    public init(config: KioskConfig, catalog: FormCatalog, citizenMode: Bool = true) {
        self.init(stationName: config.stationName, forms: catalog.forms.sorted { $0.procedure.code < $1.procedure.code },
                  datasets: catalog.datasets, idleTimeout: Double(config.idleTimeoutSeconds), defaultLanguage: config.language,
                  inputMethod: config.inputMethod, toneStyle: config.toneStyle, citizenMode: citizenMode,
                  provinceCode: config.provinceCode, agencyCode: config.agencyCode)
    }
}

/// The whole app, as a value.
public struct AppState: Sendable {
    public var context: AppContext
    public var language: Language
    public var width: Int
    public var height: Int
    public var page: Page = .welcome(focus: 0)
    public var overlay: Overlay? {
        didSet { if overlay != oldValue { dialogFocus = overlay?.defaultFocus ?? 0 } }
    }
    /// The focused button of the dialog on show.
    public var dialogFocus = 0
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
    /// Why the serial card scanner named in kiosk.conf cannot be read.
    public var scannerProblem: LocalizedText?
    /// Earlier dossiers found before a procedure was chosen: offered once
    /// its form is open.
    public var priors: [PriorDossier] = []
    /// The last four digits of the id number that verified an earlier
    /// dossier: the PIN screen offers them as the draft's digits, so the
    /// person does not choose and type four more. Gone with `priors`.
    public var priorDigits: String?
    /// A card scanned before a form was open (welcome, procedure list):
    /// asked about once the form starts ("Thẻ này của ai?"), then gone; gone
    /// too when the station goes idle for the next person.
    var pendingCard: CitizenCard?
    /// Documents made at the desk in this sitting, for another procedure's
    /// document of the same key; gone when the sitting ends.
    public var sittingDocuments: [SittingDocument] = []
    /// Failed tries at earlier dossier codes by the person at the station.
    public var priorFailures = 0
    /// The operator signed in (an id), if any: drafts and dossiers record
    /// who helped. Signed out when the station goes idle.
    public var operatorID: String?
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
        // Locked: nothing of a citizen is open (and the operator's screen stays).
        if case .unlock = page { return true }
        return false
    }
}

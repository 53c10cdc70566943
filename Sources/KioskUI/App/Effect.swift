import KioskCore

/// One answer by name, as drafts store it.
public struct AnswerPair: Sendable, Equatable {
    public var name: String
    public var raw: String

    public init(_ name: String, _ raw: String) {
        self.name = name
        self.raw = raw
    }
}

/// Work the app asks the runtime to do. The runtime performs it (against
/// the store, the printer) and sends back an `EffectResult` as an event, so
/// that `update` stays a pure function that tests can call directly.
public enum Effect: Sendable {
    /// Start a draft of a form, protected by four digits.
    case createDraft(formID: String, pin: String)
    /// A keystroke: answers saved at once (synchronous=NORMAL).
    case saveAnswers(draftID: Int64, answers: [AnswerPair])
    /// A repeat item was removed: every item answer of these fields is
    /// replaced by `answers`.
    case replaceItemAnswers(draftID: Int64, fieldIDs: [String], answers: [AnswerPair])
    /// Leaving a field: position saved and everything made durable (full sync).
    case saveProgress(draftID: Int64, page: Int, field: String?, answered: Int, required: Int)
    /// Make everything durable now (idle close, quitting).
    case flush
    /// Turn a complete form into a queued dossier.
    case finalize(draftID: Int64, form: FormDefinition, state: FormState, earlierCodes: [String])
    case printReceipt(Receipt, Language)
    /// The slip of a draft left (paused, or closed when idle): printed, or
    /// saved like a receipt.
    case printSlip(ResumeSlip, Language)
    case resumeDraft(code: String, verification: String)
    /// A dossier's status: what this station knows, and the server's answer
    /// when a verification is given.
    case lookupDossier(code: String, verification: String)
    /// An earlier dossier by its code and a verification: the station's own
    /// first, then the provincial server.
    case findPrior(code: String, verification: String)
    /// Answers filled from earlier dossiers, with where each came from.
    case savePrefills(draftID: Int64, prefills: [Prefill])
    /// Move a draft to the current version of its form.
    case migrateDraft(draftID: Int64, formID: String, migration: AnswerMigration)
    /// The station passphrase the operator typed: unlock the data key, or
    /// (`creating`, the first start) set the vault up with it.
    case unlock(passphrase: String, creating: Bool)
    /// The operator's id and PIN, typed at the operator's sign-in.
    case operatorSignIn(id: String, pin: String)
    /// The operator left (or the station went idle): nothing more is theirs.
    case operatorSignOut
    /// What the operator's screens show, for the day or the month.
    case loadOperatorData(StatsPeriod)
    /// Every waiting dossier due now: the worker's next pass sends them.
    case sendNow(StatsPeriod)
    /// A refused dossier's answers opened as a draft, to correct with the citizen.
    case correctDossier(submissionID: String)
    case withdrawDossier(submissionID: String, reason: String, period: StatsPeriod)
    /// A draft erased at the operator's screen, with the citizen's consent.
    case eraseDraft(id: Int64, period: StatsPeriod)
    case quit

    // The documents step (docs/architecture.md, "Documents at the desk"):
    // performed off the main thread where slow; results come back as events.
    /// Scan one page with the station's scanner (`[scanner] sane_device`):
    /// `scanProgress` while it scans, then `pageScanned` or `scanFailed`.
    case scanPage(ScanPreset)
    /// Stop the scan under way: its page is dropped, pages already scanned stay.
    case cancelScan
    /// The attach picker: the allowed roots (nil) or a folder under one.
    case listFolder(String?)
    /// A file chosen in the picker: checked by its content and size, and
    /// stored encrypted (`fileAttached` or `attachFailed`).
    case attachFile(path: String)
    /// One document (a PDF) made of these pages, each turned as given, and
    /// stored encrypted (`documentMade` or `documentFailed`).
    case makeDocument(pages: [DocumentPage])
    /// A document already given (its `file:` answer): its pages, to show or
    /// change (`documentOpened` or `documentFailed`).
    case openDocument(sha256: String)
    /// The scan screen closed while its pages were not yet made into a
    /// document (the idle time-out): make them one and save it as the
    /// draft's answer `fieldID`, so nothing scanned is lost; no result.
    case keepPages(draftID: Int64, fieldID: String, pages: [DocumentPage])
}

/// What came of an effect, in the UI's own values (never store rows).
public enum EffectResult: Sendable {
    /// How far the page being scanned has come, 0…1.
    case scanProgress(Double)
    case pageScanned(DocumentPage)
    /// No page: the scanner's problem in the helper's words (none found,
    /// unplugged, paper jam, cancelled, disk full).
    case scanFailed(LocalizedText)
    case folderListed(FolderListing)
    case folderFailed(LocalizedText)
    /// A file taken from the picker: a PDF is a whole document (not
    /// editable); a JPEG or PNG is one editable page to add.
    case fileAttached(MadeDocument)
    case attachFailed(LocalizedText)
    case documentMade(MadeDocument)
    case documentOpened(MadeDocument)
    case documentFailed(LocalizedText)
    case draftCreated(formID: String, draft: DraftRef)
    case draftFailed(LocalizedText)
    case saved(at: Double)
    case saveFailed(LocalizedText)
    case finalized(DossierSummary)
    case finalizeFailed(LocalizedText)
    case printed(LocalizedText)
    case resumed(draft: DraftRef, form: FormDefinition, answers: [AnswerPair], prefills: [Prefill])
    case resumeFailed(LocalizedText)
    /// What the station knows; `asking`: the server's answer follows.
    case lookedUp(LookupResult?, asking: Bool)
    /// The server's answer to a lookup: nil when it does not know the code
    /// with that verification; `offline` when it could not be asked;
    /// `lockedMinutes` when the code is locked after too many tries.
    case lookedUpRemote(RemoteStatus?, offline: Bool, lockedMinutes: Int? = nil)
    case priorFound(PriorDossier)
    /// Unknown code and wrong verification alike.
    case priorNotFound(PriorMiss)
    /// The station's data is open: the citizens' screens can start.
    case unlocked
    /// Why not (a wrong passphrase and how long to wait, a key file, …).
    case unlockFailed(LocalizedText)
    case operatorSignedIn(id: String)
    case operatorSignInFailed(LocalizedText)
    /// The operator's screens' data, and what was just done (the UI says it).
    case operatorData(OperatorData, done: OperatorDone? = nil)
    case operatorFailed(LocalizedText)
    /// A refused dossier's answers are open for correction: what the server said, for the form's hint line.
    case correctionOpened(LocalizedText)
}

/// Why an earlier dossier was not found: said the same way for an unknown
/// code and a wrong verification, so that neither can be guessed.
public enum PriorMiss: Sendable, Equatable {
    case notFound
    /// Not at this station, and the provincial server could not be asked.
    case offline
    /// Too many failed tries at this code: locked for that long.
    case locked(minutes: Int)
    /// A receipt number of this station, verified, whose dossier has no
    /// official code yet: nothing to refer to (the server knows none).
    case notYetAccepted
}

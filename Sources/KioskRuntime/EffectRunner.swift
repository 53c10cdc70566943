import Foundation
import KioskCore
import KioskStore
import KioskUI

/// Performs the app's effects against the store and the printer, and turns
/// their outcome into events. The terminal runtime and the headless driver
/// of the tests use the same runner, so tests exercise the real store.
public final class EffectRunner {
    public let store: KioskStore
    let forms: [FormDefinition]
    let datasets: DatasetCatalog
    /// A shell command that prints plain text from its standard input; empty:
    /// receipts are saved as text files in `receiptsDirectory`.
    let printerCommand: String
    let receiptsDirectory: String
    let stationName: String
    /// Where earlier dossiers that this station does not hold are looked for.
    public var priorService: PriorDossierService?
    /// Ask the service on a background thread (the terminal: the screen
    /// keeps drawing); else wait for it (tests, one event at a time).
    public var asksInBackground = false
    /// The Argon2id cost a passphrase set at the unlock screen gets: the
    /// station's; the UI tests name `.testOnly` here.
    public var unlockCost = KDFCost.station
    /// Where kiosk-sync keeps the province's form bundles and their state
    /// (`[forms] updates`): the operator's screen says when one was refused.
    public var formUpdatesPath: String?
    /// The documents step's scanner, folders and size limit
    /// (`[scanner] documents`, `[documents]`), set by the terminal from
    /// kiosk.conf. Nil: the documents effects are not performed (UI tests
    /// feed their results as events themselves).
    public var documentSettings: DocumentSettings? {
        didSet { documentDesk = nil }
    }
    var documentDesk: DocumentDesk?
    let finished = FinishedWork()

    public init(store: KioskStore, context: AppContext, printerCommand: String, receiptsDirectory: String) {
        self.store = store
        self.forms = context.forms
        self.datasets = context.datasets
        self.printerCommand = printerCommand
        self.receiptsDirectory = receiptsDirectory
        self.stationName = context.stationName
    }

    var now: Double { store.now().timeIntervalSince1970 }

    public func perform(_ effect: Effect) -> [Event] {
        switch effect {
        case .createDraft(let formID, let pin):
            guard let form = forms.first(where: { $0.id == formID }) else { return [] }
            do {
                let draft = try store.createDraft(form: form, verification: .pin(pin))
                return [.effectResult(.draftCreated(formID: formID, draft: DraftRef(draft)))]
            } catch {
                return [.effectResult(.draftFailed(error.userMessage))]
            }
        case .saveAnswers(let draftID, let answers):
            return saving { try store.saveAnswers(draftID: draftID, answers.map { ($0.name, $0.raw) }) }
        case .replaceItemAnswers(let draftID, let ids, let answers):
            return saving { try store.replaceItemAnswers(draftID: draftID, fieldIDs: ids, answers: answers.map { ($0.name, $0.raw) }) }
        case .saveProgress(let draftID, let page, let field, let answered, let required):
            return saving {
                try store.savePosition(draftID: draftID, page: page, field: field, answered: answered, requiredTotal: required)
                try store.flush()
            }
        case .flush:
            return saving { try store.flush() }
        case .finalize(let draftID, let form, let state, let earlierCodes):
            do {
                let dossier = try store.finalize(form: form, state: state, draftID: draftID, earlierCodes: earlierCodes)
                return [.effectResult(.finalized(DossierSummary(dossier)))]
            } catch {
                return [.effectResult(.finalizeFailed(error.userMessage))]
            }
        case .printReceipt(let receipt, let language):
            return [.effectResult(.printed(print(receipt, language)))]
        case .printSlip(let slip, let language):
            return [.effectResult(.printed(print(slip, language)))]
        case .resumeDraft(let code, let verification):
            do {
                let draft = try store.resumeDraft(code: code, verification: verification)
                let form = try store.formDefinition(of: draft, datasets: datasets)
                let answers = try store.answers(draftID: draft.id).map { AnswerPair($0.name, $0.raw) }
                return [.effectResult(.resumed(draft: DraftRef(draft), form: form, answers: answers, prefills: try store.prefills(draftID: draft.id)))]
            } catch let e as ResumeError {
                return [.effectResult(.resumeFailed(e.message(now: store.now())))]
            } catch let e as StoreError {
                return [.effectResult(.resumeFailed(e.userMessage))]
            } catch {
                return [.effectResult(.resumeFailed(LocalizedText(vi: "Không mở được hồ sơ.", en: "The draft cannot be opened.")))]
            }
        case .lookupDossier(let typed, let verification):
            // The official code or the receipt number, as printed.
            let code = (try? DossierReference.parse(typed).get())?.description ?? typed
            let dossier = (try? store.dossier(officialCode: code)) ?? (try? store.dossier(receiptNumber: code)) ?? nil
            let local = dossier.map { d in
                LookupResult(procedureTitle: forms.first { $0.id == d.formID }?.procedure.title ?? LocalizedText(d.procedureCode),
                             receiptNumber: d.receiptNumber, officialCode: d.officialCode, status: d.status.rawValue,
                             submittedAt: d.finalizedAt, dueDate: d.dueDate)
            }
            // The server is asked by official code, with the verification:
            // the same tries as for autofill, since a found status confirms it.
            let official = dossier?.officialCode ?? code
            guard !verification.isEmpty, case .success = DossierCode.parse(official) else {
                return [.effectResult(.lookedUp(local, asking: false))]
            }
            let localResult: [Event] = [.effectResult(.lookedUp(local, asking: true))]
            if let minutes = lockedMinutes(code: official) {
                return localResult + [.effectResult(.lookedUpRemote(nil, offline: false, lockedMinutes: minutes))]
            }
            guard let service = priorService else { return localResult + [.effectResult(.lookedUpRemote(nil, offline: true))] }
            return localResult + ask(service, code: official, verification: verification) { .lookup(code: official, $0) }
        case .migrateDraft(let draftID, let formID, let migration):
            guard let current = forms.first(where: { $0.id == formID }) else { return [] }
            do {
                guard let draft = try store.draft(id: draftID) else { return [] }
                let moved = try store.migrateDraft(draft, to: current, migration: migration)
                let answers = try store.answers(draftID: draftID).map { AnswerPair($0.name, $0.raw) }
                return [.effectResult(.resumed(draft: DraftRef(moved), form: current, answers: answers, prefills: try store.prefills(draftID: draftID)))]
            } catch {
                return [.effectResult(.saveFailed(error.userMessage))]
            }
        case .findPrior(let code, let verification):
            return findPrior(code: code, verification: verification)
        case .savePrefills(let draftID, let prefills):
            return saving { try store.savePrefills(draftID: draftID, prefills) }
        case .unlock(let passphrase, let creating):
            do {
                try store.unlock(creating ? .newPassphrase(passphrase, cost: unlockCost) : .passphrase(passphrase))
                return [.effectResult(.unlocked)]
            } catch {
                return [.effectResult(.unlockFailed(error.userMessage))]
            }
        case .operatorSignIn, .operatorSignOut, .loadOperatorData, .sendNow, .correctDossier, .withdrawDossier, .eraseDraft:
            return performOperator(effect)
        case .scanPage, .cancelScan, .listFolder, .attachFile, .makeDocument, .openDocument, .keepPages:
            return performDocuments(effect)
        case .quit:
            return []
        }
    }

    // MARK: Earlier dossiers

    /// The station's own dossier when the verification matches; else the
    /// server's answer. Every failure counts against the code.
    func findPrior(code: String, verification: String) -> [Event] {
        if case .success(.receipt(let number)) = DossierReference.parse(code) {
            return findPrior(receiptNumber: number.description, verification: verification)
        }
        if let minutes = lockedMinutes(code: code) { return [.effectResult(.priorNotFound(.locked(minutes: minutes)))] }
        // The verification is checked by its keyed hash first: the answers
        // are opened only for the person who gave a right one.
        if let d = (try? store.dossier(officialCode: code)) ?? nil, (try? store.verifies(dossierID: d.id, verification: verification)) == true,
           let local = (try? store.priorDossier(officialCode: code, procedureName: procedureName, documentKeys: documentKey)) ?? nil {
            return finishPrior(code: code, .found(local))
        }
        guard let service = priorService else { return finishPrior(code: code, .offline) }
        return ask(service, code: code, verification: verification) { .prior(code: code, $0) }
    }

    /// A receipt number is this station's own: the server knows official
    /// codes only. Its dossier's official code, once given, is what the new
    /// form refers to; before that there is nothing to refer to (said once
    /// the verification matched, and a failure counts like any other).
    func findPrior(receiptNumber: String, verification: String) -> [Event] {
        if let official = ((try? store.dossier(receiptNumber: receiptNumber)) ?? nil)?.officialCode {
            return findPrior(code: official, verification: verification)
        }
        if let minutes = lockedMinutes(code: receiptNumber) { return [.effectResult(.priorNotFound(.locked(minutes: minutes)))] }
        guard let d = (try? store.dossier(receiptNumber: receiptNumber)) ?? nil, d.status != .purged,
              (try? store.verifies(dossierID: d.id, verification: verification)) == true else { return finishPrior(code: receiptNumber, .notFound) }
        _ = countTry(code: receiptNumber, found: true)
        return [.effectResult(.priorNotFound(.notYetAccepted))]
    }

    private func procedureName(_ formID: String) -> String {
        forms.first { $0.id == formID }?.procedure.title.vi ?? formID
    }

    private func documentKey(_ formID: String, _ component: String) -> String? {
        forms.first { $0.id == formID }?.procedure.documents.first { $0.code == component }?.key
    }

    /// Asks the server: at once (tests, one event at a time), or on a
    /// background thread whose answer `finishedEvents` hands back (the terminal).
    private func ask(_ service: PriorDossierService, code: String, verification: String,
                     _ work: @escaping @Sendable (PriorServiceAnswer) -> FinishedWork.Work) -> [Event] {
        guard asksInBackground else { return finish(work(service.find(code: code, verification: verification))) }
        finished.start()
        let box = finished
        DispatchQueue.global(qos: .userInitiated).async { box.finish(work(service.find(code: code, verification: verification))) }
        return []
    }

    func finish(_ work: FinishedWork.Work) -> [Event] {
        switch work {
        case .prior(let code, let answer): return finishPrior(code: code, answer)
        case .lookup(let code, let answer): return finishLookup(code: code, answer)
        case .document(let work): return finishDocument(work)
        }
    }

    /// Minutes left while a code is locked after too many failed tries.
    func lockedMinutes(code: String) -> Int? {
        guard let until = try? store.priorLockedUntil(code: code) else { return nil }
        return max(1, (until - Int(now) + 59) / 60)
    }

    /// Counts a try at a code; the lock's minutes when it has just locked it.
    func countTry(code: String, found: Bool) -> Int? {
        if found {
            try? store.recordPriorSuccess(code: code)
            return nil
        }
        let locked = (try? store.recordPriorFailure(code: code)) ?? false
        return locked ? KioskStore.priorLockSeconds / 60 : nil
    }

    /// The server's answer to a lookup, counted like an autofill try.
    func finishLookup(code: String, _ answer: PriorServiceAnswer) -> [Event] {
        switch answer {
        case .found(let p):
            _ = countTry(code: code, found: true)
            return [.effectResult(.lookedUpRemote(RemoteStatus(code: p.code, procedureName: p.procedureName, status: p.status, dueDate: p.dueDate), offline: false))]
        case .notFound:
            return [.effectResult(.lookedUpRemote(nil, offline: false, lockedMinutes: countTry(code: code, found: false)))]
        case .offline:
            return [.effectResult(.lookedUpRemote(nil, offline: true))]
        }
    }

    func finishPrior(code: String, _ answer: PriorServiceAnswer) -> [Event] {
        switch answer {
        case .found(let prior):
            _ = countTry(code: code, found: true)
            return [.effectResult(.priorFound(prior))]
        case .notFound, .offline:
            if let minutes = countTry(code: code, found: false) { return [.effectResult(.priorNotFound(.locked(minutes: minutes)))] }
            return [.effectResult(.priorNotFound(answer == .notFound ? .notFound : .offline))]
        }
    }

    /// Whether background work is under way (the terminal then polls often).
    public var isBusy: Bool { finished.pending > 0 }

    /// Events of background work that has finished, to be fed to `update`
    /// on the main thread (the store is touched only there).
    public func finishedEvents() -> [Event] {
        finished.take().flatMap(finish)
    }

    private func saving(_ body: () throws -> Void) -> [Event] {
        do {
            try body()
            return [.effectResult(.saved(at: now))]
        } catch let e as StoreError {
            return [.effectResult(.saveFailed(e.userMessage))]
        } catch {
            return [.effectResult(.saveFailed(LocalizedText(vi: "Không lưu được.", en: "Could not save.")))]
        }
    }

    /// Prints through the configured command (42 columns, a receipt printer)
    /// or saves an 80-column text file; says which, in words.
    func print(_ receipt: Receipt, _ language: Language) -> LocalizedText {
        if !printerCommand.isEmpty {
            if PrinterCommand.run(printerCommand, input: Array(receipt.text(columns: 42, language: language).utf8)) {
                return LocalizedText(vi: "Đã in biên nhận.", en: "The receipt was printed.")
            }
            // The printer failed: keep the receipt as a file so it can be printed later.
        }
        do {
            // 0600 in a 0700 folder, whatever the umask: what a citizen filed is nobody else's.
            let shown = try ReceiptFiles.save(receipt, language, in: receiptsDirectory, store: store)
            return LocalizedText(vi: "Đã lưu biên nhận vào tệp \(shown)", en: "The receipt was saved to \(shown)")
        } catch {
            return LocalizedText(vi: "Không in được, cũng không lưu được biên nhận.", en: "The receipt could neither be printed nor saved.")
        }
    }

    /// A resume slip, the same way: printed, else saved as `receipts/slip-CODE.txt`.
    func print(_ slip: ResumeSlip, _ language: Language) -> LocalizedText {
        if !printerCommand.isEmpty, PrinterCommand.run(printerCommand, input: Array(slip.text(columns: 42, language: language).utf8)) {
            return LocalizedText(vi: "Đã in phiếu tiếp tục.", en: "The resume slip was printed.")
        }
        do {
            let shown = try ReceiptFiles.save(slip, language, in: receiptsDirectory, store: store)
            return LocalizedText(vi: "Đã lưu phiếu tiếp tục vào tệp \(shown)", en: "The resume slip was saved to \(shown)")
        } catch {
            return LocalizedText(vi: "Không in được, cũng không lưu được phiếu tiếp tục.", en: "The resume slip could neither be printed nor saved.")
        }
    }

    /// Writes the final receipt over each saved one whose official code has
    /// come (see `ReceiptFiles`).
    /// Seals receipts saved as plain text before the vault (once, after unlock).
    public func sealPlainReceipts() {
        ReceiptFiles.sealPlain(in: receiptsDirectory, store: store)
    }

    @discardableResult
    public func finishPendingReceipts() -> [String] {
        ReceiptFiles.finishPending(in: receiptsDirectory, store: store)
    }
}

/// Answers of background work, handed from its thread to the main one.
final class FinishedWork: @unchecked Sendable {
    enum Work {
        case prior(code: String, PriorServiceAnswer)
        case lookup(code: String, PriorServiceAnswer)
        /// A scan's progress, a scanned page, a file read from the picker.
        case document(DocumentWork)
    }

    private let lock = NSLock()
    private var done: [Work] = []
    private var running = 0

    var pending: Int { lock.withLock { running } }
    func start() { lock.withLock { running += 1 } }

    func finish(_ work: Work) {
        lock.withLock {
            done.append(work)
            running -= 1
        }
    }

    /// News from work still under way (a scan's progress).
    func post(_ work: Work) {
        lock.withLock { done.append(work) }
    }

    func take() -> [Work] {
        lock.withLock {
            defer { done = [] }
            return done
        }
    }
}

extension DraftRef {
    /// The UI's view of a draft row.
    public init(_ draft: Draft) {
        self.init(id: draft.id, resumeCode: draft.resumeCode, page: draft.page)
    }
}

extension DossierSummary {
    /// The receipt's view of a dossier row.
    public init(_ dossier: Dossier) {
        self.init(receiptNumber: dossier.receiptNumber, submissionID: dossier.submissionID,
                  officialCode: dossier.officialCode, dueDate: dossier.dueDate)
    }
}

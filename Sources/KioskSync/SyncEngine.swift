import Foundation
import KioskCore
import KioskStore

/// What one pass over the outbox did.
public struct SyncPass: Sendable, Equatable {
    public var accepted = 0
    public var needsAttention = 0
    public var remaining = 0
    /// Why the pass stopped early, if it did (offline, portal, busy server,
    /// or the station itself).
    public var stoppedBy: String?
    /// The station could not record what the server answered (a full
    /// disk): trying again at once would only send the same dossiers again.
    public var stoppedAtTheStation = false
    public var online = false
    /// The failure that stopped the pass, in the clerk's words (nil when
    /// nothing failed on the way to the server).
    public var problem: SyncProblem?
    /// The pass stopped on a 429, or on a 503 with Retry-After: nothing
    /// is sent before this time (Unix seconds).
    public var serverWaitUntil: Int?

    public init() {}
}

/// Drains the outbox, oldest first: documents, then the envelope. A dossier
/// is marked accepted only on the server's 201 with an official code; a
/// replay after a lost answer gets the same code, so nothing is sent twice
/// as two. Transient failures wait with exponential backoff and jitter
/// (a few seconds first, ten minutes at most) and keep the order; a
/// permanent refusal moves the dossier to "needs attention" with the
/// server's reasons.
public final class SyncEngine {
    let store: KioskStore
    let client: ProvincialClient
    let datasets: DatasetCatalog
    private var forms: [String: FormDefinition] = [:]
    /// Random numbers for the jitter (replaceable for tests).
    public var random: () -> Double = { Double.random(in: 0.5...1.0) }
    /// Sends the documents, resuming after cuts (its part size and retries replaceable for tests).
    public let documents: DocumentUploader

    public init(store: KioskStore, client: ProvincialClient, datasets: DatasetCatalog) {
        self.store = store
        self.client = client
        self.datasets = datasets
        documents = DocumentUploader(client: client)
    }

    /// The wait before attempt `attempts + 1`: 5 s, 10 s, 20 s, … up to 600 s,
    /// times a random factor in [0.5, 1].
    public func backoff(attempts: Int) -> Int {
        let base = min(600.0, 5.0 * pow(2.0, Double(min(attempts, 10))))
        return max(1, Int(base * random()))
    }

    public func runOnce(limit: Int = 500) -> SyncPass {
        var pass = SyncPass()
        let entries = (try? store.dueOutbox(limit: limit)) ?? []
        // While the server works on one dossier, the station records the
        // previous one's acceptance and reads and builds the next: the wire
        // still carries one request at a time, in order, but the station's
        // share of the time leaves the critical path.
        var next = entries.first.map(prepare)
        var unrecorded: (entry: OutboxEntry, acceptance: Acceptance)?
        for (i, entry) in entries.enumerated() {
            let upload = next ?? prepare(entry)
            next = nil
            let following = entries.indices.contains(i + 1) ? entries[i + 1] : nil
            let result = send(upload, triedBefore: entry.attempts > 0) {
                self.record(&unrecorded, in: &pass)
                if let following { next = self.prepare(following) }
            }
            // When the request never left, the overlapping work did not run.
            record(&unrecorded, in: &pass)
            // A dossier accepted but not recorded (the disk is full) is sent
            // again by a later pass and gets the same code.
            if pass.stoppedBy != nil { break }
            switch result {
            case .success(let acceptance):
                unrecorded = (entry, acceptance)
                pass.online = true
            case .failure(let error) where error.isPermanent:
                pass.online = true
                if case .refused(_, let reasons) = error {
                    try? store.markNeedsAttention(submissionID: entry.submissionID, reasons: reasons)
                } else {
                    try? store.markNeedsAttention(submissionID: entry.submissionID, reasons: error.summary)
                }
                pass.needsAttention += 1
            case .failure(let error):
                var wait = backoff(attempts: entry.attempts)
                if case .unavailable(let status, let retryAfter) = error, retryAfter != nil || status == 429 {
                    // The server says when to come back: that holds for the
                    // whole queue (below), not for this dossier alone.
                    wait = retryAfter.map { min(max($0, 1), 600) } ?? wait
                    pass.serverWaitUntil = store.timestamp + wait
                }
                try? store.recordAttempt(dossierID: entry.dossierID, error: error.summary,
                                         nextAttemptAt: store.timestamp + wait)
                pass.stoppedBy = error.summary
                pass.problem = error.problem(settings: client.settings, at: store.timestamp)
                if case .unavailable = error { pass.online = true }
            }
            if pass.stoppedBy != nil { break }
        }
        record(&unrecorded, in: &pass)
        if let until = pass.serverWaitUntil {
            // The server said how long to wait (429, or 503 with
            // Retry-After): the whole queue waits that long, no more.
            try? store.setOutboxDue(at: until)
        } else if pass.accepted > 0 {
            // The server takes dossiers again: what waits for its own backoff
            // (grown while requests failed) is due at once, not minutes later.
            try? store.setOutboxDue(at: store.timestamp)
        }
        // One full sync for the pass's acceptances (see markAccepted).
        if pass.accepted > 0 { try? store.flush() }
        // What the clerk sees: the failure that stopped the pass, or nothing
        // once the server took a dossier or refused one on its merits.
        if let problem = pass.problem {
            try? store.setSyncProblem(problem)
        } else if pass.accepted + pass.needsAttention > 0 {
            try? store.setSyncProblem(nil)
        }
        pass.remaining = (try? store.waitingCount()) ?? 0
        return pass
    }

    /// Records the server's acceptance of a dossier, if one is waiting.
    private func record(_ unrecorded: inout (entry: OutboxEntry, acceptance: Acceptance)?, in pass: inout SyncPass) {
        guard let (entry, acceptance) = unrecorded else { return }
        unrecorded = nil
        do {
            try store.markAccepted(submissionID: entry.submissionID, officialCode: acceptance.dossierCode, dueDate: acceptance.dueDate, durable: false)
            pass.accepted += 1
        } catch {
            pass.stoppedBy = error.userMessage.en
            pass.stoppedAtTheStation = true
        }
    }

    /// A dossier's sealed bytes, ready to send; or why it cannot be sent
    /// from this station.
    private struct PreparedUpload {
        var submissionID: String
        var sealed: SealedUpload
    }

    /// The bytes sealed when the dossier was finalized: read, never built
    /// again, so the worker needs neither the answers nor the station's
    /// keys. A dossier finalized before this version, or while no province
    /// key was configured, is built and sealed here once (then kept), and
    /// waits while there is no key: nothing is sent unsealed.
    private func prepare(_ entry: OutboxEntry) -> Result<PreparedUpload, SyncError> {
        do {
            if let sealed = try store.sealedUpload(dossierID: entry.dossierID) {
                return .success(PreparedUpload(submissionID: entry.submissionID, sealed: sealed))
            }
        } catch {
            return .failure(.refused(status: 0, reasons: "the dossier's upload cannot be read at the station"))
        }
        guard let key = client.settings.sealKey else { return .failure(.noSealKey) }
        // Sealing it now reads its answers: not without the data key (it waits, never refused).
        if store.isLocked { return .failure(.stationLocked) }
        guard let dossier = try? store.dossier(submissionID: entry.submissionID),
              let form = form(dossier.formID, dossier.formVersion) else {
            return .failure(.refused(status: 0, reasons: "the dossier or its form version cannot be read at the station"))
        }
        do {
            let sealed = try store.sealForUpload(dossierID: dossier.id, form: form, key: key,
                                                 stationID: client.settings.stationID, agencyCode: client.settings.agencyCode)
            return .success(PreparedUpload(submissionID: dossier.submissionID, sealed: sealed))
        } catch .file(let path, _) where path.hasPrefix(store.attachmentsPath) {
            return .failure(.refused(status: 0, reasons: "an attached file is missing or damaged; attach it again"))
        } catch {
            return .failure(.refused(status: 0, reasons: "the dossier cannot be read at the station"))
        }
    }

    /// Documents first, then the envelope, each as sealed; `whileWaiting`
    /// runs while the server works on the envelope. The envelope goes only
    /// once the server holds every document whole (`DocumentUploader`).
    /// `triedBefore`: an earlier pass tried this dossier (a cut may have left
    /// part of a document on the server: its offset is asked first).
    private func send(_ upload: Result<PreparedUpload, SyncError>, triedBefore: Bool,
                      whileWaiting: @escaping () -> Void) -> Result<Acceptance, SyncError> {
        upload.flatMap { upload in
            let key = upload.sealed.keyID
            for d in upload.sealed.documents {
                if case .failure(let e) = documents.upload(d, sealedTo: key, askOffset: triedBefore) { return .failure(e) }
            }
            return client.putDossier(submissionID: upload.submissionID, envelope: Data(upload.sealed.envelope), sealedTo: key,
                                     whileWaiting: whileWaiting)
        }
    }

    private func form(_ id: String, _ version: String) -> FormDefinition? {
        let key = id + "@" + version
        if let f = forms[key] { return f }
        guard let source = try? store.formSource(id: id, version: version) else { return nil }
        let f = FormLoader.load(bytes: source, file: key, datasets: datasets).0
        forms[key] = f
        return f
    }
}

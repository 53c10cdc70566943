import Foundation
import KioskCore
import KioskStore

/// What one pass over the outbox did.
public struct SyncPass: Sendable, Equatable {
    public var accepted = 0
    public var needsAttention = 0
    public var remaining = 0
    /// Why the pass stopped early, if it did (offline, portal, busy server).
    public var stoppedBy: String?
    public var online = false

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

    public init(store: KioskStore, client: ProvincialClient, datasets: DatasetCatalog) {
        self.store = store
        self.client = client
        self.datasets = datasets
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
        for entry in entries {
            switch upload(entry) {
            case .success(let acceptance):
                do {
                    try store.markAccepted(submissionID: entry.submissionID, officialCode: acceptance.dossierCode, dueDate: acceptance.dueDate, durable: false)
                    pass.accepted += 1
                    pass.online = true
                } catch {
                    pass.stoppedBy = error.userMessage.en
                    break
                }
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
                if case .unavailable(_, let retryAfter?) = error { wait = max(wait, min(retryAfter, 600)) }
                try? store.recordAttempt(dossierID: entry.dossierID, error: error.summary,
                                         nextAttemptAt: Int(store.now().timeIntervalSince1970) + wait)
                pass.stoppedBy = error.summary
                if case .unavailable = error { pass.online = true }
            }
            if pass.stoppedBy != nil { break }
        }
        // One full sync for the pass's acceptances (see markAccepted).
        if pass.accepted > 0 { try? store.flush() }
        pass.remaining = (try? store.waitingCount()) ?? 0
        return pass
    }

    private func upload(_ entry: OutboxEntry) -> Result<Acceptance, SyncError> {
        guard let dossier = try? store.dossier(submissionID: entry.submissionID),
              let form = form(dossier.formID, dossier.formVersion),
              let answers = try? store.dossierAnswers(id: dossier.id),
              let documents = try? store.dossierDocuments(id: dossier.id) else {
            return .failure(.refused(status: 0, reasons: "the dossier or its form version cannot be read at the station"))
        }
        for d in documents {
            guard case .file(let sha) = d.source else { continue }
            guard let bytes = try? store.documentBytes(sha256: sha) else {
                return .failure(.refused(status: 0, reasons: "\(d.component): the attached file is missing or damaged; attach it again"))
            }
            if case .failure(let e) = client.putDocument(sha256: sha, bytes: bytes) { return .failure(e) }
        }
        let envelope = Envelope.make(dossier: dossier, form: form, answers: answers, documents: documents, settings: client.settings)
        return client.putDossier(submissionID: dossier.submissionID, envelope: envelope)
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

import Foundation
import KioskCore
import KioskStore
import KioskSync
import KioskTestSupport

// Issue 15, section 4: what sealing costs. Uploads per second over https,
// sealed (what a station sends now) beside unsealed (the same dossiers as
// plain bodies, as before sealing), and finalizing with a 200 KB document
// with and without sealing.

/// The demonstration key the reference server opens with (see ReferenceServer).
let benchSealKey = SealKey(base64: ReferenceServer.demoSealPublicKey)!

/// The same kind of dossiers sent as plain bodies, the way the sync engine
/// did before sealing (its code, kept here as the baseline): each dossier's
/// envelope built from its rows when it comes up, the next one built and the
/// previous acceptance recorded while the server works, documents then the
/// envelope, one kept-alive connection, a health check first. Dossiers per
/// second.
func unsealedRate(store: KioskStore, form: FormDefinition, settings: SyncSettings) throws -> Double {
    func failure(_ e: SyncError) -> NSError { NSError(domain: "bench", code: 1, userInfo: [NSLocalizedDescriptionKey: e.summary]) }
    struct Upload { var id: String; var documents: [(String, [UInt8])]; var envelope: Data }
    func prepare(_ entry: OutboxEntry) throws -> Upload {
        let dossier = try unwrapped(try store.dossier(submissionID: entry.submissionID))
        let documents = try store.dossierDocuments(id: dossier.id)
        var files: [(String, [UInt8])] = []
        for d in documents { if case .file(let sha) = d.source { files.append((sha, try store.documentBytes(sha256: sha))) } }
        return Upload(id: dossier.submissionID, documents: files,
                      envelope: Envelope.make(dossier: dossier, form: form, answers: try store.dossierAnswers(id: dossier.id),
                                              documents: documents, settings: settings))
    }
    let entries = try store.dueOutbox(limit: 100_000)
    let client = ProvincialClient(settings: settings)
    let t = DispatchTime.now().uptimeNanoseconds
    if case .failure(let e) = client.health() { throw failure(e) }
    var next: Upload? = try entries.first.map(prepare)
    var unrecorded: (String, Acceptance)?
    for (i, _) in entries.enumerated() {
        let upload = try unwrapped(next, "the next dossier")
        next = nil
        for (sha, bytes) in upload.documents {
            if case .failure(let e) = client.putDocument(sha256: sha, bytes: bytes) { throw failure(e) }
        }
        let result = client.putDossier(submissionID: upload.id, envelope: upload.envelope) {
            if let (id, a) = unrecorded { try? store.markAccepted(submissionID: id, officialCode: a.dossierCode, dueDate: a.dueDate, durable: false) }
            unrecorded = nil
            if entries.indices.contains(i + 1) { next = try? prepare(entries[i + 1]) }
        }
        guard case .success(let acceptance) = result else { if case .failure(let e) = result { throw failure(e) }; break }
        if let (id, a) = unrecorded { try store.markAccepted(submissionID: id, officialCode: a.dossierCode, dueDate: a.dueDate, durable: false) }
        if next == nil, entries.indices.contains(i + 1) { next = try prepare(entries[i + 1]) }
        unrecorded = (upload.id, acceptance)
    }
    if let (id, a) = unrecorded { try store.markAccepted(submissionID: id, officialCode: a.dossierCode, dueDate: a.dueDate, durable: false) }
    try store.flush()
    return Double(entries.count) / (Double(DispatchTime.now().uptimeNanoseconds - t) / 1e9)
}

/// Finalizing a birth registration with a 200 KB document (a scan), `count`
/// times, sealed to `key` or not: p50 and p99 in ms, the full sync included.
func finalizeWithDocument(dir: String, name: String, form: FormDefinition, answers: [(name: String, raw: String)],
                          key: SealKey?, count: Int = 200) throws -> (p50: Double, p99: Double) {
    let store = try testStore(databasePath: dir + "/\(name).sqlite", attachmentsPath: dir + "/\(name)-attachments", stationID: "BENCH", retentionDays: 30)
    store.agencyCode = "000.00.13.H36"
    store.sealKey = key
    var state = FormState(form: form)
    state.load(answers: answers)
    var samples: [UInt64] = []
    for n in 0..<count {
        var scan = [UInt8](repeating: 0, count: 200_000)
        for i in stride(from: 0, to: scan.count, by: 64) { scan[i] = UInt8(truncatingIfNeeded: n &+ i) }
        let sha = try store.storeDocument(scan, mediaType: "application/pdf")
        var s = state
        s.set("doc_gcs", "file:\(sha)")
        let t = DispatchTime.now().uptimeNanoseconds
        _ = try store.finalize(form: form, state: s, draftID: nil)
        samples.append(DispatchTime.now().uptimeNanoseconds - t)
    }
    let p = percentiles(samples)
    return (p.p50 / 1e6, p.p99 / 1e6)
}

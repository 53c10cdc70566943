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

/// The same dossiers as `store`'s queue, sent as plain bodies over one
/// client: each `file` document, then the envelope, built beforehand (as the
/// engine builds the next while the server works, off the critical path).
/// Dossiers per second.
func unsealedRate(store: KioskStore, form: FormDefinition, settings: SyncSettings) throws -> Double {
    var uploads: [(id: String, documents: [(String, [UInt8])], envelope: Data)] = []
    for entry in try store.dueOutbox(limit: 100_000) {
        let dossier = try unwrapped(try store.dossier(submissionID: entry.submissionID))
        let documents = try store.dossierDocuments(id: dossier.id)
        var files: [(String, [UInt8])] = []
        for d in documents { if case .file(let sha) = d.source { files.append((sha, try store.documentBytes(sha256: sha))) } }
        uploads.append((dossier.submissionID, files, Envelope.make(dossier: dossier, form: form, answers: try store.dossierAnswers(id: dossier.id),
                                                                    documents: documents, settings: settings)))
    }
    let client = ProvincialClient(settings: settings)
    let t = DispatchTime.now().uptimeNanoseconds
    if case .failure(let e) = client.health() { throw NSError(domain: "bench", code: 1, userInfo: [NSLocalizedDescriptionKey: e.summary]) }
    for u in uploads {
        for (sha, bytes) in u.documents {
            if case .failure(let e) = client.putDocument(sha256: sha, bytes: bytes) { throw NSError(domain: "bench", code: 1, userInfo: [NSLocalizedDescriptionKey: e.summary]) }
        }
        if case .failure(let e) = client.putDossier(submissionID: u.id, envelope: u.envelope) {
            throw NSError(domain: "bench", code: 1, userInfo: [NSLocalizedDescriptionKey: e.summary])
        }
    }
    return Double(uploads.count) / (Double(DispatchTime.now().uptimeNanoseconds - t) / 1e9)
}

/// Finalizing a birth registration with a 200 KB document (a scan), `count`
/// times, sealed to `key` or not: p50 and p99 in ms, the full sync included.
func finalizeWithDocument(dir: String, name: String, form: FormDefinition, answers: [(name: String, raw: String)],
                          key: SealKey?, count: Int = 200) throws -> (p50: Double, p99: Double) {
    let store = try KioskStore(databasePath: dir + "/\(name).sqlite", attachmentsPath: dir + "/\(name)-attachments", stationID: "BENCH", retentionDays: 30)
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

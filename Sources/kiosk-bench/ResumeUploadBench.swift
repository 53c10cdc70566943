import Foundation
import KioskCore
import KioskStore
import KioskSync
import KioskTestSupport

/// Issue 18's figure: the bytes a station sends after its line drops at 90 %
/// of a 2 MB document (target: under 15 % of it). The station drains one
/// dossier with a 2 MB scan through Tools/provincial-server/cut_proxy.py,
/// which cuts the connection once 90 % of the sealed body has passed; the
/// proxy counts the body bytes it forwarded. The waits before a retry are
/// skipped (they cost time, not bytes).
func resumeUploadFigures(dir: String, form: FormDefinition, answers: [(name: String, raw: String)], datasets: DatasetCatalog) throws -> [Figure] {
    guard let server = ReferenceServer() else {
        FileHandle.standardError.write(Data("kiosk-bench: the reference server did not start; upload skipped\n".utf8))
        return []
    }
    defer { server.stop() }
    let store = try testStore(databasePath: dir + "/upload.sqlite", attachmentsPath: dir + "/upload-attachments", stationID: "BENCH", retentionDays: 30)
    store.agencyCode = "000.00.13.H36"
    store.sealKey = benchSealKey
    let size = 2 * 1024 * 1024
    // A scan does not compress: bytes of a fixed pseudo-random sequence.
    var x: UInt64 = 0x9E37_79B9_7F4A_7C15
    let document: [UInt8] = (0..<size).map { _ in
        x ^= x << 13; x ^= x >> 7; x ^= x << 17
        return UInt8(truncatingIfNeeded: x)
    }
    var state = FormState(form: form)
    state.load(answers: answers)
    state.set("doc_gcs", "file:\(try store.storeDocument(document, mediaType: "application/pdf"))")
    let dossier = try store.finalize(form: form, state: state, draftID: nil)
    guard let sealed = try store.sealedUpload(dossierID: dossier.id)?.documents.first else { throw BenchError("no sealed document") }
    let cut = sealed.body.count * 9 / 10
    guard let proxy = CutProxy(target: server.port, cutAfter: cut, dir: dir) else {
        FileHandle.standardError.write(Data("kiosk-bench: the cutting proxy (cut_proxy.py) did not start; upload skipped\n".utf8))
        return []
    }
    defer { proxy.stop() }
    var settings = server.settings
    settings.baseURL = URL(string: proxy.url)!
    settings.caFile = nil
    let engine = SyncEngine(store: store, client: ProvincialClient(settings: settings), datasets: datasets)
    engine.documents.sleep = { _ in }
    let t = DispatchTime.now().uptimeNanoseconds
    let pass = engine.runOnce()
    let ms = Double(DispatchTime.now().uptimeNanoseconds - t) / 1e6
    guard pass.accepted == 1, let stats = proxy.stats, stats.bodyBytesAtCuts == [cut] else {
        throw BenchError("the cut upload was not accepted: \(pass.stoppedBy ?? "no cut")")
    }
    let afterCut = stats.bodyBytes - cut
    let twice = stats.bodyBytes - sealed.body.count
    return [
        Figure(name: "upload: bytes sent after a cut at 90 % of a 2 MB document, % of it", value: 100 * Double(afterCut) / Double(size), unit: "%", target: 15),
        Figure(name: "upload: of which bytes sent twice", value: Double(twice), unit: "bytes", target: nil),
        Figure(name: "upload: 2 MB document cut at 90 %, to accepted (loopback, waits skipped)", value: ms, unit: "ms", target: nil),
    ]
}

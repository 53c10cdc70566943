import Foundation
import XCTest
import KioskCore
import KioskStore
@testable import KioskSync

/// Issue 18, "Upload on a bad line": a document's upload resumes where it
/// stopped. The line is Tools/provincial-server/cut_proxy.py between the
/// station and the reference server, cutting the connection in the middle
/// of a body; what it forwarded is what the figures count.
final class ResumableUploadTests: XCTestCase {
    private var dir = ""
    private var clock = Date(timeIntervalSince1970: 1_795_398_060)
    private let twoMB = 2 * 1024 * 1024

    override func setUpWithError() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/python3") else { throw XCTSkip("python3 is needed for the reference server") }
        dir = NSTemporaryDirectory() + "kiosk-resume-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: dir)
    }

    private func makeStore() throws -> KioskStore {
        let store = try testStore(databasePath: dir + "/kiosk.sqlite", attachmentsPath: dir + "/attachments", stationID: "LH-01", retentionDays: 30)
        store.now = { [unowned self] in self.clock }
        store.agencyCode = "000.00.13.H36"
        store.sealKey = SealKey(base64: ReferenceServer.demoSealPublicKey)
        return store
    }

    /// A scan-sized document that does not compress: bytes of a fixed pseudo-random sequence.
    private func document(_ size: Int) -> [UInt8] {
        var x: UInt64 = 0x9E37_79B9_7F4A_7C15
        return (0..<size).map { _ in
            x ^= x << 13; x ^= x >> 7; x ^= x << 17
            return UInt8(truncatingIfNeeded: x)
        }
    }

    /// The sample birth registration with `bytes` attached; returns the dossier and the document's hash.
    private func finalize(into store: KioskStore, bytes: [UInt8]) throws -> (Dossier, String) {
        let form = try XCTUnwrap(catalog.form(id: "dang-ky-khai-sinh"))
        let data = try Data(contentsOf: URL(fileURLWithPath: packageRoot + "/Tests/Fixtures/answers/dang-ky-khai-sinh.json"))
        var state = FormState(form: form, today: sampleToday)
        var answers = AnswerImport.read(Array(data), for: form).answers
        let sha = try store.storeDocument(bytes, mediaType: "application/pdf")
        answers.append(("doc_gcs", "file:\(sha)"))
        state.load(answers: answers)
        return (try store.finalize(form: form, state: state, draftID: nil), sha)
    }

    private func engine(_ store: KioskStore, _ url: String, _ server: ReferenceServer, waits: Locked<[Double]>? = nil) -> SyncEngine {
        var settings = server.settings
        settings.baseURL = URL(string: url)!
        let engine = SyncEngine(store: store, client: ProvincialClient(settings: settings), datasets: catalog.datasets)
        engine.random = { 1 }
        engine.documents.sleep = { seconds in waits?.value.append(seconds) }
        return engine
    }


    /// The server holds the document once, opened, and the dossier once; no part is left over.
    private func assertHeldOnce(_ server: ReferenceServer, sha: String, bytes: [UInt8], submissionID: String,
                                file: StaticString = #filePath, line: UInt = #line) throws {
        XCTAssertEqual(try server.query("SELECT count(*) FROM documents WHERE sha256 = '\(sha)'"), "1", file: file, line: line)
        XCTAssertEqual(FileManager.default.contents(atPath: server.dir + "/data/documents/" + sha).map(Array.init), bytes,
                       "stored whole, opened", file: file, line: line)
        XCTAssertEqual(try server.query("SELECT count(*) FROM dossiers"), "1", file: file, line: line)
        XCTAssertEqual(try server.query("SELECT count(*) FROM dossiers WHERE submission_id = '\(submissionID)'"), "1", file: file, line: line)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: server.dir + "/data/uploads"), [], "no part left", file: file, line: line)
    }

    func testACutAt90PercentOfA2MBDocumentCostsTheRestAndTheServerHoldsItOnce() throws {
        let server = try ReferenceServer.start()
        let store = try makeStore()
        let bytes = document(twoMB)
        let (dossier, sha) = try finalize(into: store, bytes: bytes)
        let sealedLength = try XCTUnwrap(try store.sealedUpload(dossierID: dossier.id)).documents[0].body.count
        let cut = sealedLength * 9 / 10
        let proxy = try XCTUnwrap(CutProxy(target: server.port, cutAfter: cut, dir: dir))
        let waits = Locked<[Double]>([])

        let pass = engine(store, proxy.url, server, waits: waits).runOnce()
        XCTAssertEqual(pass.accepted, 1, pass.stoppedBy ?? "")
        XCTAssertEqual(try store.dossier(submissionID: dossier.submissionID)?.status, .accepted)
        XCTAssertEqual(waits.value, [2], "one retry after the cut, within the pass, after its wait")

        let stats = try XCTUnwrap(proxy.stats)
        XCTAssertEqual(stats.bodyBytesAtCuts, [cut])
        let afterCut = stats.bodyBytes - cut
        XCTAssertGreaterThanOrEqual(afterCut, sealedLength - cut, "the rest had to go")
        XCTAssertLessThan(Double(afterCut), 0.15 * Double(twoMB), "bytes sent after the cut: \(afterCut)")
        try assertHeldOnce(server, sha: sha, bytes: bytes, submissionID: dossier.submissionID)
        // The envelope went once, after the document was complete.
        let paths = stats.requests.map(\.path)
        XCTAssertEqual(paths.filter { $0.hasPrefix("/api/v1/dossiers/") }.count, 1)
        XCTAssertTrue(paths.last?.hasPrefix("/api/v1/dossiers/") == true, "\(paths)")
    }

    func testAnUploadCutInOnePassGoesOnFromTheServersOffsetInTheNextAfterARestart() throws {
        let server = try ReferenceServer.start()
        let store = try makeStore()
        let bytes = document(twoMB)
        let (dossier, sha) = try finalize(into: store, bytes: bytes)
        let sealedLength = try XCTUnwrap(try store.sealedUpload(dossierID: dossier.id)).documents[0].body.count
        // Cut twice: once in the pass's first try, at 30 %, and once more in its only retry, at 60 %.
        let cut = sealedLength * 3 / 10
        let proxy = try XCTUnwrap(CutProxy(target: server.port, cutAfter: cut, cuts: 2, dir: dir))
        let first = engine(store, proxy.url, server)
        first.documents.retryDelays = [1]
        let pass = first.runOnce()
        XCTAssertEqual(pass.accepted, 0)
        XCTAssertNotNil(pass.stoppedBy)
        XCTAssertEqual(try store.dossier(submissionID: dossier.submissionID)?.status, .queued, "kept, waiting")
        let stats = try XCTUnwrap(proxy.stats)
        XCTAssertEqual(stats.cuts, 2)
        XCTAssertFalse(stats.requests.contains { $0.path.hasPrefix("/api/v1/dossiers/") }, "no envelope before its documents are complete")
        XCTAssertEqual(try server.query("SELECT count(*) FROM documents"), "0")

        // A restarted station (a new engine and client) later: it asks, and sends what is missing.
        clock = clock.addingTimeInterval(700)
        let sentBefore = stats.bodyBytes
        let next = engine(store, proxy.url, server).runOnce()
        XCTAssertEqual(next.accepted, 1, next.stoppedBy ?? "")
        let sentAfter = try XCTUnwrap(proxy.stats).bodyBytes - sentBefore
        XCTAssertEqual(sentAfter, sealedLength - 2 * cut, "only what the server did not hold")
        try assertHeldOnce(server, sha: sha, bytes: bytes, submissionID: dossier.submissionID)
        XCTAssertEqual(engine(store, server.url, server).runOnce().accepted, 0, "nothing left to send")
    }

    /// A small document (one part) cut in one pass: the next pass asks what
    /// the server holds first and sends only the rest, not the whole again.
    func testASmallDocumentCutInOnePassSendsOnlyTheRestInTheNext() throws {
        let server = try ReferenceServer.start()
        let store = try makeStore()
        let bytes = document(100_000)
        let (dossier, sha) = try finalize(into: store, bytes: bytes)
        let sealedLength = try XCTUnwrap(try store.sealedUpload(dossierID: dossier.id)).documents[0].body.count
        let cut = sealedLength / 2
        let proxy = try XCTUnwrap(CutProxy(target: server.port, cutAfter: cut, cuts: 1, dir: dir))
        let first = engine(store, proxy.url, server)
        first.documents.retryDelays = []  // no retry within the pass
        XCTAssertEqual(first.runOnce().accepted, 0)
        let sentBefore = try XCTUnwrap(proxy.stats).bodyBytes

        clock = clock.addingTimeInterval(700)
        let next = engine(store, proxy.url, server).runOnce()
        XCTAssertEqual(next.accepted, 1, next.stoppedBy ?? "")
        let stats = try XCTUnwrap(proxy.stats)
        XCTAssertEqual(stats.bodyBytes - sentBefore, sealedLength - cut, "only what the server did not hold")
        XCTAssertTrue(stats.requests.contains { $0.method == "HEAD" }, "the offset asked first: \(stats.requests.map(\.method))")
        try assertHeldOnce(server, sha: sha, bytes: bytes, submissionID: dossier.submissionID)
    }

    func testADocumentOverTheServersLimitNeedsAttentionWithASentenceAndNoEnvelope() throws {
        let server = try ReferenceServer.start(["--max-document-mb", "1"])
        let store = try makeStore()
        let (dossier, _) = try finalize(into: store, bytes: document(twoMB))
        let waits = Locked<[Double]>([])
        let pass = engine(store, server.url, server, waits: waits).runOnce()
        XCTAssertEqual(pass.needsAttention, 1)
        XCTAssertEqual(waits.value, [], "not tried again")
        XCTAssertEqual(try store.dossier(submissionID: dossier.submissionID)?.status, .needsAttention)
        let reason = try XCTUnwrap(try attentionNote(store))
        XCTAssertTrue(reason.contains("lớn hơn mức máy chủ tỉnh nhận (tối đa 1.0 MB)"), reason)
        XCTAssertTrue(reason.contains("larger than the provincial server accepts (at most 1.0 MB)"), reason)
        XCTAssertTrue(reason.contains("Scan it again at a lower resolution"), reason)
        XCTAssertEqual(try server.query("SELECT count(*) FROM dossiers"), "0")
    }

    func testADocumentThatDoesNotOpenNeedsAttentionWithASentence() throws {
        let server = try ReferenceServer.start()
        let store = try makeStore()
        let (dossier, sha) = try finalize(into: store, bytes: document(300_000))
        // The sealed document damaged at the station after it was sealed.
        try store.db.execute("UPDATE sealed_uploads SET body = zeroblob(length(body)) WHERE part = ?1", [.text(sha)])
        let pass = engine(store, server.url, server).runOnce()
        XCTAssertEqual(pass.needsAttention, 1, pass.stoppedBy ?? "")
        XCTAssertEqual(try store.dossier(submissionID: dossier.submissionID)?.status, .needsAttention)
        let reason = try XCTUnwrap(try attentionNote(store))
        XCTAssertTrue(reason.contains("Máy chủ tỉnh không nhận tệp đính kèm"), reason)
        XCTAssertTrue(reason.contains("Attach or scan it again"), reason)
        XCTAssertEqual(try server.query("SELECT count(*) FROM dossiers"), "0")
    }

    func testAServerWithoutResumableUploadsGetsTheDocumentWhole() throws {
        // An older server: no route for the new calls (a HEAD's answer has no body).
        let requests = Locked<[String]>([])
        let scripted = try ScriptedServer { peer, _ in
            while let (head, _) = peer.readRequest() {
                requests.value.append(String(head.prefix { $0 != "\r" }))
                if head.hasPrefix("PUT /api/v1/documents/") {
                    peer.answer(201, json: #"{"sha256":"x","size":1}"#)
                } else if head.hasPrefix("PUT /api/v1/dossiers/") {
                    let n = requests.value.filter { $0.hasPrefix("PUT /api/v1/dossiers/") }.count
                    peer.answer(201, json: #"{"MaHoSo":"000.00.13.H36-261123-000\#(n)","NgayTiepNhan":"20261123084100","NgayHenTra":"2026-11-24"}"#)
                } else if head.hasPrefix("HEAD ") {
                    peer.answer(404, json: "")
                } else {
                    peer.answer(404, json: #"{"error":"not_found","message":"Không có địa chỉ này.","details":[]}"#)
                }
            }
        }
        let store = try makeStore()
        _ = try finalize(into: store, bytes: document(400_000))
        clock = clock.addingTimeInterval(60)
        _ = try finalize(into: store, bytes: Array(document(1000).reversed()))
        let s = SyncSettings(baseURL: URL(string: "http://127.0.0.1:\(scripted.port)")!, token: "t", stationID: "LH-01",
                             agencyCode: "000.00.13.H36", timeout: 5, sealKey: SealKey(base64: ReferenceServer.demoSealPublicKey))
        let engine = SyncEngine(store: store, client: ProvincialClient(settings: s), datasets: catalog.datasets)
        let pass = engine.runOnce()
        XCTAssertEqual(pass.accepted, 2, pass.stoppedBy ?? "")
        XCTAssertTrue(engine.documents.wholeOnly)
        let methods = requests.value.map { String($0.prefix { $0 != " " }) + " " + ($0.contains("/uploads/") ? "upload" : $0.contains("/documents/") ? "document" : "dossier") }
        XCTAssertEqual(methods, ["HEAD upload", "PUT document", "PUT dossier", "PUT document", "PUT dossier"], "asked once, whole from then on")
    }

    func testAServerThatDoesNotAnswerStopsThePassAtOnce() throws {
        let server = try ReferenceServer.start()
        let closed = ClosedPort()
        let store = try makeStore()
        _ = try finalize(into: store, bytes: document(600_000))
        let waits = Locked<[Double]>([])
        let pass = engine(store, closed.url, server, waits: waits).runOnce()
        XCTAssertEqual(pass.accepted, 0)
        XCTAssertTrue(pass.stoppedBy?.hasPrefix("offline") == true, pass.stoppedBy ?? "")
        XCTAssertEqual(waits.value, [], "no retries within the pass: nothing answers")
    }

    func testABodyDamagedOnTheWayIsSentOnceMoreFromTheStart() throws {
        let requests = Locked<[String]>([])
        let scripted = try ScriptedServer { peer, _ in
            while let (head, _) = peer.readRequest() {
                requests.value.append(String(head.prefix { $0 != " " }))
                if head.hasPrefix("PATCH ") && requests.value.filter({ $0 == "PATCH" }).count == 1 {
                    peer.answer(422, json: #"{"error":"hash_mismatch","message":"…","details":[{"path":"bodySha256","message":"Mã băm của nội dung là 00."}]}"#)
                } else if head.hasPrefix("PATCH ") {
                    peer.answer(201, json: #"{"sha256":"x","size":1,"complete":true}"#)
                } else {
                    peer.answer(201, json: #"{"MaHoSo":"000.00.13.H36-261123-0001","NgayTiepNhan":"20261123084100","NgayHenTra":"2026-11-24"}"#)
                }
            }
        }
        let store = try makeStore()
        _ = try finalize(into: store, bytes: document(1000))
        let s = SyncSettings(baseURL: URL(string: "http://127.0.0.1:\(scripted.port)")!, token: "t", stationID: "LH-01",
                             agencyCode: "000.00.13.H36", timeout: 5, sealKey: SealKey(base64: ReferenceServer.demoSealPublicKey))
        let pass = SyncEngine(store: store, client: ProvincialClient(settings: s), datasets: catalog.datasets).runOnce()
        XCTAssertEqual(pass.accepted, 1, pass.stoppedBy ?? "")
        XCTAssertEqual(requests.value, ["PATCH", "PATCH", "PUT"])
    }

    func testAnEnvelopeTheServerFindsIncompleteWaitsAndItsDocumentsGoAgain() throws {
        // A server that lost the document: the envelope is answered 409 documents_incomplete.
        let requests = Locked<[String]>([])
        let scripted = try ScriptedServer { peer, _ in
            while let (head, _) = peer.readRequest() {
                requests.value.append(String(head.prefix { $0 != " " }))
                if head.hasPrefix("PATCH ") {
                    peer.answer(201, json: #"{"sha256":"x","size":1,"complete":true}"#)
                } else if head.hasPrefix("HEAD ") {
                    peer.answer(200, json: "", extraHeaders: "Upload-Offset: 0\r\n")  // it lost the document
                } else {
                    peer.answer(409, json: #"{"error":"documents_incomplete","message":"thiếu tệp","details":[{"path":"TaiLieuNop[0].Sha256","message":"chưa có"}],"missing":["x"]}"#)
                }
            }
        }
        let store = try makeStore()
        let (dossier, _) = try finalize(into: store, bytes: document(1000))
        let s = SyncSettings(baseURL: URL(string: "http://127.0.0.1:\(scripted.port)")!, token: "t", stationID: "LH-01",
                             agencyCode: "000.00.13.H36", timeout: 5, sealKey: SealKey(base64: ReferenceServer.demoSealPublicKey))
        let engine = SyncEngine(store: store, client: ProvincialClient(settings: s), datasets: catalog.datasets)
        let pass = engine.runOnce()
        XCTAssertEqual(pass.accepted + pass.needsAttention, 0)
        XCTAssertEqual(try store.dossier(submissionID: dossier.submissionID)?.status, .queued, "kept in the queue, not for a helper")
        XCTAssertEqual(pass.problem?.kind, .server)
        XCTAssertTrue(pass.problem?.message.en.contains("sends them again") == true, pass.problem?.message.en ?? "")
        clock = clock.addingTimeInterval(700)
        _ = engine.runOnce()
        XCTAssertEqual(requests.value, ["PATCH", "PUT", "HEAD", "PATCH", "PUT"], "what the server holds asked, the document again, then the envelope")
    }

    private func attentionNote(_ store: KioskStore) throws -> String? {
        try store.db.query("SELECT note FROM dossier_history WHERE status = 'needs_attention'") { s in s.string(0) ?? "" }.first
    }
}

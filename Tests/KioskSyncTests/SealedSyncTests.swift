import Foundation
import XCTest
import KioskCore
import KioskStore
@testable import KioskSync

/// Issue 15, section 4: only the province opens a finalized dossier. The
/// envelope and each document are sealed to the province's key when the
/// dossier is finalized; those bytes are what every try sends.
final class SealedSyncTests: XCTestCase {
    private var dir = ""
    private var clock = Date(timeIntervalSince1970: 1_795_398_060)
    private let demoKey = SealKey(base64: ReferenceServer.demoSealPublicKey)!
    private let demoSecret = Array(Data(base64Encoded: ReferenceServer.demoSealSecretKey)!)
    /// The sample's applicant (Tests/Fixtures/answers/dang-ky-khai-sinh.json).
    private let applicantName = "Trần Văn Hùng"
    private let applicantID = "068092004512"
    private let documentText = "Giấy chứng sinh của Trần Gia Bảo, số 068092004512"

    override func setUpWithError() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/python3") else { throw XCTSkip("python3 is needed for the reference server") }
        dir = NSTemporaryDirectory() + "kiosk-sealed-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: dir)
    }

    private func makeStore(sealKey: SealKey?) throws -> KioskStore {
        let store = try testStore(databasePath: dir + "/kiosk.sqlite", attachmentsPath: dir + "/attachments", stationID: "LH-01", retentionDays: 30)
        store.now = { [unowned self] in self.clock }
        store.agencyCode = "000.00.13.H36"
        store.sealKey = sealKey
        return store
    }

    /// The birth registration of the sample answers, with an attached document.
    private func finalize(into store: KioskStore) throws -> Dossier {
        let form = try XCTUnwrap(catalog.form(id: "dang-ky-khai-sinh"))
        let data = try Data(contentsOf: URL(fileURLWithPath: packageRoot + "/Tests/Fixtures/answers/dang-ky-khai-sinh.json"))
        var state = FormState(form: form, today: sampleToday)
        var answers = AnswerImport.read(Array(data), for: form).answers
        let sha = try store.storeDocument(Array(documentText.utf8), mediaType: "text/plain")
        answers.append(("doc_gcs", "file:\(sha)"))
        state.load(answers: answers)
        return try store.finalize(form: form, state: state, draftID: nil)
    }

    private func settings(_ server: ReferenceServer, key: SealKey?) -> SyncSettings {
        var s = server.settings
        s.sealKey = key
        return s
    }

    /// Every blob and text of the station's upload table, as bytes.
    private func uploadBytes(_ store: KioskStore) throws -> [[UInt8]] {
        try store.db.query("SELECT body FROM sealed_uploads") { s in s.blob(0) ?? [] }
    }

    func testASealedDossierAndItsDocumentArriveAndOpenAtTheProvince() throws {
        let server = try ReferenceServer.start()
        let store = try makeStore(sealKey: demoKey)
        let dossier = try finalize(into: store)

        // Stored at finalization, in the dossier's transaction: the envelope and the document.
        let sealed = try XCTUnwrap(try store.sealedUpload(dossierID: dossier.id), "sealed when finalized")
        XCTAssertEqual(sealed.keyID, demoKey.id)
        XCTAssertEqual(sealed.documents.count, 1)
        let envelope = try XCTUnwrap(SealKey.open(sealed.envelope, secretKey: demoSecret), "opens with the province's secret key")
        XCTAssertTrue(String(decoding: envelope, as: UTF8.self).contains(#""SubmissionId":"\#(dossier.submissionID)""#))
        let document = try XCTUnwrap(SealKey.open(sealed.documents[0].body, secretKey: demoSecret))
        XCTAssertEqual(document, Array(documentText.utf8))
        XCTAssertEqual(sealed.documents[0].sha256, Crypto.sha256(document), "named by the plain document's hash")

        // No plain personal data in what waits for upload.
        for body in try uploadBytes(store) {
            for secret in [applicantName, applicantID, "Trần Gia Bảo", VietnameseText.fold(applicantName)] {
                XCTAssertNil(body.firstRange(of: Array(secret.utf8)), "\(secret) in the stored upload bytes")
            }
        }

        // The worker sends them without the answers: even with the answers gone, it goes.
        try store.db.execute("DELETE FROM dossier_answers")
        let pass = SyncEngine(store: store, client: ProvincialClient(settings: settings(server, key: nil)), datasets: catalog.datasets).runOnce()
        XCTAssertEqual(pass.accepted, 1, pass.stoppedBy ?? "")
        let after = try XCTUnwrap(try store.dossier(submissionID: dossier.submissionID))
        XCTAssertEqual(after.status, .accepted)
        XCTAssertNil(try store.sealedUpload(dossierID: dossier.id), "dropped once accepted")

        // The province opened both: the envelope's answers and the document as the citizen gave them.
        let received = try serverEnvelope(server, submissionID: dossier.submissionID)
        XCTAssertTrue(received.contains(applicantName) && received.contains(applicantID), "opened at the province")
        let sha = Crypto.sha256(Array(documentText.utf8))
        XCTAssertTrue(received.contains(sha))
        XCTAssertEqual(FileManager.default.contents(atPath: server.dir + "/data/documents/" + sha).map(Array.init), Array(documentText.utf8))
    }

    func testEveryRetrySendsTheSameSealedBytes() throws {
        // A server that takes the bodies and answers 503 every time.
        let heads = Locked<[String]>([])
        let scripted = try ScriptedServer { peer, _ in
            while let (head, _) = peer.readRequest() {
                // A pass after a failed one asks what the server holds: nothing.
                if head.hasPrefix("HEAD ") {
                    peer.answer(200, json: "", extraHeaders: "Upload-Offset: 0\r\n")
                    continue
                }
                heads.value.append(head)
                peer.answer(503, json: #"{"error":"unavailable","message":"bận","details":[]}"#)
            }
        }
        let store = try makeStore(sealKey: demoKey)
        let dossier = try finalize(into: store)
        let s = SyncSettings(baseURL: URL(string: "http://127.0.0.1:\(scripted.port)")!, token: "t", stationID: "LH-01",
                             agencyCode: "000.00.13.H36", timeout: 5)
        let engine = SyncEngine(store: store, client: ProvincialClient(settings: s), datasets: catalog.datasets)
        for _ in 0..<3 {
            _ = engine.runOnce()
            clock = clock.addingTimeInterval(700)
        }
        // Each pass stops at the first 503: the document, three times.
        let bodies = scripted.receivedBodies.filter { !$0.isEmpty }  // not the HEADs'
        XCTAssertEqual(bodies.count, 3)
        XCTAssertEqual(Set(bodies.map { $0 }).count, 1, "the same bytes every time")
        // Parts of the sealed body (a resumable upload): the key named on each.
        XCTAssertTrue(heads.value.allSatisfy { $0.hasPrefix("PATCH /api/v1/documents/") && $0.lowercased().contains("content-type: application/offset+octet-stream") })
        XCTAssertTrue(heads.value.allSatisfy { $0.lowercased().contains("x-seal-key-id: \(demoKey.id)") })
        XCTAssertEqual(SealKey.open(bodies[0], secretKey: demoSecret), Array(documentText.utf8))

        // Now the documents are taken and the envelope refused for a while: the envelope too is resent as it was.
        let envelopes = Locked<[[UInt8]]>([])
        let second = try ScriptedServer { peer, _ in
            while let (head, body) = peer.readRequest() {
                if head.hasPrefix("HEAD ") {
                    peer.answer(200, json: "", extraHeaders: "Upload-Offset: 0\r\n")
                } else if head.contains("/api/v1/documents/") {
                    peer.answer(201, json: #"{"sha256":"x","size":1}"#)
                } else {
                    envelopes.value.append(body)
                    peer.answer(503, json: #"{"error":"unavailable","message":"bận","details":[]}"#)
                }
            }
        }
        let s2 = SyncSettings(baseURL: URL(string: "http://127.0.0.1:\(second.port)")!, token: "t", stationID: "OTHER",
                              agencyCode: "000.25.01.H22", timeout: 5)
        let engine2 = SyncEngine(store: store, client: ProvincialClient(settings: s2), datasets: catalog.datasets)
        for _ in 0..<3 {
            _ = engine2.runOnce()
            clock = clock.addingTimeInterval(700)
        }
        XCTAssertEqual(envelopes.value.count, 3)
        XCTAssertEqual(Set(envelopes.value).count, 1, "byte for byte, whatever kiosk.conf says now")
        XCTAssertEqual(envelopes.value[0], try XCTUnwrap(try store.sealedUpload(dossierID: dossier.id)).envelope)
    }

    func testADossierSealedToAKeyTheServerDoesNotHoldIsRefusedReadablyAndKept() throws {
        // The province's server holds another key (it lost, or rotated away, the demo key).
        let other = SealKey.makePair()
        let keyFile = dir + "/other.key"
        ReferenceServer.writeSealKey(Data(other.secretKey).base64EncodedString(), to: keyFile)
        let server = try ReferenceServer.start(["--seal-key", keyFile])
        let store = try makeStore(sealKey: demoKey)
        let dossier = try finalize(into: store)
        let pass = SyncEngine(store: store, client: ProvincialClient(settings: server.settings), datasets: catalog.datasets).runOnce()
        XCTAssertEqual(pass.needsAttention, 1)
        let after = try XCTUnwrap(try store.dossier(submissionID: dossier.submissionID))
        XCTAssertEqual(after.status, .needsAttention, "kept for a helper, not lost")
        let note = try XCTUnwrap(try store.history(dossierID: dossier.id).last?.note)
        XCTAssertTrue(note.contains(demoKey.id), note)
        XCTAssertTrue(note.contains("không giữ") && note.contains("does not hold"), "in both languages: \(note)")
        XCTAssertNotNil(try store.sealedUpload(dossierID: dossier.id), "the sealed bytes stay")
    }

    func testWithoutAKeyADossierWaitsAndIsSealedOnceAKeyIsSet() throws {
        let server = try ReferenceServer.start()
        // Finalized with no key (or by a kiosk older than sealing): no upload bytes.
        let store = try makeStore(sealKey: nil)
        let dossier = try finalize(into: store)
        XCTAssertNil(try store.sealedUpload(dossierID: dossier.id))
        XCTAssertEqual(try store.unsealedQueuedCount(), 1)

        let waiting = SyncEngine(store: store, client: ProvincialClient(settings: settings(server, key: nil)), datasets: catalog.datasets).runOnce()
        XCTAssertEqual(waiting.accepted, 0)
        XCTAssertEqual(waiting.problem?.message.en.contains("seal_public_key"), true, "the operator is told what to set")
        XCTAssertEqual(try store.dossier(submissionID: dossier.submissionID)?.status, .queued, "kept, not sent unsealed")
        XCTAssertTrue(try serverEnvelopeCount(server) == 0)

        clock = clock.addingTimeInterval(700)
        let sent = SyncEngine(store: store, client: ProvincialClient(settings: settings(server, key: demoKey)), datasets: catalog.datasets).runOnce()
        XCTAssertEqual(sent.accepted, 1, sent.stoppedBy ?? "")
        XCTAssertTrue(try serverEnvelope(server, submissionID: dossier.submissionID).contains(applicantName))
    }

    // MARK: The server's side

    private func serverEnvelope(_ server: ReferenceServer, submissionID: String) throws -> String {
        try server.query("SELECT canonical_json FROM dossiers WHERE submission_id = '\(submissionID)'")
    }

    private func serverEnvelopeCount(_ server: ReferenceServer) throws -> Int {
        Int(try server.query("SELECT count(*) FROM dossiers")) ?? -1
    }

    /// One value from the reference server's SQLite database, read with python3 (its WAL included).
}

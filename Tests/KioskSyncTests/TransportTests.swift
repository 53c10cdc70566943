import Foundation
import XCTest
import KioskCore
import KioskStore
@testable import KioskSync

/// The one transport under `ProvincialClient` (libcurl, kept alive), over
/// plain http to scripted servers and over https to the reference server.
final class TransportTests: XCTestCase {
    private func client(_ server: ScriptedServer, timeout: TimeInterval = 10) -> ProvincialClient {
        ProvincialClient(settings: SyncSettings(baseURL: URL(string: "http://127.0.0.1:\(server.port)")!, token: "t", stationID: "LH-01",
                                                agencyCode: "000.00.13.H36", timeout: timeout))
    }

    private let submission = "0b6c8a52-3d5e-4f7a-9c1e-2a4b6c8d0e1f"
    private let accepted = #"{"MaHoSo":"000.00.13.H36-260101-0001","NgayTiepNhan":"20260101080000","NgayHenTra":"2026-01-02"}"#
    private var envelope: Data { Data(#"{"SubmissionId":"\#(submission)","ChuHoSo":"Nguyễn Văn A"}"#.utf8) }

    func testKeepAliveUsesOneConnectionForManyRequests() throws {
        let server = try ScriptedServer { peer, _ in
            while let request = peer.readRequest() {
                if request.head.hasPrefix("PUT") {
                    peer.answer(201, json: #"{"MaHoSo":"000.00.13.H36-260101-0001","NgayTiepNhan":"20260101080000"}"#)
                } else {
                    peer.answer()
                }
            }
        }
        let client = client(server)
        for _ in 0..<5 {
            guard case .success = client.health() else { return XCTFail("health") }
            guard case .success = client.putDossier(submissionID: submission, envelope: envelope) else { return XCTFail("put") }
        }
        XCTAssertEqual(server.accepted, 1)
        XCTAssertEqual(client.connectionsOpened, 1)
        XCTAssertEqual(server.receivedBodies.filter { !$0.isEmpty }.count, 5)
        XCTAssertTrue(server.receivedBodies.filter { !$0.isEmpty }.allSatisfy { $0 == Array(envelope) })
    }

    func testRequestHeadIsWellFormed() throws {
        let heads = HeadBox()
        let server = try ScriptedServer { peer, _ in
            while let request = peer.readRequest() {
                heads.append(request.head)
                peer.answer(404, json: #"{"error":"not_found"}"#)
            }
        }
        let client = client(server)
        guard case .success(nil) = client.lookup(dossierCode: "000.00.13.H36-260101-0001", verify: "0912 345 678") else { return XCTFail("404 is unknown") }
        let head = try XCTUnwrap(heads.all.first)
        let lines = head.components(separatedBy: "\r\n")
        XCTAssertEqual(lines.first, "GET /api/v1/dossiers/000.00.13.H36-260101-0001?verify=0912%20345%20678 HTTP/1.1")
        XCTAssertTrue(lines.contains("Host: 127.0.0.1:\(server.port)"), head)
        XCTAssertTrue(lines.contains("Authorization: Bearer t"), head)
        XCTAssertTrue(lines.contains("X-Station-Id: LH-01"), head)
        XCTAssertFalse(lines.contains { $0.lowercased().hasPrefix("connection:") }, head)
    }

    /// A server whose first connection answers one request, then reads the
    /// next (a dossier it would store) and closes without answering, once
    /// `beforeDropping` has run; later connections answer dossiers with 201.
    private func losingTheFirstAnswer(beforeDropping: @escaping @Sendable () -> Void = {}) throws -> ScriptedServer {
        try ScriptedServer { [accepted] peer, number in
            if number == 0 {
                peer.readRequest()
                peer.answer()
                peer.readRequest()
                beforeDropping()
                return
            }
            peer.readRequest()
            peer.answer(201, json: accepted)
            while peer.readRequest() != nil {}
        }
    }

    func testAnswerLostOnAReusedConnectionIsSentOnceMoreWithItsBody() throws {
        let server = try losingTheFirstAnswer()
        let client = client(server)
        guard case .success = client.health() else { return XCTFail("health") }
        guard case .success(let acceptance) = client.putDossier(submissionID: submission, envelope: envelope) else { return XCTFail("the replay answers") }
        XCTAssertEqual(acceptance.dossierCode, "000.00.13.H36-260101-0001")
        XCTAssertEqual(server.accepted, 2)
        XCTAssertEqual(server.receivedBodies.suffix(2).map { Data($0) }, [envelope, envelope], "sent again with its body")
    }

    func testIdleConnectionClosedByTheServerIsReplaced() throws {
        let server = try ScriptedServer { [accepted] peer, _ in
            // One answer per connection, then closed without saying so.
            guard let request = peer.readRequest() else { return }
            if request.head.hasPrefix("PUT") {
                peer.answer(201, json: accepted)
            } else {
                peer.answer()
            }
        }
        let client = client(server)
        guard case .success = client.health() else { return XCTFail("health") }
        guard case .success = client.putDossier(submissionID: submission, envelope: envelope) else { return XCTFail("put on a new connection") }
        guard case .success = client.health() else { return XCTFail("health again") }
        XCTAssertEqual(server.accepted, 3)
        XCTAssertEqual(server.receivedBodies.map { Data($0) }.filter { !$0.isEmpty }, [envelope])
    }

    func testWorkWhileWaitingRunsOnceAfterTheRequestLeftAndBeforeTheAnswer() throws {
        let overlapped = DispatchSemaphore(value: 0)
        let waitedInVain = Locked(false)
        // The answer waits for the client's overlapping work, then is lost.
        let server = try losingTheFirstAnswer {
            if overlapped.wait(timeout: .now() + 10) == .timedOut { waitedInVain.value = true }
        }
        let client = client(server)
        guard case .success = client.health() else { return XCTFail("health") }
        var runs = 0
        let result = client.putDossier(submissionID: submission, envelope: envelope) {
            runs += 1
            overlapped.signal()
        }
        guard case .success(let acceptance) = result else { return XCTFail("the replay answers: \(result)") }
        XCTAssertEqual(acceptance.dossierCode, "000.00.13.H36-260101-0001")
        XCTAssertEqual(runs, 1, "once, though the request went twice")
        XCTAssertFalse(waitedInVain.value, "it ran before the answer was read")
        XCTAssertEqual(server.accepted, 2)

        // A request that never leaves does not run it.
        let closed = ClosedPort()
        let nobody = ProvincialClient(settings: SyncSettings(baseURL: URL(string: closed.url)!, token: "t",
                                                             stationID: "LH-01", agencyCode: "000.00.13.H36", timeout: 5))
        defer { withExtendedLifetime(closed) {} }
        var ranForNobody = false
        guard case .failure(.offline) = nobody.putDossier(submissionID: submission, envelope: envelope, whileWaiting: { ranForNobody = true }) else {
            return XCTFail("offline")
        }
        XCTAssertFalse(ranForNobody)
    }

    func testReplayedOnlyOnce() throws {
        let server = try ScriptedServer { peer, number in
            if number == 0 {
                peer.readRequest()
                peer.answer()
            }
            // Every later request is read and dropped unanswered.
            peer.readRequest()
        }
        let client = client(server)
        guard case .success = client.health() else { return XCTFail("health") }
        guard case .failure(.offline) = client.putDossier(submissionID: submission, envelope: envelope) else { return XCTFail("offline") }
        XCTAssertEqual(server.accepted, 2, "the first connection and one replay")
        // A fresh connection that loses the answer is not replayed: the outbox retries later.
        guard case .failure(.offline) = client.putDossier(submissionID: submission, envelope: envelope) else { return XCTFail("offline") }
        XCTAssertEqual(server.accepted, 3)
    }

    func testChunkedAnswer() throws {
        let server = try ScriptedServer { peer, _ in
            while peer.readRequest() != nil {
                peer.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
                peer.write("8;note=x\r\n{\"time\":\r\n")
                peer.write("10\r\n\"20260101080000\"\r\n")
                peer.write("1\r\n}\r\n0\r\nX-Trailer: yes\r\n\r\n")
            }
        }
        let client = client(server)
        guard case .success(let health) = client.health() else { return XCTFail("chunked") }
        XCTAssertEqual(health.time, "20260101080000")
        guard case .success = client.health() else { return XCTFail("chunked, again") }
        XCTAssertEqual(server.accepted, 1, "a chunked answer leaves the connection usable")
    }

    func testAnswerUntilCloseAndConnectionClose() throws {
        let server = try ScriptedServer { peer, number in
            guard peer.readRequest() != nil else { return }
            if number == 0 {
                // No length: the body ends with the connection.
                peer.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n{\"time\":\"20260101080000\"}")
                return
            }
            // The server says it closes, but leaves the socket open.
            peer.answer(extraHeaders: "Connection: close\r\n")
            peer.readRequest()
        }
        let client = client(server)
        guard case .success = client.health() else { return XCTFail("until close") }
        guard case .success = client.health() else { return XCTFail("Connection: close") }
        guard case .success = client.health() else { return XCTFail("a third connection") }
        XCTAssertEqual(server.accepted, 3)
    }

    func testClosedInTheMiddleOfTheHeadersIsOffline() throws {
        let server = try ScriptedServer { peer, number in
            guard peer.readRequest() != nil else { return }
            if number == 0 {
                peer.answer()
                guard peer.readRequest() != nil else { return }
            }
            peer.write("HTTP/1.1 200 OK\r\nContent-Ty")
        }
        let client = client(server)
        guard case .success = client.health() else { return XCTFail("health") }
        // On the reused connection: part of an answer came, so it is not sent again.
        let cut = client.health()
        guard case .failure(.offline(let why)) = cut else { return XCTFail("offline: \(cut)") }
        XCTAssertTrue(why.contains("headers"), why)
        XCTAssertEqual(server.accepted, 1)
        guard case .failure(.offline) = client.putDossier(submissionID: submission, envelope: envelope) else { return XCTFail("offline") }
        XCTAssertEqual(server.accepted, 2)
    }

    func testMalformedAndOversizedAnswersAreOffline() throws {
        let server = try ScriptedServer { peer, number in
            guard peer.readRequest() != nil else { return }
            switch number {
            case 0: peer.write("SSH-2.0-OpenSSH_9.2\r\n\r\n")
            case 1: peer.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 99999999999\r\n\r\n{}")
            case 2: peer.write("HTTP/1.1 200 OK\r\n" + String(repeating: "X-Padding: \(String(repeating: "a", count: 100))\r\n", count: 1000) + "\r\n")
            default: peer.write("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!")
            }
        }
        let client = client(server)
        for expected in ["not HTTP", "too large", "too large"] {
            let answer = client.health()
            guard case .failure(.offline(let why)) = answer else { return XCTFail("\(expected): \(answer)") }
            XCTAssertTrue(why.contains(expected), "\(expected): \(why)")
        }
        // Two lengths: libcurl takes one; the body then has no content type. Never a success.
        guard case .failure = client.health() else { return XCTFail("two Content-Lengths") }
    }

    func testHeaderNamesInAnyCaseAndErrorStatuses() throws {
        let server = try ScriptedServer { peer, _ in
            var n = 0
            while peer.readRequest() != nil {
                n += 1
                switch n {
                case 1: peer.write("HTTP/1.1 503 Busy\r\ncontent-type: application/json\r\nRETRY-AFTER:   7  \r\ncontent-length: 2\r\n\r\n{}")
                case 2: peer.write("HTTP/1.1 413 Too Large\r\nCONTENT-TYPE: application/json\r\nContent-Length: 17\r\n\r\n{\"limit\":1048576}")
                default: peer.write("HTTP/1.1 401 No\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}")
                }
            }
        }
        let client = client(server)
        XCTAssertEqual(client.putDossier(submissionID: submission, envelope: envelope).failure, .unavailable(status: 503, retryAfter: 7))
        XCTAssertEqual(client.putDocument(sha256: String(repeating: "b", count: 64), bytes: [1]).failure, .tooLarge(limit: 1_048_576))
        XCTAssertEqual(client.health().failure, .unauthorized)
        XCTAssertEqual(server.accepted, 1)
    }

    func testSilentServerTimesOut() throws {
        let server = try ScriptedServer { peer, _ in
            peer.readRequest()
            // Never answers; waits for the client to give up.
            peer.readRequest()
        }
        let client = client(server, timeout: 0.3)
        guard case .failure(.offline(let why)) = client.health() else { return XCTFail("offline") }
        XCTAssertTrue(why.contains("timed out"), why)
        XCTAssertEqual(server.accepted, 1, "a timeout is not replayed")
    }

    func testNothingListeningIsOffline() {
        let closed = ClosedPort()
        let client = ProvincialClient(settings: SyncSettings(baseURL: URL(string: closed.url)!, token: "t",
                                                             stationID: "LH-01", agencyCode: "000.00.13.H36", timeout: 5))
        guard case .failure(.offline) = client.health() else { return XCTFail("offline") }
        withExtendedLifetime(closed) {}
    }

    func testCaptivePortalPageIsRefused() throws {
        let server = try ScriptedServer { peer, _ in
            while peer.readRequest() != nil {
                let page = "<html><body>Login</body></html>"
                peer.write("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: \(page.utf8.count)\r\n\r\n\(page)")
            }
        }
        let client = client(server)
        guard case .failure(.notTheServer) = client.health() else { return XCTFail("health") }
        guard case .failure(.notTheServer) = client.putDossier(submissionID: submission, envelope: envelope) else { return XCTFail("put") }
        guard case .failure(.notTheServer) = client.putDocument(sha256: String(repeating: "a", count: 64), bytes: [1, 2, 3]) else { return XCTFail("document") }
    }

    /// A pass of `count` dossiers, each with a document, to the reference
    /// server (over https when `tls`, trusting its throw-away certificate
    /// through `ca_file`), then a lookup: all on one connection.
    private func passKeepsOneConnection(tls: Bool, count: Int, documentBytes: Int) throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/python3") else { throw XCTSkip("python3 is needed for the reference server") }
        let server = try ReferenceServer.start(tls: tls)
        XCTAssertEqual(server.url.hasPrefix("https://"), tls)
        let dir = NSTemporaryDirectory() + "kiosk-keepalive-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = try testStore(databasePath: dir + "/kiosk.sqlite", attachmentsPath: dir + "/attachments", stationID: "LH-01", retentionDays: 30)
        let form = try XCTUnwrap(catalog.form(id: "dang-ky-khai-sinh"))
        let data = try Data(contentsOf: URL(fileURLWithPath: packageRoot + "/Tests/Fixtures/answers/dang-ky-khai-sinh.json"))
        for n in 0..<count {
            var answers = AnswerImport.read(Array(data), for: form).answers
            let sha = try store.storeDocument(Array("giấy chứng sinh \(n)".utf8) + [UInt8](repeating: 0x20, count: documentBytes), mediaType: "application/pdf")
            answers.append(("doc_gcs", "file:\(sha)"))
            var state = FormState(form: form, today: sampleToday)
            state.load(answers: answers)
            _ = try store.finalize(form: form, state: state, draftID: nil)
        }
        let client = ProvincialClient(settings: server.settings)
        guard case .success = client.health() else { return XCTFail("health") }
        let pass = SyncEngine(store: store, client: client, datasets: catalog.datasets).runOnce()
        XCTAssertEqual(pass.accepted, count, pass.stoppedBy ?? "")
        let code = try XCTUnwrap(try store.db.query("SELECT official_code FROM dossiers LIMIT 1") { $0.string(0) }.first ?? nil)
        guard case .success(nil) = client.lookup(dossierCode: code, verify: "wrong") else { return XCTFail("a wrong verification finds nothing") }
        guard case .success(let found?) = client.lookup(dossierCode: code, verify: "068092004512") else { return XCTFail("the applicant finds it") }
        XCTAssertEqual(found.dossierCode, code)
        XCTAssertEqual(client.connectionsOpened, 1, "one connection for the health check, the pass and the lookups")
    }

    /// Against the reference server: one connection for a whole pass, and
    /// every answer checked as before.
    func testReferenceServerKeepsOneConnection() throws {
        try passKeepsOneConnection(tls: false, count: 20, documentBytes: 100_000)
    }

    /// https as a station talks it: the province's CA from `ca_file` (here a
    /// throw-away certificate made for this test), one TLS handshake for a
    /// whole pass with documents and the lookups after it.
    func testHTTPSKeepsOneVerifiedConnectionForAWholePass() throws {
        try passKeepsOneConnection(tls: true, count: 10, documentBytes: 50_000)
    }

    /// The reference server's --drop-after-body: the dossier stored, the
    /// answer lost. On a reused connection the replay brings the code at
    /// once; on a fresh one the outbox's next attempt does.
    func testReferenceServerDroppedAnswers() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/python3") else { throw XCTSkip("python3 is needed for the reference server") }
        let server = try ReferenceServer.start(["--drop-after-body", "1"])
        let first = UUID().uuidString.lowercased(), second = UUID().uuidString.lowercased()
        func envelope(_ id: String) -> Data {
            Data(#"{"SubmissionId":"\#(id)","MaTTHC":"1.001193","ChuHoSo":"Nguyễn Văn A","SoBienNhan":"X-1","TaiLieuNop":[]}"#.utf8)
        }
        let client = ProvincialClient(settings: server.settings)
        guard case .success = client.health() else { return XCTFail("health") }
        guard case .success(let a) = client.putDossier(submissionID: first, envelope: envelope(first)) else { return XCTFail("replayed on a new connection") }
        XCTAssertEqual(client.connectionsOpened, 2)

        let fresh = ProvincialClient(settings: server.settings)
        guard case .failure(.offline) = fresh.putDossier(submissionID: second, envelope: envelope(second)) else { return XCTFail("lost on a fresh connection") }
        XCTAssertEqual(fresh.connectionsOpened, 1, "not replayed")
        guard case .success(let b) = fresh.putDossier(submissionID: second, envelope: envelope(second)) else { return XCTFail("the next attempt") }
        guard case .success(let again) = fresh.putDossier(submissionID: second, envelope: envelope(second)) else { return XCTFail("a replay") }
        XCTAssertEqual(b, again, "the same code for the same dossier")
        XCTAssertNotEqual(a.dossierCode, b.dossierCode)
        let db = try Database(path: server.databasePath, mode: .readOnly)
        XCTAssertEqual(try db.scalar("SELECT count(*) FROM dossiers"), .integer(2))
    }

    func testReferenceServerCaptivePortalOverKeepAlive() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/python3") else { throw XCTSkip("python3 is needed for the reference server") }
        let server = try ReferenceServer.start(["--captive-portal"])
        let client = ProvincialClient(settings: server.settings)
        let id = UUID().uuidString.lowercased()
        for _ in 0..<3 {
            guard case .failure(.notTheServer) = client.health() else { return XCTFail("health") }
            guard case .failure(.notTheServer) = client.putDossier(submissionID: id, envelope: Data("{}".utf8)) else { return XCTFail("put") }
            guard case .failure(.notTheServer) = client.lookup(dossierCode: "000.00.13.H36-260101-0001", verify: "1") else { return XCTFail("lookup") }
        }
    }

    /// A certificate the station does not trust is a TLS failure (said to
    /// the clerk as such), never a success: without `ca_file` (only the
    /// system's CAs), and with the CA file of another server.
    func testHTTPSToAnUntrustedCertificateIsATLSFailure() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/python3") else { throw XCTSkip("python3 is needed for the reference server") }
        let server = try ReferenceServer.start(tls: true)
        let other = NSTemporaryDirectory() + "kiosk-otherca-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: other, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: other) }
        let otherCA = try XCTUnwrap(ReferenceServer.makeCertificate(in: other)).cert
        for caFile in [nil, otherCA] {
            var settings = server.settings
            settings.caFile = caFile
            let client = ProvincialClient(settings: settings)
            guard case .failure(.tls) = client.health() else { return XCTFail("untrusted (\(caFile ?? "system CAs")): \(client.health())") }
            let id = UUID().uuidString.lowercased()
            guard case .failure(.tls) = client.putDossier(submissionID: id, envelope: Data(#"{"SubmissionId":"\#(id)"}"#.utf8)) else {
                return XCTFail("nothing is sent")
            }
        }
        let db = try Database(path: server.databasePath, mode: .readOnly)
        XCTAssertEqual(try db.scalar("SELECT count(*) FROM dossiers"), .integer(0))
    }

    /// Over https too, a dossier stored whose answer was lost on a reused
    /// connection is sent once more, body and all, and gets its code.
    func testHTTPSDroppedAnswerOnAReusedConnectionIsSentAgain() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/python3") else { throw XCTSkip("python3 is needed for the reference server") }
        let server = try ReferenceServer.start(["--drop-after-body", "1"], tls: true)
        let id = UUID().uuidString.lowercased()
        let envelope = Data(#"{"SubmissionId":"\#(id)","MaTTHC":"1.001193","ChuHoSo":"Nguyễn Văn A","SoBienNhan":"X-1","TaiLieuNop":[]}"#.utf8)
        let client = ProvincialClient(settings: server.settings)
        guard case .success = client.health() else { return XCTFail("health") }
        guard case .success(let acceptance) = client.putDossier(submissionID: id, envelope: envelope) else { return XCTFail("replayed on a new connection") }
        XCTAssertEqual(client.connectionsOpened, 2)
        let db = try Database(path: server.databasePath, mode: .readOnly)
        XCTAssertEqual(try db.scalar("SELECT count(*) FROM dossiers"), .integer(1))
        XCTAssertEqual(try db.scalar("SELECT ma_ho_so FROM dossiers"), .text(acceptance.dossierCode))
    }

    func testReferenceServerWrongTokenIsUnauthorized() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/python3") else { throw XCTSkip("python3 is needed for the reference server") }
        let server = try ReferenceServer.start()
        var settings = server.settings
        settings.token = "wrong"
        let client = ProvincialClient(settings: settings)
        let id = UUID().uuidString.lowercased()
        // The server answers 401 without reading the body, and closes.
        guard case .failure(.unauthorized) = client.putDossier(submissionID: id, envelope: Data(#"{"SubmissionId":"\#(id)"}"#.utf8)) else { return XCTFail("401") }
        guard case .failure(.unauthorized) = client.health() else { return XCTFail("401 again") }
    }
}

private final class HeadBox: @unchecked Sendable {
    private let lock = NSLock()
    private var heads: [String] = []
    func append(_ head: String) { lock.withLock { heads.append(head) } }
    var all: [String] { lock.withLock { heads } }
}

private extension Result {
    var failure: Failure? {
        if case .failure(let e) = self { return e }
        return nil
    }
}

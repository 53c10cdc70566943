import Foundation
import XCTest
@_exported import KioskTestSupport
import KioskCore
import KioskStore
@testable import KioskSync


let catalog = FormCatalog.load(directory: packageRoot + "/Forms")

extension ReferenceServer {
    var settings: SyncSettings {
        SyncSettings(baseURL: URL(string: url)!, token: token, stationID: "LH-01", agencyCode: "000.00.13.H36", timeout: 10)
    }

    static func start(_ flags: [String] = []) throws -> ReferenceServer {
        guard let server = ReferenceServer(flags: flags) else { throw XCTSkip("the reference server did not start") }
        return server
    }
}

final class SyncTests: XCTestCase {
    private var dir = ""
    private var clock = Date(timeIntervalSince1970: 1_795_398_060)

    override func setUpWithError() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/python3") else { throw XCTSkip("python3 is needed for the reference server") }
        dir = NSTemporaryDirectory() + "kiosk-sync-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: dir)
    }

    private func makeStore() throws -> KioskStore {
        let store = try KioskStore(databasePath: dir + "/kiosk.sqlite", attachmentsPath: dir + "/attachments", stationID: "LH-01", retentionDays: 30)
        store.now = { [unowned self] in self.clock }
        return store
    }

    /// Finalizes `count` dossiers from the sample answers, every third with an attached document.
    private func finalize(_ count: Int, into store: KioskStore) throws -> [String] {
        let form = try XCTUnwrap(catalog.form(id: "dang-ky-khai-sinh"))
        let data = try Data(contentsOf: URL(fileURLWithPath: packageRoot + "/Tests/Fixtures/answers/dang-ky-khai-sinh.json"))
        var ids: [String] = []
        for n in 0..<count {
            var state = FormState(form: form)
            var answers = AnswerImport.read(Array(data), for: form).answers
            if n % 3 == 0 {
                let sha = try store.storeDocument(Array("giấy chứng sinh số \(n)".utf8), mediaType: "text/plain")
                answers.append(("doc_gcs", "file:\(sha)"))
            }
            state.load(answers: answers)
            ids.append(try store.finalize(form: form, state: state, draftID: nil).submissionID)
        }
        return ids
    }

    private func drain(_ engine: SyncEngine, _ store: KioskStore, maxPasses: Int = 5000) -> Int {
        var passes = 0
        while (try? store.waitingCount()) ?? 0 > 0 && passes < maxPasses {
            _ = engine.runOnce()
            // Time moves on: the next attempts become due.
            clock = clock.addingTimeInterval(700)
            passes += 1
        }
        return passes
    }

    func testEveryDossierArrivesExactlyOnceThroughFailuresAndDroppedAnswers() throws {
        let server = try ReferenceServer.start(["--fail-rate", "0.3", "--drop-after-body", "0.2"])
        let store = try makeStore()
        let count = 1000
        let ids = try finalize(count, into: store)
        let engine = SyncEngine(store: store, client: ProvincialClient(settings: server.settings), datasets: catalog.datasets)
        drain(engine, store)
        XCTAssertEqual(try store.waitingCount(), 0)
        XCTAssertEqual(try store.status().accepted, count)
        if let first = ids.first, let d = try store.dossier(submissionID: first), d.status != .accepted {
            XCTFail("refused: \(try store.history(dossierID: d.id))")
        }
        // Every dossier has its own official code, and the server knows each one.
        var codes: Set<String> = []
        for id in ids {
            let d = try XCTUnwrap(try store.dossier(submissionID: id))
            XCTAssertEqual(d.status, .accepted)
            codes.insert(try XCTUnwrap(d.officialCode))
        }
        XCTAssertEqual(codes.count, count, "no dossier twice, none lost")
        let db = try Database(path: server.dir + "/data/provincial.sqlite3", mode: .readOnly)
        let tables = try db.query("SELECT name FROM sqlite_master WHERE type = 'table'") { $0.string(0) ?? "" }
        let table = try XCTUnwrap(tables.first { $0.contains("dossier") && !$0.contains("history") && !$0.contains("seq") })
        XCTAssertEqual(try db.scalar("SELECT count(*) FROM \(table)"), .integer(Int64(count)), "exactly as many on the server")
    }

    func testAnAcceptanceTheStationCannotRecordIsSentAgainAndKeepsItsCode() throws {
        let server = try ReferenceServer.start()
        let store = try makeStore()
        let ids = try finalize(6, into: store)
        // The disk fills up after three acceptances are recorded.
        try store.db.execute("""
            CREATE TEMP TRIGGER disk_full BEFORE UPDATE OF status ON main.dossiers
            WHEN NEW.status = 'accepted' AND (SELECT count(*) FROM main.dossiers WHERE status = 'accepted') >= 3
            BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END
            """)
        let engine = SyncEngine(store: store, client: ProvincialClient(settings: server.settings), datasets: catalog.datasets)
        let first = engine.runOnce()
        XCTAssertEqual(first.accepted, 3)
        XCTAssertNotNil(first.stoppedBy, "the pass stops at the failure")
        XCTAssertTrue(first.stoppedAtTheStation, "the worker waits before trying again")
        XCTAssertEqual(try store.waitingCount(), 3, "what was not recorded stays queued")

        let db = try Database(path: server.dir + "/data/provincial.sqlite3", mode: .readOnly)
        let onServer = { () throws -> [String: String] in
            Dictionary(uniqueKeysWithValues: try db.query("SELECT submission_id, ma_ho_so FROM dossiers") { ($0.string(0) ?? "", $0.string(1) ?? "") })
        }
        let before = try onServer()
        XCTAssertGreaterThan(before.count, 3, "the server had accepted one the station could not record")

        try store.db.execute("DROP TRIGGER disk_full")
        clock = clock.addingTimeInterval(700)
        let second = engine.runOnce()
        XCTAssertNil(second.stoppedBy)
        XCTAssertFalse(second.stoppedAtTheStation)
        XCTAssertEqual(try store.waitingCount(), 0)
        let after = try onServer()
        XCTAssertEqual(after.count, 6, "none twice on the server")
        for id in ids {
            let code = try XCTUnwrap(try store.dossier(submissionID: id)?.officialCode)
            XCTAssertEqual(code, after[id])
            if let earlier = before[id] { XCTAssertEqual(code, earlier, "a replay keeps the code first given") }
        }
    }

    func testCaptivePortalSendsNothingAndServerDownKeepsTheQueue() throws {
        let store = try makeStore()
        _ = try finalize(3, into: store)
        let portal = try ReferenceServer.start(["--captive-portal"])
        let client = ProvincialClient(settings: portal.settings)
        guard case .failure(.notTheServer) = client.health() else { return XCTFail("a portal is not the server") }
        let pass = SyncEngine(store: store, client: client, datasets: catalog.datasets).runOnce()
        XCTAssertEqual(pass.accepted, 0)
        XCTAssertFalse(pass.online)
        XCTAssertEqual(try store.waitingCount(), 3)
        XCTAssertEqual(try store.status().accepted, 0, "nothing is marked sent")

        var settings = portal.settings
        settings.baseURL = URL(string: "http://127.0.0.1:\(ReferenceServer.freePort())")!
        let down = SyncEngine(store: store, client: ProvincialClient(settings: settings), datasets: catalog.datasets)
        clock = clock.addingTimeInterval(700)
        let offline = down.runOnce()
        XCTAssertEqual(offline.accepted, 0)
        XCTAssertNotNil(offline.stoppedBy)
        XCTAssertEqual(try store.waitingCount(), 3)
        let entry = try XCTUnwrap(try store.db.query("SELECT attempts, next_attempt_at FROM outbox ORDER BY enqueued_at LIMIT 1") { s in
            (attempts: s.int(0), nextAttemptAt: s.int(1))
        }.first)
        XCTAssertGreaterThan(entry.attempts, 0)
        XCTAssertGreaterThan(entry.nextAttemptAt, Int(clock.timeIntervalSince1970), "a later attempt is scheduled")
    }

    func testRefusalsNeedAttentionWithReadableReasons() throws {
        let server = try ReferenceServer.start()
        let store = try makeStore()
        let ids = try finalize(2, into: store)
        let client = ProvincialClient(settings: server.settings)
        // The same submission id with different content: 409.
        let dossier = try XCTUnwrap(try store.dossier(submissionID: ids[0]))
        let other = Data(#"{"SubmissionId":"\#(ids[0])","MaTTHC":"1.001193","ChuHoSo":"Khác","SoBienNhan":"X-1","TaiLieuNop":[]}"#.utf8)
        guard case .success = client.putDossier(submissionID: dossier.submissionID, envelope: other) else { return XCTFail("first put") }
        // A dossier the server finds invalid: 422.
        try store.db.execute("UPDATE dossiers SET receipt_number = '' WHERE submission_id = ?1", [.text(ids[1])])
        let pass = SyncEngine(store: store, client: client, datasets: catalog.datasets).runOnce()
        XCTAssertEqual(pass.needsAttention, 2)
        XCTAssertEqual(pass.accepted, 0)
        let history = try store.history(dossierID: dossier.id)
        XCTAssertEqual(try store.dossier(submissionID: ids[0])?.status, .needsAttention)
        XCTAssertFalse(history.last?.note.isEmpty ?? true, "the server's reason is kept: \(history)")
    }

    func testTokenFileMustBePrivateAndPlainHttpOnlyToThisMachine() throws {
        let tokenPath = dir + "/token"
        FileManager.default.createFile(atPath: tokenPath, contents: Data("secret".utf8), attributes: [.posixPermissions: 0o644])
        var config = KioskConfig(baseDirectory: dir)
        config.tokenFile = tokenPath
        guard case .failure(let p) = SyncSettings.from(config: config) else { return XCTFail("a readable token file is refused") }
        XCTAssertTrue(p.message.vi.contains("chmod 600"), p.message.vi)
        XCTAssertFalse(p.message.vi.contains("secret"))
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: tokenPath)
        guard case .success(let s) = SyncSettings.from(config: config) else { return XCTFail("a private token file is fine") }
        XCTAssertEqual(s.token, "secret")
        config.serverURL = "http://10.0.0.5:8088"
        guard case .failure = SyncSettings.from(config: config) else { return XCTFail("plain http to another machine is refused") }
    }
}

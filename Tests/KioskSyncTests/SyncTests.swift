import Foundation
import XCTest
@_exported import KioskTestSupport
import KioskCore
import KioskStore
@testable import KioskSync


let catalog = FormCatalog.load(directory: packageRoot + "/Forms")

/// The day the sample answers are filled on, whatever the machine's clock
/// says: a form's checks against today (a birth date not in the future)
/// give the same result on any day the suite runs.
let sampleToday = CalendarDate(year: 2026, month: 11, day: 23)

extension ReferenceServer {
    var settings: SyncSettings {
        SyncSettings(baseURL: URL(string: url)!, token: token, stationID: "LH-01", agencyCode: "000.00.13.H36", timeout: 10, caFile: caFile,
                     sealKey: SealKey(base64: ReferenceServer.demoSealPublicKey))
    }

    static func start(_ flags: [String] = [], tls: Bool = false) throws -> ReferenceServer {
        guard let server = ReferenceServer(flags: flags, tls: tls) else { throw XCTSkip("the reference server did not start") }
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
        let store = try testStore(databasePath: dir + "/kiosk.sqlite", attachmentsPath: dir + "/attachments", stationID: "LH-01", retentionDays: 30)
        store.now = { [unowned self] in self.clock }
        return store
    }

    /// Finalizes `count` dossiers from the sample answers, every third with an attached document.
    private func finalize(_ count: Int, into store: KioskStore) throws -> [String] {
        let form = try XCTUnwrap(catalog.form(id: "dang-ky-khai-sinh"))
        let data = try Data(contentsOf: URL(fileURLWithPath: packageRoot + "/Tests/Fixtures/answers/dang-ky-khai-sinh.json"))
        var ids: [String] = []
        for n in 0..<count {
            var state = FormState(form: form, today: sampleToday)
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
        let nobody = ClosedPort()
        defer { withExtendedLifetime(nobody) {} }
        settings.baseURL = URL(string: nobody.url)!
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

    // MARK: What a dossier sends is frozen when it is finalized

    func testARetryAfterTheAgencyCodeChangedGetsTheCodeAlreadyGiven() throws {
        let server = try ReferenceServer.start()
        let store = try makeStore()
        store.agencyCode = server.settings.agencyCode
        let id = try XCTUnwrap(try finalize(2, into: store).last)  // the second has no attached file
        let dossier = try XCTUnwrap(try store.dossier(submissionID: id))
        let form = try XCTUnwrap(catalog.form(id: dossier.formID))
        // The station sent it as kiosk.conf then said; the server stored it
        // and gave a code, and the answer was lost on the way back.
        let sent = Envelope.make(dossier: dossier, form: form, answers: try store.dossierAnswers(id: dossier.id),
                                 documents: try store.dossierDocuments(id: dossier.id), settings: server.settings)
        guard case .success(let lost) = ProvincialClient(settings: server.settings).putDossier(submissionID: id, envelope: sent) else {
            return XCTFail("the first upload")
        }
        // kiosk.conf gets another agency code (and station id) before the retry.
        var changed = server.settings
        changed.agencyCode = "000.25.01.H22"
        changed.stationID = "LH-02"
        let retry = SyncEngine(store: store, client: ProvincialClient(settings: changed), datasets: catalog.datasets).runOnce()
        XCTAssertEqual(retry.needsAttention, 0, "a replay, not a conflict")
        XCTAssertEqual(retry.accepted, 2, retry.stoppedBy ?? "")
        let after = try XCTUnwrap(try store.dossier(submissionID: id))
        XCTAssertEqual(after.status, .accepted)
        XCTAssertEqual(after.officialCode, lost.dossierCode, "the station records the code the server gave first")
    }

    func testTheEnvelopeOfAFinalizedDossierIgnoresTheCurrentSettings() throws {
        let store = try makeStore()
        store.agencyCode = "000.00.13.H36"
        let id = try XCTUnwrap(try finalize(1, into: store).first)
        let dossier = try XCTUnwrap(try store.dossier(submissionID: id))
        XCTAssertEqual(dossier.stationID, "LH-01")
        XCTAssertEqual(dossier.agencyCode, "000.00.13.H36")
        let form = try XCTUnwrap(catalog.form(id: dossier.formID))
        func envelope(_ station: String, _ agency: String) throws -> Data {
            let settings = SyncSettings(baseURL: URL(string: "http://127.0.0.1:1")!, token: "t", stationID: station, agencyCode: agency, timeout: 1)
            return Envelope.make(dossier: dossier, form: form, answers: try store.dossierAnswers(id: dossier.id),
                                 documents: try store.dossierDocuments(id: dossier.id), settings: settings)
        }
        let before = try envelope("LH-01", "000.00.13.H36")
        XCTAssertEqual(try envelope("OTHER-9", "000.25.01.H22"), before, "byte for byte")
        XCTAssertTrue(String(decoding: before, as: UTF8.self).contains(#""AgencyCode":"000.00.13.H36""#))
    }

    // MARK: The queue moves as soon as the server takes dossiers again

    func testAnAcceptanceMakesTheRestOfTheQueueDueAtOnce() throws {
        let server = try ReferenceServer.start()
        let store = try makeStore()
        let ids = try finalize(2, into: store)
        // The first dossier failed many times while the server was failing:
        // its own backoff put it ten minutes away.
        let first = try XCTUnwrap(try store.dossier(submissionID: ids[0]))
        try store.recordAttempt(dossierID: first.id, error: "503: unavailable", nextAttemptAt: Int(clock.timeIntervalSince1970) + 600)
        let pass = SyncEngine(store: store, client: ProvincialClient(settings: server.settings), datasets: catalog.datasets).runOnce()
        XCTAssertEqual(pass.accepted, 1, "the second went")
        XCTAssertEqual(try store.dueOutbox().map(\.submissionID), [ids[0]], "the first is due again now, not in ten minutes")
    }

    func testTheWaitTheServerAsksForHoldsTheQueueNoLonger() throws {
        // Half the requests get 503 with Retry-After (seeded: the same each run).
        let server = try ReferenceServer.start(["--fail-rate", "0.5"])
        let store = try makeStore()
        _ = try finalize(30, into: store)
        let engine = SyncEngine(store: store, client: ProvincialClient(settings: server.settings), datasets: catalog.datasets)
        var seen = false
        for _ in 0..<60 where !seen {
            // Every earlier wait (at most ten minutes) is over before each pass.
            clock = clock.addingTimeInterval(700)
            let pass = engine.runOnce()
            guard pass.accepted > 0, let until = pass.serverWaitUntil else { continue }
            seen = true
            // The server said when to come back: an acceptance earlier in the
            // pass does not cut that short, and nothing else goes before it…
            XCTAssertEqual(until, Int(clock.timeIntervalSince1970) + 1, "Retry-After: 1")
            XCTAssertEqual(try store.dueOutbox(limit: 1000).count, 0)
            // …and the whole queue goes then, not after its own backoffs.
            let saved = clock
            clock = Date(timeIntervalSince1970: TimeInterval(until))
            XCTAssertEqual(try store.dueOutbox(limit: 1000).count, try store.waitingCount())
            clock = saved
        }
        XCTAssertTrue(seen, "a pass that got a dossier accepted and then a 503 with Retry-After")
    }

    func testWithHalfTheRequestsFailingNoDossierWaitsMinutes() throws {
        let server = try ReferenceServer.start(["--fail-rate", "0.5"])
        let store = try makeStore()
        _ = try finalize(40, into: store)
        let engine = SyncEngine(store: store, client: ProvincialClient(settings: server.settings), datasets: catalog.datasets)
        engine.random = { 1.0 }
        // The worker's rhythm while the server answers and work waits: a pass every 2 s.
        let start = clock
        var passes = 0
        while try store.waitingCount() > 0 && passes < 600 {
            _ = engine.runOnce()
            clock = clock.addingTimeInterval(2)
            passes += 1
        }
        XCTAssertEqual(try store.status().accepted, 40)
        // Each dossier's own backoff (5 s, 10 s, 20 s, … 10 min) would keep
        // the unlucky ones waiting for minutes while the others go through.
        XCTAssertLessThan(clock.timeIntervalSince(start), 400, "all 40 within minutes, not tens of minutes, of the station's time (\(passes) passes)")
    }

    // MARK: Why nothing gets through, for the clerk

    func testTheLastFailureIsRecordedInWordsAndClearedWhenTheServerTakesADossier() throws {
        let server = try ReferenceServer.start()
        let store = try makeStore()
        _ = try finalize(2, into: store)
        var settings = server.settings
        settings.token = "a-token-the-server-does-not-know"
        _ = SyncEngine(store: store, client: ProvincialClient(settings: settings), datasets: catalog.datasets).runOnce()
        let problem = try XCTUnwrap(try store.syncProblem())
        XCTAssertEqual(problem.kind, .station)
        XCTAssertTrue(problem.message.vi.contains("401") && problem.message.vi.contains("token_file"), problem.message.vi)
        XCTAssertFalse(problem.message.vi.contains(settings.token) || problem.message.en.contains(settings.token), "never the token")
        XCTAssertEqual(try store.status().syncProblem, problem, "kiosk status shows it")

        let nobody = ClosedPort()
        defer { withExtendedLifetime(nobody) {} }
        settings.baseURL = URL(string: nobody.url)!
        settings.token = server.token
        clock = clock.addingTimeInterval(700)
        _ = SyncEngine(store: store, client: ProvincialClient(settings: settings), datasets: catalog.datasets).runOnce()
        XCTAssertEqual(try store.syncProblem()?.kind, .offline)

        clock = clock.addingTimeInterval(700)
        _ = SyncEngine(store: store, client: ProvincialClient(settings: server.settings), datasets: catalog.datasets).runOnce()
        XCTAssertNil(try store.syncProblem(), "gone once the server took a dossier")
    }
}

import Foundation
import XCTest
import KioskCore
import KioskStore
import KioskTestSupport

/// `kiosk sync` and its worker against the reference server on 127.0.0.1.
final class SyncCommandTests: XCTestCase {
    private var dir = ""

    override func setUpWithError() throws {
        dir = NSTemporaryDirectory() + "kiosk-synccmd-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: dir)
    }

    private func finalize(_ count: Int) throws {
        let catalog = FormCatalog.load(directory: packageRoot + "/Forms")
        let form = try XCTUnwrap(catalog.form(id: "dang-ky-khai-sinh"))
        let data = try Data(contentsOf: URL(fileURLWithPath: packageRoot + "/Tests/Fixtures/answers/dang-ky-khai-sinh.json"))
        var state = FormState(form: form)
        state.load(answers: AnswerImport.read(Array(data), for: form).answers)
        let store = try KioskStore(databasePath: dir + "/kiosk.sqlite", attachmentsPath: dir + "/attachments", stationID: "LH-01", retentionDays: 30)
        for _ in 0..<count { _ = try store.finalize(form: form, state: state, draftID: nil) }
    }

    func testKilledMidUploadResumesWithoutDuplicates() throws {
        guard let server = ReferenceServer(flags: ["--latency-ms", "40"]) else { throw XCTSkip("the reference server did not start") }
        let conf = try writeStationConfig(server, dir: dir)
        try finalize(30)
        let worker = try XCTUnwrap(builtExecutable("kiosk-sync", near: Bundle(for: SyncCommandTests.self)))

        // Killed with SIGKILL while uploading (40 ms per answer: about ten are through).
        let p = Process()
        p.executableURL = worker
        p.arguments = ["--config", conf, "once"]
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        usleep(500_000)
        kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
        let store = try KioskStore(databasePath: dir + "/kiosk.sqlite", attachmentsPath: dir + "/attachments", stationID: "LH-01", retentionDays: 30)
        let afterKill = try store.status()
        XCTAssertGreaterThan(afterKill.queued, 0, "killed before the end")
        XCTAssertEqual(try store.db.integrityCheck(), "ok")

        // Started again: the queue resumes and nothing arrives twice.
        let again = try runKiosk(["--config", conf, "sync"])
        XCTAssertEqual(again.status, 0, again.stdout + again.stderr)
        XCTAssertTrue(again.stdout.contains("còn chờ 0"), again.stdout)
        let status = try store.status()
        XCTAssertEqual(status.accepted, 30)
        XCTAssertEqual(status.queued, 0)
        let codes = try store.db.query("SELECT official_code FROM dossiers") { $0.string(0) ?? "" }
        XCTAssertEqual(Set(codes).count, 30)
        let remote = try Database(path: server.databasePath, mode: .readOnly)
        let tables = try remote.query("SELECT name FROM sqlite_master WHERE type = 'table'") { $0.string(0) ?? "" }
        let table = try XCTUnwrap(tables.first { $0.contains("dossier") && !$0.contains("history") && !$0.contains("seq") })
        XCTAssertEqual(try remote.scalar("SELECT count(*) FROM \(table)"), .integer(30), "exactly 30 on the server")
    }

    func testSyncExitsThreeWhileDossiersWaitAndTheServerIsDown() throws {
        guard let server = ReferenceServer() else { throw XCTSkip("the reference server did not start") }
        let conf = try writeStationConfig(server, dir: dir)
        try finalize(2)
        // The server stops: the dossiers stay queued, and the exit code says so.
        withExtendedLifetime(server) {}
        let downPort = ReferenceServer.freePort()
        let text = try String(contentsOfFile: conf, encoding: .utf8).replacingOccurrences(of: server.url, with: "http://127.0.0.1:\(downPort)")
        try text.write(toFile: conf, atomically: true, encoding: .utf8)
        let r = try runKiosk(["--config", conf, "sync"])
        XCTAssertEqual(r.status, 3, r.stdout + r.stderr)
        XCTAssertTrue(r.stdout.contains("còn chờ 2"), r.stdout)
    }

    private func openStore() throws -> KioskStore {
        try KioskStore(databasePath: dir + "/kiosk.sqlite", attachmentsPath: dir + "/attachments", stationID: "LH-01", retentionDays: 30)
    }

    func testSyncExitsFourWhileADossierNeedsAttention() throws {
        guard let server = ReferenceServer() else { throw XCTSkip("the reference server did not start") }
        let conf = try writeStationConfig(server, dir: dir)
        try finalize(2)
        // The server refuses one (an earlier dossier code that is not one: 422).
        try openStore().db.execute("UPDATE dossiers SET earlier_codes = 'NOT-A-CODE' WHERE id = (SELECT min(id) FROM dossiers)")
        let r = try runKiosk(["--config", conf, "sync"])
        XCTAssertEqual(r.status, 4, r.stdout + r.stderr)
        XCTAssertTrue(r.stdout.contains("cần xử lý 1") && r.stdout.contains("còn chờ 0"), r.stdout)
        // Nothing is left to send, but a helper must still act: cron sees it on every run.
        let again = try runKiosk(["--config", conf, "sync"])
        XCTAssertEqual(again.status, 4, again.stdout + again.stderr)
        let help = try runKiosk(["--help"])
        XCTAssertTrue(help.stdout.contains("4 when a dossier needs"), help.stdout)
    }

    func testSyncNowSendsWhatWaitsForItsBackoff() throws {
        guard let server = ReferenceServer() else { throw XCTSkip("the reference server did not start") }
        let conf = try writeStationConfig(server, dir: dir)
        try finalize(1)
        // Failed attempts put it ten minutes away.
        try openStore().db.execute("UPDATE outbox SET attempts = 7, next_attempt_at = next_attempt_at + 100000")
        let waiting = try runKiosk(["--config", conf, "sync"])
        XCTAssertEqual(waiting.status, 3, waiting.stdout + waiting.stderr)
        XCTAssertTrue(waiting.stdout.contains("còn chờ 1"), waiting.stdout)
        let now = try runKiosk(["--config", conf, "sync", "--now"])
        XCTAssertEqual(now.status, 0, now.stdout + now.stderr)
        XCTAssertTrue(now.stdout.contains("đã gửi 1"), now.stdout)
    }

    func testABrokenTokenFileIsToldWhereTheClerkLooks() throws {
        guard let server = ReferenceServer() else { throw XCTSkip("the reference server did not start") }
        let conf = try writeStationConfig(server, dir: dir)
        try finalize(1)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: dir + "/token")
        // The upload worker the kiosk starts beside its screen fails on it…
        let worker = try XCTUnwrap(builtExecutable("kiosk-sync", near: Bundle(for: SyncCommandTests.self)))
        let p = Process()
        p.executableURL = worker
        p.arguments = ["--config", conf, "watch"]
        p.standardInput = Pipe()
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        XCTAssertNotEqual(p.terminationStatus, 0)
        // …and says why, where kiosk status (and the kiosk's screen) read it.
        let status = try runKiosk(["--config", conf, "status"])
        XCTAssertTrue(status.stdout.contains("Lỗi gửi gần nhất") && status.stdout.contains("chmod 600 \(dir)/token"), status.stdout)
        let json = try runKiosk(["--config", conf, "status", "--json"])
        XCTAssertTrue(json.stdout.contains(#""kind":"station""#), json.stdout)
        XCTAssertFalse(json.stdout.contains(server.token), "never the token")
        // Fixed: the next pass clears it.
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: dir + "/token")
        XCTAssertEqual(try runKiosk(["--config", conf, "sync"]).status, 0)
        XCTAssertFalse(try runKiosk(["--config", conf, "status"]).stdout.contains("Lỗi gửi gần nhất"))
    }
}

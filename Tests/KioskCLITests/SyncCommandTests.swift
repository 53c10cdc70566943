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
}

import Foundation
import XCTest
import KioskCore
import KioskRuntime
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

    private func finalize(_ count: Int, in given: KioskStore? = nil) throws {
        let catalog = FormCatalog.load(directory: packageRoot + "/Forms")
        let form = try XCTUnwrap(catalog.form(id: "dang-ky-khai-sinh"))
        let data = try Data(contentsOf: URL(fileURLWithPath: packageRoot + "/Tests/Fixtures/answers/dang-ky-khai-sinh.json"))
        var state = FormState(form: form, today: sampleToday)
        state.load(answers: AnswerImport.read(Array(data), for: form).answers)
        let store = try given ?? testStore(databasePath: dir + "/kiosk.sqlite", attachmentsPath: dir + "/attachments", stationID: "LH-01", retentionDays: 30)
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
        let store = try testStore(databasePath: dir + "/kiosk.sqlite", attachmentsPath: dir + "/attachments", stationID: "LH-01", retentionDays: 30)
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

    /// A station without a key file: `kiosk sync` (locked) sends what was
    /// sealed at finalization, keeps a dossier that still has to be sealed
    /// from its answers (saying the station is locked) and marks none
    /// refused; the kiosk's own worker, handed the data key through its pipe
    /// once unlocked, seals and sends that one too.
    func testTheWorkerGetsTheKeyThroughItsPipeAndALockedSyncSendsAndRefusesNothing() throws {
        guard let server = ReferenceServer() else { throw XCTSkip("the reference server did not start") }
        let withKey = try writeStationConfig(server, dir: dir)
        let conf = dir + "/locked.conf"
        let text = try String(contentsOfFile: withKey, encoding: .utf8)
        try text.split(separator: "\n").filter { !$0.contains("[security]") && !$0.contains("key_file") }.joined(separator: "\n")
            .write(toFile: conf, atomically: true, encoding: .utf8)
        let store = try openStore()
        store.agencyCode = "000.00.13.H36"  // as kiosk.conf says (writeStationConfig)
        store.sealKey = try XCTUnwrap(SealKey(base64: ReferenceServer.demoSealPublicKey))
        try finalize(1, in: store)  // sealed at finalization
        store.sealKey = nil
        try finalize(1, in: store)  // no province key at hand then: not sealed yet
        let locked = try runKiosk(["--config", conf, "--lang", "en", "sync"])
        XCTAssertEqual(locked.status, 3, locked.stdout + locked.stderr)
        XCTAssertTrue(locked.stderr.contains("The station is locked"), locked.stderr)
        XCTAssertEqual(try store.status().accepted, 1, "the sealed one went, with no key at all")
        XCTAssertEqual(try store.status().queued, 1, "the other waits, not refused")
        XCTAssertEqual(try store.status().needsAttention, 0)

        guard siblingExecutable("kiosk-sync") != nil else { throw XCTSkip("kiosk-sync is not built beside the tests") }
        let supervisor = SyncWorkerSupervisor(config: try KioskConfig.load(path: conf).0, key: store.unlockedKey)
        defer { supervisor.stop() }
        let deadline = Date().addingTimeInterval(20)
        while (try store.status().accepted) < 2 && Date() < deadline { usleep(100_000) }
        XCTAssertEqual(try store.status().accepted, 2, "sealed and sent by the worker with the key it was handed")
    }

    func testSyncExitsThreeWhileDossiersWaitAndTheServerIsDown() throws {
        guard let server = ReferenceServer() else { throw XCTSkip("the reference server did not start") }
        let conf = try writeStationConfig(server, dir: dir)
        try finalize(2)
        // The server stops: the dossiers stay queued, and the exit code says so.
        server.stop()
        XCTAssertFalse(ReferenceServer.connects(server.port), "the server is down")
        let r = try runKiosk(["--config", conf, "sync"])
        XCTAssertEqual(r.status, 3, r.stdout + r.stderr)
        XCTAssertTrue(r.stdout.contains("còn chờ 2"), r.stdout)
    }

    private func openStore() throws -> KioskStore {
        try testStore(databasePath: dir + "/kiosk.sqlite", attachmentsPath: dir + "/attachments", stationID: "LH-01", retentionDays: 30)
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

    /// A station as in a province: https, its CA in `[server] ca_file`. The
    /// dossiers go and the lookup answers from the server; a CA file that
    /// cannot be read is a setting to fix, said where the clerk looks.
    func testSyncAndLookupOverHTTPSWithTheProvincesCA() throws {
        guard let server = ReferenceServer(tls: true) else { throw XCTSkip("the reference server did not start with TLS (python3, openssl)") }
        let conf = try writeStationConfig(server, dir: dir)
        try finalize(2)
        let sync = try runKiosk(["--config", conf, "sync"])
        XCTAssertEqual(sync.status, 0, sync.stdout + sync.stderr)
        XCTAssertTrue(sync.stdout.contains("đã gửi 2"), sync.stdout)
        let code = try XCTUnwrap(try openStore().db.query("SELECT official_code FROM dossiers") { $0.string(0) }.first ?? nil)
        let lookup = try runKiosk(["--config", conf, "lookup", code], stdin: "068092004512\n")
        XCTAssertEqual(lookup.status, 0, lookup.stdout + lookup.stderr)
        XCTAssertTrue(lookup.stdout.contains("(theo hệ thống tỉnh)") && lookup.stdout.contains("Được tiếp nhận"), lookup.stdout)

        let text = try String(contentsOfFile: conf, encoding: .utf8).replacingOccurrences(of: "ca_file = \(server.caFile!)", with: "ca_file = \(dir)/missing.pem")
        try text.write(toFile: conf, atomically: true, encoding: .utf8)
        try finalize(1)
        let broken = try runKiosk(["--config", conf, "sync"])
        XCTAssertEqual(broken.status, 1, broken.stdout + broken.stderr)
        XCTAssertTrue(broken.stderr.contains("\(dir)/missing.pem") && broken.stderr.contains("ca_file"), broken.stderr)
        XCTAssertTrue(try runKiosk(["--config", conf, "status"]).stdout.contains("ca_file"))
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

    /// `kiosk lookup CODE` reads the verification from standard input (a
    /// script's pipe) and finds the dossier at the reference server; the old
    /// `--verify ID` is refused, saying why.
    func testAnOfflineLookupReadsAReadOnlyStore() throws {
        guard let server = ReferenceServer() else { throw XCTSkip("the reference server did not start") }
        let conf = try writeStationConfig(server, dir: dir)
        try finalize(1)
        XCTAssertEqual(try runKiosk(["--config", conf, "sync"]).status, 0)
        let code = try XCTUnwrap(try openStore().db.query("SELECT official_code FROM dossiers") { $0.string(0) }.first ?? nil)
        // The server is gone and the store may only be read.
        server.stop()
        XCTAssertFalse(ReferenceServer.connects(server.port), "the server is down")
        try FileManager.default.setAttributes([.posixPermissions: 0o400], ofItemAtPath: dir + "/kiosk.sqlite")
        let before = try Data(contentsOf: URL(fileURLWithPath: dir + "/kiosk.sqlite"))
        let r = try runKiosk(["--config", conf, "lookup", code], stdin: "068092004512\n")
        XCTAssertEqual(r.status, 0, r.stdout + r.stderr)
        XCTAssertTrue(r.stdout.contains("(ngoại tuyến: theo dữ liệu tại trạm)"), r.stdout)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: dir + "/kiosk.sqlite")), before, "only read")
    }

    /// The temporary receipt number, the only number on a receipt printed
    /// offline, is taken wherever a dossier code is: the station answers from
    /// its own dossier until the server has given the official code, then the
    /// server is asked with that code.
    func testLookupTakesTheReceiptNumber() throws {
        guard let server = ReferenceServer() else { throw XCTSkip("the reference server did not start") }
        let conf = try writeStationConfig(server, dir: dir)
        try finalize(1)
        let number = try XCTUnwrap(try openStore().db.query("SELECT receipt_number FROM dossiers") { $0.string(0) }.first ?? nil)
        let queued = try runKiosk(["--config", conf, "lookup", number.lowercased()], stdin: "068092004512\n")
        XCTAssertEqual(queued.status, 0, queued.stdout + queued.stderr)
        XCTAssertFalse(queued.stderr.contains("Phần đầu"), queued.stderr)
        XCTAssertTrue(queued.stdout.contains("Mã hồ sơ:   chưa có"), queued.stdout)
        XCTAssertTrue(queued.stdout.contains("chờ gửi lên hệ thống tỉnh"), queued.stdout)
        let wrong = try runKiosk(["--config", conf, "lookup", number], stdin: "068092004599\n")
        XCTAssertEqual(wrong.status, 1, wrong.stdout + wrong.stderr)

        XCTAssertEqual(try runKiosk(["--config", conf, "sync"]).status, 0)
        let code = try XCTUnwrap(try openStore().db.query("SELECT official_code FROM dossiers") { $0.string(0) }.first ?? nil)
        let accepted = try runKiosk(["--config", conf, "lookup", number], stdin: "068092004512\n")
        XCTAssertEqual(accepted.status, 0, accepted.stdout + accepted.stderr)
        XCTAssertTrue(accepted.stdout.contains("Mã hồ sơ:   \(code)"), accepted.stdout)
        XCTAssertTrue(accepted.stdout.contains("Tình trạng: Được tiếp nhận"), "words, never the number: \(accepted.stdout)")
        XCTAssertTrue(accepted.stdout.contains("(theo hệ thống tỉnh)"), accepted.stdout)
    }

    func testLookupReadsTheVerificationFromStandardInput() throws {
        guard let server = ReferenceServer() else { throw XCTSkip("the reference server did not start") }
        let conf = try writeStationConfig(server, dir: dir)
        try finalize(1)
        let sync = try runKiosk(["--config", conf, "sync"])
        XCTAssertEqual(sync.status, 0, sync.stdout + sync.stderr)
        let store = try testStore(databasePath: dir + "/kiosk.sqlite", attachmentsPath: dir + "/attachments", stationID: "LH-01", retentionDays: 30)
        let code = try XCTUnwrap(try store.db.query("SELECT official_code FROM dossiers") { $0.string(0) }.first ?? nil)

        let found = try runKiosk(["--config", conf, "lookup", code], stdin: "068092004512\n")
        XCTAssertEqual(found.status, 0, found.stdout + found.stderr)
        XCTAssertTrue(found.stdout.contains("Mã hồ sơ:   \(code)"), found.stdout)
        XCTAssertTrue(found.stdout.contains("(theo hệ thống tỉnh)"), found.stdout)
        XCTAssertFalse(found.stdout.contains("068092004512"), found.stdout)

        let wrong = try runKiosk(["--config", conf, "lookup", code], stdin: "068092004599\n")
        XCTAssertEqual(wrong.status, 1, wrong.stdout + wrong.stderr)
        XCTAssertTrue(wrong.stdout.contains("Không tìm thấy hồ sơ với mã và thông tin xác minh này."), wrong.stdout)

        let none = try runKiosk(["--config", conf, "--lang", "en", "lookup", code], stdin: "")
        XCTAssertEqual(none.status, 1, none.stdout + none.stderr)
        XCTAssertTrue(none.stderr.contains("no verification"), none.stderr)

        for old in [["lookup", code, "--verify", "068092004512"], ["lookup", code, "--verify=068092004512"]] {
            let r = try runKiosk(["--config", conf, "--lang", "en"] + old)
            XCTAssertEqual(r.status, 2, r.stdout + r.stderr)
            XCTAssertTrue(r.stderr.contains("--verify is no longer accepted"), r.stderr)
            XCTAssertTrue(r.stderr.contains("ps"), "says why: \(r.stderr)")
        }
        // kiosk-sync refuses it too.
        let worker = try XCTUnwrap(builtExecutable("kiosk-sync", near: Bundle(for: SyncCommandTests.self)))
        let p = Process()
        p.executableURL = worker
        p.arguments = ["--config", conf, "lookup", code, "--verify", "068092004512"]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        p.standardInput = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        XCTAssertEqual(p.terminationStatus, 2)
    }

    /// While `kiosk lookup` waits for the server, the id number is on no
    /// process's command line (/proc/*/cmdline, what `ps` shows every user),
    /// yet it reaches the server: kiosk-sync got it on its standard input.
    func testTheIdNumberIsOnNoCommandLineWhileTheLookupRuns() throws {
        let id = "068092004512"
        let server = try StallingServer()
        _ = FileManager.default.createFile(atPath: dir + "/token", contents: Data("t".utf8), attributes: [.posixPermissions: 0o600])
        try """
        [server]
        url = http://127.0.0.1:\(server.port)
        token_file = \(dir)/token
        timeout_seconds = 30
        [storage]
        database = \(dir)/kiosk.sqlite
        attachments = \(dir)/attachments
        [security]
        key_file = \(writeTestKeyFile(dir + "/test.key"))
        [forms]
        directory = \(packageRoot)/Forms
        """.write(toFile: dir + "/k.conf", atomically: true, encoding: .utf8)

        let p = Process()
        p.executableURL = kioskExecutable
        p.arguments = ["--config", dir + "/k.conf", "lookup", "000.00.13.H36-261120-0007"]
        let input = Pipe(), output = Pipe()
        p.standardInput = input
        p.standardOutput = output
        p.standardError = output
        try p.run()
        try input.fileHandleForWriting.write(contentsOf: Data((id + "\n").utf8))
        try input.fileHandleForWriting.close()

        // The request arrives and is held: kiosk and kiosk-sync are running.
        let request = server.acceptAndRead(timeout: 20)
        XCTAssertTrue(request.contains("verify=\(id)"), "the verification reached the server: \(request)")
        var lookups: [[String]] = []
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] where Int(entry) != nil {
            guard let data = FileManager.default.contents(atPath: "/proc/\(entry)/cmdline"), !data.isEmpty else { continue }
            // NUL-terminated arguments.
            let args = data.dropLast().split(separator: 0, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
            XCTAssertFalse(args.joined(separator: " ").contains(id), "process \(entry) shows the id number: \(args)")
            if args.contains("lookup") { lookups.append(args) }
        }
        let sync = try XCTUnwrap(lookups.first { ($0.first ?? "").hasSuffix("kiosk-sync") }, "kiosk-sync runs: \(lookups)")
        XCTAssertEqual(Array(sync.dropFirst()), ["--config", dir + "/k.conf", "--lang", "vi", "lookup", "000.00.13.H36-261120-0007"])
        server.close()
        p.waitUntilExit()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        // Offline now, and this station has no such dossier.
        XCTAssertEqual(p.terminationStatus, 1, text)
        XCTAssertFalse(text.contains(id), text)
    }
}

/// A server on 127.0.0.1 that takes one connection, reads the request and
/// answers nothing until it is closed: a lookup stays in flight meanwhile.
final class StallingServer {
    let port: Int
    private var listener: Int32
    private var connection: Int32 = -1

    init() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = 0
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) } }
        guard bound == 0, listen(fd, 4) == 0 else { Glibc.close(fd); throw XCTSkip("cannot listen on 127.0.0.1") }
        _ = withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) } }
        listener = fd
        port = Int(UInt16(bigEndian: addr.sin_port))
    }

    deinit { close() }

    /// Waits for a connection and reads its request head ("" if none came).
    func acceptAndRead(timeout: TimeInterval) -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var fds = pollfd(fd: listener, events: Int16(POLLIN), revents: 0)
        guard poll(&fds, 1, Int32(timeout * 1000)) == 1 else { return "" }
        connection = accept(listener, nil, nil)
        guard connection >= 0 else { return "" }
        var received = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while Date() < deadline, !String(decoding: received, as: UTF8.self).contains("\r\n\r\n") {
            var c = pollfd(fd: connection, events: Int16(POLLIN), revents: 0)
            guard poll(&c, 1, 200) >= 0 else { break }
            if c.revents == 0 { continue }
            let n = read(connection, &buffer, buffer.count)
            if n <= 0 { break }
            received += buffer[0..<n]
        }
        return String(decoding: received, as: UTF8.self)
    }

    /// Closes the connection and stops listening: the client finds it gone.
    func close() {
        if connection >= 0 { Glibc.close(connection); connection = -1 }
        if listener >= 0 { Glibc.close(listener); listener = -1 }
    }
}

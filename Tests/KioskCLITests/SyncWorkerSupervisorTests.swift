import Foundation
import XCTest
import KioskCore
import KioskTestSupport
@testable import kiosk
import KioskRuntime

/// The kiosk's upload worker (`kiosk-sync watch`, the real one beside the
/// test binary) keeps being started again when it ends, with growing waits.
final class SyncWorkerSupervisorTests: XCTestCase {
    func testAWorkerThatKeepsEndingIsStartedAgainAfterGrowingWaits() throws {
        let dir = NSTemporaryDirectory() + "kiosk-supervisor-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // No token file: the worker exits at once, every time.
        try """
        [server]
        token_file = \(dir)/missing-token
        [storage]
        database = \(dir)/kiosk.sqlite
        attachments = \(dir)/attachments
        [security]
        key_file = \(writeTestKeyFile(dir + "/test.key"))
        """.write(toFile: dir + "/k.conf", atomically: true, encoding: .utf8)
        let config = try KioskConfig.load(path: dir + "/k.conf").0
        guard siblingExecutable("kiosk-sync") != nil else { throw XCTSkip("kiosk-sync is not built beside the tests") }

        let supervisor = SyncWorkerSupervisor(config: config)
        defer { supervisor.stop() }
        let t0 = ProcessInfo.processInfo.systemUptime
        XCTAssertEqual(supervisor.starts, 1, "started with the kiosk")
        func waitUntilEnded() {
            let deadline = Date().addingTimeInterval(20)
            while supervisor.isRunning && Date() < deadline { usleep(20_000) }
            XCTAssertFalse(supervisor.isRunning, "the worker without a token ends")
        }
        // (The times below are what the supervisor is told, not waited for.)
        waitUntilEnded()
        supervisor.check(now: t0 + 1)   // seen ended: 5 s from now
        supervisor.check(now: t0 + 5.9)
        XCTAssertEqual(supervisor.starts, 1)
        supervisor.check(now: t0 + 6)
        XCTAssertEqual(supervisor.starts, 2)
        waitUntilEnded()
        supervisor.check(now: t0 + 7)   // 10 s this time
        supervisor.check(now: t0 + 16.9)
        XCTAssertEqual(supervisor.starts, 2)
        supervisor.check(now: t0 + 17)
        XCTAssertEqual(supervisor.starts, 3)
        waitUntilEnded()
        // This one "ran" two minutes: the wait is short again.
        supervisor.check(now: t0 + 137)
        supervisor.check(now: t0 + 141.9)
        XCTAssertEqual(supervisor.starts, 3)
        supervisor.check(now: t0 + 142)
        XCTAssertEqual(supervisor.starts, 4)
    }
}

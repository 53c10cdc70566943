import Foundation
import XCTest
import KioskCore
import KioskTestSupport

/// `server.py` with arguments (its province commands: enroll-code,
/// make-sign-key, sign-bundle, revoke-station); its output.
@discardableResult
func provinceCommand(_ args: [String]) throws -> KioskOutput {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = ["python3", packageRoot + "/Tools/provincial-server/server.py"] + args
    let out = Pipe(), err = Pipe()
    p.standardOutput = out
    p.standardError = err
    try p.run()
    let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return KioskOutput(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
}

/// `kiosk enroll URL CODE` against the reference server on 127.0.0.1: the
/// code exchanged once for the station's id, token and the province's keys,
/// written where the station reads them; every fault said in words, with
/// nothing written.
final class EnrolmentCommandTests: XCTestCase {
    private var dir = ""

    override func setUpWithError() throws {
        dir = NSTemporaryDirectory() + "kiosk-enrol-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: dir)
    }

    /// A station that has never been enrolled: no token, the default
    /// enrolment file (var/enrolment.conf beside its kiosk.conf).
    private func bareConfig() throws -> String {
        let path = dir + "/kiosk.conf"
        try """
        [station]
        id = KIOSK-01
        [server]
        token_file = var/station.token
        [storage]
        database = var/kiosk.sqlite
        attachments = var/attachments
        [security]
        key_file = \(writeTestKeyFile(dir + "/test.key"))
        [forms]
        directory = \(packageRoot)/Forms
        """.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    private func mintCode(_ server: ReferenceServer, _ extra: [String] = []) throws -> String {
        let minted = try provinceCommand(["enroll-code", "--data", server.dir + "/data", "--agency", "000.00.00.H22"] + extra)
        XCTAssertEqual(minted.status, 0, minted.stderr)
        return minted.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func testEnrolOnceThenTheStationUploadsWithItsOwnToken() throws {
        let signKey = dir + "/sign.key"
        let made = try provinceCommand(["make-sign-key", signKey])
        XCTAssertEqual(made.status, 0, made.stderr)
        let signPublic = made.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let server = ReferenceServer(flags: ["--sign-public-key", signKey + ".pub"]) else { throw XCTSkip("the reference server did not start") }
        let conf = try bareConfig()
        let code = try mintCode(server)

        let enrolled = try runKiosk(["--config", conf, "--lang", "en", "enroll", server.url, code.lowercased()])
        XCTAssertEqual(enrolled.status, 0, enrolled.stdout + enrolled.stderr)
        XCTAssertTrue(enrolled.stdout.contains("Station enrolled: H22-0001 (000.00.00.H22)"), enrolled.stdout)
        let tokenPath = dir + "/var/station.token"
        let mode = try XCTUnwrap(FileManager.default.attributesOfItem(atPath: tokenPath)[.posixPermissions] as? NSNumber).intValue
        XCTAssertEqual(mode & 0o777, 0o600)
        let (config, _) = try KioskConfig.load(path: conf)
        XCTAssertEqual(config.stationID, "H22-0001")
        XCTAssertEqual(config.agencyCode, "000.00.00.H22")
        XCTAssertEqual(config.serverURL, server.url)
        XCTAssertEqual(config.signPublicKey, signPublic)
        XCTAssertEqual(config.sealPublicKey, ReferenceServer.demoSealPublicKey)
        XCTAssertTrue(config.isEnrolled)
        // The kiosk.conf the operator wrote is untouched.
        XCTAssertFalse(try String(contentsOfFile: conf, encoding: .utf8).contains("H22"))

        // The station's own token opens the server: a sync pass reaches it.
        let sync = try runKiosk(["--config", conf, "--lang", "en", "sync"])
        XCTAssertEqual(sync.status, 0, sync.stdout + sync.stderr)
        let status = try runKiosk(["--config", conf, "--lang", "en", "status"])
        XCTAssertTrue(status.stdout.contains("Enrolled:            yes (H22-0001, 000.00.00.H22)"), status.stdout)
        XCTAssertFalse(status.stdout.contains("Last upload error"), status.stdout)

        // The same code again: refused, and nothing changes.
        let token = try String(contentsOfFile: tokenPath, encoding: .utf8)
        let again = try runKiosk(["--config", conf, "enroll", server.url, code])
        XCTAssertEqual(again.status, 1)
        XCTAssertTrue(again.stderr.contains("Mã đăng ký này đã được dùng"), again.stderr)
        XCTAssertEqual(try String(contentsOfFile: tokenPath, encoding: .utf8), token)

        // Revoked by the province: the next pass says the token was refused.
        XCTAssertEqual(try provinceCommand(["revoke-station", "--data", server.dir + "/data", "--station", "H22-0001"]).status, 0)
        let refused = try runKiosk(["--config", conf, "--lang", "en", "sync"])
        XCTAssertTrue(refused.stderr.contains("refused this station's token (401)"), refused.stderr)
    }

    /// A network cut after the server spent the code: the station asks
    /// again with the same code and the request id it kept, and is answered
    /// again (a new token), where anyone else would get "used".
    func testALostAnswerIsAskedForAgainWithTheSameCode() throws {
        guard let server = ReferenceServer() else { throw XCTSkip("the reference server did not start") }
        let conf = try bareConfig()
        let code = try mintCode(server)
        let pending = dir + "/var/enrolment.conf.pending"
        // Offline: nothing written but the request id (and the code's hash, not the code).
        let offline = try runKiosk(["--config", conf, "--lang", "en", "enroll", ClosedPort().url, code])
        XCTAssertEqual(offline.status, 1)
        let kept = try XCTUnwrap(FileManager.default.contents(atPath: pending))
        XCTAssertFalse(String(decoding: kept, as: UTF8.self).contains(code.replacingOccurrences(of: "-", with: "")))
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir + "/var/station.token"))

        let first = try runKiosk(["--config", conf, "--lang", "en", "enroll", server.url, code])
        XCTAssertEqual(first.status, 0, first.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: pending), "dropped once answered")
        let token = try String(contentsOfFile: dir + "/var/station.token", encoding: .utf8)
        // As if that answer had been lost on the way: the request id is still there.
        try kept.write(to: URL(fileURLWithPath: pending))
        let again = try runKiosk(["--config", conf, "--lang", "en", "enroll", server.url, code.lowercased()])
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertTrue(again.stdout.contains("Station enrolled: H22-0001"), again.stdout)
        XCTAssertNotEqual(try String(contentsOfFile: dir + "/var/station.token", encoding: .utf8), token)
        XCTAssertEqual(try runKiosk(["--config", conf, "sync"]).status, 0, "the new token works")
        // Without it (another machine with the code): used.
        let other = try runKiosk(["--config", conf, "--lang", "en", "enroll", server.url, code])
        XCTAssertTrue(other.stderr.contains("already been used"), other.stderr)
    }

    func testEveryFaultIsSaidAndNothingIsWritten() throws {
        guard let server = ReferenceServer() else { throw XCTSkip("the reference server did not start") }
        let conf = try bareConfig()
        func nothingWritten(_ file: StaticString = #filePath, _ line: UInt = #line) {
            XCTAssertFalse(FileManager.default.fileExists(atPath: dir + "/var/station.token"), file: file, line: line)
            XCTAssertFalse(FileManager.default.fileExists(atPath: dir + "/var/enrolment.conf"), file: file, line: line)
        }
        let cases: [(url: String, code: String, vi: String, en: String)] = [
            (server.url, "AAAA-BBBB-CCCC-DDDD", "Mã đăng ký không đúng", "The enrolment code is not valid"),
            (server.url, try mintCode(server, ["--fake-now", "20261101080000", "--valid-hours", "1"]), "đã hết hạn", "has expired"),
            (ClosedPort().url, "AAAA-BBBB-CCCC-DDDD", "Không kết nối được máy chủ tỉnh", "Cannot reach the provincial server"),
            ("http://192.0.2.1:8088", "AAAA-BBBB-CCCC-DDDD", "Không lập được kết nối an toàn", "plain http is only allowed to this machine"),
        ]
        for c in cases {
            let vi = try runKiosk(["--config", conf, "enroll", c.url, c.code])
            XCTAssertEqual(vi.status, 1, c.en)
            XCTAssertTrue(vi.stderr.contains(c.vi), vi.stderr)
            let en = try runKiosk(["--config", conf, "--lang", "en", "enroll", c.url, c.code])
            XCTAssertTrue(en.stderr.contains(c.en), en.stderr)
            nothingWritten()
        }
        // A server that answers with an HTML page (a captive portal).
        guard let portal = ReferenceServer(flags: ["--captive-portal"]) else { throw XCTSkip("the reference server did not start") }
        let html = try runKiosk(["--config", conf, "--lang", "en", "enroll", portal.url, "AAAA-BBBB-CCCC-DDDD"])
        XCTAssertEqual(html.status, 1)
        XCTAssertTrue(html.stderr.contains("does not answer as the provincial server does"), html.stderr)
        XCTAssertTrue(html.stderr.contains("Nothing was changed at the station"), html.stderr)
        nothingWritten()
        // The code is never taken from kiosk-sync's command line.
        let usage = try runKiosk(["--config", conf, "enroll", server.url])
        XCTAssertEqual(usage.status, 2)
    }
}

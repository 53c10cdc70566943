import Foundation
import XCTest

/// Runs the built `kiosk` executable as a person or a script would.
final class KioskCommandTests: XCTestCase {
    func run(_ args: [String], stdin: String? = nil, cwd: String = packageRoot) throws -> KioskOutput {
        try runKiosk(args, stdin: stdin, cwd: cwd)
    }

    func testFormsCheckPassesOnShippedForms() throws {
        let r = try run(["forms", "check", "Forms"])
        XCTAssertEqual(r.status, 0, r.stdout + r.stderr)
        XCTAssertTrue(r.stdout.contains("11 biểu mẫu, 11 bộ dữ liệu: hợp lệ"), r.stdout)
    }

    func testFormsCheckReportsEveryErrorWithLocation() throws {
        let dir = NSTemporaryDirectory() + "kiosk-cli-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir + "/datasets", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "{\n  \"format\": 1,\n  \"id\": \"x\",\n}".write(toFile: dir + "/a.json", atomically: true, encoding: .utf8)
        try "code,name\nK,Kinh\nK,Tày\n".write(toFile: dir + "/datasets/e.csv", atomically: true, encoding: .utf8)
        let r = try run(["--lang", "en", "forms", "check", dir])
        XCTAssertEqual(r.status, 1)
        let lines = r.stdout.split(separator: "\n").map(String.init)
        XCTAssertTrue(lines.contains("\(dir)/datasets/e.csv:3:1: code K repeats line 2"), r.stdout)
        XCTAssertTrue(lines.contains("\(dir)/a.json:4:1: invalid JSON: a comma before } is not allowed in JSON"), r.stdout)
        XCTAssertEqual(lines.last, "2 errors; forms with errors will not be used")
    }

    func testFormsListShowsTheElevenProcedures() throws {
        let r = try run(["forms", "list"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let codes = r.stdout.split(separator: "\n").map { String($0.prefix(8)) }
        XCTAssertEqual(codes, ["1.000656", "1.000894", "1.001193", "1.001193", "1.001612", "1.004194", "1.004222", "1.004873", "2.000635",
                               "2.000815", "3.000333"])
        XCTAssertTrue(r.stdout.contains("1.001193   2026.5   Đăng ký khai sinh"))
        XCTAssertTrue(try run(["--lang", "en", "forms", "list"]).stdout.contains("Birth registration"))
    }

    func testImeComposesTelexAndVNI() throws {
        let telex = try run(["ime", "--method", "telex"], stdin: "Vieetj Nam\ndangw kys khai sinh\nwindows h49\n")
        XCTAssertEqual(telex.status, 0, telex.stderr)
        XCTAssertEqual(telex.stdout, "Việt Nam\ndăng ký khai sinh\nwindows h49\n")
        let vni = try run(["ime", "--method=vni", "--style", "modern"], stdin: "Vie65t Nam\nho2a\n")
        XCTAssertEqual(vni.stdout, "Việt Nam\nhoà\n")
        let old = try run(["ime", "--method", "telex", "--style", "old"], stdin: "hoaf\n")
        XCTAssertEqual(old.stdout, "hòa\n")
    }

    func testUsageErrorsExitTwo() throws {
        for args in [["frobnicate"], ["--bogus"], ["forms"], ["forms", "list", "extra"], ["ime", "--method", "qwerty"], ["--method", "vni"], ["--config"]] {
            let r = try run(args)
            XCTAssertEqual(r.status, 2, "\(args)")
            XCTAssertTrue(r.stderr.contains("usage: kiosk"), "\(args): \(r.stderr)")
        }
        let help = try run(["--help"])
        XCTAssertEqual(help.status, 0)
        XCTAssertTrue(help.stdout.hasPrefix("usage: kiosk"))
        XCTAssertEqual(try run(["--version"]).stdout, "kiosk 0.1.0\n")
    }

    func testBadConfigIsReportedWithItsLine() throws {
        let dir = NSTemporaryDirectory() + "kiosk-conf-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "[ui]\nlanguage = de\n".write(toFile: dir + "/k.conf", atomically: true, encoding: .utf8)
        let r = try run(["--config", dir + "/k.conf", "forms", "list"])
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(r.stderr, "\(dir)/k.conf:2: lỗi: giá trị sai cho language: “de”; chấp nhận: vi|en\n")
    }

    func testStartingTheKioskShowsTheStation() throws {
        let r = try run([])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("Biểu mẫu:      11"), r.stdout)
        XCTAssertTrue(r.stdout.contains("var/kiosk.sqlite"), r.stdout)
    }

    /// `forms check` of a missing or empty folder names the folder (no
    /// `:0:0`) and fails; the kiosk started (not at a terminal) with such a
    /// folder says why on stderr and exits non-zero.
    func testAMissingOrEmptyFormsFolderIsNamedAndFails() throws {
        let dir = NSTemporaryDirectory() + "kiosk-noforms-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let missing = dir + "/Forms"
        let check = try run(["--lang", "en", "forms", "check", missing])
        XCTAssertEqual(check.status, 1, check.stdout)
        XCTAssertEqual(check.stdout.split(separator: "\n").first.map(String.init), "\(missing): the forms folder does not exist")
        XCTAssertFalse(check.stdout.contains(":0:0"), check.stdout)

        try FileManager.default.createDirectory(atPath: missing, withIntermediateDirectories: true)
        let empty = try run(["--lang", "en", "forms", "check", missing])
        XCTAssertEqual(empty.status, 1, empty.stdout)
        XCTAssertTrue(empty.stdout.hasPrefix("\(missing): the folder has no form files (.json)\n"), empty.stdout)
        try FileManager.default.removeItem(atPath: missing)

        try """
        [storage]
        database = \(dir)/kiosk.sqlite
        attachments = \(dir)/attachments
        [security]
        key_file = \(writeTestKeyFile(dir + "/test.key"))
        [forms]
        directory = Forms
        """.write(toFile: dir + "/k.conf", atomically: true, encoding: .utf8)
        let started = try run(["--config", dir + "/k.conf"])
        XCTAssertEqual(started.status, 1, started.stdout + started.stderr)
        XCTAssertTrue(started.stderr.contains("thư mục biểu mẫu \(missing) không tồn tại"), started.stderr)
    }
}

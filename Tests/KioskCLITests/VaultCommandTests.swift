import Foundation
import XCTest
import KioskCore
import KioskStore

/// The vault's commands: `kiosk passphrase` sets the station passphrase,
/// then changes it by re-wrapping the data key (the current one checked
/// first; the passphrases come on standard input, as a script would give
/// them); `kiosk receipt` prints a sealed receipt; no core dump.
final class VaultCommandTests: XCTestCase {
    func testThePassphraseIsSetThenChangedAndAWrongCurrentOneChangesNothing() throws {
        let dir = NSTemporaryDirectory() + "kiosk-passphrase-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try """
        [station]
        id = TEST-01
        [storage]
        database = \(dir)/kiosk.sqlite
        attachments = \(dir)/attachments
        [forms]
        directory = \(packageRoot)/Forms
        """.write(toFile: dir + "/k.conf", atomically: true, encoding: .utf8)
        let conf = ["--config", dir + "/k.conf", "--lang", "en"]

        // Nothing to open yet: fill says how the station is set up.
        let early = try runKiosk(conf + ["fill", "1.001193", "--answers", packageRoot + "/Tests/Fixtures/answers/dang-ky-khai-sinh.json"], stdin: "")
        XCTAssertEqual(early.status, 1)
        XCTAssertTrue(early.stderr.contains("start the kiosk once (or run “kiosk passphrase”)"), early.stderr)

        let set = try runKiosk(conf + ["passphrase"], stdin: "first passphrase\nfirst passphrase\n")
        XCTAssertEqual(set.status, 0, set.stderr)
        XCTAssertTrue(set.stdout.contains("new passphrase is set"), set.stdout)

        let differ = try runKiosk(conf + ["passphrase"], stdin: "first passphrase\nsecond one\nsecond 0ne\n")
        XCTAssertEqual(differ.status, 1)
        XCTAssertTrue(differ.stderr.contains("The two passphrases differ"), differ.stderr)

        let wrong = try runKiosk(conf + ["passphrase"], stdin: "not it at all\nsecond one\nsecond one\n")
        XCTAssertEqual(wrong.status, 1)
        XCTAssertTrue(wrong.stderr.contains("Wrong passphrase. Nothing was erased."), wrong.stderr)

        sleep(2) // the delay after a wrong passphrase
        let changed = try runKiosk(conf + ["passphrase"], stdin: "first passphrase\nsecond one\nsecond one\n")
        XCTAssertEqual(changed.status, 0, changed.stderr)

        // The new one opens the station for a command; the old one no longer does.
        let fill = try runKiosk(conf + ["fill", "1.001193", "--answers", packageRoot + "/Tests/Fixtures/answers/dang-ky-khai-sinh.json"],
                                stdin: "second one\n")
        XCTAssertEqual(fill.status, 0, fill.stderr)
        XCTAssertTrue(fill.stdout.contains("Resume code: "), fill.stdout)
        let old = try runKiosk(conf + ["fill", "1.001193", "--answers", packageRoot + "/Tests/Fixtures/answers/dang-ky-khai-sinh.json"],
                               stdin: "first passphrase\n")
        XCTAssertEqual(old.status, 1)
        XCTAssertTrue(old.stderr.contains("Wrong passphrase"), old.stderr)
    }

    /// `kiosk receipt FILE`: a receipt saved sealed (no printer) printed as
    /// text, with the station's key file; a file of another station is refused.
    func testAReceiptSavedSealedIsPrintedAsText() throws {
        let dir = NSTemporaryDirectory() + "kiosk-receipt-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try writeOfflineStationConfig(dir: dir)
        let store = try testStore(config: try KioskConfig.load(path: dir + "/k.conf").0)
        let text = "BIÊN NHẬN HỒ SƠ\nNgười nộp: Nguyễn Thị Bí Mật\n"
        try store.writeSealedFile(Array(text.utf8), to: dir + "/receipts/TEST-01-20261123-0001.txt")
        XCTAssertFalse(String(decoding: try Data(contentsOf: URL(fileURLWithPath: dir + "/receipts/TEST-01-20261123-0001.txt")), as: UTF8.self)
            .contains("Bí Mật"), "sealed on disk")
        let shown = try runKiosk(["--config", dir + "/k.conf", "receipt", dir + "/receipts/TEST-01-20261123-0001.txt"])
        XCTAssertEqual(shown.status, 0, shown.stderr)
        XCTAssertEqual(shown.stdout, text)
        // The same bytes under another name: bound to its name, refused.
        try FileManager.default.copyItem(atPath: dir + "/receipts/TEST-01-20261123-0001.txt", toPath: dir + "/receipts/other.txt")
        let moved = try runKiosk(["--config", dir + "/k.conf", "--lang", "en", "receipt", dir + "/receipts/other.txt"])
        XCTAssertEqual(moved.status, 1)
        XCTAssertTrue(moved.stderr.contains("failed its integrity check"), moved.stderr)
    }

    /// The kiosk writes no core dump (the data key would be in it).
    func testTheKioskRunsWithCoreDumpsOff() throws {
        let p = Process()
        p.executableURL = kioskExecutable
        p.arguments = ["ime"]
        let input = Pipe(), output = Pipe()
        p.standardInput = input
        p.standardOutput = output
        try p.run()
        // Once it answers a line, it has set its limits.
        input.fileHandleForWriting.write(Data("a\n".utf8))
        _ = output.fileHandleForReading.availableData
        let limits = (try? String(contentsOfFile: "/proc/\(p.processIdentifier)/limits", encoding: .utf8)) ?? ""
        try input.fileHandleForWriting.close()
        p.waitUntilExit()
        let line = limits.split(separator: "\n").first { $0.hasPrefix("Max core file size") }.map(String.init) ?? ""
        XCTAssertEqual(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst(4).prefix(2).joined(separator: " "), "0 0", line)
    }
}

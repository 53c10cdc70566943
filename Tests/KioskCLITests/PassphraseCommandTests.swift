import Foundation
import XCTest
import KioskCore

/// `kiosk passphrase`: sets the station passphrase, then changes it by
/// re-wrapping the data key; the current one is checked first. The
/// passphrases come on standard input, as a script would give them.
final class PassphraseCommandTests: XCTestCase {
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
}

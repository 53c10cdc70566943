import XCTest
@testable import KioskCore

/// The parser both executables use (`kiosk`, `kiosk-sync`).
final class ArgumentParserTests: XCTestCase {
    private let parser = ArgumentParser(
        valueFlags: ["--config", "--lang"], plainFlags: ["--now", "--help", "--pin"], aliases: ["-h": "--help"],
        secretFlags: ["--verify": { _, _ in true }, "--pin": { value, next in value != nil || next == "1234" }])

    func testWordsValuesAndSwitchesInAnyOrder() throws {
        let p = try parser.parse(["--config", "k.conf", "sync", "--now", "--lang=en", "-h", "-"])
        XCTAssertEqual(p.words, ["sync", "-"])
        XCTAssertEqual(p.values, ["--config": "k.conf", "--lang": "en"])
        XCTAssertEqual(p.switches, ["--now", "--help"])
        XCTAssertEqual(p.refusedSecrets, [])
    }

    func testUnknownOptionsAndMissingValuesAreUsageErrors() {
        XCTAssertThrowsError(try parser.parse(["sync", "--soon"])) { XCTAssertEqual(($0 as? UsageError)?.message, "unknown option --soon") }
        XCTAssertThrowsError(try parser.parse(["--config"])) { XCTAssertEqual(($0 as? UsageError)?.message, "--config needs a value") }
        XCTAssertThrowsError(try parser.parse(["--now=yes"]), "a switch takes no value")
    }

    /// A secret on the command line is refused and taken with its value, so
    /// that the value is never read as a word; a secret flag used as a
    /// switch (`--pin` alone) stays a switch.
    func testSecretsAreRefusedWithTheirValue() throws {
        let p = try parser.parse(["lookup", "--verify", "068092004512", "000.00.13.H36-261120-0007", "--pin", "1234"])
        XCTAssertEqual(p.words, ["lookup", "000.00.13.H36-261120-0007"])
        XCTAssertEqual(p.refusedSecrets, ["--verify", "--pin"])
        XCTAssertEqual(try parser.parse(["--verify=0912345678"]).refusedSecrets, ["--verify"])
        let alone = try parser.parse(["fill", "--pin", "1.001193"])
        XCTAssertEqual(alone.switches, ["--pin"])
        XCTAssertEqual(alone.words, ["fill", "1.001193"])
    }
}

import Foundation
import XCTest
@testable import KioskRuntime

/// The configured printer command: started with default signals, its
/// failures reported, never a crash.
final class PrinterCommandTests: XCTestCase {
    private let dir = NSTemporaryDirectory() + "kiosk-printer-\(UUID().uuidString)"

    override func setUpWithError() throws { try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) }
    override func tearDown() { try? FileManager.default.removeItem(atPath: dir) }

    func testThePrinterStartsWithSignalsAtTheirDefaultsThoughTheKioskIgnoresSIGPIPE() throws {
        let previous = signal(SIGPIPE, SIG_IGN)
        defer { signal(SIGPIPE, previous) }
        XCTAssertTrue(PrinterCommand.run("cat > /dev/null; grep SigIgn /proc/self/status > '\(dir)/status'", input: Array("biên nhận\n".utf8)))
        let line = try String(contentsOfFile: dir + "/status", encoding: .utf8)
        let mask = try XCTUnwrap(UInt64(line.split(separator: "\t").last?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "", radix: 16), line)
        XCTAssertEqual(mask & (1 << (UInt64(SIGPIPE) - 1)), 0, "SIGPIPE is not ignored in the printer command: \(line)")
    }

    func testAFailingOrNonReadingPrinterIsAFailureAndNotACrash() {
        XCTAssertFalse(PrinterCommand.run("exit 3", input: Array("x".utf8)))
        // Exits without reading a megabyte: the write fails, this process lives on.
        XCTAssertFalse(PrinterCommand.run("exit 0", input: [UInt8](repeating: 65, count: 1 << 20)))
        XCTAssertFalse(PrinterCommand.run("kill -TERM $$", input: Array("x".utf8)), "killed by a signal")
        XCTAssertTrue(PrinterCommand.run("cat > /dev/null", input: [UInt8](repeating: 65, count: 1 << 20)))
    }
}

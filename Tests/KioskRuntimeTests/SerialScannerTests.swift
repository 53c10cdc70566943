import Foundation
import XCTest
import KioskCore
import KioskUI
import KioskTestSupport
@testable import KioskRuntime
#if canImport(Glibc)
import Glibc
#endif

/// The serial card scanner (issue 17), with a pseudo-terminal standing in
/// for the USB CDC device: lines become scans, a missing device is said, a
/// line of garbage longer than any card is dropped. Waits are bounded polls,
/// never timing assertions.
final class SerialScannerTests: XCTestCase {
    /// A pty pair: the master's descriptor and the slave's path.
    func openPTY() throws -> (master: Int32, path: String) {
        var master: Int32 = 0, slave: Int32 = 0
        var name = [CChar](repeating: 0, count: 256)
        guard openpty(&master, &slave, &name, nil, nil) == 0 else { throw XCTSkip("no pseudo-terminal here") }
        close(slave)
        // The scanner opens the slave by its path, as it would /dev/ttyACM0;
        // this end is kept open so the line stays up.
        return (master, String(cString: name))
    }

    /// Events until `done` holds (at most about ten seconds).
    func events(_ scanner: SerialScanner, until done: ([Event]) -> Bool) -> [Event] {
        var all: [Event] = []
        for _ in 0..<200 {
            all += scanner.events()
            if done(all) { break }
            usleep(50_000)
        }
        return all
    }

    /// The scans' bytes as text (a test's reading; the kiosk never makes one).
    static func scans(_ events: [Event]) -> [String] {
        events.compactMap { if case .scan(let p) = $0 { return p.withBytes { String(decoding: $0, as: UTF8.self) } } else { return nil } }
    }

    func testLinesFromTheDeviceBecomeScansAndGarbageIsDropped() throws {
        let (master, path) = try openPTY()
        defer { close(master) }
        let scanner = SerialScanner(device: path)
        scanner.start()
        defer { scanner.stop() }
        // Opened: its state says so (no problem).
        let first = events(scanner) { $0.contains { if case .scannerProblem(nil) = $0 { return true } else { return false } } }
        XCTAssertTrue(first.contains { if case .scannerProblem(nil) = $0 { return true } else { return false } }, "\(first)")
        let payload = "068195012873|250123456|Nguyễn Thị Thu Hà|05071995|Nữ|Thôn 3, Xã Tân Hà, Huyện Lâm Hà, Lâm Đồng|12032021"
        let garbage = String(repeating: "\u{7f}x", count: 700)
        let bytes = Array((garbage + "\n" + payload + "\r\n").utf8)
        _ = bytes.withUnsafeBufferPointer { write(master, $0.baseAddress, $0.count) }
        let got = events(scanner) { !Self.scans($0).isEmpty }
        XCTAssertEqual(Self.scans(got), [payload], "the long garbage line dropped, the card's line whole")
    }

    func testAMissingDeviceIsSaidToTheOperator() {
        let scanner = SerialScanner(device: "/dev/no-such-scanner")
        scanner.start()
        defer { scanner.stop() }
        let got = events(scanner) { $0.contains { if case .scannerProblem(.some) = $0 { return true } else { return false } } }
        guard case .scannerProblem(let problem?)? = got.first(where: { if case .scannerProblem(.some) = $0 { return true } else { return false } }) else {
            return XCTFail("\(got)")
        }
        XCTAssertTrue(problem.vi.contains("Không mở được máy quét thẻ /dev/no-such-scanner"), problem.vi)
        XCTAssertTrue(problem.en.contains("[scanner] device"), problem.en)
    }

    /// The scan reaches the form: the serial event fills the mother, and
    /// the welcome screen shows the device's problem to the staff.
    func testASerialScanFillsTheFocusedPerson() throws {
        let catalog = FormCatalog.load(directory: packageRoot + "/Forms")
        let birth = try XCTUnwrap(catalog.form(id: "dang-ky-khai-sinh"))
        let context = AppContext(stationName: "Thử", forms: catalog.forms, datasets: catalog.datasets)
        var state = AppState(context: context, width: 100, height: 30)
        _ = App.update(&state, .scannerProblem(LocalizedText(vi: "Không mở được máy quét thẻ /dev/ttyACM0", en: "x")))
        XCTAssertTrue(App.view(state).text.contains("⚠ Không mở được máy quét thẻ /dev/ttyACM0"))
        var session = FormSession(form: birth, state: FormState(form: birth), draft: DraftRef(id: 1, resumeCode: "K7M4QX"))
        session.page = try XCTUnwrap(birth.pages.firstIndex { $0.id == "mother" })
        state.page = .form(session)
        let payload = ScanPayload("068195012873||Nguyễn Thị Thu Hà|05071995|Nữ|Lâm Đồng|12032021")
        let effects = App.update(&state, .scan(payload))
        XCTAssertTrue(payload.isWiped, "the bytes zeroed once read")
        guard case .form(let f) = state.page else { return XCTFail() }
        XCTAssertEqual(f.state.raw(FieldPath(field: birth.fieldIndexByID["mother_full_name"]!)), "Nguyễn Thị Thu Hà")
        XCTAssertFalse(effects.isEmpty, "saved")
    }
}

import Foundation
import XCTest
import KioskCore
import KioskTestSupport

/// A căn cước card read by a scanner on a serial port, in a real terminal
/// (issue 17): a pseudo-terminal stands in for the USB CDC device named in
/// kiosk.conf's [scanner] device; the card written to it fills the mother
/// on her page of a birth registration.
final class CardScanEndToEndTests: XCTestCase {
    func testACardFromTheSerialScannerFillsTheMother() throws {
        let dir = NSTemporaryDirectory() + "kiosk-scan-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let kiosk = try TmuxKiosk(dir: dir)
        var master: Int32 = 0, slave: Int32 = 0
        var name = [CChar](repeating: 0, count: 256)
        guard openpty(&master, &slave, &name, nil, nil) == 0 else { throw XCTSkip("no pseudo-terminal here") }
        defer { close(master); close(slave) }
        guard let server = ReferenceServer() else { throw XCTSkip("the reference server did not start") }
        let conf = try writeStationConfig(server, dir: dir)
        try (String(contentsOfFile: conf, encoding: .utf8) + "\n[scanner]\ndevice = \(String(cString: name))\n")
            .write(toFile: conf, atomically: true, encoding: .utf8)

        try kiosk.start(config: conf)
        try kiosk.waitFor("Xin chào")
        XCTAssertFalse(kiosk.screen.contains("máy quét"), "the scanner opened: no warning\n\(kiosk.screen)")
        try Self.openMothersPage(kiosk)
        let card = "068195012873|250123456|Nguyễn Thị Thu Hà|05071995|Nữ|Thôn 3, Xã Tân Hà, Huyện Lâm Hà, Lâm Đồng|12032021\r\n"
        _ = Array(card.utf8).withUnsafeBufferPointer { write(master, $0.baseAddress, $0.count) }
        try kiosk.waitFor("Nguyễn Thị Thu Hà")
        try kiosk.waitFor("068195012873")
        XCTAssertTrue(kiosk.screen.contains("Đã điền từ thẻ căn cước"), kiosk.screen)
    }

    /// From the welcome screen to the mother's page of a birth registration.
    static func openMothersPage(_ kiosk: TmuxKiosk) throws {
        try kiosk.keys("1")
        try kiosk.waitFor("Tìm thủ tục")
        try kiosk.type("khai sinh")
        try kiosk.waitFor("▶ Đăng ký khai sinh")
        try kiosk.keys("Enter")
        try kiosk.waitFor("4 chữ số")
        try kiosk.type("1357")
        try kiosk.keys("Enter")
        try kiosk.waitFor("Nhập lại 4 chữ số")
        try kiosk.type("1357")
        try kiosk.keys("Enter")
        try kiosk.waitFor("Bước 1/8")
        // To the mother's page (each page left empty asks once).
        for _ in 0..<2 {
            try kiosk.keys("NPage")
            try kiosk.waitFor("Vẫn sang trang")
            try kiosk.keys("Right", "Enter")
        }
        try kiosk.waitFor("Bước 3/8: Người mẹ")
    }

    /// A scanner in keyboard mode, in a real terminal: the card's code and
    /// its Enter written to the pseudo-terminal at once (as tmux does, as
    /// a scanner's keys come) are one scan, and no input method touched it.
    func testACardTypedByAKeyboardModeScannerFillsTheMother() throws {
        let dir = NSTemporaryDirectory() + "kiosk-wedge-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let kiosk = try TmuxKiosk(dir: dir)
        guard let server = ReferenceServer() else { throw XCTSkip("the reference server did not start") }
        let conf = try writeStationConfig(server, dir: dir)
        try kiosk.start(config: conf)
        try kiosk.waitFor("Xin chào")
        try Self.openMothersPage(kiosk)
        try kiosk.type("068195012873|250123456|Nguyen Thi Thu Ha|05071995|Nu|Thon 3, Xa Tan Ha, Huyen Lam Ha, Lam Dong|12032021\r")
        try kiosk.waitFor("068195012873")
        XCTAssertTrue(kiosk.screen.contains("Đã điền từ thẻ căn cước"), kiosk.screen)
        // A scanner sending ASCII only: the name said, to be typed with marks.
        try kiosk.waitFor("Máy quét gửi chữ")
        XCTAssertTrue(kiosk.screen.contains("Nguyen Thi Thu Ha"), kiosk.screen)
    }
}

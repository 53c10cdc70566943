import XCTest
@testable import KioskCore

/// A scanned code's bytes in a buffer the kiosk owns, read without being
/// made into one String and wiped after use (issue 17). Made-up cards.
final class ScanPayloadTests: XCTestCase {
    let card = "068195012873|250123456|Nguyễn Thị Thu Hà|05071995|Nữ|Thôn 3, Xã Tân Hà, Huyện Lâm Hà, Lâm Đồng|12032021"

    func testBytesGrowAndAreReadAsAppended() {
        let p = ScanPayload(capacity: 4)
        p.append(contentsOf: Array(card.utf8))
        XCTAssertEqual(p.count, card.utf8.count)
        XCTAssertEqual(p.withBytes { Array($0) }, Array(card.utf8))
    }

    func testWipeZeroesEveryByte() {
        let p = ScanPayload(card)
        XCTAssertFalse(p.isWiped)
        p.wipe()
        XCTAssertTrue(p.isWiped)
        XCTAssertEqual(p.count, 0)
        var bytes: [UInt8] = Array(card.utf8)
        SecureMemory.zero(&bytes)
        XCTAssertEqual(bytes, [UInt8](repeating: 0, count: card.utf8.count))
    }

    func testACardIsReadFromTheBytes() throws {
        let p = ScanPayload(card + "\r\n")
        let c = try CitizenCard.parse(p, today: CalendarDate(year: 2026, month: 12, day: 5)).get()
        XCTAssertEqual(c.fullName, "Nguyễn Thị Thu Hà")
        XCTAssertEqual(c.residence, "Thôn 3, Xã Tân Hà, Huyện Lâm Hà, Lâm Đồng")
        // Bytes that are not UTF-8 where the name should be: no name, said so.
        let bad = ScanPayload(bytes: Array("068195012873||".utf8) + [0xFF, 0xFE] + Array("|05071995|Nữ|x|12032021".utf8))
        guard case .failure(.noName) = CitizenCard.parse(bad, today: CalendarDate(year: 2026, month: 12, day: 5)) else { return XCTFail() }
    }
}

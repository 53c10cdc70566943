import XCTest
@testable import KioskCore

/// Wherever a dossier code is asked, the temporary receipt number printed
/// before the official code came is taken too.
final class DossierReferenceTests: XCTestCase {
    func testDossierReferencesTakeTheReceiptNumber() {
        guard case .success(.receipt(let n)) = DossierReference.parse(" kiosk-01–20261205-0001 ") else { return XCTFail() }
        XCTAssertEqual(n.description, "KIOSK-01-20261205-0001")
        XCTAssertEqual(n.station, "KIOSK-01")
        XCTAssertEqual(n.date, CalendarDate(year: 2026, month: 12, day: 5))
        guard case .success(.official(let c)) = DossierReference.parse("000.00.13.H36-261207-0003") else { return XCTFail() }
        XCTAssertEqual(c.description, "000.00.13.H36-261207-0003")
        // Neither: the official code's own explanation, part by part.
        guard case .failure(.dateNotSixDigits) = DossierReference.parse("000.00.13.H36-2612-0003") else { return XCTFail() }
        XCTAssertNil(ReceiptNumber.parse("KIOSK-01-20261305-0001"), "no 13th month")
        XCTAssertNil(ReceiptNumber.parse("-20261205-0001"), "no station")
    }
}

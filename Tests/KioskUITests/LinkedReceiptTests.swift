import XCTest
import KioskCore
@testable import KioskUI

/// The receipt of a one-sitting (liên thông) dossier lists each procedure
/// with its agency and its own expected date; the fee adds theirs.
final class LinkedReceiptTests: XCTestCase {
    private let json = """
    { "format": 1, "id": "lien-thong-thu", "version": "1",
      "procedure": { "code": "1.001193", "title": "Khai sinh", "domain": { "code": "HT", "name": "Hộ tịch" },
        "level": "partial", "fee": { "amount": 0 }, "processing_days": 0, "delivery": ["desk"], "basis": "x",
        "linked": [
          { "code": "1.004194", "title": "Đăng ký thường trú", "agency": "Công an cấp xã", "processing_days": 3,
            "included_if": "residence", "fee": { "amount": 10000 } },
          { "code": "1.011442", "title": "Cấp thẻ bảo hiểm y tế", "agency": "Bảo hiểm xã hội", "processing_days": 2 } ] },
      "pages": [ { "id": "p", "title": "T", "fields": [ { "id": "residence", "type": "yesno", "label": "Thường trú" } ] } ] }
    """

    func testEachLinkedProcedureIsOnTheReceiptWithItsDate() throws {
        let (loaded, diagnostics) = FormLoader.load(bytes: Array(json.utf8), file: "t.json", datasets: catalog.datasets)
        let form = try XCTUnwrap(loaded, "\(diagnostics)")
        var state = FormState(form: form, today: CalendarDate(year: 2026, month: 11, day: 20))
        _ = state.set("residence", "yes")
        // Friday 20 November 2026, 09:00 in Hà Nội.
        let now = 1_795_140_000.0
        XCTAssertEqual(VietnamTime(unix: now).date, CalendarDate(year: 2026, month: 11, day: 20))
        let dossier = DossierSummary(receiptNumber: "LH-01-20261120-0001", submissionID: "s", officialCode: nil, dueDate: nil)
        let receipt = Receipt(stationName: "Bưu điện", form: form, dossier: dossier, state: state, now: now)
        // Read as one line: what wraps where is the printer's business.
        let text = receipt.text(columns: 80, language: .vi).replacingOccurrences(of: "\n            ", with: " ")
        XCTAssertTrue(text.contains("Liên thông: Đăng ký thường trú (1.004194) — Công an cấp xã — hẹn 25/11/2026"), text)
        XCTAssertTrue(text.contains("Liên thông: Cấp thẻ bảo hiểm y tế (1.011442) — Bảo hiểm xã hội — hẹn 24/11/2026"), text)
        XCTAssertTrue(text.contains("Hẹn trả (dự kiến): 25/11/2026"), "ready when the last one is: \(text)")
        XCTAssertTrue(text.contains("Lệ phí: 10.000 đồng"), text)

        _ = state.set("residence", "no")
        let without = Receipt(stationName: "Bưu điện", form: form, dossier: dossier, state: state, now: now).text(columns: 80, language: .en)
        XCTAssertFalse(without.contains("1.004194"), without)
        XCTAssertTrue(without.contains("Also handled: Cấp thẻ bảo hiểm y tế (1.011442)"), without)
        XCTAssertTrue(without.contains("Due (expected): 24/11/2026"), without)
    }
}

/// The shipped one-sitting form, driven from the welcome screen to the
/// receipt as a helper would.
final class OneSittingFormUITests: XCTestCase {
    func testTheReceiptOfTheOneSittingFormListsEachProcedure() throws {
        let h = try UIHarness(now: mondayMorning)
        // The procedure screen says what is done together before anything is typed.
        h.app.type("1")
        h.app.type("lien thong")
        XCTAssertTrue(h.text.contains("Làm cùng lúc (liên thông): Đăng ký thường trú · Cấp thẻ bảo hiểm y tế cho"), h.text)
        XCTAssertTrue(h.text.contains("Miễn phí · 3 ngày làm việc"), "ready when the slowest is: \(h.text)")
        h.app.key(.escape)
        try h.finalizeSample("lien thong", sample: "lien-thong-khai-sinh-thuong-tru-bhyt")
        // The receipt is longer than the screen: read it as a person would, scrolling.
        var text = h.text
        for _ in 0..<10 where text.contains("▼ còn nữa") && h.text.contains("▼ còn nữa") {
            h.app.key(.pageDown)
            text += h.text
        }
        XCTAssertTrue(text.contains("Liên thông: Đăng ký thường trú (1.004222) — Công an cấp xã"), text)
        XCTAssertTrue(text.contains("Hẹn trả (dự kiến): 26/11/2026"), "three working days after Monday: \(text)")
        XCTAssertTrue(text.contains("Lệ phí: 0 đồng") || text.contains("Lệ phí: không phải nộp"), text)
    }
}

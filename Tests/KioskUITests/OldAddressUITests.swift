import Foundation
import XCTest
import KioskCore
@testable import KioskUI

/// An earlier dossier's address written before July 2025 arrives in
/// today's units, marked for the citizen to check (issue 17).
final class OldAddressUITests: XCTestCase {
    func testAnOldAddressIsProposedInTodaysUnitsAndMarked() throws {
        let h = try UIHarness(width: 100, height: 40)
        h.startForm("khai sinh")
        let session = try XCTUnwrap(h.session)
        let prior = PriorDossier(code: "000.00.13.H36-250601-0001", procedureCode: "1.000894", procedureName: "Đăng ký kết hôn",
                                 answers: ["bride.full_name": ["Nguyễn Thị Thu Hà"],
                                           "bride.residence": ["Thôn 3, xã Tan Ha, H. Lâm Hà, Lâm Đồng"],
                                           "groom.full_name": ["Trần Văn Hùng"],
                                           "groom.residence": ["Số 8, phường 2, quận 3, Hà Tĩnh"]],
                                 origin: .station)
        h.app.state.page = .offer(OfferState(session: session, priors: [prior]))
        h.app.key(.enter) // Fill in: the bride as the mother, the groom as the father
        XCTAssertEqual(h.raw("mother_residence"), "68|24916|Thôn 3", h.text)
        XCTAssertEqual(h.raw("father_residence"), "||Số 8, phường 2, quận 3, Hà Tĩnh", "no such ward there: kept whole")

        try goToPage(h, "mother")
        h.focus("mother_residence", part: 0)
        XCTAssertTrue(h.text.contains("Tỉnh Lâm Đồng"), h.text)
        XCTAssertTrue(h.text.contains("Xã Tân Hà Lâm Hà"), h.text)
        XCTAssertTrue(h.text.contains("Thôn 3"), h.text)
        XCTAssertTrue(h.text.contains("◆ Địa chỉ ghi trước 7/2025 (còn huyện) đã được đổi sang"), h.text)

        try goToPage(h, "father")
        XCTAssertTrue(h.text.contains("◆ Địa chỉ ghi trước 7/2025 (còn huyện): hãy chọn lại"), h.text)
    }

    func goToPage(_ h: UIHarness, _ id: String) throws {
        let target = try XCTUnwrap(h.session?.form.pages.firstIndex { $0.id == id })
        for _ in 0..<20 { if let f = h.session, f.page < target { h.nextPage() } else { break } }
        XCTAssertEqual(h.session?.page, target)
    }
}

import Foundation
import XCTest
import KioskCore
@testable import KioskUI

/// A label with `${…}` parts reads filled in wherever it is shown: on its
/// row, in the message of a copy button; an empty part leaves no stray space.
final class TemplateLabelUITests: XCTestCase {
    private func goTo(_ page: String, _ h: UIHarness) {
        while let f = h.session, f.stage == .fields, f.form.pages[f.page].id != page { h.nextPage() }
        XCTAssertEqual(h.session.map { $0.form.pages[$0.page].id }, page, h.text)
    }

    private func copyResidence(_ h: UIHarness) throws {
        h.startForm("trich luc")
        XCTAssertEqual(h.session?.form.id, "cap-ban-sao-trich-luc-ho-tich", h.text)
        try h.load(sample: "cap-ban-sao-trich-luc-ho-tich")
        guard case .form(var f) = h.app.state.page else { return XCTFail() }
        let residence = FieldPath(field: f.form.fieldIndexByID["subject_residence"]!)
        f.state.set(residence, raw: "")
        h.app.state.page = .form(f)
        goTo("subject", h)
        h.focusRow(.copyAddress(residence))
        h.app.key(.enter)
        XCTAssertEqual(h.raw("subject_residence"), h.raw("applicant_residence"))
    }

    func testTheCopyMessageAndTheRowReadTheLabelFilledIn() throws {
        let h = try UIHarness(width: 100, height: 40)
        try copyResidence(h)
        XCTAssertFalse(h.text.contains("${"), h.text)
        XCTAssertTrue(h.text.contains("Đã chép Nơi cư trú sang"), h.text)
        XCTAssertTrue(h.text.contains("Nơi cư trú: Tỉnh"), "no space before the colon\n\(h.text)")

        let en = try UIHarness(width: 100, height: 40, language: .en)
        try copyResidence(en)
        XCTAssertFalse(en.text.contains("${"), en.text)
        XCTAssertTrue(en.text.contains("Copied Residence to"), en.text)
    }

    func testAnEmptyPartLeavesNoStraySpace() {
        XCTAssertEqual(TextTemplate.tidy("Nơi cư trú "), "Nơi cư trú")
        XCTAssertEqual(TextTemplate.tidy("Họ  tên , ngày"), "Họ tên, ngày")
        XCTAssertEqual(TextTemplate.withoutExpressions(LocalizedText(vi: "Nơi cư trú ${if(a, 'x', '')}: ở", en: "${x} Residence")),
                       LocalizedText(vi: "Nơi cư trú: ở", en: "Residence"))
    }
}

import Foundation
import XCTest
import KioskCore
@testable import KioskUI

/// The civil-status extract form as a first-time user meets it: a foreign
/// passport number is taken as typed, and a registration before the birth
/// is refused when both dates are whole.
final class ExtractFormUITests: XCTestCase {
    private func goTo(_ page: String, _ h: UIHarness) {
        while let f = h.session, f.stage == .fields, f.form.pages[f.page].id != page { h.nextPage() }
        XCTAssertEqual(h.session.map { $0.form.pages[$0.page].id }, page, h.text)
    }

    private func clear(_ id: String, _ h: UIHarness) {
        guard case .form(var f) = h.app.state.page else { return XCTFail() }
        f.state.set(FieldPath(field: f.form.fieldIndexByID[id]!), raw: "")
        h.app.state.page = .form(f)
    }

    func testAForeignPassportNumberIsTakenAsTyped() throws {
        let h = try UIHarness(width: 100, height: 40)
        h.startForm("trich luc")
        try h.load(sample: "cap-ban-sao-trich-luc-ho-tich")
        goTo("applicant", h)
        h.app.key(.function(2)) // Telex off: plain letters
        h.focus("applicant_id_type")
        h.app.type("ho chieu nuoc")
        h.app.key(.enter)
        XCTAssertEqual(h.raw("applicant_id_type"), "HCNN", h.text)
        XCTAssertFalse(h.text.contains("Số định danh cá nhân *"), "the 12-digit field goes\n\(h.text)")
        h.focus("applicant_id_other_number")
        h.app.type("C1234567")
        h.app.key(.tab)
        XCTAssertEqual(h.raw("applicant_id_other_number"), "C1234567")
        XCTAssertFalse(h.text.contains("12 chữ số"), h.text)
        XCTAssertFalse(h.text.contains("!"), h.text)
    }

    func testARegistrationBeforeTheBirthInTheSameYearIsRefused() throws {
        let h = try UIHarness(width: 100, height: 40)
        h.startForm("trich luc")
        try h.load(sample: "cap-ban-sao-trich-luc-ho-tich") // born 15/11/2016
        goTo("registration", h)
        clear("registration_date", h)
        h.focus("registration_date")
        h.app.type("01/01/2016")
        h.app.key(.tab)
        XCTAssertTrue(h.text.contains("Ngày đăng ký không thể trước ngày sinh"), h.text)
        clear("registration_date", h)
        h.focus("registration_date")
        h.app.type("2016")
        h.app.key(.tab)
        XCTAssertEqual(h.raw("registration_date"), "2016")
        XCTAssertFalse(h.text.contains("Ngày đăng ký không thể trước ngày sinh"), "a year alone is compared by years\n\(h.text)")
        clear("registration_date", h)
        h.focus("registration_date")
        h.app.type("20/11/2016")
        h.app.key(.tab)
        XCTAssertFalse(h.text.contains("Ngày đăng ký không thể trước ngày sinh"), h.text)
    }
}

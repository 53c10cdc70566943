import Foundation
import XCTest
import KioskCore
import KioskStore
@testable import KioskUI

/// What saves a helper's keys without changing an answer behind the
/// citizen's back (issue 13, section 9): the station's own prefix of a
/// dossier code, visible and editable; "= Giống người cha" on the
/// applicant's page once the father is filled from the marriage; a copied
/// answer marked "=" until it is changed.
final class HelperShortcutTests: XCTestCase {
    static let agency = "000.00.13.H36"
    static let brideID = "068198003417"
    static let groomID = "042096007215"

    /// The marriage sample, finalized here and accepted under `code`.
    func finalizeMarriage(_ h: UIHarness, code: String) throws {
        try h.finalizeMarriageSample(code: code)
    }

    var prior: PriorState? {
        if case .prior(let p)? = h?.app.state.page { return p }
        return nil
    }
    var h: UIHarness?

    func testTheStationsOwnPrefixIsFilledInAndTheRestIsTyped() throws {
        let h = try UIHarness(agencyCode: Self.agency)
        self.h = h
        try finalizeMarriage(h, code: Self.agency + "-261120-0007")
        h.app.type("3")
        XCTAssertEqual(prior?.code.text, Self.agency + "-", "visible, and editable like anything typed")
        XCTAssertTrue(h.text.contains("[ \(Self.agency)-"), h.text)
        XCTAssertTrue(h.text.contains("Hồ sơ làm tại đây: chỉ gõ phần sau."), h.text)
        h.app.type("261120-0007")
        h.app.key(.tab)
        h.app.type(Self.brideID)
        h.app.key(.enter)
        XCTAssertEqual(prior?.found.map(\.code), [Self.agency + "-261120-0007"], h.text)
        XCTAssertEqual(prior?.code.text, Self.agency + "-", "ready for another code")
    }

    func testACodeOfAnotherAgencyOrAReceiptNumberIsTypedWhole() throws {
        let h = try UIHarness(agencyCode: Self.agency)
        self.h = h
        let elsewhere = "000.00.12.H36-261120-0009"
        try finalizeMarriage(h, code: elsewhere)
        h.app.type("3")
        h.app.type(elsewhere) // after the prefix, as someone would who does not look
        h.app.key(.tab)
        h.app.type(Self.brideID)
        h.app.key(.enter)
        XCTAssertEqual(prior?.found.map(\.code), [elsewhere], h.text)

        // Cleared, then typed whole: the same.
        let other = try UIHarness(agencyCode: Self.agency)
        self.h = other
        try finalizeMarriage(other, code: elsewhere)
        other.app.type("3")
        for _ in 0..<(Self.agency.count + 1) { other.app.key(.backspace) }
        XCTAssertEqual(prior?.code.text, "")
        other.app.type(elsewhere)
        other.app.key(.tab)
        other.app.type(Self.brideID)
        other.app.key(.enter)
        XCTAssertEqual(prior?.found.map(\.code), [elsewhere], other.text)
    }

    func testTheFatherFilledFromTheMarriageBecomesTheApplicantWithOneButton() throws {
        let h = try UIHarness(width: 100, height: 36, agencyCode: Self.agency)
        self.h = h
        try finalizeMarriage(h, code: Self.agency + "-261120-0007")
        h.app.type("3")
        h.app.type("261120-0007")
        h.app.key(.tab)
        h.app.type(Self.brideID)
        h.app.key(.enter)
        h.app.key(.enter) // Continue
        h.chooseProcedure("khai sinh", pin: "2468")
        XCTAssertTrue(h.text.contains("→ ◀ Mẹ ▶") && h.text.contains("→ ◀ Cha ▶"), h.text)
        h.app.key(.enter) // Fill in: the bride as the mother, the groom as the father
        XCTAssertEqual(h.raw("father_full_name"), "Lê Hoàng Nam")
        XCTAssertEqual(h.raw("applicant_full_name"), "")
        // The applicant's page offers both parents, above the first field.
        let rows = try XCTUnwrap(h.session?.rows)
        XCTAssertTrue(rows.contains(.copyToApplicant(from: "mother")) && rows.contains(.copyToApplicant(from: "father")), "\(rows)")
        XCTAssertTrue(h.text.contains("= Giống người mẹ") && h.text.contains("= Giống người cha"), h.text)
        XCTAssertEqual(h.session?.focusedRow, .field(FieldPath(field: h.session!.form.fieldIndexByID["applicant_full_name"]!)),
                       "typing still goes to the first field")

        h.app.key(.backTab) // up to "= Giống người cha"
        XCTAssertEqual(h.session?.focusedRow, .copyToApplicant(from: "father"))
        h.app.key(.enter)
        XCTAssertEqual(h.raw("applicant_full_name"), "Lê Hoàng Nam")
        XCTAssertEqual(h.raw("applicant_id_number"), Self.groomID)
        XCTAssertEqual(h.raw("applicant_relationship"), "father", "the one registering is the father")
        XCTAssertEqual(h.session?.message?.vi,
                       "Đã chép Quan hệ với người được khai sinh, Họ, chữ đệm và tên, Số định danh cá nhân sang Người đi đăng ký khai sinh; hãy kiểm tra.")
        // Marked as copied, and the focus on what is left: the phone.
        XCTAssertTrue(h.text.contains("=Họ, chữ đệm và tên"), h.text)
        XCTAssertEqual(h.session?.focusedRow, .field(FieldPath(field: h.session!.form.fieldIndexByID["applicant_phone"]!)))
        // Now that the relationship says the father, only he is offered.
        XCTAssertFalse(h.session!.rows.contains(.copyToApplicant(from: "mother")))
        // A changed answer is no longer marked.
        h.focus("applicant_full_name")
        h.app.key(.backspace)
        h.app.key(.tab)
        XCTAssertFalse(h.text.contains("=Họ, chữ đệm và tên"), h.text)
        XCTAssertTrue(h.text.contains("=Số định danh cá nhân"), h.text)
    }

    func testAGrandmotherRegisteringIsNotOfferedTheParents() throws {
        let h = try UIHarness(width: 100, height: 36)
        self.h = h
        h.startForm("khai sinh")
        guard case .form(var f) = h.app.state.page else { return XCTFail() }
        _ = f.state.set("father_known", "yes")
        _ = f.state.set("father_full_name", "Lê Hoàng Nam")
        h.app.state.page = .form(f)
        XCTAssertTrue(h.session!.rows.contains(.copyToApplicant(from: "father")))
        h.focus("applicant_relationship")
        h.app.type("ba")
        h.app.key(.enter)
        XCTAssertEqual(h.raw("applicant_relationship"), "grandmother")
        XCTAssertFalse(h.session!.rows.contains(.copyToApplicant(from: "father")), "\(h.session!.rows)")
        XCTAssertEqual(h.session?.focusedRow?.path.map { h.session!.state.name(of: $0) }, "applicant_phone", "the focus stayed where it went")
    }
}

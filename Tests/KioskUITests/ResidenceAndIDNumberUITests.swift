import XCTest
import KioskCore
@testable import KioskUI

/// Issue 14, section 1, driven by keys: the residence forms ask a minor's
/// parent or guardian, a document the office looks up is not on the list
/// of what to bring, and an id number of a birth registered abroad is taken
/// and its place said.
final class ResidenceAndIDNumberUITests: XCTestCase {
    func testTheConsentOfAParentOrGuardianIsAskedForAMinor() throws {
        let h = try UIHarness(width: 160, height: 50)
        h.startForm("thuong tru")
        XCTAssertFalse(h.text.contains("Ý kiến của cha, mẹ hoặc người giám hộ"), h.text)
        h.focus("applicant_birth_date")
        h.app.type("02/08/1988")
        h.app.key(.tab)
        XCTAssertFalse(h.text.contains("Ý kiến của cha, mẹ hoặc người giám hộ"), "an adult: \(h.text)")

        h.focus("applicant_birth_date")
        h.app.key(.backspace, times: 10)
        h.app.type("05/05/2010") // 16 on 23/11/2026
        h.app.key(.tab)
        XCTAssertTrue(h.text.contains("Ý kiến của cha, mẹ hoặc người giám hộ: đồng ý cho"), h.text)
        XCTAssertTrue(h.text.contains("Họ, chữ đệm và tên cha, mẹ hoặc người giám hộ"), h.text)

        // A "no" is refused with a reason; nothing else typed is lost.
        h.focus("guardian_consent")
        h.app.type("2") // Không
        h.app.key(.tab)
        XCTAssertEqual(h.raw("guardian_consent"), "no")
        // Leaving the page checks it: the problem shows under the answer.
        h.app.key(.pageDown)
        if case .leavePage? = h.app.state.overlay { h.app.key(.escape) }
        XCTAssertTrue(h.text.contains("Người chưa thành niên cần có ý kiến đồng ý của cha, mẹ hoặc người giám hộ."), h.text)
        XCTAssertEqual(h.raw("applicant_birth_date"), "05/05/2010")
    }

    func testADocumentTheOfficeLooksUpIsNotListedToBring() throws {
        let h = try UIHarness()
        h.startForm("thuong tru")
        try h.load(sample: "dang-ky-thuong-tru")
        while case .fields? = h.session?.stage { h.nextPage() }
        XCTAssertTrue(h.text.contains("cơ quan tự tra cứu"), "the documents step says so: \(h.text)")
        // Even marked "I will bring it": the office looks the relationship up.
        guard case .form(var f) = h.app.state.page else { return XCTFail(h.text) }
        _ = f.state.set("doc_qhnt", "desk")
        h.app.state.page = .form(f)
        h.nextPage()
        let count = ReviewUpdate.answerPaths(h.session!).count
        while let focus = h.session?.focus, focus < count { h.app.key(.down) }
        h.app.key(.text(" ")) // the declaration
        h.app.key(.down)
        h.app.key(.enter)
        guard case .receipt(let r) = h.app.state.page else { return XCTFail(h.text) }
        let relationship = try XCTUnwrap(f.form.procedure.documents.first { $0.code == "QHNT" }).name
        let lawfulHome = try XCTUnwrap(f.form.procedure.documents.first { $0.code == "CMCHO" }).name
        XCTAssertTrue(r.receipt.bring.contains(lawfulHome), "\(r.receipt.bring)")
        XCTAssertFalse(r.receipt.bring.contains(relationship), "\(r.receipt.bring)")
        XCTAssertEqual(r.receipt.lookedUp, [relationship])

        let paper = r.receipt.text(columns: 80, language: .vi)
        let bringPart = try XCTUnwrap(paper.components(separatedBy: "Mang theo khi nhận").dropFirst().first?
            .components(separatedBy: "Cơ quan tự tra cứu").first, paper)
        XCTAssertTrue(bringPart.contains("chỗ ở hợp pháp"), paper)
        XCTAssertFalse(bringPart.contains("quan hệ nhân thân"), "not under what to bring: \(paper)")
        XCTAssertTrue(paper.contains("Cơ quan tự tra cứu, chỉ mang khi được yêu cầu"), paper)
    }

    func testAnIDNumberWithACountryCodeIsTakenAndItsPlaceShown() throws {
        let h = try UIHarness(width: 160, height: 50)
        h.startForm("thuong tru")
        h.focus("applicant_id_number")
        h.app.type("174199001234")
        XCTAssertTrue(h.text.contains("Nơi đăng ký khai sinh: mã quốc gia 174 — Hàn Quốc"), h.text)
        h.app.key(.tab)
        XCTAssertEqual(h.raw("applicant_id_number"), "174199001234")
        let f = try XCTUnwrap(h.session)
        let id = try XCTUnwrap(f.state.path(named: "applicant_id_number"))
        XCTAssertEqual(f.state.value(id), .text("174199001234"))
        XCTAssertEqual(f.state.issues(id), [], "accepted")
        XCTAssertFalse(h.text.contains("không phải mã tỉnh"), h.text)

        // A province merged in 2025 says what it is now.
        h.focus("applicant_id_number")
        h.app.key(.backspace, times: 12)
        h.app.type("064088005173")
        XCTAssertTrue(h.text.contains("Nơi đăng ký khai sinh: mã tỉnh 064 — Gia Lai (cũ), nay là tỉnh Gia Lai"), h.text)
    }

    func testTheSamePlaceInEnglish() throws {
        let h = try UIHarness(width: 160, height: 50, language: .en)
        h.startForm("permanent residence")
        h.focus("applicant_id_number")
        h.app.type("174199001234")
        XCTAssertTrue(h.text.contains("Birth registered in: country code 174 — South Korea"), h.text)
    }
}

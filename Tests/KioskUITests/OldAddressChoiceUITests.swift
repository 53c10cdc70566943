import Foundation
import XCTest
import KioskCore
@testable import KioskUI

/// An old address whose old commune was divided in 2025, or whose words
/// name several old communes, is put to the person before it is taken: a
/// small chooser, by keys and by taps, at 80x24 and 160x50, in Vietnamese
/// and English (issue 17). Made-up people only.
final class OldAddressChoiceUITests: XCTestCase {
    /// A made-up bride of Hà Nội (001), born 1995, female, living in Phường
    /// Cống Vị, divided in 2025 (Ngọc Hà, the default; Giảng Võ).
    static let divided = "001195012873||Nguyễn Thị Thu Hà|05071995|Nữ|Số 12 Ngõ 5, P. Cống Vị, Q. Ba Đình, Hà Nội|12032021"
    /// Xã Tân Minh, with the district left out: one in Sóc Sơn, one in Thường Tín.
    static let several = "001195012873||Nguyễn Thị Thu Hà|05071995|Nữ|Thôn 2, Xã Tân Minh, Thành phố Hà Nội|12032021"

    /// A scan as the terminal gives it (a keyboard-mode burst told apart
    /// by its speed, or a serial line: KeyBurstTests, SerialScannerTests).
    func scan(_ h: UIHarness, _ payload: String) {
        h.app.send(.scan(ScanPayload(payload)))
    }

    func bridePage(_ h: UIHarness) {
        h.startForm("ket hon")
        XCTAssertEqual(h.session.map { $0.form.pages[$0.page].id }, "bride", h.text)
    }

    func testADividedCommuneIsChosenByKeysBeforeTheCardIsTaken() throws {
        let h = try UIHarness(width: 80, height: 24)
        bridePage(h)
        scan(h, Self.divided)
        guard case .oldAddressChoice? = h.app.state.overlay else { return XCTFail("asked first:\n\(h.text)") }
        XCTAssertTrue(h.text.contains("Địa chỉ cũ: chọn xã, phường hiện nay"), h.text)
        XCTAssertTrue(h.text.contains("Phường Ngọc Hà (đề xuất)"), h.text)
        XCTAssertTrue(h.text.contains("Phường Giảng Võ"), h.text)
        XCTAssertTrue(h.text.contains("Nay thuộc Thành phố Hà Nội."), h.text)
        XCTAssertTrue(h.text.contains("Giữ như đã ghi"), h.text)
        XCTAssertEqual(h.raw("bride_full_name"), "", "nothing taken before the choice")
        h.app.key(.down)
        h.app.key(.enter)
        XCTAssertNil(h.app.state.overlay, h.text)
        XCTAssertEqual(h.raw("bride_full_name"), "Nguyễn Thị Thu Hà")
        XCTAssertEqual(h.raw("bride_residence"), "01|00025|Số 12 Ngõ 5", "the other commune, the street kept")
        let saved = try h.store.answers(draftID: try XCTUnwrap(h.session?.draft.id))
        XCTAssertEqual(saved.first { $0.name == "bride_residence" }?.raw, "01|00025|Số 12 Ngõ 5")
    }

    func testATapPicksAnotherAndTypedAnswersAreAskedAboutAfterInEnglishAtTheLargeSize() throws {
        let h = try UIHarness(width: 160, height: 50)
        bridePage(h)
        h.app.state.language = .en
        h.focus("bride_full_name")
        h.app.type("Nguyeenx Thij Thu")
        scan(h, Self.divided)
        XCTAssertTrue(h.text.contains("Old address: choose today's commune"), h.text)
        XCTAssertTrue(h.text.contains("Phường Ngọc Hà (proposed)"), h.text)
        XCTAssertTrue(h.text.contains("Keep as written, choose later"), h.text)
        XCTAssertTrue(h.text.contains("now lies in several communes"), h.text)
        XCTAssertTrue(h.text.contains("Today in"), h.text)
        let second = try XCTUnwrap(h.app.screen.hitAreas.last { $0.target == .button("dialog.1") })
        h.app.press(x: second.x + 1, y: second.y)
        // Then the typed name, which differs from the card's: asked about.
        guard case .cardConflicts? = h.app.state.overlay else { return XCTFail("the typed name asked about:\n\(h.text)") }
        XCTAssertEqual(h.raw("bride_residence"), "", "nothing written before that answer")
        let take = try XCTUnwrap(h.app.screen.hitAreas.last { $0.target == .button("dialog.1") })
        h.app.press(x: take.x + 1, y: take.y)
        XCTAssertEqual(h.raw("bride_full_name"), "Nguyễn Thị Thu Hà")
        XCTAssertEqual(h.raw("bride_residence"), "01|00025|Số 12 Ngõ 5")

        // The same card again: its commune already chosen, nothing asked.
        scan(h, Self.divided)
        XCTAssertNil(h.app.state.overlay, h.text)
        XCTAssertEqual(h.raw("bride_residence"), "01|00025|Số 12 Ngõ 5")
    }

    func testClosingTheChooserFillsNothingFromTheCard() throws {
        let h = try UIHarness(width: 80, height: 24)
        bridePage(h)
        scan(h, Self.divided)
        h.app.key(.escape)
        XCTAssertNil(h.app.state.overlay)
        XCTAssertEqual(h.raw("bride_full_name"), "")
        XCTAssertEqual(h.raw("bride_residence"), "")
        XCTAssertTrue(h.text.contains("Chưa điền gì từ thẻ."), h.text)
        // Again: the proposed commune is one Enter.
        scan(h, Self.divided)
        h.app.key(.enter)
        XCTAssertEqual(h.raw("bride_residence"), "01|00008|Số 12 Ngõ 5", "the table's default")
    }

    func testSeveralOldCommunesAreOfferedOrKeptAsWritten() throws {
        let h = try UIHarness(width: 80, height: 24)
        bridePage(h)
        scan(h, Self.several)
        XCTAssertTrue(h.text.contains("khớp với nhiều xã, phường"), h.text)
        XCTAssertTrue(h.text.contains("← Xã Tân Minh, Huyện Sóc Sơn"), h.text)
        XCTAssertTrue(h.text.contains("← Xã Tân Minh, Huyện Thường Tín"), h.text)
        XCTAssertFalse(h.text.contains("(đề xuất)"), "nothing proposed: either may be right")
        h.app.key(.up) // from the first option round to "keep as written"
        h.app.key(.enter)
        XCTAssertEqual(h.raw("bride_full_name"), "Nguyễn Thị Thu Hà")
        XCTAssertEqual(h.raw("bride_residence"), "||Thôn 2, Xã Tân Minh, Thành phố Hà Nội", "kept whole, to choose on the field")
    }

    func testManyOptionsScrollInTheSmallWindow() throws {
        let h = try UIHarness(width: 80, height: 24)
        bridePage(h)
        // A long street part (the body takes more rows): the options scroll.
        let written = "Căn hộ 12.05 Lô B Chung cư Nguyễn Văn Đậu, Số 123/45 Hẻm 67 Đường Lê Văn Sỹ, Tổ dân phố 12, Khu phố 3, Khu dân cư Bàu Cát Đôi, gần chợ Bàu Cát và trường tiểu học, Phường 1, TP. Hồ Chí Minh"
        scan(h, "079195012873||Nguyễn Thị Thu Hà|05071995|Nữ|\(written)|12032021")
        guard case .oldAddressChoice(let choice, _)? = h.app.state.overlay else { return XCTFail("asked first:\n\(h.text)") }
        XCTAssertEqual(choice.options.count, 10, "Phường 1 of many districts")
        XCTAssertTrue(h.text.contains("\(choice.options.count + 1) lựa chọn: dùng ↑ ↓ để xem hết."), h.text)
        XCTAssertFalse(h.text.contains("Giữ như đã ghi"), "below the window")
        h.app.key(.up) // round to the last: "keep as written", now shown
        XCTAssertTrue(h.text.contains("Giữ như đã ghi"), h.text)
        XCTAssertTrue(h.text.split(separator: "\n").count <= 24)
        h.app.key(.enter)
        XCTAssertEqual(h.raw("bride_residence"), "||" + written)
    }

    /// An earlier dossier's divided commune: filled as written, then the
    /// chooser; the choice is saved and stays marked.
    func testAnEarlierDossiersDividedCommuneIsChosenAfterTheOffer() throws {
        let h = try UIHarness(width: 80, height: 24)
        h.startForm("khai sinh")
        let session = try XCTUnwrap(h.session)
        let prior = PriorDossier(code: "000.00.13.H36-250601-0001", procedureCode: "1.000894", procedureName: "Đăng ký kết hôn",
                                 answers: ["bride.full_name": ["Nguyễn Thị Thu Hà"],
                                           "bride.residence": ["Số 12 Ngõ 5, P. Cống Vị, Q. Ba Đình, Hà Nội"],
                                           "groom.full_name": ["Trần Văn Hùng"],
                                           "groom.residence": ["Thôn 2, Xã Tân Minh, Thành phố Hà Nội"]],
                                 origin: .station)
        h.app.state.page = .offer(OfferState(session: session, priors: [prior]))
        h.app.key(.enter) // Fill in: the bride as the mother, the groom as the father
        guard case .oldAddressChoice(_, for: .answer("mother_residence"))? = h.app.state.overlay else { return XCTFail("the mother's first:\n\(h.text)") }
        XCTAssertEqual(h.raw("mother_residence"), "||Số 12 Ngõ 5, P. Cống Vị, Q. Ba Đình, Hà Nội", "as written until chosen")
        h.app.key(.down)
        h.app.key(.enter)
        XCTAssertEqual(h.raw("mother_residence"), "01|00025|Số 12 Ngõ 5")
        XCTAssertEqual(h.session?.prefill(FieldPath(field: try XCTUnwrap(h.session?.form.fieldIndexByID["mother_residence"])))?.raw,
                       "01|00025|Số 12 Ngõ 5", "still marked as filled from the earlier dossier")
        // Then the father's, which names two old communes; Esc keeps it as written.
        guard case .oldAddressChoice(_, for: .answer("father_residence"))? = h.app.state.overlay else { return XCTFail("the father's next:\n\(h.text)") }
        h.app.key(.escape)
        XCTAssertNil(h.app.state.overlay)
        XCTAssertEqual(h.raw("father_residence"), "||Thôn 2, Xã Tân Minh, Thành phố Hà Nội")
        let saved = try h.store.answers(draftID: try XCTUnwrap(h.session?.draft.id))
        XCTAssertEqual(saved.first { $0.name == "mother_residence" }?.raw, "01|00025|Số 12 Ngõ 5")
        XCTAssertEqual(try h.store.prefills(draftID: try XCTUnwrap(h.session?.draft.id)).first { $0.name == "mother_residence" }?.raw, "01|00025|Số 12 Ngõ 5")
    }

    /// A card issued from 1 July 2025 writes today's units: Phường Ngọc Hà
    /// is today's (00008), not the old Phường Ngọc Hà divided in 2025.
    func testACardIssuedFromJuly2025IsReadInTodaysUnits() throws {
        let h = try UIHarness(width: 80, height: 24)
        bridePage(h)
        scan(h, "001195012873||Nguyễn Thị Thu Hà|05071995|Nữ|Số 3, Phường Ngọc Hà, Thành phố Hà Nội|01082025||||")
        XCTAssertNil(h.app.state.overlay, h.text)
        XCTAssertEqual(h.raw("bride_residence"), "01|00008|Số 3")
        XCTAssertEqual(h.raw("bride_id_type"), "CC")
        // The same words on a card of 2021 are old units, a divided commune
        // (CurrentAddressTests); the answer is one of its options: kept.
        scan(h, "001195012873||Nguyễn Thị Thu Hà|05071995|Nữ|Số 3, Phường Ngọc Hà, Thành phố Hà Nội|12032021")
        XCTAssertNil(h.app.state.overlay, h.text)
        XCTAssertEqual(h.raw("bride_residence"), "01|00008|Số 3")
    }
}

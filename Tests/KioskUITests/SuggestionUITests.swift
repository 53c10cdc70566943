import Foundation
import XCTest
import KioskCore
@testable import KioskUI

/// Suggestions on a text (`suggest`), driven with keys on the birth
/// registration and read on the screen: the health facility from the
/// province's list fills the birth place, never over an answer given; the
/// home town in today's unit names; what is typed stays the answer unless a
/// suggestion is chosen. And the PIN offered after an earlier dossier was
/// verified (issue 13, section 9).
final class SuggestionUITests: XCTestCase {
    /// On the child's page of the birth registration, born at a health facility.
    private func childPage(width: Int = 80, height: Int = 24) throws -> UIHarness {
        let h = try UIHarness(width: width, height: height)
        h.startForm("khai sinh")
        h.nextPage()
        XCTAssertEqual(h.session.map { $0.form.pages[$0.page].id }, "child", h.text)
        h.focus("child_birth_place_type")
        h.app.type("co so")
        h.app.key(.enter)
        XCTAssertEqual(h.raw("child_birth_place_type"), "health_facility", h.text)
        h.focus("child_birth_facility_name")
        return h
    }

    func testAFacilityChosenFromTheListFillsTheBirthPlace() throws {
        let h = try childPage()
        h.app.type("bvdk lam")
        XCTAssertTrue(h.text.contains("Gợi ý (↓ để chọn rồi Enter; hoặc gõ tiếp):"), h.text)
        XCTAssertTrue(h.text.contains("BVĐK Lâm Đồng → Bệnh viện Đa khoa tỉnh"), "found by its short name, shown as such:\n\(h.text)")
        XCTAssertNil(h.session?.suggestIndex, "nothing is highlighted until ↓")
        XCTAssertEqual(h.raw("child_birth_facility_name"), "bvdk lam", "what is typed is the answer meanwhile")
        h.app.key(.down)
        XCTAssertTrue(h.text.contains("▶ BVĐK Lâm Đồng → Bệnh viện Đa khoa tỉnh"), h.text)
        h.app.key(.enter)
        XCTAssertEqual(h.raw("child_birth_facility_name"), "Bệnh viện Đa khoa tỉnh Lâm Đồng")
        XCTAssertEqual(h.raw("child_birth_place"), "68|24787|Số 1 đường Phạm Ngọc Thạch")
        XCTAssertEqual(h.session?.message?.vi, "Đã chọn “Bệnh viện Đa khoa tỉnh Lâm Đồng”. Đã điền theo đó: Địa chỉ nơi sinh; hãy kiểm tra.")
        XCTAssertTrue(h.text.contains("Đã chọn “Bệnh viện Đa khoa tỉnh Lâm Đồng”."), h.text)
        // The filled address is on the screen, marked as copied, and saved.
        XCTAssertTrue(h.text.contains("Phường Cam Ly - Đà Lạt"), h.text)
        XCTAssertTrue(h.text.contains("Số 1 đường Phạm Ngọc Thạch"), h.text)
        let draft = try XCTUnwrap(h.session?.draft.id)
        let saved = try h.store.answers(draftID: draft)
        XCTAssertEqual(saved.first { $0.name == "child_birth_place" }?.raw, "68|24787|Số 1 đường Phạm Ngọc Thạch")
        XCTAssertEqual(h.session?.focusedRow, .addressPart(FieldPath(field: h.session!.form.fieldIndexByID["child_birth_place"]!), 0),
                       "Enter went on to the next row")
    }

    func testEnterWithoutAHighlightKeepsWhatWasTyped() throws {
        let h = try childPage()
        h.app.type("Beejnh vieejn dda khoa")
        XCTAssertTrue(h.text.contains("Bệnh viện Đa khoa tỉnh Lâm Đồng"), "offered:\n\(h.text)")
        h.app.key(.enter)
        XCTAssertEqual(h.raw("child_birth_facility_name"), "Bệnh viện đa khoa", "typed in Telex, kept as typed")
        XCTAssertEqual(h.raw("child_birth_place"), "", "nothing filled")
        // ↓ then ↑ back above the list: none highlighted, Enter keeps the text.
        h.focus("child_birth_facility_name")
        h.app.type(" X")
        h.app.key(.down)
        h.app.key(.up)
        XCTAssertNil(h.session?.suggestIndex)
        h.app.key(.enter)
        XCTAssertEqual(h.raw("child_birth_facility_name"), "Bệnh viện đa khoa X")
    }

    func testAnAddressAlreadyGivenIsKept() throws {
        let h = try childPage()
        h.focus("child_birth_place", part: 2)
        h.app.type("Khoa san")
        let typed = h.raw("child_birth_place")
        h.focus("child_birth_facility_name")
        h.app.type("da khoa")
        h.app.key(.down)
        h.app.key(.enter)
        XCTAssertEqual(h.raw("child_birth_facility_name"), "Bệnh viện Đa khoa tỉnh Lâm Đồng")
        XCTAssertEqual(h.raw("child_birth_place"), typed, "an answer given is never replaced")
        XCTAssertEqual(h.session?.message?.vi, "Đã chọn “Bệnh viện Đa khoa tỉnh Lâm Đồng”. Giữ nguyên Địa chỉ nơi sinh vì đã có câu trả lời.")
    }

    func testTheHomeTownIsOfferedInTodaysUnitNames() throws {
        let h = try childPage(width: 160, height: 50)
        h.focus("child_hometown")
        h.app.type("duc trong")
        XCTAssertTrue(h.text.contains("Xã Đức Trọng, Tỉnh Lâm Đồng"), h.text)
        h.app.key(.down)
        h.app.key(.enter)
        XCTAssertEqual(h.raw("child_hometown"), "Xã Đức Trọng, Tỉnh Lâm Đồng")
        XCTAssertFalse(h.text.contains("Gợi ý (↓"), "the list is gone once chosen:\n\(h.text)")
    }

    func testATapOnASuggestionTakesIt() throws {
        let h = try childPage()
        h.app.type("da khoa tinh")
        let lines = h.text.split(separator: "\n", omittingEmptySubsequences: false)
        let y = try XCTUnwrap(lines.firstIndex { $0.contains("Bệnh viện Đa khoa tỉnh Lâm Đồng") && !$0.contains("[") }, h.text)
        let x = try XCTUnwrap(lines[y].range(of: "Bệnh viện").map { lines[y].distance(from: lines[y].startIndex, to: $0.lowerBound) })
        h.app.send(.press(x: x, y: y))
        XCTAssertEqual(h.raw("child_birth_facility_name"), "Bệnh viện Đa khoa tỉnh Lâm Đồng", h.text)
        XCTAssertEqual(h.raw("child_birth_place"), "68|24787|Số 1 đường Phạm Ngọc Thạch")
    }

    func testInEnglishTheListAndTheMessageAreEnglish() throws {
        let h = try UIHarness(width: 160, height: 50, language: .en)
        h.startForm("birth")
        h.nextPage()
        h.focus("child_birth_place_type")
        h.app.type("co so")
        h.app.key(.enter)
        h.focus("child_birth_facility_name")
        h.app.type("da khoa")
        XCTAssertTrue(h.text.contains("Suggestions (↓ to choose, then Enter; or keep typing):"), h.text)
        h.app.key(.down)
        h.app.key(.enter)
        XCTAssertTrue(h.text.contains("Chose “Bệnh viện Đa khoa tỉnh Lâm Đồng”. Filled from it: Address of the place of birth; please check."), h.text)
    }
}

/// The PIN offered after an earlier dossier was found with an id number.
final class OfferedPinUITests: XCTestCase {
    func testTheVerifiedDigitsAreOfferedAndEnterTakesThem() throws {
        let h = try UIHarness(agencyCode: HelperShortcutTests.agency)
        try h.finalizeMarriageSample(code: HelperShortcutTests.agency + "-261120-0007")
        h.app.type("3")
        h.app.type("261120-0007")
        h.app.key(.tab)
        h.app.type(HelperShortcutTests.brideID)
        h.app.key(.enter)
        h.app.key(.enter) // continue to the procedures
        h.app.type("khai sinh")
        h.app.key(.enter)
        guard case .pin(let pin) = h.app.state.page else { return XCTFail(h.text) }
        XCTAssertEqual(pin.offered, String(HelperShortcutTests.brideID.suffix(4)))
        XCTAssertTrue(h.text.contains("Nhấn Enter để dùng 4 số cuối của số giấy tờ vừa nhập khi tìm hồ sơ cũ"), h.text)
        XCTAssertFalse(h.text.contains(String(HelperShortcutTests.brideID.suffix(4))), "the digits are not shown")
        h.app.key(.enter)
        guard case .offer(let offer) = h.app.state.page else { return XCTFail("the draft starts with those digits:\n\(h.text)") }
        let draft = offer.session.draft
        XCTAssertNoThrow(try h.store.resumeDraft(code: draft.resumeCode, verification: String(HelperShortcutTests.brideID.suffix(4))))
    }

    func testOtherDigitsMayStillBeChosenAndAreTypedTwice() throws {
        let h = try UIHarness(agencyCode: HelperShortcutTests.agency)
        try h.finalizeMarriageSample(code: HelperShortcutTests.agency + "-261120-0007")
        h.app.type("3")
        h.app.type("261120-0007")
        h.app.key(.tab)
        h.app.type(HelperShortcutTests.brideID)
        h.app.key(.enter)
        h.app.key(.enter)
        h.app.type("khai sinh")
        h.app.key(.enter)
        h.app.type("97")
        XCTAssertTrue(h.text.contains("Đang chọn 4 chữ số khác"), h.text)
        h.app.type("31")
        h.app.key(.enter)
        guard case .pin(let pin) = h.app.state.page, pin.confirming else { return XCTFail("asked again:\n\(h.text)") }
        h.app.type("9731")
        h.app.key(.enter)
        guard case .offer(let offer) = h.app.state.page else { return XCTFail(h.text) }
        let draft = offer.session.draft
        XCTAssertNoThrow(try h.store.resumeDraft(code: draft.resumeCode, verification: "9731"))
    }

    func testWithoutAnEarlierDossierNothingIsOffered() throws {
        let h = try UIHarness()
        h.app.type("1")
        h.app.type("khai sinh")
        h.app.key(.enter)
        guard case .pin(let pin) = h.app.state.page else { return XCTFail(h.text) }
        XCTAssertNil(pin.offered)
        h.app.key(.enter)
        XCTAssertTrue(h.text.contains("Cần đúng 4 chữ số."), h.text)
    }
}

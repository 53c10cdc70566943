import Foundation
import XCTest
import KioskCore
@testable import KioskUI

/// A căn cước card scanned by a scanner that types like a keyboard (issue
/// 17): the payload as one burst of keys, then Enter. Made-up people only.
final class CardScanUITests: XCTestCase {
    /// A made-up mother: born 05/07/1995 in Lâm Đồng (068), female.
    static let mother = "068195012873|250123456|Nguyễn Thị Thu Hà|05071995|Nữ|Thôn 3, Xã Tân Hà, Huyện Lâm Hà, Lâm Đồng|12032021"

    /// A scan as the terminal gives it (a keyboard-mode burst told apart
    /// by its speed, or a serial line: KeyBurstTests, SerialScannerTests).
    func scan(_ h: UIHarness, _ payload: String) {
        h.app.send(.scan(ScanPayload(payload)))
    }

    func motherPage(_ h: UIHarness) throws {
        h.startForm("khai sinh")
        let target = try XCTUnwrap(h.session?.form.pages.firstIndex { $0.id == "mother" })
        for _ in 0..<10 { if let f = h.session, f.page < target { h.nextPage() } else { break } }
        XCTAssertEqual(h.session?.page, target)
    }

    func testAScanOnTheMothersPageFillsHerWithMarks() throws {
        let h = try UIHarness(width: 120, height: 40)
        try motherPage(h)
        let focusBefore = h.session?.focus
        scan(h, Self.mother)
        XCTAssertEqual(h.raw("mother_full_name"), "Nguyễn Thị Thu Hà")
        XCTAssertEqual(h.raw("mother_birth_date"), "05/07/1995")
        XCTAssertEqual(h.raw("mother_id_type"), "CCCD", "issued in 2021: a CCCD")
        XCTAssertEqual(h.raw("mother_id_number"), "068195012873")
        XCTAssertEqual(h.raw("mother_nationality"), "VN")
        XCTAssertEqual(h.raw("mother_residence"), "", "asked only without an id number: not filled while hidden")
        XCTAssertEqual(h.session?.focus, focusBefore, "the scanner's Enter is not the person's")
        XCTAssertTrue(h.text.contains("Đã điền từ thẻ căn cước: Họ, chữ đệm và tên"), h.text)
        XCTAssertTrue(h.text.contains("=Họ, chữ đệm và tên"), "marked:\n\(h.text)")
        // Saved like typed answers.
        let saved = try h.store.answers(draftID: try XCTUnwrap(h.session?.draft.id))
        XCTAssertEqual(saved.first { $0.name == "mother_id_number" }?.raw, "068195012873")
    }

    func testTheCardsOldAddressArrivesInTodaysUnits() throws {
        let h = try UIHarness(width: 120, height: 40)
        h.startForm("ket hon")
        XCTAssertEqual(h.session.map { $0.form.pages[$0.page].id }, "bride", h.text)
        scan(h, Self.mother)
        XCTAssertEqual(h.raw("bride_full_name"), "Nguyễn Thị Thu Hà")
        XCTAssertEqual(h.raw("bride_residence"), "68|24916|Thôn 3", "Xã Tân Hà of Huyện Lâm Hà is Xã Tân Hà Lâm Hà today")
        XCTAssertTrue(h.text.contains("Xã Tân Hà Lâm Hà"), h.text)
    }

    /// A scanner that sends ASCII only: nothing without marks is filled.
    /// The name is said, to be typed; the residence gives its province and
    /// commune (named with their marks), the street to be typed.
    func testAScanWithoutMarksFillsNothingUnmarked() throws {
        let h = try UIHarness(width: 80, height: 24)
        h.startForm("ket hon")
        scan(h, "068195012873|250123456|NGUYEN THI THU HA|05071995|Nu|Thon 3, Xa Tan Ha, Huyen Lam Ha, Lam Dong|12032021")
        XCTAssertEqual(h.raw("bride_full_name"), "", "typed with marks by the helper")
        XCTAssertEqual(h.raw("bride_id_number"), "068195012873")
        XCTAssertEqual(h.raw("bride_birth_date"), "05/07/1995")
        XCTAssertEqual(h.raw("bride_residence"), "68|24916|", "today's province and commune, no unmarked street")
        XCTAssertTrue(h.text.contains("Máy quét gửi chữ không"), h.text)
        XCTAssertTrue(h.text.contains("(“NGUYEN THI THU HA”): họ tên và số nhà, đường chưa điền"), h.text)
    }

    func testAScanOverTypedAnswersAsksFirst() throws {
        let h = try UIHarness(width: 120, height: 40)
        try motherPage(h)
        h.focus("mother_full_name")
        h.app.type("Nguyeenx Thij Thu")
        scan(h, Self.mother)
        guard case .cardConflicts? = h.app.state.overlay else { return XCTFail("asked first:\n\(h.text)") }
        XCTAssertTrue(h.text.contains("Thẻ khác với câu trả lời đã nhập"), h.text)
        XCTAssertEqual(h.raw("mother_id_number"), "", "nothing written before the answer")
        h.app.key(.enter) // "Giữ câu trả lời đã nhập", focused first
        XCTAssertEqual(h.raw("mother_full_name"), "Nguyễn Thị Thu", "the typed name kept")
        XCTAssertEqual(h.raw("mother_id_number"), "068195012873", "the empty ones filled")
        XCTAssertTrue(h.text.contains("Giữ nguyên câu trả lời đã nhập: Họ, chữ đệm và tên."), h.text)

        // Again, taking the card's.
        h.focus("mother_full_name")
        scan(h, Self.mother)
        h.app.key(.right)
        h.app.key(.enter)
        XCTAssertEqual(h.raw("mother_full_name"), "Nguyễn Thị Thu Hà")
    }

    func testWhatIsNotACardChangesNothing() throws {
        let h = try UIHarness(width: 120, height: 40)
        try motherPage(h)
        // A card that disagrees with itself: shown, not trusted.
        scan(h, "068092004512||Nguyễn Thị Thu Hà|05071995|Nữ|Lâm Đồng|12032021")
        XCTAssertEqual(h.raw("mother_full_name"), "")
        XCTAssertTrue(h.text.contains("Thẻ vừa quét không khớp với chính nó"), h.text)
        // A truncated code.
        scan(h, "068195012873|250123456|Nguyễn Thị Thu Hà|0507")
        XCTAssertEqual(h.raw("mother_full_name"), "")
        XCTAssertTrue(h.text.contains("chỉ đọc được một phần"), h.text)
        // A child's card for the mother.
        scan(h, "068220012873||Trần Gia Bảo|28102020|Nam|Lâm Đồng|01082025")
        XCTAssertTrue(h.text.contains("mới 6 tuổi"), h.text)
        XCTAssertEqual(h.raw("mother_id_number"), "")
        // A parcel barcode typed fast is a paste, as before: it goes into the field.
        h.focus("mother_full_name")
        h.app.send(.key(.text("8934588012345")))
        XCTAssertEqual(h.raw("mother_full_name"), "8934588012345")
        // What the terminal gives as keys is typing, whatever its shape: it
        // tells a scanner's burst by speed (KeyBurstTests), the app does not guess.
        h.app.send(.key(.text("068195012873|250123456|Nguyen Thi Thu Ha|05071995|Nu|x|12032021")))
        XCTAssertEqual(h.raw("mother_id_number"), "", "nothing scanned")
        XCTAssertTrue(h.raw("mother_full_name").hasSuffix("|12032021"), h.raw("mother_full_name"))
    }

    func testACardScannedBeforeTheFormIsAskedAboutWhenItStarts() throws {
        let h = try UIHarness()
        scan(h, Self.mother)
        guard case .message? = h.app.state.overlay else { return XCTFail(h.text) }
        XCTAssertTrue(h.text.contains("Đã đọc thẻ căn cước của Nguyễn Thị Thu Hà."), h.text)
        guard case .welcome = h.app.state.page else { return XCTFail("stays on the welcome screen") }
        h.app.key(.enter) // OK
        h.startForm("khai sinh")
        guard case .cardWhose? = h.app.state.overlay else { return XCTFail("asked whose card:\n\(h.text)") }
        XCTAssertTrue(h.text.contains("Thẻ căn cước này của ai?"), h.text)
        XCTAssertTrue(h.text.contains("[ Người mẹ ]"), h.text)
        XCTAssertTrue(h.text.contains("[ Không dùng ]"), h.text)
        // Every button inside the dialog at 80x24: nothing crosses its border.
        for line in h.text.split(separator: "\n") where line.contains("[ Người") || line.contains("Không dùng") {
            XCTAssertEqual(line.filter { $0 == "│" }.count, 4, "the screen's and the dialog's borders both whole: \(line)")
        }
        h.app.key(.right) // the mother
        h.app.key(.enter)
        XCTAssertEqual(h.raw("mother_full_name"), "Nguyễn Thị Thu Hà")
        XCTAssertEqual(h.raw("mother_id_number"), "068195012873")
        XCTAssertEqual(h.raw("applicant_full_name"), "", "nobody else filled")
        XCTAssertNil(h.app.state.pendingCard, "the card is gone once used")
    }

    func testACardNotUsedIsForgotten() throws {
        let h = try UIHarness()
        scan(h, Self.mother)
        h.app.key(.enter)
        h.startForm("khai sinh")
        for _ in 0..<3 { h.app.key(.right) }
        h.app.key(.enter) // "Không dùng"
        XCTAssertNil(h.app.state.overlay)
        XCTAssertNil(h.app.state.pendingCard)
        XCTAssertEqual(h.raw("mother_full_name"), "")
        // And a bad code outside a form just says so.
        h.app.key(.escape)
        scan(h, "8934588012345|x")
        XCTAssertNil(h.app.state.pendingCard)
    }
}

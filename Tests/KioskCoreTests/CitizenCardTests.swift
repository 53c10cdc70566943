import XCTest
@testable import KioskCore

/// The căn cước card's QR payload (issue 17), constructed here: never a
/// real person's data.
final class CitizenCardTests: XCTestCase {
    let today = CalendarDate(year: 2026, month: 12, day: 5)
    /// A made-up mother: born 05/07/1995 in Lâm Đồng (068), female (1).
    let cccd = "068195012873|250123456|Nguyễn Thị Thu Hà|05071995|Nữ|Thôn 3, Xã Tân Hà, Huyện Lâm Hà, Lâm Đồng|12032021"

    func card(_ payload: String) -> Result<CitizenCard, CitizenCardError> { CitizenCard.parse(payload, today: today) }

    func testTheCCCDLayoutIsRead() throws {
        let c = try card(cccd).get()
        XCTAssertEqual(c.idNumber.digits, "068195012873")
        XCTAssertEqual(c.oldIDNumber, "250123456")
        XCTAssertEqual(c.fullName, "Nguyễn Thị Thu Hà")
        XCTAssertEqual(c.birthDate, CalendarDate(year: 1995, month: 7, day: 5))
        XCTAssertEqual(c.gender, .female)
        XCTAssertEqual(c.residence, "Thôn 3, Xã Tân Hà, Huyện Lâm Hà, Lâm Đồng")
        XCTAssertEqual(c.issueDate, CalendarDate(year: 2021, month: 3, day: 12))
        XCTAssertNil(c.mismatch)
        XCTAssertFalse(c.withoutMarks)
        XCTAssertEqual(c.age(on: today), 31)
        // Its old address reads into today's units.
        XCTAssertEqual(OldAddress.read(c.residence, datasets: realDatasets).first?.raw, "68|24916|Thôn 3")
    }

    func testThe2024CardWithMoreFieldsAndNoOldNumber() throws {
        let payload = "068092004512||Trần Văn Hùng|12031992|Nam|Tổ 5, Phường Cam Ly - Đà Lạt, Lâm Đồng|01082025||||"
        let c = try card(payload).get()
        XCTAssertNil(c.oldIDNumber)
        XCTAssertEqual(c.gender, .male)
        XCTAssertEqual(c.fullName, "Trần Văn Hùng")
    }

    /// The căn cước card issued from 1 July 2024: the seven fields, then
    /// four more (a cancelled id number, the parents' names: their order is
    /// not confirmed, so none is used), with or without an old number.
    func testThe2024CardsTrailingFieldsAreReadPastAndNeverUsed() throws {
        let withOld = "068195012873|250123456|Nguyễn Thị Thu Hà|05071995|Nữ|Thôn 3, Xã Tân Hà Lâm Hà, Lâm Đồng|15082024||||"
        let c = try card(withOld).get()
        XCTAssertEqual(c.oldIDNumber, "250123456")
        XCTAssertEqual(c.residence, "Thôn 3, Xã Tân Hà Lâm Hà, Lâm Đồng")
        XCTAssertEqual(c.issueDate, CalendarDate(year: 2024, month: 8, day: 15))
        XCTAssertEqual(c.cardType, "CC")
        let filled = "068195012873||Nguyễn Thị Thu Hà|05071995|Nữ|Thôn 3, Xã Tân Hà Lâm Hà, Lâm Đồng|15082024|068195099999|Nguyễn Văn Ba|Trần Thị Tư|"
        let d = try card(filled).get()
        XCTAssertEqual(d.fullName, "Nguyễn Thị Thu Hà")
        XCTAssertEqual(d.idNumber.digits, "068195012873", "the cancelled number after the issue date is not the card's")
        XCTAssertNil(d.oldIDNumber)
        XCTAssertEqual(d, try card(withOld.replacingOccurrences(of: "250123456", with: "")).get(), "what follows changes nothing")
        // The last day of the CCCD, and the first of the căn cước card.
        XCTAssertEqual(try card(cccd.replacingOccurrences(of: "12032021", with: "30062024")).get().cardType, "CCCD")
        XCTAssertEqual(try card(cccd.replacingOccurrences(of: "12032021", with: "01072024")).get().cardType, "CC")
        // Truncated is still truncated, whichever card.
        XCTAssertEqual(card("068195012873||Nguyễn Thị Thu Hà|05071995|Nữ|Thôn 3").failureValue, .truncated(fields: 6))
    }

    func testDecomposedTextAndExtraSpacesAreTidied() throws {
        let nfd = cccd.decomposedStringWithCanonicalMapping.replacingOccurrences(of: "Thu Hà", with: "Thu  Hà ")
        XCTAssertEqual(try card("  " + nfd + "\r\n").get().fullName, "Nguyễn Thị Thu Hà")
    }

    func testAScannerWithoutMarksIsSaidSo() throws {
        let ascii = VietnameseText.fold(cccd).replacingOccurrences(of: "nguyen thi thu ha", with: "NGUYEN THI THU HA")
        let c = try card(ascii).get()
        XCTAssertTrue(c.withoutMarks)
        XCTAssertEqual(c.gender, .female, "“Nu” is Nữ")
    }

    func testACardThatDisagreesWithItselfIsShownNotTrusted() throws {
        // The id number says a man born in 1992; the card says a woman born in 1995.
        let c = try card("068092004512||Nguyễn Thị Thu Hà|05071995|Nữ|Lâm Đồng|12032021").get()
        XCTAssertEqual(c.mismatch, .birthYearAndGender(yearInID: 1992, enteredYear: 1995, genderInID: .male, enteredGender: .female))
    }

    func testWhatIsNotACardIsRefusedWithAShortMessage() {
        func error(_ s: String) -> CitizenCardError? { if case .failure(let e) = card(s) { return e }; return nil }
        XCTAssertEqual(error("8934588012345"), .notACard, "a parcel's barcode")
        XCTAssertEqual(error("https://dichvucong.gov.vn/?a=1|2"), .notACard)
        XCTAssertEqual(error("00020101021238570010A000000727"), .notACard, "a payment QR")
        XCTAssertEqual(error(""), .notACard)
        XCTAssertEqual(error("068195012873|250123456|Nguyễn Thị Thu Hà|0507"), .truncated(fields: 4))
        XCTAssertEqual(error("999195012873||A|05071995|Nữ|x|12032021"), .idNumber(.unknownProvince("999")))
        XCTAssertEqual(error("068195012873||A|31021995|Nữ|x|12032021"), .birthDate("31021995"), "a day that does not exist")
        XCTAssertEqual(error("068195012873||A|05071995|Nữ|x|12032031"), .issueDateImpossible, "issued in the future")
        XCTAssertEqual(error("068195012873||A|05071995|Nữ|x|12031990"), .issueDateImpossible, "issued before the birth")
        XCTAssertEqual(error("068195012873||A|05071995|X|x|12032021"), .gender("X"))
        XCTAssertEqual(error("068195012873|| |05071995|Nữ|x|12032021"), .noName)
        XCTAssertEqual(error("068195012873||A|05071995|Nữ|x|1203"), .issueDate("1203"))
        for e in [CitizenCardError.notACard, .truncated(fields: 3), .noName, .issueDateImpossible] {
            XCTAssertFalse(e.message.vi.isEmpty || e.message.en.isEmpty)
            XCTAssertFalse(e.message.vi.contains("068195"), "no payload in a message")
        }
    }

    func testAPayloadIsToldFromAPasteByItsShape() {
        XCTAssertTrue(CitizenCard.looksLikeCard(cccd))
        XCTAssertFalse(CitizenCard.looksLikeCard("Nguyễn Thị Thu Hà"))
        XCTAssertFalse(CitizenCard.looksLikeCard("12345|abc"))
    }
}

extension Result {
    var failureValue: Failure? { if case .failure(let e) = self { return e }; return nil }
}

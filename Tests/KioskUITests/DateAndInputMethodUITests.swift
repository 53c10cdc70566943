import XCTest
import KioskCore
@testable import KioskUI

/// Issue 13 §4 (dates as people write them) and §8 (the built-in input method as people
/// really type), driven with keys through real form fields, reading the screen.
final class DateAndInputMethodUITests: XCTestCase {

    // MARK: Dates

    /// Khai tử: the deceased's date of birth takes a day, a month/year or a year only.
    private func deceasedBirthDate() throws -> UIHarness {
        let h = try UIHarness()
        h.startForm("khai tu")
        h.nextPage()
        h.focus("deceased_birth_date")
        return h
    }

    func testYearOnlyAndMonthYearAreTakenAsTyped() throws {
        for (typed, raw, words) in [("2019", "2019", "= năm 2019"), ("03/2019", "03/2019", "= tháng 3 năm 2019"),
                                    ("3/2019", "3/2019", "= tháng 3 năm 2019"), ("032019", "03/2019", "= tháng 3 năm 2019"),
                                    ("15/11/2026", "15/11/2026", "= 15 tháng 11 năm 2026"),
                                    ("15112026", "15/11/2026", "= 15 tháng 11 năm 2026"),
                                    ("2026-11-15", "2026-11-15", "= 15 tháng 11 năm 2026")] {
            let h = try deceasedBirthDate()
            h.app.type(typed)
            XCTAssertEqual(h.raw("deceased_birth_date"), raw, typed)
            XCTAssertTrue(h.text.contains(words), "\(typed): \(h.text)")
            XCTAssertEqual(h.session!.state.issues(FieldPath(field: h.session!.form.fieldIndexByID["deceased_birth_date"]!)), [], typed)
        }
    }

    func testAFullDateOnlyFieldTakesEveryWayOfWritingOne() throws {
        for (typed, raw) in [("14112026", "14/11/2026"), ("14/11/2026", "14/11/2026"), ("2026-11-14", "2026-11-14"),
                             ("14.11.2026", "14.11.2026"), ("4/11/2026", "4/11/2026")] {
            let h = try UIHarness()
            h.startForm("khai sinh")
            h.nextPage()
            h.focus("child_birth_date")
            h.app.type(typed)
            XCTAssertEqual(h.raw("child_birth_date"), raw, typed)
            XCTAssertTrue(h.text.contains("= 14 tháng 11 năm 2026") || h.text.contains("= 4 tháng 11 năm 2026"), "\(typed): \(h.text)")
        }
    }

    func testWhileNoDateYetTheLineSaysHowToWriteOne() throws {
        let h = try deceasedBirthDate()
        XCTAssertFalse(h.text.contains("Ghi như"), "nothing under an empty field")
        h.app.type("20")
        XCTAssertTrue(h.text.contains("Ghi như 15/11/2026, 11/2026, 2026 (chỉ năm)"), h.text)
        h.app.type("19")
        XCTAssertTrue(h.text.contains("= năm 2019"), h.text)
        h.app.key(.tab)
        XCTAssertFalse(h.text.contains("= năm 2019"), "only under the focused field")
    }

    func testTheAutomaticSlashes() {
        let day: Set<CalendarDate.Precision> = [.day], dayMonth: Set<CalendarDate.Precision> = [.day, .month]
        let month: Set<CalendarDate.Precision> = [.month], all: Set<CalendarDate.Precision> = [.day, .month, .year]
        func typed(_ keys: String, _ p: Set<CalendarDate.Precision>) -> String {
            var text = ""
            for ch in keys {
                if ch.isNumber, let t = DateInput.autoSlashed(text, digit: ch, p) { text = t }
                else if (ch == "-" || ch == "."), let y = DateInput.yearFirst(text) { text = y + String(ch) }
                else { text.append(ch) }
            }
            return text
        }
        XCTAssertEqual(typed("14112026", day), "14/11/2026")
        XCTAssertEqual(typed("2026-11-15", day), "2026-11-15")
        XCTAssertEqual(typed("3/112026", day), "3/11/2026")
        XCTAssertEqual(typed("032019", dayMonth), "03/2019")
        XCTAssertEqual(typed("03122019", dayMonth), "03/12/2019")
        XCTAssertEqual(typed("032019", month), "03/2019")
        XCTAssertEqual(typed("2019-03", month), "2019-03")
        XCTAssertEqual(typed("2019", all), "2019")
        XCTAssertEqual(typed("15112026", all), "15/11/2026")
        XCTAssertEqual(typed("032019", all), "03/2019")
        XCTAssertEqual(typed("2026-11-15", all), "2026-11-15")
        XCTAssertEqual(typed("15/11/2026", all), "15/11/2026")
        XCTAssertEqual(typed("15.11.2026", day), "15.11.2026")
    }

    // MARK: Input method

    func testTelexAsPeopleTypeIt() throws {
        let h = try UIHarness()
        h.startForm("khai sinh")
        XCTAssertEqual(h.app.state.inputMethod, .telex)
        h.focus("applicant_full_name")
        h.app.type("Nguyeenx Thij Huwong")
        XCTAssertEqual(h.raw("applicant_full_name"), "Nguyễn Thị Hương")
        XCTAssertTrue(h.text.contains("Nguyễn Thị Hương"), h.text)
        h.nextPage()
        h.focus("child_hometown")
        h.app.type("xax Ddawks Nguwoif, Kroong Pawks, Ddawks Lawks")
        XCTAssertEqual(h.raw("child_hometown"), "xã Đắk Người, Krông Pắk, Đắk Lắk")
        XCTAssertTrue(h.text.contains("xã Đắk Người, Krông Pắk, Đắk Lắk"), h.text)
    }

    func testVNIAndTheDoubledKey() throws {
        let h = try UIHarness()
        h.startForm("khai sinh")
        h.focus("applicant_full_name")
        h.app.type("Huwou linuxx")
        XCTAssertEqual(h.raw("applicant_full_name"), "Hươu linux")
        h.app.key(.function(2))
        XCTAssertEqual(h.app.state.inputMethod, .vni)
        h.app.key(.control("u"))
        h.app.type("Ngu7o7i2 D9a8k1 La8k1")
        XCTAssertEqual(h.raw("applicant_full_name"), "Người Đắk Lắk")
    }
}

import XCTest
@testable import KioskCore

/// Issue 13 §4: dates as people write them, each form where the field's precision allows it.
/// No test here reads the clock.
final class DateParsingTests: XCTestCase {
    private let all: Set<CalendarDate.Precision> = [.day, .month, .year]

    func testEveryWayOfWritingAFullDate() {
        let d = CalendarDate(year: 2026, month: 11, day: 15)
        for text in ["15/11/2026", "15-11-2026", "15.11.2026", "15112026", "2026-11-15", "2026/11/15", " 15/11/2026 ",
                     "20261115"] {
            XCTAssertEqual(CalendarDate.parse(text, allowed: [.day]), d, text)
            XCTAssertEqual(CalendarDate.parse(text, allowed: all), d, text)
            XCTAssertEqual(CalendarDate.parse(text, allowed: all)?.precision, .day, text)
        }
        XCTAssertEqual(CalendarDate.parse("3/7/1950"), CalendarDate(year: 1950, month: 7, day: 3))
        XCTAssertEqual(CalendarDate.parse("2026-7-3"), CalendarDate(year: 2026, month: 7, day: 3))
    }

    func testMonthAndYear() {
        let m = CalendarDate(year: 2019, month: 3)
        for text in ["3/2019", "03/2019", "03-2019", "032019", "2019-03", "2019-3"] {
            XCTAssertEqual(CalendarDate.parse(text, allowed: [.month]), m, text)
            XCTAssertEqual(CalendarDate.parse(text, allowed: all)?.precision, .month, text)
            XCTAssertEqual(CalendarDate.parse(text, allowed: all), m, text)
        }
    }

    func testYearOnly() {
        XCTAssertEqual(CalendarDate.parse("2019", allowed: [.year]), CalendarDate(year: 2019))
        XCTAssertEqual(CalendarDate.parse("1938", allowed: all)?.precision, .year)
    }

    func testEachFormOnlyWhereThePrecisionAllowsIt() {
        XCTAssertNil(CalendarDate.parse("2019", allowed: [.day]))
        XCTAssertNil(CalendarDate.parse("2019", allowed: [.day, .month]))
        XCTAssertNil(CalendarDate.parse("03/2019", allowed: [.day]))
        XCTAssertNil(CalendarDate.parse("032019", allowed: [.day, .year]))
        XCTAssertNil(CalendarDate.parse("2019-03", allowed: [.day]))
        XCTAssertNil(CalendarDate.parse("15/11/2026", allowed: [.month, .year]))
        XCTAssertNil(CalendarDate.parse("15112026", allowed: [.month]))
        XCTAssertNil(CalendarDate.parse("2026-11-15", allowed: [.year]))
    }

    func testWhatIsNoDate() {
        for text in ["20/19", "03/20/19", "20/26-11-15", "31/02/2026", "2026-02-30", "13/2019", "2019-13", "0000",
                     "1511202", "151120266", "15/11/26", "15//2026", "abc", "", "2026-11-15-1", "115/11/2026", "0015/11/2026"] {
            XCTAssertNil(CalendarDate.parse(text, allowed: all), text)
        }
    }

    func testStoredFormIsUnchanged() throws {
        // A finalized dossier keeps dd/mm/yyyy, mm/yyyy, yyyy whatever way the date was typed.
        let form = try XCTUnwrap(FormCatalog.load(directory: packageRoot + "/Forms").forms.first { $0.id == "dang-ky-khai-tu" })
        let f = try XCTUnwrap(form.fields.first { $0.id == "deceased_birth_date" })
        for (typed, stored) in [("2026-11-15", "15/11/2026"), ("15112026", "15/11/2026"), ("3/2019", "03/2019"),
                                ("032019", "03/2019"), ("2019", "2019"), ("15/11/2026", "15/11/2026")] {
            XCTAssertEqual(FieldValueParser.canonical(typed, for: f, datasets: form.datasets), stored, typed)
        }
    }

    func testAutofillStillTypesAStoredISODateDayFirst() throws {
        // Now that a field takes 2026-11-15 as typed, a value from an earlier dossier is still
        // shown as a person writes it.
        let form = try XCTUnwrap(FormCatalog.load(directory: packageRoot + "/Forms").forms.first { $0.id == "dang-ky-khai-tu" })
        let f = try XCTUnwrap(form.fields.first { $0.id == "deceased_birth_date" })
        XCTAssertEqual(Autofill.typedForm("2026-11-15", for: f), "15/11/2026")
        XCTAssertEqual(Autofill.typedForm("2019-03", for: f), "03/2019")
        XCTAssertEqual(Autofill.typedForm("15/11/2026", for: f), "15/11/2026")
    }

    func testAnImpossibleDayIsSaidSoHoweverItIsWritten() throws {
        let form = try XCTUnwrap(FormCatalog.load(directory: packageRoot + "/Forms").forms.first { $0.id == "dang-ky-khai-tu" })
        let f = try XCTUnwrap(form.fields.first { $0.id == "deceased_birth_date" })
        for text in ["30/02/2026", "30-02-2026", "2026-02-30", "30022026"] {
            let problem = FieldValueParser.problem(with: text, for: f, datasets: form.datasets)
            XCTAssertTrue(problem?.vi.contains("không có thật") ?? false, "\(text): \(String(describing: problem))")
        }
        XCTAssertTrue(FieldValueParser.problem(with: "20/19", for: f, datasets: form.datasets)?.vi.contains("chỉ năm (1950)") ?? false)
    }

    func testInWords() {
        XCTAssertEqual(CalendarDate(year: 2026, month: 11, day: 15).inWords, LocalizedText(vi: "15 tháng 11 năm 2026", en: "15 November 2026"))
        XCTAssertEqual(CalendarDate(year: 2019, month: 3).inWords, LocalizedText(vi: "tháng 3 năm 2019", en: "March 2019"))
        XCTAssertEqual(CalendarDate(year: 2019).inWords, LocalizedText(vi: "năm 2019", en: "the year 2019"))
    }
}

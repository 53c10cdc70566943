import Foundation
import XCTest
@testable import KioskCore

/// Due dates: the kiosk counts working days with the table the reference
/// server reads (Forms/datasets/holidays.csv), and the same rule: both
/// suites check the vectors of Tests/Fixtures/working-days.csv.
final class WorkingCalendarTests: XCTestCase {
    func testTheSharedVectors() throws {
        let catalog = FormCatalog.load(directory: packageRoot + "/Forms")
        XCTAssertEqual(catalog.errors.map(\.description), [], "the shipped table checks clean")
        let calendar = WorkingCalendar(datasets: catalog.datasets)
        XCTAssertTrue(calendar.daysOff.contains(CalendarDate(year: 2026, month: 8, day: 31)))
        XCTAssertTrue(calendar.workedWeekendDays.contains(CalendarDate(year: 2026, month: 8, day: 22)))
        let text = try String(contentsOfFile: packageRoot + "/Tests/Fixtures/working-days.csv", encoding: .utf8)
        let rows = text.split(separator: "\n").filter { !$0.hasPrefix("#") }.dropFirst().map { $0.split(separator: ",").map(String.init) }
        XCTAssertGreaterThan(rows.count, 10)
        for row in rows {
            let start = try XCTUnwrap(CalendarDate.parseISO(row[0])), due = try XCTUnwrap(CalendarDate.parseISO(row[2]))
            XCTAssertEqual(calendar.adding(workingDays: Int(row[1])!, to: start), due, row.joined(separator: ","))
        }
    }

    func testWeekendsOnlyWithoutTheTable() {
        let saturday = CalendarDate(year: 2026, month: 12, day: 5)
        XCTAssertEqual(WorkingCalendar.weekendsOnly.adding(workingDays: 0, to: saturday), CalendarDate(year: 2026, month: 12, day: 7))
        XCTAssertEqual(WorkingCalendar(datasets: DatasetCatalog(datasets: [:])), .weekendsOnly)
    }

    func testTheFormsCheckNamesABadRowByItsLine() {
        let csv = "# days off\ncode,name,name_en,kind\n2026-11-21,Thứ Bảy,Saturday,off\n2026-11-23,Thứ Hai,Monday,work\n2026-13-01,?,?,off\n2026-11-24,Thứ Ba,Tuesday,nghỉ\n2026-11-25,Thứ Tư,Wednesday,off\n"
        let (dataset, problems) = DatasetCatalog.parseCSV(Array(csv.utf8), name: "holidays", file: "holidays.csv")
        XCTAssertEqual(problems, [])
        let (calendar, errors) = WorkingCalendar.read(dataset, file: "holidays.csv")
        XCTAssertEqual(errors.map(\.location.line), [3, 4, 5, 6])
        XCTAssertEqual(calendar.daysOff, [CalendarDate(year: 2026, month: 11, day: 25)])
    }
}

import XCTest
@testable import KioskCore

final class VietnamTimeTests: XCTestCase {
    func testVietnamIsSevenHoursAheadOfUTCWhateverTheMachine() {
        let epoch = VietnamTime(unix: 0)
        XCTAssertEqual(epoch.date, CalendarDate(year: 1970, month: 1, day: 1))
        XCTAssertEqual(epoch.secondsIntoDay, 7 * 3600)
        XCTAssertEqual(epoch.portal, "19700101070000")

        // 2026-11-23 01:41:05 UTC.
        let morning = VietnamTime(unix: 1_795_398_065)
        XCTAssertEqual([morning.hour, morning.minute, morning.second], [8, 41, 5])
        XCTAssertEqual(morning.clock, "08:41")
        XCTAssertEqual(morning.dateAndClock, "23/11/2026 08:41")
        XCTAssertEqual(morning.clockAndDate, "08:41 23/11/2026")
        XCTAssertEqual(morning.portal, "20261123084105")
        XCTAssertEqual(morning.dayStamp, "20261123")
        XCTAssertEqual(VietnamTime(unix: 1_795_398_065.9), morning, "fractions of a second are dropped")
        XCTAssertEqual(VietnamTime(unix: 1_795_398_065 as Int), morning)
    }

    func testTheDayChangesAtMidnightInVietnamNotInUTC() {
        // 2026-11-22 16:59:59 UTC is the last second of the 22nd in Vietnam …
        XCTAssertEqual(VietnamTime(unix: 1_795_366_799).dateAndClock, "22/11/2026 23:59")
        XCTAssertEqual(VietnamTime(unix: 1_795_366_799).portal, "20261122235959")
        // … and 17:30 UTC the same day is already the 23rd.
        XCTAssertEqual(VietnamTime(unix: 1_795_368_600).dateAndClock, "23/11/2026 00:30")
        XCTAssertEqual(VietnamTime(unix: 1_795_368_600).dayStamp, "20261123")
        XCTAssertEqual(VietnamTime(unix: 1_795_368_600).date.weekday, 1, "a Monday")
        // Before 1970 too.
        XCTAssertEqual(VietnamTime(unix: -25_200).dateAndClock, "01/01/1970 00:00")
        XCTAssertEqual(VietnamTime(unix: -25_201).portal, "19691231235959")
    }

    func testTodayIsVietnamTimesDate() {
        let t = VietnamTime(unix: 1_795_368_600)
        XCTAssertEqual(CalendarDate.today(now: Date(timeIntervalSince1970: 1_795_368_600)), t.date)
    }
}

import Foundation

/// A calendar date as citizens write it: a full date, or only month/year, or
/// only a year (old people's papers often carry a year of birth only).
/// Unknown parts are 0. Arithmetic and comparison use the first day of the
/// period, so "1950" compares as 01/01/1950.
public struct CalendarDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    public enum Precision: String, Sendable, CaseIterable { case day, month, year }

    public var year: Int
    public var month: Int
    public var day: Int

    public init(year: Int, month: Int = 0, day: Int = 0) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// A full date, or nil when the day does not exist (30/02).
    public static func valid(year: Int, month: Int, day: Int) -> CalendarDate? {
        guard (1...9999).contains(year), (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year) else { return nil }
        return CalendarDate(year: year, month: month, day: day)
    }

    public var precision: Precision { day != 0 ? .day : (month != 0 ? .month : .year) }

    public static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 of the first day of the period (proleptic Gregorian).
    public var dayNumber: Int {
        let y0 = year, m0 = max(month, 1), d0 = max(day, 1)
        let y = m0 <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (m0 + 9) % 12
        let doy = (153 * mp + 2) / 5 + d0 - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    public init(dayNumber z0: Int) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.init(year: yoe + era * 400 + (m <= 2 ? 1 : 0), month: m, day: d)
    }

    public static func < (a: CalendarDate, b: CalendarDate) -> Bool { a.dayNumber < b.dayNumber }
    public static func == (a: CalendarDate, b: CalendarDate) -> Bool { a.dayNumber == b.dayNumber }
    public func hash(into h: inout Hasher) { h.combine(dayNumber) }

    /// As typed on the kiosk: dd/mm/yyyy, mm/yyyy or yyyy.
    public var description: String {
        switch precision {
        case .day: return String(format: "%02d/%02d/%04d", day, month, year)
        case .month: return String(format: "%02d/%04d", month, year)
        case .year: return String(format: "%04d", year)
        }
    }

    /// ISO 8601 (yyyy-mm-dd), for files and the server.
    public var iso: String {
        switch precision {
        case .day: return String(format: "%04d-%02d-%02d", year, month, day)
        case .month: return String(format: "%04d-%02d", year, month)
        case .year: return String(format: "%04d", year)
        }
    }

    /// Parses what a person typed, each form only where `allowed` has its precision:
    /// `dd/mm/yyyy` (also `-` or `.` as separators, one-digit day and month), `ddmmyyyy`,
    /// `yyyy-mm-dd` (ISO, year first); `mm/yyyy`, `mmyyyy`, `yyyy-mm`; `yyyy`.
    public static func parse(_ text: String, allowed: Set<Precision> = [.day]) -> CalendarDate? {
        let trimmed = text.trimmed
        let parts = trimmed
            .split(omittingEmptySubsequences: false, whereSeparator: { $0 == "/" || $0 == "-" || $0 == "." })
        guard parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigitCharacter) }) else { return nil }
        if parts.count == 1 { return parseDigits(String(parts[0]), allowed: allowed) }
        guard parts.allSatisfy({ $0.count <= 4 }) else { return nil }
        let numbers = parts.compactMap { Int($0) }
        if parts[0].count == 4 {
            // Year first (ISO 8601): 2026-11-15, 2026-11.
            guard parts.dropFirst().allSatisfy({ $0.count <= 2 }) else { return nil }
            switch numbers.count {
            case 3 where allowed.contains(.day): return valid(year: numbers[0], month: numbers[1], day: numbers[2])
            case 2 where allowed.contains(.month): return monthOf(year: numbers[0], month: numbers[1])
            default: return nil
            }
        }
        guard parts.dropLast().allSatisfy({ $0.count <= 2 }) else { return nil }
        switch numbers.count {
        case 3 where allowed.contains(.day) && parts[2].count == 4:
            return valid(year: numbers[2], month: numbers[1], day: numbers[0])
        case 2 where allowed.contains(.month) && parts[1].count == 4:
            return monthOf(year: numbers[1], month: numbers[0])
        default:
            return nil
        }
    }

    /// Digits without separators: `yyyy`, `mmyyyy`, `ddmmyyyy` (or `yyyymmdd` when that is
    /// no date day first).
    private static func parseDigits(_ d: String, allowed: Set<Precision>) -> CalendarDate? {
        let n = Array(d).map { Int(String($0))! }
        func number(_ r: Range<Int>) -> Int { r.reduce(0) { $0 * 10 + n[$1] } }
        switch n.count {
        case 4 where allowed.contains(.year):
            let y = number(0..<4)
            return y >= 1 ? CalendarDate(year: y) : nil
        case 6 where allowed.contains(.month):
            return monthOf(year: number(2..<6), month: number(0..<2))
        case 8 where allowed.contains(.day):
            return valid(year: number(4..<8), month: number(2..<4), day: number(0..<2))
                ?? valid(year: number(0..<4), month: number(4..<6), day: number(6..<8))
        default:
            return nil
        }
    }

    private static func monthOf(year: Int, month: Int) -> CalendarDate? {
        guard (1...12).contains(month), (1...9999).contains(year) else { return nil }
        return CalendarDate(year: year, month: month)
    }

    /// The date in words, to show what was understood: "15 tháng 11 năm 2026" /
    /// "15 November 2026", "tháng 3 năm 2019" / "March 2019", "năm 2019" / "the year 2019".
    public var inWords: LocalizedText {
        let months = ["January", "February", "March", "April", "May", "June", "July",
                      "August", "September", "October", "November", "December"]
        switch precision {
        case .day:
            return LocalizedText(vi: "\(day) tháng \(month) năm \(year)", en: "\(day) \(months[month - 1]) \(year)")
        case .month:
            return LocalizedText(vi: "tháng \(month) năm \(year)", en: "\(months[month - 1]) \(year)")
        case .year:
            return LocalizedText(vi: "năm \(year)", en: "the year \(year)")
        }
    }

    /// ISO `yyyy-mm-dd` (also `yyyy-mm`, `yyyy`), as written in expressions.
    public static func parseISO(_ text: String) -> CalendarDate? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count), parts[0].count == 4,
              parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigitCharacter) }) else { return nil }
        let n = parts.compactMap { Int($0) }
        switch n.count {
        case 3: return valid(year: n[0], month: n[1], day: n[2])
        case 2: return (1...12).contains(n[1]) ? CalendarDate(year: n[0], month: n[1]) : nil
        default: return CalendarDate(year: n[0])
        }
    }

    /// Today in Vietnam, whatever the machine's time zone.
    public static func today(now: Date = Date()) -> CalendarDate {
        VietnamTime(unix: now.timeIntervalSince1970).date
    }

    /// 0 Sunday … 6 Saturday (1970-01-01 was a Thursday).
    public var weekday: Int { ((dayNumber % 7) + 11) % 7 }

    public func adding(days: Int) -> CalendarDate { CalendarDate(dayNumber: dayNumber + days) }

    /// Month arithmetic that clamps the day (31/01 + 1 month = 28 or 29/02).
    public func adding(months: Int) -> CalendarDate {
        let total = year * 12 + (max(month, 1) - 1) + months
        let y = total / 12, m = total % 12 + 1
        if precision == .year { return CalendarDate(year: y) }
        if precision == .month { return CalendarDate(year: y, month: m) }
        return CalendarDate(year: y, month: m, day: min(day, Self.daysIn(month: m, year: y)))
    }

    /// Full years from self to `other` (negative when other is earlier).
    /// With a partial date only the known parts count.
    public func fullYears(to other: CalendarDate) -> Int {
        if other < self { return -other.fullYears(to: self) }
        var years = other.year - year
        if month != 0, other.month != 0 {
            if other.month < month || (other.month == month && day != 0 && other.day != 0 && other.day < day) { years -= 1 }
        }
        return years
    }
}

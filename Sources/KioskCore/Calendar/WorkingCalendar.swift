import Foundation

/// The civil service's working days, for due dates: Monday to Friday, less
/// the days off of `Forms/datasets/holidays.csv`, plus the weekend days
/// worked there in exchange for a swapped day. The reference server reads
/// the same file and counts the same way (`add_working_days` in
/// Tools/provincial-server/server.py), so a receipt's expected date is the
/// date the server answers, unless the table changed in between.
public struct WorkingCalendar: Sendable, Equatable {
    /// Monday-to-Friday days that are not worked.
    public var daysOff: Set<CalendarDate>
    /// Saturdays and Sundays that are worked.
    public var workedWeekendDays: Set<CalendarDate>

    /// The name of the dataset that holds the table.
    public static let datasetName = "holidays"

    public init(daysOff: Set<CalendarDate> = [], workedWeekendDays: Set<CalendarDate> = []) {
        self.daysOff = daysOff
        self.workedWeekendDays = workedWeekendDays
    }

    /// Weekends only: what a station without the table counts.
    public static let weekendsOnly = WorkingCalendar()

    /// The calendar of a forms folder's datasets (weekends only without a
    /// `holidays` dataset); rows with problems are left out (the forms
    /// check reports them).
    public init(datasets: DatasetCatalog) {
        self = datasets[Self.datasetName].map { Self.read($0, file: "").calendar } ?? .weekendsOnly
    }

    public func isWorkingDay(_ d: CalendarDate) -> Bool {
        let weekend = d.weekday == 0 || d.weekday == 6
        return weekend ? workedWeekendDays.contains(d) : !daysOff.contains(d)
    }

    /// The date `days` working days after `start`; with 0 days, `start`
    /// itself when it is a working day, else the next working day (a
    /// same-day procedure finalized on Saturday is due on Monday).
    public func adding(workingDays days: Int, to start: CalendarDate) -> CalendarDate {
        var d = start
        if days <= 0 {
            while !isWorkingDay(d) { d = d.adding(days: 1) }
            return d
        }
        var left = days
        while left > 0 {
            d = d.adding(days: 1)
            if isWorkingDay(d) { left -= 1 }
        }
        return d
    }

    /// Reads the table's rows: `code` a yyyy-mm-dd date, `kind` off (a
    /// Monday-to-Friday day off) or work (a Saturday or Sunday worked).
    /// Problems name the row's line in `file`.
    public static func read(_ dataset: Dataset, file: String) -> (calendar: WorkingCalendar, problems: [FormDiagnostic]) {
        var calendar = WorkingCalendar()
        var problems: [FormDiagnostic] = []
        for row in dataset.rows {
            let at = SourceLocation(line: row.line, column: 1)
            guard let date = CalendarDate.parseISO(row.code), date.precision == .day else {
                problems.append(.error(file, at, "“\(row.code)” không phải ngày dạng yyyy-mm-dd", "“\(row.code)” is not a yyyy-mm-dd date"))
                continue
            }
            let weekend = date.weekday == 0 || date.weekday == 6
            switch row.extra["kind"] ?? "" {
            case "off" where !weekend:
                calendar.daysOff.insert(date)
            case "off":
                problems.append(.error(file, at, "\(date) là thứ Bảy hoặc Chủ nhật: chỉ ngày nghỉ bù (thứ Hai đến thứ Sáu) mới ghi “off”",
                                       "\(date) is a Saturday or Sunday: only its day in lieu (Monday to Friday) is “off”"))
            case "work" where weekend:
                calendar.workedWeekendDays.insert(date)
            case "work":
                problems.append(.error(file, at, "\(date) không phải thứ Bảy hay Chủ nhật: “work” chỉ dành cho ngày làm bù cuối tuần",
                                       "\(date) is not a Saturday or Sunday: “work” is for a weekend day worked in exchange"))
            case let kind:
                problems.append(.error(file, at, "cột kind là off hoặc work, không phải “\(kind)”", "the kind column is off or work, not “\(kind)”"))
            }
        }
        return (calendar, problems)
    }
}

/// A moment as a clock in Vietnam shows it: the day and the time of day.
/// Vietnam keeps UTC+7 all year (no daylight saving), so no time-zone
/// database is needed and the machine's own time zone never matters.
///
/// This is the one place that turns a Unix time into Vietnam's date and
/// time, and the one place that writes it as text, in the few ways the
/// kiosk needs. The texts are built digit by digit (no `String(format:)`,
/// no `DateFormatter`): the envelope of every dossier carries one.
public struct VietnamTime: Sendable, Hashable {
    /// Seconds Vietnam is ahead of UTC.
    public static let offsetSeconds = 7 * 3600

    public var date: CalendarDate
    /// Seconds since midnight in Vietnam (0 ..< 86 400).
    public var secondsIntoDay: Int

    /// The Vietnam time of a Unix time (seconds since 1970 UTC; fractions
    /// of a second are dropped).
    public init(unix: Double) {
        let local = (unix + Double(Self.offsetSeconds)).rounded(.down)
        let day = (local / 86_400).rounded(.down)
        self.date = CalendarDate(dayNumber: Int(day))
        self.secondsIntoDay = Int(local - day * 86_400)
    }

    public init(unix: Int) { self.init(unix: Double(unix)) }

    public var hour: Int { secondsIntoDay / 3600 }
    public var minute: Int { secondsIntoDay % 3600 / 60 }
    public var second: Int { secondsIntoDay % 60 }

    /// `08:41`.
    public var clock: String { Self.digits(hour, 2) + ":" + Self.digits(minute, 2) }

    /// `23/11/2026 08:41`, as people write a date and time.
    public var dateAndClock: String { date.description + " " + clock }

    /// `08:41 23/11/2026`, the time first (a receipt).
    public var clockAndDate: String { clock + " " + date.description }

    /// `20261123`: `yyyyMMdd`, the day in a receipt number.
    public var dayStamp: String {
        Self.digits(date.year, 4) + Self.digits(date.month, 2) + Self.digits(date.day, 2)
    }

    /// `20261123084100`: `yyyyMMddHHmmss`, as the national portal writes times.
    public var portal: String {
        dayStamp + Self.digits(hour, 2) + Self.digits(minute, 2) + Self.digits(second, 2)
    }

    /// `n` with leading zeros to `width` digits (n ≥ 0).
    private static func digits(_ n: Int, _ width: Int) -> String {
        let text = String(n)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}

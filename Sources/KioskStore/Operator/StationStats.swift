import Foundation
import KioskCore

/// What happened at this station over a day or a month (Vietnam time):
/// counts only, by procedure (form id) and by operator. No personal data.
public struct StationStats: Sendable, Equatable, Codable {
    public struct Counts: Sendable, Equatable, Codable {
        public var started = 0
        public var finished = 0
        public var uploaded = 0
        public var needsAttention = 0
        public init() {}
    }

    public enum Period: String, Sendable, Codable { case day, month }

    public var period: Period
    /// The first day of the period, dd/mm/yyyy.
    public var from: String
    /// Unix seconds: the period is [start, end).
    public var start: Int
    public var end: Int
    public var total = Counts()
    public var byProcedure: [String: Counts] = [:]
    /// By operator id; "" for work done with no operator signed in.
    public var byOperator: [String: Counts] = [:]
    /// The median minutes from a draft's start to its receipt (finalized),
    /// over the dossiers finished in the period that have a start; nil when none.
    public var medianMinutes: Double?
}

extension KioskStore {
    /// The day or month around `at` (Unix seconds, default the store's now), Vietnam time.
    public func stats(_ period: StationStats.Period, at: Int? = nil) throws(StoreError) -> StationStats {
        let at = at ?? timestamp
        let day = VietnamTime(unix: at).date
        let first = period == .day ? day : CalendarDate(year: day.year, month: day.month, day: 1)
        let next: CalendarDate = period == .day ? CalendarDate(dayNumber: day.dayNumber + 1)
            : (day.month == 12 ? CalendarDate(year: day.year + 1, month: 1, day: 1) : CalendarDate(year: day.year, month: day.month + 1, day: 1))
        let start = first.dayNumber * 86_400 - VietnamTime.offsetSeconds
        let end = next.dayNumber * 86_400 - VietnamTime.offsetSeconds
        var stats = StationStats(period: period, from: first.description, start: start, end: end)
        func add(_ rows: [(String, String, Int)], _ field: WritableKeyPath<StationStats.Counts, Int>) {
            for (form, op, n) in rows {
                stats.total[keyPath: field] += n
                stats.byProcedure[form, default: .init()][keyPath: field] += n
                stats.byOperator[op, default: .init()][keyPath: field] += n
            }
        }
        let range: [SQLValue] = [.int(start), .int(end)]
        try mappingErrors { () throws(DatabaseError) in
            let read: (Statement) throws(DatabaseError) -> (String, String, Int) = { s throws(DatabaseError) in (s.string(0) ?? "", s.string(1) ?? "", s.int(2)) }
            add(try db.query("""
                SELECT form_id, coalesce(operator_id, ''), count(*) FROM audit_log
                WHERE event = 'draft_created' AND at >= ?1 AND at < ?2 GROUP BY 1, 2
                """, range, read), \.started)
            add(try db.query("""
                SELECT form_id, coalesce(operator_id, ''), count(*) FROM dossiers WHERE finalized_at >= ?1 AND finalized_at < ?2 GROUP BY 1, 2
                """, range, read), \.finished)
            add(try db.query("""
                SELECT form_id, coalesce(operator_id, ''), count(*) FROM dossiers WHERE accepted_at >= ?1 AND accepted_at < ?2 GROUP BY 1, 2
                """, range, read), \.uploaded)
            add(try db.query("""
                SELECT d.form_id, coalesce(d.operator_id, ''), count(DISTINCT d.id) FROM dossier_history h JOIN dossiers d ON d.id = h.dossier_id
                WHERE h.status = 'needs_attention' AND h.at >= ?1 AND h.at < ?2 GROUP BY 1, 2
                """, range, read), \.needsAttention)
            let minutes = try db.query("""
                SELECT finalized_at - started_at FROM dossiers
                WHERE finalized_at >= ?1 AND finalized_at < ?2 AND started_at IS NOT NULL ORDER BY 1
                """, range) { s throws(DatabaseError) in Double(s.int(0)) / 60 }
            if !minutes.isEmpty {
                let mid = minutes.count / 2
                stats.medianMinutes = minutes.count % 2 == 1 ? minutes[mid] : (minutes[mid - 1] + minutes[mid]) / 2
            }
        }
        return stats
    }
}

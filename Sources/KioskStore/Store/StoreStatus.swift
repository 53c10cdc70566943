import Foundation

/// Counts for the operator and the welcome screen: no personal data.
public struct StoreStatus: Sendable, Equatable, Codable {
    public var drafts: Int
    public var queued: Int
    public var needsAttention: Int
    public var accepted: Int
    public var purged: Int
    /// Unix time of the last purge, if any.
    public var lastPurge: Int?
}

extension KioskStore {
    public func status() throws(StoreError) -> StoreStatus {
        try read { () throws(DatabaseError) in
            func count(_ sql: String) throws(DatabaseError) -> Int {
                if case .integer(let n) = try db.scalar(sql) { return Int(n) }
                return 0
            }
            let byStatus = try db.query("SELECT status, count(*) FROM dossiers GROUP BY status") { s throws(DatabaseError) in (s.string(0) ?? "", s.int(1)) }
            let counts = Dictionary(byStatus, uniquingKeysWith: +)
            return StoreStatus(drafts: try count("SELECT count(*) FROM drafts"), queued: counts["queued"] ?? 0,
                               needsAttention: counts["needs_attention"] ?? 0, accepted: counts["accepted"] ?? 0,
                               purged: counts["purged"] ?? 0, lastPurge: try meta("last_purge").flatMap { Int($0) })
        }
    }
}

extension KioskStore {
    /// Dossiers waiting in the outbox: a cheap count for every screen's header.
    public func waitingCount() throws(StoreError) -> Int {
        try read { () throws(DatabaseError) in
            if case .integer(let n) = try db.scalar("SELECT count(*) FROM outbox") { return Int(n) }
            return 0
        }
    }
}

extension KioskStore {
    /// The upload worker (another process) says whether the server answered.
    public func setSyncState(online: Bool) throws(StoreError) {
        try read { () throws(DatabaseError) in
            try setMeta("sync_online", online ? "1" : "0")
            try setMeta("sync_checked_at", String(timestamp))
        }
    }

    /// Online when the worker saw the server answer within `freshness` seconds.
    public func isOnline(freshness: Int = 90) throws(StoreError) -> Bool {
        try read { () throws(DatabaseError) in
            guard try meta("sync_online") == "1", let at = try meta("sync_checked_at").flatMap({ Int($0) }) else { return false }
            return timestamp - at <= freshness
        }
    }
}

import Foundation
import KioskCore

/// Counts for the operator and the welcome screen: no personal data.
public struct StoreStatus: Sendable, Equatable, Codable {
    public var drafts: Int
    public var queued: Int
    public var needsAttention: Int
    public var accepted: Int
    public var purged: Int
    /// Unix time of the last purge, if any.
    public var lastPurge: Int?
    /// Why the last attempt to reach the provincial server failed, while
    /// it still does (cleared when the server answers).
    public var syncProblem: SyncProblem?
}

/// Why uploads do not get through, in words a clerk can act on (no
/// personal data, no token): written by the upload worker, shown by
/// `kiosk status` and on the kiosk's status line.
public struct SyncProblem: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable {
        /// No answer: the network, or the server is down. Often normal in a
        /// commune; the kiosk catches up later.
        case offline
        /// Something at this station must be fixed (token file, URL, TLS,
        /// a captive portal): nothing is sent until it is.
        case station
        /// The server answers but is busy or failing; it is retried.
        case server
    }
    public var kind: Kind
    public var message: LocalizedText
    /// Unix time it was last seen.
    public var at: Int

    public init(kind: Kind, message: LocalizedText, at: Int) {
        self.kind = kind
        self.message = message
        self.at = at
    }
}

extension KioskStore {
    public func status() throws(StoreError) -> StoreStatus {
        try mappingErrors { () throws(DatabaseError) in
            func count(_ sql: String) throws(DatabaseError) -> Int {
                if case .integer(let n) = try db.scalar(sql) { return Int(n) }
                return 0
            }
            let byStatus = try db.query("SELECT status, count(*) FROM dossiers GROUP BY status") { s throws(DatabaseError) in (s.string(0) ?? "", s.int(1)) }
            let counts = Dictionary(byStatus, uniquingKeysWith: +)
            return StoreStatus(drafts: try count("SELECT count(*) FROM drafts"), queued: counts["queued"] ?? 0,
                               needsAttention: counts["needs_attention"] ?? 0, accepted: counts["accepted"] ?? 0,
                               purged: counts["purged"] ?? 0, lastPurge: try meta("last_purge").flatMap { Int($0) },
                               syncProblem: try readSyncProblem())
        }
    }
}

extension KioskStore {
    /// Dossiers the server refused, waiting for a helper: a cheap count (by
    /// the status index) for the status line.
    public func needsAttentionCount() throws(StoreError) -> Int {
        try mappingErrors { () throws(DatabaseError) in
            if case .integer(let n) = try db.scalar("SELECT count(*) FROM dossiers WHERE status = 'needs_attention'") { return Int(n) }
            return 0
        }
    }

    /// Dossiers waiting in the outbox: a cheap count for every screen's header.
    public func waitingCount() throws(StoreError) -> Int {
        try mappingErrors { () throws(DatabaseError) in
            if case .integer(let n) = try db.scalar("SELECT count(*) FROM outbox") { return Int(n) }
            return 0
        }
    }
}

extension KioskStore {
    /// The upload worker (another process) says whether the server answered.
    public func setSyncState(online: Bool) throws(StoreError) {
        try mappingErrors { () throws(DatabaseError) in
            try setMeta("sync_online", online ? "1" : "0")
            try setMeta("sync_checked_at", String(timestamp))
        }
    }

    /// Records why the server could not be reached (nil: it answered).
    public func setSyncProblem(_ problem: SyncProblem?) throws(StoreError) {
        try mappingErrors { () throws(DatabaseError) in
            guard let problem else {
                try db.execute("DELETE FROM meta WHERE key LIKE 'sync_problem_%'")
                return
            }
            try setMeta("sync_problem_kind", problem.kind.rawValue)
            try setMeta("sync_problem_vi", problem.message.vi)
            try setMeta("sync_problem_en", problem.message.en)
            try setMeta("sync_problem_at", String(problem.at))
        }
    }

    /// The last problem the worker recorded, if the server has not answered since.
    public func syncProblem() throws(StoreError) -> SyncProblem? {
        try mappingErrors { () throws(DatabaseError) in try readSyncProblem() }
    }

    func readSyncProblem() throws(DatabaseError) -> SyncProblem? {
        guard let kind = try meta("sync_problem_kind").flatMap(SyncProblem.Kind.init(rawValue:)),
              let vi = try meta("sync_problem_vi"), let en = try meta("sync_problem_en"),
              let at = try meta("sync_problem_at").flatMap({ Int($0) }) else { return nil }
        return SyncProblem(kind: kind, message: LocalizedText(vi: vi, en: en), at: at)
    }

    /// Online when the worker saw the server answer within `freshness` seconds.
    public func isOnline(freshness: Int = 90) throws(StoreError) -> Bool {
        try mappingErrors { () throws(DatabaseError) in
            guard try meta("sync_online") == "1", let at = try meta("sync_checked_at").flatMap({ Int($0) }) else { return false }
            return timestamp - at <= freshness
        }
    }
}

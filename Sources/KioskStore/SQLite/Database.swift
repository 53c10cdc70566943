import CSQLite
import Foundation

/// One SQLite connection. It owns its C handle and closes it in deinit. Not
/// thread-safe: each thread (the UI, the sync worker) opens its own; WAL mode
/// lets a reader and a writer work at once.
public final class Database {
    let handle: OpaquePointer
    public let path: String
    private var statementCache: [String: Statement] = [:]

    public enum Mode: Sendable {
        case readWrite, readOnly
        /// Read-only, of a file nothing can change while it is open (on a
        /// read-only file system): no locks and no shared-memory file,
        /// which a reader of a WAL database otherwise has to create.
        case immutable
    }

    /// How hard a commit pushes data to the disk (PRAGMA synchronous).
    public enum Durability: Int32, Sendable {
        /// WAL with synchronous=NORMAL: a commit survives a crash of the
        /// process; a power cut may lose the commits since the last full sync.
        case normal = 1
        /// synchronous=FULL: the write-ahead log is fsynced at commit, which
        /// also makes every earlier commit durable.
        case full = 2
    }

    public init(path: String, mode: Mode = .readWrite) throws(DatabaseError) {
        var db: OpaquePointer?
        let flags: Int32
        var name = path
        switch mode {
        case .readWrite: flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
        case .readOnly: flags = SQLITE_OPEN_READONLY
        case .immutable:
            flags = SQLITE_OPEN_READONLY | SQLITE_OPEN_URI
            let escaped = path.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "?", with: "%3f")
                .replacingOccurrences(of: "#", with: "%23")
            name = "file:" + escaped + "?immutable=1"
        }
        let rc = sqlite3_open_v2(name, &db, flags | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE, nil)
        guard rc == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
            if let db { sqlite3_close_v2(db) }
            throw DatabaseError(code: ResultCode(rawValue: rc), message: message)
        }
        self.handle = db
        self.path = path
        sqlite3_extended_result_codes(db, 1)
        // Wait for a lock held by the other connection instead of failing.
        sqlite3_busy_timeout(db, 5000)
        // Refuse writes that could corrupt the file even through SQL.
        _ = kiosk_sqlite_db_config_defensive(db, 1)
    }

    /// Whether closing this connection may copy the write-ahead log into
    /// the database file (SQLite does so when the last connection closes).
    /// Off until a file is known to be whole, so that a damaged one found
    /// at open is closed without a byte written to it.
    public func setCheckpointOnClose(_ on: Bool) {
        _ = kiosk_sqlite_db_config_no_checkpoint_on_close(handle, on ? 0 : 1)
    }

    deinit {
        statementCache.removeAll()
        sqlite3_close_v2(handle)
    }

    func error(_ rc: Int32, sql: String? = nil) -> DatabaseError {
        DatabaseError(code: ResultCode(rawValue: rc), message: String(cString: sqlite3_errmsg(handle)), sql: sql)
    }

    /// Runs SQL without parameters (one or more statements).
    public func execute(_ sql: String) throws(DatabaseError) {
        let rc = sqlite3_exec(handle, sql, nil, nil, nil)
        guard rc == SQLITE_OK else { throw error(rc, sql: sql) }
    }

    /// Runs one statement with parameters.
    public func execute(_ sql: String, _ values: [SQLValue]) throws(DatabaseError) {
        let s = try cached(sql)
        try s.bind(values)
        defer { s.reset() }
        try s.stepToEnd()
    }

    /// A new prepared statement (the caller keeps it).
    public func prepare(_ sql: String) throws(DatabaseError) -> Statement {
        try Statement(database: self, sql: sql)
    }

    /// A prepared statement kept for reuse: the hot paths (a keystroke) do
    /// not parse SQL again.
    public func cached(_ sql: String) throws(DatabaseError) -> Statement {
        if let s = statementCache[sql] { return s }
        let s = try Statement(database: self, sql: sql)
        statementCache[sql] = s
        return s
    }

    /// Rows of a query, each read by `row`.
    public func query<T>(_ sql: String, _ values: [SQLValue] = [], _ row: (Statement) throws(DatabaseError) -> T) throws(DatabaseError) -> [T] {
        let s = try cached(sql)
        try s.bind(values)
        defer { s.reset() }
        var out: [T] = []
        while try s.step() { out.append(try row(s)) }
        return out
    }

    /// The first column of the first row, if any.
    public func scalar(_ sql: String, _ values: [SQLValue] = []) throws(DatabaseError) -> SQLValue? {
        try query(sql, values) { s throws(DatabaseError) in s.value(0) }.first
    }

    public var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }
    public var changes: Int { Int(sqlite3_changes(handle)) }

    /// Runs `body` in a transaction (BEGIN IMMEDIATE, so that a writer never
    /// deadlocks with the other connection); rolls back if it throws.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        try execute("BEGIN IMMEDIATE")
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    public func setDurability(_ d: Durability) throws(DatabaseError) {
        try execute("PRAGMA synchronous = \(d.rawValue)")
    }

    public var userVersion: Int {
        get throws(DatabaseError) {
            if case .integer(let v) = try scalar("PRAGMA user_version") { return Int(v) }
            return 0
        }
    }

    /// `PRAGMA quick_check`: "ok", or the problems found. Like
    /// integrity_check (every page of every b-tree is read) without
    /// matching each index against its table, so it costs about one read
    /// of the file.
    public func quickCheck() throws(DatabaseError) -> String {
        try query("PRAGMA quick_check") { s throws(DatabaseError) in s.string(0) ?? "" }.joined(separator: "\n")
    }

    /// `PRAGMA integrity_check`: "ok", or the problems found.
    public func integrityCheck() throws(DatabaseError) -> String {
        try query("PRAGMA integrity_check") { s throws(DatabaseError) in s.string(0) ?? "" }.joined(separator: "\n")
    }
}

/// A value bound to or read from SQL.
public enum SQLValue: Sendable, Equatable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])

    public static func int(_ v: Int) -> SQLValue { .integer(Int64(v)) }
    public static func optional(_ s: String?) -> SQLValue { s.map(SQLValue.text) ?? .null }
    public static func optional(_ i: Int?) -> SQLValue { i.map { .integer(Int64($0)) } ?? .null }
}

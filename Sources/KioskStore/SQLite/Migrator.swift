/// Versioned, forward-only schema migrations, recorded in `PRAGMA
/// user_version`. Migration N takes the schema from version N-1 to N; each
/// runs in its own transaction, so a failure leaves the previous version.
public struct Migrator: Sendable {
    public struct Migration: Sendable {
        public var version: Int
        public var name: String
        public var sql: String
    }

    public private(set) var migrations: [Migration] = []

    public init() {}

    public mutating func register(_ version: Int, _ name: String, _ sql: String) {
        precondition(version == migrations.count + 1, "migrations must be registered in order")
        migrations.append(Migration(version: version, name: name, sql: sql))
    }

    public var latestVersion: Int { migrations.count }

    public enum Failure: Error, Sendable {
        /// The file was written by a newer kiosk; opening it would risk its data.
        case newerDatabase(found: Int, known: Int)
        case database(DatabaseError)
    }

    /// Brings the database to `target` (default: the latest version).
    public func migrate(_ db: Database, upTo target: Int? = nil) throws(Failure) {
        let target = target ?? latestVersion
        let current: Int
        do { current = try db.userVersion } catch { throw .database(error) }
        if current > latestVersion { throw .newerDatabase(found: current, known: latestVersion) }
        for m in migrations where m.version > current && m.version <= target {
            do {
                try db.transaction {
                    try db.execute(m.sql)
                    try db.execute("PRAGMA user_version = \(m.version)")
                }
            } catch {
                // Only the database throws here.
                throw .database(error as? DatabaseError ?? DatabaseError(code: .error, message: "\(error)"))
            }
        }
    }
}

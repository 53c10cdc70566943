import Foundation
import KioskCore

/// What `kiosk doctor` finds in the database file, read without the data
/// key and without writing a byte: its schema version against this kiosk's,
/// and SQLite's `PRAGMA integrity_check` (every page, every index).
public struct DatabaseHealth: Sendable, Equatable {
    /// `user_version`: the migrations applied.
    public var version: Int
    /// The migrations this kiosk knows (a start migrates up to it).
    public var latest: Int
    /// "ok", or SQLite's findings (pages and rows, never values).
    public var integrity: String

    /// Operators set up with `kiosk operator add` (nil: a schema from
    /// before operators, or a newer file not read).
    public var operators: Int? = nil

    public var isIntact: Bool { integrity == "ok" }

    /// Opens `path` read-only (as immutable when no connection has it open:
    /// no -wal beside it, so no -wal or -shm is made) and checks it. Throws
    /// when SQLite cannot read it at all (not a database, unreadable).
    public static func check(path: String) throws(StoreError) -> DatabaseHealth {
        let inUse = FileManager.default.fileExists(atPath: path + "-wal")
        do {
            let db = try Database(path: path, mode: inUse ? .readOnly : .immutable)
            let version = try db.userVersion
            // A newer file is not walked: its pages are another kiosk's business.
            let integrity = version > Schema.migrator.latestVersion ? "ok" : try db.integrityCheck()
            var health = DatabaseHealth(version: version, latest: Schema.migrator.latestVersion, integrity: integrity)
            // Operators have their table from schema 6 on (ids and PIN hashes only: no key needed).
            if (6...Schema.migrator.latestVersion).contains(version), health.isIntact,
               case .integer(let n) = try db.scalar("SELECT count(*) FROM operators") {
                health.operators = Int(n)
            }
            return health
        } catch {
            throw .database(error)
        }
    }
}

import Foundation
import XCTest
import CSQLite
import KioskCore
@testable import KioskStore
import KioskTestSupport

// Extended result codes are C macros Swift does not import.
let constraintCheck: Int32 = SQLITE_CONSTRAINT | (1 << 8)
let constraintNotNull: Int32 = SQLITE_CONSTRAINT | (5 << 8)
let constraintUnique: Int32 = SQLITE_CONSTRAINT | (8 << 8)
let readOnlyDBMoved: Int32 = SQLITE_READONLY | (4 << 8)
let ioErrWrite: Int32 = SQLITE_IOERR | (3 << 8)

/// The thin SQLite layer: handles, typed binding and reading, transactions,
/// locking, WAL, and errors that never carry the bound values.
final class SQLiteLayerTests: StoreTestCase {
    var path: String { root + "/layer.db" }

    func testTypedValuesRoundTrip() throws {
        let db = try Database(path: path)
        try db.execute("CREATE TABLE t (i INTEGER, r REAL, s TEXT, b BLOB, n)")
        // NFD text (decomposed marks), an emoji and a non-BMP character must come back as they went in.
        let text = "Nguye\u{302}\u{303}n Thi\u{323} Bí Mật — 🇻🇳 𠀀"
        let blob: [UInt8] = [0, 1, 2, 0xFF, 0, 0x80]
        for (i, r) in [(Int64.max, 2.5), (Int64.min, -0.125), (0, 1e300)] {
            try db.execute("INSERT INTO t (i, r, s, b, n) VALUES (?1, ?2, ?3, ?4, ?5)",
                           [.integer(i), .real(r), .text(text), .blob(blob), .null])
        }
        let rows = try db.query("SELECT i, r, s, b, n FROM t ORDER BY rowid") { s in
            (s.value(0), s.value(1), s.value(2), s.value(3), s.value(4), s.int(0), s.double(1), s.string(2), s.blob(3), s.isNull(4), s.optionalInt(4))
        }
        XCTAssertEqual(rows.count, 3)
        XCTAssertEqual(rows.map(\.0), [.integer(.max), .integer(.min), .integer(0)])
        XCTAssertEqual(rows.map(\.1), [.real(2.5), .real(-0.125), .real(1e300)])
        for row in rows {
            XCTAssertEqual(row.2, .text(text))
            XCTAssertEqual(row.3, .blob(blob))
            XCTAssertEqual(row.4, .null)
            XCTAssertEqual(row.7, text)
            XCTAssertEqual(row.7?.unicodeScalars.count, text.unicodeScalars.count, "no normalisation on the way")
            XCTAssertEqual(row.8, blob)
            XCTAssertTrue(row.9)
            XCTAssertNil(row.10)
        }
        XCTAssertEqual(rows.map(\.5), [Int(Int64.max), Int(Int64.min), 0])
        XCTAssertEqual(rows.map(\.6), [2.5, -0.125, 1e300])
        // Reading a NULL as string or blob gives nil; as a value, .null.
        let nulls = try db.query("SELECT NULL") { s in (s.string(0), s.blob(0), s.value(0)) }
        XCTAssertNil(nulls[0].0)
        XCTAssertNil(nulls[0].1)
        XCTAssertEqual(nulls[0].2, .null)
        // Helpers.
        XCTAssertEqual(SQLValue.int(7), .integer(7))
        XCTAssertEqual(SQLValue.optional(nil as String?), .null)
        XCTAssertEqual(SQLValue.optional("x"), .text("x"))
        XCTAssertEqual(SQLValue.optional(nil as Int?), .null)
        XCTAssertEqual(SQLValue.optional(3 as Int?), .integer(3))
    }

    func testEmptyTextAndEmptyBlobAreNotNull() throws {
        let db = try Database(path: path)
        try db.execute("CREATE TABLE t (s TEXT, b BLOB)")
        try db.execute("INSERT INTO t (s, b) VALUES (?1, ?2)", [.text(""), .blob([])])
        XCTAssertEqual(try db.scalar("SELECT typeof(s) FROM t"), .text("text"))
        XCTAssertEqual(try db.scalar("SELECT s FROM t"), .text(""))
        XCTAssertEqual(try db.scalar("SELECT typeof(b) FROM t"), .text("blob"), "an empty blob must be bound as a blob, not as NULL")
        XCTAssertEqual(try db.scalar("SELECT b FROM t"), .blob([]))
    }

    func testTextWithANulCharacterIsNotTruncated() throws {
        let db = try Database(path: path)
        try db.execute("CREATE TABLE t (s TEXT)")
        let text = "trước\u{0}sau"
        try db.execute("INSERT INTO t (s) VALUES (?1)", [.text(text)])
        XCTAssertEqual(try db.scalar("SELECT s FROM t"), .text(text), "bound text must keep everything after a U+0000")
    }

    func testStatementCanBeReboundAndOldBindingsAreCleared() throws {
        let db = try Database(path: path)
        try db.execute("CREATE TABLE t (a, b)")
        let insert = try db.prepare("INSERT INTO t (a, b) VALUES (?1, ?2)")
        XCTAssertEqual(insert.sql, "INSERT INTO t (a, b) VALUES (?1, ?2)")
        try insert.bind([.int(1), .text("một")])
        try insert.stepToEnd()
        // Fewer values the second time: ?2 must not keep "một".
        try insert.bind([.int(2)])
        try insert.stepToEnd()
        insert.reset()
        XCTAssertEqual(db.changes, 1)
        XCTAssertEqual(db.lastInsertRowID, 2)
        let rows = try db.query("SELECT a, b FROM t ORDER BY a") { s in [s.value(0), s.value(1)] }
        XCTAssertEqual(rows, [[.integer(1), .text("một")], [.integer(2), .null]])
        // A caller-kept statement steps row by row.
        let select = try db.prepare("SELECT a FROM t ORDER BY a")
        XCTAssertTrue(try select.step())
        XCTAssertEqual(select.int(0), 1)
        XCTAssertTrue(try select.step())
        XCTAssertEqual(select.int(0), 2)
        XCTAssertFalse(try select.step())
        // Binding too many values is an error (SQLITE_RANGE), not a crash.
        let e = assertDatabaseError(try insert.bind([.int(1), .int(2), .int(3)]))
        XCTAssertEqual(e?.code.primary, ResultCode(rawValue: SQLITE_RANGE))
    }

    func testSyntaxErrorCarriesCodeMessageAndSQL() throws {
        let db = try Database(path: path)
        let e = assertDatabaseError(try db.prepare("SELEKT 1"))
        XCTAssertEqual(e?.code, .error)
        XCTAssertEqual(e?.sql, "SELEKT 1")
        XCTAssertTrue(e?.message.contains("syntax error") ?? false, e?.message ?? "")
        XCTAssertTrue(String(describing: e).contains("SELEKT 1"))
        let e2 = assertDatabaseError(try db.execute("CREATE TABLE"))
        XCTAssertEqual(e2?.code, .error)
        XCTAssertEqual(e2?.sql, "CREATE TABLE")
    }

    func testTransactionCommits() throws {
        let db = try Database(path: path)
        try db.execute("CREATE TABLE t (x)")
        let result = try db.transaction { () throws -> Int in
            try db.execute("INSERT INTO t VALUES (?1)", [.int(1)])
            try db.execute("INSERT INTO t VALUES (?1)", [.int(2)])
            return 42
        }
        XCTAssertEqual(result, 42)
        // Seen from another connection: really committed.
        let other = try Database(path: path)
        XCTAssertEqual(try int(other, "SELECT count(*) FROM t"), 2)
    }

    func testTransactionRollsBackWhenTheBodyThrows() throws {
        struct Boom: Error, Equatable {}
        let db = try Database(path: path)
        try db.execute("CREATE TABLE t (x)")
        try db.execute("INSERT INTO t VALUES (0)")
        XCTAssertThrowsError(try db.transaction { () throws in
            try db.execute("INSERT INTO t VALUES (?1)", [.int(1)])
            try db.execute("UPDATE t SET x = 99")
            throw Boom()
        }) { error in
            XCTAssertEqual(error as? Boom, Boom(), "the body's own error is rethrown")
        }
        XCTAssertEqual(try int(db, "SELECT count(*) FROM t"), 1)
        XCTAssertEqual(try int(db, "SELECT x FROM t"), 0)
        // The connection is usable again: no transaction left open.
        try db.transaction { () throws in try db.execute("INSERT INTO t VALUES (5)") }
        XCTAssertEqual(try int(db, "SELECT count(*) FROM t"), 2)
    }

    func testTransactionRollsBackWhenAStatementFails() throws {
        let db = try Database(path: path)
        try db.execute("CREATE TABLE t (x UNIQUE)")
        try db.execute("INSERT INTO t VALUES (1)")
        XCTAssertThrowsError(try db.transaction { () throws in
            try db.execute("INSERT INTO t VALUES (?1)", [.int(2)])
            try db.execute("INSERT INTO t VALUES (?1)", [.int(1)]) // UNIQUE violation
        }) { error in
            XCTAssertEqual((error as? DatabaseError)?.code.primary, .constraint)
        }
        XCTAssertEqual(try db.query("SELECT x FROM t ORDER BY x") { $0.int(0) }, [1], "the first insert was rolled back too")
    }

    func testErrorsNeverCarryTheBoundValues() throws {
        let db = try Database(path: path)
        try db.execute("CREATE TABLE people (name TEXT NOT NULL UNIQUE, id_number TEXT NOT NULL, note TEXT CHECK (length(note) < 5))")
        try db.execute("INSERT INTO people (name, id_number) VALUES (?1, ?2)", [.text(secretName), .text(secretIDNumber)])
        var errors: [DatabaseError] = []
        // UNIQUE violation.
        if let e = assertDatabaseError(try db.execute("INSERT INTO people (name, id_number) VALUES (?1, ?2)", [.text(secretName), .text(secretIDNumber)])) {
            XCTAssertEqual(e.code.primary, .constraint)
            XCTAssertEqual(e.code.rawValue, constraintUnique, "the extended code is kept")
            XCTAssertTrue(e.message.contains("UNIQUE"), e.message)
            XCTAssertEqual(e.sql, "INSERT INTO people (name, id_number) VALUES (?1, ?2)")
            errors.append(e)
        }
        // NOT NULL violation, with the personal value bound to another column.
        if let e = assertDatabaseError(try db.execute("INSERT INTO people (name, id_number) VALUES (?1, ?2)", [.text(secretIDNumber + " " + secretName), .null])) {
            XCTAssertEqual(e.code.primary, .constraint)
            XCTAssertEqual(e.code.rawValue, constraintNotNull)
            errors.append(e)
        }
        // CHECK violation.
        if let e = assertDatabaseError(try db.execute("INSERT INTO people (name, id_number, note) VALUES (?1, ?2, ?3)", [.text("x"), .text("y"), .text(secretName)])) {
            XCTAssertEqual(e.code.rawValue, constraintCheck)
            errors.append(e)
        }
        XCTAssertEqual(errors.count, 3)
        for e in errors {
            let texts = [String(describing: e), String(reflecting: e), "\(e)", e.message, e.localizedDescription,
                         e.userMessage.vi, e.userMessage.en, String(describing: StoreError.database(e)),
                         StoreError.database(e).userMessage.vi]
            for t in texts {
                XCTAssertFalse(t.contains(secretName), "the name leaked: \(t)")
                XCTAssertFalse(t.contains("Bí Mật"), "part of the name leaked: \(t)")
                XCTAssertFalse(t.contains(secretIDNumber), "the id number leaked: \(t)")
            }
        }
    }

    func testOpeningInAMissingFolderFailsWithCantOpen() {
        let e = assertDatabaseError(try Database(path: root + "/no/such/folder/x.db"))
        XCTAssertEqual(e?.code.primary, .cantOpen)
        XCTAssertFalse(FileManager.default.fileExists(atPath: root + "/no"))
    }

    func testBusyTimeoutIsSet() throws {
        let db = try Database(path: path)
        XCTAssertEqual(try db.scalar("PRAGMA busy_timeout"), .integer(5000))
    }

    func testAWriterWaitsForTheOtherConnectionsLockInsteadOfFailing() throws {
        let a = try Database(path: path)
        try a.execute("PRAGMA journal_mode = WAL")
        try a.execute("CREATE TABLE t (x)")
        try a.execute("BEGIN IMMEDIATE")
        try a.execute("INSERT INTO t VALUES (1)")

        final class Outcome: @unchecked Sendable {
            let lock = NSLock()
            var error: String?
            var finished = false
        }
        let outcome = Outcome()
        let started = DispatchSemaphore(value: 0)
        let done = DispatchSemaphore(value: 0)
        let p = path
        Thread.detachNewThread {
            do {
                let b = try Database(path: p)
                started.signal()
                // Blocks on a's write lock until a commits (busy timeout).
                try b.execute("INSERT INTO t VALUES (2)")
            } catch {
                outcome.lock.lock(); outcome.error = "\(error)"; outcome.lock.unlock()
            }
            outcome.lock.lock(); outcome.finished = true; outcome.lock.unlock()
            done.signal()
        }
        started.wait()
        Thread.sleep(forTimeInterval: 0.2) // let the other connection reach the lock
        try a.execute("COMMIT")
        done.wait()
        outcome.lock.lock()
        defer { outcome.lock.unlock() }
        XCTAssertTrue(outcome.finished)
        XCTAssertNil(outcome.error, "the second writer should have waited, not failed")
        XCTAssertEqual(try int(a, "SELECT count(*) FROM t"), 2)
    }

    func testAReaderIsNotBlockedByAnOpenWriteTransaction() throws {
        let writer = try Database(path: path)
        try writer.execute("PRAGMA journal_mode = WAL")
        try writer.execute("CREATE TABLE t (x)")
        try writer.execute("INSERT INTO t VALUES (1)")
        let reader = try Database(path: path)
        try reader.execute("PRAGMA busy_timeout = 0") // would fail at once if it had to wait
        try writer.execute("BEGIN IMMEDIATE")
        try writer.execute("INSERT INTO t VALUES (2)")
        XCTAssertEqual(try int(reader, "SELECT count(*) FROM t"), 1, "the reader sees the last commit")
        try writer.execute("COMMIT")
        XCTAssertEqual(try int(reader, "SELECT count(*) FROM t"), 2)
    }

    func testStoreDatabaseIsInWALMode() throws {
        let store = try openStore()
        XCTAssertEqual(try store.db.scalar("PRAGMA journal_mode"), .text("wal"))
        _ = try store.createDraft(formID: "f", formVersion: "1", formSource: [1], verification: .pin("9275"))
        XCTAssertTrue(FileManager.default.fileExists(atPath: dbPath + "-wal"))
        XCTAssertEqual(try store.db.scalar("PRAGMA foreign_keys"), .integer(1))
        // WAL is recorded in the file: a plain connection sees it too.
        let raw = try rawConnection()
        XCTAssertEqual(try raw.scalar("PRAGMA journal_mode"), .text("wal"))
    }

    func testTwoStoresOnOneFileWorkAtTheSameTime() throws {
        // The UI and the sync worker each own a store on the same file.
        let form = try loadTestForm()
        let ui = try openStore()
        let draft = try ui.createDraft(formID: form.id, formVersion: form.version, formSource: testFormSource, verification: .pin("9275"))
        let dossiers = try (0..<3).map { _ in try ui.finalize(form: form, formSource: testFormSource, state: completeState(form), draftID: nil) }

        final class Failures: @unchecked Sendable {
            let lock = NSLock()
            var list: [String] = []
            func add(_ s: String) { lock.lock(); list.append(s); lock.unlock() }
        }
        let failures = Failures()
        let done = DispatchSemaphore(value: 0)
        let (db, attachments, submissionIDs) = (dbPath, attachmentsPath, dossiers.map(\.submissionID))
        Thread.detachNewThread {
            do {
                let worker = try testStore(databasePath: db, attachmentsPath: attachments, stationID: "KIOSK-01", retentionDays: 30)
                for (i, id) in submissionIDs.enumerated() {
                    _ = try worker.dueOutbox()
                    try worker.markAccepted(submissionID: id, officialCode: "000.25.01.H49-261122-000\(i)", dueDate: nil)
                    _ = try worker.status()
                }
            } catch {
                failures.add("worker: \(error)")
            }
            done.signal()
        }
        // Meanwhile the UI keeps typing.
        for i in 0..<60 {
            do { try ui.saveAnswer(draftID: draft.id, path: "remark", raw: "gõ \(i)") } catch { failures.add("ui \(i): \(error)") }
        }
        done.wait()
        XCTAssertEqual(failures.list, [])
        XCTAssertEqual(try ui.answers(draftID: draft.id).map(\.raw), ["gõ 59"])
        XCTAssertEqual(try ui.status().accepted, 3)
        XCTAssertEqual(try ui.dueOutbox(), [])
    }

    func testReleasingConnectionAndStatementsClosesTheFile() throws {
        do {
            let db = try Database(path: path)
            try db.execute("PRAGMA journal_mode = WAL")
            try db.execute("CREATE TABLE t (x)")
            try db.execute("INSERT INTO t VALUES (?1)", [.int(1)]) // a cached statement
            _ = try db.query("SELECT x FROM t") { $0.int(0) }      // another
            let kept = try db.prepare("SELECT count(*) FROM t")   // a caller-kept one
            XCTAssertTrue(try kept.step())
            kept.reset()
        }
        // No handle left open: another connection may take the file for itself
        // (leaving WAL needs every other connection closed).
        let other = try Database(path: path)
        XCTAssertEqual(try other.scalar("PRAGMA journal_mode = DELETE"), .text("delete"))
        XCTAssertFalse(FileManager.default.fileExists(atPath: path + "-wal"))
    }

    func testAStatementKeptAfterItsConnectionIsReleasedStillClosesTheFile() throws {
        var statement: Statement?
        do {
            let db = try Database(path: path)
            try db.execute("PRAGMA journal_mode = WAL")
            try db.execute("CREATE TABLE t (x)")
            statement = try db.prepare("SELECT count(*) FROM t")
        }
        XCTAssertNotNil(statement)
        statement = nil
        let other = try Database(path: path)
        XCTAssertEqual(try other.scalar("PRAGMA journal_mode = DELETE"), .text("delete"))
    }

    func testUserVersionAndIntegrityCheck() throws {
        let db = try Database(path: path)
        XCTAssertEqual(try db.userVersion, 0)
        try db.execute("PRAGMA user_version = 7")
        XCTAssertEqual(try db.userVersion, 7)
        XCTAssertEqual(try db.integrityCheck(), "ok")
    }

    func testDurabilitySetsSynchronous() throws {
        let db = try Database(path: path)
        try db.setDurability(.full)
        XCTAssertEqual(try db.scalar("PRAGMA synchronous"), .integer(2))
        try db.setDurability(.normal)
        XCTAssertEqual(try db.scalar("PRAGMA synchronous"), .integer(1))
    }

    func testResultCodePrimaryAndDescription() {
        let unique = ResultCode(rawValue: constraintUnique)
        XCTAssertEqual(unique.primary, .constraint)
        XCTAssertEqual(ResultCode(rawValue: readOnlyDBMoved).primary, .readOnly)
        XCTAssertEqual(ResultCode(rawValue: ioErrWrite).primary, .ioError)
        XCTAssertTrue(unique.description.contains("\(constraintUnique)"))
    }
}

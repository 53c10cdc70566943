import Foundation
import XCTest
@testable import KioskStore

/// Forward-only migrations recorded in `PRAGMA user_version`.
final class MigrationTests: StoreTestCase {
    func tables(_ db: Database) throws -> Set<String> {
        Set(try db.query("SELECT name FROM sqlite_master WHERE type = 'table'") { $0.string(0) ?? "" })
    }

    func testANewStoreIsMigratedFromZeroToTheLatestVersion() throws {
        XCTAssertGreaterThanOrEqual(Schema.migrator.latestVersion, 1)
        let store = try openStore()
        XCTAssertEqual(try store.db.userVersion, Schema.migrator.latestVersion)
        let expected: Set<String> = ["form_versions", "drafts", "draft_answers", "dossiers", "dossier_answers", "dossier_documents",
                                     "dossier_history", "documents", "outbox", "receipt_sequence", "audit_log", "meta"]
        let found = try tables(store.db)
        XCTAssertTrue(expected.isSubset(of: found), "missing: \(expected.subtracting(found))")
        XCTAssertEqual(try store.db.integrityCheck(), "ok")
    }

    func testMigratorAppliesMigrationsInOrderUpToATarget() throws {
        var m = Migrator()
        m.register(1, "a", "CREATE TABLE a (x); INSERT INTO a VALUES (1);")
        m.register(2, "b", "CREATE TABLE b (x); INSERT INTO b SELECT x + 1 FROM a;")
        m.register(3, "c", "ALTER TABLE b ADD COLUMN y DEFAULT 'c';")
        XCTAssertEqual(m.latestVersion, 3)
        XCTAssertEqual(m.migrations.map(\.name), ["a", "b", "c"])
        let db = try Database(path: root + "/m.db")
        XCTAssertEqual(try db.userVersion, 0)
        try m.migrate(db, upTo: 2)
        XCTAssertEqual(try db.userVersion, 2)
        XCTAssertEqual(try tables(db), ["a", "b"])
        XCTAssertEqual(try int(db, "SELECT x FROM b"), 2)
        try m.migrate(db)
        XCTAssertEqual(try db.userVersion, 3)
        XCTAssertEqual(try db.scalar("SELECT y FROM b"), .text("c"))
    }

    func testVersionThreeKeepsLocksAndFreezesTheDossiersStillToBeSent() throws {
        // A store of version 2: a draft locked after wrong tries, another
        // with two, and a queued and an accepted dossier.
        do {
            try FileManager.default.createDirectory(atPath: dataDir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            let db = try rawConnection()
            try Schema.migrator.migrate(db, upTo: 2)
            let t = Int(baseDate.timeIntervalSince1970)
            try db.execute("INSERT INTO form_versions VALUES ('f', '1', x'7b7d', \(t))")
            try db.execute("""
                INSERT INTO drafts (resume_code, form_id, form_version, created_at, updated_at, verifier, verifier_kind, failed_tries, locked_until)
                VALUES ('K7M4QX', 'f', '1', \(t), \(t), 'v', 'pin', 0, \(t + 600)),
                       ('H4PA9C', 'f', '1', \(t), \(t), 'v', 'pin', 2, NULL),
                       ('T3RW7N', 'f', '1', \(t), \(t), 'v', 'pin', 0, NULL)
                """)
            try db.execute("""
                INSERT INTO dossiers (submission_id, receipt_number, form_id, form_version, procedure_code, status, finalized_at)
                VALUES ('s1', 'R1', 'f', '1', 'p', 'queued', \(t)), ('s2', 'R2', 'f', '1', 'p', 'accepted', \(t))
                """)
        }
        let store = try openStore()
        store.agencyCode = "000.00.13.H36"
        try store.freezeEarlierDossiers()
        XCTAssertEqual(try store.db.userVersion, Schema.migrator.latestVersion)
        let tries = try store.db.query("SELECT code, failures, locked_until FROM resume_tries ORDER BY code") { s in
            "\(s.string(0) ?? "") \(s.int(1)) \(s.optionalInt(2).map(String.init) ?? "-")"
        }
        let t = Int(baseDate.timeIntervalSince1970)
        XCTAssertEqual(tries, ["H4PA9C 2 -", "K7M4QX 0 \(t + 600)"], "the lock and the count carry over")
        guard case .locked? = assertResumeError(try store.resumeDraft(code: "K7M4QX", verification: "1111")) else {
            return XCTFail("a draft locked before the upgrade stays locked")
        }
        XCTAssertEqual(try store.dossier(submissionID: "s1")?.agencyCode, "000.00.13.H36", "frozen before a kiosk.conf change can reach it")
        XCTAssertEqual(try store.dossier(submissionID: "s1")?.stationID, "KIOSK-01")
        XCTAssertNil(try store.dossier(submissionID: "s2")?.agencyCode, "an accepted one sends nothing more")
        // Once: a later kiosk.conf does not move them again.
        store.agencyCode = "000.25.01.H22"
        try store.freezeEarlierDossiers()
        XCTAssertEqual(try store.dossier(submissionID: "s1")?.agencyCode, "000.00.13.H36")
    }

    func testMigratingAnUpToDateDatabaseIsANoOp() throws {
        var m = Migrator()
        m.register(1, "a", "CREATE TABLE a (x);")
        let db = try Database(path: root + "/m.db")
        try m.migrate(db)
        try db.execute("INSERT INTO a VALUES (?1)", [.text("kept")])
        // Running again would fail on CREATE TABLE if migration 1 ran twice.
        try m.migrate(db)
        XCTAssertEqual(try db.userVersion, 1)
        XCTAssertEqual(try db.scalar("SELECT x FROM a"), .text("kept"))
    }

    func testAFailedMigrationLeavesThePreviousVersion() throws {
        var m = Migrator()
        m.register(1, "a", "CREATE TABLE a (x);")
        m.register(2, "broken", "CREATE TABLE b (x); INSERT INTO no_such_table VALUES (1);")
        let db = try Database(path: root + "/m.db")
        XCTAssertThrowsError(try m.migrate(db)) { error in
            guard case .database(let e)? = error as? Migrator.Failure else { return XCTFail("got \(error)") }
            XCTAssertEqual(e.code, .error)
            XCTAssertTrue(e.message.contains("no_such_table"), e.message)
        }
        XCTAssertEqual(try db.userVersion, 1)
        XCTAssertEqual(try tables(db), ["a"], "migration 2's table was rolled back")
        // Not stuck in a transaction.
        try db.execute("INSERT INTO a VALUES (1)")
    }

    func testMigratorRefusesANewerDatabase() throws {
        var m = Migrator()
        m.register(1, "a", "CREATE TABLE a (x);")
        let db = try Database(path: root + "/m.db")
        try db.execute("PRAGMA user_version = 5")
        XCTAssertThrowsError(try m.migrate(db)) { error in
            guard case .newerDatabase(let found, let known)? = error as? Migrator.Failure else { return XCTFail("got \(error)") }
            XCTAssertEqual(found, 5)
            XCTAssertEqual(known, 1)
        }
        XCTAssertEqual(try tables(db), [])
        XCTAssertEqual(try db.userVersion, 5)
    }

    func testReopeningAnUpToDateStoreKeepsItsData() throws {
        let code: String
        do {
            let store = try openStore()
            let draft = try store.createDraft(formID: "thu-nghiem", formVersion: "3", formSource: testFormSource, verification: .pin("9275"))
            try store.saveAnswer(draftID: draft.id, path: "applicant_full_name", raw: secretName)
            code = draft.resumeCode
        }
        let store = try openStore(at: baseDate.addingTimeInterval(60))
        XCTAssertEqual(try store.db.userVersion, Schema.migrator.latestVersion)
        let draft = try store.resumeDraft(code: code, verification: "9275")
        XCTAssertEqual(try store.answers(draftID: draft.id).map(\.raw), [secretName])
        XCTAssertEqual(try store.formSource(id: "thu-nghiem", version: "3"), testFormSource)
        XCTAssertEqual(store.warnings.count, 0, "\(store.warnings)")
    }

    /// Makes a store file, then marks it as written by a newer kiosk.
    func makeNewerStoreFile(version: Int) throws {
        do {
            let store = try openStore()
            _ = try store.createDraft(formID: "thu-nghiem", formVersion: "3", formSource: testFormSource, verification: .pin("9275"))
        }
        let raw = try rawConnection()
        try raw.execute("PRAGMA user_version = \(version)")
    }

    func testANewerStoreIsRefusedAndLeftUnchanged() throws {
        let newer = Schema.migrator.latestVersion + 1
        try makeNewerStoreFile(version: newer)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dbPath + "-wal"), "closed cleanly")
        let before = bytes(dbPath)
        XCTAssertFalse(before.isEmpty)

        let error = assertStoreError(try openStore(at: baseDate.addingTimeInterval(3600)))
        guard case .newerDatabase(let found, let known)? = error else { return XCTFail("got \(String(describing: error))") }
        XCTAssertEqual(found, newer)
        XCTAssertEqual(known, Schema.migrator.latestVersion)
        XCTAssertTrue(error?.userMessage.vi.contains("mới hơn") ?? false)
        assertSameBytes(bytes(dbPath), before, "the newer file must not be written to")

        // Read-only opening refuses it as well.
        let e2 = assertStoreError(try openStore(readOnly: true))
        guard case .newerDatabase? = e2 else { return XCTFail("got \(String(describing: e2))") }
        assertSameBytes(bytes(dbPath), before)

        let raw = try rawConnection(readOnly: true)
        XCTAssertEqual(try raw.userVersion, newer)
    }

    func testANewerStoreInRollbackJournalModeIsNotConvertedToWAL() throws {
        // A newer kiosk's file need not be in WAL mode; refusing it must not
        // rewrite its header (journal mode) either.
        try FileManager.default.createDirectory(atPath: dataDir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        do {
            let raw = try Database(path: dbPath)
            try raw.execute("CREATE TABLE future (x); INSERT INTO future VALUES ('dữ liệu');")
            try raw.execute("PRAGMA user_version = 99")
            XCTAssertEqual(try raw.scalar("PRAGMA journal_mode"), .text("delete"))
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: dbPath)
        let before = bytes(dbPath)

        let error = assertStoreError(try openStore())
        guard case .newerDatabase(let found, _)? = error else { return XCTFail("got \(String(describing: error))") }
        XCTAssertEqual(found, 99)
        assertSameBytes(bytes(dbPath), before, "the newer file must be left byte-for-byte unchanged")
        let raw = try rawConnection(readOnly: true)
        XCTAssertEqual(try raw.scalar("PRAGMA journal_mode"), .text("delete"))
    }
}

import Foundation
import XCTest
import KioskCore
@testable import KioskStore
import KioskTestSupport

/// Issue 15: a database written before the vault (schema 3, every value
/// plain) is sealed at its first unlock and its old pages wiped; a kill in
/// the middle is finished by the next start, nothing lost, nothing plain.
final class PlainMigrationTests: StoreTestCase {
    let documentText = "Bản chụp căn cước của \(secretName), số \(secretIDNumber)"

    /// The id number of dossier `i` (distinct, valid-looking digits).
    func idNumber(_ i: Int) -> String { String(format: "0793010%05d", i) }

    /// A schema-3 database as the kiosk wrote it before the vault: a draft
    /// with plain answers, a prefill and a document, and `dossiers`
    /// finalized dossiers with plain answers, summaries and names.
    func makePlainDatabase(dossiers: Int) throws -> String {
        try FileManager.default.createDirectory(atPath: attachmentsPath, withIntermediateDirectories: true)
        let db = try Database(path: dbPath)
        try db.execute("PRAGMA journal_mode = WAL")
        try Schema.migrator.migrate(db, upTo: 3)
        let t = Int(baseDate.timeIntervalSince1970)
        let document = Array(documentText.utf8)
        let sha = Crypto.sha256(document)
        try FileManager.default.createDirectory(atPath: attachmentsPath + "/" + sha.prefix(2), withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: attachmentsPath + "/\(sha.prefix(2))/\(sha)", contents: Data(document), attributes: [.posixPermissions: 0o600])
        try db.transaction {
            try db.execute("INSERT INTO form_versions VALUES ('thu-nghiem', '3', ?1, ?2)", [.blob(testFormSource), .int(t)])
            try db.execute("INSERT INTO drafts (id, resume_code, form_id, form_version, created_at, updated_at, verifier, verifier_kind) VALUES (1, 'ACDEFH', 'thu-nghiem', '3', ?1, ?1, ?2, 'pin')",
                           [.int(t), .text(Crypto.hashSecret("1234"))])
            for (path, value) in [("applicant_full_name", secretName), ("applicant_id_number", secretIDNumber), ("doc_gttt", "file:" + sha)] {
                try db.execute("INSERT INTO draft_answers VALUES (1, ?1, ?2)", [.text(path), .text(value)])
            }
            try db.execute("INSERT INTO draft_prefills VALUES (1, 'remark', ?1, '000.00.13.H36-261001-0001', 'applicant.full_name', 0)", [.text(secretName)])
            try db.execute("INSERT INTO documents VALUES (?1, ?2, 'text/plain', ?3)", [.text(sha), .int(document.count), .int(t)])
            for i in 1...dossiers {
                try db.execute("""
                    INSERT INTO dossiers (id, submission_id, receipt_number, form_id, form_version, procedure_code, status, summary, applicant_name, finalized_at)
                    VALUES (?1, ?2, ?3, 'thu-nghiem', '3', '1.001193', 'queued', ?4, ?5, ?6)
                    """, [.int(i), .text("sub-\(i)"), .text("KIOSK-01-20261122-\(i)"), .text("Thử nghiệm cho \(secretName) \(i)"),
                          .text("\(secretName) \(i)"), .int(t)])
                try db.execute("INSERT INTO dossier_answers VALUES (?1, 'applicant_full_name', 'applicant.full_name', ?2)", [.int(i), .text("\(secretName) \(i)")])
                try db.execute("INSERT INTO dossier_answers VALUES (?1, 'applicant_id_number', 'applicant.id_number', ?2)", [.int(i), .text(idNumber(i))])
                try db.execute("INSERT INTO dossier_answers VALUES (?1, 'remark', NULL, 'ghi chú riêng')", [.int(i)])
                try db.execute("INSERT INTO outbox (dossier_id, enqueued_at, next_attempt_at) VALUES (?1, ?2, ?2)", [.int(i), .int(t)])
            }
        }
        return sha
    }

    /// Every byte of every file under the store's folder, searched for the
    /// plain personal values; the names of those found.
    func plainHits() -> [String] {
        var hits: [String] = []
        for file in files(under: dataDir) {
            let b = bytes(dataDir + "/" + file)
            for needle in [secretName, secretName.decomposedStringWithCanonicalMapping, "Nguyen Thi Bi Mat", secretIDNumber, idNumber(1), "ghi chú riêng"]
            where contains(b, needle) {
                hits.append("\(file): \(needle)")
            }
        }
        return hits
    }

    func assertAllSealed(_ raw: Database, file: StaticString = #filePath, line: UInt = #line) throws {
        for sql in ["SELECT count(*) FROM draft_answers WHERE typeof(value) = 'text'",
                    "SELECT count(*) FROM draft_prefills WHERE typeof(value) = 'text'",
                    "SELECT count(*) FROM dossier_answers WHERE typeof(value) = 'text'",
                    "SELECT count(*) FROM dossiers WHERE typeof(summary) = 'text' OR typeof(applicant_name) = 'text'"] {
            XCTAssertEqual(try int(raw, sql), 0, sql, file: file, line: line)
        }
    }

    func testAnOldPlainDatabaseIsSealedAndItsOldPagesWiped() throws {
        let sha = try makePlainDatabase(dossiers: 3)
        XCTAssertFalse(plainHits().isEmpty, "the old database is plain")

        let store = try openStore()
        let raw = try rawConnection()
        try assertAllSealed(raw)
        XCTAssertEqual(try store.meta("vault_wiped"), "1")
        // Everything reads back as it was.
        let answers = Dictionary(uniqueKeysWithValues: try store.answers(draftID: 1).map { ($0.name, $0.raw) })
        XCTAssertEqual(answers, ["applicant_full_name": secretName, "applicant_id_number": secretIDNumber, "doc_gttt": "file:" + sha])
        XCTAssertEqual(try store.prefills(draftID: 1).map(\.raw), [secretName])
        XCTAssertEqual(try store.dossier(submissionID: "sub-2")?.applicantName, "\(secretName) 2")
        XCTAssertEqual(try store.dossierAnswers(id: 2).first { $0.path == "applicant_id_number" }?.value, idNumber(2))
        XCTAssertTrue(try store.verifies(dossierID: 2, verification: idNumber(2)), "the keyed hashes were made from the old answers")
        XCTAssertFalse(try store.verifies(dossierID: 2, verification: idNumber(3)))
        XCTAssertEqual(try store.documentBytes(sha256: sha), Array(documentText.utf8))
        XCTAssertEqual(try int(raw, "SELECT count(*) FROM draft_files WHERE sha256 = ?1", [.text(sha)]), 1, "the draft's document is known to purge")
        // And nothing plain is left in any file: the database, its -wal and -shm, the attachments.
        XCTAssertEqual(plainHits(), [])
        // Opening it again does nothing more.
        let again = try openStore()
        XCTAssertEqual(try again.answers(draftID: 1).count, 3)
    }

    /// A child process unlocks the old database and is killed (SIGKILL)
    /// between two of its transactions; the next start finishes the job.
    func testAKillDuringTheMigrationIsFinishedByTheNextStartWithNothingLost() throws {
        let count = 400
        _ = try makePlainDatabase(dossiers: count)
        guard let writer = builtExecutable("kiosk-crash-writer", near: Bundle(for: PlainMigrationTests.self)) else {
            return XCTFail("kiosk-crash-writer not built")
        }
        let keyFile = writeTestKeyFile(root + "/test.key")
        let process = Process()
        process.executableURL = writer
        // One dossier per transaction: hundreds of commits to be killed between.
        process.arguments = [keyFile, dbPath, attachmentsPath, "migrate", "5"]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        var received = ""
        // Killed as soon as the first batch is committed.
        while !received.contains("sealed ") {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            received += String(decoding: chunk, as: UTF8.self)
        }
        kill(process.processIdentifier, SIGKILL)
        received += String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationReason, .uncaughtSignal, "killed: \(received)")
        XCTAssertFalse(received.contains("done"), "killed before the end: \(received)")

        // Half-way: some values sealed, others still plain.
        let raw = try rawConnection()
        let sealed = try int(raw, "SELECT count(*) FROM dossier_answers WHERE typeof(value) = 'blob'")
        XCTAssertGreaterThan(sealed, 0, "the first batch was committed")
        XCTAssertEqual(try int(raw, "SELECT count(*) FROM dossier_answers"), 3 * count)

        // The next start carries on.
        let store = try openStore()
        try assertAllSealed(raw)
        XCTAssertEqual(try store.meta("vault_wiped"), "1")
        for i in [1, 2, count / 2, count] {
            let d = try XCTUnwrap(try store.dossier(submissionID: "sub-\(i)"))
            XCTAssertEqual(d.applicantName, "\(secretName) \(i)")
            XCTAssertEqual(d.summary, "Thử nghiệm cho \(secretName) \(i)")
            let answers = try store.dossierAnswers(id: d.id)
            XCTAssertEqual(answers.count, 3, "dossier \(i)")
            XCTAssertEqual(answers.first { $0.path == "applicant_id_number" }?.value, idNumber(i))
            XCTAssertTrue(try store.verifies(dossierID: d.id, verification: idNumber(i)), "dossier \(i)")
        }
        XCTAssertEqual(try store.status().queued, count)
        XCTAssertEqual(try store.db.integrityCheck(), "ok")
        XCTAssertEqual(plainHits(), [])
    }
}

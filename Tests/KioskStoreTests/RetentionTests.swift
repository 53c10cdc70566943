import Foundation
import XCTest
import KioskCore
@testable import KioskStore

/// Retention: personal data goes `retention_days` after acceptance; stale
/// drafts and unused document files go; the rest stays.
final class RetentionTests: StoreTestCase {
    let retention = 30
    let official = "000.25.01.H49-261122-0042"
    let scan: [UInt8] = Array("ảnh chụp căn cước".utf8) + [0, 1, 2, 3]

    func at(_ days: Double, plus seconds: TimeInterval = 0) -> Date {
        baseDate.addingTimeInterval(days * day + seconds)
    }

    func makeDraft(_ store: KioskStore) throws -> Draft {
        try store.createDraft(formID: "thu-nghiem", formVersion: "3", formSource: testFormSource, verification: .pin("9275"))
    }

    func count(_ store: KioskStore, _ sql: String, _ values: [SQLValue] = []) throws -> Int {
        try int(store.db, sql, values)
    }

    func testPurgeErasesPersonalDataOfAcceptedDossiersAfterRetention() throws {
        let form = try loadTestForm()
        let store = try openStore(retentionDays: retention)
        let sha = try store.storeDocument(scan, mediaType: "image/jpeg")
        let state = completeState(form, members: ["Trần Văn An"], documents: ["doc_gttt": "file:" + sha, "doc_khac": "desk"])
        let dossier = try store.finalize(form: form, formSource: testFormSource, state: state, draftID: nil)
        try store.markAccepted(submissionID: dossier.submissionID, officialCode: official, dueDate: "2026-11-25")

        let purgeTime = at(Double(retention), plus: 1)
        store.now = { purgeTime }
        let report = try store.purge()
        XCTAssertEqual(report.dossiersPurged, 1)
        XCTAssertEqual(report.filesDeleted, 1)

        let purged = try XCTUnwrap(try store.dossier(submissionID: dossier.submissionID))
        XCTAssertEqual(purged.status, .purged)
        XCTAssertNil(purged.summary)
        XCTAssertNil(purged.applicantName)
        XCTAssertEqual(purged.procedureCode, "1.001193")
        XCTAssertEqual(purged.officialCode, official)
        XCTAssertEqual(purged.dueDate, "2026-11-25")
        XCTAssertEqual(purged.finalizedAt, dossier.finalizedAt)
        XCTAssertEqual(purged.acceptedAt, Int(baseDate.timeIntervalSince1970))
        XCTAssertEqual(purged.purgedAt, Int(purgeTime.timeIntervalSince1970))
        XCTAssertEqual(purged.receiptNumber, dossier.receiptNumber)
        XCTAssertEqual(try store.dossier(officialCode: official)?.id, dossier.id, "still found by its official code")
        XCTAssertEqual(try store.dossierAnswers(id: dossier.id).count, 0)
        XCTAssertEqual(try store.dossierDocuments(id: dossier.id), [])
        XCTAssertEqual(try store.history(dossierID: dossier.id).map(\.status), ["queued", "accepted", "purged"])

        // The document: row and file gone.
        XCTAssertEqual(try count(store, "SELECT count(*) FROM documents"), 0)
        XCTAssertFalse(FileManager.default.fileExists(atPath: store.documentPath(sha256: sha)))

        // No personal value anywhere in the tables.
        for (table, columns) in [("dossiers", "coalesce(summary, '') || coalesce(applicant_name, '')"),
                                 ("dossier_answers", "value"), ("dossier_history", "note"), ("audit_log", "detail")] {
            let values = try store.db.query("SELECT \(columns) FROM \(table)") { $0.string(0) ?? "" }
            for v in values {
                XCTAssertFalse(v.contains(secretName) || v.contains(secretIDNumber) || v.contains("Trần Văn An"), "\(table): \(v)")
            }
        }

        let status = try store.status()
        XCTAssertEqual(status.purged, 1)
        XCTAssertEqual(status.accepted, 0)
        XCTAssertEqual(status.lastPurge, Int(purgeTime.timeIntervalSince1970))
        let audit = try store.auditLog().filter { $0.event == "purged" }
        XCTAssertEqual(audit.count, 1)
        XCTAssertEqual(audit.first?.at, Int(purgeTime.timeIntervalSince1970))

        // A second purge has nothing more to do and changes nothing.
        let again = try store.purge()
        XCTAssertEqual(again, PurgeReport())
        XCTAssertEqual(try store.dossier(submissionID: dossier.submissionID)?.purgedAt, Int(purgeTime.timeIntervalSince1970))
    }

    func testPurgeLeavesNoCopyOfErasedDataInTheDatabaseFiles() throws {
        let form = try loadTestForm()
        let store = try openStore(retentionDays: retention)
        let draft = try makeDraft(store)
        try store.saveAnswer(draftID: draft.id, path: "applicant_full_name", raw: secretName)
        let dossier = try store.finalize(form: form, formSource: testFormSource, state: completeState(form), draftID: draft.id)
        try store.markAccepted(submissionID: dossier.submissionID, officialCode: official, dueDate: nil)
        // Sealed under the data key: not readable even before the purge.
        XCTAssertFalse(contains(bytes(dbPath) + bytes(dbPath + "-wal"), secretName), "the name is stored sealed")
        XCTAssertEqual(try store.dossier(submissionID: dossier.submissionID)?.applicantName, secretName)

        let purgeTime = at(Double(retention), plus: 1)
        store.now = { purgeTime }
        XCTAssertEqual(try store.purge().dossiersPurged, 1)
        // The kiosk keeps running: the files on disk, as they are now, must
        // not hold the erased name (deleted rows, old pages in the WAL).
        for file in [dbPath, dbPath + "-wal"] {
            let onDisk = bytes(file)
            XCTAssertFalse(contains(onDisk, secretName), "the erased name is still readable in \((file as NSString).lastPathComponent)")
            XCTAssertFalse(contains(onDisk, secretIDNumber), "the erased id number is still readable in \((file as NSString).lastPathComponent)")
        }
    }

    func testDossiersNotYetDueAreUntouched() throws {
        let form = try loadTestForm()
        let store = try openStore(retentionDays: retention)
        // Accepted at day 0, purge one second before its time.
        let early = try store.finalize(form: form, formSource: testFormSource, state: completeState(form), draftID: nil)
        try store.markAccepted(submissionID: early.submissionID, officialCode: official, dueDate: nil)
        // Accepted at day 10.
        let tenth = at(10)
        store.now = { tenth }
        let late = try store.finalize(form: form, formSource: testFormSource, state: completeState(form), draftID: nil)
        try store.markAccepted(submissionID: late.submissionID, officialCode: "000.25.01.H49-261202-0001", dueDate: nil)
        // Never accepted: queued, and one needing attention, both from day 0.
        store.now = { baseDate }
        let queued = try store.finalize(form: form, formSource: testFormSource, state: completeState(form), draftID: nil)
        let refused = try store.finalize(form: form, formSource: testFormSource, state: completeState(form), draftID: nil)
        try store.markNeedsAttention(submissionID: refused.submissionID, reasons: "422")

        let justBefore = at(Double(retention), plus: -1)
        store.now = { justBefore }
        XCTAssertEqual(try store.purge().dossiersPurged, 0)
        XCTAssertEqual(try store.dossier(submissionID: early.submissionID)?.status, .accepted)
        XCTAssertEqual(try store.dossier(submissionID: early.submissionID)?.applicantName, secretName)
        XCTAssertEqual(try store.dossierAnswers(id: early.id).count, 2)

        let later = at(Double(retention) + 5)
        store.now = { later }
        XCTAssertEqual(try store.purge().dossiersPurged, 1)
        XCTAssertEqual(try store.dossier(submissionID: early.submissionID)?.status, .purged)
        for kept in [late, queued, refused] {
            let d = try XCTUnwrap(try store.dossier(submissionID: kept.submissionID))
            XCTAssertNotEqual(d.status, .purged)
            XCTAssertEqual(d.applicantName, secretName)
            XCTAssertEqual(d.summary, "Thử nghiệm cho " + secretName)
            XCTAssertNil(d.purgedAt)
            XCTAssertEqual(try store.dossierAnswers(id: kept.id).count, 2)
        }
        XCTAssertEqual(try store.dueOutbox().map(\.dossierID), [queued.id], "the queue is untouched")
        XCTAssertEqual(try store.history(dossierID: refused.id).last?.note, "422")
    }

    func testStaleDraftsAreDeletedAndRecentOnesKept() throws {
        let store = try openStore(retentionDays: retention)
        let stale = try makeDraft(store)
        try store.saveAnswer(draftID: stale.id, path: "applicant_full_name", raw: secretName)
        let active = try makeDraft(store)
        try store.saveAnswer(draftID: active.id, path: "applicant_full_name", raw: "Trần Văn An")
        let twentieth = at(20)
        store.now = { twentieth }
        try store.savePosition(draftID: active.id, page: 1, field: nil)

        let purgeTime = at(Double(retention), plus: 1)
        store.now = { purgeTime }
        let report = try store.purge()
        XCTAssertEqual(report.draftsExpired, 1)
        XCTAssertNil(try store.draft(id: stale.id))
        XCTAssertEqual(try store.answers(draftID: stale.id).count, 0)
        XCTAssertNotNil(try store.draft(id: active.id))
        XCTAssertEqual(try store.answers(draftID: active.id).map(\.raw), ["Trần Văn An"])
        XCTAssertEqual(try count(store, "SELECT count(*) FROM draft_answers"), 1)
        XCTAssertEqual(try store.status().drafts, 1)
        // Its resume code no longer opens anything.
        XCTAssertNotNil(assertResumeError(try store.resumeDraft(code: stale.resumeCode, verification: "9275")))
    }

    func testUnreferencedDocumentFilesAreDeleted() throws {
        let form = try loadTestForm()
        let store = try openStore(retentionDays: retention)
        let unused = try store.storeDocument(Array("không dùng".utf8), mediaType: "image/png")
        let used = try store.storeDocument(scan, mediaType: "image/jpeg")
        _ = try store.finalize(form: form, formSource: testFormSource,
                               state: completeState(form, documents: ["doc_gttt": "file:" + used]), draftID: nil)
        let twentieth = at(20)
        store.now = { twentieth }
        let recent = try store.storeDocument(Array("mới".utf8), mediaType: "image/png")

        let purgeTime = at(Double(retention), plus: 1)
        store.now = { purgeTime }
        let report = try store.purge()
        XCTAssertEqual(report.filesDeleted, 1)
        XCTAssertEqual(report.dossiersPurged, 0)
        XCTAssertFalse(FileManager.default.fileExists(atPath: store.documentPath(sha256: unused)))
        XCTAssertEqual(try count(store, "SELECT count(*) FROM documents WHERE sha256 = ?1", [.text(unused)]), 0)
        assertSameBytes(try store.documentBytes(sha256: used), scan, "used by a queued dossier")
        XCTAssertEqual(try store.documentBytes(sha256: recent), Array("mới".utf8), "too recent to be called unused")
        XCTAssertEqual(files(under: attachmentsPath).count, 2)
    }

    func testADocumentStillUsedByALiveDraftIsKept() throws {
        let form = try loadTestForm()
        let store = try openStore(retentionDays: retention)
        // Attached at day 0 to a draft that is still being worked on at day 29.
        let sha = try store.storeDocument(scan, mediaType: "image/jpeg")
        let draft = try makeDraft(store)
        try store.saveAnswers(draftID: draft.id, [("applicant_full_name", secretName), ("doc_gttt", "file:" + sha)])
        let day29 = at(29)
        store.now = { day29 }
        try store.savePosition(draftID: draft.id, page: 0, field: "doc_gttt")

        let purgeTime = at(Double(retention), plus: 1)
        store.now = { purgeTime }
        try store.purge()
        XCTAssertNotNil(try store.draft(id: draft.id), "the draft is recent")
        assertSameBytes(try? store.documentBytes(sha256: sha), scan, "the live draft's document must not be deleted")
        // …so that the draft can still be finalized.
        var state = FormState(form: form, today: CalendarDate(year: 2026, month: 12, day: 22))
        state.load(answers: try store.answers(draftID: draft.id))
        XCTAssertNoThrow(try store.finalize(form: form, formSource: testFormSource, state: state, draftID: draft.id))
    }

    func testStatusCountsAndLastPurge() throws {
        let form = try loadTestForm()
        let store = try openStore(retentionDays: retention)
        XCTAssertEqual(try store.status(), StoreStatus(drafts: 0, queued: 0, needsAttention: 0, accepted: 0, purged: 0, lastPurge: nil))
        _ = try makeDraft(store)
        _ = try makeDraft(store)
        var dossiers: [Dossier] = []
        for _ in 0..<4 { dossiers.append(try store.finalize(form: form, formSource: testFormSource, state: completeState(form), draftID: nil)) }
        try store.markAccepted(submissionID: dossiers[0].submissionID, officialCode: official, dueDate: nil)
        try store.markAccepted(submissionID: dossiers[1].submissionID, officialCode: "000.25.01.H49-261122-0043", dueDate: nil)
        try store.markNeedsAttention(submissionID: dossiers[2].submissionID, reasons: "409")
        XCTAssertEqual(try store.status(), StoreStatus(drafts: 2, queued: 1, needsAttention: 1, accepted: 2, purged: 0, lastPurge: nil))

        // Keep one draft alive, then purge after the retention period.
        let draft = try makeDraft(store)
        let day29 = at(29)
        store.now = { day29 }
        try store.saveAnswer(draftID: draft.id, path: "remark", raw: "x")
        let purgeTime = at(Double(retention) + 1)
        store.now = { purgeTime }
        try store.purge()
        XCTAssertEqual(try store.status(), StoreStatus(drafts: 1, queued: 1, needsAttention: 1, accepted: 0, purged: 2,
                                                       lastPurge: Int(purgeTime.timeIntervalSince1970)))
        // It survives reopening.
        let reopened = try openStore(retentionDays: retention, at: purgeTime)
        XCTAssertEqual(try reopened.status().lastPurge, Int(purgeTime.timeIntervalSince1970))
    }
}

import Foundation
import XCTest
import KioskCore
@testable import KioskStore

/// Finalizing a form into a dossier, receipt numbers, the outbox and what the
/// sync worker reports.
final class DossierStoreTests: StoreTestCase {
    let reusedCode = "000.25.01.H49-250715-0007"

    func makeDraft(_ store: KioskStore) throws -> Draft {
        try store.createDraft(formID: "thu-nghiem", formVersion: "3", formSource: testFormSource, verification: .pin("9275"))
    }

    func finalize(_ store: KioskStore, _ form: FormDefinition, name: String = secretName, draftID: Int64? = nil,
                  documents: [String: String] = [:]) throws -> Dossier {
        try store.finalize(form: form, formSource: testFormSource, state: completeState(form, name: name, documents: documents), draftID: draftID)
    }

    func count(_ store: KioskStore, _ table: String) throws -> Int {
        try int(store.db, "SELECT count(*) FROM \(table)")
    }

    // MARK: Finalizing

    func testFinalizeRefusesAFormWithIssues() throws {
        let form = try loadTestForm()
        let store = try openStore()
        let draft = try makeDraft(store)
        // The required name is missing.
        var state = FormState(form: form, today: CalendarDate(year: 2026, month: 11, day: 22))
        XCTAssertFalse(state.allIssues().isEmpty)
        var e = assertStoreError(try store.finalize(form: form, formSource: testFormSource, state: state, draftID: draft.id))
        XCTAssertTrue(e?.isInvalid ?? false, "\(String(describing: e))")
        // An answer of the wrong shape.
        state.set("applicant_full_name", secretName)
        state.set("applicant_id_number", "12345")
        XCTAssertFalse(state.allIssues().isEmpty)
        e = assertStoreError(try store.finalize(form: form, formSource: testFormSource, state: state, draftID: draft.id))
        XCTAssertTrue(e?.isInvalid ?? false, "\(String(describing: e))")
        XCTAssertFalse(String(describing: e).contains(secretName))
        // Nothing was written, and the draft is still there.
        for table in ["dossiers", "dossier_answers", "outbox", "dossier_history", "receipt_sequence"] {
            XCTAssertEqual(try count(store, table), 0, table)
        }
        XCTAssertNotNil(try store.draft(id: draft.id))
    }

    func testFinalizeMakesAQueuedDossierAndDeletesTheDraft() throws {
        let form = try loadTestForm()
        let store = try openStore()
        let draft = try makeDraft(store)
        try store.saveAnswers(draftID: draft.id, [("applicant_full_name", secretName), ("member_name[1]", "Trần Văn An")])
        let state = completeState(form, members: ["Trần Văn An", "Lê Thị Bình"])
        XCTAssertEqual(state.allIssues(), [])
        let dossier = try store.finalize(form: form, formSource: testFormSource, state: state, draftID: draft.id)

        // The dossier itself.
        let uuid = try XCTUnwrap(UUID(uuidString: dossier.submissionID), "submission id \(dossier.submissionID) is a UUID")
        XCTAssertEqual(uuid.uuidString.lowercased(), dossier.submissionID.lowercased())
        XCTAssertEqual(dossier.receiptNumber, "KIOSK-01-20261122-0001")
        XCTAssertEqual(dossier.status, .queued)
        XCTAssertEqual(dossier.formID, "thu-nghiem")
        XCTAssertEqual(dossier.formVersion, "3")
        XCTAssertEqual(dossier.procedureCode, "1.001193")
        XCTAssertEqual(dossier.summary, "Thử nghiệm cho " + secretName)
        XCTAssertEqual(dossier.applicantName, secretName)
        XCTAssertEqual(dossier.finalizedAt, Int(baseDate.timeIntervalSince1970))
        XCTAssertNil(dossier.officialCode)
        XCTAssertNil(dossier.dueDate)
        XCTAssertNil(dossier.acceptedAt)
        XCTAssertNil(dossier.purgedAt)
        XCTAssertEqual(dossier.earlierCodes, [])

        // Its answers, with their semantic keys.
        let answers = try store.dossierAnswers(id: dossier.id)
        let byPath = Dictionary(answers.map { ($0.path, ($0.key, $0.value)) }, uniquingKeysWith: { a, _ in a })
        XCTAssertEqual(answers.count, byPath.count)
        XCTAssertEqual(Set(byPath.keys), ["applicant_full_name", "applicant_id_number", "member_name[1]", "member_name[2]"])
        XCTAssertEqual(byPath["applicant_full_name"]?.0, "applicant.full_name")
        XCTAssertEqual(byPath["applicant_full_name"]?.1, secretName)
        XCTAssertEqual(byPath["applicant_id_number"]?.0, "applicant.id_number")
        XCTAssertEqual(byPath["applicant_id_number"]?.1, secretIDNumber)
        XCTAssertEqual(byPath["member_name[1]"]?.0, "member.full_name")
        XCTAssertEqual(byPath["member_name[1]"]?.1, "Trần Văn An")
        XCTAssertEqual(byPath["member_name[2]"]?.1, "Lê Thị Bình")

        // Queued for upload, with its history.
        XCTAssertEqual(try store.dueOutbox(), [OutboxEntry(dossierID: dossier.id, submissionID: dossier.submissionID, attempts: 0,
                                                          nextAttemptAt: Int(baseDate.timeIntervalSince1970), lastError: nil)])
        let history = try store.history(dossierID: dossier.id)
        XCTAssertEqual(history.map(\.status), ["queued"])
        XCTAssertEqual(history.first?.at, Int(baseDate.timeIntervalSince1970))

        // The draft is gone, answers and all.
        XCTAssertNil(try store.draft(id: draft.id))
        XCTAssertEqual(try count(store, "draft_answers"), 0)
        XCTAssertEqual(try store.draftSummaries().count, 0)

        // Lookups.
        XCTAssertEqual(try store.dossier(submissionID: dossier.submissionID), dossier)
        XCTAssertEqual(try store.dossier(receiptNumber: dossier.receiptNumber), dossier)
        XCTAssertNil(try store.dossier(submissionID: UUID().uuidString.lowercased()))
        XCTAssertNil(try store.dossier(receiptNumber: "KIOSK-01-20261122-0002"))
        XCTAssertEqual(try store.formSource(id: "thu-nghiem", version: "3"), testFormSource)

        // Status and audit.
        let status = try store.status()
        XCTAssertEqual(status.queued, 1)
        XCTAssertEqual(status.drafts, 0)
        let finalized = try store.auditLog().filter { $0.event == "dossier_finalized" }
        XCTAssertEqual(finalized.count, 1)
        XCTAssertEqual(finalized.first?.detail, dossier.receiptNumber)
        XCTAssertEqual(finalized.first?.formID, "thu-nghiem")
    }

    func testTheDossierSurvivesReopeningTheStore() throws {
        let form = try loadTestForm()
        let dossier: Dossier
        do {
            let store = try openStore()
            dossier = try finalize(store, form)
        }
        let store = try openStore()
        XCTAssertEqual(try store.dossier(submissionID: dossier.submissionID), dossier)
        XCTAssertEqual(try store.dueOutbox().map(\.submissionID), [dossier.submissionID])
    }

    func testFinalizeWithoutADraftAndWithEarlierCodes() throws {
        let form = try loadTestForm()
        let store = try openStore()
        let kept = try makeDraft(store)
        let dossier = try store.finalize(form: form, formSource: testFormSource, state: completeState(form), draftID: nil,
                                         earlierCodes: [reusedCode, "000.25.01.H49-250716-0001"])
        XCTAssertEqual(dossier.earlierCodes, [reusedCode, "000.25.01.H49-250716-0001"])
        XCTAssertNotNil(try store.draft(id: kept.id), "an unrelated draft is kept")
    }

    func testReceiptNumbersCountPerDayInVietnamTime() throws {
        let form = try loadTestForm()
        let store = try openStore()
        let pattern = try NSRegularExpression(pattern: "^KIOSK-01-[0-9]{8}-[0-9]{4}$")
        func check(_ receipt: String) {
            XCTAssertNotNil(pattern.firstMatch(in: receipt, range: NSRange(receipt.startIndex..., in: receipt)), receipt)
        }
        let first = try finalize(store, form).receiptNumber
        let second = try finalize(store, form).receiptNumber
        let third = try finalize(store, form).receiptNumber
        [first, second, third].forEach(check)
        XCTAssertEqual([first, second, third], ["KIOSK-01-20261122-0001", "KIOSK-01-20261122-0002", "KIOSK-01-20261122-0003"])

        // 16:59 UTC is still 22 November in Hà Nội…
        let evening = Date(timeIntervalSince1970: baseDate.timeIntervalSince1970 + 13 * 3600 + 59 * 60)
        store.now = { evening }
        XCTAssertEqual(try finalize(store, form).receiptNumber, "KIOSK-01-20261122-0004")
        // …and 17:00 UTC is already 23 November: the count starts again.
        let midnight = Date(timeIntervalSince1970: baseDate.timeIntervalSince1970 + 14 * 3600)
        store.now = { midnight }
        XCTAssertEqual(try finalize(store, form).receiptNumber, "KIOSK-01-20261123-0001")
        XCTAssertEqual(try finalize(store, form).receiptNumber, "KIOSK-01-20261123-0002")
        // Back on an earlier day (the clock was corrected): that day's count goes on.
        store.now = { baseDate }
        XCTAssertEqual(try finalize(store, form).receiptNumber, "KIOSK-01-20261122-0005")
    }

    func testTheStationIDIsPartOfTheReceipt() throws {
        let form = try loadTestForm()
        let store = try openStore(stationID: "HN-BADINH-3")
        XCTAssertEqual(try finalize(store, form).receiptNumber, "HN-BADINH-3-20261122-0001")
    }

    func testAFailedFinalizeLeavesNoTraceAndUsesNoReceiptNumber() throws {
        let form = try loadTestForm()
        let store = try openStore()
        let draft = try makeDraft(store)
        let missing = String(repeating: "ab", count: 32)
        let e = assertStoreError(try finalize(store, form, draftID: draft.id, documents: ["doc_gttt": "file:" + missing]))
        XCTAssertTrue(e?.isNotFound ?? false, "a file never stored: \(String(describing: e))")
        for table in ["dossiers", "dossier_answers", "dossier_documents", "outbox", "dossier_history", "receipt_sequence"] {
            XCTAssertEqual(try count(store, table), 0, table)
        }
        XCTAssertNotNil(try store.draft(id: draft.id), "the draft is kept when finalizing fails")
        XCTAssertEqual(try finalize(store, form, draftID: draft.id).receiptNumber, "KIOSK-01-20261122-0001")
    }

    // MARK: What the sync worker reports

    func testMarkAcceptedRecordsTheOfficialCodeAndEmptiesTheQueue() throws {
        let form = try loadTestForm()
        let store = try openStore()
        let dossier = try finalize(store, form)
        let other = try finalize(store, form, name: "Trần Văn An")
        let later = baseDate.addingTimeInterval(600)
        store.now = { later }
        let official = "000.25.01.H49-261122-0042"
        try store.markAccepted(submissionID: dossier.submissionID, officialCode: official, dueDate: "2026-11-25")

        let accepted = try XCTUnwrap(try store.dossier(submissionID: dossier.submissionID))
        XCTAssertEqual(accepted.status, .accepted)
        XCTAssertEqual(accepted.officialCode, official)
        XCTAssertEqual(accepted.dueDate, "2026-11-25")
        XCTAssertEqual(accepted.acceptedAt, Int(later.timeIntervalSince1970))
        XCTAssertEqual(accepted.applicantName, secretName, "kept until purge")
        XCTAssertEqual(try store.dossier(officialCode: official), accepted)
        XCTAssertNil(try store.dossier(officialCode: "000.25.01.H49-261122-0043"))
        XCTAssertEqual(try store.dueOutbox().map(\.dossierID), [other.id], "taken off the queue")
        let history = try store.history(dossierID: dossier.id)
        XCTAssertEqual(history.map(\.status), ["queued", "accepted"])
        XCTAssertEqual(history.last?.at, Int(later.timeIntervalSince1970))
        XCTAssertEqual(history.last?.note, official)
        XCTAssertEqual(try store.dossierAnswers(id: dossier.id).count, 2)
        XCTAssertTrue(try store.auditLog().contains { $0.event == "dossier_uploaded" && $0.detail == official })
        XCTAssertEqual(try store.status().accepted, 1)
        XCTAssertEqual(try store.status().queued, 1)

        let e = assertStoreError(try store.markAccepted(submissionID: UUID().uuidString.lowercased(), officialCode: "x", dueDate: nil))
        XCTAssertTrue(e?.isNotFound ?? false, "\(String(describing: e))")
    }

    func testMarkNeedsAttentionKeepsTheDossierWithItsReasons() throws {
        let form = try loadTestForm()
        let store = try openStore()
        let dossier = try finalize(store, form)
        let reasons = "422: thiếu giấy tờ GTTT"
        try store.markNeedsAttention(submissionID: dossier.submissionID, reasons: reasons)
        let kept = try XCTUnwrap(try store.dossier(submissionID: dossier.submissionID))
        XCTAssertEqual(kept.status, .needsAttention)
        XCTAssertEqual(kept.applicantName, secretName)
        XCTAssertNil(kept.officialCode)
        XCTAssertEqual(try store.dossierAnswers(id: dossier.id).count, 2, "answers kept for the helper")
        let history = try store.history(dossierID: dossier.id)
        XCTAssertEqual(history.map(\.status), ["queued", "needs_attention"])
        XCTAssertEqual(history.last?.note, reasons)
        XCTAssertEqual(try store.dueOutbox(), [], "not retried automatically")
        XCTAssertEqual(try store.status().needsAttention, 1)
        XCTAssertEqual(try store.status().queued, 0)

        let e = assertStoreError(try store.markNeedsAttention(submissionID: "no-such", reasons: "x"))
        XCTAssertTrue(e?.isNotFound ?? false, "\(String(describing: e))")
    }

    func testDueOutboxKeepsOrderAndRecordAttemptCounts() throws {
        let form = try loadTestForm()
        let store = try openStore()
        var dossiers: [Dossier] = []
        for i in 0..<3 {
            let t = baseDate.addingTimeInterval(TimeInterval(10 * i))
            store.now = { t }
            dossiers.append(try finalize(store, form, name: "Người \(i)"))
        }
        // Two more at the very same second: the order of finalization is kept.
        let same = baseDate.addingTimeInterval(30)
        store.now = { same }
        dossiers.append(try finalize(store, form, name: "Người 3"))
        dossiers.append(try finalize(store, form, name: "Người 4"))
        let ids = dossiers.map(\.id)
        XCTAssertEqual(try store.dueOutbox().map(\.dossierID), ids)
        XCTAssertEqual(try store.dueOutbox(limit: 2).map(\.dossierID), Array(ids.prefix(2)))
        XCTAssertEqual(try store.dueOutbox().map(\.submissionID), dossiers.map(\.submissionID))

        // Not due yet: a dossier finalized "in the future" of the clock.
        let before = baseDate.addingTimeInterval(15)
        store.now = { before }
        XCTAssertEqual(try store.dueOutbox().map(\.dossierID), Array(ids.prefix(2)))

        // A failed attempt: counted, and the entry waits until its next time.
        let now = baseDate.addingTimeInterval(60)
        store.now = { now }
        let retryAt = Int(now.timeIntervalSince1970) + 300
        try store.recordAttempt(dossierID: ids[0], error: "HTTP 503", nextAttemptAt: retryAt)
        XCTAssertEqual(try store.dueOutbox().map(\.dossierID), Array(ids.dropFirst()))
        let atRetry = Date(timeIntervalSince1970: TimeInterval(retryAt))
        store.now = { atRetry }
        let due = try store.dueOutbox()
        XCTAssertEqual(due.map(\.dossierID), ids, "still oldest first after a retry")
        guard due.count == ids.count else { return }
        XCTAssertEqual(due[0].attempts, 1)
        XCTAssertEqual(due[0].lastError, "HTTP 503")
        XCTAssertEqual(due[0].nextAttemptAt, retryAt)
        XCTAssertEqual(due[1].attempts, 0)
        XCTAssertNil(due[1].lastError)
        try store.recordAttempt(dossierID: ids[0], error: "timeout", nextAttemptAt: retryAt)
        XCTAssertEqual(try store.dueOutbox().first?.attempts, 2)
        XCTAssertEqual(try store.dueOutbox().first?.lastError, "timeout")
    }
}

import Foundation
import XCTest
import KioskCore
@testable import KioskStore

/// The audit log says what was done, never with what was typed.
final class AuditLogTests: StoreTestCase {
    func testTheAuditLogRecordsEventsAndNoAnswers() throws {
        let form = try loadTestForm()
        let store = try openStore(retentionDays: 30)
        let pin = "9275"
        let remark = "Ghi chú riêng tư 4711"
        let member = "Trần Văn Mật Danh"

        // A draft filled, resumed, failed once, then finalized.
        let draft = try store.createDraft(formID: form.id, formVersion: form.version, formSource: testFormSource, verification: .pin(pin))
        try store.saveAnswers(draftID: draft.id, [("applicant_full_name", secretName), ("applicant_id_number", secretIDNumber),
                                                  ("remark", remark), ("member_name[1]", member)])
        XCTAssertEqual(try store.resumeDraft(code: draft.resumeCode, verification: pin).id, draft.id)
        _ = try? store.resumeDraft(code: draft.resumeCode, verification: "1111")
        var state = FormState(form: form, today: CalendarDate(year: 2026, month: 11, day: 22))
        state.load(answers: try store.answers(draftID: draft.id))
        XCTAssertEqual(state.allIssues(), [])
        let dossier = try store.finalize(form: form, formSource: testFormSource, state: state, draftID: draft.id)

        // Another draft locked by wrong tries (with the id's last four).
        let locked = try store.createDraft(formID: form.id, formVersion: form.version, formSource: testFormSource,
                                           verification: try XCTUnwrap(Verification.fromIDNumber(secretIDNumber)))
        try store.saveAnswer(draftID: locked.id, path: "applicant_full_name", raw: secretName)
        for _ in 0..<KioskStore.maxResumeTries { _ = try? store.resumeDraft(code: locked.resumeCode, verification: "9999") }

        // Accepted, then refused on another dossier, then purged after retention.
        try store.markAccepted(submissionID: dossier.submissionID, officialCode: "000.25.01.H49-261122-0042", dueDate: "2026-11-25")
        let other = try store.finalize(form: form, formSource: testFormSource, state: completeState(form, name: member), draftID: nil)
        try store.markNeedsAttention(submissionID: other.submissionID, reasons: "422: " + member)
        try store.deleteDraft(id: locked.id)
        let later = baseDate.addingTimeInterval(31 * day)
        store.now = { later }
        try store.purge()

        let log = try store.auditLog()
        let events = log.map(\.event)
        for expected in ["draft_created", "draft_resumed", "draft_resume_failed", "draft_locked", "dossier_finalized",
                         "dossier_uploaded", "dossier_needs_attention", "draft_deleted", "purged"] {
            XCTAssertTrue(events.contains(expected), "\(expected) missing from \(events)")
        }
        XCTAssertEqual(events.filter { $0 == "draft_created" }.count, 2)
        XCTAssertEqual(events.filter { $0 == "dossier_finalized" }.count, 2)
        XCTAssertEqual(events.first, "draft_created")
        XCTAssertEqual(events.last, "purged")
        XCTAssertEqual(log.first { $0.event == "draft_created" }?.formID, form.id)
        XCTAssertEqual(log.first?.at, Int(baseDate.timeIntervalSince1970))
        XCTAssertEqual(log.last?.at, Int(later.timeIntervalSince1970))

        // Nothing typed appears in any entry, nor anywhere in the raw table.
        let secrets = [secretName, "Bí Mật", secretIDNumber, remark, "4711", member, "Mật Danh", pin, "0123"]
        let text = log.map { "\($0.event) \($0.formID ?? "") \($0.detail)" }.joined(separator: "\n")
        let raw = try store.db.query("SELECT * FROM audit_log") { s in (0..<7).map { String(describing: s.value($0)) }.joined(separator: "|") }
            .joined(separator: "\n")
        for secret in secrets {
            XCTAssertFalse(text.contains(secret), "the audit log shows “\(secret)”:\n\(text)")
            XCTAssertFalse(raw.contains(secret), "the audit table holds “\(secret)”:\n\(raw)")
        }
    }
}

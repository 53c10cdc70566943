import Foundation
import XCTest
import KioskCore
@testable import KioskStore

/// Operator mode in the store: operators and their PINs (Argon2id), the
/// sign-in lock, who helped with each draft and dossier, the station's
/// figures, withdrawing and correcting a refused dossier.
final class OperatorStoreTests: StoreTestCase {
    func testOperatorsAreKeptAsArgon2idHashesAndListedAndRemoved() throws {
        let store = try openStore()
        try store.addOperator(id: "lan.nguyen", pin: "482913")
        try store.addOperator(id: "tuan", pin: "1357")
        XCTAssertEqual(try store.operators().map(\.id), ["lan.nguyen", "tuan"])
        let hash = try XCTUnwrap(try store.db.scalar("SELECT pin_hash FROM operators WHERE id = 'lan.nguyen'"))
        guard case .text(let h) = hash else { return XCTFail("no hash") }
        XCTAssertTrue(h.hasPrefix("$argon2id$"), h)
        XCTAssertFalse(contains(bytes(dbPath) + bytes(dbPath + "-wal"), "482913"))
        // Bad ids and PINs are said, nothing stored.
        XCTAssertTrue(assertStoreError(try store.addOperator(id: "Lan Nguyễn", pin: "1234"))?.isInvalid ?? false)
        XCTAssertTrue(assertStoreError(try store.addOperator(id: "lan2", pin: "12a4"))?.isInvalid ?? false)
        XCTAssertTrue(assertStoreError(try store.addOperator(id: "lan2", pin: "123"))?.isInvalid ?? false)
        XCTAssertTrue(try store.removeOperator(id: "tuan"))
        XCTAssertFalse(try store.removeOperator(id: "tuan"))
        XCTAssertEqual(try store.operators().map(\.id), ["lan.nguyen"])
        XCTAssertEqual(try store.signInOperator(id: "lan.nguyen", pin: "482913"), "lan.nguyen")
    }

    func testFiveWrongPINsLockForFifteenMinutesAndAnUnknownIDLocksTheSame() throws {
        var now = baseDate
        let store = try openStore()
        store.now = { now }
        try store.addOperator(id: "lan.nguyen", pin: "482913")
        for id in ["lan.nguyen", "nobody"] {
            for left in stride(from: 4, through: 1, by: -1) {
                XCTAssertThrowsError(try store.signInOperator(id: id, pin: "000000")) { e in
                    XCTAssertEqual(e as? OperatorSignInError, .wrongIDOrPIN(triesLeft: left))
                }
            }
            XCTAssertThrowsError(try store.signInOperator(id: id, pin: "000000")) { e in
                XCTAssertEqual(e as? OperatorSignInError, .locked(until: Int(now.timeIntervalSince1970) + 900))
            }
        }
        // Locked: even the right PIN is refused, and the message counts the minutes.
        now += 14 * 60
        XCTAssertThrowsError(try store.signInOperator(id: "lan.nguyen", pin: "482913")) { e in
            let m = (e as? OperatorSignInError)?.message(now: Int(now.timeIntervalSince1970))
            XCTAssertEqual(m?.en, "Sign-in is locked after too many wrong tries. Try again in 1 minutes.")
        }
        XCTAssertNotNil(try store.operators().first?.lockedUntil)
        // Fifteen minutes on, the right PIN opens, and the count starts again.
        now += 60
        XCTAssertEqual(try store.signInOperator(id: "lan.nguyen", pin: "482913"), "lan.nguyen")
        XCTAssertNil(try store.operators().first?.lockedUntil)
        XCTAssertThrowsError(try store.signInOperator(id: "lan.nguyen", pin: "1")) { e in
            XCTAssertEqual(e as? OperatorSignInError, .wrongIDOrPIN(triesLeft: 4))
        }
        // The audit log keeps ids and events, never a PIN, and no typed id that is not an operator's.
        let log = try store.auditLog()
        XCTAssertEqual(log.filter { $0.event == "operator_locked" }.map(\.detail), ["lan.nguyen", ""])
        XCTAssertFalse(log.contains { $0.detail.contains("nobody") || $0.detail.contains("482913") })
        XCTAssertEqual(log.last { $0.event == "operator_signed_in" }?.operatorID, "lan.nguyen")
    }

    func testDraftsAndDossiersRecordTheOperatorWhoHelped() throws {
        let form = try loadTestForm()
        let store = try openStore()
        store.operatorID = "lan.nguyen"
        let draft = try store.createDraft(formID: form.id, formVersion: form.version, formSource: testFormSource, verification: .pin("1234"))
        XCTAssertEqual(try store.draftSummaries().first?.operatorID, "lan.nguyen")
        // Signed out before the end: the draft's helper is the dossier's.
        store.operatorID = nil
        store.now = { baseDate + 17 * 60 }
        let dossier = try store.finalize(form: form, formSource: testFormSource, state: completeState(form), draftID: draft.id)
        XCTAssertEqual(dossier.operatorID, "lan.nguyen")
        XCTAssertEqual(dossier.startedAt, Int(baseDate.timeIntervalSince1970))
        // Without any operator, none.
        let alone = try store.finalize(form: form, formSource: testFormSource, state: completeState(form), draftID: nil)
        XCTAssertNil(alone.operatorID)
        XCTAssertEqual(try store.auditLog().first { $0.event == "draft_created" }?.operatorID, "lan.nguyen")
    }

    func testTheDayAndTheMonthByProcedureAndOperatorWithTheMedianMinutes() throws {
        let form = try loadTestForm()
        var now = baseDate  // 10:00, 22/11/2026, Vietnam time
        let store = try openStore()
        store.now = { now }
        func dossier(operator op: String?, minutes: Double) throws -> Dossier {
            store.operatorID = op
            let draft = try store.createDraft(formID: form.id, formVersion: form.version, formSource: testFormSource, verification: .pin("1234"))
            now += minutes * 60
            return try store.finalize(form: form, formSource: testFormSource, state: completeState(form), draftID: draft.id)
        }
        let a = try dossier(operator: "lan.nguyen", minutes: 10)
        _ = try dossier(operator: "lan.nguyen", minutes: 30)
        let c = try dossier(operator: nil, minutes: 14)
        store.operatorID = nil
        _ = try store.createDraft(formID: form.id, formVersion: form.version, formSource: testFormSource, verification: .pin("1234"))
        try store.markAccepted(submissionID: a.submissionID, officialCode: "000.00.00.H49-261122-0001", dueDate: nil)
        try store.markNeedsAttention(submissionID: c.submissionID, reasons: "Fields.applicant_full_name: Họ tên không khớp")
        // The next day: one more, a month's view counts both days.
        now = baseDate + day
        _ = try dossier(operator: "tuan", minutes: 40)

        let today = try store.stats(.day, at: Int(baseDate.timeIntervalSince1970))
        XCTAssertEqual(today.from, "22/11/2026")
        XCTAssertEqual(today.total.started, 4)
        XCTAssertEqual(today.total.finished, 3)
        XCTAssertEqual(today.total.uploaded, 1)
        XCTAssertEqual(today.total.needsAttention, 1)
        XCTAssertEqual(today.byProcedure["thu-nghiem"]?.finished, 3)
        XCTAssertEqual(today.byOperator["lan.nguyen"]?.started, 2)
        XCTAssertEqual(today.byOperator["lan.nguyen"]?.uploaded, 1)
        XCTAssertEqual(today.byOperator[""]?.started, 2)
        XCTAssertEqual(today.byOperator[""]?.needsAttention, 1)
        XCTAssertEqual(today.medianMinutes, 14)
        let month = try store.stats(.month, at: Int(baseDate.timeIntervalSince1970))
        XCTAssertEqual(month.from, "01/11/2026")
        XCTAssertEqual(month.total.finished, 4)
        XCTAssertEqual(month.byOperator["tuan"]?.finished, 1)
        XCTAssertEqual(month.medianMinutes, 22)
        // The day boundary is midnight in Vietnam, not UTC.
        let next = try store.stats(.day, at: Int((baseDate + day).timeIntervalSince1970))
        XCTAssertEqual(next.total.finished, 1)
        XCTAssertEqual(next.end - next.start, 86_400)
        XCTAssertEqual(VietnamTime(unix: next.start).secondsIntoDay, 0)
    }

    func testAWithdrawnDossierKeepsItsReasonAndIsNeverSentAgain() throws {
        let form = try loadTestForm()
        let store = try openStore()
        let d = try store.finalize(form: form, formSource: testFormSource, state: completeState(form), draftID: nil)
        // Only a refused dossier can be withdrawn.
        XCTAssertTrue(assertStoreError(try store.withdraw(submissionID: d.submissionID, reason: "x"))?.isInvalid ?? false)
        try store.markNeedsAttention(submissionID: d.submissionID, reasons: "409: conflict")
        XCTAssertEqual(try store.refusedDossiers().map(\.lastError), ["409: conflict"])
        XCTAssertTrue(assertStoreError(try store.withdraw(submissionID: d.submissionID, reason: "  "))?.isInvalid ?? false)
        store.operatorID = "lan.nguyen"
        try store.withdraw(submissionID: d.submissionID, reason: "Người dân nộp trực tiếp tại xã")
        XCTAssertEqual(try store.dossier(submissionID: d.submissionID)?.status, .withdrawn)
        XCTAssertEqual(try store.history(dossierID: d.id).last?.note, "Người dân nộp trực tiếp tại xã")
        XCTAssertFalse(contains(bytes(dbPath) + bytes(dbPath + "-wal"), "trực tiếp"), "the reason is sealed like the answers")
        XCTAssertTrue(try store.refusedDossiers().isEmpty)
        XCTAssertTrue(try store.waitingDossiers().isEmpty)
        let entry = try XCTUnwrap(try store.auditLog().last)
        XCTAssertEqual(entry.event, "dossier_withdrawn")
        XCTAssertEqual(entry.detail, d.receiptNumber)
        XCTAssertEqual(entry.operatorID, "lan.nguyen")
    }

    func testACorrectionIsANewDossierThatNamesTheOneItReplaces() throws {
        let form = try loadTestForm()
        let store = try openStore()
        store.sealKey = SealKey(base64: "kygzgCXduXJf8nx8LNpP0uFnyOTNFmGPIy9CwE5uKg4=")  // the demonstration key
        let refused = try store.finalize(form: form, formSource: testFormSource, state: completeState(form, name: "Nguyễn Văn Sai"), draftID: nil)
        try store.markNeedsAttention(submissionID: refused.submissionID, reasons: "Fields.applicant_full_name: Họ tên khác với Cơ sở dữ liệu quốc gia về dân cư")
        store.operatorID = "lan.nguyen"
        let (draft, opened) = try store.startCorrection(submissionID: refused.submissionID, datasets: DatasetCatalog(datasets: [:]))
        XCTAssertEqual(opened.version, form.version)
        // The same draft if asked twice; the answers as they were sent.
        XCTAssertEqual(try store.startCorrection(submissionID: refused.submissionID, datasets: DatasetCatalog(datasets: [:])).0.id, draft.id)
        let answers = Dictionary(uniqueKeysWithValues: try store.answers(draftID: draft.id).map { ($0.name, $0.raw) })
        XCTAssertEqual(answers["applicant_full_name"], "Nguyễn Văn Sai")
        // Resumed with the last four digits of the applicant's id number.
        XCTAssertEqual(try store.resumeDraft(code: draft.resumeCode, verification: String(secretIDNumber.suffix(4))).id, draft.id)

        var state = FormState(form: form, today: CalendarDate(year: 2026, month: 11, day: 22))
        state.load(answers: answers.map { ($0.key, $0.value) })
        state.set("applicant_full_name", "Nguyễn Văn Đúng")
        let corrected = try store.finalize(form: form, formSource: testFormSource, state: state, draftID: draft.id)
        XCTAssertNotEqual(corrected.submissionID, refused.submissionID)
        XCTAssertEqual(corrected.replaces, refused.submissionID)
        XCTAssertEqual(corrected.operatorID, "lan.nguyen")
        XCTAssertEqual(try store.dossier(submissionID: refused.submissionID)?.status, .replaced)
        XCTAssertEqual(try store.history(dossierID: refused.id).last?.note, corrected.submissionID)
        XCTAssertEqual(try store.waitingDossiers().map(\.submissionID), [corrected.submissionID])
        XCTAssertNil(try store.sealedUpload(dossierID: refused.id), "the refused dossier's upload is dropped")
        // The envelope names the dossier it replaces; an ordinary one does not.
        let envelope = try JSONSerialization.jsonObject(with: Envelope.make(dossier: corrected, form: form, answers: try store.dossierAnswers(id: corrected.id),
                                                                            documents: [], stationID: "KIOSK-01", agencyCode: "")) as? [String: Any]
        XCTAssertEqual(envelope?["ThayThe"] as? String, refused.submissionID)
        let plain = try JSONSerialization.jsonObject(with: Envelope.make(dossier: refused, form: form, answers: [], documents: [],
                                                                         stationID: "KIOSK-01", agencyCode: "")) as? [String: Any]
        XCTAssertNil(plain?["ThayThe"])
        // A dossier no longer refused cannot be corrected again.
        XCTAssertTrue(assertStoreError(try store.startCorrection(submissionID: refused.submissionID, datasets: DatasetCatalog(datasets: [:])))?.isInvalid ?? false)
    }

    func testTheServersReasonsAreReadWithTheirPathsAndWholeMessages() {
        XCTAssertEqual(ServerReason.parse("Fields.child_full_name: Không khớp; hãy kiểm tra lại; MaHoSoTruoc[0]: Sai dạng"), [
            ServerReason(path: "Fields.child_full_name", message: "Không khớp; hãy kiểm tra lại"),
            ServerReason(path: "MaHoSoTruoc[0]", message: "Sai dạng"),
        ])
        XCTAssertEqual(ServerReason.parse("Mã nộp hồ sơ này đã được dùng: hồ sơ khác"), [ServerReason(path: "", message: "Mã nộp hồ sơ này đã được dùng: hồ sơ khác")])
        XCTAssertEqual(ServerReason.parse("409: refused"), [ServerReason(path: "409", message: "refused")])
    }

    func testSendNowMakesEveryWaitingDossierDue() throws {
        let form = try loadTestForm()
        var now = baseDate
        let store = try openStore()
        store.now = { now }
        let d = try store.finalize(form: form, formSource: testFormSource, state: completeState(form), draftID: nil)
        try store.recordAttempt(dossierID: d.id, error: "offline: connection refused", nextAttemptAt: Int(now.timeIntervalSince1970) + 600)
        now += 5
        XCTAssertTrue(try store.dueOutbox().isEmpty)
        XCTAssertEqual(try store.waitingDossiers().first?.lastError, "offline: connection refused")
        XCTAssertEqual(try store.sendNow(), 1)
        XCTAssertEqual(try store.dueOutbox().map(\.submissionID), [d.submissionID])
    }

    func testSchemaSixAppliesOverAStoreOfSchemaFive() throws {
        // A database as schema 5 left it.
        try FileManager.default.createDirectory(atPath: dataDir, withIntermediateDirectories: true)
        do {
            let db = try Database(path: dbPath)
            try Schema.migrator.migrate(db, upTo: 5)
            XCTAssertEqual(try db.userVersion, 5)
        }
        let store = try openStore()
        XCTAssertGreaterThanOrEqual(try store.db.userVersion, 6)
        try store.addOperator(id: "lan.nguyen", pin: "1234")
        XCTAssertEqual(try store.operators().count, 1)
    }
}

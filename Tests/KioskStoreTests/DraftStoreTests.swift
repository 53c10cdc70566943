import Foundation
import XCTest
import KioskCore
@testable import KioskStore

/// Drafts: the form version, answers one row per path, position, resume
/// codes, verification, locking, and nothing personal in summaries.
final class DraftStoreTests: StoreTestCase {
    let pin = "9275"

    func makeDraft(_ store: KioskStore, verification: Verification? = nil) throws -> Draft {
        try store.createDraft(formID: "thu-nghiem", formVersion: "3", formSource: testFormSource, verification: verification ?? .pin(pin))
    }

    func answerDictionary(_ store: KioskStore, _ id: Int64) throws -> [String: String] {
        let list = try store.answers(draftID: id)
        XCTAssertEqual(Set(list.map(\.name)).count, list.count, "one answer per path")
        return Dictionary(list.map { ($0.name, $0.raw) }, uniquingKeysWith: { a, _ in a })
    }

    // MARK: Creating

    func testCreateDraftRemembersTheFormVersion() throws {
        let store = try openStore()
        let draft = try makeDraft(store)
        XCTAssertGreaterThan(draft.id, 0)
        XCTAssertEqual(draft.formID, "thu-nghiem")
        XCTAssertEqual(draft.formVersion, "3")
        XCTAssertEqual(draft.page, 0)
        XCTAssertNil(draft.field)
        XCTAssertEqual(draft.createdAt, Int(baseDate.timeIntervalSince1970))
        XCTAssertEqual(draft.updatedAt, draft.createdAt)
        XCTAssertEqual(try store.draft(id: draft.id), draft)
        XCTAssertNil(try store.draft(id: draft.id + 1000))
        XCTAssertEqual(try store.formSource(id: "thu-nghiem", version: "3"), testFormSource)
        XCTAssertNil(try store.formSource(id: "thu-nghiem", version: "2"))
        XCTAssertNil(try store.formSource(id: "khac", version: "3"))
        // A second draft of the same version keeps one copy of the form.
        _ = try makeDraft(store)
        XCTAssertEqual(try int(store.db, "SELECT count(*) FROM form_versions"), 1)
        // rememberForm keeps the first source of a version and adds new versions.
        try store.rememberForm(id: "thu-nghiem", version: "4", source: Array("v4".utf8))
        try store.rememberForm(id: "thu-nghiem", version: "3", source: Array("other".utf8))
        XCTAssertEqual(try store.formSource(id: "thu-nghiem", version: "4"), Array("v4".utf8))
        XCTAssertEqual(try store.formSource(id: "thu-nghiem", version: "3"), testFormSource)
    }

    func testARealFormIsKeptAndCanBeLoadedAgainFromTheStore() throws {
        let (form, source) = try loadRealForm("dang-ky-khai-sinh")
        let store = try openStore()
        let draft = try store.createDraft(formID: form.id, formVersion: form.version, formSource: source, verification: .pin(pin))
        let stored = try XCTUnwrap(try store.formSource(id: form.id, version: form.version))
        XCTAssertEqual(stored, source)
        let (reloaded, diagnostics) = FormLoader.load(bytes: stored, file: "from-store", datasets: realCatalog.datasets)
        let again = try XCTUnwrap(reloaded, "\(diagnostics)")
        XCTAssertEqual(again.id, draft.formID)
        XCTAssertEqual(again.version, draft.formVersion)
        XCTAssertEqual(again.fields.map(\.id), form.fields.map(\.id))
    }

    // MARK: Answers

    func testSavingTheSamePathTwiceKeepsOneRowWithTheLastValue() throws {
        let store = try openStore()
        let draft = try makeDraft(store)
        try store.saveAnswer(draftID: draft.id, path: "applicant_full_name", raw: "Nguyễn")
        try store.saveAnswer(draftID: draft.id, path: "applicant_full_name", raw: "Nguyễn Thị")
        try store.saveAnswer(draftID: draft.id, path: "applicant_full_name", raw: secretName)
        XCTAssertEqual(try int(store.db, "SELECT count(*) FROM draft_answers WHERE draft_id = ?1", [.integer(draft.id)]), 1)
        XCTAssertEqual(try answerDictionary(store, draft.id), ["applicant_full_name": secretName])
    }

    func testAnswersRoundTripWithRepeatPaths() throws {
        let store = try openStore()
        let draft = try makeDraft(store)
        let other = try makeDraft(store)
        let answers: [String: String] = [
            "applicant_full_name": secretName,
            "applicant_id_number": secretIDNumber,
            "member_name[1]": "Trần Văn An",
            "member_name[2]": "Lê Thị Bình",
            "member_name[10]": "Phạm Minh Châu",
            "remark": "", // a cleared answer is an answer too
        ]
        try store.saveAnswers(draftID: draft.id, answers.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
        try store.saveAnswer(draftID: draft.id, path: "member_name[2]", raw: "Lê Thị Bình Minh")
        try store.saveAnswer(draftID: other.id, path: "applicant_full_name", raw: "Người khác")
        var expected = answers
        expected["member_name[2]"] = "Lê Thị Bình Minh"
        XCTAssertEqual(try answerDictionary(store, draft.id), expected)
        XCTAssertEqual(try answerDictionary(store, other.id), ["applicant_full_name": "Người khác"])
        XCTAssertEqual(try int(store.db, "SELECT count(*) FROM draft_answers WHERE draft_id = ?1", [.integer(draft.id)]), expected.count)
        XCTAssertEqual(try store.answers(draftID: 987_654).count, 0)
    }

    func testAnswersLoadBackIntoTheFormState() throws {
        let form = try loadTestForm()
        let store = try openStore()
        let draft = try makeDraft(store)
        var state = FormState(form: form, today: CalendarDate(year: 2026, month: 11, day: 22))
        state.set("applicant_full_name", secretName)
        let group = form.fieldIndexByID["members"]!
        _ = state.addItem(group)
        _ = state.addItem(group)
        state.set("member_name", "Trần Văn An", item: 0)
        state.set("member_name", "Lê Thị Bình", item: 1)
        try store.saveAnswers(draftID: draft.id, state.typedAnswers.map { (path: $0.name, raw: $0.raw) })

        var resumed = FormState(form: form, today: CalendarDate(year: 2026, month: 11, day: 22))
        let unknown = resumed.load(answers: try store.answers(draftID: draft.id))
        XCTAssertEqual(unknown, [])
        XCTAssertEqual(resumed.itemCount(group), 2)
        XCTAssertEqual(resumed.typedAnswers.map(\.name), state.typedAnswers.map(\.name))
        XCTAssertEqual(resumed.typedAnswers.map(\.raw), state.typedAnswers.map(\.raw))
    }

    func testAnswersAndPositionSurviveReopening() throws {
        let id: Int64
        do {
            let store = try openStore()
            let draft = try makeDraft(store)
            id = draft.id
            try store.saveAnswer(draftID: id, path: "applicant_full_name", raw: secretName)
            try store.savePosition(draftID: id, page: 1, field: "member_name[2]")
        }
        let store = try openStore()
        XCTAssertEqual(try answerDictionary(store, id), ["applicant_full_name": secretName])
        XCTAssertEqual(try store.draft(id: id)?.page, 1)
        XCTAssertEqual(try store.draft(id: id)?.field, "member_name[2]")
    }

    func testPositionAndProgressAreSaved() throws {
        let store = try openStore()
        let draft = try makeDraft(store)
        let later = baseDate.addingTimeInterval(90)
        store.now = { later }
        try store.savePosition(draftID: draft.id, page: 2, field: "member_name[2]", answered: 3, requiredTotal: 5)
        var d = try XCTUnwrap(try store.draft(id: draft.id))
        XCTAssertEqual(d.page, 2)
        XCTAssertEqual(d.field, "member_name[2]")
        XCTAssertEqual(d.updatedAt, Int(later.timeIntervalSince1970))
        XCTAssertEqual(d.createdAt, draft.createdAt)
        // Counts left out are kept; a nil field clears the focus.
        try store.savePosition(draftID: draft.id, page: 0, field: nil)
        d = try XCTUnwrap(try store.draft(id: draft.id))
        XCTAssertEqual(d.page, 0)
        XCTAssertNil(d.field)
        let summary = try XCTUnwrap(try store.draftSummaries().first)
        XCTAssertEqual(summary.answered, 3)
        XCTAssertEqual(summary.requiredTotal, 5)
    }

    func testSavingAnAnswerMovesUpdatedAt() throws {
        let store = try openStore()
        let draft = try makeDraft(store)
        let later = baseDate.addingTimeInterval(3 * day)
        store.now = { later }
        try store.saveAnswer(draftID: draft.id, path: "remark", raw: "x")
        XCTAssertEqual(try store.draft(id: draft.id)?.updatedAt, Int(later.timeIntervalSince1970))
    }

    func testSavingToADraftThatNoLongerExistsSaysNotFound() throws {
        let store = try openStore()
        let draft = try makeDraft(store)
        try store.deleteDraft(id: draft.id)
        let error = assertStoreError(try store.saveAnswer(draftID: draft.id, path: "remark", raw: "x"))
        XCTAssertTrue(error?.isNotFound ?? false, "expected .notFound (“This draft no longer exists”), got \(String(describing: error))")
        XCTAssertEqual(try int(store.db, "SELECT count(*) FROM draft_answers"), 0)
    }

    func testDeletingADraftDeletesItsAnswers() throws {
        let store = try openStore()
        let draft = try makeDraft(store)
        let kept = try makeDraft(store)
        try store.saveAnswers(draftID: draft.id, [("applicant_full_name", secretName), ("member_name[1]", "An")])
        try store.saveAnswer(draftID: kept.id, path: "remark", raw: "giữ")
        try store.deleteDraft(id: draft.id)
        XCTAssertNil(try store.draft(id: draft.id))
        XCTAssertEqual(try store.answers(draftID: draft.id).count, 0)
        XCTAssertEqual(try int(store.db, "SELECT count(*) FROM draft_answers"), 1)
        XCTAssertEqual(try answerDictionary(store, kept.id), ["remark": "giữ"])
        XCTAssertTrue(try store.auditLog().contains { $0.event == "draft_deleted" })
    }

    // MARK: Resume codes

    func testResumeCodesAreSixCharactersFromTheAlphabet() throws {
        let alphabet = Set(ResumeCode.alphabet)
        XCTAssertEqual(ResumeCode.length, 6)
        for lookAlike in "0O1IL2Z5S6G8B" { XCTAssertFalse(alphabet.contains(lookAlike), "\(lookAlike) is a look-alike") }
        for _ in 0..<500 {
            let code = ResumeCode.generate()
            XCTAssertEqual(code.count, 6)
            XCTAssertTrue(code.allSatisfy(alphabet.contains), code)
        }
        let store = try openStore()
        var codes: Set<String> = []
        for _ in 0..<3 {
            let code = try makeDraft(store).resumeCode
            XCTAssertEqual(code.count, 6)
            XCTAssertTrue(code.allSatisfy(alphabet.contains), code)
            codes.insert(code)
        }
        XCTAssertEqual(codes.count, 3)
    }

    func testResumeCodeNormalisation() {
        XCTAssertEqual(ResumeCode.normalize("ACDEFH"), "ACDEFH")
        XCTAssertEqual(ResumeCode.normalize("acdefh"), "ACDEFH")
        XCTAssertEqual(ResumeCode.normalize(" ac-de fh "), "ACDEFH")
        XCTAssertEqual(ResumeCode.normalize("AC-DE-FH"), "ACDEFH")
        XCTAssertEqual(ResumeCode.normalize("7 9 x 4 3 y"), "79X43Y")
        XCTAssertNil(ResumeCode.normalize(""))
        XCTAssertNil(ResumeCode.normalize("ACDEF"), "too short")
        XCTAssertNil(ResumeCode.normalize("ACDEFHJ"), "too long")
        XCTAssertNil(ResumeCode.normalize("ACDEF0"), "0 is not in the alphabet")
        XCTAssertNil(ResumeCode.normalize("ACDEFO"), "O is not in the alphabet")
        XCTAssertNil(ResumeCode.normalize("ACDÉFH"))
    }

    // MARK: Resuming

    func testResumeWithTheRightVerification() throws {
        let store = try openStore()
        let draft = try makeDraft(store)
        try store.saveAnswer(draftID: draft.id, path: "applicant_full_name", raw: secretName)
        let typed = draft.resumeCode.lowercased().prefix(3) + "-" + draft.resumeCode.lowercased().dropFirst(3)
        let resumed = try store.resumeDraft(code: " " + typed + " ", verification: pin)
        XCTAssertEqual(resumed.id, draft.id)
        XCTAssertEqual(resumed.resumeCode, draft.resumeCode)
        XCTAssertEqual(try answerDictionary(store, resumed.id), ["applicant_full_name": secretName])
        XCTAssertTrue(try store.auditLog().contains { $0.event == "draft_resumed" })
    }

    func testWrongVerificationAndUnknownCodeReadTheSame() throws {
        let store = try openStore()
        let draft = try makeDraft(store)
        let wrong = assertResumeError(try store.resumeDraft(code: draft.resumeCode, verification: "0000"))
        guard case .wrongCodeOrVerification(let left)? = wrong else { return XCTFail("got \(String(describing: wrong))") }
        XCTAssertEqual(left, KioskStore.maxResumeTries - 1)

        var unknownCode = ""
        repeat { unknownCode = ResumeCode.generate() } while unknownCode == draft.resumeCode
        let unknown = assertResumeError(try store.resumeDraft(code: unknownCode, verification: pin))
        guard case .wrongCodeOrVerification? = unknown else { return XCTFail("got \(String(describing: unknown))") }
        let malformed = assertResumeError(try store.resumeDraft(code: "ZZZ", verification: pin))
        guard case .wrongCodeOrVerification? = malformed else { return XCTFail("got \(String(describing: malformed))") }

        XCTAssertEqual(wrong?.message, unknown?.message)
        XCTAssertEqual(wrong?.message, malformed?.message)
        XCTAssertFalse(wrong?.message.vi.isEmpty ?? true)
    }

    func testFiveWrongTriesLockTheDraftEvenForTheRightPIN() throws {
        let store = try openStore()
        let draft = try makeDraft(store)
        for attempt in 1..<KioskStore.maxResumeTries {
            let e = assertResumeError(try store.resumeDraft(code: draft.resumeCode, verification: "1111"))
            XCTAssertEqual(e, .wrongCodeOrVerification(triesLeft: KioskStore.maxResumeTries - attempt), "attempt \(attempt)")
        }
        let lockEnd = baseDate.addingTimeInterval(TimeInterval(KioskStore.lockSeconds))
        XCTAssertEqual(KioskStore.lockSeconds, 15 * 60)
        let fifth = assertResumeError(try store.resumeDraft(code: draft.resumeCode, verification: "1111"))
        XCTAssertEqual(fifth, .locked(until: lockEnd))

        // Locked: the right PIN is refused, and so is a wrong one.
        XCTAssertEqual(assertResumeError(try store.resumeDraft(code: draft.resumeCode, verification: pin)), .locked(until: lockEnd))
        XCTAssertEqual(assertResumeError(try store.resumeDraft(code: draft.resumeCode, verification: "2222")), .locked(until: lockEnd))

        // Still locked a second before the end.
        let almost = lockEnd.addingTimeInterval(-1)
        store.now = { almost }
        XCTAssertEqual(assertResumeError(try store.resumeDraft(code: draft.resumeCode, verification: pin)), .locked(until: lockEnd))

        // 15 minutes later, the right PIN works.
        let later = baseDate.addingTimeInterval(15 * 60 + 1)
        store.now = { later }
        XCTAssertEqual(try store.resumeDraft(code: draft.resumeCode, verification: pin).id, draft.id)
        // And the count started again: one wrong try leaves four.
        XCTAssertEqual(assertResumeError(try store.resumeDraft(code: draft.resumeCode, verification: "1111")),
                       .wrongCodeOrVerification(triesLeft: KioskStore.maxResumeTries - 1))

        let events = try store.auditLog().map(\.event)
        XCTAssertEqual(events.filter { $0 == "draft_resume_failed" }.count, KioskStore.maxResumeTries - 1 + 1)
        XCTAssertEqual(events.filter { $0 == "draft_locked" }.count, 1)
    }

    func testAnUnknownCodeCostsTheSameAndLocksTheSameAsARealOne() throws {
        let store = try openStore()
        let draft = try makeDraft(store)
        var unknownCode = ""
        repeat { unknownCode = ResumeCode.generate() } while unknownCode == draft.resumeCode
        // The first resume at a station makes the decoy, whichever path it takes.
        _ = try? store.resumeDraft(code: draft.resumeCode, verification: pin)
        func attempt(_ code: String) -> (error: ResumeError?, hashes: Int) {
            let before = Crypto.slowHashes.value
            let e = assertResumeError(try store.resumeDraft(code: code, verification: "1111"))
            return (e, Crypto.slowHashes.value - before)
        }
        let lockEnd = baseDate.addingTimeInterval(TimeInterval(KioskStore.lockSeconds))
        for n in 1...KioskStore.maxResumeTries {
            let real = attempt(draft.resumeCode), unknown = attempt(unknownCode)
            XCTAssertEqual(real.error, unknown.error, "try \(n): the same answer")
            XCTAssertEqual(real.hashes, 1, "try \(n): one Argon2id check")
            XCTAssertEqual(unknown.hashes, real.hashes, "try \(n): the same work")
        }
        // Both are locked now, for the same time, with the same message.
        XCTAssertEqual(attempt(unknownCode).error, .locked(until: lockEnd))
        XCTAssertEqual(attempt(draft.resumeCode).error, .locked(until: lockEnd))
        XCTAssertEqual(attempt(unknownCode).hashes, attempt(draft.resumeCode).hashes)
        // No personal data in the table of tries: codes and counts.
        XCTAssertEqual(try store.db.query("SELECT code FROM resume_tries ORDER BY code") { $0.string(0) ?? "" }.sorted(),
                       [draft.resumeCode, unknownCode].sorted())
    }

    func testTheLockSurvivesReopeningTheStore() throws {
        let code: String
        do {
            let store = try openStore()
            code = try makeDraft(store).resumeCode
            for _ in 0..<KioskStore.maxResumeTries { _ = try? store.resumeDraft(code: code, verification: "1111") }
        }
        let store = try openStore(at: baseDate.addingTimeInterval(60))
        let e = assertResumeError(try store.resumeDraft(code: code, verification: pin))
        guard case .locked? = e else { return XCTFail("got \(String(describing: e))") }
    }

    func testARightPINResetsTheWrongTries() throws {
        let store = try openStore()
        let draft = try makeDraft(store)
        for _ in 1..<KioskStore.maxResumeTries { _ = try? store.resumeDraft(code: draft.resumeCode, verification: "1111") }
        _ = try store.resumeDraft(code: draft.resumeCode, verification: pin)
        for attempt in 1..<KioskStore.maxResumeTries {
            XCTAssertEqual(assertResumeError(try store.resumeDraft(code: draft.resumeCode, verification: "1111")),
                           .wrongCodeOrVerification(triesLeft: KioskStore.maxResumeTries - attempt))
        }
    }

    func testWrongTriesOnOneDraftDoNotLockAnother() throws {
        let store = try openStore()
        let a = try makeDraft(store)
        let b = try makeDraft(store)
        for _ in 0..<KioskStore.maxResumeTries { _ = try? store.resumeDraft(code: a.resumeCode, verification: "1111") }
        XCTAssertEqual(try store.resumeDraft(code: b.resumeCode, verification: pin).id, b.id)
    }

    // MARK: Verification

    func testTheVerifierIsStoredOnlyAsAnArgon2idHash() throws {
        let store = try openStore()
        _ = try makeDraft(store)
        _ = try makeDraft(store)
        let verifiers = try store.db.query("SELECT verifier, verifier_kind FROM drafts") { s in (s.string(0) ?? "", s.string(1) ?? "") }
        XCTAssertEqual(verifiers.count, 2)
        guard verifiers.count == 2 else { return }
        for (v, kind) in verifiers {
            XCTAssertTrue(v.hasPrefix("$argon2id$"), v)
            XCTAssertFalse(v.contains(pin), v)
            XCTAssertEqual(kind, "pin")
            XCTAssertTrue(Crypto.verifySecret(pin, against: v))
            XCTAssertFalse(Crypto.verifySecret("9276", against: v))
        }
        XCTAssertNotEqual(verifiers[0].0, verifiers[1].0, "salted: the same PIN hashes differently")
        // Nowhere else in the row either.
        let rows = try store.db.query("SELECT * FROM drafts") { s in (0..<14).map { String(describing: s.value($0)) }.joined(separator: "|") }
        for row in rows { XCTAssertFalse(row.replacingOccurrences(of: verifiers[0].0, with: "").replacingOccurrences(of: verifiers[1].0, with: "").contains(pin), row) }
    }

    func testIDLast4VerificationKeepsNoIDNumber() throws {
        let verification = try XCTUnwrap(Verification.fromIDNumber(secretIDNumber))
        XCTAssertEqual(verification, .idLast4("0123"))
        let store = try openStore()
        let draft = try makeDraft(store, verification: verification)
        XCTAssertEqual(try store.db.scalar("SELECT verifier_kind FROM drafts"), .text("id_last4"))
        let verifier = try XCTUnwrap(try store.db.query("SELECT verifier FROM drafts") { $0.string(0) }.first ?? nil)
        XCTAssertTrue(verifier.hasPrefix("$argon2id$"))
        XCTAssertEqual(try store.resumeDraft(code: draft.resumeCode, verification: "0123").id, draft.id)
        XCTAssertEqual(try store.resumeDraft(code: draft.resumeCode, verification: "01 23").id, draft.id, "spaces are ignored")
        try store.flush()
        XCTAssertFalse(contains(bytes(dbPath) + bytes(dbPath + "-wal"), secretIDNumber), "the id number is not stored")
    }

    func testVerificationMustBeExactlyFourDigits() throws {
        for good in ["0000", "9275", "0123"] {
            XCTAssertEqual(try Verification.pin(good).validated(), .pin(good))
            XCTAssertEqual(try Verification.idLast4(good).validated(), .idLast4(good))
        }
        for bad in ["", "123", "12345", "12a4", "12 4", "abcd", "١٢٣٤", "１２３４", "-123", "12.4"] {
            let e = assertStoreError(try Verification.pin(bad).validated(), "“\(bad)”")
            XCTAssertTrue(e?.isInvalid ?? false, "“\(bad)”: \(String(describing: e))")
        }
        XCTAssertNil(Verification.fromIDNumber("123"))
        XCTAssertEqual(Verification.fromIDNumber("001 087 012345"), .idLast4("2345"))
        XCTAssertEqual(Verification.pin("1234").digits, "1234")

        // createDraft refuses it and leaves nothing behind.
        let store = try openStore()
        let e = assertStoreError(try makeDraft(store, verification: .pin("123")))
        XCTAssertTrue(e?.isInvalid ?? false, "\(String(describing: e))")
        XCTAssertEqual(try int(store.db, "SELECT count(*) FROM drafts"), 0)
        XCTAssertEqual(try int(store.db, "SELECT count(*) FROM form_versions"), 0)
    }

    // MARK: Summaries

    func testDraftSummariesHoldNothingPersonal() throws {
        let store = try openStore()
        let first = try makeDraft(store, verification: Verification.fromIDNumber(secretIDNumber))
        try store.saveAnswers(draftID: first.id, [("applicant_full_name", secretName), ("applicant_id_number", secretIDNumber)])
        try store.savePosition(draftID: first.id, page: 0, field: "applicant_id_number", answered: 2, requiredTotal: 4)
        let later = baseDate.addingTimeInterval(120)
        store.now = { later }
        let second = try makeDraft(store)

        let summaries = try store.draftSummaries()
        XCTAssertEqual(summaries.map(\.resumeCode), [second.resumeCode, first.resumeCode], "most recently updated first")
        guard summaries.count == 2 else { return }
        XCTAssertEqual(summaries[1], DraftSummary(id: first.id, resumeCode: first.resumeCode, formID: "thu-nghiem", formVersion: "3",
                                                  updatedAt: Int(baseDate.timeIntervalSince1970), answered: 2, requiredTotal: 4))
        let text = String(describing: summaries) + String(reflecting: summaries)
        for secret in [secretName, "Bí Mật", secretIDNumber, "0123", "applicant_id_number", pin] {
            XCTAssertFalse(text.contains(secret), "summaries show “\(secret)”: \(text)")
        }
    }

    // MARK: Durability

    func testFlushIfDueSyncsOnceASecondHasPassed() throws {
        let store = try openStore()
        let draft = try makeDraft(store) // createDraft flushes
        let synced = try store.db.scalar("SELECT value FROM meta WHERE key = 'last_sync'")
        XCTAssertEqual(synced, .text(String(Int(baseDate.timeIntervalSince1970))))
        let t1 = baseDate.addingTimeInterval(10)
        store.now = { t1 }
        try store.saveAnswer(draftID: draft.id, path: "remark", raw: "a")
        let t2 = t1.addingTimeInterval(0.5)
        store.now = { t2 }
        try store.flushIfDue()
        XCTAssertEqual(try store.db.scalar("SELECT value FROM meta WHERE key = 'last_sync'"), synced, "not due yet")
        let t3 = t1.addingTimeInterval(1)
        store.now = { t3 }
        try store.flushIfDue()
        XCTAssertEqual(try store.db.scalar("SELECT value FROM meta WHERE key = 'last_sync'"), .text(String(Int(t3.timeIntervalSince1970))))
        XCTAssertEqual(try store.db.scalar("PRAGMA synchronous"), .integer(1), "back to normal durability")
    }
}

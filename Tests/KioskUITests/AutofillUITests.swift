import Foundation
import XCTest
import KioskCore
import KioskStore
@testable import KioskUI

/// Filling a new dossier from an earlier one, by keys, on the screen: the
/// entry, the offer of roles, the marks, the review list, what is saved.
final class AutofillUITests: XCTestCase {
    static let marriageCode = "000.00.13.H36-261120-0007"
    static let brideID = "068198003417"

    /// A marriage registration finalized at this station and accepted by the
    /// province (the sample answers).
    func finalizeMarriage(_ h: UIHarness, code: String = marriageCode) throws {
        let form = try XCTUnwrap(catalog.form(id: "dang-ky-ket-hon"))
        let data = try Data(contentsOf: URL(fileURLWithPath: packageRoot + "/Tests/Fixtures/answers/dang-ky-ket-hon.json"))
        var state = FormState(form: form, today: sampleToday)
        state.load(answers: AnswerImport.read(Array(data), for: form).answers)
        // The bride's identity document was attached as a file (the others shown at the desk).
        let sha = try h.store.storeDocument(Array("căn cước bên nữ".utf8), mediaType: "image/jpeg")
        state.set("doc_gttt_nu", "file:\(sha)")
        XCTAssertEqual(state.allIssues().map { state.name(of: $0.path) + ": " + $0.message.en }, [])
        let dossier = try h.store.finalize(form: form, state: state, draftID: nil)
        try h.store.markAccepted(submissionID: dossier.submissionID, officialCode: code, dueDate: nil)
    }

    /// Welcome → earlier dossier code → verification → search.
    func enterPrior(_ h: UIHarness, code: String = marriageCode, verification: String = brideID) {
        h.app.type(code)
        h.app.key(.tab)
        h.app.type(verification)
        h.app.key(.enter)
    }

    func testFromTheWelcomeScreenTheBrideFillsTheParentsOfABirthRegistration() throws {
        let h = try UIHarness()
        try finalizeMarriage(h)
        h.app.type("3")
        XCTAssertTrue(h.text.contains("Điền sẵn từ hồ sơ cũ"), h.text)
        enterPrior(h)
        XCTAssertTrue(h.text.contains("✓ \(Self.marriageCode) · Đăng ký kết hôn"), h.text)
        XCTAssertTrue(h.text.contains("Bên nữ: Nguyễn Thị Mai Anh · Bên nam: Lê Hoàng Nam"), h.text)
        XCTAssertTrue(h.text.contains("Tiếp theo: chọn thủ tục cần làm."), h.text)
        h.app.key(.enter) // Continue
        h.chooseProcedure("khai sinh", pin: "2468")
        // The offer: who each person is here, before anything is filled.
        XCTAssertTrue(h.text.contains("Bên nữ: Nguyễn Thị Mai Anh"), h.text)
        XCTAssertTrue(h.text.contains("→ ◀ Mẹ ▶"), h.text)
        XCTAssertTrue(h.text.contains("→ ◀ Cha ▶"), h.text)
        let draftID = try XCTUnwrap(h.session?.draft.id ?? offerSession(h)?.draft.id)
        XCTAssertEqual(try h.store.prefills(draftID: draftID), [], "nothing is written before the citizen confirms")
        h.app.key(.enter) // Fill in: every role proposed, the focus is on it
        XCTAssertTrue(h.text.contains("Đã điền sẵn"), h.text)
        XCTAssertEqual(h.raw("mother_full_name"), "Nguyễn Thị Mai Anh")
        XCTAssertEqual(h.raw("mother_id_number"), Self.brideID)
        XCTAssertEqual(h.raw("father_full_name"), "Lê Hoàng Nam")
        XCTAssertEqual(h.raw("applicant_full_name"), "", "nobody was confirmed as the applicant")
        // The bride and the groom as the mother and the father: married, the father known (role_answers).
        XCTAssertEqual(h.raw("father_known"), "yes")
        XCTAssertEqual(h.raw("parents_married"), "yes")
        do {
            let f = try XCTUnwrap(h.session)
            XCTAssertEqual(f.prefill(FieldPath(field: f.form.fieldIndexByID["parents_married"]!))?.code, Self.marriageCode, "marked ◆ with the marriage's code")
        }

        // Marked on the page, with the code it came from.
        try goToPage(h, "mother")
        XCTAssertTrue(h.text.contains("◆ Điền sẵn từ hồ sơ \(Self.marriageCode)"), h.text)
        XCTAssertTrue(h.text.contains("◆Họ, chữ đệm và tên"), h.text)

        // Saved with where each came from: a restart keeps the marks.
        let stored = try h.store.prefills(draftID: draftID)
        XCTAssertTrue(stored.contains { $0.name == "mother_full_name" && $0.code == Self.marriageCode && $0.sourceKey == "bride.full_name" })
        XCTAssertEqual(try h.store.answers(draftID: draftID).first { $0.name == "father_full_name" }?.raw, "Lê Hoàng Nam")
    }

    func testAWrongVerificationFillsNothingAndSaysWhatAnUnknownCodeSays() throws {
        let h = try UIHarness()
        try finalizeMarriage(h)
        h.app.type("3")
        enterPrior(h, verification: "068198003418")
        let wrong = priorMessage(h)
        XCTAssertNotNil(wrong)
        XCTAssertTrue(h.text.contains("Không tìm thấy") || h.text.contains("không có hồ sơ"), h.text)
        h.app.key(.backTab)
        h.app.key(.backspace, times: 40)
        enterPrior(h, code: "000.00.13.H36-261120-0099")
        XCTAssertEqual(priorMessage(h), wrong, "an unknown code and a wrong verification look the same")
        guard case .prior(let p) = h.app.state.page else { return XCTFail("left the entry") }
        XCTAssertEqual(p.found, [])
        XCTAssertFalse(h.text.contains("Tiếp tục"), "nothing to continue with")
    }

    func testAMalformedCodeIsExplainedAndCostsNoTry() throws {
        let h = try UIHarness()
        h.app.type("3")
        enterPrior(h, code: "000.00.13.H36-261345-0007")
        XCTAssertTrue(h.text.contains("ngày") || h.text.contains("tháng"), h.text)
        XCTAssertEqual(h.app.state.priorFailures, 0)
    }

    func testTriesAreLimitedPerSessionAndPerCode() throws {
        let h = try UIHarness()
        try finalizeMarriage(h)
        h.app.type("3")
        for n in 0..<5 {
            enterPrior(h, verification: "0681980034\(10 + n)")
            h.app.key(.backTab) // back to the code
            h.app.key(.backspace, times: 40)
        }
        XCTAssertEqual(h.app.state.priorFailures, 5)
        // The code is locked now, even with the right verification…
        XCTAssertNotNil(try h.store.priorLockedUntil(code: Self.marriageCode))
        // …and this person has used their tries.
        enterPrior(h)
        XCTAssertTrue(h.text.contains("Đã thử quá nhiều lần"), h.text)
        guard case .prior(let p) = h.app.state.page else { return XCTFail("left the entry") }
        XCTAssertEqual(p.found, [])
        // The next person starts afresh, but the code stays locked.
        h.app.state.page = .welcome(focus: 0)
        App.resetForNextPerson(&h.app.state)
        h.app.type("3")
        enterPrior(h)
        XCTAssertTrue(h.text.contains("quá nhiều lần. Hãy thử lại sau"), h.text)
    }

    func testFromTheFirstPageOfAFormWithAnotherRoleChosen() throws {
        let h = try UIHarness()
        try finalizeMarriage(h)
        h.startForm("khai sinh")
        XCTAssertTrue(h.text.contains("Bạn đã từng làm thủ tục? Nhập mã hồ sơ để điền sẵn"), h.text)
        XCTAssertEqual(h.session?.focusedRow, .field(FieldPath(field: h.session!.form.fieldIndexByID["applicant_full_name"]!)),
                       "typing starts in the first field")
        h.app.key(.backTab)
        h.app.key(.enter)
        XCTAssertTrue(h.text.contains("· Đăng ký khai sinh"), h.text)
        enterPrior(h)
        XCTAssertTrue(h.text.contains("Có thể nhập thêm mã hồ sơ khác"), h.text)
        h.app.key(.enter) // Continue
        // The bride is the one registering: she becomes the applicant, not
        // the mother. (Every role proposed: from Fill in up to her.)
        h.app.key(.up)
        h.app.key(.up)
        h.app.key(.right)
        XCTAssertTrue(h.text.contains("→ ◀ Người đi làm thủ tục ▶"), h.text)
        h.app.key(.down)
        h.app.key(.left) // the groom: not used
        XCTAssertTrue(h.text.contains("→ ◀ không dùng ▶"), h.text)
        h.app.key(.down)
        h.app.key(.enter)
        XCTAssertEqual(h.raw("applicant_full_name"), "Nguyễn Thị Mai Anh")
        XCTAssertEqual(h.raw("applicant_id_number"), Self.brideID)
        XCTAssertEqual(h.raw("mother_full_name"), "")
        XCTAssertEqual(h.raw("father_full_name"), "")
        XCTAssertEqual(h.raw("parents_married"), "", "the bride is not the mother here: nothing said of the parents")
        XCTAssertEqual(h.raw("doc_gttt"), "reuse:\(Self.marriageCode)", "her identity document is reused by reference")

        // "Same as the applicant" on the mother's page copies her in.
        try goToPage(h, "mother")
        XCTAssertTrue(h.text.contains("= Giống người đi làm thủ tục"), h.text)
        h.focusRow(.copyPerson(role: "mother"))
        h.app.key(.enter)
        XCTAssertEqual(h.raw("mother_full_name"), "Nguyễn Thị Mai Anh")
        XCTAssertEqual(h.raw("mother_id_number"), Self.brideID)
        XCTAssertTrue(h.text.contains("Đã chép"), h.text)
    }

    func testAChangedAnswerLosesItsMarkAndTheReviewListsWhatIsStillPrefilled() throws {
        let h = try UIHarness(height: 60)
        try finalizeMarriage(h)
        h.startForm("khai sinh")
        h.app.key(.backTab)
        h.app.key(.enter)
        enterPrior(h)
        h.app.key(.enter)
        h.app.key(.enter) // Fill in: every role proposed, the focus is on it
        try goToPage(h, "mother")
        h.focus("mother_full_name")
        h.app.key(.backspace, times: 4)
        h.app.type("Anh")
        h.app.key(.tab)
        let session = try XCTUnwrap(h.session)
        let name = try XCTUnwrap(session.form.fieldIndexByID["mother_full_name"])
        XCTAssertNil(session.prefill(FieldPath(field: name)), "typed over: no longer as filled")
        XCTAssertNotNil(session.prefill(FieldPath(field: session.form.fieldIndexByID["mother_birth_date"]!)))
        XCTAssertFalse(session.earlierCodes.isEmpty)

        // The review lists the answers still as filled, with their code.
        var f = session
        _ = DocumentsUpdate.toReview(&f)
        h.app.state.page = .form(f)
        XCTAssertTrue(h.text.contains("◆ Điền sẵn từ hồ sơ cũ — xin kiểm tra kỹ"), h.text)
        XCTAssertTrue(h.text.contains("14/02/1998 (\(Self.marriageCode))"), h.text)
        XCTAssertFalse(h.text.contains("Nguyễn Thị Mai Anh ("), "the changed name is not listed as prefilled")
    }

    func testAResumedDraftKeepsItsMarks() throws {
        let h = try UIHarness()
        try finalizeMarriage(h)
        toOffer(h, pin: "2468")
        h.app.key(.enter) // Fill in: every role proposed, the focus is on it
        let code = try XCTUnwrap(h.session?.draft.resumeCode)
        // The citizen leaves; the next one resumes with the code and PIN.
        h.app.state.page = .welcome(focus: 0)
        App.resetForNextPerson(&h.app.state)
        h.app.type("2")
        h.app.type(code)
        h.app.key(.tab)
        h.app.type("2468")
        h.app.key(.enter)
        let session = try XCTUnwrap(h.session)
        XCTAssertNotNil(session.prefill(FieldPath(field: session.form.fieldIndexByID["mother_full_name"]!)))
        XCTAssertEqual(session.earlierCodes, [Self.marriageCode])
    }

    func testTheFinalizedDossierNamesTheEarlierCodes() throws {
        let h = try UIHarness()
        try finalizeMarriage(h)
        toOffer(h, pin: "1234")
        h.app.key(.enter) // Fill in: every role proposed, the focus is on it
        // The rest from the sample, then finalize through the store as the runner does.
        let session = try XCTUnwrap(h.session)
        XCTAssertEqual(session.earlierCodes, [Self.marriageCode])
        var state = session.state
        let data = try Data(contentsOf: URL(fileURLWithPath: packageRoot + "/Tests/Fixtures/answers/dang-ky-khai-sinh.json"))
        let sample = AnswerImport.read(Array(data), for: session.form).answers
        // Only what was not filled from the marriage.
        state.load(answers: sample.filter { a in state.path(named: a.name).map { state.raw($0).isEmpty } ?? true })
        XCTAssertEqual(state.allIssues().map { state.name(of: $0.path) + ": " + $0.message.en }, [])
        let dossier = try h.store.finalize(form: session.form, state: state, draftID: session.draft.id, earlierCodes: session.earlierCodes)
        XCTAssertEqual(dossier.earlierCodes, [Self.marriageCode])
        XCTAssertEqual(try h.store.prefills(draftID: session.draft.id), [], "the draft and its marks are gone with it")
    }

    func testArrowsOnTheOfferButtonsDoNothing() throws {
        let h = try UIHarness()
        try finalizeMarriage(h)
        toOffer(h, pin: "1234")
        XCTAssertEqual(offerFocus(h), 2, "every role proposed: the focus starts on Fill in")
        h.app.key(.tab) // on Skip
        h.app.key(.right)
        h.app.key(.left)
        h.app.key(.backTab) // on Fill in
        h.app.key(.right)
        XCTAssertTrue(h.text.contains("→ ◀ Mẹ ▶"), h.text)
    }

    func testEarlierDossiersAreNotOfferedToTheNextPerson() throws {
        let h = try UIHarness()
        try finalizeMarriage(h)
        h.app.type("3")
        enterPrior(h)
        h.app.key(.enter) // Continue: to the procedures
        h.app.key(.escape) // …but leaves
        XCTAssertTrue(h.app.state.priors.isEmpty)
        h.startForm("khai sinh")
        XCTAssertNotNil(h.session, "straight into the form, no offer: \(h.text)")
    }

    func testSameAddressAboveOnlyFillsAnEmptyAddress() throws {
        let h = try UIHarness()
        h.startForm("khai sinh")
        try h.load(sample: "dang-ky-khai-sinh")
        guard case .form(var f) = h.app.state.page else { return XCTFail() }
        let mother = FieldPath(field: f.form.fieldIndexByID["mother_residence"]!)
        let idType = FieldPath(field: f.form.fieldIndexByID["mother_id_type"]!)
        f.state.set(idType, raw: "")
        f.state.set(FieldPath(field: f.form.fieldIndexByID["mother_id_number"]!), raw: "")
        f.state.set(mother, raw: "68|24787|Thôn 2")
        // An applicant without an id number gives their residence: the address above.
        f.state.set(FieldPath(field: f.form.fieldIndexByID["applicant_id_type"]!), raw: "")
        f.state.set(FieldPath(field: f.form.fieldIndexByID["applicant_id_number"]!), raw: "")
        f.state.set(FieldPath(field: f.form.fieldIndexByID["applicant_residence"]!), raw: "68|24781|Số 12 đường Trần Phú")
        h.app.state.page = .form(f)
        try goToPage(h, "mother")
        XCTAssertFalse(h.session!.rows.contains(.copyAddress(mother)), "no copy button on an address already given")
        guard case .form(var g) = h.app.state.page else { return XCTFail() }
        g.state.set(mother, raw: "")
        h.app.state.page = .form(g)
        h.focusRow(.copyAddress(mother))
        h.app.key(.enter)
        XCTAssertEqual(h.raw("mother_residence"), h.raw("applicant_residence"))
        XCTAssertFalse(h.raw("mother_residence").isEmpty)
    }

    // MARK: Helpers

    /// From the welcome screen: the marriage found by the bride's id number,
    /// a birth registration started, its offer of roles on screen.
    func toOffer(_ h: UIHarness, pin: String) {
        h.app.type("3")
        enterPrior(h)
        h.app.key(.enter) // Continue
        h.chooseProcedure("khai sinh", pin: pin)
    }

    func priorMessage(_ h: UIHarness) -> LocalizedText? {
        if case .prior(let p) = h.app.state.page { return p.message }
        return nil
    }

    func offerFocus(_ h: UIHarness) -> Int? {
        if case .offer(let o) = h.app.state.page { return o.focus }
        return nil
    }

    func offerSession(_ h: UIHarness) -> FormSession? {
        if case .offer(let o) = h.app.state.page { return o.session }
        return nil
    }

    func goToPage(_ h: UIHarness, _ id: String) throws {
        let session = try XCTUnwrap(h.session)
        let target = try XCTUnwrap(session.form.pages.firstIndex { $0.id == id })
        while let f = h.session, f.page < target { h.nextPage() }
        XCTAssertEqual(h.session?.page, target)
    }
}

extension UIHarness {
    /// On the procedure search: choose one and start it with a PIN.
    func chooseProcedure(_ search: String, pin: String) {
        app.type(search)
        app.key(.enter)
        app.type(pin)
        app.key(.enter)
        app.type(pin)
        app.key(.enter)
    }

    /// Focuses a row that is not a field (a button row) on the current page.
    func focusRow(_ row: FormRow) {
        guard let f = session, let i = f.focusableRows.firstIndex(of: row) else { return XCTFail("no row \(row)") }
        while let current = session?.focus, current != i { app.key(current < i ? .tab : .backTab) }
    }
}

import Foundation
import XCTest
import KioskCore
import KioskKeystrokes
import KioskRuntime
import KioskStore
@testable import KioskUI

/// Autofill that does not guess (issue 13, section 7): a role is
/// preselected only when one person alone can take it, Fill in asks for the
/// others, and "= same as the applicant" says what it copied, where.
final class AutofillNoGuessUITests: XCTestCase {
    static let birthCode = "000.00.13.H36-261125-0003"
    static let fatherID = "068092004512"

    /// The sample birth registration, finalized here and accepted (the
    /// father registered it).
    func finalizeBirth(_ h: UIHarness) throws {
        let form = try XCTUnwrap(catalog.form(id: "dang-ky-khai-sinh"))
        var state = FormState(form: form, today: sampleToday)
        state.load(answers: HelperKeystrokes.sampleAnswers(form, root: packageRoot))
        let dossier = try h.store.finalize(form: form, state: state, draftID: nil)
        try h.store.markAccepted(submissionID: dossier.submissionID, officialCode: Self.birthCode, dueDate: nil)
    }

    /// Welcome → the earlier dossier → a procedure → its offer of roles.
    func toOffer(_ h: UIHarness, code: String, verification: String, procedure: String) {
        h.app.type("3")
        h.app.type(code)
        h.app.key(.tab)
        h.app.type(verification)
        h.app.key(.enter)
        h.app.key(.enter) // Continue
        h.chooseProcedure(procedure, pin: "2468")
    }

    var offer: OfferState? {
        if case .offer(let o) = h?.app.state.page { return o }
        return nil
    }
    var h: UIHarness?

    func testAMaritalStatusCertificateFromABirthDossierAsksWhoIsConcerned() throws {
        let h = try UIHarness(width: 100, height: 30)
        self.h = h
        try finalizeBirth(h)
        toOffer(h, code: Self.birthCode, verification: Self.fatherID, procedure: "tinh trang hon nhan")
        let o = try XCTUnwrap(offer, h.text)
        // The mother and the father may each be the person concerned: neither is chosen.
        XCTAssertTrue(h.text.contains("Mẹ: Nguyễn Thị Thu Hà"), h.text)
        XCTAssertTrue(h.text.contains("◀ chọn ai ▶"), h.text)
        XCTAssertFalse(h.text.contains("◀ Người được xác nhận ▶"), "nobody is certified by default: \(h.text)")
        XCTAssertEqual(o.offers.first { $0.sourceRole == "applicant" }?.target, "applicant", "the applicant stays the applicant")
        let mother = try XCTUnwrap(o.offers.firstIndex { $0.sourceRole == "mother" })
        XCTAssertEqual(o.focus, mother, "the focus starts on the person to choose for")

        // Enter, Enter: to Fill in, and Fill in. Nothing is filled; the focus
        // goes back to the mother, and the screen says what to do.
        h.app.key(.enter)
        XCTAssertEqual(offer?.focus, o.offers.count, "Enter on a person: to Fill in")
        h.app.key(.enter)
        XCTAssertEqual(offer?.focus, mother, h.text)
        XCTAssertTrue(h.text.contains("Chọn vai trò cho từng người bằng ← →; chưa chọn: Mẹ."), h.text)
        XCTAssertNil(h.session, "still on the offer")

        // → makes her the person concerned; Enter, Enter fills.
        h.app.key(.right)
        XCTAssertTrue(h.text.contains("◀ Người được xác nhận ▶"), h.text)
        XCTAssertFalse(h.text.contains("Chọn vai trò cho từng người"), "the message goes once everyone is chosen")
        h.app.key(.enter)
        h.app.key(.enter)
        XCTAssertEqual(h.raw("subject_full_name"), "Nguyễn Thị Thu Hà")
        XCTAssertEqual(h.raw("applicant_full_name"), "Trần Văn Hùng")
    }

    func testNotUsedIsAChoiceToo() throws {
        let h = try UIHarness(width: 100, height: 30)
        self.h = h
        try finalizeBirth(h)
        toOffer(h, code: Self.birthCode, verification: Self.fatherID, procedure: "tinh trang hon nhan")
        h.app.key(.left) // the mother: not used
        XCTAssertTrue(h.text.contains("◀ không dùng ▶"), h.text)
        h.app.key(.enter)
        h.app.key(.enter)
        XCTAssertEqual(h.raw("subject_full_name"), "", "nobody was made the person concerned")
        XCTAssertEqual(h.raw("applicant_full_name"), "Trần Văn Hùng")
    }

    func testTheBrideAndTheGroomOfAMarriageAreEachAsked() throws {
        let h = try UIHarness(width: 100, height: 30)
        self.h = h
        let birth = try XCTUnwrap(catalog.form(id: "dang-ky-khai-sinh"))
        let verification = try HelperKeystrokes.registerParentsMarriage(store: h.store, catalog: catalog,
                                                                         birthAnswers: HelperKeystrokes.sampleAnswers(birth, root: packageRoot), root: packageRoot)
        toOffer(h, code: HelperKeystrokes.marriageCode, verification: verification, procedure: "tinh trang hon nhan")
        let o = try XCTUnwrap(offer, h.text)
        XCTAssertEqual(o.offers.map(\.sourceRole), ["bride", "groom"])
        XCTAssertEqual(o.offers.map(\.isDecided), [false, false], "either may be the person concerned, or the applicant")
        XCTAssertEqual(o.offers.map(\.target), [nil, nil])
        // Choosing one role for one of them leaves the other still to choose.
        h.app.key(.right) // the bride: the person concerned
        h.app.key(.enter) // to the groom, the next still to choose
        XCTAssertEqual(offer?.focus, 1)
        h.app.key(.left) // the groom: not used (← from "choose who")…
        h.app.key(.left) // …then the applicant (→ would take the person concerned from the bride)
        XCTAssertEqual(offer?.offers.map(\.target), ["subject", "applicant"])
        h.app.key(.enter)
        h.app.key(.enter)
        XCTAssertEqual(h.raw("subject_full_name"), "Nguyễn Thị Thu Hà")
        XCTAssertEqual(h.raw("applicant_full_name"), "Trần Văn Hùng")
    }

    func testTakingAnotherPersonsRoleAsksAgainAboutThem() throws {
        let h = try UIHarness(width: 100, height: 30)
        self.h = h
        let birth = try XCTUnwrap(catalog.form(id: "dang-ky-khai-sinh"))
        let verification = try HelperKeystrokes.registerParentsMarriage(store: h.store, catalog: catalog,
                                                                         birthAnswers: HelperKeystrokes.sampleAnswers(birth, root: packageRoot), root: packageRoot)
        toOffer(h, code: HelperKeystrokes.marriageCode, verification: verification, procedure: "khai sinh")
        // A birth registration: the bride alone can be the mother, the groom the father.
        XCTAssertEqual(offer?.offers.map(\.target), ["mother", "father"])
        XCTAssertEqual(offer?.offers.map(\.isDecided), [true, true])
        // The groom made the mother: the bride is asked about again, and
        // Fill in takes the focus back to her. (Every role proposed: the
        // focus starts on Fill in; ↑ to the groom.)
        h.app.key(.up)
        h.app.key(.left) // the groom: from father to not used…
        h.app.key(.left) // …to the applicant
        h.app.key(.left) // …to the father
        h.app.key(.down) // to Fill in
        h.app.key(.enter)
        XCTAssertNotNil(h.session, "everyone decided: filled")
    }

    func testSameAsTheApplicantSaysWhatItCopiedAndWhere() throws {
        let h = try UIHarness(width: 120, height: 40)
        self.h = h
        h.startForm("khai sinh")
        h.app.type("Traanf Vawn Hungf")
        h.app.key(.tab)
        h.app.key(.tab) // the id type: Căn cước (the default)
        h.app.type(Self.fatherID)
        h.app.key(.tab)
        let father = try XCTUnwrap(h.session?.form.pages.firstIndex { $0.id == "father" })
        while let f = h.session, f.page < father { h.nextPage() }
        h.focus("father_known")
        h.app.type("c")
        h.focusRow(.copyPerson(role: "father"))
        h.app.key(.enter)
        XCTAssertEqual(h.raw("father_full_name"), "Trần Văn Hùng")
        XCTAssertEqual(h.raw("father_id_number"), Self.fatherID)
        // The id type was the default already: not counted as copied.
        XCTAssertEqual(h.session?.message?.vi, "Đã chép Họ, chữ đệm và tên, Số định danh cá nhân sang Người cha; hãy kiểm tra.")
        XCTAssertEqual(h.session?.message?.en, "Copied Full name, Personal id number to The father; please check them.")
        XCTAssertTrue(h.text.contains("Đã chép Họ, chữ đệm và tên"), h.text)
        // Again: nothing left to copy, and it says so.
        h.focusRow(.copyPerson(role: "father"))
        h.app.key(.enter)
        XCTAssertEqual(h.session?.message, S.nothingToCopy)
    }
}

import Foundation
import XCTest
@testable import KioskCore

/// The civil-status forms against the law in force (issue 14, section 1):
/// what they ask, what they no longer ask, and the basis they cite.
final class CivilStatusFormTests: XCTestCase {
    let catalog = FormCatalog.load(directory: formsDirectory)
    static let ownForms = ["dang-ky-khai-sinh", "dang-ky-ket-hon", "dang-ky-khai-tu", "xac-nhan-tinh-trang-hon-nhan", "chung-thuc-ban-sao"]

    /// The form with its sample answers loaded.
    func sample(_ id: String) throws -> FormState {
        let form = try XCTUnwrap(catalog.form(id: id))
        let data = try Data(contentsOf: URL(fileURLWithPath: formsDirectory + "/../Tests/Fixtures/answers/\(id).json"))
        let (answers, problems) = AnswerImport.read(Array(data), for: form)
        XCTAssertEqual(problems, [])
        var state = FormState(form: form, today: CalendarDate(year: 2026, month: 11, day: 23))
        state.load(answers: answers)
        return state
    }

    func document(_ state: FormState, _ code: String) throws -> DocumentComponent {
        try XCTUnwrap(state.form.procedure.documents.first { $0.code == code }, code)
    }

    func issues(_ state: FormState, _ id: String) -> [String] {
        state.path(named: id).map { state.issues($0).map(\.en) } ?? ["no field \(id)"]
    }

    // MARK: Basis

    func testEveryProcedurePageAndDocumentSaysItsBasis() throws {
        for id in Self.ownForms {
            let form = try XCTUnwrap(catalog.form(id: id))
            XCTAssertNotNil(form.procedure.basis, id)
            for page in form.pages { XCTAssertNotNil(page.basis, "\(id): page \(page.id)") }
            for d in form.procedure.documents { XCTAssertNotNil(d.basis, "\(id): document \(d.code)") }
            XCTAssertNotEqual(form.version, "2026.2", "\(id): a changed form has a new version")
        }
    }

    // MARK: Đăng ký khai sinh

    func testTheParentsMarriageCertificateIsLookedUpUnlessAParentIsForeign() throws {
        var state = try sample("dang-ky-khai-sinh")
        let marriage = try document(state, "GCNKH")
        XCTAssertTrue(state.isLookedUp(document: marriage))
        XCTAssertFalse(state.isRequired(document: marriage))
        XCTAssertEqual(state.allIssues().map(\.message.en), [], "nothing to bring for it")

        _ = state.set("mother_nationality", "CN")
        _ = state.set("has_foreign_element", "yes")
        _ = state.set("foreign_parent", "mother")
        XCTAssertFalse(state.isLookedUp(document: marriage), "a foreign parent's marriage is not in the national databases")
        XCTAssertTrue(state.isRequired(document: marriage))
        XCTAssertEqual(issues(state, "doc_gcnkh"), ["Please fill in this field."])
    }

    func testOnlySomeoneTheParentsAuthoriseNeedsALetter() throws {
        var state = try sample("dang-ky-khai-sinh")
        let letter = try document(state, "UQ")
        for who in ["father", "mother", "grandfather", "grandmother", "older_sister", "uncle_aunt", "relative", "caregiver", "self"] {
            _ = state.set("applicant_relationship", who)
            XCTAssertFalse(state.isRequired(document: letter), "\(who) registers without a letter (Luật Hộ tịch, Điều 15; Thông tư 04/2020, Điều 2)")
        }
        _ = state.set("applicant_relationship", "authorized")
        XCTAssertTrue(state.isRequired(document: letter))
        XCTAssertTrue(letter.note?.vi.contains("không phải chứng thực nếu người được ủy quyền là ông, bà, cha, mẹ, con, vợ, chồng, anh, chị, em ruột") == true,
                      letter.note?.vi ?? "")
    }

    func testNobodyRegistersABirthAsTheChildsChildOrSpouse() throws {
        let form = try XCTUnwrap(catalog.form(id: "dang-ky-khai-sinh"))
        let relationship = try XCTUnwrap(form.field("applicant_relationship"))
        let values = relationship.options.map(\.value)
        for impossible in ["child", "wife", "husband", "other"] { XCTAssertFalse(values.contains(impossible), impossible) }
        XCTAssertEqual(values.prefix(2), ["father", "mother"])
    }

    func testTheParentsBirthYearIsEnoughTheChildsDateIsWhole() throws {
        var state = try sample("dang-ky-khai-sinh")
        XCTAssertEqual(state.raw(state.path(named: "mother_birth_date")!), "1995")
        XCTAssertEqual(issues(state, "mother_birth_date"), [])
        XCTAssertEqual(issues(state, "mother_id_number"), [], "the id number agrees with the year alone")
        _ = state.set("father_birth_date", "12/03/1992")
        XCTAssertEqual(issues(state, "father_birth_date"), [])
        _ = state.set("father_birth_date", "2027")
        XCTAssertFalse(issues(state, "father_birth_date").isEmpty, "not after the child")
        _ = state.set("child_birth_date", "2026")
        XCTAssertFalse(issues(state, "child_birth_date").isEmpty, "the child's date of birth is whole")
    }

    func testTheChildsDateOfBirthIsAlsoWrittenInWords() throws {
        var state = try sample("dang-ky-khai-sinh")
        let words = try XCTUnwrap(state.path(named: "child_birth_date_words"))
        XCTAssertFalse(state.form.fields[words.field].isEditable, "computed, never typed")
        XCTAssertEqual(state.value(words), .text("Ngày hai mươi tám tháng mười năm hai nghìn không trăm hai mươi sáu"))
        _ = state.set("child_birth_date", "04/04/2026")
        XCTAssertEqual(state.value(words), .text("Ngày bốn tháng tư năm hai nghìn không trăm hai mươi sáu"))
    }

    func testTheResidenceIsAskedOnlyWithoutAnIdNumber() throws {
        var state = try sample("dang-ky-khai-sinh")
        let residence = try XCTUnwrap(state.path(named: "applicant_residence"))
        XCTAssertFalse(state.isVisible(residence))
        _ = state.set("applicant_id_number", "")
        XCTAssertTrue(state.isVisible(residence))
        XCTAssertTrue(state.isRequired(residence))
    }

    // MARK: Đăng ký kết hôn

    func testVietnameseCitizensBringNoMaritalStatusCertificate() throws {
        var state = try sample("dang-ky-ket-hon")
        let certificate = try document(state, "XNTTHN")
        let foreign = try document(state, "GTHN_NN")
        XCTAssertTrue(state.isLookedUp(document: certificate))
        XCTAssertFalse(state.isRequired(document: certificate))
        XCTAssertFalse(state.isRequired(document: foreign))
        XCTAssertNil(state.form.field("registered_elsewhere"), "where they live no longer calls for a certificate")
        XCTAssertEqual(state.allIssues().map(\.message.en), [])

        _ = state.set("party_abroad", "yes")
        XCTAssertTrue(state.isRequired(document: foreign), "a citizen living abroad proves it with a paper from there")
        _ = state.set("party_abroad", "no")
        _ = state.set("groom_nationality", "KR")
        XCTAssertTrue(state.isRequired(document: foreign), "so does a foreign national")
        XCTAssertTrue(state.isLookedUp(document: certificate), "the Vietnamese bride's status is still looked up")
    }

    // MARK: Đăng ký khai tử

    func testTheDeathNoticeIsDescribedByNumberDateAndIssuer() throws {
        var state = try sample("dang-ky-khai-tu")
        XCTAssertEqual(state.allIssues().map(\.message.en), [])
        for id in ["death_notice_number", "death_notice_date", "death_notice_issuer"] {
            XCTAssertTrue(state.isRequired(state.path(named: id)!), id)
        }
        _ = state.set("death_notice_date", "14/11/2026")
        XCTAssertEqual(issues(state, "death_notice_date"), ["The date of issue cannot be before the date of death."])
        _ = state.set("death_notice_type", "replacement")
        XCTAssertEqual(issues(state, "death_notice_name"), ["Please fill in this field."], "a replacing paper is named")
        _ = state.set("death_notice_type", "none")
        XCTAssertFalse(state.isVisible(state.path(named: "death_notice_number")!))
        XCTAssertFalse(state.isRequired(document: try document(state, "GBT")))
    }

    func testADeathIsNotRegisteredByTheDeceasedThemself() throws {
        let form = try XCTUnwrap(catalog.form(id: "dang-ky-khai-tu"))
        let values = try XCTUnwrap(form.field("applicant_relationship")).options.map(\.value)
        XCTAssertFalse(values.contains("self"))
        XCTAssertTrue(values.contains("wife") && values.contains("child") && values.contains("representative"))
    }

    // MARK: Chứng thực bản sao từ bản chính

    func testCopyCertificationAsksOnlyWhatTheDeskNeedsAndComputesTheFee() throws {
        var state = try sample("chung-thuc-ban-sao")
        let form = state.form
        XCTAssertNil(form.field("applicant_id_number"), "no declaration exists: no id number is asked")
        XCTAssertNil(form.field("doc_issuer"))
        XCTAssertNotNil(form.procedure.feeExpression, "the fee the answers make, on the review and the receipt")
        func fee() -> ExprValue { state.value(FieldPath(field: form.fieldIndexByID["dossier_total_fee"]!)) }
        // 1 page × 3 copies: 6,000; 12 pages × 1 copy: 2 × 2,000 + 10 × 1,000.
        XCTAssertEqual(fee(), .number(6_000 + 14_000))
        XCTAssertEqual(state.fee, 20_000)
        // 250 pages: at most 200,000 đồng a copy (Thông tư 226/2016/TT-BTC).
        _ = state.set("doc_pages", "250", item: 1)
        _ = state.set("doc_copies", "2", item: 1)
        XCTAssertEqual(fee(), .number(6_000 + 400_000))
        XCTAssertEqual(state.fee, 406_000)
    }
}

import Foundation
import XCTest
@testable import KioskCore

/// The shipped residence and judicial-record forms against their sources
/// (issue 14, section 1), from their sample answers.
final class ResidenceAndRecordFormTests: XCTestCase {
    private let catalog = FormCatalog.load(directory: formsDirectory)

    private func sample(_ id: String, province: String? = nil) throws -> FormState {
        let form = try XCTUnwrap(catalog.form(id: id))
        let data = try Data(contentsOf: URL(fileURLWithPath: packageRoot + "/Tests/Fixtures/answers/\(id).json"))
        let (answers, problems) = AnswerImport.read(Array(data), for: form)
        XCTAssertEqual(problems, [])
        var state = FormState(form: form, today: fixedToday, stationProvince: province)
        state.load(answers: answers)
        XCTAssertEqual(state.allIssues().map(\.message.en), [], id)
        return state
    }

    private func document(_ state: FormState, _ code: String) throws -> DocumentComponent {
        try XCTUnwrap(state.form.procedure.documents.first { $0.code == code })
    }

    func testTheFloorAreaMinimumIsTheStationProvincesRule() throws {
        var state = try sample("dang-ky-thuong-tru", province: "68")
        let minimum = try XCTUnwrap(state.path(named: "new_residence_min_area"))
        XCTAssertEqual(state.value(minimum), .number(24), "3 people at 8 m² each, Lâm Đồng's row")
        _ = state.set("new_residence_occupants", "5")
        XCTAssertEqual(state.value(minimum), .number(64))
        let area = try XCTUnwrap(state.path(named: "new_residence_floor_area"))
        XCTAssertEqual(state.issues(area).count, 1, "62.5 m² for 8 people")
    }

    func testJoiningRelativesNeedsNoProofOfTheHomeAndTheRelationshipIsLookedUp() throws {
        var state = try sample("dang-ky-thuong-tru")
        let home = try document(state, "CMCHO"), relationship = try document(state, "QHNT")
        XCTAssertTrue(state.isRequired(document: home), "rented")
        _ = state.set("new_residence_basis", "relatives")
        XCTAssertFalse(state.isRequired(document: home), "Luật Cư trú, Điều 21 khoản 2")
        XCTAssertTrue(state.isLookedUp(document: relationship))
        XCTAssertFalse(state.isRequired(document: relationship))
    }

    func testTheHeadOfHouseholdIsAskedUnlessTheApplicantIsTheHead() throws {
        var state = try sample("dang-ky-thuong-tru")
        let head = try XCTUnwrap(state.path(named: "host_full_name"))
        XCTAssertFalse(state.isVisible(head), "the applicant heads a new household")
        _ = state.set("applicant_is_head", "no")
        _ = state.set("new_residence_basis", "own")
        XCTAssertTrue(state.isVisible(head), "own home, someone else's household: CT01 items 7–9")
        XCTAssertNil(state.path(named: "applicant_residence"), "no present residence on CT01")
    }

    func testAListOfPeoplePaysPerPerson() throws {
        var state = try sample("dang-ky-tam-tru")
        let fee = try XCTUnwrap(state.path(named: "dossier_fee"))
        XCTAssertEqual(state.value(fee), .number(15000))
        _ = state.set("registration_kind", "list")
        XCTAssertEqual(state.value(fee), .number(30000), "3 people at 10,000 each")
        XCTAssertTrue(state.isRequired(document: try document(state, "VBDS")))
        XCTAssertNil(state.path(named: "stay_reason"), "no reason for the stay on CT01")
    }

    func testTheJudicialRecordFormFollowsThePoliceAndItsDeclaration() throws {
        var state = try sample("ly-lich-tu-phap")
        let form = state.form
        XCTAssertEqual(form.procedure.agency?.vi, "Công an cấp tỉnh (Công an tỉnh, thành phố trực thuộc trung ương)")
        XCTAssertTrue(form.procedure.feeNote?.vi.contains("Thông tư 16/2025/TT-BTC") ?? false)
        for id in ["father_birth_date", "mother_birth_date", "spouse_birth_date", "applicant_id_issue_date", "applicant_id_issue_place", "history_workplace"] {
            XCTAssertNotNil(form.field(id), id)
        }
        let card = try document(state, "GTTT")
        XCTAssertTrue(state.isLookedUp(document: card), "a Vietnamese citizen's identity is in the population database")
        _ = state.set("applicant_nationality", "KR")
        XCTAssertFalse(state.isLookedUp(document: card))
        XCTAssertTrue(state.isRequired(document: card), "a foreigner's passport copy")
        let fee = try XCTUnwrap(state.path(named: "dossier_fee"))
        XCTAssertEqual(state.value(fee), .number(205000), "3 certificates: 200,000 + 5,000")
    }

    func testEveryProcedureDocumentAndPageHasItsBasis() throws {
        for id in ["dang-ky-thuong-tru", "dang-ky-tam-tru", "ly-lich-tu-phap"] {
            let form = try XCTUnwrap(catalog.form(id: id))
            XCTAssertNotNil(form.procedure.basis, id)
            for d in form.procedure.documents { XCTAssertNotNil(d.basis, "\(id) \(d.code)") }
            for p in form.pages where p.id != "documents" { XCTAssertNotNil(p.basis, "\(id) \(p.id)") }
        }
    }
}

import XCTest
@testable import KioskCore

/// Procedures done in the same sitting from one set of answers (liên thông,
/// Nghị định 63/2024/NĐ-CP): `procedure.linked`.
final class LinkedProcedureTests: XCTestCase {
    static let linked = """
    "linked": [
      { "code": "1.004194", "title": "Đăng ký thường trú", "agency": "Công an cấp xã", "processing_days": 7,
        "included_if": "residence", "basis": "Luật Cư trú 2020, Điều 22" },
      { "code": "1.011442", "title": "Cấp thẻ BHYT", "processing_days": 2, "fee": { "amount": 5000 } }
    ],
    """

    static func json(_ linked: String = linked) -> String {
        formJSON(fields: "{ \"id\": \"residence\", \"type\": \"yesno\", \"label\": \"Đăng ký thường trú cho cháu\" }")
            .replacingOccurrences(of: "\"delivery\": [\"desk\"],", with: "\"delivery\": [\"desk\"], " + linked)
    }

    func testLinkedProceduresAreReadWithTheirOwnAgencyTimeAndFee() throws {
        let form = try XCTUnwrap(loadForm(Self.json()))
        XCTAssertEqual(form.procedure.linked.map(\.code), ["1.004194", "1.011442"])
        XCTAssertEqual(form.procedure.linked[0].agency?.vi, "Công an cấp xã")
        XCTAssertEqual(form.procedure.linked[0].processingDays, 7)
        XCTAssertEqual(form.procedure.linked[1].feeAmount, 5000)
        XCTAssertEqual(form.procedure.linked[0].basis?.vi, "Luật Cư trú 2020, Điều 22")
    }

    func testALinkedProcedureIsIncludedWhileItsConditionHolds() throws {
        let form = try XCTUnwrap(loadForm(Self.json()))
        var state = FormState(form: form, today: fixedToday)
        XCTAssertEqual(state.includedLinkedProcedures.map(\.code), ["1.011442"], "no condition: always")
        _ = state.set("residence", "yes")
        XCTAssertEqual(state.includedLinkedProcedures.map(\.code), ["1.004194", "1.011442"])
        _ = state.set("residence", "no")
        XCTAssertEqual(state.includedLinkedProcedures.map(\.code), ["1.011442"])
    }

    func testMistakesInLinkedProceduresAreErrors() {
        let twice = """
        "linked": [ { "code": "1.001193", "title": "Again", "processing_days": 1 },
                    { "code": "khai sinh", "title": "Bad", "processing_days": 1 },
                    { "code": "1.004194", "title": "No days", "included_if": "nowhere" } ],
        """
        let errors = loadErrors(Self.json(twice)).map(\.message.en)
        XCTAssertTrue(errors.contains("procedure “1.001193” is already in this dossier"), "\(errors)")
        XCTAssertTrue(errors.contains { $0.hasPrefix("procedure code “khai sinh” is malformed") }, "\(errors)")
        XCTAssertTrue(errors.contains("“processing_days” is missing"), "\(errors)")
        XCTAssertTrue(errors.contains { $0.contains("nowhere") }, "an unknown field in included_if: \(errors)")
    }
}

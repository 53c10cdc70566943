import XCTest
@testable import KioskCore

/// `basis` texts (the legal source of a procedure, page, field or document)
/// and documents the office looks up itself (`looked_up`).
final class LegalBasisTests: XCTestCase {
    private let documents = """
    [
      { "code": "TK", "name": "Tờ khai", "required": true, "basis": "Thông tư 04/2020/TT-BTP, Điều 1" },
      { "code": "GKH", "name": "Giấy chứng nhận kết hôn", "required": "foreign", "looked_up": "not foreign",
        "basis": { "vi": "Nghị định 07/2025/NĐ-CP, Điều 1", "en": "Decree 07/2025/ND-CP, Article 1" } },
      { "code": "XNCT", "name": "Giấy xác nhận cư trú", "looked_up": true }
    ]
    """

    private func form() -> FormDefinition? {
        let fields = textField("a", "\"basis\": \"Luật Hộ tịch 2014, Điều 16\"")
            + ", { \"id\": \"foreign\", \"type\": \"yesno\", \"label\": \"Cha hoặc mẹ là người nước ngoài\" }"
            // A component required on a condition needs a field to be given through.
            + ", { \"id\": \"marriage_doc\", \"type\": \"document\", \"label\": \"Giấy chứng nhận kết hôn\", \"component\": \"GKH\" }"
        return loadForm(formJSON(pages: "[{ \"id\": \"p1\", \"title\": \"Trang 1\", \"basis\": \"Luật Hộ tịch 2014, Điều 17\", \"fields\": [\(fields)] }]",
                                 documents: documents))
    }

    func testBasisTextsAreKeptAtEveryLevel() throws {
        let form = try XCTUnwrap(form())
        XCTAssertEqual(form.procedure.basis?.vi, "Test basis, Article 1")
        XCTAssertEqual(form.pages[0].basis?.vi, "Luật Hộ tịch 2014, Điều 17")
        XCTAssertEqual(form.field("a")?.basis?.vi, "Luật Hộ tịch 2014, Điều 16")
        XCTAssertEqual(form.procedure.documents[1].basis?.en, "Decree 07/2025/ND-CP, Article 1")
    }

    func testALookedUpDocumentIsNotRequiredWhileItIsLookedUp() throws {
        let form = try XCTUnwrap(form())
        var state = FormState(form: form, today: fixedToday)
        let marriage = form.procedure.documents[1], residence = form.procedure.documents[2]
        XCTAssertTrue(state.isLookedUp(document: residence))
        XCTAssertFalse(state.isRequired(document: residence))

        _ = state.set("foreign", "no")
        XCTAssertTrue(state.isLookedUp(document: marriage))
        XCTAssertFalse(state.isRequired(document: marriage), "the office looks it up: not to be asked for")

        _ = state.set("foreign", "yes")
        XCTAssertFalse(state.isLookedUp(document: marriage))
        XCTAssertTrue(state.isRequired(document: marriage), "a foreign parent's marriage is not in the national database")
    }

    func testALookedUpDocumentCannotAlsoBeAlwaysRequired() {
        let docs = "[{ \"code\": \"X\", \"name\": \"X\", \"required\": true, \"looked_up\": true }]"
        let errors = loadErrors(formJSON(pages: "[{ \"id\": \"p1\", \"title\": \"T\", \"fields\": [\(textField("a"))] }]", documents: docs))
        XCTAssertEqual(errors.count, 1)
        XCTAssertTrue(errors[0].message.en.contains("looked up by the office"), errors[0].description)
        XCTAssertTrue(errors[0].message.vi.contains("cơ quan tự tra cứu"), errors[0].message.vi)
    }

    func testLookedUpTakesTrueFalseOrAnExpression() {
        let docs = "[{ \"code\": \"X\", \"name\": \"X\", \"looked_up\": 3 }]"
        let errors = loadErrors(formJSON(pages: "[{ \"id\": \"p1\", \"title\": \"T\", \"fields\": [\(textField("a"))] }]", documents: docs))
        XCTAssertEqual(errors.map { $0.message.en }, ["“looked_up” must be true, false or an expression"])
    }

    func testAProcedureWithoutBasisIsWarnedAbout() {
        let json = formJSON(fields: textField("a")).replacingOccurrences(of: "\"basis\": \"Test basis, Article 1\",", with: "")
        let (form, diagnostics) = FormLoader.load(bytes: Array(json.utf8), file: "t.json", datasets: realDatasets)
        XCTAssertNotNil(form, "a missing basis is a warning, not an error")
        XCTAssertEqual(diagnostics.map(\.isError), [false])
        XCTAssertTrue(diagnostics[0].message.en.contains("no “basis”"))
    }
}

import Foundation
import XCTest
import KioskCore
import KioskStore
@testable import KioskSync

final class EnvelopeTests: XCTestCase {
    func testPortalTimeIsVietnamTimeZeroPadded() {
        XCTAssertEqual(Envelope.portalTime(0), "19700101070000")
        XCTAssertEqual(Envelope.portalTime(1_795_398_060), "20261123084100")
        XCTAssertEqual(Envelope.portalTime(1_767_200_399), "20251231235959")
    }
}

/// The fee list of the envelope (`DanhSachLePhi`) carries the fee the
/// answers make, not the procedure's flat amount.
final class EnvelopeFeeTests: XCTestCase {
    private var dir = ""

    override func setUpWithError() throws {
        dir = NSTemporaryDirectory() + "kiosk-fee-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: dir)
    }

    private func sentFee(_ form: FormDefinition, _ answers: [(name: String, raw: String)]) throws -> Int {
        let store = try testStore(databasePath: dir + "/kiosk-\(form.id).sqlite", attachmentsPath: dir + "/attachments", stationID: "LH-01", retentionDays: 30)
        var state = FormState(form: form, today: sampleToday)
        state.load(answers: answers)
        XCTAssertEqual(state.allIssues(), [])
        let dossier = try store.finalize(form: form, state: state, draftID: nil)
        let settings = SyncSettings(baseURL: URL(string: "http://127.0.0.1:1")!, token: "t", stationID: "LH-01", agencyCode: "000.00.13.H36", timeout: 1)
        let data = Envelope.make(dossier: dossier, form: form, answers: try store.dossierAnswers(id: dossier.id),
                                 documents: try store.dossierDocuments(id: dossier.id), settings: settings)
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let fees = try XCTUnwrap(object["DanhSachLePhi"] as? [[String: Any]])
        return try XCTUnwrap(fees.first?["MucPhi"] as? Int)
    }

    func testAFeeComputedByAnExpression() throws {
        let json = """
        { "format": 1, "id": "thu-le-phi", "version": "1",
          "procedure": { "code": "9.999997", "title": "Thử lệ phí", "domain": { "code": "HT", "name": "Hộ tịch" }, "level": "partial",
            "fee": { "amount": "8000 * copies", "note": "8.000 đồng/bản" }, "processing_days": 0, "delivery": ["desk"] },
          "pages": [{ "id": "p1", "title": "Trang 1", "fields": [
            { "id": "copies", "type": "integer", "label": "Số bản", "required": true } ] }] }
        """
        let form = try XCTUnwrap(FormLoader.load(bytes: Array(json.utf8), file: "t.json", datasets: catalog.datasets).0)
        XCTAssertEqual(try sentFee(form, [("copies", "3")]), 24000)
    }

    func testAFeeComputedByAField() throws {
        let form = try XCTUnwrap(catalog.form(id: "chung-thuc-ban-sao"))
        let data = try Data(contentsOf: URL(fileURLWithPath: packageRoot + "/Tests/Fixtures/answers/chung-thuc-ban-sao.json"))
        let answers = AnswerImport.read(Array(data), for: form).answers
        var state = FormState(form: form, today: sampleToday)
        state.load(answers: answers)
        let expected = try XCTUnwrap(state.fee)
        XCTAssertNotEqual(expected, form.procedure.feeAmount, "the sample's fee is not the flat amount")
        XCTAssertEqual(try sentFee(form, answers), expected)
    }
}

/// A group inside a group is sent as nested lists by semantic key, and by
/// name with its two indices.
final class EnvelopeNestedTests: XCTestCase {
    private var dir = ""

    override func setUpWithError() throws {
        dir = NSTemporaryDirectory() + "kiosk-nested-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: dir)
    }

    func testInnerAnswersAreListsInsideTheOuterItemsList() throws {
        let form = try XCTUnwrap(FormLoader.load(bytes: Array(try Data(contentsOf: URL(fileURLWithPath: nestedFormPath))), file: "n.json",
                                                 datasets: catalog.datasets).0)
        var state = FormState(form: form, today: sampleToday)
        state.load(answers: AnswerImport.read(Array(try Data(contentsOf: URL(fileURLWithPath: nestedAnswersPath))), for: form).answers)
        // A third location whose only line has no code yet: its list keeps its place.
        let locations = form.fieldIndexByID["locations"]!
        _ = state.addItem(locations)
        state.set("location_name", "Kho", item: 2)
        _ = state.addItem(form.fieldIndexByID["lines"]!, in: 2)
        state.set("line_code", "4711", item: 2, subItem: 1)
        state.set("line_is_main", "yes", item: 2, subItem: 1)
        XCTAssertEqual(state.allIssues().map(\.message.en), ["Please fill in this field."], "the first line of Kho has no code")
        state.set("line_code", "4722", item: 2, subItem: 0)
        let store = try testStore(databasePath: dir + "/kiosk.sqlite", attachmentsPath: dir + "/attachments", stationID: "LH-01", retentionDays: 30)
        let dossier = try store.finalize(form: form, state: state, draftID: nil)
        let settings = SyncSettings(baseURL: URL(string: "http://127.0.0.1:1")!, token: "t", stationID: "LH-01", agencyCode: "000.00.13.H36", timeout: 1)
        let data = Envelope.make(dossier: dossier, form: form, answers: try store.dossierAnswers(id: dossier.id),
                                 documents: try store.dossierDocuments(id: dossier.id), settings: settings)
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let answers = try XCTUnwrap(object["Answers"] as? [String: Any])
        XCTAssertEqual(answers["business.lines"] as? [[String]], [["5610", "4722"], ["4711"], ["4722", "4711"]])
        XCTAssertEqual(answers["business.name"] as? [String], ["Chợ Lâm Hà", "Thôn 5", "Kho"])
        let fields = try XCTUnwrap(object["Fields"] as? [String: String])
        XCTAssertEqual(fields["line_code[3][2]"], "4711")
        XCTAssertEqual(fields["line_workers[1][1]"], "2")
        XCTAssertEqual(fields["total_lines"], "5")

        // An outer item with no such inner answer is an empty list, an inner item without it "".
        let sparse = Envelope.make(dossier: dossier, form: form,
                                   answers: [("line_code[1][2]", "business.lines", "5610"), ("line_code[3][1]", "business.lines", "4711")],
                                   documents: [], settings: settings)
        let sparseAnswers = try XCTUnwrap((try JSONSerialization.jsonObject(with: sparse) as? [String: Any])?["Answers"] as? [String: Any])
        XCTAssertEqual(sparseAnswers["business.lines"] as? [[String]], [["", "5610"], [], ["4711"]])

        // The lookup of a dossier reads nested lists as something it does not use, not as an error.
        let lookup = try JSONDecoder().decode(DossierLookupAnswer.self, from: Data(#"{"MaHoSo": "x", "Answers": {"business.lines": [["5610"], []], "business.name": ["A"]}}"#.utf8))
        XCTAssertEqual(lookup.Answers?["business.lines"], .other)
        XCTAssertEqual(lookup.Answers?["business.name"], .list(["A"]))
    }
}

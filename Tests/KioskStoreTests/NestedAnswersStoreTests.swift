import Foundation
import XCTest
import KioskCore
@testable import KioskStore
import KioskTestSupport

/// A draft and a dossier of a form with a repeat group inside a repeat
/// group keep the inner answers (`line_code[2][3]`) through real SQLite
/// files, a reopened store, and the removal of items.
final class NestedAnswersStoreTests: StoreTestCase {
    private func fixture() throws -> (FormDefinition, [UInt8]) {
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: nestedFormPath)))
        let form = try XCTUnwrap(FormLoader.load(bytes: bytes, file: "ke-khai-dia-diem.json", datasets: realCatalog.datasets).0)
        return (form, bytes)
    }

    private let today = CalendarDate(year: 2026, month: 11, day: 22)

    func testADraftWithInnerAnswersRoundTripsAndLosesRemovedItems() throws {
        let (form, source) = try fixture()
        let locations = form.fieldIndexByID["locations"]!, lines = form.fieldIndexByID["lines"]!
        var state = FormState(form: form, today: today)
        state.set("owner_name", secretName)
        _ = state.addItem(locations)
        _ = state.addItem(lines, in: 1)
        _ = state.addItem(lines, in: 1)
        state.set("location_name", "Chợ", item: 0)
        state.set("location_name", "Thôn 5", item: 1)
        state.set("line_code", "5610", item: 0, subItem: 0)
        for (j, code) in ["4711", "4722", "4723"].enumerated() { state.set("line_code", code, item: 1, subItem: j) }
        state.set("line_workers", "3", item: 1, subItem: 2)

        let id: Int64
        do {
            let store = try openStore()
            let draft = try store.createDraft(formID: form.id, formVersion: form.version, formSource: source, verification: .pin("9275"))
            id = draft.id
            try store.saveAnswers(draftID: id, state.typedAnswers.map { (path: $0.name, raw: $0.raw) })
            XCTAssertEqual(try store.answers(draftID: id).map(\.name).sorted(), [
                "line_code[1][1]", "line_code[2][1]", "line_code[2][2]", "line_code[2][3]", "line_workers[2][3]",
                "location_name[1]", "location_name[2]", "owner_name",
            ])
            // The screen removes the second line of the second location, then
            // saves the group's answers again as they now stand.
            _ = state.removeItem(lines, at: 1, in: 1)
            let ids = form.descendants(of: lines).map { form.fields[$0].id }
            try store.replaceItemAnswers(draftID: id, fieldIDs: ids,
                                         answers: state.typedAnswers.filter { a in ids.contains { a.name.hasPrefix($0 + "[") } }.map { ($0.name, $0.raw) })
        }
        // Reopened from the file, with the form version the draft was made with.
        let store = try openStore()
        let draft = try XCTUnwrap(try store.draft(id: id))
        var resumed = FormState(form: try store.formDefinition(of: draft, datasets: realCatalog.datasets), today: today)
        XCTAssertEqual(resumed.load(answers: try store.answers(draftID: id)), [])
        XCTAssertEqual(resumed.itemCount(locations), 2)
        XCTAssertEqual(resumed.itemCount(lines, in: 0), 1)
        XCTAssertEqual(resumed.itemCount(lines, in: 1), 2)
        XCTAssertEqual(resumed.typedAnswers.map { "\($0.name)=\($0.raw)" }, state.typedAnswers.map { "\($0.name)=\($0.raw)" })
        XCTAssertEqual(resumed.typedAnswers.filter { $0.name.hasPrefix("line_") }.map { "\($0.name)=\($0.raw)" },
                       ["line_code[1][1]=5610", "line_code[2][1]=4711", "line_code[2][2]=4723", "line_workers[2][2]=3"])
        XCTAssertEqual(resumed.value(FieldPath(field: form.fieldIndexByID["location_workers"]!, item: 1)), .number(3),
                       "computed values are computed again on opening")

        // Removing an outer item: the screen saves its group's answers, inner ones included.
        _ = resumed.removeItem(locations, at: 0)
        let ids = form.descendants(of: locations).map { form.fields[$0].id }
        try store.replaceItemAnswers(draftID: id, fieldIDs: ids,
                                     answers: resumed.typedAnswers.filter { a in ids.contains { a.name.hasPrefix($0 + "[") } }.map { ($0.name, $0.raw) })
        XCTAssertEqual(try store.answers(draftID: id).map(\.name).sorted(), [
            "line_code[1][1]", "line_code[1][2]", "line_workers[1][2]", "location_name[1]", "owner_name",
        ])
    }

    func testADossierKeepsInnerAnswersWithTheirKeys() throws {
        let (form, source) = try fixture()
        var state = FormState(form: form, today: today)
        state.load(answers: AnswerImport.read(Array(try Data(contentsOf: URL(fileURLWithPath: nestedAnswersPath))), for: form).answers)
        XCTAssertEqual(state.allIssues(), [])
        let store = try openStore()
        let dossier = try store.finalize(form: form, formSource: source, state: state, draftID: nil)
        let answers = try store.dossierAnswers(id: dossier.id)
        let lines = answers.filter { $0.path.hasPrefix("line_code") }
        XCTAssertEqual(lines.map { "\($0.path)=\($0.value) \($0.key ?? "-")" },
                       ["line_code[1][1]=5610 business.lines", "line_code[1][2]=4722 business.lines", "line_code[2][1]=4711 business.lines"])
        XCTAssertTrue(answers.contains { $0.path == "total_lines" && $0.value == "3" }, "computed answers are sent")
        // Inner answers are not offered to fill a later dossier (only one level is).
        let prior = try XCTUnwrap(try store.priorDossier(receiptNumber: dossier.receiptNumber))
        XCTAssertNil(prior.answers["business.lines"])
        XCTAssertEqual(prior.answers["business.name"], ["Chợ Lâm Hà", "Thôn 5"])
    }
}

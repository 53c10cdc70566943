import XCTest
import KioskCore
import KioskRuntime
import KioskStore
@testable import KioskUI

/// A draft started before its form changed still opens, and the person is
/// offered the new version, with what cannot move listed.
final class FormVersionTests: XCTestCase {
    func testResumingADraftOfAnOlderFormVersionOffersTheNewOne() throws {
        let old = try XCTUnwrap(catalog.form(id: "dang-ky-khai-sinh"))
        // The new version drops the phone field.
        var json = try XCTUnwrap(String(bytes: old.source, encoding: .utf8))
        json = json.replacingOccurrences(of: "\"version\": \"\(old.version)\"", with: "\"version\": \"9999.1\"")
        let phone = try XCTUnwrap(json.range(of: #"\{\s*"id": "applicant_phone"[^{}]*(\{[^{}]*\}[^{}]*)*\},?"#, options: .regularExpression))
        json.removeSubrange(phone)
        json = json.replacingOccurrences(of: #",\s*\]"#, with: "]", options: .regularExpression)
        let (newForm, diagnostics) = FormLoader.load(bytes: Array(json.utf8), file: "new.json", datasets: catalog.datasets)
        let current = try XCTUnwrap(newForm, "\(diagnostics)")
        XCTAssertNil(current.field("applicant_phone"))

        let h = try UIHarness()
        let draft = try h.store.createDraft(form: old, verification: .pin("2468"))
        try h.store.saveAnswers(draftID: draft.id, [("applicant_full_name", "Trần Văn Hùng"), ("applicant_phone", "0912345678")])
        // The kiosk now knows only the new version.
        h.app.state.context.forms = h.app.state.context.forms.map { $0.id == current.id ? current : $0 }
        let runner = EffectRunner(store: h.store, context: h.app.state.context, printerCommand: "", receiptsDirectory: h.dir)
        h.app = HeadlessApp(state: h.app.state, runner: runner)

        h.app.type("2")
        h.app.type(draft.resumeCode)
        h.app.key(.tab)
        h.app.type("2468")
        h.app.key(.enter)
        XCTAssertEqual(h.session?.form.version, old.version, "it opens as it was made")
        XCTAssertTrue(h.text.contains("Biểu mẫu đã được cập nhật"), h.text)
        XCTAssertTrue(h.text.contains("Không chuyển được: Số điện thoại"), h.text)
        h.app.key(.enter)
        XCTAssertEqual(h.session?.form.version, "9999.1")
        XCTAssertEqual(h.raw("applicant_full_name"), "Trần Văn Hùng")
        let stored = try h.store.answers(draftID: draft.id).map(\.name)
        XCTAssertFalse(stored.contains("applicant_phone"))
        XCTAssertEqual(try h.store.draft(id: draft.id)?.formVersion, "9999.1")
    }
}

/// A birth registration draft made with the form as shipped before issue 14
/// (version 2026.2, kept in Tests/Fixtures/forms) opens, moves to the form
/// in force, and lists what could not move: a relationship that can no
/// longer register a birth.
final class BirthFormMigrationTests: XCTestCase {
    func testAnOldBirthDraftMovesToTheFormInForce() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: packageRoot + "/Tests/Fixtures/forms/dang-ky-khai-sinh-2026.2.json"))
        let (loaded, diagnostics) = FormLoader.load(bytes: Array(data), file: "dang-ky-khai-sinh-2026.2.json", datasets: catalog.datasets)
        let old = try XCTUnwrap(loaded, "\(diagnostics)")
        let current = try XCTUnwrap(catalog.form(id: "dang-ky-khai-sinh"))
        XCTAssertEqual(old.version, "2026.2")
        XCTAssertNotEqual(current.version, old.version)

        let h = try UIHarness(width: 100, height: 30)
        let draft = try h.store.createDraft(form: old, verification: .pin("2468"))
        try h.store.saveAnswers(draftID: draft.id, [("applicant_full_name", "Trần Thị Lan"), ("applicant_relationship", "other"),
                                                     ("applicant_residence", "68|24781|Số 12 đường Trần Phú"),
                                                     ("mother_birth_date", "05/07/1995"), ("parents_marriage_number", "12/2024")])
        h.app.type("2")
        h.app.type(draft.resumeCode)
        h.app.key(.tab)
        h.app.type("2468")
        h.app.key(.enter)
        XCTAssertEqual(h.session?.form.version, "2026.2", "it opens as it was made")
        XCTAssertTrue(h.text.contains("Biểu mẫu đã được cập nhật"), h.text)
        XCTAssertTrue(h.text.contains("Không chuyển được: Quan hệ với người được khai sinh"), h.text)
        h.app.key(.enter)
        XCTAssertEqual(h.session?.form.version, current.version)
        XCTAssertEqual(h.raw("applicant_full_name"), "Trần Thị Lan")
        XCTAssertEqual(h.raw("applicant_relationship"), "", "to choose again among those who may register")
        XCTAssertEqual(h.raw("applicant_residence"), "68|24781|Số 12 đường Trần Phú", "no id number given: the residence is still asked")
        XCTAssertEqual(h.raw("mother_birth_date"), "05/07/1995")
        XCTAssertEqual(h.raw("parents_marriage_number"), "12/2024")
        XCTAssertEqual(try h.store.draft(id: draft.id)?.formVersion, current.version)
    }
}

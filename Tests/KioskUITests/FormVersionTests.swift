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
        json = json.replacingOccurrences(of: "\"version\": \"2026.2\"", with: "\"version\": \"2026.3\"")
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
        XCTAssertEqual(h.session?.form.version, "2026.2", "it opens as it was made")
        XCTAssertTrue(h.text.contains("Biểu mẫu đã được cập nhật"), h.text)
        XCTAssertTrue(h.text.contains("Không chuyển được: Số điện thoại"), h.text)
        h.app.key(.enter)
        XCTAssertEqual(h.session?.form.version, "2026.3")
        XCTAssertEqual(h.raw("applicant_full_name"), "Trần Văn Hùng")
        let stored = try h.store.answers(draftID: draft.id).map(\.name)
        XCTAssertFalse(stored.contains("applicant_phone"))
        XCTAssertEqual(try h.store.draft(id: draft.id)?.formVersion, "2026.3")
    }
}

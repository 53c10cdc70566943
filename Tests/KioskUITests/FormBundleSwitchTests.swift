import Foundation
import XCTest
import KioskCore
import KioskRuntime
import KioskStore
@testable import KioskUI

/// The kiosk takes a newly installed form bundle only at a safe moment
/// (the welcome screen), never in a citizen's form; a draft started on the
/// old version then opens and moves to the new one, listing what could not.
final class FormBundleSwitchTests: XCTestCase {
    func testANewBundleIsTakenAtTheWelcomeScreenAndAnOldDraftMoves() throws {
        let h = try UIHarness()
        // A station whose forms folder is the shipped one, and an updates folder.
        let updates = h.dir + "/forms"
        var config = KioskConfig(baseDirectory: h.dir)
        config.formsDirectory = packageRoot + "/Forms"
        config.formsUpdates = updates
        let switcher = FormsSwitch(config: config, loadedPath: config.formsPath)

        // A draft started on the birth registration as shipped.
        let old = try XCTUnwrap(catalog.form(id: "dang-ky-khai-sinh"))
        let draft = try h.store.createDraft(form: old, verification: .pin("2468"))
        try h.store.saveAnswers(draftID: draft.id, [("applicant_full_name", "Trần Văn Hùng"), ("applicant_phone", "0912345678")])

        // kiosk-sync installs a bundle whose birth form no longer asks the phone
        // (as BundleInstaller leaves it: <version>/ and the current link).
        let version = updates + "/2026.12.1"
        try FileManager.default.createDirectory(atPath: updates, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: packageRoot + "/Forms", toPath: version)
        var json = try String(contentsOfFile: version + "/dang-ky-khai-sinh.json", encoding: .utf8)
        json = json.replacingOccurrences(of: "\"version\": \"\(old.version)\"", with: "\"version\": \"9999.1\"")
        let phone = try XCTUnwrap(json.range(of: #"\{\s*"id": "applicant_phone"[^{}]*(\{[^{}]*\}[^{}]*)*\},?"#, options: .regularExpression))
        json.removeSubrange(phone)
        json = json.replacingOccurrences(of: #",\s*\]"#, with: "]", options: .regularExpression)
        try json.write(toFile: version + "/dang-ky-khai-sinh.json", atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: updates + "/current", withDestinationPath: "2026.12.1")

        // In a citizen's form: not now.
        h.startForm("khai sinh")
        XCTAssertNotNil(h.session)
        XCTAssertNil(switcher.newContext(for: h.app.state))
        XCTAssertEqual(switcher.loadedPath, packageRoot + "/Forms")
        // Back at the welcome screen: the new forms.
        h.app.key(.escape)
        h.app.key(.left) // "Tạm dừng"
        h.app.key(.enter)
        guard case .welcome = h.app.state.page else { return XCTFail("not back at the welcome screen: \(h.text)") }
        let fresh = try XCTUnwrap(switcher.newContext(for: h.app.state))
        XCTAssertEqual(fresh.forms.first { $0.id == "dang-ky-khai-sinh" }?.version, "9999.1")
        XCTAssertNil(switcher.newContext(for: h.app.state), "taken once")
        h.app.send(.formsLoaded(fresh))
        h.app = HeadlessApp(state: h.app.state, runner: EffectRunner(store: h.store, context: fresh, printerCommand: "", receiptsDirectory: h.dir))

        // The old draft opens as it was made, then moves, naming what could not.
        h.app.type("2")
        h.app.type(draft.resumeCode)
        h.app.key(.tab)
        h.app.type("2468")
        h.app.key(.enter)
        XCTAssertTrue(h.text.contains("Biểu mẫu đã được cập nhật"), h.text)
        XCTAssertTrue(h.text.contains("Không chuyển được: Số điện thoại"), h.text)
        h.app.key(.enter)
        XCTAssertEqual(h.session?.form.version, "9999.1")
        XCTAssertEqual(try h.store.draft(id: draft.id)?.formVersion, "9999.1")
    }
}

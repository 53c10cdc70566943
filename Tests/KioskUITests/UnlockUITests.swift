import Foundation
import XCTest
import KioskCore
import KioskRuntime
import KioskStore
@testable import KioskUI

/// Issue 15: until the station passphrase opens the data key, the kiosk
/// shows the operator's screen, not the citizen's welcome. Driven with keys,
/// read from the screen, against a real store (Argon2id at the test-only
/// cost, named here).
final class UnlockUITests: XCTestCase {
    var dir = ""

    override func setUpWithError() throws {
        dir = NSTemporaryDirectory() + "kiosk-unlock-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: dir) }

    /// The kiosk as the terminal runtime starts it: the store opened
    /// locked, the unlock screen on show. `clock`: the store's (the delays).
    func start(language: Language = .vi, clock: @escaping () -> Date = { Date(timeIntervalSince1970: mondayMorning) }) throws -> (KioskStore, HeadlessApp) {
        let store = try KioskStore(databasePath: dir + "/kiosk.sqlite", attachmentsPath: dir + "/attachments", stationID: "LH-01",
                                   retentionDays: 30, now: clock)
        let context = AppContext(stationName: "Bưu điện huyện Lâm Hà", forms: catalog.forms.sorted { $0.procedure.code < $1.procedure.code },
                                 datasets: catalog.datasets, defaultLanguage: language)
        let runner = EffectRunner(store: store, context: context, printerCommand: "", receiptsDirectory: dir + "/receipts")
        runner.unlockCost = .testOnly
        var state = AppState(context: context, now: mondayMorning)
        state.page = .unlock(UnlockState(creating: !store.isVaultSetUp))
        return (store, HeadlessApp(state: state, runner: runner))
    }

    func testTheFirstStartSetsThePassphraseTypedTwiceThenTheWelcomeShows() throws {
        let (store, app) = try start()
        var h = app
        XCTAssertTrue(h.text.contains("Đặt mật khẩu của trạm"), h.text)
        XCTAssertTrue(h.text.contains("không dành cho người dân"), h.text)
        XCTAssertTrue(h.text.contains("không đọc lại được nữa"), "losing it is said plainly: \(h.text)")
        XCTAssertFalse(h.text.contains("Xin chào!"), "no citizen's screen while locked")
        // Too short.
        h.type("ngắn")
        h.key(.enter)
        h.type("ngắn")
        h.key(.enter)
        XCTAssertTrue(h.text.contains("! Mật khẩu cần ít nhất 8 ký tự."), h.text)
        // Typed differently the second time: both again.
        h.type("bưu điện Lâm Hà")
        h.key(.enter)
        h.type("bưu điện Lâm Hả")
        h.key(.enter)
        XCTAssertTrue(h.text.contains("Hai lần nhập mật khẩu không giống nhau"), h.text)
        XCTAssertTrue(store.isLocked)
        // Nothing typed is shown, only its place.
        h.type("bưu điện Lâm Hà")
        XCTAssertFalse(h.text.contains("bưu điện"), h.text)
        XCTAssertTrue(h.text.contains("●●●"), h.text)
        h.key(.tab)
        h.type("bưu điện Lâm Hà")
        h.key(.enter)
        XCTAssertTrue(h.text.contains("Xin chào!"), h.text)
        XCTAssertFalse(store.isLocked)
        XCTAssertTrue(store.hasPassphrase)
        // The citizen's screens work on the unlocked store.
        let draft = try store.createDraft(form: try XCTUnwrap(catalog.form(id: "dang-ky-khai-sinh")), verification: .pin("1234"))
        try store.saveAnswer(draftID: draft.id, path: "applicant_full_name", raw: "Nguyễn Văn A")
        XCTAssertEqual(try store.answers(draftID: draft.id).first?.raw, "Nguyễn Văn A")
    }

    func testALaterStartAsksOnceAWrongPassphraseSaysSoAndWaitsAndTheIdleTimeKeepsTheScreen() throws {
        var clock = Date(timeIntervalSince1970: mondayMorning)
        do {
            let (first, _) = try start()
            try first.unlock(.newPassphrase("bưu điện Lâm Hà", cost: .testOnly))
        }
        let (store, app) = try start(clock: { clock })
        var h = app
        XCTAssertTrue(h.text.contains("Mở khoá trạm"), h.text)
        XCTAssertFalse(h.text.contains("Nhập lại mật khẩu"), "asked once: \(h.text)")
        h.type("không phải")
        h.key(.enter)
        XCTAssertTrue(h.text.contains("! Mật khẩu không đúng. Không có dữ liệu nào bị xoá. Thử lại sau 1 giây."), h.text)
        // Straight away: the wait is said, and the passphrase is not even tried.
        h.type("bưu điện Lâm Hà")
        h.key(.enter)
        XCTAssertTrue(h.text.contains("hãy chờ 1 giây"), h.text)
        XCTAssertTrue(store.isLocked)
        // Minutes without a key: the operator's screen stays (no idle reset to the welcome).
        h.send(.tick(unixTime: mondayMorning + 600))
        XCTAssertTrue(h.text.contains("Mở khoá trạm"), h.text)
        clock += 2
        h.type("bưu điện Lâm Hà")
        h.key(.enter)
        XCTAssertTrue(h.text.contains("Xin chào!"), h.text)
        XCTAssertFalse(store.isLocked)
    }

    func testTheUnlockScreenIsEnglishThroughout() throws {
        let (_, app) = try start(language: .en)
        var h = app
        XCTAssertTrue(h.text.contains("Set the station passphrase"), h.text)
        XCTAssertTrue(h.text.contains("For the station's operator, not for citizens."), h.text)
        h.type("short")
        h.key(.enter)
        h.type("short")
        h.key(.enter)
        XCTAssertTrue(h.text.contains("! The passphrase needs at least 8 characters."), h.text)
        for word in ["Mật khẩu", "trạm", "Nhập"] { XCTAssertFalse(h.text.contains(word), "\(word): \(h.text)") }
    }
}

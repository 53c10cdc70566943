import Foundation
import XCTest
import KioskCore
import KioskRuntime
import KioskStore
@testable import KioskUI

/// Issue 13, section 6: never strand a draft. The four digits are typed
/// twice; leaving a draft (a pause, an idle close) leaves a slip with the
/// resume code and nothing personal.
final class DraftSafetyTests: XCTestCase {
    private func mode(_ path: String) -> Int {
        var info = stat()
        return stat(path, &info) == 0 ? Int(info.st_mode) & 0o7777 : -1
    }

    private func toPIN(_ h: UIHarness, _ search: String) {
        h.app.type("1")
        h.app.type(search)
        h.app.key(.enter)
    }

    func testTheFourDigitsAreTypedTwiceAndAMismatchStartsOver() throws {
        let h = try UIHarness()
        toPIN(h, "khai sinh")
        h.app.type("1357")
        h.app.key(.enter)
        XCTAssertNil(h.session, "not yet: the digits again first")
        XCTAssertTrue(h.text.contains("Nhập lại 4 chữ số:"), h.text)
        XCTAssertFalse(h.text.contains("1357"), "masked: \(h.text)")
        h.app.type("1375")
        h.app.key(.enter)
        XCTAssertNil(h.session)
        XCTAssertTrue(h.text.contains("Hai lần nhập không giống nhau. Hãy chọn lại 4 chữ số."), h.text)
        XCTAssertFalse(h.text.contains("Nhập lại 4 chữ số:"), "both again, from the first: \(h.text)")
        h.app.type("1357")
        h.app.key(.enter)
        h.app.type("1357")
        h.app.key(.enter)
        let f = try XCTUnwrap(h.session, h.text)
        // The draft opens with those digits, and with no other.
        XCTAssertThrowsError(try h.store.resumeDraft(code: f.draft.resumeCode, verification: "1375"))
        XCTAssertNoThrow(try h.store.resumeDraft(code: f.draft.resumeCode, verification: "1357"))
    }

    func testInEnglishAndEscGoesBackToTheFirstDigits() throws {
        let h = try UIHarness(language: .en)
        toPIN(h, "birth")
        h.app.type("24")
        h.app.key(.enter)
        XCTAssertTrue(h.text.contains("Exactly 4 digits are needed."), h.text)
        h.app.type("68")
        h.app.key(.enter)
        XCTAssertTrue(h.text.contains("The 4 digits again:"), h.text)
        XCTAssertTrue(h.text.contains("Type the same 4 digits again, to be sure of them."), h.text)
        h.app.key(.escape)
        XCTAssertFalse(h.text.contains("The 4 digits again:"), h.text)
        XCTAssertTrue(h.text.contains("Choose 4 secret digits"), "still choosing, not back at the list: \(h.text)")
        h.app.type("2468")
        h.app.key(.enter)
        h.app.type("2469")
        h.app.key(.enter)
        XCTAssertTrue(h.text.contains("The two entries differ. Please choose the 4 digits again."), h.text)
        XCTAssertFalse(h.text.contains("Nhập"), "English throughout: \(h.text)")
    }

    func testPausingLeavesASlipWithTheCodeAndNothingPersonal() throws {
        let h = try UIHarness()
        h.startForm("khai sinh")
        h.app.type("Nguyeenx Thij Mai")
        let typed = h.raw("applicant_full_name")
        XCTAssertEqual(typed, "Nguyễn Thị Mai")
        h.app.key(.escape)
        XCTAssertTrue(h.text.contains("K7M4QX"), h.text)
        XCTAssertTrue(h.text.contains("Phiếu ghi") && h.text.contains("mã này sẽ được in ra."), h.text)
        h.app.key(.left) // "Tạm dừng"
        h.app.key(.enter)
        XCTAssertTrue(h.text.contains("Xin chào!"), h.text)
        let path = h.dir + "/receipts/slip-K7M4QX.txt"
        let slip = try ReceiptFiles.read(path, store: h.store)
        XCTAssertTrue(slip.contains("PHIẾU TIẾP TỤC HỒ SƠ"), slip)
        XCTAssertTrue(slip.contains("Mã tiếp tục: K7M4QX"), slip)
        XCTAssertTrue(slip.contains("Đăng ký khai sinh (1.001193)"), slip)
        XCTAssertTrue(slip.contains("08:41 23/11/2026"), slip)
        XCTAssertTrue(slip.contains("mục 2"), slip)
        for secret in ["Nguyễn", "Mai", "1234", typed].filter({ !$0.isEmpty }) {
            XCTAssertFalse(slip.contains(secret), "the slip shows “\(secret)”: \(slip)")
        }
        XCTAssertEqual(String(mode(path), radix: 8), "600")
    }

    func testTheIdleWarningShowsTheCodeAndTheClearLeavesASlip() throws {
        let h = try UIHarness(language: .en)
        let printed = h.dir + "/printed.txt"
        let runner = EffectRunner(store: h.store, context: h.app.state.context, printerCommand: "cat > '\(printed)'", receiptsDirectory: h.dir + "/receipts")
        h.app = HeadlessApp(state: h.app.state, runner: runner)
        h.startForm("birth")
        h.app.type("Nguyeenx")
        h.app.send(.tick(unixTime: mondayMorning + 100))
        XCTAssertTrue(h.text.contains("Your resume code: K7M4QX. A slip with this code will be printed."), h.text)
        XCTAssertFalse(FileManager.default.fileExists(atPath: printed), "not before the clear")
        h.app.send(.tick(unixTime: mondayMorning + 121))
        XCTAssertTrue(h.text.contains("Xin chào!") || h.text.contains("Hello!"), h.text)
        XCTAssertFalse(h.text.contains("K7M4QX"), "nothing of the citizen on the screen: \(h.text)")
        let slip = try String(contentsOfFile: printed, encoding: .utf8)
        XCTAssertTrue(slip.contains("Resume code: K7M4QX"), slip)
        XCTAssertTrue(slip.contains("Birth registration"), "in the citizen's language: \(slip)")
        for line in slip.split(separator: "\n") { XCTAssertLessThanOrEqual(VietnameseText.displayWidth(String(line)), 42, String(line)) }
        XCTAssertFalse(slip.contains("Nguy"), slip)
    }
}

import Foundation
import XCTest
import KioskCore
import KioskTestSupport

/// The documents step in a real terminal (tmux, 80x24): the row's buttons,
/// the letters that open the scan screen and the picker through curses,
/// and the way back with Esc, the form kept. (The scanner and the files
/// are the station's: whatever it answers, the screens say it.)
final class DocumentDeskEndToEndTests: XCTestCase {
    private var kiosk: TmuxKiosk!
    private var dir = ""

    override func setUpWithError() throws {
        dir = NSTemporaryDirectory() + "kiosk-e2e-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        kiosk = try TmuxKiosk(dir: dir)
        try writeOfflineStationConfig(dir: dir)
    }

    override func tearDownWithError() throws {
        _ = try? kiosk?.tmux(["kill-server"])
        try? FileManager.default.removeItem(atPath: dir)
    }

    /// Polls (at most 15 s) until the screen shows one of `texts`; returns it.
    private func waitForAny(_ texts: [String], file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let deadline = Date().addingTimeInterval(15)
        while Date() < deadline {
            let screen = kiosk.screen
            if let hit = texts.first(where: { screen.contains($0) }) { return hit }
            usleep(100_000)
        }
        XCTFail("the screen never showed any of \(texts):\n\(kiosk.screen)", file: file, line: line)
        throw XCTSkip("stopped")
    }

    func testTheDocumentsStepScanScreenAndPickerInARealTerminal() throws {
        try kiosk.addOperator(config: dir + "/k.conf")
        try kiosk.start(config: dir + "/k.conf")
        try kiosk.waitFor("Xin chào")
        try kiosk.keys("1")
        try kiosk.waitFor("Tìm thủ tục")
        try kiosk.type("khai sinh")
        try kiosk.waitFor("▶ Đăng ký khai sinh")
        try kiosk.keys("Enter")
        for prompt in ["4 chữ số", "Nhập lại 4 chữ số"] {
            try kiosk.waitFor(prompt)
            try kiosk.type("1357")
            try kiosk.keys("Enter")
        }
        try kiosk.waitFor("Mã tiếp tục: ")
        // Page by page to the documents, going on past what is not filled.
        for _ in 0..<24 where !kiosk.screen.contains("Bước 7/8") {
            let before = kiosk.screen
            if before.contains("Trang này còn mục chưa đúng") { try kiosk.keys("Right", "Enter") } else { try kiosk.keys("NPage") }
            for _ in 0..<20 where kiosk.screen == before { usleep(100_000) }
        }
        try kiosk.waitFor("[ Q Quét ] [ T Đính kèm tệp ] [ ␣ Mang bản giấy ]")

        // Space: the paper at the desk, said in words.
        try kiosk.keys("Space")
        try kiosk.waitFor("mang bản giấy đến quầy")

        // Q: the scan screen; Enter scans (or the station says why not).
        try kiosk.keys("q")
        try kiosk.waitFor("Quét giấy tờ: Giấy chứng sinh")
        XCTAssertTrue(kiosk.screen.contains("(•) Xám, thường (khuyên dùng)"), kiosk.screen)
        try kiosk.keys("Enter")
        let after = try waitForAny(["Đang quét trang 1…", "! "])
        if after == "Đang quét trang 1…" {
            try kiosk.keys("Escape")
            try kiosk.waitFor("Đã huỷ lần quét")
        }
        try kiosk.keys("Escape")
        try kiosk.waitFor("[ Q Quét ]")
        XCTAssertTrue(kiosk.screen.contains("mang bản giấy đến quầy"), "the form beneath is as it was: \(kiosk.screen)")

        // T: the picker, and back.
        try kiosk.keys("t")
        try kiosk.waitFor("Đính kèm tệp: Giấy chứng sinh")
        try kiosk.keys("Escape")
        try kiosk.waitFor("[ Q Quét ]")

        // F1: the documents step's own help.
        try kiosk.keys("F1")
        try kiosk.waitFor("Giấy tờ: Phím cách đánh dấu mang bản giấy đến quầy")
        try kiosk.keys("Escape")

        // Paused, then quit by the operator.
        try kiosk.keys("Escape")
        try kiosk.waitFor("Tạm dừng")
        try kiosk.keys("c")
        try kiosk.waitFor("Xin chào")
        try kiosk.quitAsOperator()
    }
}

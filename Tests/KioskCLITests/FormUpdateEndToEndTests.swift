import Foundation
import XCTest
import KioskCore
import KioskTestSupport

/// A form update in a real terminal (tmux, 80x24): while a citizen fills a
/// birth registration, the province publishes a signed bundle and
/// `kiosk forms update` installs it; the form on screen is left alone; back
/// at the welcome screen the kiosk takes the new forms, and the paused draft,
/// resumed, is offered the new version with its answers.
final class FormUpdateEndToEndTests: XCTestCase {
    private var kiosk: TmuxKiosk!
    private var dir = ""

    override func setUpWithError() throws {
        dir = NSTemporaryDirectory() + "kiosk-upd-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        kiosk = try TmuxKiosk(dir: dir)
    }

    override func tearDownWithError() throws {
        _ = try? kiosk?.tmux(["kill-server"])
        try? FileManager.default.removeItem(atPath: dir)
    }

    @discardableResult
    private func tmux(_ args: [String]) throws -> String { try kiosk.tmux(args) }
    private var screen: String { kiosk.screen }
    private func waitFor(_ text: String, file: StaticString = #filePath, line: UInt = #line) throws {
        try kiosk.waitFor(text, file: file, line: line)
    }
    private func keys(_ k: String...) throws { try kiosk.tmux(["send-keys", "-t", "k"] + k) }
    private func type(_ text: String) throws { try kiosk.type(text) }

    func testAFormUpdateWaitsForTheWelcomeScreenAndTheDraftMoves() throws {
        let signKey = dir + "/sign.key"
        let made = try provinceCommand(["make-sign-key", signKey])
        XCTAssertEqual(made.status, 0, made.stderr)
        let published = dir + "/published.bundle"
        // Published later: offered from the moment the file is there.
        guard let server = ReferenceServer(flags: ["--bundle", published]) else { throw XCTSkip("the reference server did not start") }
        let conf = try writeStationConfig(server, dir: dir)
        try (String(contentsOfFile: conf, encoding: .utf8)
             + "\n[server]\nsign_public_key = \(made.stdout.trimmingCharacters(in: .whitespacesAndNewlines))\n[forms]\nupdates = \(dir)/station-forms\n[ui]\ninput_method = telex\n")
            .write(toFile: conf, atomically: true, encoding: .utf8)
        // Quitting is an operator's (issue 16, section 1): one is set up.
        try kiosk.addOperator(config: conf)

        try tmux(["new-session", "-d", "-s", "k", "-x", "80", "-y", "24",
                  "exec env TERM=xterm-256color LANG=C.UTF-8 \(kioskExecutable.path) --config \(conf)"])
        try waitFor("Xin chào")
        try keys("1")
        try waitFor("Tìm thủ tục")
        try type("khai sinh")
        try waitFor("▶ Đăng ký khai sinh")
        try keys("Enter")
        try waitFor("4 chữ số")
        try type("1357")
        try keys("Enter")
        try waitFor("Nhập lại 4 chữ số")
        try type("1357")
        try keys("Enter")
        try waitFor("Mã tiếp tục: ")
        let code = try XCTUnwrap(screen.range(of: #"Mã tiếp tục: [A-Z0-9]{6}"#, options: .regularExpression).map { String(screen[$0].suffix(6)) })
        try type("Nguyeenx Thij Mai")
        try waitFor("Nguyễn Thị Mai")

        // The province publishes a birth registration of a new version; the station installs it.
        let forms = dir + "/forms-src"
        try FileManager.default.copyItem(atPath: packageRoot + "/Forms", toPath: forms)
        let shipped = try XCTUnwrap(FormCatalog.load(directory: packageRoot + "/Forms").form(id: "dang-ky-khai-sinh")).version
        let birth = forms + "/dang-ky-khai-sinh.json"
        try String(contentsOfFile: birth, encoding: .utf8).replacingOccurrences(of: "\"version\": \"\(shipped)\"", with: "\"version\": \"9999.1\"")
            .write(toFile: birth, atomically: true, encoding: .utf8)
        let signed = try provinceCommand(["sign-bundle", "--key", signKey, "--version", "2026.12.1", "--out", published, forms])
        XCTAssertEqual(signed.status, 0, signed.stderr)
        let update = try runKiosk(["--config", conf, "--lang", "en", "forms", "update"])
        XCTAssertEqual(update.status, 0, update.stdout + update.stderr)
        XCTAssertTrue(update.stdout.contains("Installed form bundle 2026.12.1"), update.stdout)

        // The citizen's form is left alone (the kiosk looks every two seconds).
        sleep(3)
        try type(" Lan")
        try waitFor("Nguyễn Thị Mai Lan")
        XCTAssertTrue(screen.contains("Mã tiếp tục: \(code)"), screen)

        // Paused: back at the welcome screen, where the new forms are taken.
        try keys("Escape")
        try waitFor("Tạm dừng")
        try keys("Left")
        try keys("Enter")
        try waitFor("Xin chào")
        sleep(3)
        try keys("2")
        try waitFor("Mã tiếp tục (6 ký tự)")
        try type(code.lowercased())
        try keys("Tab")
        try type("1357")
        try keys("Enter")
        try waitFor("Biểu mẫu đã được cập nhật")
        try keys("Enter")
        try waitFor("Nguyễn Thị Mai Lan")
        // Paused again; the operator quits (Ctrl-O, id and PIN, F10).
        try keys("Escape")
        try waitFor("Tạm dừng")
        try keys("Left")
        try keys("Enter")
        try waitFor("Xin chào")
        try kiosk.quitAsOperator()
    }
}

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
    private var socket = ""
    private var dir = ""

    override func setUpWithError() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux") else {
            throw XCTSkip("tmux is not installed (apt-get install tmux); .ci/run installs it")
        }
        socket = "kiosk-upd-\(UUID().uuidString.prefix(8))"
        dir = NSTemporaryDirectory() + "kiosk-upd-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    }

    override func tearDownWithError() throws {
        _ = try? tmux(["kill-server"])
        try? FileManager.default.removeItem(atPath: dir)
    }

    /// tmux through posix_spawn and waitpid (as TerminalEndToEndTests: the
    /// tmux client forks a server that keeps running).
    @discardableResult
    private func tmux(_ args: [String]) throws -> String {
        let output = dir + "/tmux-\(UUID().uuidString).out"
        var actions: posix_spawn_file_actions_t = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = (["/usr/bin/tmux", "-L", socket] + args).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, "/usr/bin/tmux", &actions, nil, argv, environ) == 0 else { throw XCTSkip("cannot start tmux") }
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        defer { unlink(output) }
        return (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
    }

    private var screen: String { (try? tmux(["capture-pane", "-t", "k", "-p"])) ?? "" }

    private func waitFor(_ text: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let deadline = Date().addingTimeInterval(15)
        while Date() < deadline {
            if screen.contains(text) { return }
            usleep(100_000)
        }
        XCTFail("the screen never showed “\(text)”:\n\(screen)", file: file, line: line)
        throw XCTSkip("stopped")
    }

    private func keys(_ k: String...) throws { try tmux(["send-keys", "-t", "k"] + k) }
    private func type(_ text: String) throws { try tmux(["send-keys", "-t", "k", "-l", text]) }

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
        let added = try runKiosk(["--config", conf, "operator", "add", "op.e2e"], stdin: "482913\n482913\n")
        XCTAssertEqual(added.status, 0, added.stderr)

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
        for _ in 0..<3 where !screen.contains("Đăng nhập cán bộ") {
            try keys("C-o")
            for _ in 0..<20 where !screen.contains("Đăng nhập cán bộ") { usleep(100_000) }
        }
        try waitFor("Đăng nhập cán bộ")
        try type("op.e2e")
        try keys("Enter")
        try type("482913")
        try keys("Enter")
        try waitFor("Cán bộ: op.e2e")
        try keys("F10")
        try waitFor("Thoát kiosk?")
        try keys("Enter")
    }
}

import Foundation
import XCTest
import KioskTestSupport

/// The kiosk in a real terminal for end-to-end tests: a tmux server of its
/// own (80x24), keys sent and the screen read as a person would. tmux runs
/// through posix_spawn and waitpid (its client forks a server that keeps
/// running, which Foundation's Process waits for).
final class TmuxKiosk {
    let socket = "kiosk-e2e-\(UUID().uuidString.prefix(8))"
    let dir: String

    init(dir: String) throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux") else {
            throw XCTSkip("tmux is not installed (apt-get install tmux); .ci/run installs it")
        }
        self.dir = dir
    }

    deinit { _ = try? tmux(["kill-server"]) }

    @discardableResult
    func tmux(_ args: [String]) throws -> String {
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

    /// Starts the kiosk with `config` at 80x24 (`environment`: more
    /// variables for it and its children, e.g. SANE_CONFIG_DIR).
    func start(config: String, environment: [String: String] = [:]) throws {
        let more = environment.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        try tmux(["new-session", "-d", "-s", "k", "-x", "80", "-y", "24",
                  "exec env TERM=xterm-256color LANG=C.UTF-8 \(more) \(kioskExecutable.path) --config \(config)"])
    }

    var screen: String { (try? tmux(["capture-pane", "-t", "k", "-p"])) ?? "" }

    /// Waits (at most 15 s, polling) until the screen shows `text`.
    func waitFor(_ text: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let deadline = Date().addingTimeInterval(15)
        while Date() < deadline {
            if screen.contains(text) { return }
            usleep(100_000)
        }
        XCTFail("the screen never showed “\(text)”:\n\(screen)", file: file, line: line)
        throw XCTSkip("stopped")
    }

    func keys(_ k: String...) throws { try tmux(["send-keys", "-t", "k"] + k) }
    func type(_ text: String) throws { try tmux(["send-keys", "-t", "k", "-l", text]) }

    /// An operator at the station of `config` (`kiosk operator add`, the PIN twice on stdin).
    func addOperator(config: String) throws {
        let out = try runKiosk(["--config", config, "operator", "add", Self.operatorID], stdin: Self.operatorPIN + "\n" + Self.operatorPIN + "\n")
        XCTAssertEqual(out.status, 0, out.stderr)
    }

    static let operatorID = "op.e2e"
    static let operatorPIN = "482913"

    /// Quitting is the operator's: the hidden key (Ctrl-O), the id and PIN, then F10.
    func quitAsOperator() throws {
        // A message on screen (a slip saved) takes the first key.
        for _ in 0..<3 where !screen.contains("Đăng nhập cán bộ") {
            try keys("C-o")
            for _ in 0..<20 where !screen.contains("Đăng nhập cán bộ") { usleep(100_000) }
        }
        try waitFor("Đăng nhập cán bộ")
        try type(Self.operatorID)
        try keys("Enter")
        try type(Self.operatorPIN)
        try keys("Enter")
        try waitFor("Cán bộ: \(Self.operatorID)")
        try keys("F10")
        try waitFor("Thoát kiosk?")
        try keys("Enter")
    }
}

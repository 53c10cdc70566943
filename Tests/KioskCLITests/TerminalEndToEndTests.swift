import Foundation
import XCTest
import KioskCore
import KioskStore
import KioskTestSupport

/// The kiosk in a real terminal (tmux, 80x24): a person searches "khai sinh"
/// typed in Telex, starts a birth registration, fills fields; the kiosk is
/// killed with SIGKILL; started again, the draft is resumed by its code and
/// PIN and every value is back.
final class TerminalEndToEndTests: XCTestCase {
    private var kiosk: TmuxKiosk!
    private var dir = ""

    override func setUpWithError() throws {
        dir = NSTemporaryDirectory() + "kiosk-e2e-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        kiosk = try TmuxKiosk(dir: dir)
        try """
        [station]
        name = Bưu điện huyện Lâm Hà
        [storage]
        database = \(dir)/kiosk.sqlite
        attachments = \(dir)/attachments
        [security]
        key_file = \(writeTestKeyFile(dir + "/test.key"))
        [forms]
        directory = \(packageRoot)/Forms
        [ui]
        input_method = telex
        """.write(toFile: dir + "/k.conf", atomically: true, encoding: .utf8)
    }

    override func tearDownWithError() throws {
        _ = try? kiosk?.tmux(["kill-server"])
        try? FileManager.default.removeItem(atPath: dir)
    }

    @discardableResult
    private func tmux(_ args: [String]) throws -> String { try kiosk.tmux(args) }

    private func start(config: String? = nil) throws {
        // exec: the pane's process is the kiosk itself, so it can be killed.
        try tmux(["new-session", "-d", "-s", "k", "-x", "80", "-y", "24",
                  "exec env TERM=xterm-256color LANG=C.UTF-8 \(kioskExecutable.path) --config \(config ?? dir + "/k.conf")"])
        try waitFor("Xin chào")
    }

    private var screen: String { kiosk.screen }

    private func waitFor(_ text: String, file: StaticString = #filePath, line: UInt = #line) throws {
        try kiosk.waitFor(text, file: file, line: line)
    }

    private func keys(_ k: String...) throws { try kiosk.tmux(["send-keys", "-t", "k"] + k) }
    private func type(_ text: String) throws { try kiosk.type(text) }
    private func addOperator(config: String) throws { try kiosk.addOperator(config: config) }
    private func quitAsOperator() throws { try kiosk.quitAsOperator() }

    /// Without a key file, as the README's `Tools/run-kiosk` starts it: the
    /// operator's screen first, the passphrase set by typing it twice, then
    /// the welcome; started again, it asks once, and a wrong one is refused.
    func testWithoutAKeyFileTheOperatorTypesThePassphraseBeforeTheWelcome() throws {
        try """
        [storage]
        database = \(dir)/locked.sqlite
        attachments = \(dir)/attachments
        [forms]
        directory = \(packageRoot)/Forms
        """.write(toFile: dir + "/locked.conf", atomically: true, encoding: .utf8)
        try addOperator(config: dir + "/locked.conf")
        let launch = "exec env TERM=xterm-256color LANG=C.UTF-8 \(kioskExecutable.path) --config \(dir)/locked.conf"
        try tmux(["new-session", "-d", "-s", "k", "-x", "80", "-y", "24", launch])
        try waitFor("Đặt mật khẩu của trạm")
        XCTAssertFalse(screen.contains("Xin chào"), screen)
        try type("mật khẩu trạm Lâm Hà")
        try keys("Enter")
        try type("mật khẩu trạm Lâm Hà")
        try keys("Enter")
        try waitFor("Xin chào")
        try keys("F10")
        try quitAsOperator()
        try tmux(["kill-server"])
        // (tmux fails to start a server at once after one was killed.)
        sleep(1)

        try tmux(["new-session", "-d", "-s", "k", "-x", "80", "-y", "24", launch])
        try waitFor("Mở khoá trạm")
        try type("sai mật khẩu")
        try keys("Enter")
        try waitFor("Mật khẩu không đúng")
        sleep(2)
        try type("mật khẩu trạm Lâm Hà")
        try keys("Enter")
        try waitFor("Xin chào")
    }

    func testKilledMidFormAndResumedByCode() throws {
        try addOperator(config: dir + "/k.conf")
        try start()
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
        try keys("Tab", "Tab")
        try type("068195012873")
        try waitFor("068195012873")
        // With an id number the residence is not asked (Thông tư 04/2024/TT-BTP):
        // the relationship comes next.
        try keys("Tab")
        try type("me")
        try waitFor("▶ Mẹ")
        try keys("Enter")
        try waitFor("[ Mẹ")

        // A power cut, as far as the kiosk can tell: SIGKILL, no clean-up.
        let pid = try XCTUnwrap(Int32(try tmux(["list-panes", "-t", "k", "-F", "#{pane_pid}"]).trimmingCharacters(in: .whitespacesAndNewlines)))
        kill(pid, SIGKILL)
        let gone = Date().addingTimeInterval(10)
        while Date() < gone, (try? tmux(["has-session", "-t", "k"])) != nil, kill(pid, 0) == 0 { usleep(100_000) }
        _ = try? tmux(["kill-session", "-t", "k"])

        try start()
        try keys("2")
        try waitFor("Mã tiếp tục (6 ký tự)")
        try type(code.lowercased())
        try keys("Tab")
        try type("1357")
        try keys("Enter")
        try waitFor("Mã tiếp tục: \(code)")
        let back = screen
        XCTAssertTrue(back.contains("Nguyễn Thị Mai"), back)
        XCTAssertTrue(back.contains("068195012873"), back)
        XCTAssertTrue(back.contains("[ Mẹ"), back)

        // F10 over a citizen's form quits nothing; the operator pauses it, then quits.
        try keys("F10")
        XCTAssertFalse(screen.contains("Thoát kiosk?"), screen)
        try keys("Escape")
        try waitFor("Tạm dừng")
        try keys("c")
        try waitFor("Xin chào")
        try quitAsOperator()
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline, (try? tmux(["list-panes", "-t", "k"]))?.isEmpty == false { usleep(100_000) }
    }

    /// The autofill scenario of a person at the station: a marriage uploaded
    /// by station A; station B (its own database, its kiosk-sync worker
    /// asking the reference server) fills a birth registration from its code
    /// and the bride's id number.
    func testBirthRegistrationFilledFromAMarriageOfAnotherStation() throws {
        guard let server = ReferenceServer() else { throw XCTSkip("the reference server did not start (python3)") }
        for station in ["A", "B"] {
            try writeStationConfig(server, dir: dir, file: "\(station).conf", id: "LH-\(station)", name: "Trạm \(station)",
                                   database: "\(station).sqlite", attachments: "\(station)-attachments")
        }
        // Station A: finalized from the sample answers, uploaded.
        let fill = try runKiosk(["--config", dir + "/A.conf", "fill", "1.000894", "--answers", packageRoot + "/Tests/Fixtures/answers/dang-ky-ket-hon.json", "--finalize"])
        XCTAssertEqual(fill.status, 0, fill.stderr)
        let sync = try runKiosk(["--config", dir + "/A.conf", "sync"])
        XCTAssertEqual(sync.status, 0, sync.stdout + sync.stderr)
        let storeA = try testStore(databasePath: dir + "/A.sqlite", attachmentsPath: dir + "/A-attachments", stationID: "LH-A", retentionDays: 30)
        let receipt = try XCTUnwrap(fill.stdout.range(of: #"LH-A-\d{8}-\d{4}"#, options: .regularExpression).map { String(fill.stdout[$0]) }, fill.stdout)
        let code = try XCTUnwrap(try storeA.dossier(receiptNumber: receipt)?.officialCode)

        try start(config: dir + "/B.conf")
        try keys("3")
        try waitFor("Số định danh hoặc số điện thoại")
        try type(code)
        try keys("Tab")
        try type("068198003417")
        try keys("Enter")
        try waitFor("Bên nữ: Nguyễn Thị Mai Anh · Bên nam: Lê Hoàng Nam")
        try keys("Enter")
        try waitFor("Tìm thủ tục")
        try type("khai sinh")
        try waitFor("▶ Đăng ký khai sinh")
        try keys("Enter")
        try waitFor("4 chữ số")
        try type("2468")
        try keys("Enter")
        try waitFor("Nhập lại 4 chữ số")
        try type("2468")
        try keys("Enter")
        try waitFor("→ ◀ Mẹ ▶")
        try keys("Enter") // Fill in: every role proposed, the focus is on it
        try waitFor("Đã điền sẵn")
        // The applicant's and the child's pages are left empty: each asks
        // once before going on ("Vẫn sang trang").
        for _ in 0..<2 {
            try keys("NPage")
            try waitFor("Trang này còn mục chưa đúng")
            try keys("Right", "Enter")
        }
        try waitFor("◆ Điền sẵn từ hồ sơ \(code)")
        let page = screen
        XCTAssertTrue(page.contains("◆Họ, chữ đệm và tên"), page)
        XCTAssertTrue(page.contains("Nguyễn Thị Mai Anh"), page)
        XCTAssertTrue(page.contains("068198003417"), page)
    }
    /// Started with no forms folder, the kiosk runs, "Làm hồ sơ mới" says
    /// the station has no forms and to call the staff, and at exit the
    /// cause (the folder, missing) is on stderr with a non-zero exit code.
    func testAKioskWithoutFormsSaysSoAndExitsWithTheCause() throws {
        let missing = dir + "/no-such-forms"
        try """
        [storage]
        database = \(dir)/kiosk.sqlite
        attachments = \(dir)/attachments
        [security]
        key_file = \(writeTestKeyFile(dir + "/test.key"))
        [forms]
        directory = \(missing)
        """.write(toFile: dir + "/n.conf", atomically: true, encoding: .utf8)
        try addOperator(config: dir + "/n.conf")
        try tmux(["new-session", "-d", "-s", "k", "-x", "80", "-y", "24",
                  "env TERM=xterm-256color LANG=C.UTF-8 sh -c '\(kioskExecutable.path) --config \(dir)/n.conf 2>\(dir)/err; echo \"exit=$?\"; sleep 60'"])
        try waitFor("Xin chào")
        try keys("1")
        try waitFor("Trạm này chưa có biểu mẫu thủ tục nào.")
        XCTAssertFalse(screen.contains("Hãy gõ ít chữ hơn"), screen)
        try quitAsOperator()
        try waitFor("exit=1")
        let err = try String(contentsOfFile: dir + "/err", encoding: .utf8)
        XCTAssertTrue(err.contains("thư mục biểu mẫu \(missing) không tồn tại"), err)
    }

    /// At a terminal, `kiosk lookup CODE` and `kiosk fill … --pin` ask for
    /// their secret without showing it as it is typed (echo off), and the
    /// lookup still finds the dossier at the server.
    func testSecretsAreAskedForWithoutEcho() throws {
        guard let server = ReferenceServer() else { throw XCTSkip("the reference server did not start (python3)") }
        let conf = try writeStationConfig(server, dir: dir, file: "s.conf")
        let marriage = packageRoot + "/Tests/Fixtures/answers/dang-ky-ket-hon.json"
        let fill = try runKiosk(["--config", conf, "fill", "1.000894", "--answers", marriage, "--finalize"])
        XCTAssertEqual(fill.status, 0, fill.stderr)
        XCTAssertEqual(try runKiosk(["--config", conf, "sync"]).status, 0)
        let store = try testStore(databasePath: dir + "/kiosk.sqlite", attachmentsPath: dir + "/attachments", stationID: "LH-01", retentionDays: 30)
        let code = try XCTUnwrap(try store.db.query("SELECT official_code FROM dossiers") { $0.string(0) }.first ?? nil)

        let kiosk = "\(kioskExecutable.path) --config \(conf)"
        try tmux(["new-session", "-d", "-s", "k", "-x", "100", "-y", "24",
                  "env LANG=C.UTF-8 sh -c '\(kiosk) lookup \(code); echo \"lookup=$?\"; "
                  + "\(kiosk) fill 1.001193 --answers \(packageRoot)/Tests/Fixtures/answers/dang-ky-khai-sinh.json --pin; echo \"fill=$?\"; sleep 60'"])
        try waitFor("Số định danh hoặc số điện thoại")
        try type("068198003417")
        try keys("Enter")
        try waitFor("lookup=0")
        XCTAssertTrue(screen.contains("(theo hệ thống tỉnh)"), screen)
        try waitFor("4 chữ số")
        try type("2468")
        try keys("Enter")
        try waitFor("Nhập lại")
        try type("2468")
        try keys("Enter")
        try waitFor("fill=0")
        let shown = screen
        XCTAssertTrue(shown.contains("Mã tiếp tục: "), shown)
        XCTAssertFalse(shown.contains("068198003417"), "the id number was shown as it was typed:\n\(shown)")
        XCTAssertFalse(shown.contains("2468"), "the PIN was shown as it was typed:\n\(shown)")
    }

    /// The upload worker beside the kiosk dies (a crash): the kiosk starts
    /// another, which uploads what is finalized afterwards.
    func testAWorkerThatDiesIsStartedAgainAndUploads() throws {
        guard let server = ReferenceServer() else { throw XCTSkip("the reference server did not start (python3)") }
        try writeStationConfig(server, dir: dir, file: "s.conf")
        try start(config: dir + "/s.conf")
        try waitFor("● Trực tuyến")
        let kiosk = try XCTUnwrap(pid_t(try tmux(["display-message", "-p", "-t", "k", "#{pane_pid}"]).trimmingCharacters(in: .whitespacesAndNewlines)))
        let first = try XCTUnwrap(waitForWorker(of: kiosk, other: nil), "the kiosk starts its worker")
        kill(first, SIGKILL)
        let second = try XCTUnwrap(waitForWorker(of: kiosk, other: first), "a new worker after the first died")
        XCTAssertNotEqual(first, second)
        // The kiosk ignores SIGPIPE by now; its new worker must not inherit that.
        let status = (try? String(contentsOfFile: "/proc/\(second)/status", encoding: .utf8)) ?? ""
        let ignored = status.split(separator: "\n").first { $0.hasPrefix("SigIgn:") }
            .flatMap { UInt64($0.dropFirst("SigIgn:".count).trimmingCharacters(in: .whitespaces), radix: 16) }
        XCTAssertEqual(try XCTUnwrap(ignored, status) & (1 << (UInt64(SIGPIPE) - 1)), 0, "signals at their defaults in the new worker")

        let fill = try runKiosk(["--config", dir + "/s.conf", "fill", "1.000894", "--answers", packageRoot + "/Tests/Fixtures/answers/dang-ky-ket-hon.json", "--finalize"])
        XCTAssertEqual(fill.status, 0, fill.stderr)
        let store = try testStore(databasePath: dir + "/kiosk.sqlite", attachmentsPath: dir + "/attachments", stationID: "LH-01", retentionDays: 30)
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline, (try store.status().accepted) == 0 { usleep(200_000) }
        XCTAssertEqual(try store.status().accepted, 1, "the new worker uploaded the dossier")
    }

    /// Needs attention, end to end: the reference server refuses a dossier
    /// naming the child's name; the operator signs in with the hidden key,
    /// sees the reason against the answer, corrects it with the citizen in
    /// the form and submits; the worker sends the correction, which the
    /// server accepts and links to the refused submission.
    func testANeedsAttentionCorrectionIsSentAndLinkedAtTheServer() throws {
        guard let server = ReferenceServer(flags: ["--refuse-answer", "Fields.child_full_name=Trần Gia Bảo"]) else {
            throw XCTSkip("the reference server did not start (python3)")
        }
        try writeStationConfig(server, dir: dir, file: "s.conf")
        try addOperator(config: dir + "/s.conf")
        let fill = try runKiosk(["--config", dir + "/s.conf", "fill", "1.001193", "--answers", packageRoot + "/Tests/Fixtures/answers/dang-ky-khai-sinh.json", "--finalize"])
        XCTAssertEqual(fill.status, 0, fill.stderr)
        try start(config: dir + "/s.conf")
        try waitFor("⚠ 1 cần xử lý")
        try keys("C-o")
        try waitFor("Đăng nhập cán bộ")
        try type("op.e2e")
        try keys("Enter")
        try type("482913")
        try keys("Enter")
        try waitFor("Cán bộ: op.e2e")
        try keys("3")
        try waitFor("Họ, chữ đệm và tên (đã gửi: “Trần Gia Bảo”)")
        XCTAssertTrue(screen.contains("Thông tin này không khớp"), screen)
        try keys("s")
        try waitFor("Mã tiếp tục:")
        XCTAssertTrue(screen.contains("Trần Gia Bảo"), screen)
        // The first field of the page the server named: the child's name.
        try keys("BSpace", "BSpace", "BSpace")
        try type("Ngoc")
        try waitFor("Trần Gia Ngoc")
        for _ in 0..<24 where !screen.contains("Bước 8/8") {
            let before = screen
            if before.contains("Trang này còn mục chưa đúng") { try keys("Right", "Enter") } else { try keys("NPage") }
            for _ in 0..<20 where screen == before { usleep(100_000) }
        }
        try waitFor("Bước 8/8")
        // PgDn to the last row (Back), then up to the declaration.
        for _ in 0..<10 { try keys("NPage") }
        try keys("Up", "Up")
        try waitFor("Tôi cam đoan")
        try keys("Space")
        try keys("Enter")
        try keys("Enter")
        try waitFor("BIÊN NHẬN HỒ SƠ")
        // The worker sends it; the server keeps the link to the refused submission.
        let store = try testStore(databasePath: dir + "/kiosk.sqlite", attachmentsPath: dir + "/attachments", stationID: "LH-01", retentionDays: 30)
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline, (try store.status().accepted) == 0 { usleep(200_000) }
        XCTAssertEqual(try store.status().accepted, 1, "the correction was accepted")
        XCTAssertEqual(try store.status().needsAttention, 0)
        let db = try Database(path: server.dir + "/data/provincial.sqlite3", mode: .readOnly)
        let links = try db.query("SELECT replaces, submission_id FROM replacements") { s in (s.string(0) ?? "", s.string(1) ?? "") }
        XCTAssertEqual(links.count, 1)
        let replaced = try XCTUnwrap(try store.dossier(submissionID: links.first?.0 ?? ""))
        XCTAssertEqual(replaced.status, .replaced)
        XCTAssertEqual(try store.dossier(submissionID: links.first?.1 ?? "")?.operatorID, "op.e2e")
    }

    /// A kiosk-sync process whose parent is `kiosk`, other than `other`
    /// (waits up to 30 s).
    private func waitForWorker(of kiosk: pid_t, other: pid_t?) -> pid_t? {
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            let pids = (try? FileManager.default.contentsOfDirectory(atPath: "/proc"))?.compactMap { pid_t($0) } ?? []
            for pid in pids where pid != other {
                // /proc/PID/stat: pid (comm) state ppid ...
                guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                      let close = stat.range(of: ")", options: .backwards) else { continue }
                let comm = stat[stat.startIndex..<close.lowerBound]
                let fields = stat[close.upperBound...].split(separator: " ")
                if comm.hasSuffix("(kiosk-sync"), fields.count > 1, fields[0] != "Z", pid_t(fields[1]) == kiosk { return pid }
            }
            usleep(100_000)
        }
        return nil
    }
}

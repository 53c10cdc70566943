import Foundation
import XCTest
import KioskCore
import KioskStore
import KioskTestSupport

/// Every command that opens the store, run as a script would on a file
/// that must not be written: a damaged one, a read-only one.
final class StoreFaultCommandTests: XCTestCase {
    private var dir = ""
    private var server: ReferenceServer?
    /// Where the station's URL points when no server started.
    private let closedPort = ClosedPort()
    private var conf = ""
    private var dbPath: String { dir + "/kiosk.sqlite" }

    override func setUpWithError() throws {
        dir = NSTemporaryDirectory() + "kiosk-storefault-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        // A server that answers, so that `kiosk sync` would upload (and
        // write) if it opened the store; a closed port otherwise.
        server = ReferenceServer()
        if let server {
            conf = try writeStationConfig(server, dir: dir)
        } else {
            FileManager.default.createFile(atPath: dir + "/token", contents: Data("t".utf8), attributes: [.posixPermissions: 0o600])
            conf = dir + "/k.conf"
            try """
            [station]
            id = LH-01
            [server]
            url = \(closedPort.url)
            token_file = \(dir)/token
            [storage]
            database = \(dbPath)
            attachments = \(dir)/attachments
            [security]
            key_file = \(writeTestKeyFile(dir + "/test.key"))
            [forms]
            directory = \(packageRoot)/Forms
            """.write(toFile: conf, atomically: true, encoding: .utf8)
        }
    }

    override func tearDownWithError() throws {
        server = nil
        // Folders may have been made read-only by a test.
        chmod(dir, 0o700)
        try? FileManager.default.removeItem(atPath: dir)
    }

    private let answers = packageRoot + "/Tests/Fixtures/answers/dang-ky-khai-sinh.json"

    /// A store with a draft and `count` queued dossiers, closed (its
    /// write-ahead log checkpointed into the file).
    private func makeStore(dossiers count: Int) throws {
        let catalog = FormCatalog.load(directory: packageRoot + "/Forms")
        let form = try XCTUnwrap(catalog.form(id: "dang-ky-khai-sinh"))
        let data = try Data(contentsOf: URL(fileURLWithPath: answers))
        var state = FormState(form: form, today: sampleToday)
        state.load(answers: AnswerImport.read(Array(data), for: form).answers)
        let store = try testStore(databasePath: dbPath, attachmentsPath: dir + "/attachments", stationID: "LH-01", retentionDays: 30)
        for _ in 0..<count { _ = try store.finalize(form: form, state: state, draftID: nil) }
        let draft = try store.createDraft(form: form, verification: .pin("1234"))
        try store.saveAnswers(draftID: draft.id, state.typedAnswers.map { ($0.name, $0.raw) })
        try store.flush()
    }

    private func sha256(_ path: String) -> String {
        Crypto.sha256(FileManager.default.contents(atPath: path).map(Array.init) ?? [])
    }

    /// Every command that opens the store, and whether it only reads.
    private var commands: [[String]] {
        [
            ["fill", "1.001193", "--answers", answers, "--pin"],
            ["fill", "1.001193", "--answers", answers, "--finalize"],
            ["purge"], ["status"], ["status", "--json"], ["drafts"], ["sync"],
            [], // the kiosk itself, started without a terminal: it opens the store and purges
        ]
    }

    // MARK: Damaged

    func testADamagedDatabaseIsNeverWrittenByAnyCommand() throws {
        try makeStore(dossiers: 3)
        // A few pages overwritten: the root pages of two indexes that the
        // counts, the purge and the uploads do not read. SQLite only finds
        // out when something walks those trees.
        let pageSize: Int, roots: [Int]
        do {
            let db = try Database(path: dbPath, mode: .readOnly)
            guard case .integer(let size)? = try db.scalar("PRAGMA page_size") else { return XCTFail("no page size") }
            pageSize = Int(size)
            roots = try db.query("SELECT rootpage FROM sqlite_master WHERE name IN ('dossier_answers_key', 'dossier_documents_sha')") { Int($0.int(0)) }
        }
        XCTAssertEqual(roots.count, 2)
        let file = try XCTUnwrap(FileHandle(forUpdatingAtPath: dbPath))
        var seed: UInt64 = 0x5EED
        for page in roots {
            let garbage = Data((0..<pageSize).map { _ in
                seed = seed &* 6364136223846793005 &+ 1442695040888963407
                return UInt8(truncatingIfNeeded: seed >> 33)
            })
            try file.seek(toOffset: UInt64((page - 1) * pageSize))
            file.write(garbage)
        }
        try file.close()
        let damaged = try Data(contentsOf: URL(fileURLWithPath: dbPath))
        let before = sha256(dbPath)

        for args in commands {
            for lang in ["vi", "en"] {
                // Each command on the same damaged bytes, whatever an earlier one did.
                try damaged.write(to: URL(fileURLWithPath: dbPath))
                let r = try runKiosk(["--config", conf, "--lang", lang] + args, stdin: "1234\n")
                XCTAssertNotEqual(r.status, 0, "\(args) \(lang): \(r.stdout)")
                let expected = lang == "vi" ? "Tệp cơ sở dữ liệu bị hỏng. Không ghi thêm gì vào đó" : "The database file is damaged. Nothing more is written to it"
                XCTAssertTrue(r.stderr.contains(expected), "\(args) \(lang): \(r.stderr)")
                XCTAssertEqual(sha256(dbPath), before, "\(args) \(lang): the damaged file was written to")
            }
        }
        // A log SQLite made when it opened the file may stay (a damaged file
        // is closed without copying any log into it), but nothing was logged:
        // at most its 32-byte header, not one frame (24 bytes and a page).
        let wal = (try? FileManager.default.attributesOfItem(atPath: dbPath + "-wal"))?[.size] as? Int ?? 0
        XCTAssertLessThan(wal, 32 + 24 + pageSize, "no write in a write-ahead log beside it")
        let db = try Database(path: dbPath, mode: .readOnly)
        XCTAssertNil(try db.scalar("SELECT value FROM meta WHERE key = 'last_purge'"), "no purge recorded")
        XCTAssertEqual(try db.scalar("SELECT count(*) FROM dossiers"), .integer(3))
    }

    // MARK: Read-only

    private func mode(_ path: String) -> Int {
        var info = stat()
        return stat(path, &info) == 0 ? Int(info.st_mode) & 0o7777 : -1
    }

    /// The commands that write, and those that only read (they report from
    /// a file they cannot write).
    private var writingCommands: [[String]] { commands.filter { $0.first != "status" && $0.first != "drafts" } }
    private var readingCommands: [[String]] { commands.filter { $0.first == "status" || $0.first == "drafts" } }

    func testAReadOnlyDatabaseIsReadButNeitherWrittenNorMadeWritable() throws {
        try makeStore(dossiers: 2)
        // Tests run as root, whom the mode bits do not stop: the kiosk must
        // look at them itself.
        XCTAssertEqual(chmod(dbPath, 0o444), 0)
        let before = sha256(dbPath)

        for args in writingCommands {
            for lang in ["vi", "en"] {
                // Each command on the same read-only file, whatever an earlier one did.
                chmod(dbPath, 0o444)
                let r = try runKiosk(["--config", conf, "--lang", lang] + args, stdin: "1234\n")
                XCTAssertNotEqual(r.status, 0, "\(args) \(lang): \(r.stdout)")
                let expected = lang == "vi" ? "\(dbPath): tệp hoặc thư mục chỉ cho phép đọc (quyền 444)" : "\(dbPath) is read-only (mode 444)"
                XCTAssertTrue(r.stderr.contains(expected), "\(args) \(lang): \(r.stderr)")
                XCTAssertFalse(r.stderr.contains("no permission") || r.stderr.contains("không có quyền"), "\(args) \(lang): \(r.stderr)")
                XCTAssertEqual(sha256(dbPath), before, "\(args) \(lang): the read-only file was written to")
                XCTAssertEqual(mode(dbPath), 0o444, "\(args) \(lang): permissions changed")
            }
        }
        for args in readingCommands {
            chmod(dbPath, 0o444)
            let r = try runKiosk(["--config", conf, "--lang", "en"] + args, stdin: "1234\n")
            XCTAssertEqual(r.status, 0, "\(args): \(r.stdout) \(r.stderr)")
            XCTAssertTrue(r.stderr.contains("\(dbPath) is read-only (mode 444)"), "\(args): said so: \(r.stderr)")
            XCTAssertTrue(r.stderr.contains("opened read-only"), "\(args): \(r.stderr)")
            XCTAssertEqual(sha256(dbPath), before, "\(args): the read-only file was written to")
            XCTAssertEqual(mode(dbPath), 0o444, "\(args): permissions changed")
            for leftover in ["-wal", "-shm"] {
                XCTAssertFalse(FileManager.default.fileExists(atPath: dbPath + leftover), "\(args): a \(leftover) file left beside the read-only file")
            }
        }
        let status = try runKiosk(["--config", conf, "--lang", "en", "status"])
        XCTAssertTrue(status.stdout.contains("Drafts:              1"), status.stdout)
        XCTAssertTrue(status.stdout.contains("Waiting to be sent:  2"), status.stdout)
        XCTAssertTrue(status.stdout.contains("Last purge:          never"), status.stdout)
        XCTAssertTrue(try runKiosk(["--config", conf, "drafts"]).stdout.contains("Đăng ký khai sinh"))
    }

    func testAReadOnlyFolderIsNamedAndLeftAlone() throws {
        try makeStore(dossiers: 1)
        let before = sha256(dbPath)
        for folder in [dir, dir + "/attachments"] {
            XCTAssertEqual(chmod(folder, 0o500), 0)
            defer { chmod(folder, 0o700) }
            let r = try runKiosk(["--config", conf, "--lang", "en", "purge"])
            XCTAssertNotEqual(r.status, 0, "\(folder): \(r.stdout)")
            XCTAssertTrue(r.stderr.contains("\(folder) is read-only (mode 500)"), "\(folder): \(r.stderr)")
            XCTAssertEqual(mode(folder), 0o500, "permissions changed")
            XCTAssertEqual(sha256(dbPath), before)
        }
    }

    func testAReadOnlyFileSystemIsNamedAsSuch() throws {
        try makeStore(dossiers: 2)
        let before = sha256(dbPath)
        // The store's folder mounted read-only over itself, in a mount
        // namespace of the kiosk's own: nothing outside sees it, and it
        // ends with the kiosk. Needs root (or user namespaces).
        let unshare = ["/usr/bin/unshare", "/bin/unshare"].first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let unshare else { throw XCTSkip("no unshare(1) to mount a read-only file system") }
        let script = "mount --bind \"$0\" \"$0\" && mount -o remount,bind,ro \"$0\" || exit 97; exec \"$@\""
        let launcher = [unshare, "-m", "/bin/sh", "-c", script, dir]
        let probe = try runKiosk(["--version"], launcher: launcher)
        // 97: the mount was refused; anything else: unshare itself was (no privileges).
        if probe.status != 0 { throw XCTSkip("cannot mount a read-only file system here: \(probe.stderr)") }

        for args in writingCommands {
            for lang in ["vi", "en"] {
                let r = try runKiosk(["--config", conf, "--lang", lang] + args, stdin: "1234\n", launcher: launcher)
                XCTAssertNotEqual(r.status, 0, "\(args) \(lang): \(r.stdout)")
                let expected = lang == "vi" ? "\(dir): nằm trên hệ thống tệp chỉ đọc" : "\(dir) is on a read-only file system"
                XCTAssertTrue(r.stderr.contains(expected), "\(args) \(lang): \(r.stderr)")
                XCTAssertFalse(r.stderr.contains("missing folder") || r.stderr.contains("thư mục không có"), "\(args) \(lang): \(r.stderr)")
            }
        }
        for args in readingCommands {
            let r = try runKiosk(["--config", conf, "--lang", "en"] + args, stdin: "1234\n", launcher: launcher)
            XCTAssertEqual(r.status, 0, "\(args): \(r.stdout) \(r.stderr)")
            XCTAssertTrue(r.stderr.contains("is on a read-only file system"), "\(args): \(r.stderr)")
        }
        let status = try runKiosk(["--config", conf, "--lang", "en", "status"], launcher: launcher)
        XCTAssertTrue(status.stdout.contains("Waiting to be sent:  2"), status.stdout)
        XCTAssertEqual(sha256(dbPath), before)
        XCTAssertEqual(mode(dbPath), 0o600)
    }
}

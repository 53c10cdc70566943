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
            url = http://127.0.0.1:\(ReferenceServer.freePort())
            token_file = \(dir)/token
            [storage]
            database = \(dbPath)
            attachments = \(dir)/attachments
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
        var state = FormState(form: form)
        state.load(answers: AnswerImport.read(Array(data), for: form).answers)
        let store = try KioskStore(databasePath: dbPath, attachmentsPath: dir + "/attachments", stationID: "LH-01", retentionDays: 30)
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
            ["fill", "1.001193", "--answers", answers, "--pin", "1234"],
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
                let r = try runKiosk(["--config", conf, "--lang", lang] + args)
                XCTAssertNotEqual(r.status, 0, "\(args) \(lang): \(r.stdout)")
                let expected = lang == "vi" ? "Tệp cơ sở dữ liệu bị hỏng. Không ghi thêm gì vào đó" : "The database file is damaged. Nothing more is written to it"
                XCTAssertTrue(r.stderr.contains(expected), "\(args) \(lang): \(r.stderr)")
                XCTAssertEqual(sha256(dbPath), before, "\(args) \(lang): the damaged file was written to")
            }
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: dbPath + "-wal"), "no write-ahead log left beside it")
        let db = try Database(path: dbPath, mode: .readOnly)
        XCTAssertNil(try db.scalar("SELECT value FROM meta WHERE key = 'last_purge'"), "no purge recorded")
        XCTAssertEqual(try db.scalar("SELECT count(*) FROM dossiers"), .integer(3))
    }
}

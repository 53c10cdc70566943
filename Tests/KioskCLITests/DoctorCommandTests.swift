import Foundation
import XCTest
import KioskCore
import KioskStore
import KioskTestSupport

/// `kiosk doctor` run as an operator would, against the reference server on
/// 127.0.0.1 (https with its throw-away certificate, and down), and with
/// stations broken in the ways doctor is for.
final class DoctorCommandTests: XCTestCase {
    private var dir = ""

    override func setUpWithError() throws {
        dir = NSTemporaryDirectory() + "kiosk-doctor-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: dir)
    }

    /// The server's clock set to this machine's (so that the clocks agree:
    /// nothing asserted depends on the day), as --fake-now wants it.
    private static var serverNowAgreeing: String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "Asia/Ho_Chi_Minh")
        f.dateFormat = "yyyyMMddHHmmss"
        return f.string(from: Date())
    }

    private func server(tls: Bool = true, now: String = serverNowAgreeing) throws -> ReferenceServer {
        try XCTUnwrap(ReferenceServer(flags: ["--fake-now", now], tls: tls), "the reference server did not start")
    }

    /// A station's store made by the kiosk itself (started without a terminal, it opens the store).
    private func makeDatabase(_ conf: String) throws {
        let started = try runKiosk(["--config", conf])
        XCTAssertEqual(started.status, 0, started.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: dir + "/kiosk.sqlite"))
    }

    private func doctor(_ conf: String, _ extra: [String] = [], lang: String = "en") throws -> KioskOutput {
        try runKiosk(["--config", conf, "--lang", lang, "doctor"] + extra)
    }

    /// The lines of one check (with their "What to do" lines).
    private func lines(_ out: KioskOutput, _ check: String) -> String {
        var result: [String] = []
        var inside = false
        for line in out.stdout.split(separator: "\n") {
            if !line.hasPrefix(" ") { inside = line.dropFirst(8).hasPrefix(check + ":") }
            if inside { result.append(String(line)) }
        }
        return result.joined(separator: "\n")
    }

    func testAWellStationOverHTTPSPassesEveryCheck() throws {
        let server = try server()
        let conf = try writeStationConfig(server, dir: dir)
        try makeDatabase(conf)
        // The schema the kiosk made (it grows with each migration).
        let schema = try Database(path: dir + "/kiosk.sqlite", mode: .readOnly).userVersion
        let out = try doctor(conf)
        XCTAssertEqual(out.status, 0, out.stdout + out.stderr)
        XCTAssertTrue(lines(out, "Configuration").hasPrefix("ok      Configuration: \(conf) reads without errors."), out.stdout)
        XCTAssertTrue(lines(out, "Permissions").hasPrefix("ok      Permissions: readable by their owner only: \(dir) 700, \(dir)/kiosk.sqlite 600"), out.stdout)
        XCTAssertEqual(lines(out, "Database"), "ok      Database: \(dir)/kiosk.sqlite is intact (schema \(schema)).")
        XCTAssertEqual(lines(out, "Key file"), "ok      Key file: \(dir)/test.key can be used; the kiosk sets up the encrypted store with it at its first start.")
        XCTAssertTrue(lines(out, "Forms").hasPrefix("ok      Forms: 11 forms, 11 datasets valid in \(packageRoot)/Forms"), out.stdout)
        XCTAssertTrue(lines(out, "Printer").hasPrefix("ok      Printer: no printer set"), out.stdout)
        XCTAssertEqual(lines(out, "Documents"), """
            ok      Documents: documents are scanned with the first scanner SANE finds (scanimage -L lists them).
            ok      Documents: pdfinfo and pdftoppm are there to read attached PDFs.
            """)
        XCTAssertTrue(lines(out, "Disk space").hasPrefix("ok      Disk space: "), out.stdout)
        XCTAssertEqual(lines(out, "Provincial server"),
                       "ok      Provincial server: \(server.url) answers (provincial-server 1) and accepts the station's token; TLS certificate valid (by \(server.caFile!)).")
        XCTAssertTrue(lines(out, "Clock").hasPrefix("ok      Clock: "), out.stdout)
        XCTAssertTrue(out.stdout.hasSuffix("The station is ready: no problems found.\n"), out.stdout)
        XCTAssertEqual(out.stderr, "")

        // Vietnamese first: the same station, in the default language.
        let vi = try runKiosk(["--config", conf, "doctor"])
        XCTAssertEqual(vi.status, 0)
        XCTAssertTrue(vi.stdout.contains("ổn      Cơ sở dữ liệu: \(dir)/kiosk.sqlite nguyên vẹn (lược đồ \(schema))."), vi.stdout)
        XCTAssertTrue(vi.stdout.hasSuffix("Trạm sẵn sàng: không có vấn đề nào.\n"), vi.stdout)
    }

    /// The scanner named in [scanner] documents: listed by SANE (its test
    /// backend, through SANE_CONFIG_DIR, which the kiosk passes on to
    /// scanimage), or a problem saying what SANE sees and what to do.
    func testTheNamedDocumentScannerIsListedOrAProblem() throws {
        let server = try server()
        let conf = try writeStationConfig(server, dir: dir)
        setenv("SANE_CONFIG_DIR", saneTestConfigDir, 1)
        defer { unsetenv("SANE_CONFIG_DIR") }
        let base = try String(contentsOfFile: conf, encoding: .utf8)
        try (base + "\n[scanner]\ndocuments = test:0\n").write(toFile: conf, atomically: true, encoding: .utf8)
        var out = try doctor(conf)
        XCTAssertTrue(lines(out, "Documents").hasPrefix("ok      Documents: scanner “test:0” is there."), out.stdout)
        try (base + "\n[scanner]\ndocuments = genesys:libusb:001:004\n").write(toFile: conf, atomically: true, encoding: .utf8)
        out = try doctor(conf)
        XCTAssertEqual(out.status, 1)
        XCTAssertTrue(lines(out, "Documents").hasPrefix("PROBLEM Documents: the scanner “genesys:libusb:001:004” named in [scanner] documents is not listed (SANE sees: test:0)."), out.stdout)
        XCTAssertTrue(lines(out, "Documents").contains("scanner (or lp) group"), out.stdout)
        try (base + "\n[scanner]\ndocuments = none\n").write(toFile: conf, atomically: true, encoding: .utf8)
        out = try doctor(conf, lang: "vi")
        XCTAssertTrue(lines(out, "Giấy tờ").hasPrefix("ổn      Giấy tờ: trạm không quét giấy tờ"), out.stdout)
    }

    /// No operator is a warning (nobody could quit the kiosk), not a problem;
    /// once one is added the line says how many.
    func testAStationWithoutAnOperatorIsWarned() throws {
        let conf = try writeOfflineStationConfig(dir: dir)
        try makeDatabase(conf)
        let none = try doctor(conf)
        XCTAssertEqual(lines(none, "Operators"), """
            warning Operators: no operator is set up: nobody can quit the kiosk or see the queue.
                    What to do: kiosk operator add OPERATOR-ID
            """, none.stdout)
        XCTAssertFalse(none.stdout.contains("Operators.\n"), "a warning is not among the problems to fix")

        let added = try runKiosk(["--config", conf, "operator", "add", "lan.nguyen"], stdin: "482913\n482913\n")
        XCTAssertEqual(added.status, 0, added.stderr)
        XCTAssertEqual(lines(try doctor(conf), "Operators"), "ok      Operators: 1 operator set up.")
        XCTAssertTrue(try doctor(conf, lang: "vi").stdout.contains("ổn      Người vận hành: 1 người vận hành."))
    }

    func testAClockFarFromTheServersIsAProblem() throws {
        // The server says 1 January 2020: whatever day the suite runs, this machine is years ahead.
        let server = try server(now: "20200101070000")
        let conf = try writeStationConfig(server, dir: dir)
        let out = try doctor(conf)
        XCTAssertEqual(out.status, 1)
        let clock = lines(out, "Clock")
        XCTAssertTrue(clock.hasPrefix("PROBLEM Clock: this machine's clock is "), out.stdout)
        XCTAssertTrue(clock.contains(" ahead of the server's"), clock)
        XCTAssertTrue(clock.contains("What to do: turn on time sync: timedatectl set-ntp true"), clock)
        XCTAssertTrue(out.stdout.hasSuffix("Problems to fix (1): Provincial server.\n"), out.stdout)
    }

    func testAServerThatIsDownOrNotTrustedOrRefusesTheToken() throws {
        let server = try server()
        let conf = try writeStationConfig(server, dir: dir)
        // Not trusted: the same server without its certificate as ca_file.
        let text = try String(contentsOfFile: conf, encoding: .utf8)
        let untrusted = dir + "/untrusted.conf"
        try text.split(separator: "\n").filter { !$0.hasPrefix("ca_file") }.joined(separator: "\n")
            .write(toFile: untrusted, atomically: true, encoding: .utf8)
        var out = try doctor(untrusted)
        XCTAssertEqual(out.status, 1)
        XCTAssertTrue(lines(out, "Provincial server").hasPrefix("PROBLEM Provincial server: the secure connection (TLS) to \(server.url) failed: "), out.stdout)
        XCTAssertTrue(lines(out, "Provincial server").contains("What to do: check this machine's clock (date); if the province runs its own CA, set [server] ca_file"), out.stdout)

        // A token the server does not know.
        FileManager.default.createFile(atPath: dir + "/token", contents: Data("revoked-token".utf8), attributes: [.posixPermissions: 0o600])
        out = try doctor(conf)
        XCTAssertEqual(out.status, 1)
        XCTAssertEqual(lines(out, "Provincial server"), """
            PROBLEM Provincial server: \(server.url) refuses the station's token (401): wrong, expired or revoked.
                    What to do: enrol the station again: kiosk enroll URL CODE (a new code from the province)
            """)

        // Down.
        server.stop()
        out = try doctor(conf)
        XCTAssertEqual(out.status, 1)
        XCTAssertTrue(lines(out, "Provincial server").hasPrefix("PROBLEM Provincial server: \(server.url) does not answer ("), out.stdout)
        XCTAssertTrue(lines(out, "Provincial server").contains("What to do: check the network cable or Wi-Fi, and [server] url in kiosk.conf"), out.stdout)
        XCTAssertEqual(lines(out, "Clock"), "", "no clock to compare with")
        XCTAssertTrue(out.stdout.hasSuffix("Problems to fix (1): Provincial server.\n"), out.stdout)

        // No token at all: the station is not enrolled.
        try FileManager.default.removeItem(atPath: dir + "/token")
        out = try doctor(conf, lang: "vi")
        XCTAssertEqual(out.status, 1)
        XCTAssertEqual(lines(out, "Máy chủ tỉnh"), """
            LỖI     Máy chủ tỉnh: Không đọc được tệp mã truy cập \(dir)/token.
                    Cách sửa: đăng ký trạm: kiosk enroll URL MÃ (mã do tỉnh cấp)
            """)
    }

    func testFilesOthersCanReadOrTheKioskCannotWriteAreProblems() throws {
        let server = try server(tls: false)
        let conf = try writeStationConfig(server, dir: dir)
        try makeDatabase(conf)
        chmod(dir, 0o755)
        chmod(dir + "/kiosk.sqlite", 0o644)
        chmod(dir + "/token", 0o640)
        chmod(dir + "/attachments", 0o500)
        let out = try doctor(conf)
        XCTAssertEqual(out.status, 1)
        let permissions = lines(out, "Permissions")
        for (path, mode, fix) in [(dir, "755", "chmod 700"), (dir + "/kiosk.sqlite", "644", "chmod 600"), (dir + "/token", "640", "chmod 600")] {
            XCTAssertTrue(permissions.contains("PROBLEM Permissions: other users can read \(path) (mode \(mode)); the station's data is for its owner only.\n        What to do: \(fix) \(path)"), permissions)
        }
        XCTAssertTrue(permissions.contains("PROBLEM Permissions: \(dir)/attachments is read-only (mode 500): the kiosk cannot write to it.\n        What to do: chmod 700 \(dir)/attachments"), permissions)
        // The token file readable by others is refused by the server check as well.
        XCTAssertTrue(lines(out, "Provincial server").contains("readable by others; run: chmod 600 \(dir)/token"), out.stdout)
        XCTAssertTrue(out.stdout.hasSuffix("Problems to fix (2): Permissions, Provincial server.\n"), out.stdout)
    }

    func testAFileOwnedByAnotherUserThanTheDataFoldersIsAProblem() throws {
        try XCTSkipIf(geteuid() != 0, "changing a file's owner needs root")
        let server = try server(tls: false)
        let conf = try writeStationConfig(server, dir: dir)
        try makeDatabase(conf)
        // As after a command run by another user (here: nobody, 65534) in the data folder.
        XCTAssertEqual(chown(dir + "/kiosk.sqlite", 65534, 65534), 0)
        let out = try doctor(conf)
        XCTAssertEqual(out.status, 1)
        let me = PermissionsName.of(geteuid())
        XCTAssertTrue(lines(out, "Permissions").contains("PROBLEM Permissions: \(dir)/kiosk.sqlite belongs to \(PermissionsName.of(65534)), not \(me) (who owns \(dir)): the kiosk running as \(me) cannot write it.\n        What to do: chown \(me): \(dir)/kiosk.sqlite"), out.stdout)
    }

    func testADamagedDatabaseIsAProblemAndDoctorWritesNothingToIt() throws {
        let server = try server(tls: false)
        let conf = try writeStationConfig(server, dir: dir)
        try makeDatabase(conf)
        let path = dir + "/kiosk.sqlite"
        // Pages past the first overwritten: the header reads, the b-trees do not.
        let handle = try XCTUnwrap(FileHandle(forUpdatingAtPath: path))
        let size = try handle.seekToEnd()
        XCTAssertGreaterThan(size, 3 * 4096)
        try handle.seek(toOffset: 4096)
        try handle.write(contentsOf: Data(repeating: 0x5A, count: Int(size) - 4096))
        try handle.close()
        let before = FileManager.default.contents(atPath: path)
        let out = try doctor(conf)
        XCTAssertEqual(out.status, 1)
        let database = lines(out, "Database")
        XCTAssertTrue(database.hasPrefix("PROBLEM Database: \(path)"), out.stdout)
        XCTAssertTrue(database.contains("damaged"), database)
        XCTAssertTrue(database.contains("What to do: stop the kiosk; keep a copy (cp -a \(path)* ELSEWHERE); restore the last backup"), database)
        XCTAssertEqual(FileManager.default.contents(atPath: path), before)
        XCTAssertFalse(FileManager.default.fileExists(atPath: path + "-wal"))

        // A file that is no database at all.
        try Data("not a database, a photo perhaps".utf8).write(to: URL(fileURLWithPath: path))
        let garbage = try doctor(conf)
        XCTAssertEqual(garbage.status, 1)
        XCTAssertTrue(lines(garbage, "Database").hasPrefix("PROBLEM Database: \(path): The database file is damaged."), garbage.stdout)
    }

    func testAKeyFileThatDoesNotOpenTheStationsData() throws {
        let server = try server(tls: false)
        let conf = try writeStationConfig(server, dir: dir)
        // The vault set up with the station's key file (the tests' key material).
        let (config, _) = try KioskConfig.load(path: conf)
        _ = try testStore(config: config)
        var out = try doctor(conf)
        XCTAssertEqual(out.status, 0, out.stdout)
        XCTAssertEqual(lines(out, "Key file"), "ok      Key file: \(dir)/test.key opens the station's data.")

        // Another station's key file, then one others can read.
        let before = FileManager.default.contents(atPath: dir + "/kiosk.sqlite")
        FileManager.default.createFile(atPath: dir + "/test.key", contents: Data(repeating: 7, count: 32), attributes: [.posixPermissions: 0o600])
        out = try doctor(conf)
        XCTAssertEqual(out.status, 1)
        XCTAssertEqual(lines(out, "Key file"), """
            PROBLEM Key file: The key file \(dir)/test.key does not open this database (a different file, or another station's database). Nothing was erased.
                    What to do: put back this station's own key file (from its backup), or leave [security] key_file empty and unlock with the station passphrase
            """)
        XCTAssertEqual(FileManager.default.contents(atPath: dir + "/kiosk.sqlite"), before, "doctor wrote nothing")
        chmod(dir + "/test.key", 0o644)
        out = try doctor(conf)
        XCTAssertEqual(out.status, 1)
        XCTAssertTrue(lines(out, "Key file").hasPrefix("PROBLEM Key file: The key file \(dir)/test.key cannot be used: other users can read it (mode 644); run chmod 600 on it."), out.stdout)
    }

    func testLittleFreeDiskSpaceBelowTheThreshold() throws {
        let server = try server(tls: false)
        let conf = try writeStationConfig(server, dir: dir)
        // No disk has an exabyte free: a full disk, as far as doctor is concerned.
        let out = try doctor(conf, ["--min-free-mb", "1000000000000"])
        XCTAssertEqual(out.status, 1)
        let disk = lines(out, "Disk space")
        XCTAssertTrue(disk.hasPrefix("PROBLEM Disk space: only "), out.stdout)
        XCTAssertTrue(disk.contains(" MB free on the disk holding \(dir) (at least 1000000000000 MB wanted)"), disk)
        XCTAssertTrue(out.stdout.hasSuffix("Problems to fix (1): Disk space.\n"), out.stdout)
        let bad = try doctor(conf, ["--min-free-mb", "lots"])
        XCTAssertEqual(bad.status, 2)
        XCTAssertTrue(bad.stderr.contains("--min-free-mb takes a whole number of megabytes"), bad.stderr)
    }

    func testPrinterFormsAndConfigurationProblems() throws {
        let server = try server(tls: false)
        var conf = try writeStationConfig(server, dir: dir)
        let base = try String(contentsOfFile: conf, encoding: .utf8)
        // A printer program that is not installed, and forms of which one does not load.
        let forms = dir + "/forms"
        try FileManager.default.createDirectory(atPath: forms + "/datasets", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: packageRoot + "/Forms/datasets", toPath: forms + "/ds")
        for file in try FileManager.default.contentsOfDirectory(atPath: forms + "/ds") {
            try FileManager.default.moveItem(atPath: forms + "/ds/" + file, toPath: forms + "/datasets/" + file)
        }
        try FileManager.default.copyItem(atPath: packageRoot + "/Forms/dang-ky-khai-sinh.json", toPath: forms + "/dang-ky-khai-sinh.json")
        try "{ \"id\": \"broken\", ".write(toFile: forms + "/broken.json", atomically: true, encoding: .utf8)
        try (base.replacingOccurrences(of: "directory = \(packageRoot)/Forms", with: "directory = \(forms)")
             + "\n[printer]\ncommand = no-such-receipt-printer -d quay1\n").write(toFile: conf, atomically: true, encoding: .utf8)
        var out = try doctor(conf)
        XCTAssertEqual(out.status, 1)
        XCTAssertEqual(lines(out, "Printer"), """
            PROBLEM Printer: printer command “no-such-receipt-printer -d quay1”: no program no-such-receipt-printer found; receipts will not print (they are saved as files).
                    What to do: install that program or correct [printer] command in kiosk.conf
            """)
        let formLines = lines(out, "Forms")
        XCTAssertTrue(formLines.hasPrefix("PROBLEM Forms: 1 error in \(forms); forms with errors are not used:\n        \(forms)/broken.json:"), formLines)
        XCTAssertTrue(formLines.hasSuffix("What to do: see each error: kiosk forms check \(forms)"), formLines)
        XCTAssertTrue(out.stdout.hasSuffix("Problems to fix (2): Forms, Printer.\n"), out.stdout)

        // A printer that is there.
        try (base + "\n[printer]\ncommand = cat > /dev/null\n").write(toFile: conf, atomically: true, encoding: .utf8)
        out = try doctor(conf)
        XCTAssertEqual(lines(out, "Printer"), "ok      Printer: printer command “cat > /dev/null”: /usr/bin/cat is there.")

        // A configuration with errors: said with its lines, and nothing else is checked.
        conf = dir + "/broken.conf"
        try "[server]\nurl = ftp://example\n[ui]\nidle_timeout_seconds = 1\n".write(toFile: conf, atomically: true, encoding: .utf8)
        out = try doctor(conf)
        XCTAssertEqual(out.status, 1)
        XCTAssertEqual(out.stdout, """
            PROBLEM Configuration: the configuration has errors; the kiosk will not start:
                    \(conf):2: error: bad value for url: “ftp://example”; expected an http:// or https:// URL
                    \(conf):4: error: bad value for idle_timeout_seconds: “1”; expected a whole number from 10 to 3600
                    What to do: correct the lines named in \(conf)
            Problems to fix (1): Configuration.

            """)
        // A configuration others can change.
        conf = dir + "/open.conf"
        try base.write(toFile: conf, atomically: true, encoding: .utf8)
        chmod(conf, 0o666)
        out = try doctor(conf)
        XCTAssertEqual(out.status, 1)
        XCTAssertTrue(lines(out, "Configuration").contains("PROBLEM Configuration: other users can change \(conf) (mode 666): they could send the dossiers elsewhere.\n        What to do: chmod go-w \(conf)"), out.stdout)
    }
}

/// A user's name as doctor says it.
enum PermissionsName {
    static func of(_ uid: uid_t) -> String {
        guard let entry = getpwuid(uid), let name = entry.pointee.pw_name else { return "\(uid)" }
        return String(cString: name)
    }
}

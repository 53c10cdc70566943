import Foundation
import XCTest
import KioskCore
@testable import KioskStore
import KioskTestSupport

/// Permissions, a full disk, a read-only store, a corrupt file and a lost
/// attachments folder.
final class StoreFaultTests: StoreTestCase {
    func mode(_ path: String, file: StaticString = #filePath, line: UInt = #line) -> Int? {
        let p = permissions(path)
        XCTAssertNotNil(p, "\(path) does not exist", file: file, line: line)
        return p.map { $0 & 0o777 }
    }

    func makeDraft(_ store: KioskStore) throws -> Draft {
        try store.createDraft(formID: "thu-nghiem", formVersion: "3", formSource: testFormSource, verification: .pin("9275"))
    }

    // MARK: Permissions

    func testANewStoreIsPrivate() throws {
        let store = try openStore()
        XCTAssertEqual(mode(dataDir), 0o700)
        XCTAssertEqual(mode(attachmentsPath), 0o700)
        XCTAssertEqual(mode(dbPath), 0o600)
        _ = try makeDraft(store)
        XCTAssertEqual(mode(dbPath + "-wal"), 0o600)
        XCTAssertEqual(mode(dbPath + "-shm"), 0o600)
        XCTAssertEqual(store.warnings, [])
    }

    func testEveryFileIsPrivateWhateverTheUmask() throws {
        // umask 000: files made with the defaults would be 0666, folders 0777.
        let saved = umask(0)
        defer { umask(saved) }
        let store = try openStore()
        _ = try makeDraft(store)
        let sha = try store.storeDocument(Array("ảnh căn cước".utf8), mediaType: "image/jpeg")
        for file in [dbPath, dbPath + "-wal", dbPath + "-shm", store.documentPath(sha256: sha)] {
            XCTAssertEqual(mode(file), 0o600, file)
        }
        for folder in [dataDir, attachmentsPath, (store.documentPath(sha256: sha) as NSString).deletingLastPathComponent] {
            XCTAssertEqual(mode(folder), 0o700, folder)
        }
        XCTAssertEqual(store.warnings, [])
    }

    func testALooseDatabaseFileIsTightenedWithAWarning() throws {
        do {
            let store = try openStore()
            _ = try makeDraft(store)
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: dbPath)
        XCTAssertEqual(mode(dbPath), 0o644)
        let store = try openStore()
        XCTAssertEqual(mode(dbPath), 0o600)
        XCTAssertEqual(store.warnings.count, 1, "\(store.warnings)")
        XCTAssertTrue(store.warnings.first?.en.contains(dbPath) ?? false, "\(store.warnings)")
        XCTAssertTrue(store.warnings.first?.en.contains("644") ?? false, "\(store.warnings)")
        XCTAssertFalse(store.warnings.first?.vi.isEmpty ?? true)
        XCTAssertEqual(try store.draftSummaries().count, 1, "the data is kept")
        // Once tightened, no more warnings.
        XCTAssertEqual(try openStore().warnings, [])
    }

    func testLooseFoldersAreTightenedWithWarnings() throws {
        for dir in [dataDir, attachmentsPath] {
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: dir)
        }
        let store = try openStore()
        XCTAssertEqual(mode(dataDir), 0o700)
        XCTAssertEqual(mode(attachmentsPath), 0o700)
        XCTAssertEqual(mode(dbPath), 0o600)
        XCTAssertEqual(store.warnings.count, 2, "\(store.warnings)")
        XCTAssertTrue(store.warnings.contains { $0.en.contains(dataDir) && $0.en.contains("755") }, "\(store.warnings)")
        XCTAssertTrue(store.warnings.contains { $0.en.contains(attachmentsPath) }, "\(store.warnings)")
    }

    func testAGroupWritableAttachmentsFolderIsTightenedToo() throws {
        _ = try openStore()
        try FileManager.default.setAttributes([.posixPermissions: 0o770], ofItemAtPath: attachmentsPath)
        let store = try openStore()
        XCTAssertEqual(mode(attachmentsPath), 0o700)
        XCTAssertEqual(store.warnings.count, 1, "\(store.warnings)")
    }

    func testTighteningRemovesBitsAndNeverAddsThem() throws {
        try FileManager.default.createDirectory(atPath: dataDir, withIntermediateDirectories: true)
        for (given, tightened) in [(0o444, 0o400), (0o640, 0o600), (0o460, 0o400), (0o604, 0o600), (0o400, 0o400), (0o600, 0o600)] {
            let path = dataDir + "/f\(String(given, radix: 8))"
            XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data("x".utf8)))
            XCTAssertEqual(chmod(path, mode_t(given)), 0)
            var warnings: [LocalizedText] = []
            KioskStore.tighten(path, warnings: &warnings)
            XCTAssertEqual(mode(path), tightened, "from \(String(given, radix: 8))")
            XCTAssertEqual(warnings.count, given == tightened ? 0 : 1, "\(warnings)")
        }
    }

    func testAReadOnlyDatabaseFileIsRefusedForWritingAndNotMadeWritable() throws {
        do {
            let store = try openStore()
            try store.saveAnswer(draftID: try makeDraft(store).id, path: "applicant_full_name", raw: secretName)
        }
        // As root, the mode bits stop nothing: the store has to read them.
        XCTAssertEqual(chmod(dbPath, 0o444), 0)
        let before = bytes(dbPath)
        let error = assertStoreError(try openStore())
        guard case .readOnly(let path, .permissions(let bits))? = error else { return XCTFail("got \(String(describing: error))") }
        XCTAssertEqual(path, dbPath)
        XCTAssertEqual(bits, 0o444)
        XCTAssertEqual(error?.userMessage.en, "\(dbPath) is read-only (mode 444): the station cannot write to it and changes nothing there. Tell the station's operator.")
        XCTAssertTrue(error?.userMessage.vi.contains("chỉ cho phép đọc (quyền 444)") ?? false, error?.userMessage.vi ?? "")
        XCTAssertEqual(mode(dbPath), 0o444, "not made writable")
        assertSameBytes(bytes(dbPath), before)

        // To read, it opens, and is left as it is (a warning says it is readable by others).
        let store = try openStore(readOnly: true)
        XCTAssertEqual(try store.status().drafts, 1)
        XCTAssertEqual(mode(dbPath), 0o444)
        XCTAssertTrue(store.warnings.contains { $0.en.contains(dbPath) && $0.en.contains("444") && $0.en.contains("left as it is") }, "\(store.warnings)")
        assertSameBytes(bytes(dbPath), before)
        XCTAssertEqual(files(under: dataDir), ["store.db"], "no -wal or -shm made beside it")
    }

    func testAReadOnlyFolderIsRefusedForWritingAndLeftAlone() throws {
        _ = try openStore()
        for folder in [dataDir, attachmentsPath] {
            XCTAssertEqual(chmod(folder, 0o500), 0)
            let error = assertStoreError(try openStore())
            guard case .readOnly(let path, .permissions(0o500))? = error else { XCTFail("\(folder): got \(String(describing: error))"); continue }
            XCTAssertEqual(path, folder)
            XCTAssertEqual(mode(folder), 0o500)
            XCTAssertEqual(chmod(folder, 0o700), 0)
        }
    }

    func testFileSystemErrorsAreNamed() {
        let path = "/media/usb/var"
        let rofs = StoreError.file(path: path, errno: EROFS)
        guard case .readOnly(path, .fileSystem) = rofs else { return XCTFail("got \(rofs)") }
        XCTAssertEqual(rofs.userMessage.en, "\(path) is on a read-only file system: the station cannot write to it and changes nothing there. Tell the station's operator.")
        XCTAssertEqual(rofs.userMessage.vi, "Không ghi được vào \(path): nằm trên hệ thống tệp chỉ đọc; trạm không thay đổi gì ở đó. Hãy báo cán bộ phụ trách máy.")
        for code in [EACCES, EPERM] {
            let e = StoreError.file(path: path, errno: code)
            guard case .readOnly(path, .noPermission) = e else { return XCTFail("got \(e)") }
            XCTAssertTrue(e.userMessage.en.contains("no permission to write"), e.userMessage.en)
            XCTAssertTrue(e.userMessage.vi.contains("không có quyền ghi"), e.userMessage.vi)
        }
        let other = StoreError.file(path: path, errno: ENOTDIR)
        guard case .file(path, let reason) = other else { return XCTFail("got \(other)") }
        XCTAssertEqual(reason, String(cString: strerror(ENOTDIR)))
    }

    // MARK: Full disk

    func testAFullDiskIsReportedAndEarlierWorkIsIntact() throws {
        let store = try openStore()
        let draft = try makeDraft(store)
        try store.saveAnswers(draftID: draft.id, [("applicant_full_name", secretName), ("member_name[1]", "Trần Văn An")])
        try store.savePosition(draftID: draft.id, page: 1, field: "member_name[1]")
        let pages = try int(store.db, "PRAGMA page_count")
        XCTAssertGreaterThan(pages, 0)
        XCTAssertEqual(try store.db.scalar("PRAGMA max_page_count = \(pages)"), .integer(Int64(pages)))

        let large = "Nội dung rất dài " + String(repeating: "ghi chú bí mật ", count: 20_000)
        let error = assertStoreError(try store.saveAnswer(draftID: draft.id, path: "remark", raw: large))
        let dbError = try XCTUnwrap(error?.databaseError, "expected .database, got \(String(describing: error))")
        XCTAssertEqual(dbError.code.primary, .full)
        XCTAssertTrue(error?.userMessage.vi.contains("Đĩa đã đầy") ?? false, error?.userMessage.vi ?? "")
        XCTAssertTrue(error?.userMessage.en.contains("disk is full") ?? false, error?.userMessage.en ?? "")
        XCTAssertFalse(String(describing: error).contains("ghi chú bí mật"), "the value is not in the error")
        XCTAssertFalse(String(describing: dbError).contains("ghi chú bí mật"), "the value is not in the error")

        // Everything saved before is intact, and the file is sound.
        let answers = Dictionary(try store.answers(draftID: draft.id).map { ($0.name, $0.raw) }, uniquingKeysWith: { a, _ in a })
        XCTAssertEqual(answers, ["applicant_full_name": secretName, "member_name[1]": "Trần Văn An"])
        XCTAssertEqual(try store.draft(id: draft.id)?.field, "member_name[1]")
        XCTAssertEqual(try store.db.integrityCheck(), "ok")
        // Also as seen by another connection (nothing half-committed).
        let raw = try rawConnection(readOnly: true)
        XCTAssertEqual(try int(raw, "SELECT count(*) FROM draft_answers"), 2)
        XCTAssertEqual(try raw.integrityCheck(), "ok")

        // Space again: the same save works.
        _ = try store.db.scalar("PRAGMA max_page_count = 1000000")
        try store.saveAnswer(draftID: draft.id, path: "remark", raw: large)
        XCTAssertEqual(try store.answers(draftID: draft.id).count, 3)
    }

    func testFinalizingOnAFullDiskKeepsTheDraft() throws {
        let form = try loadTestForm()
        let store = try openStore()
        let draft = try makeDraft(store)
        try store.saveAnswer(draftID: draft.id, path: "applicant_full_name", raw: secretName)
        let pages = try int(store.db, "PRAGMA page_count")
        _ = try store.db.scalar("PRAGMA max_page_count = \(pages)")
        let long = String(repeating: "Nguyễn Văn Dài ", count: 2_000)
        let state = completeState(form, members: (1...20).map { "\($0) \(long.prefix(150))" })
        XCTAssertEqual(state.allIssues(), [])
        var error: StoreError?
        // Several dossiers, to be sure to need new pages.
        for _ in 0..<20 {
            let result = Result { () throws(StoreError) -> Dossier in
                try store.finalize(form: form, formSource: testFormSource, state: state, draftID: nil)
            }
            if case .failure(let e) = result { error = e; break }
        }
        XCTAssertEqual(error?.databaseError?.code.primary, .full, "\(String(describing: error))")
        XCTAssertEqual(try store.answers(draftID: draft.id).map(\.raw), [secretName])
        XCTAssertEqual(try store.db.integrityCheck(), "ok")
        let dossiers = try int(store.db, "SELECT count(*) FROM dossiers")
        XCTAssertEqual(try int(store.db, "SELECT count(*) FROM outbox"), dossiers, "no dossier without its outbox entry")
        XCTAssertEqual(try int(store.db, "SELECT count(DISTINCT dossier_id) FROM dossier_history"), dossiers)
    }

    // MARK: Read-only

    func testAReadOnlyStoreReadsButRefusesWrites() throws {
        let draftID: Int64
        do {
            let store = try openStore()
            let draft = try makeDraft(store)
            draftID = draft.id
            try store.saveAnswer(draftID: draft.id, path: "applicant_full_name", raw: secretName)
        }
        let before = bytes(dbPath)
        let store = try openStore(readOnly: true)
        XCTAssertEqual(try store.answers(draftID: draftID).map(\.raw), [secretName])
        XCTAssertEqual(try store.status().drafts, 1)

        let error = assertStoreError(try store.saveAnswer(draftID: draftID, path: "applicant_full_name", raw: "khác"))
        let dbError = try XCTUnwrap(error?.databaseError, "expected .database, got \(String(describing: error))")
        XCTAssertEqual(dbError.code.primary, .readOnly)
        XCTAssertTrue(error?.userMessage.en.contains("read-only") ?? false, error?.userMessage.en ?? "")
        XCTAssertTrue(error?.userMessage.vi.contains("chỉ đọc") ?? false, error?.userMessage.vi ?? "")

        let e2 = assertStoreError(try makeDraft(store))
        XCTAssertEqual(e2?.databaseError?.code.primary, .readOnly, "\(String(describing: e2))")
        let e3 = assertStoreError(try store.savePosition(draftID: draftID, page: 3, field: nil))
        XCTAssertEqual(e3?.databaseError?.code.primary, .readOnly, "\(String(describing: e3))")
        let e4 = assertStoreError(try store.storeDocument([1, 2, 3], mediaType: "image/png"))
        XCTAssertEqual(e4?.databaseError?.code.primary, .readOnly, "\(String(describing: e4))")

        XCTAssertEqual(try store.answers(draftID: draftID).map(\.raw), [secretName])
        assertSameBytes(bytes(dbPath), before, "nothing written")
    }

    func testAReadOnlyStoreWritesNoDocumentFile() throws {
        do {
            let store = try openStore()
            _ = try store.storeDocument(Array("có sẵn".utf8), mediaType: "image/png")
        }
        let store = try openStore(readOnly: true)
        let filesBefore = files(under: attachmentsPath)
        XCTAssertEqual(filesBefore.count, 1)
        let e = assertStoreError(try store.storeDocument([1, 2, 3], mediaType: "image/png"))
        XCTAssertEqual(e?.databaseError?.code.primary, .readOnly, "\(String(describing: e))")
        XCTAssertEqual(files(under: attachmentsPath), filesBefore, "a refused document must not leave a file behind (no row will ever point to it)")
    }

    func testReadOnlyOnAMissingFileFailsWithoutCreatingIt() throws {
        let error = assertStoreError(try openStore(readOnly: true))
        XCTAssertEqual(error?.databaseError?.code.primary, .cantOpen, "\(String(describing: error))")
        XCTAssertFalse(FileManager.default.fileExists(atPath: dbPath))
    }

    // MARK: Corrupt file

    func testACorruptFileIsRefusedAndLeftUnchanged() throws {
        try FileManager.default.createDirectory(atPath: dataDir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        var seed: UInt64 = 0x1234_5678
        let garbage: [UInt8] = (0..<4096).map { _ in
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return UInt8(truncatingIfNeeded: seed >> 33)
        }
        _ = FileManager.default.createFile(atPath: dbPath, contents: Data(garbage), attributes: [.posixPermissions: 0o600])

        for readOnly in [false, true] {
            let error = assertStoreError(try openStore(readOnly: readOnly), "readOnly: \(readOnly)")
            let primary = error?.databaseError?.code.primary
            XCTAssertTrue(primary == .notADatabase || primary == .corrupt, "readOnly \(readOnly): \(String(describing: error))")
            XCTAssertTrue(error?.userMessage.vi.contains("hỏng") ?? false, error?.userMessage.vi ?? "")
            assertSameBytes(bytes(dbPath), garbage, "the damaged file is left byte-for-byte as it was")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: dbPath + "-wal"))
    }

    func testADamagedFileLeftWithItsWriteAheadLogIsClosedUntouched() throws {
        do {
            let store = try openStore()
            _ = try makeDraft(store)
        }
        // A crash: the kiosk had written since its last checkpoint, and its
        // -wal and -shm stay beside the file (copied while it runs).
        let crashed = root + "/crashed"
        try FileManager.default.createDirectory(atPath: crashed, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let (pageSize, indexRoot): (Int, Int)
        do {
            let raw = try rawConnection(readOnly: true)
            pageSize = try int(raw, "PRAGMA page_size")
            indexRoot = try int(raw, "SELECT rootpage FROM sqlite_master WHERE name = 'dossier_answers_key'")
        }
        do {
            let store = try openStore()
            let draft = try makeDraft(store)
            try store.saveAnswer(draftID: draft.id, path: "applicant_full_name", raw: secretName)
            for suffix in ["", "-wal", "-shm"] {
                try FileManager.default.copyItem(atPath: dbPath + suffix, toPath: crashed + "/store.db" + suffix)
            }
        }
        XCTAssertGreaterThan(bytes(crashed + "/store.db-wal").count, 0, "the log holds writes not yet in the file")
        // Then a page of the file is overwritten (one the log does not hold).
        var damaged = bytes(crashed + "/store.db")
        for i in (indexRoot - 1) * pageSize..<indexRoot * pageSize { damaged[i] = UInt8(truncatingIfNeeded: i &* 131 &+ 7) }
        _ = FileManager.default.createFile(atPath: crashed + "/store.db", contents: Data(damaged), attributes: [.posixPermissions: 0o600])

        let error = assertStoreError(try testStore(databasePath: crashed + "/store.db", attachmentsPath: crashed + "/attachments",
                                                    stationID: "T", retentionDays: 30))
        XCTAssertEqual(error?.databaseError?.sql, "PRAGMA quick_check", "\(String(describing: error))")
        // Closing the refused connection must not copy the log into the file.
        assertSameBytes(bytes(crashed + "/store.db"), damaged, "the damaged file is left byte-for-byte as it was")
        XCTAssertGreaterThan(bytes(crashed + "/store.db-wal").count, 0, "the log is kept for whoever restores it")
    }

    func testAFileDamagedFurtherInIsReadButNeverWritten() throws {
        do {
            let store = try openStore()
            let draft = try makeDraft(store)
            try store.saveAnswer(draftID: draft.id, path: "applicant_full_name", raw: secretName)
        }
        // One page overwritten: the root of an index that opening and
        // counting drafts do not read.
        let (pageSize, root): (Int, Int)
        do {
            let raw = try rawConnection(readOnly: true)
            pageSize = try int(raw, "PRAGMA page_size")
            root = try int(raw, "SELECT rootpage FROM sqlite_master WHERE name = 'dossier_answers_key'")
        }
        var damaged = bytes(dbPath)
        XCTAssertGreaterThanOrEqual(damaged.count, root * pageSize)
        for i in (root - 1) * pageSize..<root * pageSize { damaged[i] = UInt8(truncatingIfNeeded: i &* 131 &+ 7) }
        _ = FileManager.default.createFile(atPath: dbPath, contents: Data(damaged), attributes: [.posixPermissions: 0o600])

        let error = assertStoreError(try openStore())
        XCTAssertEqual(error?.databaseError?.code.primary, .corrupt, "\(String(describing: error))")
        XCTAssertEqual(error?.databaseError?.sql, "PRAGMA quick_check")
        XCTAssertTrue(error?.userMessage.en.contains("damaged. Nothing more is written to it") ?? false, error?.userMessage.en ?? "")
        XCTAssertTrue(error?.userMessage.vi.contains("bị hỏng") ?? false, error?.userMessage.vi ?? "")
        XCTAssertFalse(String(describing: error).contains(secretName), "no value in the error")
        assertSameBytes(bytes(dbPath), damaged, "the damaged file is left byte-for-byte as it was")
        // Opened to read only, nothing is written, and what is whole reads.
        let store = try openStore(readOnly: true)
        XCTAssertEqual(try store.status().drafts, 1)
        assertSameBytes(bytes(dbPath), damaged, "reading writes nothing")
    }

    // MARK: Lost attachments folder

    func testADeletedAttachmentsFolderIsRecreatedAndReported() throws {
        let scan: [UInt8] = Array("ảnh căn cước".utf8)
        let sha: String
        do {
            let store = try openStore()
            sha = try store.storeDocument(scan, mediaType: "image/jpeg")
            _ = try store.storeDocument([9, 9, 9], mediaType: "image/jpeg")
        }
        try FileManager.default.removeItem(atPath: attachmentsPath)
        let store = try openStore()
        var isDir: ObjCBool = false
        XCTAssertTrue(FileManager.default.fileExists(atPath: attachmentsPath, isDirectory: &isDir) && isDir.boolValue)
        XCTAssertEqual(mode(attachmentsPath), 0o700)
        XCTAssertEqual(store.warnings.count, 1, "\(store.warnings)")
        let warning = store.warnings.first
        XCTAssertTrue(warning?.en.contains("missing") ?? false, "\(String(describing: warning))")
        XCTAssertTrue(warning?.en.contains("2 files") ?? false, "\(String(describing: warning))")
        XCTAssertTrue(warning?.vi.contains("bị mất") ?? false, "\(String(describing: warning))")
        let e = assertStoreError(try store.documentBytes(sha256: sha))
        guard case .file? = e else { return XCTFail("got \(String(describing: e))") }
        // The next opening has nothing more to say.
        XCTAssertEqual(try openStore().warnings, [])
    }

    func testANewStoreWithoutDocumentsGivesNoWarning() throws {
        _ = try openStore()
        try FileManager.default.removeItem(atPath: attachmentsPath)
        let store = try openStore()
        XCTAssertEqual(store.warnings, [])
        XCTAssertTrue(FileManager.default.fileExists(atPath: attachmentsPath))
    }
}

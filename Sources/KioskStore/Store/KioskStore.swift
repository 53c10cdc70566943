import Foundation
import KioskCore

/// Why the store could not do what was asked, in words for the station.
public enum StoreError: Error, Sendable, CustomStringConvertible {
    case database(DatabaseError)
    /// The file was written by a newer version of the kiosk.
    case newerDatabase(found: Int, known: Int)
    /// A file or folder could not be read or written.
    case file(path: String, reason: String)
    /// A file or folder the station cannot write, so it changes nothing there.
    case readOnly(path: String, cause: ReadOnlyCause)
    /// The vault refused: locked, a wrong passphrase or key, tampered data.
    case vault(VaultError)
    /// Something the caller asked for does not exist (a draft, a dossier).
    case notFound(LocalizedText)
    /// The request itself is wrong (a verification of the wrong shape, …).
    case invalid(LocalizedText)

    public enum ReadOnlyCause: Sendable, Equatable {
        /// Its mode bits leave out the owner's write permission (these bits).
        case permissions(Int)
        /// It is on a file system mounted read-only (EROFS).
        case fileSystem
        /// The system refused (EACCES, EPERM): another owner, an ACL, …
        case noPermission
    }

    /// What a failed system call on `path` means: a read-only file system
    /// and a refused permission by name, anything else in the system's words.
    public static func file(path: String, errno code: Int32) -> StoreError {
        switch code {
        case EROFS: return .readOnly(path: path, cause: .fileSystem)
        case EACCES, EPERM: return .readOnly(path: path, cause: .noPermission)
        default: return .file(path: path, reason: String(cString: strerror(code)))
        }
    }

    public var userMessage: LocalizedText {
        switch self {
        case .database(let e): return e.userMessage
        case .newerDatabase(let found, let known):
            return LocalizedText(
                vi: "Cơ sở dữ liệu do phiên bản kiosk mới hơn tạo ra (phiên bản \(found), máy này biết đến \(known)). Không mở để tránh làm hỏng dữ liệu; hãy cập nhật kiosk.",
                en: "The database was made by a newer kiosk (schema \(found), this one knows \(known)). It is left untouched; update the kiosk.")
        case .file(let path, let reason):
            return LocalizedText(vi: "Không đọc/ghi được \(path): \(reason)", en: "Cannot read or write \(path): \(reason)")
        case .readOnly(let path, .permissions(let mode)):
            let bits = String(mode, radix: 8)
            return LocalizedText(
                vi: "Không ghi được vào \(path): tệp hoặc thư mục chỉ cho phép đọc (quyền \(bits)); trạm không thay đổi gì ở đó. Hãy báo cán bộ phụ trách máy.",
                en: "\(path) is read-only (mode \(bits)): the station cannot write to it and changes nothing there. Tell the station's operator.")
        case .readOnly(let path, .fileSystem):
            return LocalizedText(
                vi: "Không ghi được vào \(path): nằm trên hệ thống tệp chỉ đọc; trạm không thay đổi gì ở đó. Hãy báo cán bộ phụ trách máy.",
                en: "\(path) is on a read-only file system: the station cannot write to it and changes nothing there. Tell the station's operator.")
        case .readOnly(let path, .noPermission):
            return LocalizedText(
                vi: "Không ghi được vào \(path): không có quyền ghi. Hãy báo cán bộ phụ trách máy.",
                en: "\(path) cannot be written: no permission to write there. Tell the station's operator.")
        case .vault(let e):
            return e.userMessage
        case .notFound(let m), .invalid(let m):
            return m
        }
    }

    public var description: String { userMessage.en }
}

/// The local store: drafts kept keystroke by keystroke, finalized dossiers,
/// the upload queue, documents, the audit log and retention. One instance
/// per thread (it owns a SQLite connection).
public final class KioskStore {
    public let db: Database
    public let attachmentsPath: String
    public let stationID: String
    /// The station's agency (QCVN 102), recorded with each dossier it
    /// finalizes; set by `open(config:)`.
    public var agencyCode = ""
    public let retentionDays: Int
    /// The province's key finalized dossiers are sealed to for upload
    /// (`[server] seal_public_key`; set by `open(config:)`). Nil: they are
    /// kept without sealed bytes, and sealed once a key is configured.
    public var sealKey: SealKey?
    /// The clock, replaceable in tests.
    public var now: () -> Date
    /// The operator signed in at this station's screens (an id), if any:
    /// drafts, dossiers and the audit log record it.
    public var operatorID: String?
    /// Where resume codes come from; tests replace it to get stable screens.
    public var makeResumeCode: () -> String = ResumeCode.generate
    /// Problems fixed or found while opening (permissions tightened, a
    /// missing attachments folder), for the operator.
    public private(set) var warnings: [LocalizedText] = []

    /// Commits since the last full sync: a power cut may lose them. The
    /// runtime calls `flushIfDue()` about once a second.
    private var unsyncedSince: Date?

    /// Opened read-only: nothing is written, not even a failed try.
    public let readOnly: Bool
    /// The data key while unlocked (see Vault/).
    var dataKey: DataKey?
    /// Wrong passphrases, when they cannot be written (read-only).
    var memoryFailures = (0, 0)
    /// Rows sealed per transaction when an old database is encrypted, and
    /// what is told after each (the crash test kills between them).
    public var plainMigrationBatch = 500
    public var onPlainMigrationBatch: ((Int) -> Void)?

    public static func open(config: KioskConfig, readOnly: Bool = false, vault: VaultAccess = .locked) throws(StoreError) -> KioskStore {
        let store = try KioskStore(databasePath: config.databasePath, attachmentsPath: config.attachmentsPath,
                                   stationID: config.stationID, retentionDays: config.retentionDays, readOnly: readOnly, vault: vault)
        store.agencyCode = config.agencyCode
        store.sealKey = SealKey(base64: config.sealPublicKey)
        if !readOnly { try store.freezeEarlierDossiers() }
        return store
    }

    public init(databasePath: String, attachmentsPath: String, stationID: String, retentionDays: Int,
                readOnly: Bool = false, now: @escaping () -> Date = Date.init, vault: VaultAccess = .locked) throws(StoreError) {
        self.readOnly = readOnly
        self.attachmentsPath = attachmentsPath
        self.stationID = stationID
        self.retentionDays = retentionDays
        self.now = now
        let fm = FileManager.default
        let folder = (databasePath as NSString).deletingLastPathComponent
        let attachmentsMissing = !fm.fileExists(atPath: attachmentsPath)
        if !readOnly {
            for dir in [folder, attachmentsPath] where !dir.isEmpty {
                try Self.ensurePrivateFolder(dir, warnings: &warnings)
            }
        }
        let existed = fm.fileExists(atPath: databasePath)
        if !existed && !readOnly {
            // Create the file 0600 before SQLite does, so that it is never
            // readable by others, not even for a moment (whatever the
            // umask); SQLite gives its -wal and -shm files the same permissions.
            try Self.createPrivateFile(databasePath)
        } else if existed && !readOnly {
            if let problem = Self.writeProblem(databasePath) { throw problem }
            Self.tighten(databasePath, warnings: &warnings)
        } else if existed {
            // Opened to read: nothing is changed, not even permissions.
            for path in [folder, attachmentsPath, databasePath] where !path.isEmpty && fm.fileExists(atPath: path) {
                Self.tighten(path, warnings: &warnings, change: false)
            }
        }
        // A reader of a WAL database makes a -wal and a -shm file beside it
        // and, unable to write, leaves them there; on a read-only file
        // system it cannot make them at all. So a store opened to read is
        // read as immutable (no locks, no files made) when nothing can
        // change it (a read-only file system) or nobody has it open (no
        // -wal: every connection in WAL mode keeps one, and the last to
        // close removes it). Otherwise those files are there already, and
        // SQLite reads through them.
        let immutable = readOnly && ((access(databasePath, W_OK) != 0 && errno == EROFS) || !fm.fileExists(atPath: databasePath + "-wal"))
        let walExisted = fm.fileExists(atPath: databasePath + "-wal")
        do {
            db = try Database(path: databasePath, mode: readOnly ? (immutable ? .immutable : .readOnly) : .readWrite)
            // A -wal left by a crash is copied into the file when the last
            // connection closes: not before the file is known to be whole.
            // (Without one, closing writes nothing and removes the empty
            // log this connection made.)
            if walExisted { db.setCheckpointOnClose(false) }
            // Reading the header first: a corrupt or foreign file fails here,
            // and a file from a newer kiosk is refused, before anything
            // (even the switch to WAL) is written to it.
            let version = try db.userVersion
            if version > Schema.migrator.latestVersion { throw StoreError.newerDatabase(found: version, known: Schema.migrator.latestVersion) }
            // A file that is damaged further in (pages overwritten) reads
            // fine until something walks those pages. Before anything is
            // written, every page is checked once: writing to a damaged
            // file spreads the damage, and hides what a restore needs.
            if !readOnly {
                let problems = try db.quickCheck()
                if problems != "ok" {
                    // SQLite's findings name pages and rows, never values.
                    throw DatabaseError(code: .corrupt, message: "quick_check: " + (problems.split(separator: "\n").first.map(String.init) ?? problems),
                                        sql: "PRAGMA quick_check")
                }
                db.setCheckpointOnClose(true)
            }
            // Erased data is overwritten with zeros, not just unlinked from the b-tree.
            try db.execute("PRAGMA secure_delete = ON")
            // Sorts and VACUUM work in memory: no temporary file of SQLite's
            // ever holds a page of the database.
            try db.execute("PRAGMA temp_store = MEMORY")
            if !readOnly {
                try db.execute("PRAGMA journal_mode = WAL")
                try db.setDurability(.normal)
            }
            try db.execute("PRAGMA foreign_keys = ON")
        } catch let e as StoreError {
            throw e
        } catch let e as DatabaseError {
            throw .database(e)
        } catch {
            throw .file(path: databasePath, reason: "\(error)")
        }
        if !readOnly {
            do {
                try Schema.migrator.migrate(db)
            } catch {
                switch error {
                case .newerDatabase(let found, let known): throw .newerDatabase(found: found, known: known)
                case .database(let e): throw .database(e)
                }
            }
        }
        // The data key, when the caller has a way to it; else the store
        // stays locked until `unlock` (the kiosk's operator screen).
        try unlock(vault)
        if existed && attachmentsMissing {
            // The folder was deleted or never restored with the database.
            let missing = (try? db.scalar("SELECT count(*) FROM documents")).flatMap { v -> Int? in
                if case .integer(let n) = v { return Int(n) } else { return nil }
            } ?? 0
            if missing > 0 {
                warnings.append(LocalizedText(
                    vi: "Thư mục tài liệu \(attachmentsPath) bị mất: thiếu \(missing) tệp; hồ sơ dùng chúng cần đính kèm lại.",
                    en: "The documents folder \(attachmentsPath) was missing: \(missing) files are gone; the dossiers using them need them attached again."))
            }
        }
    }

    /// Creates a folder 0700 (with its parents), or checks that an existing
    /// one can be written and tightens it.
    static func ensurePrivateFolder(_ path: String, warnings: inout [LocalizedText]) throws(StoreError) {
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDir) {
            guard isDir.boolValue else { throw .file(path: path, reason: "not a folder") }
            if let problem = writeProblem(path) { throw problem }
            tighten(path, warnings: &warnings)
        } else {
            try makePrivateFolder(path)
        }
    }

    /// mkdir -p, each folder made 0700 exactly: mkdir(2) is given the mode
    /// (a umask can only narrow it, never widen it, even for a moment),
    /// then chmod sets it whatever the umask took away.
    private static func makePrivateFolder(_ path: String) throws(StoreError) {
        let parent = (path as NSString).deletingLastPathComponent
        if !parent.isEmpty && parent != path && !FileManager.default.fileExists(atPath: parent) {
            try makePrivateFolder(parent)
        }
        if mkdir(path, 0o700) != 0 {
            let code = errno
            if code == EEXIST { return }
            // Refused: the folder that could not be written is the parent.
            throw .file(path: code == EACCES && !parent.isEmpty ? parent : path, errno: code)
        }
        chmod(path, 0o700)
    }

    /// Creates a new, empty file 0600: open(2) with the mode, then fchmod,
    /// so that no umask makes it readable by others, not even for a moment.
    static func createPrivateFile(_ path: String) throws(StoreError) {
        let fd = Glibc.open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            let code = errno
            let folder = (path as NSString).deletingLastPathComponent
            throw .file(path: code == EACCES && !folder.isEmpty ? folder : path, errno: code)
        }
        fchmod(fd, 0o600)
        close(fd)
    }

    /// Why the station cannot write an existing file or folder, if it
    /// cannot: a read-only file system, then the owner's write bit, which
    /// access(2) ignores for root (an operator's `chmod 444` is meant for
    /// root too), then whatever access(2) says.
    static func writeProblem(_ path: String) -> StoreError? {
        let refused = access(path, W_OK) != 0
        let code = errno
        if refused && code == EROFS { return .readOnly(path: path, cause: .fileSystem) }
        var info = stat()
        if stat(path, &info) == 0, info.st_mode & S_IWUSR == 0, geteuid() == 0 || geteuid() == info.st_uid {
            return .readOnly(path: path, cause: .permissions(Int(info.st_mode) & 0o7777))
        }
        return refused ? .file(path: path, errno: code) : nil
    }

    /// Removes group and other permissions from a file or folder that has
    /// them, with a warning: personal data must not be readable by others.
    /// It only ever removes bits: a read-only file stays read-only. With
    /// `change: false` (the store opened to read) it only warns.
    static func tighten(_ path: String, warnings: inout [LocalizedText], change: Bool = true) {
        var info = stat()
        guard stat(path, &info) == 0 else { return }
        let current = Int(info.st_mode) & 0o7777
        guard current & 0o077 != 0 else { return }
        let tightened = current & ~0o077
        let was = String(current, radix: 8), now = String(tightened, radix: 8)
        if !change {
            warnings.append(LocalizedText(
                vi: "Quyền truy cập của \(path) quá rộng (\(was)); để nguyên vì chỉ mở để đọc.",
                en: "\(path) is readable by others (\(was)); left as it is, since it was opened read-only."))
        } else if chmod(path, mode_t(tightened)) == 0 {
            warnings.append(LocalizedText(
                vi: "Quyền truy cập của \(path) quá rộng (\(was)); đã sửa thành \(now).",
                en: "\(path) was readable by others (\(was)); tightened to \(now)."))
        } else {
            let reason = String(cString: strerror(errno))
            warnings.append(LocalizedText(
                vi: "Quyền truy cập của \(path) quá rộng (\(was)) và không sửa được: \(reason).",
                en: "\(path) is readable by others (\(was)) and could not be tightened: \(reason)."))
        }
    }

    // MARK: Durability

    /// After a write made with normal durability: remember that a power cut
    /// could lose it until the next full sync.
    func noteUnsynced() {
        if unsyncedSince == nil { unsyncedSince = now() }
    }

    /// Makes every commit so far durable against power loss: a tiny write
    /// committed with synchronous=FULL fsyncs the write-ahead log, which
    /// holds all earlier commits too.
    public func flush() throws(StoreError) {
        do {
            try db.setDurability(.full)
            defer { try? db.setDurability(.normal) }
            try db.execute("INSERT INTO meta (key, value) VALUES ('last_sync', ?1) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                           [.int(Int(now().timeIntervalSince1970))])
            unsyncedSince = nil
        } catch {
            throw .database(error)
        }
    }

    /// Flushes when commits have waited a second or more: so a power cut
    /// loses at most about the last second of typing.
    public func flushIfDue() throws(StoreError) {
        if let since = unsyncedSince, now().timeIntervalSince(since) >= 1 { try flush() }
    }

    // MARK: Audit and meta

    public enum AuditEvent: String, Sendable {
        case draftCreated = "draft_created", draftResumed = "draft_resumed", draftResumeFailed = "draft_resume_failed"
        case draftLocked = "draft_locked", draftDeleted = "draft_deleted", draftMigrated = "draft_migrated"
        case dossierFinalized = "dossier_finalized", dossierUploaded = "dossier_uploaded", dossierNeedsAttention = "dossier_needs_attention"
        case purged = "purged"
        case operatorAdded = "operator_added", operatorRemoved = "operator_removed", operatorSignedIn = "operator_signed_in"
        case operatorSignInFailed = "operator_sign_in_failed", operatorLocked = "operator_locked"
        case dossierWithdrawn = "dossier_withdrawn", dossierReplaced = "dossier_replaced", sendNow = "send_now"
    }

    /// Records what was done, never with personal data: ids, codes and counts only.
    func audit(_ event: AuditEvent, formID: String? = nil, draftID: Int64? = nil, dossierID: Int64? = nil, detail: String = "") throws(DatabaseError) {
        try db.execute("INSERT INTO audit_log (at, event, form_id, draft_id, dossier_id, detail, operator_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", [
            .int(timestamp), .text(event.rawValue), .optional(formID),
            draftID.map(SQLValue.integer) ?? .null, dossierID.map(SQLValue.integer) ?? .null, .text(detail), .optional(operatorID),
        ])
    }

    public struct AuditEntry: Sendable, Equatable {
        public var at: Int
        public var event: String
        public var formID: String?
        public var detail: String
        /// The operator signed in when it was done (an id), if any.
        public var operatorID: String? = nil
    }

    public func auditLog() throws(StoreError) -> [AuditEntry] {
        do {
            return try db.query("SELECT at, event, form_id, detail, operator_id FROM audit_log ORDER BY id") { s throws(DatabaseError) in
                AuditEntry(at: s.int(0), event: s.string(1) ?? "", formID: s.string(2), detail: s.string(3) ?? "", operatorID: s.string(4))
            }
        } catch { throw .database(error) }
    }

    func meta(_ key: String) throws(DatabaseError) -> String? {
        if case .text(let v) = try db.scalar("SELECT value FROM meta WHERE key = ?1", [.text(key)]) { return v }
        return nil
    }

    func setMeta(_ key: String, _ value: String) throws(DatabaseError) {
        try db.execute("INSERT INTO meta (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value", [.text(key), .text(value)])
    }

    /// Now, in Unix seconds, by the store's clock (`now`, replaceable in tests).
    public var timestamp: Int { Int(now().timeIntervalSince1970) }

    /// Runs `body` in a transaction, mapping errors to StoreError.
    func write<T>(_ body: () throws -> T) throws(StoreError) -> T {
        do {
            return try db.transaction(body)
        } catch let e as DatabaseError {
            throw .database(e)
        } catch let e as StoreError {
            throw e
        } catch {
            throw .file(path: db.path, reason: "\(error)")
        }
    }

    /// Rows of a query, each read by `row`, which may open sealed values
    /// (and so throw a StoreError).
    func rows<T>(_ sql: String, _ values: [SQLValue] = [], _ row: (Statement) throws(StoreError) -> T) throws(StoreError) -> [T] {
        let s: Statement
        do {
            s = try db.cached(sql)
            try s.bind(values)
        } catch { throw .database(error) }
        defer { s.reset() }
        var out: [T] = []
        while true {
            let more: Bool
            do { more = try s.step() } catch { throw .database(error) }
            if !more { break }
            out.append(try row(s))
        }
        return out
    }

    /// Runs `body` as it is (no transaction: a single statement, or one
    /// that needs none), turning its DatabaseError into a StoreError.
    /// Reads and one-statement writes use it alike.
    func mappingErrors<T>(_ body: () throws(DatabaseError) -> T) throws(StoreError) -> T {
        do { return try body() } catch { throw .database(error) }
    }
}

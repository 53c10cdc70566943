import Foundation
import KioskCore

/// A draft being filled: where the person was, and how to find it again.
public struct Draft: Sendable, Equatable {
    public var id: Int64
    public var resumeCode: String
    public var formID: String
    public var formVersion: String
    public var page: Int
    public var field: String?
    public var createdAt: Int
    public var updatedAt: Int
}

/// What the citizen gives to resume a draft besides its code: four digits,
/// either the last four of their id number or a PIN they chose.
public enum Verification: Sendable, Equatable {
    case pin(String)
    case idLast4(String)

    public var digits: String {
        switch self { case .pin(let d), .idLast4(let d): return d }
    }

    var kind: String {
        switch self { case .pin: return "pin"; case .idLast4: return "id_last4" }
    }

    /// The last four digits of a personal id number.
    public static func fromIDNumber(_ id: String) -> Verification? {
        let digits = id.filter(\.isWholeNumber)
        guard digits.count >= 4 else { return nil }
        return .idLast4(String(digits.suffix(4)))
    }

    /// Checks the shape: exactly four digits.
    public func validated() throws(StoreError) -> Verification {
        guard digits.count == 4, digits.allSatisfy({ $0.isASCII && $0.isWholeNumber }) else {
            throw .invalid(LocalizedText(vi: "Cần đúng 4 chữ số.", en: "Exactly 4 digits are needed."))
        }
        return self
    }
}

/// Short codes a person can read aloud and copy by hand: six characters from
/// an alphabet without look-alikes (no 0/O, 1/I/L, 2/Z, 5/S, 6/G, 8/B).
public enum ResumeCode {
    public static let alphabet: [Character] = Array("ACDEFHJKMNPQRTUVWXY3479")
    public static let length = 6

    public static func generate() -> String {
        String((0..<length).map { _ in alphabet[Int(Crypto.random(below: UInt32(alphabet.count)))] })
    }

    /// What a person typed, as a code: case, spaces and dashes ignored. A
    /// character outside the alphabet makes it no code at all.
    public static func normalize(_ input: String) -> String? {
        let out = String(input.uppercased().filter { !$0.isWhitespace && $0 != "-" })
        guard out.count == length, out.allSatisfy(alphabet.contains) else { return nil }
        return out
    }
}

/// Why a draft could not be resumed. An unknown code and a wrong
/// verification read the same, so that guessing learns nothing.
public enum ResumeError: Error, Sendable, Equatable {
    case wrongCodeOrVerification(triesLeft: Int?)
    case locked(until: Date)

    public var message: LocalizedText {
        switch self {
        case .wrongCodeOrVerification:
            return LocalizedText(vi: "Mã tiếp tục hoặc thông tin xác minh không đúng.",
                                 en: "The resume code or the verification is not right.")
        case .locked(let until):
            return lockedMessage(until: until, now: Date())
        }
    }

    /// The message, counting the minutes left from `now` (the store's clock).
    public func message(now: Date) -> LocalizedText {
        if case .locked(let until) = self { return lockedMessage(until: until, now: now) }
        return message
    }

    private func lockedMessage(until: Date, now: Date) -> LocalizedText {
        let minutes = max(1, Int((until.timeIntervalSince(now) / 60).rounded(.up)))
        return LocalizedText(vi: "Hồ sơ này tạm khoá vì nhập sai nhiều lần. Hãy thử lại sau \(minutes) phút.",
                             en: "This draft is locked after too many wrong tries. Try again in \(minutes) minutes.")
    }
}

/// What the operator sees of a draft at the shell: nothing personal.
public struct DraftSummary: Sendable, Equatable {
    public var id: Int64
    public var resumeCode: String
    public var formID: String
    public var formVersion: String
    public var updatedAt: Int
    public var answered: Int
    public var requiredTotal: Int
    /// The operator who helped start it, if any.
    public var operatorID: String? = nil
}

extension KioskStore {
    public static let maxResumeTries = 5
    public static let lockSeconds = 15 * 60

    /// Keeps a form version's definition, so a draft or dossier made with it
    /// can be opened after the form has changed.
    public func rememberForm(id: String, version: String, source: [UInt8]) throws(StoreError) {
        try mappingErrors { () throws(DatabaseError) in
            try db.execute("INSERT OR IGNORE INTO form_versions (form_id, version, source, stored_at) VALUES (?1, ?2, ?3, ?4)",
                           [.text(id), .text(version), .blob(source), .int(timestamp)])
        }
    }

    public func formSource(id: String, version: String) throws(StoreError) -> [UInt8]? {
        try mappingErrors { () throws(DatabaseError) in
            if case .blob(let b) = try db.scalar("SELECT source FROM form_versions WHERE form_id = ?1 AND version = ?2", [.text(id), .text(version)]) { return b }
            return nil
        }
    }

    /// Starts a draft; its form version is remembered with it.
    public func createDraft(formID: String, formVersion: String, formSource: [UInt8], verification: Verification,
                            replaces: String? = nil) throws(StoreError) -> Draft {
        let v = try verification.validated()
        let hash = Crypto.hashSecret(v.digits)
        let t = timestamp
        let draft = try write { () throws -> Draft in
            try rememberForm(id: formID, version: formVersion, source: formSource)
            // A code collision is unlikely (23⁶ codes); try again if it happens.
            for _ in 0..<20 {
                let code = makeResumeCode()
                if try db.scalar("SELECT 1 FROM drafts WHERE resume_code = ?1", [.text(code)]) != nil { continue }
                try db.execute("""
                    INSERT INTO drafts (resume_code, form_id, form_version, created_at, updated_at, verifier, verifier_kind, operator_id, replaces)
                    VALUES (?1, ?2, ?3, ?4, ?4, ?5, ?6, ?7, ?8)
                    """, [.text(code), .text(formID), .text(formVersion), .int(t), .text(hash), .text(v.kind), .optional(operatorID), .optional(replaces)])
                let id = db.lastInsertRowID
                try audit(.draftCreated, formID: formID, draftID: id)
                return Draft(id: id, resumeCode: code, formID: formID, formVersion: formVersion, page: 0, field: nil, createdAt: t, updatedAt: t)
            }
            throw StoreError.invalid(LocalizedText(vi: "Không tạo được mã tiếp tục.", en: "Could not make a resume code."))
        }
        try flush()
        return draft
    }

    /// Saves one answer: a one-row upsert, committed before the next key is
    /// handled. Survives a crash of the kiosk at once, and a power cut after
    /// the next `flush()` (leaving the field) or `flushIfDue()` (a second).
    public func saveAnswer(draftID: Int64, path: String, raw: String) throws(StoreError) {
        try saveAnswers(draftID: draftID, [(path, raw)])
    }

    /// Saves several answers in one commit (an edit and the computed values
    /// it changed).
    public func saveAnswers(draftID: Int64, _ answers: [(path: String, raw: String)]) throws(StoreError) {
        let t = timestamp
        try write { () throws in
            try db.execute("UPDATE drafts SET updated_at = ?2 WHERE id = ?1", [.integer(draftID), .int(t)])
            if db.changes == 0 { throw StoreError.notFound(LocalizedText(vi: "Không còn hồ sơ đang làm này.", en: "This draft no longer exists.")) }
            for (path, raw) in answers {
                try db.execute("""
                    INSERT INTO draft_answers (draft_id, path, value) VALUES (?1, ?2, ?3)
                    ON CONFLICT (draft_id, path) DO UPDATE SET value = excluded.value
                    """, [.integer(draftID), .text(path), try seal(raw, .draftAnswer, draftID, path)])
                try noteDraftFile(draftID: draftID, path: path, raw: raw)
            }
        }
        noteUnsynced()
    }

    /// Keeps `draft_files` in step with an answer: the document a draft
    /// names stays through a purge, now that the answer itself is sealed.
    func noteDraftFile(draftID: Int64, path: String, raw: String) throws(DatabaseError) {
        if raw.hasPrefix("file:") {
            try db.execute("INSERT OR REPLACE INTO draft_files (draft_id, path, sha256) VALUES (?1, ?2, ?3)",
                           [.integer(draftID), .text(path), .text(String(raw.dropFirst(5)))])
        } else {
            try db.execute("DELETE FROM draft_files WHERE draft_id = ?1 AND path = ?2", [.integer(draftID), .text(path)])
        }
    }

    /// Where the person is in the form, and how complete it is.
    public func savePosition(draftID: Int64, page: Int, field: String?, answered: Int? = nil, requiredTotal: Int? = nil) throws(StoreError) {
        try mappingErrors { () throws(DatabaseError) in
            try db.execute("""
                UPDATE drafts SET page = ?2, field = ?3, answered = coalesce(?4, answered),
                    required_total = coalesce(?5, required_total), updated_at = ?6 WHERE id = ?1
                """, [.integer(draftID), .int(page), .optional(field), .optional(answered), .optional(requiredTotal), .int(timestamp)])
        }
        noteUnsynced()
    }

    public func answers(draftID: Int64) throws(StoreError) -> [(name: String, raw: String)] {
        try rows("SELECT path, value FROM draft_answers WHERE draft_id = ?1", [.integer(draftID)]) { s throws(StoreError) in
            let path = s.string(0) ?? ""
            return (path, try open(s, 1, .draftAnswer, draftID, path) ?? "")
        }
    }

    public func draft(id: Int64) throws(StoreError) -> Draft? {
        try mappingErrors { () throws(DatabaseError) in
            try db.query("SELECT \(Self.draftColumns) FROM drafts WHERE id = ?1", [.integer(id)], Self.readDraft).first
        }
    }

    static let draftColumns = "id, resume_code, form_id, form_version, page, field, created_at, updated_at"

    static func readDraft(_ s: Statement) -> Draft {
        Draft(id: Int64(s.int(0)), resumeCode: s.string(1) ?? "", formID: s.string(2) ?? "", formVersion: s.string(3) ?? "",
              page: s.int(4), field: s.string(5), createdAt: s.int(6), updatedAt: s.int(7))
    }

    /// Finds a draft by its resume code and checks the verification. Five
    /// wrong tries at a code lock it for fifteen minutes.
    ///
    /// A code nobody holds costs exactly what a real code with a wrong
    /// verification costs: one Argon2id check (against a decoy verifier kept
    /// in the store), the same count of tries per typed code, the same
    /// lock and the same answers. So neither the time taken nor the lock
    /// tells whether a code exists.
    public func resumeDraft(code input: String, verification: String) throws -> Draft {
        guard let code = ResumeCode.normalize(input) else { throw ResumeError.wrongCodeOrVerification(triesLeft: nil) }
        let t = timestamp
        struct Row { var draft: Draft; var verifier: String }
        let (found, tries, decoy) = try mappingErrors { () throws(DatabaseError) in
            let found = try db.query("SELECT \(Self.draftColumns), verifier FROM drafts WHERE resume_code = ?1", [.text(code)]) { s throws(DatabaseError) in
                Row(draft: Self.readDraft(s), verifier: s.string(8) ?? "")
            }.first
            let tries = try db.query("SELECT failures, locked_until FROM resume_tries WHERE code = ?1", [.text(code)]) { s throws(DatabaseError) in
                (failures: s.int(0), lockedUntil: s.optionalInt(1))
            }.first
            return (found, tries, try meta("resume_decoy"))
        }
        if let until = tries?.lockedUntil, until > t {
            throw ResumeError.locked(until: Date(timeIntervalSince1970: TimeInterval(until)))
        }
        let digits = verification.filter { !$0.isWhitespace }
        // The decoy is made on the first resume at this station, whichever
        // path it takes, and kept: one hash on every later try, either way.
        let verifier = found?.verifier ?? decoy ?? Crypto.hashSecret(ResumeCode.generate())
        let matches = Crypto.verifySecret(digits, against: verifier)
        if decoy == nil {
            let made = found == nil ? verifier : Crypto.hashSecret(ResumeCode.generate())
            try write { () throws in try setMeta("resume_decoy", made) }
        }
        if let row = found, matches {
            try write { () throws in
                try db.execute("DELETE FROM resume_tries WHERE code = ?1", [.text(code)])
                try audit(.draftResumed, formID: row.draft.formID, draftID: row.draft.id)
            }
            return row.draft
        }
        let failed = (tries?.lockedUntil == nil ? tries?.failures ?? 0 : 0) + 1
        let locks = failed >= Self.maxResumeTries
        try write { () throws in
            try db.execute("""
                INSERT INTO resume_tries (code, failures, last_failure_at, locked_until) VALUES (?1, ?2, ?3, ?4)
                ON CONFLICT (code) DO UPDATE SET failures = excluded.failures, last_failure_at = excluded.last_failure_at,
                                                 locked_until = excluded.locked_until
                """, [.text(code), .int(locks ? 0 : failed), .int(t), locks ? .int(t + Self.lockSeconds) : .null])
            // Tries that no longer count are forgotten, so typed codes do not pile up.
            try db.execute("DELETE FROM resume_tries WHERE last_failure_at < ?1 AND (locked_until IS NULL OR locked_until < ?2)",
                           [.int(t - Self.lockSeconds), .int(t)])
            // The audit names the draft only when there is one; the same row is written either way.
            try audit(locks ? .draftLocked : .draftResumeFailed, formID: found?.draft.formID, draftID: found?.draft.id)
        }
        if locks { throw ResumeError.locked(until: Date(timeIntervalSince1970: TimeInterval(t + Self.lockSeconds))) }
        throw ResumeError.wrongCodeOrVerification(triesLeft: Self.maxResumeTries - failed)
    }

    public func deleteDraft(id: Int64) throws(StoreError) {
        try write { () throws in
            let form = try db.scalar("SELECT form_id FROM drafts WHERE id = ?1", [.integer(id)])
            try db.execute("DELETE FROM drafts WHERE id = ?1", [.integer(id)])
            if case .text(let f) = form { try audit(.draftDeleted, formID: f, draftID: id) }
        }
    }

    /// For the operator at the shell: no personal data.
    public func draftSummaries() throws(StoreError) -> [DraftSummary] {
        try mappingErrors { () throws(DatabaseError) in
            try db.query("SELECT resume_code, form_id, form_version, updated_at, answered, required_total, id, operator_id FROM drafts ORDER BY updated_at DESC") { s throws(DatabaseError) in
                DraftSummary(id: Int64(s.int(6)), resumeCode: s.string(0) ?? "", formID: s.string(1) ?? "", formVersion: s.string(2) ?? "",
                             updatedAt: s.int(3), answered: s.int(4), requiredTotal: s.int(5), operatorID: s.string(7))
            }
        }
    }
}

extension KioskStore {
    /// Starts a draft of a loaded form.
    public func createDraft(form: FormDefinition, verification: Verification) throws(StoreError) -> Draft {
        try createDraft(formID: form.id, formVersion: form.version, formSource: form.source, verification: verification)
    }

    /// The form version a draft was started with, loaded from the copy kept
    /// with it (the current Forms/ may hold a newer version).
    public func formDefinition(of draft: Draft, datasets: DatasetCatalog) throws(StoreError) -> FormDefinition {
        try formDefinition(id: draft.formID, version: draft.formVersion, datasets: datasets)
    }

    /// A form version kept with the drafts and dossiers made with it.
    public func formDefinition(id: String, version: String, datasets: DatasetCatalog) throws(StoreError) -> FormDefinition {
        guard let source = try formSource(id: id, version: version) else {
            throw .notFound(LocalizedText(vi: "Không còn bản biểu mẫu của hồ sơ này.", en: "The form version of this draft is missing."))
        }
        let (form, diagnostics) = FormLoader.load(bytes: source, file: "\(id)@\(version)", datasets: datasets)
        guard let form else {
            let first = diagnostics.first(where: \.isError)?.message.en ?? ""
            throw .invalid(LocalizedText(vi: "Bản biểu mẫu cũ không mở được: \(first)", en: "The old form version cannot be opened: \(first)"))
        }
        return form
    }

    /// Moves a draft to a newer form version with the answers that could be
    /// moved (see `AnswerMigration`), in one transaction.
    public func migrateDraft(_ draft: Draft, to form: FormDefinition, migration: AnswerMigration) throws(StoreError) -> Draft {
        try write { () throws in
            try rememberForm(id: form.id, version: form.version, source: form.source)
            try db.execute("DELETE FROM draft_answers WHERE draft_id = ?1", [.integer(draft.id)])
            try db.execute("DELETE FROM draft_files WHERE draft_id = ?1", [.integer(draft.id)])
            for (name, raw) in migration.answers {
                try db.execute("INSERT OR REPLACE INTO draft_answers (draft_id, path, value) VALUES (?1, ?2, ?3)",
                               [.integer(draft.id), .text(name), try seal(raw, .draftAnswer, draft.id, name)])
                try noteDraftFile(draftID: draft.id, path: name, raw: raw)
            }
            try db.execute("UPDATE drafts SET form_version = ?2, page = 0, field = NULL, updated_at = ?3 WHERE id = ?1",
                           [.integer(draft.id), .text(form.version), .int(timestamp)])
            try audit(.draftMigrated, formID: form.id, draftID: draft.id,
                      detail: "\(draft.formVersion)->\(form.version) moved=\(migration.moved.count) not_moved=\(migration.notMoved.count)")
        }
        try flush()
        var moved = draft
        moved.formVersion = form.version
        moved.page = 0
        moved.field = nil
        return moved
    }
}

extension KioskStore {
    /// Replaces every repeat-item answer (`id[n]`) of the given fields with
    /// `answers`, in one commit: after an item was removed and the later
    /// ones moved up.
    public func replaceItemAnswers(draftID: Int64, fieldIDs: [String], answers: [(path: String, raw: String)]) throws(StoreError) {
        try write { () throws in
            for id in fieldIDs {
                try db.execute("DELETE FROM draft_answers WHERE draft_id = ?1 AND substr(path, 1, ?3) = ?2",
                               [.integer(draftID), .text(id + "["), .int(id.utf8.count + 1)])
                try db.execute("DELETE FROM draft_files WHERE draft_id = ?1 AND substr(path, 1, ?3) = ?2",
                               [.integer(draftID), .text(id + "["), .int(id.utf8.count + 1)])
            }
            for (path, raw) in answers {
                try db.execute("INSERT OR REPLACE INTO draft_answers (draft_id, path, value) VALUES (?1, ?2, ?3)",
                               [.integer(draftID), .text(path), try seal(raw, .draftAnswer, draftID, path)])
                try noteDraftFile(draftID: draftID, path: path, raw: raw)
            }
            try db.execute("UPDATE drafts SET updated_at = ?2 WHERE id = ?1", [.integer(draftID), .int(timestamp)])
        }
        noteUnsynced()
    }
}

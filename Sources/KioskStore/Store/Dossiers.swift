import Foundation
import KioskCore

public enum DossierStatus: String, Sendable {
    /// Finalized here, waiting in the outbox.
    case queued
    /// The provincial server accepted it and gave its official code.
    case accepted
    /// The server refused it for good (422, 409): a helper must act.
    case needsAttention = "needs_attention"
    /// Personal data erased after the retention period.
    case purged
    /// Refused, and withdrawn by an operator with a reason (never sent again).
    case withdrawn
    /// Refused, and corrected by a new dossier that records this one (`replaces`).
    case replaced
}

/// A finalized dossier as the station knows it.
public struct Dossier: Sendable, Equatable {
    public var id: Int64
    public var submissionID: String
    public var receiptNumber: String
    public var formID: String
    public var formVersion: String
    public var procedureCode: String
    public var status: DossierStatus
    public var summary: String?
    public var applicantName: String?
    public var finalizedAt: Int
    public var officialCode: String?
    public var dueDate: String?
    public var acceptedAt: Int?
    public var purgedAt: Int?
    public var earlierCodes: [String]
    /// The station and its agency when the dossier was finalized (nil for
    /// dossiers finalized before they were recorded): what the envelope
    /// sends, whatever kiosk.conf says later.
    public var stationID: String?
    public var agencyCode: String?
    /// The operator who helped (id only), if one was signed in.
    public var operatorID: String? = nil
    /// When its draft was started (nil before schema 6, or without a draft).
    public var startedAt: Int? = nil
    /// The submission id of the refused dossier this one corrects.
    public var replaces: String? = nil
}

/// One document component of a dossier: a file kept here, a document of an
/// earlier dossier (a reference, not a copy), or one to show at the desk.
public struct DossierDocument: Sendable, Equatable {
    public enum Source: Sendable, Equatable {
        case file(sha256: String)
        case reuse(dossierCode: String)
        case desk
    }
    public var component: String
    public var source: Source
}

public struct OutboxEntry: Sendable, Equatable {
    public var dossierID: Int64
    public var submissionID: String
    public var attempts: Int
    public var nextAttemptAt: Int
    public var lastError: String?
}

extension KioskStore {
    static let dossierColumns = """
        id, submission_id, receipt_number, form_id, form_version, procedure_code, status, summary, applicant_name,
        finalized_at, official_code, due_date, accepted_at, purged_at, earlier_codes, station_id, agency_code,
        operator_id, started_at, replaces
        """

    /// A dossier row; its summary and applicant's name opened with the data
    /// key (so a locked store cannot read a dossier that still has them).
    func readDossier(_ s: Statement) throws(StoreError) -> Dossier {
        let id = Int64(s.int(0))
        return Dossier(id: id, submissionID: s.string(1) ?? "", receiptNumber: s.string(2) ?? "", formID: s.string(3) ?? "",
                formVersion: s.string(4) ?? "", procedureCode: s.string(5) ?? "", status: DossierStatus(rawValue: s.string(6) ?? "") ?? .queued,
                summary: try open(s, 7, .summary, id), applicantName: try open(s, 8, .applicantName, id), finalizedAt: s.int(9), officialCode: s.string(10),
                dueDate: s.string(11), acceptedAt: s.optionalInt(12), purgedAt: s.optionalInt(13),
                earlierCodes: (s.string(14) ?? "").split(separator: " ").map(String.init),
                stationID: s.string(15), agencyCode: s.string(16), operatorID: s.string(17), startedAt: s.optionalInt(18), replaces: s.string(19))
    }

    /// Turns a complete form into a dossier in one transaction: its answers
    /// (normalised, visible ones only, with their semantic keys), documents,
    /// history and outbox entry; the draft is deleted; then a full sync, so a
    /// finalized dossier survives a power cut.
    public func finalize(form: FormDefinition, formSource: [UInt8], state: FormState, draftID: Int64?,
                         earlierCodes: [String] = []) throws(StoreError) -> Dossier {
        let issues = state.allIssues()
        guard issues.isEmpty else {
            throw .invalid(LocalizedText(vi: "Biểu mẫu còn \(issues.count) mục cần sửa.", en: "The form still has \(issues.count) problems to fix."))
        }
        let t = timestamp
        let submissionID = UUID().uuidString.lowercased()
        let answers = state.canonicalAnswers
        var documents: [DossierDocument] = []
        for (name, value) in answers {
            guard let path = state.path(named: name), let component = form.fields[path.field].component else { continue }
            if value == "desk" {
                documents.append(DossierDocument(component: component, source: .desk))
            } else if value.hasPrefix("file:") {
                documents.append(DossierDocument(component: component, source: .file(sha256: String(value.dropFirst(5)))))
            } else if value.hasPrefix("reuse:") {
                documents.append(DossierDocument(component: component, source: .reuse(dossierCode: String(value.dropFirst(6)))))
            }
        }
        // Whose dossier it is (ChuHoSo): the applicant, or the people who
        // file together (the bride and groom of a marriage registration).
        func name(_ role: String) -> String? {
            form.fields(withKey: "\(role).full_name").lazy.compactMap { f -> String? in
                guard f.group == nil, case .text(let s) = state.value(FieldPath(field: f.index)) else { return nil }
                return s
            }.first
        }
        let filers = SemanticKeys.filerRoles.compactMap(name)
        let applicant = name("applicant") ?? (filers.isEmpty ? nil : filers.joined(separator: " và "))
        let dossier = try write { () throws -> Dossier in
            try rememberForm(id: form.id, version: form.version, source: formSource)
            // Who helped, when it started, and the refused dossier it corrects: from its draft.
            var started: Int?, helper: String?, replaces: String?
            if let draftID {
                let rows = try db.query("SELECT created_at, operator_id, replaces FROM drafts WHERE id = ?1", [.integer(draftID)]) { s throws(DatabaseError) in
                    (s.optionalInt(0), s.string(1), s.string(2))
                }
                if let r = rows.first { (started, helper, replaces) = r }
            }
            helper = operatorID ?? helper
            let receipt = try nextReceiptNumber()
            try db.execute("""
                INSERT INTO dossiers (submission_id, receipt_number, form_id, form_version, procedure_code, status, summary,
                                      applicant_name, finalized_at, earlier_codes, station_id, agency_code)
                VALUES (?1, ?2, ?3, ?4, ?5, 'queued', NULL, NULL, ?6, ?7, ?8, ?9)
                """, [.text(submissionID), .text(receipt), .text(form.id), .text(form.version), .text(form.procedure.code),
                      .int(t), .text(earlierCodes.joined(separator: " ")),
                      .text(stationID), agencyCode.isEmpty ? .null : .text(agencyCode)])
            let id = db.lastInsertRowID
            try db.execute("UPDATE dossiers SET operator_id = ?2, started_at = ?3, replaces = ?4 WHERE id = ?1",
                           [.integer(id), .optional(helper), .optional(started), .optional(replaces)])
            if let replaces { try markReplaced(submissionID: replaces, by: submissionID, at: t) }
            // Sealed for the row they belong to, now that it has its id.
            try db.execute("UPDATE dossiers SET summary = ?2, applicant_name = ?3 WHERE id = ?1",
                           [.integer(id), try seal(optional: state.summary, .summary, id), try seal(optional: applicant, .applicantName, id)])
            var keyed: [(path: String, key: String?, value: String)] = []
            for (name, value) in answers {
                let key = state.path(named: name).flatMap { form.fields[$0.field].key }
                try db.execute("INSERT INTO dossier_answers (dossier_id, path, key, value) VALUES (?1, ?2, ?3, ?4)",
                               [.integer(id), .text(name), .optional(key), try seal(value, .dossierAnswer, id, name)])
                keyed.append((name, key, value))
            }
            try saveVerifiers(dossierID: id, answers: keyed)
            for d in documents {
                switch d.source {
                case .file(let sha):
                    guard try db.scalar("SELECT 1 FROM documents WHERE sha256 = ?1", [.text(sha)]) != nil else {
                        throw StoreError.notFound(LocalizedText(vi: "Thiếu tệp tài liệu \(d.component); hãy đính kèm lại.",
                                                               en: "The file for document \(d.component) is missing; attach it again."))
                    }
                    try db.execute("INSERT INTO dossier_documents (dossier_id, component, source, sha256) VALUES (?1, ?2, 'file', ?3)",
                                   [.integer(id), .text(d.component), .text(sha)])
                case .reuse(let code):
                    try db.execute("INSERT INTO dossier_documents (dossier_id, component, source, reused_from) VALUES (?1, ?2, 'reuse', ?3)",
                                   [.integer(id), .text(d.component), .text(code)])
                case .desk:
                    try db.execute("INSERT INTO dossier_documents (dossier_id, component, source) VALUES (?1, ?2, 'desk')",
                                   [.integer(id), .text(d.component)])
                }
            }
            try db.execute("INSERT INTO dossier_history (dossier_id, at, status) VALUES (?1, ?2, 'queued')", [.integer(id), .int(t)])
            try db.execute("INSERT INTO outbox (dossier_id, enqueued_at, next_attempt_at) VALUES (?1, ?2, ?2)", [.integer(id), .int(t)])
            if let draftID { try db.execute("DELETE FROM drafts WHERE id = ?1", [.integer(draftID)]) }
            try audit(.dossierFinalized, formID: form.id, draftID: draftID, dossierID: id, detail: receipt)
            let row = try rows("SELECT \(Self.dossierColumns) FROM dossiers WHERE id = ?1", [.integer(id)], readDossier)[0]
            // What the upload sends, sealed to the province now (Upload/SealedUploads.swift).
            if let sealKey { try writeSealedUpload(row, form: form, key: sealKey, stationID: stationID, agencyCode: agencyCode) }
            return row
        }
        try flush()
        return dossier
    }

    /// Dossiers finalized before the station was recorded with each (schema
    /// 3) and not yet accepted get this station's id and agency now, the
    /// best guess at what they were sent with: from here on a changed
    /// kiosk.conf no longer changes them. Once per store.
    func freezeEarlierDossiers() throws(StoreError) {
        guard !agencyCode.isEmpty else { return }
        try write { () throws in
            guard try meta("station_frozen") == nil else { return }
            try db.execute("""
                UPDATE dossiers SET station_id = ?1, agency_code = ?2
                WHERE station_id IS NULL AND status IN ('queued', 'needs_attention')
                """, [.text(stationID), .text(agencyCode)])
            try setMeta("station_frozen", "1")
        }
    }

    /// STATION-YYYYMMDD-NNNN: a receipt number a person can read out before
    /// the server gives the official code. Counted per day, Vietnam time.
    func nextReceiptNumber() throws(DatabaseError) -> String {
        let day = VietnamTime(unix: now().timeIntervalSince1970).dayStamp
        try db.execute("""
            INSERT INTO receipt_sequence (day, last) VALUES (?1, 1)
            ON CONFLICT (day) DO UPDATE SET last = last + 1
            """, [.text(day)])
        guard case .integer(let n) = try db.scalar("SELECT last FROM receipt_sequence WHERE day = ?1", [.text(day)]) else {
            throw DatabaseError(code: .error, message: "receipt sequence missing")
        }
        return "\(stationID)-\(day)-\(String(format: "%04d", n))"
    }

    public func dossier(submissionID: String) throws(StoreError) -> Dossier? {
        try rows("SELECT \(Self.dossierColumns) FROM dossiers WHERE submission_id = ?1", [.text(submissionID)], readDossier).first
    }

    public func dossier(officialCode: String) throws(StoreError) -> Dossier? {
        try rows("SELECT \(Self.dossierColumns) FROM dossiers WHERE official_code = ?1", [.text(officialCode)], readDossier).first
    }

    public func dossier(receiptNumber: String) throws(StoreError) -> Dossier? {
        // As printed, else as typed in another case (a station id in
        // lower case is printed so; a person types what they read).
        if let d = try rows("SELECT \(Self.dossierColumns) FROM dossiers WHERE receipt_number = ?1", [.text(receiptNumber)], readDossier).first { return d }
        return try rows("SELECT \(Self.dossierColumns) FROM dossiers WHERE receipt_number = ?1 COLLATE NOCASE", [.text(receiptNumber)], readDossier).first
    }

    /// The dossier's answers: path, semantic key, normalised value.
    public func dossierAnswers(id: Int64) throws(StoreError) -> [(path: String, key: String?, value: String)] {
        try rows("SELECT path, key, value FROM dossier_answers WHERE dossier_id = ?1", [.integer(id)]) { s throws(StoreError) in
            let path = s.string(0) ?? ""
            return (path, s.string(1), try open(s, 2, .dossierAnswer, id, path) ?? "")
        }
    }

    public func dossierDocuments(id: Int64) throws(StoreError) -> [DossierDocument] {
        try mappingErrors { () throws(DatabaseError) in
            try db.query("SELECT component, source, sha256, reused_from FROM dossier_documents WHERE dossier_id = ?1 ORDER BY component", [.integer(id)]) { s throws(DatabaseError) in
                let source: DossierDocument.Source
                switch s.string(1) {
                case "file": source = .file(sha256: s.string(2) ?? "")
                case "reuse": source = .reuse(dossierCode: s.string(3) ?? "")
                default: source = .desk
                }
                return DossierDocument(component: s.string(0) ?? "", source: source)
            }
        }
    }

    public func history(dossierID: Int64) throws(StoreError) -> [(at: Int, status: String, note: String)] {
        try rows("SELECT at, status, note FROM dossier_history WHERE dossier_id = ?1 ORDER BY at, rowid", [.integer(dossierID)]) { s throws(StoreError) in
            let status = s.string(1) ?? ""
            // A note an operator typed is sealed (a BLOB); the server's reasons and codes are not.
            let note = s.isBlob(2) ? try open(s, 2, .historyNote, dossierID, status) ?? "" : s.string(2) ?? ""
            return (s.int(0), status, note)
        }
    }

    // MARK: What the sync worker reports

    /// The server accepted the dossier: record its official code and due date
    /// and take it off the queue. `durable: false` leaves the full sync to the
    /// caller (the sync worker, once per pass): an acceptance lost in a power
    /// cut only means the dossier is sent again, and the server answers a
    /// replay with the same code.
    public func markAccepted(submissionID: String, officialCode: String, dueDate: String?, durable: Bool = true) throws(StoreError) {
        let t = timestamp
        try write { () throws in
            guard case .integer(let id) = try db.scalar("SELECT id FROM dossiers WHERE submission_id = ?1", [.text(submissionID)]) else {
                throw StoreError.notFound(LocalizedText(vi: "Không có hồ sơ này.", en: "No such dossier."))
            }
            try db.execute("UPDATE dossiers SET status = 'accepted', official_code = ?2, due_date = ?3, accepted_at = ?4 WHERE id = ?1",
                           [.integer(id), .text(officialCode), .optional(dueDate), .int(t)])
            try db.execute("DELETE FROM outbox WHERE dossier_id = ?1", [.integer(id)])
            try db.execute("DELETE FROM sealed_uploads WHERE dossier_id = ?1", [.integer(id)])
            try db.execute("INSERT INTO dossier_history (dossier_id, at, status, note) VALUES (?1, ?2, 'accepted', ?3)", [.integer(id), .int(t), .text(officialCode)])
            try audit(.dossierUploaded, dossierID: id, detail: officialCode)
        }
        if durable { try flush() }
    }

    /// The server refused the dossier for good: keep it, with the reasons, for a helper.
    public func markNeedsAttention(submissionID: String, reasons: String) throws(StoreError) {
        let t = timestamp
        try write { () throws in
            guard case .integer(let id) = try db.scalar("SELECT id FROM dossiers WHERE submission_id = ?1", [.text(submissionID)]) else {
                throw StoreError.notFound(LocalizedText(vi: "Không có hồ sơ này.", en: "No such dossier."))
            }
            try db.execute("UPDATE dossiers SET status = 'needs_attention' WHERE id = ?1", [.integer(id)])
            try db.execute("DELETE FROM outbox WHERE dossier_id = ?1", [.integer(id)])
            try db.execute("INSERT INTO dossier_history (dossier_id, at, status, note) VALUES (?1, ?2, 'needs_attention', ?3)", [.integer(id), .int(t), .text(reasons)])
            try audit(.dossierNeedsAttention, dossierID: id)
        }
    }

    /// Queue entries whose next attempt is due, oldest first (order kept).
    public func dueOutbox(limit: Int = 100) throws(StoreError) -> [OutboxEntry] {
        try mappingErrors { () throws(DatabaseError) in
            try db.query("""
                SELECT o.dossier_id, d.submission_id, o.attempts, o.next_attempt_at, o.last_error
                FROM outbox o JOIN dossiers d ON d.id = o.dossier_id
                WHERE o.next_attempt_at <= ?1 ORDER BY o.enqueued_at, o.dossier_id LIMIT ?2
                """, [.int(timestamp), .int(limit)]) { s throws(DatabaseError) in
                OutboxEntry(dossierID: Int64(s.int(0)), submissionID: s.string(1) ?? "", attempts: s.int(2), nextAttemptAt: s.int(3), lastError: s.string(4))
            }
        }
    }

    /// Every waiting dossier is due at `time` (Unix seconds): now, when the
    /// server takes dossiers again (each dossier's own backoff only guessed
    /// when it would) or the operator asks for a pass; later, when the
    /// server said when to come back (Retry-After). Returns how many changed.
    @discardableResult
    public func setOutboxDue(at time: Int) throws(StoreError) -> Int {
        try mappingErrors { () throws(DatabaseError) in
            try db.execute("UPDATE outbox SET next_attempt_at = ?1 WHERE next_attempt_at <> ?1", [.int(time)])
            return db.changes
        }
    }

    /// A failed attempt: when to try again, and why it failed (no personal data).
    public func recordAttempt(dossierID: Int64, error: String, nextAttemptAt: Int) throws(StoreError) {
        try mappingErrors { () throws(DatabaseError) in
            try db.execute("UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?2, last_error = ?3 WHERE dossier_id = ?1",
                           [.integer(dossierID), .int(nextAttemptAt), .text(error)])
        }
    }
}

extension KioskStore {
    /// Finalizes a loaded form (its own source is kept with the dossier).
    public func finalize(form: FormDefinition, state: FormState, draftID: Int64?, earlierCodes: [String] = []) throws(StoreError) -> Dossier {
        try finalize(form: form, formSource: form.source, state: state, draftID: draftID, earlierCodes: earlierCodes)
    }
}

import Foundation
import KioskCore

/// A dossier waiting or refused, as the operator's screens list it: ids,
/// codes and the server's reasons (paths and messages), no answers.
public struct WaitingDossier: Sendable, Equatable {
    public var submissionID: String
    public var receiptNumber: String
    public var formID: String
    public var formVersion: String
    public var procedureCode: String
    public var status: DossierStatus
    public var finalizedAt: Int
    /// Failed sends so far, and when the next one is due (queued only).
    public var attempts: Int
    public var nextAttemptAt: Int?
    /// Why the last send failed (queued), or the server's reasons (needs attention).
    public var lastError: String?
    public var operatorID: String?
}

/// One of the server's reasons: the path it names (`Fields.child_name`,
/// `Answers.child.full_name`, `MaDoiTuong`, or empty) and its message.
public struct ServerReason: Sendable, Equatable {
    public var path: String
    public var message: String

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    /// The reasons as the sync worker recorded them: "path: message; …"
    /// (SyncError.refused), or one message without a path.
    /// A message that itself holds "; " stays whole: a new reason starts
    /// only where a path (no spaces) and ": " follow.
    public static func parse(_ text: String) -> [ServerReason] {
        var out: [ServerReason] = []
        for part in text.components(separatedBy: "; ") where !part.isEmpty {
            if let colon = part.range(of: ": "), isPath(part[..<colon.lowerBound]) {
                out.append(ServerReason(path: String(part[..<colon.lowerBound]), message: String(part[colon.upperBound...])))
            } else if !out.isEmpty {
                out[out.count - 1].message += "; " + part
            } else {
                out.append(ServerReason(path: "", message: part))
            }
        }
        return out
    }

    private static func isPath(_ s: Substring) -> Bool {
        !s.isEmpty && s.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "._[]-".contains($0)) }
    }
}

extension KioskStore {
    /// Every dossier waiting in the outbox, oldest first, with its state.
    public func waitingDossiers() throws(StoreError) -> [WaitingDossier] {
        try mappingErrors { () throws(DatabaseError) in
            try db.query("""
                SELECT d.submission_id, d.receipt_number, d.form_id, d.form_version, d.procedure_code, d.status, d.finalized_at,
                       o.attempts, o.next_attempt_at, o.last_error, d.operator_id
                FROM outbox o JOIN dossiers d ON d.id = o.dossier_id ORDER BY o.enqueued_at, o.dossier_id
                """) { s throws(DatabaseError) in
                WaitingDossier(submissionID: s.string(0) ?? "", receiptNumber: s.string(1) ?? "", formID: s.string(2) ?? "",
                               formVersion: s.string(3) ?? "", procedureCode: s.string(4) ?? "",
                               status: DossierStatus(rawValue: s.string(5) ?? "") ?? .queued, finalizedAt: s.int(6),
                               attempts: s.int(7), nextAttemptAt: s.optionalInt(8), lastError: s.string(9), operatorID: s.string(10))
            }
        }
    }

    /// Dossiers the server refused, oldest first, each with its reasons
    /// (the last "needs attention" note of its history).
    public func refusedDossiers() throws(StoreError) -> [WaitingDossier] {
        try mappingErrors { () throws(DatabaseError) in
            try db.query("""
                SELECT d.submission_id, d.receipt_number, d.form_id, d.form_version, d.procedure_code, d.status, d.finalized_at,
                       (SELECT h.note FROM dossier_history h WHERE h.dossier_id = d.id AND h.status = 'needs_attention'
                        ORDER BY h.at DESC, h.rowid DESC LIMIT 1), d.operator_id
                FROM dossiers d WHERE d.status = 'needs_attention' ORDER BY d.finalized_at, d.id
                """) { s throws(DatabaseError) in
                WaitingDossier(submissionID: s.string(0) ?? "", receiptNumber: s.string(1) ?? "", formID: s.string(2) ?? "",
                               formVersion: s.string(3) ?? "", procedureCode: s.string(4) ?? "", status: .needsAttention,
                               finalizedAt: s.int(6), attempts: 0, nextAttemptAt: nil, lastError: s.string(7), operatorID: s.string(8))
            }
        }
    }

    /// "Send now": every waiting dossier is due at once (the worker's next
    /// pass, within seconds, sends them). Returns how many wait.
    @discardableResult
    public func sendNow() throws(StoreError) -> Int {
        try write { () throws -> Int in
            try db.execute("UPDATE outbox SET next_attempt_at = ?1", [.int(timestamp)])
            let n = db.changes
            // The worker, waiting between passes (30 s while offline), looks for this each second.
            try setMeta("send_now_at", String(timestamp) + "." + String(Crypto.random(below: 1_000_000)))
            try audit(.sendNow, detail: "dossiers=\(n)")
            return n
        }
    }

    /// The last "send now" asked for at the operator's screen (changes with each).
    public func sendNowRequest() throws(StoreError) -> String? {
        try mappingErrors { () throws(DatabaseError) in try meta("send_now_at") }
    }

    private func refusedID(_ submissionID: String) throws(DatabaseError) -> Int64? {
        guard case .integer(let id) = try db.scalar("SELECT id FROM dossiers WHERE submission_id = ?1 AND status = 'needs_attention'",
                                                    [.text(submissionID)]) else { return nil }
        return id
    }

    private static let notRefused = LocalizedText(vi: "Hồ sơ này không ở trạng thái cần xử lý.", en: "This dossier is not waiting for attention.")

    /// The operator withdraws a refused dossier, with a reason (kept in its
    /// history, sealed like the answers, since it may name people; erased
    /// with it by the retention purge; the audit log keeps the receipt number
    /// only). It is never sent again.
    public func withdraw(submissionID: String, reason: String) throws(StoreError) {
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines).precomposedStringWithCanonicalMapping
        guard !reason.isEmpty else {
            throw .invalid(LocalizedText(vi: "Hãy ghi lý do rút hồ sơ.", en: "Give the reason for withdrawing the dossier."))
        }
        let t = timestamp
        try write { () throws in
            guard let id = try refusedID(submissionID) else { throw StoreError.invalid(Self.notRefused) }
            try db.execute("UPDATE dossiers SET status = 'withdrawn' WHERE id = ?1", [.integer(id)])
            try db.execute("DELETE FROM sealed_uploads WHERE dossier_id = ?1", [.integer(id)])
            try db.execute("INSERT INTO dossier_history (dossier_id, at, status, note) VALUES (?1, ?2, 'withdrawn', ?3)",
                           [.integer(id), .int(t), try seal(reason, .historyNote, id, "withdrawn")])
            let receipt = try db.scalar("SELECT receipt_number FROM dossiers WHERE id = ?1", [.integer(id)])
            try audit(.dossierWithdrawn, dossierID: id, detail: { if case .text(let r) = receipt { return r }; return "" }())
        }
        try flush()
    }

    /// In the transaction that finalizes its correction: the refused dossier
    /// is replaced (never sent again), and its history names the new one.
    func markReplaced(submissionID: String, by newSubmissionID: String, at t: Int) throws {
        guard let id = try refusedID(submissionID) else { throw StoreError.invalid(Self.notRefused) }
        try db.execute("UPDATE dossiers SET status = 'replaced' WHERE id = ?1", [.integer(id)])
        try db.execute("DELETE FROM sealed_uploads WHERE dossier_id = ?1", [.integer(id)])
        try db.execute("INSERT INTO dossier_history (dossier_id, at, status, note) VALUES (?1, ?2, 'replaced', ?3)",
                       [.integer(id), .int(t), .text(newSubmissionID)])
        try audit(.dossierReplaced, dossierID: id, detail: newSubmissionID)
    }

    /// A draft holding a refused dossier's answers, to correct them with
    /// the citizen and finalize a new dossier that records the one it
    /// replaces (`replaces`). The same draft again if one was started. Its
    /// verification is the last four digits of the first filer's id number
    /// (else four random digits: the operator finishes it at once).
    public func startCorrection(submissionID: String, datasets: DatasetCatalog) throws(StoreError) -> (Draft, FormDefinition) {
        let (dossier, existing) = try mappingErrors { () throws(DatabaseError) in
            (try refusedID(submissionID), try db.query("SELECT \(Self.draftColumns) FROM drafts WHERE replaces = ?1", [.text(submissionID)], Self.readDraft).first)
        }
        guard let dossierID = dossier, let d = try rows("SELECT \(Self.dossierColumns) FROM dossiers WHERE id = ?1", [.integer(dossierID)], readDossier).first else {
            throw .invalid(Self.notRefused)
        }
        let form = try formDefinition(id: d.formID, version: d.formVersion, datasets: datasets)
        if let existing { return (existing, form) }
        let answers = try dossierAnswers(id: dossierID)
        let idNumber = SemanticKeys.filerRoles.lazy.compactMap { role in answers.first { $0.key == "\(role).id_number" }?.value }.first
        let verification = idNumber.flatMap(Verification.fromIDNumber) ?? .pin(String(format: "%04d", Int(Crypto.random(below: 10_000))))
        var draft = try createDraft(formID: d.formID, formVersion: d.formVersion, formSource: form.source, verification: verification, replaces: submissionID)
        try saveAnswers(draftID: draft.id, answers.map { ($0.path, $0.value) })
        // It opens on the page of the first answer the server named.
        let reasons = try history(dossierID: dossierID).last { $0.status == DossierStatus.needsAttention.rawValue }.map { ServerReason.parse($0.note) } ?? []
        for r in reasons {
            var path: String?
            if r.path.hasPrefix("Fields.") { path = String(r.path.dropFirst(7)) }
            if r.path.hasPrefix("Answers.") { path = answers.first { $0.key == String(r.path.dropFirst(8)) }?.path }
            guard let path, let field = form.field(path.split(separator: "[").first.map(String.init) ?? path) else { continue }
            try savePosition(draftID: draft.id, page: field.page, field: path)
            draft.page = field.page
            draft.field = path
            break
        }
        try flush()
        return (draft, form)
    }
}

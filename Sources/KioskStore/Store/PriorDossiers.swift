import KioskCore

/// Autofill's side of the store: earlier dossiers of this station found by
/// their official code, the tries at codes, and the answers a draft took
/// from earlier dossiers (with where they came from).
extension KioskStore {
    /// Failed tries at one code before it is locked, and for how long.
    public static let priorTryLimit = 5
    public static let priorLockSeconds = 15 * 60

    /// The dossier this station sent with this official code, as a prior
    /// dossier (unverified: the caller checks the verification). `documentKeys`
    /// gives a document component's meaning (`bride.identity_document`) from
    /// the form id and component code. Nil when there is none or its
    /// personal data was already purged.
    public func priorDossier(officialCode code: String, procedureName: (String) -> String = { $0 },
                             documentKeys: (_ formID: String, _ component: String) -> String? = { _, _ in nil }) throws(StoreError) -> PriorDossier? {
        guard let d = try dossier(officialCode: code) else { return nil }
        return try prior(of: d, code: code, procedureName: procedureName, documentKeys: documentKeys)
    }

    /// The same for a dossier found by this station's receipt number: its
    /// official code when it has one, else the receipt number, names it.
    public func priorDossier(receiptNumber: String, procedureName: (String) -> String = { $0 },
                             documentKeys: (_ formID: String, _ component: String) -> String? = { _, _ in nil }) throws(StoreError) -> PriorDossier? {
        guard let d = try dossier(receiptNumber: receiptNumber) else { return nil }
        return try prior(of: d, code: d.officialCode ?? d.receiptNumber, procedureName: procedureName, documentKeys: documentKeys)
    }

    private func prior(of d: Dossier, code: String, procedureName: (String) -> String,
                       documentKeys: (_ formID: String, _ component: String) -> String?) throws(StoreError) -> PriorDossier? {
        guard d.status != .purged else { return nil }
        var answers: [String: [String]] = [:]
        for a in try dossierAnswers(id: d.id) {
            guard let key = a.key else { continue }
            // A repeat item's answer keeps its place (empty answers are not
            // stored, so a gap stays a gap: the member without an id number).
            let indices = FormState.indices(answerName: a.path)?.indices ?? []
            // An inner group's answers (`line_code[2][3]`) are not carried to later dossiers.
            if indices.count > 1 { continue }
            guard let item = indices.first else { answers[key] = [a.value]; continue }
            var list = answers[key] ?? []
            while list.count < item { list.append("") }
            list[item - 1] = a.value
            answers[key] = list
        }
        // Only files can be reused by reference: a paper shown at the desk
        // then is not held by the agency, nor is one itself reused.
        let documents = try dossierDocuments(id: d.id).compactMap { doc -> PriorDocument? in
            guard case .file = doc.source, let key = documentKeys(d.formID, doc.component) else { return nil }
            return PriorDocument(name: doc.component, keys: [key])
        }
        return PriorDossier(code: code, procedureCode: d.procedureCode, procedureName: procedureName(d.formID),
                            answers: answers, documents: documents, origin: .station)
    }

    // MARK: Tries

    /// Until when a code is locked after too many failed tries, or nil.
    public func priorLockedUntil(code: String) throws(StoreError) -> Int? {
        try mappingErrors { () throws(DatabaseError) in
            let until = try db.scalar("SELECT locked_until FROM prior_tries WHERE code = ?1", [.text(code)])
            guard case .integer(let t)? = until, Int(t) > timestamp else { return nil }
            return Int(t)
        }
    }

    /// Counts a failed try at a code (unknown, or a wrong verification);
    /// returns whether the code is now locked. Tries older than the lock
    /// time are forgotten.
    @discardableResult
    public func recordPriorFailure(code: String) throws(StoreError) -> Bool {
        let t = timestamp
        return try write { () throws -> Bool in
            try db.execute("""
                INSERT INTO prior_tries (code, failures, last_failure_at) VALUES (?1, 1, ?2)
                ON CONFLICT (code) DO UPDATE SET
                    failures = CASE WHEN last_failure_at <= ?2 - ?3 THEN 1 ELSE failures + 1 END,
                    last_failure_at = ?2
                """, [.text(code), .int(t), .int(Self.priorLockSeconds)])
            try db.execute("UPDATE prior_tries SET locked_until = ?2 WHERE code = ?1 AND failures >= ?3",
                           [.text(code), .int(t + Self.priorLockSeconds), .int(Self.priorTryLimit)])
            return db.changes > 0
        }
    }

    /// A right verification forgets the failed tries at the code.
    public func recordPriorSuccess(code: String) throws(StoreError) {
        try write { () throws in try db.execute("DELETE FROM prior_tries WHERE code = ?1", [.text(code)]) }
    }

    // MARK: Prefilled answers of a draft

    /// Writes answers filled from earlier dossiers, with where each came
    /// from, in one commit.
    public func savePrefills(draftID: Int64, _ prefills: [Prefill]) throws(StoreError) {
        let t = timestamp
        try write { () throws in
            try db.execute("UPDATE drafts SET updated_at = ?2 WHERE id = ?1", [.integer(draftID), .int(t)])
            if db.changes == 0 { throw StoreError.notFound(LocalizedText(vi: "Không còn hồ sơ đang làm này.", en: "This draft no longer exists.")) }
            for p in prefills {
                try db.execute("""
                    INSERT INTO draft_answers (draft_id, path, value) VALUES (?1, ?2, ?3)
                    ON CONFLICT (draft_id, path) DO UPDATE SET value = excluded.value
                    """, [.integer(draftID), .text(p.name), try seal(p.raw, .draftAnswer, draftID, p.name)])
                try noteDraftFile(draftID: draftID, path: p.name, raw: p.raw)
                try db.execute("""
                    INSERT INTO draft_prefills (draft_id, path, value, source_code, source_key, old_address)
                    VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                    ON CONFLICT (draft_id, path) DO UPDATE SET value = excluded.value, source_code = excluded.source_code,
                        source_key = excluded.source_key, old_address = excluded.old_address
                    """, [.integer(draftID), .text(p.name), try seal(p.raw, .draftPrefill, draftID, p.name), .text(p.code), .text(p.sourceKey),
                          .int(p.oldAddress ? 1 : 0)])
            }
        }
        try flush()
    }

    /// The answers of a draft that came from earlier dossiers.
    public func prefills(draftID: Int64) throws(StoreError) -> [Prefill] {
        try rows("SELECT path, value, source_code, source_key, old_address FROM draft_prefills WHERE draft_id = ?1 ORDER BY path",
                 [.integer(draftID)]) { s throws(StoreError) in
            let path = s.string(0) ?? ""
            return Prefill(name: path, raw: try open(s, 1, .draftPrefill, draftID, path) ?? "", code: s.string(2) ?? "",
                           sourceKey: s.string(3) ?? "", oldAddress: s.int(4) != 0)
        }
    }
}

extension KioskStore {
    /// Whether `verification` (an id number or phone, as typed) is one
    /// given by whoever filed the dossier: its keyed hash against the
    /// dossier's (`dossier_verifiers`), with no answer decrypted.
    public func verifies(dossierID: Int64, verification: String) throws(StoreError) -> Bool {
        guard let normalized = PriorDossier.normalizedVerification(verification) else { return false }
        let hash = try lookupHash(normalized)
        return try mappingErrors { () throws(DatabaseError) in
            try db.scalar("SELECT 1 FROM dossier_verifiers WHERE dossier_id = ?1 AND hash = ?2", [.integer(dossierID), .blob(hash)]) != nil
        }
    }
}

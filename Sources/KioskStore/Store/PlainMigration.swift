import Foundation
import KioskCore

/// A database written before the vault (schema 3 or older) holds personal
/// values as plain TEXT and documents as plain files. At its first unlock
/// they are sealed, batch by batch, each batch one transaction; then the
/// pages that held them are wiped: VACUUM rewrites the file from the live
/// rows (secure_delete zeroes what is freed, temp_store keeps the copy in
/// memory), and the write-ahead log, which still holds plain frames, is
/// checkpointed and truncated. `vault_wiped` in meta records the end.
///
/// Crash-safe without a journal of its own: what is left plain is found by
/// its type (TEXT, not BLOB; a file whose bytes still hash to its name), so
/// a start after a kill simply carries on, and VACUUM is all or nothing.
extension KioskStore {
    func finishPlainMigration() throws(StoreError) {
        guard !readOnly else { return }
        if try mappingErrors({ () throws(DatabaseError) in try meta("vault_wiped") }) == "1" { return }
        var sealed = 0
        while true {
            let n = try sealPlainBatch()
            if n == 0 { break }
            sealed += n
            onPlainMigrationBatch?(sealed)
        }
        try sealPlainDocuments()
        do {
            try db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            try db.execute("VACUUM")
            try db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            try setMeta("vault_wiped", "1")
            try db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        } catch {
            throw .database(error)
        }
    }

    /// Seals up to `plainMigrationBatch` plain values in one transaction;
    /// how many it sealed.
    private func sealPlainBatch() throws(StoreError) -> Int {
        let limit = max(1, plainMigrationBatch)
        return try write { () throws -> Int in
            var n = 0
            // Draft answers and prefills.
            for (table, column) in [("draft_answers", SealedColumn.draftAnswer), ("draft_prefills", SealedColumn.draftPrefill)] where n < limit {
                let rows = try db.query("SELECT draft_id, path, value FROM \(table) WHERE typeof(value) = 'text' LIMIT ?1", [.int(limit - n)]) { s throws(DatabaseError) in
                    (Int64(s.int(0)), s.string(1) ?? "", s.string(2) ?? "")
                }
                for (id, path, value) in rows {
                    try db.execute("UPDATE \(table) SET value = ?3 WHERE draft_id = ?1 AND path = ?2",
                                   [.integer(id), .text(path), try seal(value, column, id, path)])
                }
                n += rows.count
            }
            // Dossiers: all the answers of one dossier at once, with the
            // keyed hashes of its verifiers.
            if n < limit {
                let ids = try db.query("SELECT DISTINCT dossier_id FROM dossier_answers WHERE typeof(value) = 'text' LIMIT ?1",
                                       [.int(max(1, (limit - n) / 20))]) { s throws(DatabaseError) in Int64(s.int(0)) }
                for id in ids {
                    let rows = try db.query("SELECT path, key, value FROM dossier_answers WHERE dossier_id = ?1 AND typeof(value) = 'text'",
                                            [.integer(id)]) { s throws(DatabaseError) in (s.string(0) ?? "", s.string(1), s.string(2) ?? "") }
                    try saveVerifiers(dossierID: id, answers: rows)
                    for (path, _, value) in rows {
                        try db.execute("UPDATE dossier_answers SET value = ?3 WHERE dossier_id = ?1 AND path = ?2",
                                       [.integer(id), .text(path), try seal(value, .dossierAnswer, id, path)])
                    }
                    n += rows.count
                }
            }
            if n < limit {
                let rows = try db.query("""
                    SELECT id, summary, applicant_name FROM dossiers
                    WHERE typeof(summary) = 'text' OR typeof(applicant_name) = 'text' LIMIT ?1
                    """, [.int(limit - n)]) { s throws(DatabaseError) in (Int64(s.int(0)), s.isBlob(1) ? nil : s.string(1), s.isBlob(2) ? nil : s.string(2)) }
                for (id, summary, applicant) in rows {
                    if let summary {
                        try db.execute("UPDATE dossiers SET summary = ?2 WHERE id = ?1", [.integer(id), try seal(summary, .summary, id)])
                    }
                    if let applicant {
                        try db.execute("UPDATE dossiers SET applicant_name = ?2 WHERE id = ?1", [.integer(id), try seal(applicant, .applicantName, id)])
                    }
                }
                n += rows.count
            }
            return n
        }
    }

    /// Keyed hashes of the id numbers and phones that may open the dossier
    /// (the people who filed it, as `PriorDossier.verifierKeys` says),
    /// normalised as a lookup normalises what is typed.
    func saveVerifiers(dossierID: Int64, answers: [(path: String, key: String?, value: String)]) throws {
        for a in answers {
            guard let key = a.key, PriorDossier.verifierKeys.contains(key), !a.path.contains("["),
                  let normalized = PriorDossier.normalizedVerification(a.value) else { continue }
            try db.execute("INSERT OR IGNORE INTO dossier_verifiers (dossier_id, hash) VALUES (?1, ?2)",
                           [.integer(dossierID), .blob(try lookupHash(normalized))])
        }
    }

    /// Document files still plain (their bytes hash to their name) are
    /// written again sealed, each replaced whole (a rename).
    private func sealPlainDocuments() throws(StoreError) {
        let shas = try mappingErrors { () throws(DatabaseError) in
            try db.query("SELECT sha256 FROM documents") { s throws(DatabaseError) in s.string(0) ?? "" }
        }
        for sha in shas {
            let path = documentPath(sha256: sha)
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            let bytes = Array(data)
            guard !SealedFile.isSealed(bytes), Crypto.sha256(bytes) == sha else { continue }
            try Self.writePrivateFile(try sealFile(bytes, name: sha), to: path)
        }
    }
}

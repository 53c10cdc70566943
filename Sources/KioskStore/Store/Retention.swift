import Foundation
import KioskCore

public struct PurgeReport: Sendable, Equatable {
    public var dossiersPurged = 0
    public var draftsExpired = 0
    public var filesDeleted = 0
}

extension KioskStore {
    /// Erases personal data that is no longer needed: `retention_days` after
    /// the server accepted a dossier, its answers, documents, summary and
    /// applicant name go, leaving procedure, dates and official code for
    /// statistics; drafts untouched for as long expire. Document files that
    /// no dossier uses any more are deleted.
    @discardableResult
    public func purge() throws(StoreError) -> PurgeReport {
        let t = timestamp
        let cutoff = t - retentionDays * 86_400
        var report = PurgeReport()
        let orphans = try write { () throws -> [String] in
            let ids = try db.query("""
                SELECT id FROM dossiers WHERE (status = 'accepted' AND accepted_at <= ?1)
                   OR (status IN ('withdrawn', 'replaced') AND (SELECT max(at) FROM dossier_history h WHERE h.dossier_id = dossiers.id) <= ?1)
                """, [.int(cutoff)]) { s throws(DatabaseError) in Int64(s.int(0)) }
            for id in ids {
                try db.execute("DELETE FROM dossier_answers WHERE dossier_id = ?1", [.integer(id)])
                try db.execute("DELETE FROM dossier_documents WHERE dossier_id = ?1", [.integer(id)])
                try db.execute("DELETE FROM dossier_verifiers WHERE dossier_id = ?1", [.integer(id)])
                try db.execute("UPDATE dossier_history SET note = '' WHERE dossier_id = ?1 AND status != 'accepted'", [.integer(id)])
                try db.execute("UPDATE dossiers SET status = 'purged', summary = NULL, applicant_name = NULL, purged_at = ?2 WHERE id = ?1", [.integer(id), .int(t)])
                try db.execute("INSERT INTO dossier_history (dossier_id, at, status) VALUES (?1, ?2, 'purged')", [.integer(id), .int(t)])
            }
            report.dossiersPurged = ids.count
            try db.execute("DELETE FROM drafts WHERE updated_at <= ?1", [.int(cutoff)])
            report.draftsExpired = db.changes
            // A page image scanned at the desk is kept while a document made
            // of it is used by a draft or a dossier (to show or change it);
            // pages and intermediate PDFs that nothing uses go like any file.
            let orphans = try db.query("""
                SELECT sha256 FROM documents d
                WHERE NOT EXISTS (SELECT 1 FROM dossier_documents x WHERE x.sha256 = d.sha256)
                  AND NOT EXISTS (SELECT 1 FROM draft_files f WHERE f.sha256 = d.sha256)
                  AND NOT EXISTS (SELECT 1 FROM document_pages p WHERE p.page = d.sha256
                                  AND (EXISTS (SELECT 1 FROM dossier_documents x WHERE x.sha256 = p.document)
                                       OR EXISTS (SELECT 1 FROM draft_files f WHERE f.sha256 = p.document)))
                  AND d.stored_at <= ?1
                """, [.int(cutoff)]) { s throws(DatabaseError) in s.string(0) ?? "" }
            for sha in orphans {
                try db.execute("DELETE FROM documents WHERE sha256 = ?1", [.text(sha)])
                try db.execute("DELETE FROM document_pages WHERE document = ?1", [.text(sha)])
            }
            try setMeta("last_purge", String(t))
            try audit(.purged, detail: "dossiers=\(report.dossiersPurged) drafts=\(report.draftsExpired) files=\(orphans.count)")
            return orphans
        }
        // Files go after the commit: a crash in between leaves a file with no
        // row (harmless), never a row with no file.
        for sha in orphans where unlink(documentPath(sha256: sha)) == 0 { report.filesDeleted += 1 }
        try flush()
        // The write-ahead log still holds the erased pages: copy them back
        // into the (securely deleted) database and empty the log.
        do { try db.execute("PRAGMA wal_checkpoint(TRUNCATE)") } catch { throw .database(error) }
        return report
    }
}

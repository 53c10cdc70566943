import Foundation
import KioskCore

/// A document of a dossier as it is uploaded: sealed to the province's key,
/// named by the SHA-256 of the plain document inside (what the envelope's
/// `TaiLieuNop[].Sha256` says, and what the server checks once it opens it).
public struct SealedDocument: Sendable, Equatable {
    public var sha256: String
    public var body: [UInt8]
}

/// What is sent for one dossier, exactly as sealed when it was finalized:
/// every retry sends these bytes, so a replay is byte for byte the first
/// request, and sending needs neither the answers nor the station's keys.
public struct SealedUpload: Sendable, Equatable {
    /// `SealKey.id` of the key it was sealed to (sent as `X-Seal-Key-Id`).
    public var keyID: String
    public var envelope: [UInt8]
    public var documents: [SealedDocument]
}

extension KioskStore {
    /// The upload's sealed bytes, or nil when the dossier has none yet (it
    /// was finalized before this version, or while no province key was
    /// configured: see `sealForUpload`).
    public func sealedUpload(dossierID: Int64) throws(StoreError) -> SealedUpload? {
        try mappingErrors { () throws(DatabaseError) -> SealedUpload? in
            let rows = try db.query("SELECT part, key_id, body FROM sealed_uploads WHERE dossier_id = ?1 ORDER BY part",
                                    [.integer(dossierID)]) { s throws(DatabaseError) in
                (s.string(0) ?? "", s.string(1) ?? "", s.blob(2) ?? [])
            }
            guard let envelope = rows.first(where: { $0.0 == Self.envelopePart }) else { return nil }
            return SealedUpload(keyID: envelope.1, envelope: envelope.2,
                                documents: rows.filter { $0.0 != Self.envelopePart }.map { SealedDocument(sha256: $0.0, body: $0.2) })
        }
    }

    /// Builds a queued dossier's envelope from what the station holds, seals
    /// it and its documents to `key`, and keeps the result for every later
    /// try: for a dossier that has no sealed bytes yet (finalized before this
    /// version, or while `[server] seal_public_key` was empty). Needs the
    /// answers, so the station must be able to read them. `stationID` and
    /// `agencyCode` stand in for a dossier finalized before its station was
    /// recorded (the sync worker's settings, as before sealing).
    public func sealForUpload(dossierID: Int64, form: FormDefinition, key: SealKey,
                              stationID: String, agencyCode: String) throws(StoreError) -> SealedUpload {
        try write { () throws -> Void in
            guard let dossier = try rows("SELECT \(Self.dossierColumns) FROM dossiers WHERE id = ?1", [.integer(dossierID)], readDossier).first else {
                throw StoreError.notFound(LocalizedText(vi: "Không có hồ sơ này.", en: "No such dossier."))
            }
            // Another process may have sealed it meanwhile: keep the first.
            guard try db.scalar("SELECT 1 FROM sealed_uploads WHERE dossier_id = ?1", [.integer(dossierID)]) == nil else { return }
            try writeSealedUpload(dossier, form: form, key: key, stationID: stationID, agencyCode: agencyCode)
        }
        guard let upload = try sealedUpload(dossierID: dossierID) else {
            throw .notFound(LocalizedText(vi: "Không có hồ sơ này.", en: "No such dossier."))
        }
        return upload
    }

    static let envelopePart = "envelope"

    /// Seals the dossier's envelope and `file` documents and stores them;
    /// call inside the transaction that wrote the dossier (finalize), so that
    /// a dossier in the outbox always has its bytes, or has none at all.
    func writeSealedUpload(_ dossier: Dossier, form: FormDefinition, key: SealKey, stationID: String, agencyCode: String) throws {
        let documents = try dossierDocuments(id: dossier.id)
        let envelope = Envelope.make(dossier: dossier, form: form, answers: try dossierAnswers(id: dossier.id),
                                     documents: documents, stationID: stationID, agencyCode: agencyCode)
        var parts: [(String, [UInt8])] = [(Self.envelopePart, key.seal(Array(envelope)))]
        for d in documents {
            guard case .file(let sha) = d.source, !parts.contains(where: { $0.0 == sha }) else { continue }
            parts.append((sha, key.seal(try documentBytes(sha256: sha))))
        }
        for (part, body) in parts {
            try db.execute("INSERT INTO sealed_uploads (dossier_id, part, key_id, body) VALUES (?1, ?2, ?3, ?4)",
                           [.integer(dossier.id), .text(part), .text(key.id), .blob(body)])
        }
    }

    /// Queued dossiers that have no sealed bytes yet: they wait for a
    /// province key (`kiosk status` says so).
    public func unsealedQueuedCount() throws(StoreError) -> Int {
        try mappingErrors { () throws(DatabaseError) -> Int in
            let n = try db.scalar("""
                SELECT count(*) FROM outbox o
                WHERE NOT EXISTS (SELECT 1 FROM sealed_uploads s WHERE s.dossier_id = o.dossier_id)
                """)
            if case .integer(let n)? = n { return Int(n) }
            return 0
        }
    }
}

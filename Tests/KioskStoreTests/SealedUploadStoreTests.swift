import Foundation
import XCTest
import KioskCore
@testable import KioskStore

/// The sealed upload bytes a finalized dossier gets (issue 15, section 4):
/// made in the dossier's own transaction, opened only with the province's
/// secret key, holding no plain personal data, dropped once accepted.
final class SealedUploadStoreTests: StoreTestCase {
    let pair = SealKey.makePair()
    var key: SealKey { SealKey(publicKey: pair.publicKey)! }

    func sealedStore() throws -> KioskStore {
        let store = try openStore()
        store.agencyCode = "000.00.13.H36"
        store.sealKey = key
        return store
    }

    func testFinalizeSealsTheEnvelopeAndEachDocumentToTheProvince() throws {
        let form = try loadTestForm()
        let store = try sealedStore()
        let scan = Array("Căn cước của \(secretName), số \(secretIDNumber)".utf8)
        let sha = try store.storeDocument(scan, mediaType: "text/plain")
        let dossier = try store.finalize(form: form, formSource: testFormSource,
                                         state: completeState(form, documents: ["doc_gttt": "file:\(sha)", "doc_khac": "file:\(sha)"]), draftID: nil)
        let upload = try XCTUnwrap(try store.sealedUpload(dossierID: dossier.id))
        XCTAssertEqual(upload.keyID, key.id)
        XCTAssertEqual(upload.documents.map(\.sha256), [sha], "one sealed copy of a file two components use")
        // Opened with the secret key: the very envelope the protocol describes, and the document.
        let envelope = try XCTUnwrap(SealKey.open(upload.envelope, secretKey: pair.secretKey))
        let expected = Envelope.make(dossier: dossier, form: form, answers: try store.dossierAnswers(id: dossier.id),
                                     documents: try store.dossierDocuments(id: dossier.id), stationID: "x", agencyCode: "y")
        XCTAssertEqual(envelope, Array(expected))
        XCTAssertEqual(SealKey.open(upload.documents[0].body, secretKey: pair.secretKey), scan)
        // Nothing personal readable in the stored bytes, nor with another key.
        for body in [upload.envelope] + upload.documents.map(\.body) {
            XCTAssertFalse(contains(body, secretName) || contains(body, secretIDNumber) || contains(body, VietnameseText.fold(secretName)))
            XCTAssertNil(SealKey.open(body, secretKey: SealKey.makePair().secretKey))
        }
        XCTAssertEqual(try store.unsealedQueuedCount(), 0)
        // Accepted: the bytes have served.
        try store.markAccepted(submissionID: dossier.submissionID, officialCode: "000.00.13.H36-261122-0001", dueDate: nil)
        XCTAssertNil(try store.sealedUpload(dossierID: dossier.id))
        XCTAssertEqual(try int(store.db, "SELECT count(*) FROM sealed_uploads"), 0)
    }

    func testAFinalizeThatFailsLeavesNoSealedBytes() throws {
        let form = try loadTestForm()
        let store = try sealedStore()
        // A document the station does not hold: the whole finalize is undone.
        let missing = String(repeating: "ab", count: 32)
        XCTAssertNotNil(assertStoreError(try store.finalize(form: form, formSource: testFormSource,
                                                            state: completeState(form, documents: ["doc_gttt": "file:\(missing)"]), draftID: nil)))
        XCTAssertEqual(try int(store.db, "SELECT count(*) FROM sealed_uploads"), 0)
        XCTAssertEqual(try int(store.db, "SELECT count(*) FROM dossiers"), 0)
    }

    func testWithoutAKeyADossierIsQueuedWithoutBytesAndSealedLaterOnce() throws {
        let form = try loadTestForm()
        let store = try openStore()
        store.agencyCode = "000.00.13.H36"
        let dossier = try store.finalize(form: form, formSource: testFormSource, state: completeState(form), draftID: nil)
        XCTAssertNil(try store.sealedUpload(dossierID: dossier.id))
        XCTAssertEqual(try store.unsealedQueuedCount(), 1)
        let first = try store.sealForUpload(dossierID: dossier.id, form: form, key: key, stationID: "KIOSK-01", agencyCode: "000.00.13.H36")
        XCTAssertNotNil(SealKey.open(first.envelope, secretKey: pair.secretKey))
        // Sealing again keeps the first bytes (a replay must be the same request).
        let again = try store.sealForUpload(dossierID: dossier.id, form: form, key: SealKey(publicKey: SealKey.makePair().publicKey)!,
                                            stationID: "KIOSK-01", agencyCode: "000.00.13.H36")
        XCTAssertEqual(again, first)
        XCTAssertEqual(try store.unsealedQueuedCount(), 0)
    }

    func testAStoreOfVersionThreeGetsTheTableAndItsQueuedDossiersWait() throws {
        do {
            try FileManager.default.createDirectory(atPath: dataDir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            let db = try rawConnection()
            try Schema.migrator.migrate(db, upTo: 3)
            let t = Int(baseDate.timeIntervalSince1970)
            try db.execute("INSERT INTO form_versions VALUES ('f', '1', x'7b7d', \(t))")
            try db.execute("""
                INSERT INTO dossiers (submission_id, receipt_number, form_id, form_version, procedure_code, status, finalized_at)
                VALUES ('s1', 'R1', 'f', '1', 'p', 'queued', \(t))
                """)
            try db.execute("INSERT INTO outbox (dossier_id, enqueued_at, next_attempt_at) VALUES (1, \(t), \(t))")
        }
        let store = try openStore()
        XCTAssertEqual(try store.db.userVersion, Schema.migrator.latestVersion)
        XCTAssertEqual(try store.unsealedQueuedCount(), 1, "sealed when it is first sent (SyncEngine)")
    }

    func testAKeyIsThirtyTwoBytesOfBase64() {
        XCTAssertNotNil(SealKey(base64: "kygzgCXduXJf8nx8LNpP0uFnyOTNFmGPIy9CwE5uKg4="))
        XCTAssertNil(SealKey(base64: ""))
        XCTAssertNil(SealKey(base64: "a2V5"))
        XCTAssertNil(SealKey(base64: "not base64 at all!"))
        XCTAssertEqual(key.id.count, 32)
        XCTAssertNil(SealKey.open([1, 2, 3], secretKey: pair.secretKey), "too short to be a box")
        XCTAssertEqual(SealKey.open(key.seal([]), secretKey: pair.secretKey), [])
    }
}

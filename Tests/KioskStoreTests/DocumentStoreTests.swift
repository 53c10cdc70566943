import Foundation
import XCTest
import KioskCore
@testable import KioskStore

/// Documents kept content-addressed under the attachments folder.
final class DocumentStoreTests: StoreTestCase {
    let scan: [UInt8] = Array("%PDF-1.4 bản chụp giấy tờ tùy thân".utf8) + (0..<2048).map { UInt8($0 % 251) }
    let reusedCode = "000.25.01.H49-250715-0007"

    func testSHA256IsTheStandardOne() {
        XCTAssertEqual(Crypto.sha256(Array("abc".utf8)), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(Crypto.sha256([]), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    func testTheSameBytesAreStoredOnce() throws {
        let store = try openStore()
        let sha = try store.storeDocument(scan, mediaType: "application/pdf")
        XCTAssertEqual(sha, Crypto.sha256(scan))
        XCTAssertEqual(sha.count, 64)
        let again = try store.storeDocument(scan, mediaType: "application/pdf")
        XCTAssertEqual(again, sha)

        let expectedPath = attachmentsPath + "/" + sha.prefix(2) + "/" + sha
        XCTAssertEqual(store.documentPath(sha256: sha), expectedPath)
        XCTAssertEqual(files(under: attachmentsPath), [String(sha.prefix(2)) + "/" + sha], "one file, no temporary left over")
        // On disk the file is sealed under the data key; the store gives back the scan.
        XCTAssertNotEqual(bytes(expectedPath), scan)
        XCTAssertFalse(contains(bytes(expectedPath), String(decoding: scan.prefix(16), as: UTF8.self)), "no plain bytes of the scan on disk")
        XCTAssertEqual(try int(store.db, "SELECT count(*) FROM documents"), 1)
        XCTAssertEqual(try int(store.db, "SELECT size FROM documents WHERE sha256 = ?1", [.text(sha)]), scan.count)
        XCTAssertEqual(try store.db.scalar("SELECT media_type FROM documents"), .text("application/pdf"))
        assertSameBytes(try store.documentBytes(sha256: sha), scan)
        // Private: the file 0600, its folder 0700.
        XCTAssertEqual(permissions(expectedPath).map { $0 & 0o777 }, 0o600)
        XCTAssertEqual(permissions(attachmentsPath + "/" + sha.prefix(2)).map { $0 & 0o777 }, 0o700)

        // Different bytes: a second file.
        let other = try store.storeDocument(Array("khác".utf8), mediaType: "image/jpeg")
        XCTAssertNotEqual(other, sha)
        XCTAssertEqual(files(under: attachmentsPath).count, 2)
        XCTAssertEqual(try int(store.db, "SELECT count(*) FROM documents"), 2)
    }

    func testADossierRecordsFileReuseAndDeskDocuments() throws {
        let form = try loadTestForm()
        let store = try openStore()
        let sha = try store.storeDocument(scan, mediaType: "application/pdf")
        let filesBefore = files(under: attachmentsPath)
        let state = completeState(form, documents: ["doc_gttt": "file:" + sha, "doc_xncu": "reuse:" + reusedCode, "doc_khac": "desk"])
        XCTAssertEqual(state.allIssues(), [])
        let dossier = try store.finalize(form: form, formSource: testFormSource, state: state, draftID: nil)

        XCTAssertEqual(try store.dossierDocuments(id: dossier.id), [
            DossierDocument(component: "GTTT", source: .file(sha256: sha)),
            DossierDocument(component: "KHAC", source: .desk),
            DossierDocument(component: "XNCU", source: .reuse(dossierCode: reusedCode)),
        ])
        // A reuse is a reference: no new file, no new document row, no hash.
        XCTAssertEqual(files(under: attachmentsPath), filesBefore)
        XCTAssertEqual(try int(store.db, "SELECT count(*) FROM documents"), 1)
        XCTAssertEqual(try store.db.scalar("SELECT sha256 FROM dossier_documents WHERE component = 'XNCU'"), .null)
        XCTAssertEqual(try store.db.scalar("SELECT reused_from FROM dossier_documents WHERE component = 'XNCU'"), .text(reusedCode))
        // The answers keep the references as typed.
        let answers = Dictionary(try store.dossierAnswers(id: dossier.id).map { ($0.path, $0.value) }, uniquingKeysWith: { a, _ in a })
        XCTAssertEqual(answers["doc_gttt"], "file:" + sha)
        XCTAssertEqual(answers["doc_xncu"], "reuse:" + reusedCode)
        XCTAssertEqual(answers["doc_khac"], "desk")
        assertSameBytes(try store.documentBytes(sha256: sha), scan)
    }

    func testTwoDossiersShareOneFile() throws {
        let form = try loadTestForm()
        let store = try openStore()
        let sha = try store.storeDocument(scan, mediaType: "application/pdf")
        let a = try store.finalize(form: form, formSource: testFormSource, state: completeState(form, documents: ["doc_gttt": "file:" + sha]), draftID: nil)
        _ = try store.storeDocument(scan, mediaType: "application/pdf")
        let b = try store.finalize(form: form, formSource: testFormSource, state: completeState(form, documents: ["doc_khac": "file:" + sha]), draftID: nil)
        XCTAssertEqual(try store.dossierDocuments(id: a.id), [DossierDocument(component: "GTTT", source: .file(sha256: sha))])
        XCTAssertEqual(try store.dossierDocuments(id: b.id), [DossierDocument(component: "KHAC", source: .file(sha256: sha))])
        XCTAssertEqual(files(under: attachmentsPath).count, 1)
        XCTAssertEqual(try int(store.db, "SELECT count(*) FROM documents"), 1)
    }

    func testATamperedFileIsDetected() throws {
        let store = try openStore()
        let sha = try store.storeDocument(scan, mediaType: "application/pdf")
        var tampered = scan
        tampered[10] ^= 0x01 // one bit, same size
        try Data(tampered).write(to: URL(fileURLWithPath: store.documentPath(sha256: sha)))
        let e = assertStoreError(try store.documentBytes(sha256: sha))
        guard case .file(let path, let reason)? = e else { return XCTFail("got \(String(describing: e))") }
        XCTAssertEqual(path, store.documentPath(sha256: sha))
        XCTAssertTrue(reason.contains("damaged"), reason)
    }

    func testAMissingFileIsReported() throws {
        let store = try openStore()
        let sha = try store.storeDocument(scan, mediaType: "application/pdf")
        try FileManager.default.removeItem(atPath: store.documentPath(sha256: sha))
        let e = assertStoreError(try store.documentBytes(sha256: sha))
        guard case .file(_, let reason)? = e else { return XCTFail("got \(String(describing: e))") }
        XCTAssertTrue(reason.contains("missing"), reason)
        // Attaching the same bytes again brings it back.
        XCTAssertEqual(try store.storeDocument(scan, mediaType: "application/pdf"), sha)
        assertSameBytes(try store.documentBytes(sha256: sha), scan)
    }

    func testAttachingTheSameBytesAgainRepairsADamagedFile() throws {
        let store = try openStore()
        let sha = try store.storeDocument(scan, mediaType: "application/pdf")
        try Data("hỏng".utf8).write(to: URL(fileURLWithPath: store.documentPath(sha256: sha)))
        XCTAssertNotNil(assertStoreError(try store.documentBytes(sha256: sha)))
        // The person attaches the document again, as the kiosk asks.
        XCTAssertEqual(try store.storeDocument(scan, mediaType: "application/pdf"), sha)
        assertSameBytes(try? store.documentBytes(sha256: sha), scan, "the damaged file under this hash must be replaced by the good bytes")
    }
}

import Foundation
import XCTest
import KioskCore
@testable import KioskStore

/// Schema 7: the pages a document made at the desk consists of, and how
/// retention treats page images and intermediate PDFs.
final class DocumentPagesTests: StoreTestCase {
    func at(_ days: Double) -> Date { baseDate.addingTimeInterval(days * day) }

    func testPagesRecordedInOrderWithTheirTurns() throws {
        let store = try openStore(retentionDays: 30)
        let a = try store.storeDocument(Array("page A".utf8), mediaType: "image/jpeg")
        let b = try store.storeDocument(Array("page B".utf8), mediaType: "image/jpeg")
        let pdf = try store.storeDocument(Array("%PDF- made of A and B".utf8), mediaType: "application/pdf")
        try store.recordDocumentPages(document: pdf, pages: [StoredPage(sha256: b, rotation: 1), StoredPage(sha256: a, rotation: -1)])
        XCTAssertEqual(try store.documentPages(document: pdf), [StoredPage(sha256: b, rotation: 1), StoredPage(sha256: a, rotation: 3)])
        // Made again of the same pages: the record is replaced, not doubled.
        try store.recordDocumentPages(document: pdf, pages: [StoredPage(sha256: a, rotation: 0)])
        XCTAssertEqual(try store.documentPages(document: pdf), [StoredPage(sha256: a, rotation: 0)])
        XCTAssertEqual(try store.documentPages(document: a), [])
        XCTAssertEqual(try store.documentMediaType(sha256: pdf), "application/pdf")
        XCTAssertNil(try store.documentMediaType(sha256: String(repeating: "0", count: 64)))
    }

    /// Pages of a document a draft uses stay (to show or change it); pages
    /// and PDFs that nothing uses go after the retention time, as files do.
    func testRetentionKeepsPagesOfUsedDocumentsOnly() throws {
        let store = try openStore(retentionDays: 30)
        store.now = { self.at(0) }
        let a = try store.storeDocument(Array("page A".utf8), mediaType: "image/jpeg")
        let b = try store.storeDocument(Array("page B".utf8), mediaType: "image/jpeg")
        let used = try store.storeDocument(Array("%PDF- A and B".utf8), mediaType: "application/pdf")
        try store.recordDocumentPages(document: used, pages: [StoredPage(sha256: a, rotation: 0), StoredPage(sha256: b, rotation: 1)])
        // An earlier try at the document, made and then replaced.
        let c = try store.storeDocument(Array("page C".utf8), mediaType: "image/jpeg")
        let dropped = try store.storeDocument(Array("%PDF- A and C".utf8), mediaType: "application/pdf")
        try store.recordDocumentPages(document: dropped, pages: [StoredPage(sha256: a, rotation: 0), StoredPage(sha256: c, rotation: 0)])

        store.now = { self.at(20) }
        let draft = try store.createDraft(formID: "thu-nghiem", formVersion: "3", formSource: testFormSource, verification: .pin("9275"))
        try store.saveAnswers(draftID: draft.id, [("doc_gttt", "file:" + used)])

        store.now = { self.at(35) }
        let first = try store.purge()
        XCTAssertEqual(first.filesDeleted, 2, "page C and the dropped PDF")
        for sha in [a, b, used] { XCTAssertNoThrow(try store.documentBytes(sha256: sha)) }
        for sha in [c, dropped] { XCTAssertFalse(FileManager.default.fileExists(atPath: store.documentPath(sha256: sha))) }
        XCTAssertEqual(try store.documentPages(document: used).count, 2)
        XCTAssertEqual(try store.documentPages(document: dropped), [])

        // The draft expires: its document and its pages go with it.
        store.now = { self.at(51) }
        let second = try store.purge()
        XCTAssertEqual(second.draftsExpired, 1)
        XCTAssertEqual(second.filesDeleted, 3)
        XCTAssertEqual(try store.documentPages(document: used), [])
    }
}

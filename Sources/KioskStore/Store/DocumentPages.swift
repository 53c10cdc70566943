import Foundation
import KioskCore

/// A page of a document made at the desk: its image and its turns.
public struct StoredPage: Sendable, Equatable {
    public var sha256: String
    public var rotation: Int

    public init(sha256: String, rotation: Int) {
        self.sha256 = sha256
        self.rotation = rotation
    }
}

extension KioskStore {
    /// Records the pages a made document consists of (replacing any earlier
    /// record: the same bytes are the same pages).
    public func recordDocumentPages(document: String, pages: [StoredPage]) throws(StoreError) {
        try write { () throws in
            try db.execute("DELETE FROM document_pages WHERE document = ?1", [.text(document)])
            for (i, page) in pages.enumerated() {
                try db.execute("INSERT INTO document_pages (document, position, page, rotation) VALUES (?1, ?2, ?3, ?4)",
                               [.text(document), .int(i), .text(page.sha256), .int(((page.rotation % 4) + 4) % 4)])
            }
        }
    }

    /// The pages of a document made at the desk, in order; empty for one
    /// attached whole (or unknown).
    public func documentPages(document: String) throws(StoreError) -> [StoredPage] {
        try mappingErrors { () throws(DatabaseError) in
            try db.query("SELECT page, rotation FROM document_pages WHERE document = ?1 ORDER BY position", [.text(document)]) { s throws(DatabaseError) in
                StoredPage(sha256: s.string(0) ?? "", rotation: s.int(1))
            }
        }
    }

    /// The media type a document was stored with, or nil when it is not held.
    public func documentMediaType(sha256: String) throws(StoreError) -> String? {
        try mappingErrors { () throws(DatabaseError) in
            try db.query("SELECT media_type FROM documents WHERE sha256 = ?1", [.text(sha256)]) { s throws(DatabaseError) in s.string(0) ?? "" }.first
        }
    }
}

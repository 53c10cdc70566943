import Foundation

/// `PUT /api/v1/documents/{sha256}`: `201` stored, `200` already there.
public struct DocumentStored: Codable, Sendable, Equatable {
    public var sha256: String?
    public var size: Int?
}

extension ProvincialClient {
    /// A document's bytes, content-addressed: sending them again is harmless.
    public func putDocument(sha256: String, bytes: [UInt8]) -> Result<DocumentStored, SyncError> {
        send("PUT", "api/v1/documents/\(sha256)", body: Data(bytes), contentType: "application/octet-stream").flatMap { answer in
            answer.status == 200 || answer.status == 201 ? decode(DocumentStored.self, answer) : .failure(failure(answer))
        }
    }
}

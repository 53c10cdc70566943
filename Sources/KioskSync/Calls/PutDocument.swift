import Foundation

/// `PUT /api/v1/documents/{sha256}`: `201` stored, `200` already there.
public struct DocumentStored: Codable, Sendable, Equatable {
    public var sha256: String?
    public var size: Int?
}

extension ProvincialClient {
    /// A document's bytes, content-addressed by the SHA-256 of the plain
    /// document: sending them again is harmless. With `sealedTo`, `bytes` is
    /// the document sealed to that key, which the server opens and checks
    /// against `sha256`.
    public func putDocument(sha256: String, bytes: [UInt8], sealedTo keyID: String? = nil) -> Result<DocumentStored, SyncError> {
        let (contentType, headers) = keyID.map(Self.sealedBody) ?? ("application/octet-stream", [])
        return send("PUT", "api/v1/documents/\(sha256)", body: Data(bytes), contentType: contentType, headers: headers).flatMap { answer in
            answer.status == 200 || answer.status == 201 ? decode(DocumentStored.self, answer) : .failure(failure(answer))
        }
    }
}

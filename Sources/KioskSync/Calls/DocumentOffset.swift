import Foundation

/// `HEAD /api/v1/documents/{sha256}/uploads/{bodySha256}`: how much of one
/// upload the server holds (docs/protocol.md, "Resumable document uploads").
public struct UploadOffset: Sendable, Equatable {
    /// Bytes of the body the server holds (`Upload-Offset`; 0 for an upload never begun).
    public var offset: Int
    /// The document is stored already (`X-Document-Stored`), from this body or another.
    public var documentStored: Bool
}

extension ProvincialClient {
    /// The offset of the upload of `bodySHA256` (the SHA-256 of exactly the
    /// bytes sent: the sealed box) of the document `sha256` (of the plain
    /// file). `.success(nil)`: the server does not know resumable uploads
    /// (an older one answers 404, 405 or 501): send the document whole.
    /// `length`, the body's, lets the server refuse one over its limit (413) before any byte.
    public func documentOffset(sha256: String, bodySHA256: String, length: Int) -> Result<UploadOffset?, SyncError> {
        send("HEAD", "api/v1/documents/\(sha256)/uploads/\(bodySHA256)", headers: [("Upload-Length", String(length))]).flatMap { answer in
            switch answer.status {
            case 200:
                guard let text = answer.head.value(forHTTPHeaderField: "Upload-Offset"),
                      let offset = Int(text.trimmingCharacters(in: .whitespaces)), offset >= 0 else {
                    // A 200 without the header is not the server's (a portal's page).
                    return .failure(.notTheServer("no Upload-Offset in the answer"))
                }
                let stored = answer.head.value(forHTTPHeaderField: "X-Document-Stored")?.lowercased() == "true"
                return .success(UploadOffset(offset: offset, documentStored: stored))
            case 404, 405, 501:
                return .success(nil)
            default:
                return .failure(failure(answer))
            }
        }
    }
}

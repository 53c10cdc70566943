import Foundation

/// What the server did with one part of a resumable upload.
public enum AppendAnswer: Sendable, Equatable {
    /// `204`: appended; the server now holds `offset` bytes.
    case appended(offset: Int)
    /// `201`/`200`: the whole body came, was checked and opened: stored.
    case complete
    /// `409`: the server holds `offset` bytes, not the part's offset; go on from there.
    case offsetMismatch(offset: Int)
    /// `404`/`405`/`501`: the server does not know resumable uploads.
    case unsupported
}

extension ProvincialClient {
    /// `PATCH /api/v1/documents/{sha256}/uploads/{bodySha256}`: `part`, the
    /// body's bytes from `offset`, of a body of `length` bytes; sealed to
    /// `keyID` (`X-Seal-Key-Id`) when given. The part is not sent again by
    /// the transport on its own (`resendable: false`): after a failure the
    /// caller asks the offset.
    public func appendDocument(sha256: String, bodySHA256: String, offset: Int, length: Int, part: Data,
                               sealedTo keyID: String?) -> Result<AppendAnswer, SyncError> {
        var headers = [("Upload-Offset", String(offset)), ("Upload-Length", String(length))]
        if let keyID { headers.append(("X-Seal-Key-Id", keyID)) }
        return send("PATCH", "api/v1/documents/\(sha256)/uploads/\(bodySHA256)", body: part,
                    contentType: "application/offset+octet-stream", headers: headers, resendable: false).flatMap { answer in
            let serverOffset = answer.head.value(forHTTPHeaderField: "Upload-Offset").flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
            switch answer.status {
            case 204:
                guard let serverOffset else { return .failure(.notTheServer("no Upload-Offset in the answer")) }
                return .success(.appended(offset: serverOffset))
            case 200, 201:
                return decode(DocumentStored.self, answer).map { _ in .complete }
            case 409 where serverOffset != nil:
                return .success(.offsetMismatch(offset: serverOffset!))
            case 404, 405, 501:
                return .success(.unsupported)
            default:
                return .failure(failure(answer))
            }
        }
    }
}

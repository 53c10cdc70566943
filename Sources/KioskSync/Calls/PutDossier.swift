import Foundation
import KioskCore

/// The server's answer to a dossier (`PUT /api/v1/dossiers/{submissionId}`,
/// `201`, and the same for a replay): the official code, the receipt time,
/// the due date.
public struct Acceptance: Codable, Sendable, Equatable {
    public var dossierCode: String
    public var receivedAt: String
    public var dueDate: String?

    enum CodingKeys: String, CodingKey {
        case dossierCode = "MaHoSo", receivedAt = "NgayTiepNhan", dueDate = "NgayHenTra"
    }

    public init(dossierCode: String, receivedAt: String, dueDate: String?) {
        self.dossierCode = dossierCode
        self.receivedAt = receivedAt
        self.dueDate = dueDate
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        dossierCode = try c.decode(String.self, forKey: .dossierCode)
        receivedAt = try c.decodeIfPresent(String.self, forKey: .receivedAt) ?? ""
        dueDate = try c.decodeIfPresent(String.self, forKey: .dueDate)
    }
}

extension ProvincialClient {
    /// The dossier's envelope (built by `Envelope`). Accepted only on a
    /// `200`/`201` carrying a valid `MaHoSo`. `whileWaiting` runs on this
    /// thread while the server works on the dossier: at most once, before
    /// the answer is read (see `send`).
    /// With `sealedTo`, `envelope` is the sealed box of the envelope (see
    /// `sealedBody`); without, the plain JSON (dossiers of older stations).
    public func putDossier(submissionID: String, envelope: Data, sealedTo keyID: String? = nil,
                           whileWaiting: (() -> Void)? = nil) -> Result<Acceptance, SyncError> {
        let (contentType, headers) = keyID.map(Self.sealedBody) ?? ("application/json; charset=utf-8", [])
        return send("PUT", "api/v1/dossiers/\(submissionID)", body: envelope, contentType: contentType, headers: headers,
                    whileWaiting: whileWaiting).flatMap { answer in
            guard answer.status == 200 || answer.status == 201 else { return .failure(failure(answer)) }
            return decode(Acceptance.self, answer).flatMap { acceptance in
                guard case .success = DossierCode.parse(acceptance.dossierCode) else {
                    return .failure(.notTheServer("no valid MaHoSo in the answer"))
                }
                return .success(acceptance)
            }
        }
    }
}

extension ProvincialClient {
    /// The content type of a sealed body (docs/protocol.md, "Sealed
    /// bodies"), and the header naming the key it was sealed to.
    public static let sealedContentType = "application/vnd.motcua.sealed-box"

    static func sealedBody(keyID: String) -> (String, [(String, String)]) {
        (sealedContentType, [("X-Seal-Key-Id", keyID)])
    }
}

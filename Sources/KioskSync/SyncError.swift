import Foundation

/// Why talking to the provincial server did not work, and what follows.
public enum SyncError: Error, Sendable, Equatable {
    /// No answer (no network, refused, timed out): try again later.
    case offline(String)
    /// A 200 with an HTML page, or any answer that is not the protocol's:
    /// a captive portal or a proxy. Offline as well.
    case notTheServer(String)
    /// The secure connection failed (certificate, clock, protocol): not
    /// the network's fault, and it will not mend by itself.
    case tls(String)
    case unauthorized
    /// The server will not take it (422, 409): a helper must act.
    case refused(status: Int, reasons: String)
    case tooLarge(limit: Int?)
    /// Busy or failing (429, 5xx): try again, after `retryAfter` seconds if given.
    case unavailable(status: Int, retryAfter: Int?)
    /// A dossier without sealed bytes, and no `[server] seal_public_key` to
    /// seal it to: it is kept, and not sent unsealed (docs/protocol.md).
    case noSealKey
    /// A dossier without sealed bytes while the station is locked: sealing
    /// it needs its answers, which need the data key. It waits, kept.
    case stationLocked
    /// The server does not hold all of a dossier's documents yet (409
    /// documents_incomplete, docs/protocol.md): they are uploaded again
    /// and the envelope sent after them, on the next pass.
    case documentsIncomplete

    public var isPermanent: Bool {
        switch self {
        case .refused, .tooLarge: return true
        default: return false
        }
    }

    /// For the operator and the audit log: no personal data, no token.
    public var summary: String {
        switch self {
        case .offline(let why): return "offline: \(why)"
        case .notTheServer(let why): return "not the provincial server (captive portal?): \(why)"
        case .tls(let why): return "TLS: \(why)"
        case .unauthorized: return "401: the station token was refused"
        case .refused(let status, _): return "\(status): refused"
        case .tooLarge(let limit): return "413: too large" + (limit.map { " (limit \($0) bytes)" } ?? "")
        case .unavailable(let status, let retry): return "\(status): unavailable" + (retry.map { ", retry after \($0) s" } ?? "")
        case .noSealKey: return "not sent: no [server] seal_public_key to seal the dossier to"
        case .stationLocked: return "not sent: the station is locked, and this dossier must be sealed from its answers first"
        case .documentsIncomplete: return "409: the server does not hold all of the dossier's documents yet; they are sent again"
        }
    }
}

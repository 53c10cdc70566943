import Foundation
import KioskCore

/// HTTP/1.1 + JSON to the provincial server (docs/protocol.md), one method
/// per call of the protocol (`Calls/`: health, put document, put dossier,
/// look up a dossier), each with its `Codable` answer. Every answer is
/// checked here: status, content type and body (a `200` with an HTML page
/// is a captive portal, not a success).
///
/// Used from one thread at a time (the sync worker's, or one per question
/// from the UI); requests go over one kept-alive connection (`HTTPTransport`).
public final class ProvincialClient: @unchecked Sendable {
    public let settings: SyncSettings
    private let transport: HTTPTransport

    public init(settings: SyncSettings) {
        self.settings = settings
        transport = HTTPTransport(timeout: settings.timeout, caFile: settings.caFile)
    }

    /// Bytes of HTTP sent and received so far (heads and bodies), for the benchmark.
    public var bytesSent: Int { transport.bytesSent }
    public var bytesReceived: Int { transport.bytesReceived }
    /// Connections opened so far (the tests check that one is kept).
    public var connectionsOpened: Int { transport.connectionsOpened }

    /// An answer as it came: its status, headers and body.
    struct Answer {
        var head: HTTPHead
        var data: Data
        var status: Int { head.status }
    }

    /// One request, waited for. `whileWaiting` runs at most once, when the
    /// whole request has been handed over and before its answer is read:
    /// work that overlaps the server's (see `HTTPTransport.request`).
    func send(_ method: String, _ path: String, query: [URLQueryItem] = [], body: Data? = nil, contentType: String? = nil,
              headers extra: [(String, String)] = [], resendable: Bool = true,
              whileWaiting: (() -> Void)? = nil) -> Result<Answer, SyncError> {
        var components = URLComponents(url: settings.baseURL.appendingPathComponent(path), resolvingAgainstBaseURL: false)
        if !query.isEmpty { components?.queryItems = query }
        guard let url = components?.url?.absoluteString else { return .failure(.offline("bad URL")) }
        var headers = [("Accept", "application/json")]
        // Enrolment alone goes without: the station has neither yet.
        if !settings.token.isEmpty { headers.append(("Authorization", "Bearer \(settings.token)")) }
        if !settings.stationID.isEmpty { headers.append(("X-Station-Id", settings.stationID)) }
        if let contentType { headers.append(("Content-Type", contentType)) }
        headers += extra
        return transport.request(method, url, headers: headers, body: body, resendable: resendable,
                                 whileWaiting: whileWaiting).map { Answer(head: $0.0, data: $0.1) }
    }

    /// The answer's body as `T`, or why it is not the server's: not JSON
    /// (a portal's page), not an object, or not of the protocol's shape.
    func decode<T: Decodable>(_ type: T.Type, _ answer: Answer) -> Result<T, SyncError> {
        let contentType = (answer.head.value(forHTTPHeaderField: "Content-Type") ?? "").lowercased()
        guard contentType.hasPrefix("application/json") else {
            return .failure(.notTheServer("answered \(contentType.isEmpty ? "without a content type" : contentType)"))
        }
        guard answer.data.first(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }) == UInt8(ascii: "{") else {
            return .failure(.notTheServer("the answer is not a JSON object"))
        }
        do {
            return .success(try JSONDecoder().decode(T.self, from: answer.data))
        } catch {
            return .failure(.notTheServer("the answer is not the protocol's (\(T.self))"))
        }
    }

    /// Maps the error statuses shared by every call.
    func failure(_ answer: Answer) -> SyncError {
        let body = try? decode(ErrorAnswer.self, answer).get()
        switch answer.status {
        case 401: return .unauthorized
        case 413:
            // A HEAD's answer has no body: the limit is also a header (resumable uploads).
            return .tooLarge(limit: body?.limit ?? answer.head.value(forHTTPHeaderField: "Upload-Limit").flatMap { Int($0.trimmingCharacters(in: .whitespaces)) })
        case 409 where body?.error == "documents_incomplete": return .documentsIncomplete
        case 409, 422:
            // A sealed body the server cannot open says why in its message.
            let details = (body?.details ?? []).map { "\($0.path ?? ""): \($0.message ?? "")" }
            return .refused(status: answer.status, reasons: details.isEmpty ? (body?.message ?? "HTTP \(answer.status)") : details.joined(separator: "; "))
        case 429, 500...599:
            return .unavailable(status: answer.status,
                                retryAfter: answer.head.value(forHTTPHeaderField: "Retry-After").flatMap { Int($0.trimmingCharacters(in: .whitespaces)) })
        default:
            if case .failure(let e) = decode(ErrorAnswer.self, answer) { return e }
            return .notTheServer("unexpected status \(answer.status)")
        }
    }
}

/// An error answer: `{ "error": "code", "message": "…", "details": [...] }`,
/// with `limit` on a 413.
struct ErrorAnswer: Decodable {
    struct Detail: Decodable {
        var path: String?
        var message: String?
    }
    var error: String?
    var message: String?
    var details: [Detail]?
    var limit: Int?
}

import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import KioskCore

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
        }
    }
}

/// Settings for the client, checked: the token from a file only its owner
/// can read, plain http only to this machine.
public struct SyncSettings: Sendable {
    public var baseURL: URL
    public var token: String
    public var stationID: String
    public var agencyCode: String
    public var timeout: TimeInterval

    public init(baseURL: URL, token: String, stationID: String, agencyCode: String, timeout: TimeInterval) {
        self.baseURL = baseURL
        self.token = token
        self.stationID = stationID
        self.agencyCode = agencyCode
        self.timeout = timeout
    }

    /// From kiosk.conf. Refuses (with a message for the operator) a token
    /// file readable by others and plain http to another machine.
    public struct Problem: Error, Sendable {
        public var message: LocalizedText
    }

    public static func from(config: KioskConfig) -> Result<SyncSettings, Problem> {
        guard let url = URL(string: config.serverURL), let host = url.host else {
            return .failure(Problem(message: LocalizedText(vi: "Địa chỉ máy chủ không hợp lệ.", en: "The server URL is not valid.")))
        }
        if url.scheme?.lowercased() == "http" && !["127.0.0.1", "localhost", "::1", "[::1]"].contains(host.lowercased()) {
            return .failure(Problem(message: LocalizedText(vi: "Chỉ được dùng http (không mã hoá) với máy chủ trên chính máy này; hãy dùng https.",
                                                           en: "Plain http is only allowed to this machine; use https.")))
        }
        let path = config.tokenFilePath
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              let data = FileManager.default.contents(atPath: path) else {
            return .failure(Problem(message: LocalizedText(vi: "Không đọc được tệp mã truy cập \(path).", en: "Cannot read the token file \(path).")))
        }
        let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue ?? 0o777
        if mode & 0o077 != 0 {
            return .failure(Problem(message: LocalizedText(vi: "Tệp mã truy cập \(path) để người khác đọc được; hãy chạy: chmod 600 \(path)",
                                                           en: "The token file \(path) is readable by others; run: chmod 600 \(path)")))
        }
        let token = String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline).first.map(String.init)?.trimmed ?? ""
        guard !token.isEmpty else {
            return .failure(Problem(message: LocalizedText(vi: "Tệp mã truy cập \(path) trống.", en: "The token file \(path) is empty.")))
        }
        return .success(SyncSettings(baseURL: url, token: token, stationID: config.stationID, agencyCode: config.agencyCode,
                                     timeout: TimeInterval(config.timeoutSeconds)))
    }
}

/// The server's answer to a dossier.
public struct Acceptance: Sendable, Equatable {
    public var dossierCode: String
    public var receivedAt: String
    public var dueDate: String?
}

/// HTTP/1.1 + JSON to the provincial server (docs/protocol.md). Every
/// answer is checked: status, content type and body.
///
/// Used from one thread at a time (the sync worker's): `http://` goes over
/// one kept-alive socket (`HTTPConnection`, not thread-safe, behind a lock),
/// `https://` through URLSession.
public final class ProvincialClient: @unchecked Sendable {
    public let settings: SyncSettings
    private enum Transport {
        case socket(HTTPConnection)
        case session(URLSession)
    }
    private let transport: Transport
    /// Bytes sent and received, for the benchmark.
    public private(set) var bytesSent = 0
    public private(set) var bytesReceived = 0

    public init(settings: SyncSettings) {
        self.settings = settings
        let url = settings.baseURL
        if url.scheme?.lowercased() == "http", let host = url.host {
            transport = .socket(HTTPConnection(host: host, port: url.port ?? 80, timeout: settings.timeout))
        } else {
            let configuration = URLSessionConfiguration.ephemeral
            configuration.timeoutIntervalForRequest = settings.timeout
            configuration.timeoutIntervalForResource = settings.timeout * 4
            configuration.urlCache = nil
            transport = .session(URLSession(configuration: configuration))
        }
    }

    /// Connections opened so far by the socket transport (tests).
    var connectionsOpened: Int {
        if case .socket(let connection) = transport { return connection.connectionsOpened }
        return 0
    }

    private final class Outcome: @unchecked Sendable {
        var data = Data()
        var response: HTTPURLResponse?
        var error: Error?
    }

    /// One request, waited for (the sync worker runs on its own thread).
    ///
    /// Plain http (this machine): one connection, kept alive. When a reused
    /// connection is closed before any byte of the answer (the server
    /// closed it while idle, or stored a dossier and lost the answer), the
    /// request goes once more, body included, on a new connection; the
    /// server answers a replay with the same code. See `HTTPConnection`.
    ///
    /// https: URLSession, each request on a fresh connection
    /// (`Connection: close`). On a reused connection that dies after the
    /// body was sent, the libcurl under URLSession retries on a new one
    /// without the body and waits for the timeout; closing avoids that, at
    /// the cost of a TCP and TLS handshake per request, and the outbox
    /// retries a lost answer itself.
    ///
    /// `whileWaiting` runs at most once, when the request has been handed
    /// over and before its answer is read: work that overlaps the server's.
    /// It may run even if the request then never arrives.
    private func send(_ method: String, _ path: String, query: [URLQueryItem] = [], body: Data? = nil, contentType: String? = nil,
                      whileWaiting: (() -> Void)? = nil) -> Result<(Int, HTTPHead, Data), SyncError> {
        var components = URLComponents(url: settings.baseURL.appendingPathComponent(path), resolvingAgainstBaseURL: false)
        if !query.isEmpty { components?.queryItems = query }
        guard let components, let url = components.url else { return .failure(.offline("bad URL")) }
        var headers = [("Authorization", "Bearer \(settings.token)"), ("X-Station-Id", settings.stationID), ("Accept", "application/json")]
        if let contentType { headers.append(("Content-Type", contentType)) }
        bytesSent += body?.count ?? 0
        let answer: Result<(HTTPHead, Data), SyncError>
        switch transport {
        case .socket(let connection):
            let target = components.percentEncodedPath + (components.percentEncodedQuery.map { "?" + $0 } ?? "")
            answer = connection.request(method, target, headers: headers, body: body, whileWaiting: whileWaiting)
        case .session(let session):
            answer = send(session, url, method, headers: headers, body: body, whileWaiting: whileWaiting)
        }
        return answer.map { head, data in
            bytesReceived += data.count
            return (head.status, head, data)
        }
    }

    private func send(_ session: URLSession, _ url: URL, _ method: String, headers: [(String, String)], body: Data?,
                      whileWaiting: (() -> Void)?) -> Result<(HTTPHead, Data), SyncError> {
        var request = URLRequest(url: url, timeoutInterval: settings.timeout)
        request.httpMethod = method
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        request.setValue("close", forHTTPHeaderField: "Connection")
        request.httpBody = body
        let outcome = Outcome()
        let done = DispatchSemaphore(value: 0)
        session.dataTask(with: request) { data, response, error in
            outcome.data = data ?? Data()
            outcome.response = response as? HTTPURLResponse
            outcome.error = error
            done.signal()
        }.resume()
        whileWaiting?()
        done.wait()
        if let error = outcome.error {
            // Certificate and handshake failures (NSURLErrorDomain -1200 to -1206).
            if (error as NSError).domain == NSURLErrorDomain, (-1206 ... -1200).contains((error as NSError).code) {
                return .failure(.tls(error.localizedDescription))
            }
            return .failure(.offline(error.localizedDescription))
        }
        guard let response = outcome.response else { return .failure(.offline("no answer")) }
        var headers: [String: String] = [:]
        for case let (name as String, value as String) in response.allHeaderFields { headers[name.lowercased()] = value }
        return .success((HTTPHead(status: response.statusCode, headers: headers), outcome.data))
    }

    /// The JSON object of an answer, or why it is not the server's.
    private func json(_ response: HTTPHead, _ data: Data) -> Result<[String: Any], SyncError> {
        let type = (response.value(forHTTPHeaderField: "Content-Type") ?? "").lowercased()
        guard type.hasPrefix("application/json") else {
            return .failure(.notTheServer("answered \(type.isEmpty ? "without a content type" : type)"))
        }
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            return .failure(.notTheServer("the answer is not a JSON object"))
        }
        return .success(object)
    }

    /// Maps the error statuses shared by every request.
    private func failure(_ status: Int, _ response: HTTPHead, _ data: Data) -> SyncError {
        let body = (try? json(response, data).get()) ?? [:]
        switch status {
        case 401: return .unauthorized
        case 413: return .tooLarge(limit: body["limit"] as? Int)
        case 409, 422:
            let details = (body["details"] as? [[String: Any]] ?? []).map { d in
                "\(d["path"] as? String ?? ""): \(d["message"] as? String ?? "")"
            }
            let reason = details.isEmpty ? (body["message"] as? String ?? "HTTP \(status)") : details.joined(separator: "; ")
            return .refused(status: status, reasons: reason)
        case 429, 500...599:
            return .unavailable(status: status, retryAfter: response.value(forHTTPHeaderField: "Retry-After").flatMap { Int($0) })
        default:
            if case .failure(let e) = json(response, data) { return e }
            return .notTheServer("unexpected status \(status)")
        }
    }

    /// Whether the server is there (and is the server, not a portal).
    public func health() -> Result<String, SyncError> {
        switch send("GET", "api/v1/health") {
        case .failure(let e): return .failure(e)
        case .success(let (status, response, data)):
            guard status == 200 else { return .failure(failure(status, response, data)) }
            return json(response, data).flatMap { body in
                guard let time = body["time"] as? String else { return .failure(.notTheServer("no time in the health answer")) }
                return .success(time)
            }
        }
    }

    public func putDocument(sha256: String, bytes: [UInt8]) -> Result<Void, SyncError> {
        switch send("PUT", "api/v1/documents/\(sha256)", body: Data(bytes), contentType: "application/octet-stream") {
        case .failure(let e): return .failure(e)
        case .success(let (status, response, data)):
            guard status == 200 || status == 201 else { return .failure(failure(status, response, data)) }
            return json(response, data).map { _ in () }
        }
    }

    /// `whileWaiting` runs on this thread while the server works on the
    /// dossier: at most once, before the answer is read (see `send`).
    public func putDossier(submissionID: String, envelope: Data, whileWaiting: (() -> Void)? = nil) -> Result<Acceptance, SyncError> {
        switch send("PUT", "api/v1/dossiers/\(submissionID)", body: envelope, contentType: "application/json; charset=utf-8",
                    whileWaiting: whileWaiting) {
        case .failure(let e): return .failure(e)
        case .success(let (status, response, data)):
            guard status == 200 || status == 201 else { return .failure(failure(status, response, data)) }
            return json(response, data).flatMap { body in
                guard let code = body["MaHoSo"] as? String, case .success = DossierCode.parse(code) else {
                    return .failure(.notTheServer("no valid MaHoSo in the answer"))
                }
                return .success(Acceptance(dossierCode: code, receivedAt: body["NgayTiepNhan"] as? String ?? "",
                                           dueDate: body["NgayHenTra"] as? String))
            }
        }
    }

    /// A dossier's status at the server, for a citizen who gives its code
    /// and their id number or phone. Nil: unknown code or wrong
    /// verification (the server answers both the same way).
    public func lookup(dossierCode: String, verify: String) -> Result<RemoteDossier?, SyncError> {
        dossierLookup(code: dossierCode, verify: verify).map { found in
            found.map { body in
                RemoteDossier(dossierCode: body["MaHoSo"] as? String ?? dossierCode,
                              procedureName: body["TenTTHC"] as? String ?? "",
                              status: body["TrangThaiHoSo"] as? Int ?? 0,
                              dueDate: body["NgayHenTra"] as? String,
                              history: (body["LichSu"] as? [[String: Any]] ?? []).map { h in
                                  "\(h["ThoiGian"] as? String ?? "") \(h["TrangThaiHoSo"] as? Int ?? 0) \(h["GhiChu"] as? String ?? "")"
                              })
            }
        }
    }

    /// An earlier dossier for autofill: its answers, results and documents
    /// (docs/protocol.md, "Looking up a dossier"). Nil: unknown code or wrong
    /// verification, which the server answers alike.
    public func priorDossier(code: String, verify: String) -> Result<PriorDossier?, SyncError> {
        dossierLookup(code: code, verify: verify).map { found in found.map { PriorDossier.fromLookup($0, code: code) } }
    }

    /// `GET /api/v1/dossiers/{code}?verify=`: the answer's JSON object, or
    /// nil for the 404 of an unknown code or a wrong verification.
    private func dossierLookup(code: String, verify: String) -> Result<[String: Any]?, SyncError> {
        switch send("GET", "api/v1/dossiers/\(code)", query: [URLQueryItem(name: "verify", value: verify)]) {
        case .failure(let e): return .failure(e)
        case .success(let (status, response, data)):
            if status == 404 { return json(response, data).map { _ in nil } }
            guard status == 200 else { return .failure(failure(status, response, data)) }
            return json(response, data).map { $0 }
        }
    }
}

/// What the server says of a dossier.
public struct RemoteDossier: Sendable, Equatable {
    public var dossierCode: String
    public var procedureName: String
    public var status: Int
    public var dueDate: String?
    public var history: [String]

    /// The provincial status codes (domain.md), in Vietnamese.
    public static let statusNames: [Int: String] = [
        1: "Mới đăng ký", 2: "Được tiếp nhận", 3: "Không được tiếp nhận", 4: "Đang xử lý",
        5: "Yêu cầu bổ sung giấy tờ", 6: "Yêu cầu thực hiện nghĩa vụ tài chính", 7: "Công dân yêu cầu rút hồ sơ",
        8: "Dừng xử lý", 9: "Đã xử lý xong", 10: "Đã trả kết quả",
    ]
}

import Foundation
import CCurl

/// The status and headers of an answer.
struct HTTPHead: Sendable, Equatable {
    var status: Int
    /// Names in lower case; a repeated header's values joined with ", ".
    var headers: [String: String]

    /// Case-insensitive, as `HTTPURLResponse`'s.
    func value(forHTTPHeaderField name: String) -> String? { headers[name.lowercased()] }
}

/// The one transport to the provincial server, http and https alike:
/// libcurl (the library URLSession runs on, on Linux) through one easy
/// handle, whose connection is kept alive between requests.
///
/// - TLS is verified by libcurl and OpenSSL against the system's CA bundle,
///   or against `caFile` (`[server] ca_file`) when the province runs its own
///   CA; verification is never turned off.
/// - A request on a reused connection that the server closed before any
///   byte of the answer (closed while idle, or stored a dossier and lost
///   the answer) is sent once more by libcurl on a new connection, body
///   included (`CURLOPT_POSTFIELDS` is kept in memory and rewound): every
///   request of the protocol is idempotent (a dossier by submission id, a
///   document by its hash; the server answers a replay with the same code).
///   A fresh connection that loses an answer is not retried here: the
///   outbox retries later. The parts of a resumable upload are the
///   exception (`resendable: false`): their caller asks the server's
///   offset rather than send a part again blind.
/// - `timeout` bounds connecting and every wait for bytes (no byte for that
///   long: timed out); `4 × timeout` bounds a whole request.
/// - Answers over 32 MB, and headers over 64 KB, are refused.
///
/// Why not URLSession: on Linux it cannot trust a CA of the province's own
/// (no server-trust challenge; its CA-file variable is read on Android
/// only), and on a reused connection that dies after a `Data` body was sent
/// it retries without the body and waits for the timeout (docs/architecture.md,
/// "One transport").
///
/// Not thread-safe by design (one client per thread: the sync worker's, or
/// one per question); a lock serialises callers anyway.
final class HTTPTransport: @unchecked Sendable {
    static let maxHeaderBytes = 64 * 1024
    static let maxBodyBytes = 32 * 1024 * 1024

    let timeout: TimeInterval
    let caFile: String?
    private let lock = NSLock()
    private let handle: UnsafeMutableRawPointer
    /// Connections opened so far (the tests check that one is reused).
    private(set) var connectionsOpened = 0
    /// Bytes of HTTP sent and received (heads and bodies; TLS not counted).
    private(set) var bytesSent = 0
    private(set) var bytesReceived = 0

    /// What an empty body points at (libcurl reads none of it).
    nonisolated(unsafe) private static let emptyBody = UnsafeRawPointer(UnsafeMutableRawPointer.allocate(byteCount: 1, alignment: 1))
    private static let global: Void = { curl_global_init(Int(CURL_GLOBAL_ALL)) }()

    init(timeout: TimeInterval, caFile: String?) {
        _ = Self.global
        self.timeout = timeout
        self.caFile = caFile
        handle = curl_easy_init()!
        configure()
    }

    deinit { curl_easy_cleanup(handle) }

    private func configure() {
        setLong(CURLOPT_NOSIGNAL, 1)
        setLong(CURLOPT_TCP_NODELAY, 1)
        setLong(CURLOPT_FOLLOWLOCATION, 0)
        setLong(CURLOPT_SSL_VERIFYPEER, 1)
        setLong(CURLOPT_SSL_VERIFYHOST, 2)
        _ = kiosk_curl_setopt_pointer(handle, CURLOPT_PROTOCOLS_STR, "http,https")
        if let caFile { _ = kiosk_curl_setopt_pointer(handle, CURLOPT_CAINFO, caFile) }
        let millis = max(1, Int(timeout * 1000))
        setLong(CURLOPT_CONNECTTIMEOUT_MS, millis)
        setLong(CURLOPT_TIMEOUT_MS, 4 * millis)
        // No byte for `timeout` (at least a second: libcurl counts whole seconds).
        setLong(CURLOPT_LOW_SPEED_LIMIT, 1)
        setLong(CURLOPT_LOW_SPEED_TIME, max(1, Int(timeout.rounded(.up))))
        _ = kiosk_curl_setopt_offset(handle, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(Self.maxBodyBytes))
        _ = kiosk_curl_setopt_data_callback(handle, CURLOPT_WRITEFUNCTION, { buffer, size, count, userdata in
            Unmanaged<Exchange>.fromOpaque(userdata!).takeUnretainedValue().body(buffer, size * count)
        })
        _ = kiosk_curl_setopt_data_callback(handle, CURLOPT_HEADERFUNCTION, { buffer, size, count, userdata in
            Unmanaged<Exchange>.fromOpaque(userdata!).takeUnretainedValue().header(buffer, size * count)
        })
        _ = kiosk_curl_setopt_data_callback(handle, CURLOPT_READFUNCTION, { buffer, size, count, userdata in
            Unmanaged<Exchange>.fromOpaque(userdata!).takeUnretainedValue().read(buffer, size * count)
        })
        setLong(CURLOPT_NOPROGRESS, 0)
        _ = kiosk_curl_setopt_progress_callback(handle, { userdata, _, _, ultotal, ulnow in
            Unmanaged<Exchange>.fromOpaque(userdata!).takeUnretainedValue().progress(uploaded: ulnow, of: ultotal)
            return 0
        })
    }

    private func setLong(_ option: CURLoption, _ value: Int) {
        _ = kiosk_curl_setopt_long(handle, option, value)
    }

    /// What one request gathers from libcurl's callbacks.
    private final class Exchange {
        var head = HTTPHead(status: 0, headers: [:])
        var headBytes = 0
        /// Whether the blank line that ends the headers came (libcurl lets
        /// a connection closed in the middle of them pass).
        var headComplete = false
        var data = Data()
        var tooLarge = false
        var whileWaiting: (() -> Void)?
        /// A body given through the read callback (`resendable: false`), and how much of it was read.
        var upload = Data()
        var uploaded = 0

        func body(_ buffer: UnsafeMutablePointer<CChar>?, _ count: Int) -> Int {
            guard data.count + count <= HTTPTransport.maxBodyBytes else { tooLarge = true; return 0 }
            if let buffer, count > 0 { buffer.withMemoryRebound(to: UInt8.self, capacity: count) { data.append($0, count: count) } }
            return count
        }

        /// The next bytes of a body that libcurl cannot rewind: with no seek
        /// callback, a resend is refused (CURLE_SEND_FAIL_REWIND), never done.
        func read(_ buffer: UnsafeMutablePointer<CChar>?, _ count: Int) -> Int {
            guard let buffer else { return 0 }
            let n = min(count, upload.count - uploaded)
            guard n > 0 else { return 0 }
            upload.withUnsafeBytes { bytes in
                UnsafeMutableRawPointer(buffer).copyMemory(from: bytes.baseAddress! + uploaded, byteCount: n)
            }
            uploaded += n
            return n
        }

        func header(_ buffer: UnsafeMutablePointer<CChar>?, _ count: Int) -> Int {
            headBytes += count
            guard headBytes <= HTTPTransport.maxHeaderBytes else { tooLarge = true; return 0 }
            guard let buffer else { return count }
            let line = buffer.withMemoryRebound(to: UInt8.self, capacity: count) {
                String(decoding: UnsafeBufferPointer(start: $0, count: count), as: UTF8.self)
            }.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.hasPrefix("HTTP/") {
                // A new answer (after a 100 Continue, or a retry): its own headers.
                head.headers = [:]
                headBytes = count
                headComplete = false
                data = Data()
            } else if line.isEmpty {
                headComplete = true
            } else if let colon = line.firstIndex(of: ":") {
                let name = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
                let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                head.headers[name] = head.headers[name].map { $0 + ", " + value } ?? value
            }
            return count
        }

        /// The body is all sent: the request has been handed over, and the
        /// overlapping work runs (once) while the server works on it.
        func progress(uploaded: curl_off_t, of total: curl_off_t) {
            guard total > 0, uploaded >= total, let work = whileWaiting else { return }
            whileWaiting = nil
            work()
        }
    }

    /// One request and its answer, waited for. `whileWaiting` runs at most
    /// once, on this thread, once the whole body has been handed over and
    /// before the answer is read; never when the request could not be sent
    /// (nothing listening). It must not use this transport.
    /// `resendable: false`: libcurl must not send the body again by itself
    /// on a new connection (see the type's comment): an append of a
    /// resumable upload, which a resend would only turn into a 409 after
    /// sending its bytes twice; the caller asks the offset instead.
    /// A `HEAD` reads no body.
    func request(_ method: String, _ url: String, headers: [(String, String)], body: Data?, resendable: Bool = true,
                 whileWaiting: (() -> Void)? = nil) -> Result<(HTTPHead, Data), SyncError> {
        lock.lock()
        defer { lock.unlock() }
        let exchange = Exchange()
        exchange.whileWaiting = whileWaiting
        let context = Unmanaged.passRetained(exchange)
        defer { context.release() }
        _ = kiosk_curl_setopt_pointer(handle, CURLOPT_WRITEDATA, context.toOpaque())
        _ = kiosk_curl_setopt_pointer(handle, CURLOPT_HEADERDATA, context.toOpaque())
        _ = kiosk_curl_setopt_pointer(handle, CURLOPT_XFERINFODATA, context.toOpaque())
        _ = kiosk_curl_setopt_pointer(handle, CURLOPT_URL, url)

        // "Expect:" off: no waiting for a 100 Continue before the body.
        var list: UnsafeMutablePointer<curl_slist>? = curl_slist_append(nil, "Expect:")
        for (name, value) in headers { list = curl_slist_append(list, "\(name): \(value)") }
        defer { curl_slist_free_all(list) }
        _ = kiosk_curl_setopt_pointer(handle, CURLOPT_HTTPHEADER, list)

        var errorText = [CChar](repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        let code: CURLcode = errorText.withUnsafeMutableBufferPointer { errorBuffer in
            _ = kiosk_curl_setopt_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer.baseAddress)
            defer { _ = kiosk_curl_setopt_pointer(handle, CURLOPT_ERRORBUFFER, nil) }
            if let body, !resendable {
                exchange.upload = body
                _ = kiosk_curl_setopt_pointer(handle, CURLOPT_READDATA, context.toOpaque())
                setLong(CURLOPT_UPLOAD, 1)
                _ = kiosk_curl_setopt_offset(handle, CURLOPT_INFILESIZE_LARGE, curl_off_t(body.count))
                _ = kiosk_curl_setopt_pointer(handle, CURLOPT_CUSTOMREQUEST, method)
                defer { setLong(CURLOPT_UPLOAD, 0) }
                return curl_easy_perform(handle)
            }
            if let body {
                // The body stays in memory for the whole request: libcurl
                // sends it again, whole, on a retry.
                return body.withUnsafeBytes { bytes in
                    _ = kiosk_curl_setopt_pointer(handle, CURLOPT_CUSTOMREQUEST, method)
                    _ = kiosk_curl_setopt_offset(handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(bytes.count))
                    _ = kiosk_curl_setopt_pointer(handle, CURLOPT_POSTFIELDS, bytes.baseAddress ?? Self.emptyBody)
                    defer { _ = kiosk_curl_setopt_pointer(handle, CURLOPT_POSTFIELDS, nil) }
                    return curl_easy_perform(handle)
                }
            }
            setLong(CURLOPT_HTTPGET, 1)
            if method == "HEAD" {
                setLong(CURLOPT_NOBODY, 1)
                _ = kiosk_curl_setopt_pointer(handle, CURLOPT_CUSTOMREQUEST, nil)
                defer { setLong(CURLOPT_NOBODY, 0) }
                return curl_easy_perform(handle)
            }
            _ = kiosk_curl_setopt_pointer(handle, CURLOPT_CUSTOMREQUEST, method == "GET" ? nil : method)
            return curl_easy_perform(handle)
        }
        var connects = 0, requestSize = 0, headerSize = 0
        _ = kiosk_curl_getinfo_long(handle, CURLINFO_NUM_CONNECTS, &connects)
        _ = kiosk_curl_getinfo_long(handle, CURLINFO_REQUEST_SIZE, &requestSize)
        _ = kiosk_curl_getinfo_long(handle, CURLINFO_HEADER_SIZE, &headerSize)
        connectionsOpened += connects
        // A body read through the callback is not in libcurl's request size (the head is).
        bytesSent += requestSize + exchange.uploaded
        bytesReceived += headerSize + exchange.data.count

        guard code == CURLE_OK else {
            let detail = String(decoding: errorText.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
                .trimmingCharacters(in: .whitespacesAndNewlines)
            return .failure(Self.error(code, detail: detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail,
                                       tooLarge: exchange.tooLarge))
        }
        guard exchange.headComplete else { return .failure(.offline("the connection closed in the middle of the answer's headers")) }
        var status = 0
        _ = kiosk_curl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
        exchange.head.status = status
        return .success((exchange.head, exchange.data))
    }

    /// libcurl's failure as the station reads it: TLS (will not mend by
    /// itself), else offline (try again later).
    static func error(_ code: CURLcode, detail: String, tooLarge: Bool) -> SyncError {
        let tls: [CURLcode] = [CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER,
                               CURLE_SSL_CACERT_BADFILE, CURLE_SSL_ISSUER_ERROR, CURLE_SSL_PINNEDPUBKEYNOTMATCH,
                               CURLE_SSL_INVALIDCERTSTATUS, CURLE_SSL_CRL_BADFILE, CURLE_SSL_ENGINE_INITFAILED,
                               CURLE_USE_SSL_FAILED, CURLE_SSL_CLIENTCERT]
        if tls.contains(code) { return .tls(detail) }
        switch code {
        case CURLE_OPERATION_TIMEDOUT: return .offline("timed out (\(detail))")
        case CURLE_WRITE_ERROR where tooLarge, CURLE_FILESIZE_EXCEEDED: return .offline("the answer is too large")
        case CURLE_UNSUPPORTED_PROTOCOL, CURLE_WEIRD_SERVER_REPLY: return .offline("not HTTP: \(detail)")
        default: return .offline(detail)
        }
    }
}

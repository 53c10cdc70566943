import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The status and headers of an answer, whichever transport brought it.
struct HTTPHead: Sendable, Equatable {
    var status: Int
    /// Names in lower case; a repeated header's values joined with ", ".
    var headers: [String: String]

    /// Case-insensitive, as `HTTPURLResponse`'s.
    func value(forHTTPHeaderField name: String) -> String? { headers[name.lowercased()] }
}

/// HTTP/1.1 over one plain TCP connection, kept open between requests: the
/// transport for `http://` servers (loopback, unless the operator allowed
/// another machine). No TLS: `https://` goes through URLSession.
///
/// Reads the status line, the headers and a body framed by Content-Length,
/// chunked, or the end of the connection; honours the server's
/// `Connection: close`; caps the header and the body; waits at most
/// `timeout` for the connection or for the next bytes, and `4 × timeout`
/// for a whole request (as URLSession's request and resource timeouts).
///
/// A request on a reused connection that was closed under it before any
/// byte of the answer came (the server closed it while idle, or stored the
/// body and dropped the answer) is sent once more, body included, on a new
/// connection: every request of the protocol is idempotent (the server
/// keeps a dossier by submission id, a document by its hash). Any other
/// failure drops the connection and is `SyncError.offline`.
///
/// Not thread-safe by design (a `ProvincialClient` is used from one thread
/// at a time, the sync worker's); a lock serialises callers anyway.
final class HTTPConnection: @unchecked Sendable {
    let host: String
    let port: Int
    let timeout: TimeInterval
    static let maxHeaderBytes = 64 * 1024
    static let maxBodyBytes = 32 * 1024 * 1024

    private let lock = NSLock()
    private var fd: Int32 = -1
    /// Bytes received and not yet parsed start at `consumed`.
    private var buffer: [UInt8] = []
    private var consumed = 0
    private var scratch = [UInt8](repeating: 0, count: 64 * 1024)
    /// Whether a byte of the current answer has come (then it is never sent again).
    private var answerStarted = false
    private var opened = 0

    init(host: String, port: Int, timeout: TimeInterval) {
        self.host = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        self.port = port
        self.timeout = timeout
    }

    deinit { disconnect() }

    /// Connections opened so far (the tests check that one is reused).
    var connectionsOpened: Int { lock.withLock { opened } }

    /// Why an exchange failed; `closed`: the peer closed or reset the
    /// connection (a timeout is not that).
    private struct Failure: Error {
        var reason: String
        var closed = false
        var answerStarted = false
    }

    /// One request and its answer. `target` is the path and query, already
    /// percent-encoded. `whileWaiting` runs at most once, after the request
    /// was written (or its writing failed on a closed connection) and before
    /// the answer is read; not at all if the connection could not be
    /// opened. It is work that overlaps the server's (the sync engine
    /// prepares the next dossier there), must not use this connection, and
    /// its time is not counted against the answer's deadline.
    func request(_ method: String, _ target: String, headers: [(String, String)], body: Data?,
                 whileWaiting: (() -> Void)? = nil) -> Result<(HTTPHead, Data), SyncError> {
        lock.lock()
        defer { lock.unlock() }
        guard let message = encode(method, target, headers, body) else { return .failure(.offline("a header holds a line break")) }
        var reused = fd >= 0
        if reused && !idleConnectionIsOpen() {
            disconnect()
            reused = false
        }
        // The overlapping work runs at most once, even when the request is sent again.
        var pending = whileWaiting
        let sent = {
            pending?()
            pending = nil
        }
        do throws(Failure) {
            return .success(try exchange(message, method, sent: sent))
        } catch {
            disconnect()
            guard reused, error.closed, !error.answerStarted else { return .failure(.offline(error.reason)) }
        }
        do throws(Failure) {
            return .success(try exchange(message, method, sent: sent))
        } catch {
            disconnect()
            return .failure(.offline(error.reason))
        }
    }

    // MARK: One exchange

    private func exchange(_ message: [UInt8], _ method: String, sent: () -> Void) throws(Failure) -> (HTTPHead, Data) {
        var deadline = monotonic() + 4 * timeout
        answerStarted = false
        if fd < 0 { try connect(deadline) }
        // A server may answer before it has read the body (401, 413) and
        // close: its answer is still read.
        var sendFailure: Failure?
        do throws(Failure) { try write(message, deadline) } catch {
            guard error.closed else { throw error }
            sendFailure = error
        }
        // The station's own work does not count against the server's time.
        let before = monotonic()
        sent()
        deadline += monotonic() - before
        let answer: (head: HTTPHead, body: Data, keepAlive: Bool)
        do throws(Failure) {
            answer = try readAnswer(method, deadline)
        } catch {
            throw error.answerStarted ? error : (sendFailure ?? error)
        }
        // Leftover bytes would be an answer to nothing: start afresh.
        if !answer.keepAlive || sendFailure != nil || consumed < buffer.count { disconnect() }
        return (answer.head, answer.body)
    }

    private func encode(_ method: String, _ target: String, _ headers: [(String, String)], _ body: Data?) -> [UInt8]? {
        let authority = host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
        var text = "\(method) \(target.isEmpty ? "/" : target) HTTP/1.1\r\nHost: \(authority)\r\n"
        for (name, value) in headers {
            if name.contains(where: \.isNewline) || value.contains(where: \.isNewline) { return nil }
            text += "\(name): \(value)\r\n"
        }
        if body != nil || method == "PUT" || method == "POST" { text += "Content-Length: \(body?.count ?? 0)\r\n" }
        text += "\r\n"
        var bytes = Array(text.utf8)
        if let body { bytes.append(contentsOf: body) }
        return bytes
    }

    private func readAnswer(_ method: String, _ deadline: Double) throws(Failure) -> (head: HTTPHead, body: Data, keepAlive: Bool) {
        if consumed > 0 {
            buffer.removeFirst(consumed)
            consumed = 0
        }
        var version = ""
        var head = HTTPHead(status: 0, headers: [:])
        // Interim answers (100 Continue) come before the real one.
        repeat { (version, head) = try readHead(deadline) } while (100..<200).contains(head.status) && head.status != 101
        let connection = Self.items((head.value(forHTTPHeaderField: "Connection") ?? "").lowercased())
        var keepAlive = version == "HTTP/1.1" ? !connection.contains("close") : connection.contains("keep-alive")

        var body = Data()
        if method == "HEAD" || head.status == 204 || head.status == 304 || head.status < 200 {
            // No body; after 101 the connection speaks something else.
            if head.status == 101 { keepAlive = false }
        } else if let coding = head.value(forHTTPHeaderField: "Transfer-Encoding")?.lowercased(), coding != "identity" {
            if Self.items(coding).last == "chunked" {
                body = try readChunked(deadline)
            } else {
                body = try readToEnd(deadline)
                keepAlive = false
            }
        } else if let field = head.value(forHTTPHeaderField: "Content-Length") {
            let values = Set(Self.items(field))
            guard values.count == 1, let text = values.first, !text.isEmpty, text.utf8.count <= 18,
                  text.utf8.allSatisfy({ (48...57).contains($0) }), let length = Int(text) else {
                throw fail("the answer's Content-Length is not valid")
            }
            guard length <= Self.maxBodyBytes else { throw fail("the answer is too large (\(length) bytes)") }
            body = try readExactly(length, deadline)
        } else {
            body = try readToEnd(deadline)
            keepAlive = false
        }
        return (head, body, keepAlive)
    }

    /// The status line and the headers.
    private func readHead(_ deadline: Double) throws(Failure) -> (String, HTTPHead) {
        let end: Int
        while true {
            if let i = find([13, 10, 13, 10], from: consumed) {
                end = i
                break
            }
            guard buffer.count - consumed <= Self.maxHeaderBytes else { throw fail("the answer's headers are too large") }
            guard try receive(deadline) else {
                throw fail(answerStarted ? "the connection closed in the middle of the answer's headers" : "the connection closed before an answer", closed: true)
            }
        }
        guard end - consumed <= Self.maxHeaderBytes else { throw fail("the answer's headers are too large") }
        // Parsed as bytes: Foundation's string functions cost more than the
        // rest of a request on loopback.
        var lines = buffer[consumed..<end].split(separator: 10, omittingEmptySubsequences: false).map { $0.last == 13 ? $0.dropLast() : $0 }
        consumed = end + 4
        // HTTP/1.x SP 3DIGIT [SP reason]
        let statusLine = Array(lines.removeFirst())
        let digits = statusLine.count >= 12 ? statusLine[9...11].map { Int($0) - 48 } : []
        guard statusLine.count >= 12, statusLine.starts(with: "HTTP/1.".utf8), (48...57).contains(statusLine[7]), statusLine[8] == 32,
              digits.allSatisfy({ (0...9).contains($0) }), statusLine.count == 12 || statusLine[12] == 32 else {
            throw fail("the answer is not HTTP/1.x")
        }
        let status = digits[0] * 100 + digits[1] * 10 + digits[2]
        guard (100...599).contains(status) else { throw fail("the answer is not HTTP/1.x") }
        var headers: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: 58), colon != line.startIndex, line.first != 32, line.first != 9 else {
                throw fail("a header line of the answer is malformed")
            }
            let name = String(decoding: line[..<colon].map { (65...90).contains($0) ? $0 + 32 : $0 }, as: UTF8.self)
            let value = String(decoding: Self.trimmed(line[(colon + 1)...]), as: UTF8.self)
            headers[name] = headers[name].map { $0 + ", " + value } ?? value
        }
        return (String(decoding: statusLine[0..<8], as: UTF8.self), HTTPHead(status: status, headers: headers))
    }

    /// Without the spaces and tabs around.
    private static func trimmed(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var start = bytes.startIndex, end = bytes.endIndex
        while start < end, bytes[start] == 32 || bytes[start] == 9 { start += 1 }
        while end > start, bytes[end - 1] == 32 || bytes[end - 1] == 9 { end -= 1 }
        return bytes[start..<end]
    }

    /// The items of a comma-separated header value, trimmed.
    private static func items(_ field: String) -> [String] {
        Array(field.utf8).split(separator: 44, omittingEmptySubsequences: false).map { String(decoding: trimmed($0), as: UTF8.self) }
    }

    private func readChunked(_ deadline: Double) throws(Failure) -> Data {
        var body = Data()
        while true {
            let line = try readLine(limit: 1024, deadline)
            let size = Self.items(String(line.prefix { $0 != ";" }))[0]
            guard !size.isEmpty, size.utf8.count <= 15, let length = Int(size, radix: 16), length >= 0 else {
                throw fail("a chunk size of the answer is not valid")
            }
            if length == 0 { break }
            guard body.count + length <= Self.maxBodyBytes else { throw fail("the answer is too large") }
            body.append(try readExactly(length, deadline))
            guard try readLine(limit: 2, deadline).isEmpty else { throw fail("a chunk of the answer is longer than announced") }
        }
        // Trailer fields, up to the empty line.
        var trailers = 0
        while !(try readLine(limit: Self.maxHeaderBytes, deadline)).isEmpty {
            trailers += 1
            guard trailers < 100 else { throw fail("the answer has too many trailer fields") }
        }
        return body
    }

    private func readExactly(_ count: Int, _ deadline: Double) throws(Failure) -> Data {
        while buffer.count - consumed < count {
            guard try receive(deadline) else { throw fail("the connection closed in the middle of the answer's body", closed: true) }
        }
        let data = Data(buffer[consumed..<(consumed + count)])
        consumed += count
        return data
    }

    /// A body without a length: everything up to the end of the connection.
    private func readToEnd(_ deadline: Double) throws(Failure) -> Data {
        while try receive(deadline) {
            guard buffer.count - consumed <= Self.maxBodyBytes else { throw fail("the answer is too large") }
        }
        let data = Data(buffer[consumed...])
        consumed = buffer.count
        return data
    }

    /// A line ended by CRLF (without it), of at most `limit` bytes.
    private func readLine(limit: Int, _ deadline: Double) throws(Failure) -> String {
        while true {
            if let i = find([13, 10], from: consumed) {
                guard i - consumed <= limit else { throw fail("a line of the answer is too long") }
                let line = String(decoding: buffer[consumed..<i], as: UTF8.self)
                consumed = i + 2
                return line
            }
            guard buffer.count - consumed <= limit + 1 else { throw fail("a line of the answer is too long") }
            guard try receive(deadline) else { throw fail("the connection closed in the middle of the answer", closed: true) }
        }
    }

    private func find(_ pattern: [UInt8], from start: Int) -> Int? {
        buffer.withUnsafeBufferPointer { bytes in
            guard bytes.count - start >= pattern.count else { return nil }
            var i = start
            search: while i <= bytes.count - pattern.count {
                for (k, byte) in pattern.enumerated() where bytes[i + k] != byte {
                    i += 1
                    continue search
                }
                return i
            }
            return nil
        }
    }

    private func fail(_ reason: String, closed: Bool = false) -> Failure {
        Failure(reason: reason, closed: closed, answerStarted: answerStarted)
    }

    // MARK: The socket

    private func connect(_ deadline: Double) throws(Failure) {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_NUMERICSERV
        var list: UnsafeMutablePointer<addrinfo>?
        let rc = getaddrinfo(host, String(port), &hints, &list)
        guard rc == 0, let first = list else {
            throw Failure(reason: "cannot resolve \(host): \(String(cString: gai_strerror(rc)))")
        }
        defer { freeaddrinfo(first) }
        var reason = "cannot connect to \(host):\(port)"
        var next: UnsafeMutablePointer<addrinfo>? = first
        while let address = next?.pointee {
            next = address.ai_next
            let s = socket(address.ai_family, address.ai_socktype | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue), address.ai_protocol)
            guard s >= 0 else {
                reason = "socket: " + String(cString: strerror(errno))
                continue
            }
            if Glibc.connect(s, address.ai_addr, address.ai_addrlen) != 0 {
                guard errno == EINPROGRESS else {
                    reason = "cannot connect to \(host):\(port): " + String(cString: strerror(errno))
                    close(s)
                    continue
                }
                guard try wait(s, Int16(POLLOUT), deadline) else {
                    reason = "timed out connecting to \(host):\(port)"
                    close(s)
                    continue
                }
                var error: Int32 = 0
                var length = socklen_t(MemoryLayout<Int32>.size)
                getsockopt(s, SOL_SOCKET, SO_ERROR, &error, &length)
                guard error == 0 else {
                    reason = "cannot connect to \(host):\(port): " + String(cString: strerror(error))
                    close(s)
                    continue
                }
            }
            // Headers and body leave in one write, but small answers must not wait for delayed ACKs either way.
            var one: Int32 = 1
            setsockopt(s, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
            fd = s
            buffer = []
            consumed = 0
            opened += 1
            return
        }
        throw Failure(reason: reason)
    }

    private func disconnect() {
        if fd >= 0 { close(fd) }
        fd = -1
        buffer = []
        consumed = 0
    }

    /// An idle connection the server has closed (or sent something on) is
    /// readable: then it is not used. Closing may still race with our
    /// request, which the retry in `request` covers.
    private func idleConnectionIsOpen() -> Bool {
        var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        return poll(&p, 1, 0) == 0
    }

    private func write(_ bytes: [UInt8], _ deadline: Double) throws(Failure) {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress! + offset, $0.count - offset, Int32(MSG_NOSIGNAL)) }
            if n > 0 {
                offset += n
                continue
            }
            let e = errno
            if e == EINTR { continue }
            if e == EAGAIN || e == EWOULDBLOCK {
                guard try wait(fd, Int16(POLLOUT), deadline) else { throw fail("timed out sending the request") }
                continue
            }
            throw fail("sending: " + String(cString: strerror(e)), closed: e == EPIPE || e == ECONNRESET)
        }
    }

    /// Appends what arrives to the buffer; false at the end of the stream.
    private func receive(_ deadline: Double) throws(Failure) -> Bool {
        while true {
            let n = scratch.withUnsafeMutableBytes { recv(fd, $0.baseAddress!, $0.count, 0) }
            if n > 0 {
                buffer.append(contentsOf: scratch[0..<n])
                answerStarted = true
                return true
            }
            if n == 0 { return false }
            let e = errno
            if e == EINTR { continue }
            if e == EAGAIN || e == EWOULDBLOCK {
                guard try wait(fd, Int16(POLLIN), deadline) else {
                    throw fail("timed out waiting for the answer (\(String(format: "%g", timeout)) s)")
                }
                continue
            }
            throw fail("receiving: " + String(cString: strerror(e)), closed: e == ECONNRESET)
        }
    }

    /// Waits until `s` is ready for `events`: at most `timeout`, and never
    /// past `deadline`. False when the time ran out.
    private func wait(_ s: Int32, _ events: Int16, _ deadline: Double) throws(Failure) -> Bool {
        while true {
            let left = min(timeout, deadline - monotonic())
            guard left > 0 else { return false }
            var p = pollfd(fd: s, events: events, revents: 0)
            let r = poll(&p, 1, Int32(min(left * 1000, Double(Int32.max)).rounded(.up)))
            if r > 0 { return true }
            if r == 0 { return false }
            if errno != EINTR { throw fail("poll: " + String(cString: strerror(errno))) }
        }
    }

    private func monotonic() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }
}

import Foundation
import XCTest

/// A scripted HTTP server on 127.0.0.1: each accepted connection goes to
/// `handle` (with its number, from 0) on a thread of its own. It counts the
/// connections and keeps the bodies of the requests it read.
final class ScriptedServer: @unchecked Sendable {
    let port: Int
    private let listener: Int32
    private let lock = NSLock()
    private var acceptedCount = 0
    private var bodies: [[UInt8]] = []

    var accepted: Int { lock.withLock { acceptedCount } }
    var receivedBodies: [[UInt8]] { lock.withLock { bodies } }

    init(handle: @escaping @Sendable (Peer, Int) -> Void) throws {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue | SOCK_CLOEXEC.rawValue), 0)
        self.listener = listener
        var one: Int32 = 1
        setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &addr) { p in
            p.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, length) == 0 && listen(listener, 16) == 0 && getsockname(listener, $0, &length) == 0 }
        }
        guard bound else { throw XCTSkip("cannot listen on 127.0.0.1") }
        port = Int(UInt16(bigEndian: addr.sin_port))
        // Ends when `stop` (or deinit) shuts the listening socket.
        Thread.detachNewThread { [weak self] in
            while true {
                let fd = accept(listener, nil, nil)
                if fd < 0 {
                    if errno == EINTR { continue }
                    return
                }
                _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
                guard let self else {
                    close(fd)
                    return
                }
                let number = lock.withLock { acceptedCount += 1; return acceptedCount - 1 }
                let peer = Peer(fd: fd, server: self)
                Thread.detachNewThread {
                    handle(peer, number)
                    peer.close()
                }
            }
        }
    }

    deinit { stop() }

    func stop() {
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    fileprivate func record(_ body: [UInt8]) { lock.withLock { bodies.append(body) } }

    /// One accepted connection, read and written blocking (a generous
    /// receive timeout so that a broken test cannot hang).
    final class Peer: @unchecked Sendable {
        let fd: Int32
        private weak var server: ScriptedServer?
        private var buffer: [UInt8] = []
        private var closed = false

        fileprivate init(fd: Int32, server: ScriptedServer) {
            self.fd = fd
            self.server = server
            var limit = timeval(tv_sec: 60, tv_usec: 0)
            setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
            // Heads and bodies are written separately: no waiting for delayed ACKs.
            var one: Int32 = 1
            setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        }

        /// The next request's head and body (by Content-Length); nil when
        /// the client closed the connection.
        @discardableResult
        func readRequest() -> (head: String, body: [UInt8])? {
            var end: Int?
            while true {
                if buffer.count >= 4 {
                    end = (0...(buffer.count - 4)).first { buffer[$0..<($0 + 4)].elementsEqual([13, 10, 13, 10]) }
                    if end != nil { break }
                }
                guard fill() else { return nil }
            }
            let head = String(decoding: buffer[..<end!], as: UTF8.self)
            buffer.removeFirst(end! + 4)
            let length = head.components(separatedBy: "\r\n")
                .first { $0.lowercased().hasPrefix("content-length:") }
                .flatMap { Int($0.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) } ?? 0
            while buffer.count < length { guard fill() else { return nil } }
            let body = Array(buffer[..<length])
            buffer.removeFirst(length)
            server?.record(body)
            return (head, body)
        }

        private func fill() -> Bool {
            var chunk = [UInt8](repeating: 0, count: 65536)
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress!, $0.count, 0) }
            guard n > 0 else { return false }
            buffer.append(contentsOf: chunk[..<n])
            return true
        }

        func write(_ text: String) { write(Array(text.utf8)) }

        func write(_ bytes: [UInt8]) {
            var offset = 0
            while offset < bytes.count {
                let n = bytes.withUnsafeBytes { send(fd, $0.baseAddress! + offset, $0.count - offset, Int32(MSG_NOSIGNAL)) }
                guard n > 0 else { return }
                offset += n
            }
        }

        /// A JSON answer with a Content-Length.
        func answer(_ status: Int = 200, json: String = #"{"time":"20260101080000"}"#, extraHeaders: String = "") {
            let body = Array(json.utf8)
            write("HTTP/1.1 \(status) X\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: \(body.count)\r\n\(extraHeaders)\r\n")
            write(body)
        }

        func close() {
            guard !closed else { return }
            closed = true
            Glibc.close(fd)
        }
    }
}

/// A value shared with a scripted server's thread.
final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value
    init(_ value: Value) { stored = value }
    var value: Value {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
}

import Foundation

/// The reference provincial server (Tools/provincial-server), started for one
/// test on 127.0.0.1 with the port the system gives it (`--port 0`): the
/// server writes the port it got to a file (`--port-file`), so no other
/// process can take it between choosing and binding.
///
/// With `tls`, it serves https with a throw-away self-signed certificate
/// made for this server alone (openssl); a client trusts it through the
/// station's `[server] ca_file` (`caFile`), never by turning checks off.
public final class ReferenceServer {
    let process = Process()
    public private(set) var port = 0
    public let dir: String
    public let token = "test-token-\(UUID().uuidString)"
    /// The certificate to trust (PEM), when serving https.
    public let caFile: String?

    /// The server's clock unless a test gives its own `--fake-now`: its
    /// codes and due dates never depend on the day the suite runs.
    public static let defaultNow = "20261123084100"

    /// The demonstration seal key pair (Tools/provincial-server/demo-seal.key,
    /// and kiosk.conf's `seal_public_key`): the server opens with it unless a
    /// test gives its own `--seal-key`. Public, so never for a real province.
    public static let demoSealPublicKey = "kygzgCXduXJf8nx8LNpP0uFnyOTNFmGPIy9CwE5uKg4="
    public static let demoSealSecretKey = "dUcOLiUrAHVt7uqf86aVd2/2sZ/5GhlbDpLPZD/PyKY="

    /// Writes a secret seal key file as the server wants it (mode 600).
    public static func writeSealKey(_ base64: String, to path: String) {
        _ = FileManager.default.createFile(atPath: path, contents: Data((base64 + "\n").utf8), attributes: [.posixPermissions: 0o600])
    }

    /// Nil when python3 or the server cannot be started (or, with `tls`,
    /// openssl cannot make a certificate).
    public init?(flags: [String] = [], tls: Bool = false) {
        dir = NSTemporaryDirectory() + "provincial-\(UUID().uuidString)"
        guard (try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)) != nil else { return nil }
        _ = FileManager.default.createFile(atPath: dir + "/token", contents: Data(token.utf8), attributes: [.posixPermissions: 0o600])
        var sealFlags: [String] = []
        if !flags.contains("--seal-key") {
            Self.writeSealKey(Self.demoSealSecretKey, to: dir + "/seal.key")
            sealFlags = ["--seal-key", dir + "/seal.key"]
        }
        var tlsFlags: [String] = []
        if tls {
            guard let pair = Self.makeCertificate(in: dir) else { return nil }
            caFile = pair.cert
            tlsFlags = ["--tls-cert", pair.cert, "--tls-key", pair.key]
        } else {
            caFile = nil
        }
        let portFile = dir + "/port"
        let arguments = ["--port", "0", "--port-file", portFile, "--data", dir + "/data", "--token-file", dir + "/token", "--seed", "7"]
            + tlsFlags + sealFlags + flags + (flags.contains("--fake-now") ? [] : ["--fake-now", Self.defaultNow])
        guard let port = startListening(process, script: "server.py", arguments: arguments, portFile: portFile) else {
            stop()
            return nil
        }
        self.port = port
    }

    deinit {
        stop()
        try? FileManager.default.removeItem(atPath: dir)
    }

    /// Stops the server (the station then finds it down); idempotent.
    public func stop() {
        guard process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
    }

    /// Whether anything accepts a connection on `port` of 127.0.0.1 now.
    public static func connects(_ port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = UInt16(port).bigEndian
        return withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } } == 0
    }

    public var url: String { "\(caFile == nil ? "http" : "https")://127.0.0.1:\(port)" }

    /// The server's database (read-only checks in tests).
    public var databasePath: String { dir + "/data/provincial.sqlite3" }

    /// A self-signed certificate for 127.0.0.1 and localhost, valid two
    /// days, and its key, made with the openssl command; nil without it.
    public static func makeCertificate(in dir: String) -> (cert: String, key: String)? {
        let cert = dir + "/cert.pem", key = dir + "/key.pem"
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2",
                       "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost", "-keyout", key, "-out", cert]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        guard (try? p.run()) != nil else { return nil }
        p.waitUntilExit()
        return p.terminationStatus == 0 ? (cert, key) : nil
    }
}

/// A port of 127.0.0.1 where nothing listens, held for as long as this
/// object lives: the socket is bound but never listens, so a connection is
/// refused at once and no other process can take the port meanwhile.
public final class ClosedPort {
    public let port: Int
    private let fd: Int32

    public init() {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.fd = fd
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = 0
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) } }
        _ = withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) } }
        port = Int(UInt16(bigEndian: addr.sin_port))
    }

    deinit { close(fd) }

    public var url: String { "http://127.0.0.1:\(port)" }
}

import Foundation

/// The reference provincial server (Tools/provincial-server), started on a
/// free port of 127.0.0.1 for one test.
public final class ReferenceServer {
    let process = Process()
    public let port: Int
    public let dir: String
    public let token = "test-token-\(UUID().uuidString)"

    /// The server's clock unless a test gives its own `--fake-now`: its
    /// codes and due dates never depend on the day the suite runs.
    public static let defaultNow = "20261123084100"

    /// Nil when python3 or the server cannot be started.
    public init?(flags: [String] = []) {
        dir = NSTemporaryDirectory() + "provincial-\(UUID().uuidString)"
        guard (try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)) != nil else { return nil }
        FileManager.default.createFile(atPath: dir + "/token", contents: Data(token.utf8), attributes: [.posixPermissions: 0o600])
        port = Self.freePort()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", packageRoot + "/Tools/provincial-server/server.py", "--port", String(port),
                             "--data", dir + "/data", "--token-file", dir + "/token", "--seed", "7"] + flags
            + (flags.contains("--fake-now") ? [] : ["--fake-now", Self.defaultNow])
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        // Ready when it answers.
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            if Self.connects(port) { return }
            usleep(50_000)
        }
        process.terminate()
        return nil
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

    public static func freePort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = 0
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) } }
        _ = withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) } }
        return Int(UInt16(bigEndian: addr.sin_port))
    }

    static func connects(_ port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = UInt16(port).bigEndian
        return withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } } == 0
    }

    public var url: String { "http://127.0.0.1:\(port)" }

    /// The server's database (read-only checks in tests).
    public var databasePath: String { dir + "/data/provincial.sqlite3" }
}


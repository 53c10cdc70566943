import Foundation

/// Tools/provincial-server/cut_proxy.py in front of a server on 127.0.0.1:
/// a line that drops in the middle of a request body. It cuts the
/// connection once `cutAfter` body bytes of requests to paths under
/// `pathPrefix` have passed (`cuts` times), and reports what it forwarded.
/// Plain HTTP only.
public final class CutProxy {
    let process = Process()
    public private(set) var port = 0
    private let statsFile: String

    /// What the proxy forwarded so far (its stats file).
    public struct Stats: Decodable {
        public var connections: Int
        public var cuts: Int
        /// Body bytes of the counted requests forwarded, cut ones included.
        public var bodyBytes: Int
        /// `bodyBytes` when each cut happened.
        public var bodyBytesAtCuts: [Int]
        public var requests: [Request]

        public struct Request: Decodable {
            public var method: String
            public var path: String
            public var bodyBytes: Int
            public var cut: Bool
        }
    }

    /// Nil when python3 or the proxy cannot be started.
    public init?(target: Int, cutAfter: Int, cuts: Int = 1, pathPrefix: String = "/api/v1/documents/", dir: String) {
        let portFile = dir + "/cut-proxy-\(UUID().uuidString).port"
        statsFile = portFile + ".json"
        let arguments = ["--target-port", String(target), "--port-file", portFile, "--stats-file", statsFile,
                         "--cut-after", String(cutAfter), "--cuts", String(cuts), "--path-prefix", pathPrefix]
        guard let port = startListening(process, script: "cut_proxy.py", arguments: arguments, portFile: portFile) else { return nil }
        self.port = port
    }

    deinit { stop() }

    public func stop() {
        guard process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
    }

    public var url: String { "http://127.0.0.1:\(port)" }

    public var stats: Stats? {
        guard let data = FileManager.default.contents(atPath: statsFile) else { return nil }
        return try? JSONDecoder().decode(Stats.self, from: data)
    }
}

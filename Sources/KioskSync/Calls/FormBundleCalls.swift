import Foundation

/// `GET /api/v1/forms/bundle`: the bundle the province offers now.
public struct BundleInfo: Codable, Sendable, Equatable {
    public var version: String
    public var sha256: String
    public var size: Int
    /// Where to download it, relative to the server's URL.
    public var path: String

    public init(version: String, sha256: String, size: Int, path: String) {
        self.version = version
        self.sha256 = sha256
        self.size = size
        self.path = path
    }
}

extension ProvincialClient {
    /// The bundle offered, or nil when the province has published none (`404 no_bundle`).
    public func bundleInfo() -> Result<BundleInfo?, SyncError> {
        send("GET", "api/v1/forms/bundle").flatMap { answer in
            if answer.status == 404, (try? decode(ErrorAnswer.self, answer).get())?.error == "no_bundle" { return .success(nil) }
            return answer.status == 200 ? decode(BundleInfo.self, answer).map { $0 } : .failure(failure(answer))
        }
    }

    /// `GET /api/v1/forms/bundle/{version}`: the bundle's bytes, as they came
    /// (the installer checks their size, hash and signature).
    public func downloadBundle(_ info: BundleInfo) -> Result<[UInt8], SyncError> {
        let path = info.path.hasPrefix("/") ? String(info.path.dropFirst()) : info.path
        return send("GET", path).flatMap { answer in
            guard answer.status == 200 else { return .failure(failure(answer)) }
            let type = (answer.head.value(forHTTPHeaderField: "Content-Type") ?? "").lowercased()
            guard type.hasPrefix("application/octet-stream") else {
                return .failure(.notTheServer("answered \(type.isEmpty ? "without a content type" : type) for a bundle"))
            }
            return .success(Array(answer.data))
        }
    }
}

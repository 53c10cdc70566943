import Foundation

/// `GET /api/v1/health`: the server's identity and time.
public struct HealthAnswer: Codable, Sendable, Equatable {
    public var server: String?
    public var version: String?
    /// yyyyMMddHHmmss, Asia/Ho_Chi_Minh.
    public var time: String
    public var agencyCode: String?
}

extension ProvincialClient {
    /// Whether the server is there (and is the server, not a portal).
    public func health() -> Result<HealthAnswer, SyncError> {
        send("GET", "api/v1/health").flatMap { answer in
            answer.status == 200 ? decode(HealthAnswer.self, answer) : .failure(failure(answer))
        }
    }
}

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
        healthAndDate().map(\.answer)
    }

    /// The health answer with the time of the answer's HTTP `Date` header
    /// (nil when it has none): `kiosk doctor` compares the clocks.
    public func healthAndDate() -> Result<(answer: HealthAnswer, date: Date?), SyncError> {
        send("GET", "api/v1/health").flatMap { answer in
            guard answer.status == 200 else { return .failure(failure(answer)) }
            let date = answer.head.value(forHTTPHeaderField: "Date").flatMap(Self.httpDate)
            return decode(HealthAnswer.self, answer).map { (answer: $0, date: date) }
        }
    }

    /// An HTTP date (RFC 9110 IMF-fixdate: "Sun, 06 Nov 1994 08:49:37 GMT").
    static func httpDate(_ text: String) -> Date? {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "GMT")
        f.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return f.date(from: text.trimmingCharacters(in: .whitespaces))
    }
}

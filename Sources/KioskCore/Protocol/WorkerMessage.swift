import Foundation

/// One line on the pipe between the kiosk and its `kiosk-sync watch` worker
/// (docs/architecture.md, "Autofill"): one JSON object per line each way,
/// the same type on both sides.
///
///     → {"id": 7, "find": {"code": "000.00.13.H36-261120-0007", "verify": "068198003417"}}
///     ← {"id": 7, "found": { …PriorDossier… }}   or {"id": 7, "notFound": true}   or {"id": 7, "offline": true}
///
/// The verification goes through the pipe, never on a command line where
/// other users of the machine could read it.
public struct WorkerMessage: Codable, Sendable, Equatable {
    public var id: Int
    public var body: Body

    public enum Body: Sendable, Equatable {
        /// The kiosk asks for an earlier dossier.
        case find(code: String, verify: String)
        /// The worker's answers.
        case found(PriorDossier)
        case notFound
        case offline
        /// A question the worker does not understand.
        case error(String)
    }

    public init(id: Int, _ body: Body) {
        self.id = id
        self.body = body
    }

    struct Find: Codable {
        var code: String
        var verify: String
    }

    enum CodingKeys: String, CodingKey { case id, find, found, notFound, offline, error }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(Int.self, forKey: .id)
        if let find = try c.decodeIfPresent(Find.self, forKey: .find) {
            body = .find(code: find.code, verify: find.verify)
        } else if let prior = try c.decodeIfPresent(PriorDossier.self, forKey: .found) {
            body = .found(prior)
        } else if try c.decodeIfPresent(Bool.self, forKey: .notFound) == true {
            body = .notFound
        } else if try c.decodeIfPresent(Bool.self, forKey: .offline) == true {
            body = .offline
        } else if let error = try c.decodeIfPresent(String.self, forKey: .error) {
            body = .error(error)
        } else {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "no question or answer"))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        switch body {
        case .find(let code, let verify): try c.encode(Find(code: code, verify: verify), forKey: .find)
        case .found(let prior): try c.encode(prior, forKey: .found)
        case .notFound: try c.encode(true, forKey: .notFound)
        case .offline: try c.encode(true, forKey: .offline)
        case .error(let text): try c.encode(text, forKey: .error)
        }
    }

    /// The message as one line: its JSON (keys sorted) and a newline.
    public var line: Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var data = (try? encoder.encode(self)) ?? Data()
        data.append(0x0A)
        return data
    }

    /// A line read from the pipe (without its newline); nil when it is not a message.
    public init?(line: Data) {
        guard let message = try? JSONDecoder().decode(WorkerMessage.self, from: line) else { return nil }
        self = message
    }
}

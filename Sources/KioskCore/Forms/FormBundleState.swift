import Foundation

/// What `kiosk-sync` last did with the province's form bundles, kept beside
/// them (`[forms] updates`/state.json): the version in use and the last
/// bundle refused, with why. `kiosk status` and the operator's screen read
/// it; nothing personal is in it.
public struct FormBundleState: Codable, Sendable, Equatable {
    public struct Refusal: Codable, Sendable, Equatable {
        public var version: String
        /// The SHA-256 the server gave for it: the same bytes are not
        /// downloaded again (unless the refusal was a cut download).
        public var sha256: String
        public var message: LocalizedText
        /// Unix time.
        public var at: Int
        /// False for a download cut off: tried again at the next check.
        public var permanent: Bool

        public init(version: String, sha256: String, message: LocalizedText, at: Int, permanent: Bool) {
            self.version = version
            self.sha256 = sha256
            self.message = message
            self.at = at
            self.permanent = permanent
        }
    }

    /// The bundle version in use; nil: the forms shipped with the kiosk.
    public var installed: String?
    public var installedAt: Int?
    public var refused: Refusal?
    /// When the server was last asked (Unix time).
    public var checkedAt: Int?

    public init(installed: String? = nil, installedAt: Int? = nil, refused: Refusal? = nil, checkedAt: Int? = nil) {
        self.installed = installed
        self.installedAt = installedAt
        self.refused = refused
        self.checkedAt = checkedAt
    }

    /// One line for the operator's screen while a bundle stands refused
    /// (nil when there is nothing to act on): which version, and why.
    public var operatorNotice: LocalizedText? {
        guard let r = refused else { return nil }
        return LocalizedText(vi: "Gói biểu mẫu \(r.version) bị từ chối: \(r.message.vi) Trạm vẫn dùng \(installed.map { "gói \($0)" } ?? "biểu mẫu đi kèm kiosk").",
                             en: "Form bundle \(r.version) refused: \(r.message.en) The station goes on with \(installed.map { "bundle \($0)" } ?? "the forms shipped with the kiosk").")
    }

    public static func path(updates: String) -> String { (updates as NSString).appendingPathComponent("state.json") }

    /// The state in `updates`; empty when none was written (or unreadable).
    public static func read(updates: String) -> FormBundleState {
        guard let data = FileManager.default.contents(atPath: path(updates: updates)),
              let state = try? JSONDecoder().decode(FormBundleState.self, from: data) else { return FormBundleState() }
        return state
    }

    /// Written whole (a temporary file renamed into place).
    public func write(updates: String) throws {
        try FileManager.default.createDirectory(atPath: updates, withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try encoder.encode(self).write(to: URL(fileURLWithPath: Self.path(updates: updates)), options: .atomic)
    }

    /// Bundle versions are numbers separated by dots (`2026.12.1`), compared
    /// number by number; nil when `text` is not one.
    public static func versionParts(_ text: String) -> [Int]? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...4).contains(parts.count) else { return nil }
        var numbers: [Int] = []
        for p in parts {
            guard (1...9).contains(p.count), p.allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int(p) else { return nil }
            numbers.append(n)
        }
        return numbers
    }

    /// Whether version `a` comes after `b` (missing parts count as 0).
    public static func isNewer(_ a: String, than b: String) -> Bool {
        guard let x = versionParts(a), let y = versionParts(b) else { return false }
        for i in 0..<max(x.count, y.count) {
            let l = i < x.count ? x[i] : 0, r = i < y.count ? y[i] : 0
            if l != r { return l > r }
        }
        return false
    }
}

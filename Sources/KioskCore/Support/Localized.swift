/// The two languages of the kiosk. Vietnamese is the default everywhere.
public enum Language: String, Sendable, CaseIterable, Codable {
    case vi
    case en
}

/// A user-facing string in both languages. Every message the kiosk shows to a
/// citizen or a helper is one of these, so that switching language never
/// leaves a sentence behind.
public struct LocalizedText: Sendable, Hashable, Codable {
    public var vi: String
    public var en: String

    public init(vi: String, en: String) {
        self.vi = vi
        self.en = en
    }

    /// Text with only a Vietnamese version (forms may omit English); English
    /// readers then see the Vietnamese text rather than nothing.
    public init(_ vi: String) {
        self.vi = vi
        self.en = vi
    }

    public func text(_ language: Language) -> String {
        switch language {
        case .vi: return vi
        case .en: return en.isEmpty ? vi : en
        }
    }
}

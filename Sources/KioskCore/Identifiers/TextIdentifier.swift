/// An identifier with one canonical text (its `description`): it is encoded
/// as that text and decoded through its own parser, so a file or a server
/// answer can never smuggle in an invalid one.
protocol TextIdentifier: Codable, CustomStringConvertible {
    associatedtype Failure: Error & LocalizedFailure
    static func parse(_ s: String) -> Result<Self, Failure>
    /// What it is, for decoding errors: "dossier code".
    static var kindName: String { get }
}

/// An error that can say what is wrong in both languages.
protocol LocalizedFailure {
    var message: LocalizedText { get }
}

extension AgencyCodeError: LocalizedFailure {}
extension DossierCodeError: LocalizedFailure {}
extension PersonalIDError: LocalizedFailure {}
extension PhoneNumberError: LocalizedFailure {}

extension TextIdentifier {
    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        switch Self.parse(try container.decode(String.self)) {
        case .success(let value): self = value
        case .failure(let error):
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "Invalid \(Self.kindName): \(error.message.en)")
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

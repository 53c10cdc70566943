import Foundation

/// Why an e-mail address was refused.
public enum EmailError: Error, Sendable, Hashable {
    case empty
    /// A space inside the address.
    case containsSpace
    /// A letter with a diacritic or another non-ASCII character — usually the
    /// Vietnamese input method was left on ("nguyễn" for "nguyen").
    case nonASCIICharacter(Character)
    /// Longer than 254 characters.
    case tooLong(Int)
    case missingAt
    case multipleAt
    case emptyLocalPart
    /// Part before @ longer than 64 characters.
    case localPartTooLong(Int)
    /// A character not allowed in an address (",", ";", "(", …).
    case invalidCharacter(Character)
    /// Dot at the start or end of the part before @, or two dots in a row.
    case misplacedDot
    case emptyDomain
    /// Domain without a dot ("gmail").
    case domainWithoutDot
    /// A domain label that is empty, too long, or starts/ends with "-".
    case invalidDomainLabel(String)
    /// Last label not letters (at least 2) nor punycode.
    case invalidTopLevelDomain(String)

    public var message: LocalizedText {
        switch self {
        case .empty:
            return LocalizedText(vi: "Bạn chưa nhập địa chỉ email.", en: "Please type the e-mail address.")
        case .containsSpace:
            return LocalizedText(
                vi: "Địa chỉ email không được có dấu cách.",
                en: "An e-mail address cannot contain spaces.")
        case .nonASCIICharacter(let c):
            return LocalizedText(
                vi: "Địa chỉ email chỉ dùng chữ không dấu; “\(c)” không dùng được. Nếu bộ gõ tiếng Việt đang bật, hãy tắt nó khi gõ email.",
                en: "An e-mail address uses only unaccented letters; “\(c)” is not allowed. If the Vietnamese input method is on, turn it off while typing the address.")
        case .tooLong(let n):
            return LocalizedText(
                vi: "Địa chỉ email quá dài (\(n) ký tự, tối đa 254).",
                en: "The e-mail address is too long (\(n) characters, at most 254).")
        case .missingAt:
            return LocalizedText(
                vi: "Địa chỉ email phải có dấu @, ví dụ ten@gmail.com.",
                en: "An e-mail address must contain @, e.g. name@gmail.com.")
        case .multipleAt:
            return LocalizedText(
                vi: "Địa chỉ email chỉ có một dấu @.",
                en: "An e-mail address has only one @.")
        case .emptyLocalPart:
            return LocalizedText(
                vi: "Thiếu phần tên trước dấu @, ví dụ ten@gmail.com.",
                en: "The name before @ is missing, e.g. name@gmail.com.")
        case .localPartTooLong(let n):
            return LocalizedText(
                vi: "Phần trước dấu @ quá dài (\(n) ký tự, tối đa 64).",
                en: "The part before @ is too long (\(n) characters, at most 64).")
        case .invalidCharacter(let c):
            return LocalizedText(
                vi: "Địa chỉ email không được có ký tự “\(c)”.",
                en: "An e-mail address cannot contain “\(c)”.")
        case .misplacedDot:
            return LocalizedText(
                vi: "Phần trước dấu @ không được bắt đầu hay kết thúc bằng dấu chấm, hoặc có hai dấu chấm liền nhau.",
                en: "The part before @ cannot start or end with a dot or have two dots in a row.")
        case .emptyDomain:
            return LocalizedText(
                vi: "Thiếu tên miền sau dấu @, ví dụ gmail.com.",
                en: "The domain after @ is missing, e.g. gmail.com.")
        case .domainWithoutDot:
            return LocalizedText(
                vi: "Tên miền sau dấu @ phải có dấu chấm, ví dụ gmail.com.",
                en: "The domain after @ must contain a dot, e.g. gmail.com.")
        case .invalidDomainLabel(let label):
            if label.isEmpty {
                return LocalizedText(
                    vi: "Tên miền sau dấu @ có dấu chấm thừa (ở đầu, ở cuối hoặc hai dấu chấm liền nhau).",
                    en: "The domain after @ has a stray dot (at the start, at the end or two in a row).")
            }
            return LocalizedText(
                vi: "Phần “\(label)” của tên miền không hợp lệ.",
                en: "The part “\(label)” of the domain is not valid.")
        case .invalidTopLevelDomain(let tld):
            return LocalizedText(
                vi: "Đuôi tên miền “\(tld)” không hợp lệ (ví dụ đúng: .com, .vn).",
                en: "The domain ending “\(tld)” is not valid (valid examples: .com, .vn).")
        }
    }
}

/// Pragmatic e-mail check for forms: one @, a sensible local part, a
/// dotted domain of valid labels. Quoted local parts, IP literals and
/// non-ASCII addresses are refused on purpose.
public enum EmailAddress {
    /// Returns the trimmed address with the domain lower-cased.
    public static func validate(_ s: String) -> Result<String, EmailError> {
        let text = IdentifierInput.clean(s, compatibility: false)
        if text.isEmpty { return .failure(.empty) }
        if text.contains(where: { $0.isWhitespace }) { return .failure(.containsSpace) }
        if let c = text.first(where: { !$0.isASCII }) { return .failure(.nonASCIICharacter(c)) }
        if text.count > 254 { return .failure(.tooLong(text.count)) }

        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        if parts.count == 1 { return .failure(.missingAt) }
        if parts.count > 2 { return .failure(.multipleAt) }
        let local = String(parts[0])
        let domain = parts[1].lowercased()

        if local.isEmpty { return .failure(.emptyLocalPart) }
        if local.count > 64 { return .failure(.localPartTooLong(local.count)) }
        if let c = local.first(where: { !localCharacters.contains($0) }) {
            return .failure(.invalidCharacter(c))
        }
        if local.hasPrefix(".") || local.hasSuffix(".") || local.contains("..") {
            return .failure(.misplacedDot)
        }

        if domain.isEmpty { return .failure(.emptyDomain) }
        if let c = domain.first(where: { !domainCharacters.contains($0) }) {
            return .failure(.invalidCharacter(c))
        }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        if labels.count < 2 { return .failure(.domainWithoutDot) }
        for label in labels {
            if label.isEmpty || label.count > 63 || label.hasPrefix("-") || label.hasSuffix("-") {
                return .failure(.invalidDomainLabel(label))
            }
        }
        let tld = labels[labels.count - 1]
        let tldOK = tld.hasPrefix("xn--") || (tld.count >= 2 && tld.allSatisfy { $0.isLetter })
        if !tldOK { return .failure(.invalidTopLevelDomain(tld)) }
        return .success(local + "@" + domain)
    }

    /// Convenience: true when `validate` succeeds.
    public static func isValid(_ s: String) -> Bool {
        if case .success = validate(s) { return true }
        return false
    }

    private static let localCharacters: Set<Character> = Set(
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+/=?^_`{|}~-.")

    private static let domainCharacters: Set<Character> = Set("abcdefghijklmnopqrstuvwxyz0123456789-.")
}

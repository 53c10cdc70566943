import Foundation

public enum PhoneNumberKind: String, Sendable, Hashable, Codable {
    case mobile
    case landline
}

/// Why a phone number could not be read.
public enum PhoneNumberError: Error, Sendable, Hashable {
    case empty
    /// A character that never appears in a phone number (letters, "#", …).
    case invalidCharacter(Character)
    /// A country code other than +84.
    case foreignNumber
    /// Would be valid with a leading 0 ("912345678").
    case missingLeadingZero
    /// Wrong number of digits in the national form (with the leading 0).
    case wrongLength(kind: PhoneNumberKind?, count: Int)
    /// 03x/05x/07x/08x/09x prefix not assigned to any mobile network.
    case unknownMobilePrefix(String)
    /// 02xx prefix that is not a province area code.
    case unknownAreaCode(String)
    /// Old 11-digit mobile number from before 2018, with its new form.
    case oldMobilePrefix(old: String, suggestion: String)
    /// Not a personal Vietnamese number at all (hotlines, 04x, 06x…).
    case unknownPrefix(String)

    public var message: LocalizedText {
        switch self {
        case .empty:
            return LocalizedText(vi: "Bạn chưa nhập số điện thoại.", en: "Please type the phone number.")
        case .invalidCharacter(let c):
            return LocalizedText(
                vi: "Số điện thoại chỉ gồm chữ số (có thể có dấu cách, dấu chấm, gạch ngang, ngoặc và +84 ở đầu); “\(c)” không dùng được.",
                en: "A phone number has only digits (spaces, dots, dashes, brackets and a leading +84 are fine); “\(c)” is not allowed.")
        case .foreignNumber:
            return LocalizedText(
                vi: "Chỉ nhận số điện thoại Việt Nam (bắt đầu bằng 0 hoặc +84).",
                en: "Only Vietnamese phone numbers are accepted (starting with 0 or +84).")
        case .missingLeadingZero:
            return LocalizedText(
                vi: "Số điện thoại phải bắt đầu bằng số 0 (hoặc +84). Hãy thêm số 0 ở đầu.",
                en: "The phone number must start with 0 (or +84). Please add the leading 0.")
        case .wrongLength(let kind, let count):
            switch kind {
            case .mobile:
                return LocalizedText(
                    vi: "Số di động phải có 10 chữ số, kể cả số 0 ở đầu (số bạn nhập có \(count)).",
                    en: "A mobile number has 10 digits, counting the leading 0 (yours has \(count)).")
            case .landline:
                return LocalizedText(
                    vi: "Số máy bàn phải có 11 chữ số, kể cả mã vùng (số bạn nhập có \(count)).",
                    en: "A landline number has 11 digits, counting the area code (yours has \(count)).")
            case nil:
                return LocalizedText(
                    vi: "Số điện thoại quá ngắn (số bạn nhập có \(count) chữ số).",
                    en: "The phone number is too short (yours has \(count) digits).")
            }
        case .unknownMobilePrefix(let prefix):
            return LocalizedText(
                vi: "Đầu số \(prefix) không thuộc nhà mạng di động nào. Hãy kiểm tra lại số.",
                en: "The prefix \(prefix) does not belong to any mobile network. Please check the number.")
        case .unknownAreaCode(let prefix):
            return LocalizedText(
                vi: "Mã vùng \(prefix) không có. Hãy kiểm tra lại số máy bàn.",
                en: "There is no area code \(prefix). Please check the landline number.")
        case .oldMobilePrefix(let old, let suggestion):
            return LocalizedText(
                vi: "Đầu số \(old) đã đổi từ năm 2018. Số mới là \(suggestion); hãy nhập số mới.",
                en: "The prefix \(old) was changed in 2018. The new number is \(suggestion); please type the new number.")
        case .unknownPrefix(let prefix):
            return LocalizedText(
                vi: "Đầu số \(prefix) không phải số di động hay số máy bàn ở Việt Nam.",
                en: "The prefix \(prefix) is neither a Vietnamese mobile nor a landline number.")
        }
    }
}

/// A Vietnamese mobile (10 digits, 03x/05x/07x/08x/09x) or landline
/// (11 digits, 02… with the area code) number.
public struct PhoneNumber: Sendable, Hashable, CustomStringConvertible {
    /// National form with the leading 0: "0912345678".
    public let national: String
    public let kind: PhoneNumberKind

    private init(national: String, kind: PhoneNumberKind) {
        self.national = national
        self.kind = kind
    }

    /// International (E.164) form: "+84912345678".
    public var international: String { "+84" + national.dropFirst() }

    /// Grouped for reading: "0912 345 678", "024 3825 1234", "0203 382 5123".
    public var grouped: String {
        let c = Array(national)
        func part(_ a: Int, _ b: Int) -> String { String(c[a..<b]) }
        switch kind {
        case .mobile:
            return [part(0, 4), part(4, 7), part(7, 10)].joined(separator: " ")
        case .landline:
            if Self.twoDigitAreas.contains(part(0, 3)) {
                return [part(0, 3), part(3, 7), part(7, 11)].joined(separator: " ")
            }
            return [part(0, 4), part(4, 7), part(7, 11)].joined(separator: " ")
        }
    }

    public var description: String { national }

    /// Parses `0…`, `+84…`, `84…` and `0084…` forms with spaces, dots,
    /// dashes and brackets. "+84 (0) 912…" and "+840912…" are accepted: the
    /// redundant 0 after the country code is dropped.
    public static func parse(_ s: String) -> Result<PhoneNumber, PhoneNumberError> {
        let text = IdentifierInput.clean(s)
        if text.isEmpty { return .failure(.empty) }
        var digits = ""
        var hasPlus = false
        for c in text {
            if IdentifierInput.isASCIIDigit(c) {
                digits.append(c)
            } else if c == "+" && digits.isEmpty && !hasPlus {
                hasPlus = true
            } else if c.isWhitespace || separators.contains(c) {
                continue
            } else {
                return .failure(.invalidCharacter(c))
            }
        }
        if digits.isEmpty { return .failure(.wrongLength(kind: nil, count: 0)) }

        // Strip the country code.
        var afterCountryCode: Substring?
        if hasPlus {
            guard digits.hasPrefix("84") else { return .failure(.foreignNumber) }
            afterCountryCode = digits.dropFirst(2)
        } else if digits.hasPrefix("0084") {
            afterCountryCode = digits.dropFirst(4)
        } else if digits.hasPrefix("00") {
            return .failure(.foreignNumber)
        } else if digits.hasPrefix("84") && digits.count >= 11 {
            // National numbers start with 0, so "84…" this long is the country code.
            afterCountryCode = digits.dropFirst(2)
        }

        let national: String
        if var rest = afterCountryCode {
            if rest.first == "0" { rest = rest.dropFirst() }  // "+84 (0) 912…"
            national = "0" + rest
        } else if digits.first == "0" {
            national = digits
        } else {
            if case .success = validateNational("0" + digits) { return .failure(.missingLeadingZero) }
            return .failure(.unknownPrefix(String(digits.prefix(4))))
        }
        return validateNational(national)
    }

    /// Convenience: nil when `parse` fails.
    public init?(_ s: String) {
        guard case .success(let n) = Self.parse(s) else { return nil }
        self = n
    }

    /// Checks a national-form digit string that starts with 0.
    private static func validateNational(_ n: String) -> Result<PhoneNumber, PhoneNumberError> {
        let c = Array(n)
        guard c.count >= 3 else { return .failure(.wrongLength(kind: nil, count: c.count)) }
        switch c[1] {
        case "2":
            if twoDigitAreas.contains(String(c[0..<3])) {
                // Subscriber numbers in Hà Nội / TP HCM do not start with 0 or 1.
                if c.count > 3 && (c[3] == "0" || c[3] == "1") {
                    return .failure(.unknownAreaCode(String(c[0..<4])))
                }
            } else {
                guard c.count >= 4 else { return .failure(.wrongLength(kind: .landline, count: c.count)) }
                let area = String(c[0..<4])
                if !threeDigitAreas.contains(area) { return .failure(.unknownAreaCode(area)) }
            }
            guard c.count == 11 else { return .failure(.wrongLength(kind: .landline, count: c.count)) }
            return .success(PhoneNumber(national: n, kind: .landline))
        case "3", "5", "7", "8", "9":
            let prefix = String(c[0..<3])
            guard mobilePrefixes.contains(prefix) else { return .failure(.unknownMobilePrefix(prefix)) }
            guard c.count == 10 else { return .failure(.wrongLength(kind: .mobile, count: c.count)) }
            return .success(PhoneNumber(national: n, kind: .mobile))
        case "1":
            if c.count == 11, let new = oldMobilePrefixes[String(c[0..<4])] {
                return .failure(.oldMobilePrefix(old: String(c[0..<4]), suggestion: new + String(c[4...])))
            }
            return .failure(.unknownPrefix(String(c.prefix(4))))
        default:
            return .failure(.unknownPrefix(String(c[0..<3])))
        }
    }

    private static let separators: Set<Character> = [".", "-", "(", ")", "/", "\u{2010}", "\u{2011}", "\u{2013}", "\u{2014}"]

    /// Mobile prefixes in use (after the 2018 conversion to 10 digits).
    /// 095 (S-Fone, closed) and 069 (special-purpose network) are left out.
    static let mobilePrefixes: Set<String> = [
        // Viettel
        "032", "033", "034", "035", "036", "037", "038", "039", "086", "096", "097", "098",
        // VinaPhone
        "081", "082", "083", "084", "085", "088", "091", "094",
        // MobiFone
        "070", "076", "077", "078", "079", "089", "090", "093",
        // Vietnamobile
        "052", "056", "058", "092",
        // Gmobile
        "059", "099",
        // Reddi / Wintel
        "055",
        // iTel
        "087",
    ]

    /// Hà Nội and TP Hồ Chí Minh: 3-digit area code, 8-digit subscriber.
    static let twoDigitAreas: Set<String> = ["024", "028"]

    /// Other provinces (pre-2025 areas, still in use): 4-digit area code, 7-digit subscriber.
    static let threeDigitAreas: Set<String> = [
        "0203", "0204", "0205", "0206", "0207", "0208", "0209", "0210", "0211", "0212",
        "0213", "0214", "0215", "0216", "0218", "0219", "0220", "0221", "0222", "0225",
        "0226", "0227", "0228", "0229", "0232", "0233", "0234", "0235", "0236", "0237",
        "0238", "0239", "0251", "0252", "0254", "0255", "0256", "0257", "0258", "0259",
        "0260", "0261", "0262", "0263", "0269", "0270", "0271", "0272", "0273", "0274",
        "0275", "0276", "0277", "0290", "0291", "0292", "0293", "0294", "0296", "0297",
        "0299",
    ]

    /// 11-digit mobile prefixes converted in 2018, old → new.
    static let oldMobilePrefixes: [String: String] = [
        // Viettel
        "0162": "032", "0163": "033", "0164": "034", "0165": "035",
        "0166": "036", "0167": "037", "0168": "038", "0169": "039",
        // MobiFone
        "0120": "070", "0121": "079", "0122": "077", "0126": "076", "0128": "078",
        // VinaPhone
        "0123": "083", "0124": "084", "0125": "085", "0127": "081", "0129": "082",
        // Vietnamobile
        "0186": "056", "0188": "058",
        // Gmobile
        "0199": "059",
    ]
}

extension PhoneNumber: TextIdentifier {
    static let kindName = "phone number"
}

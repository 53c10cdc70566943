import Foundation

/// Gender as recorded on civil-status forms and encoded in the id number.
public enum Gender: String, Sendable, CaseIterable, Codable {
    case male
    case female

    /// Lower-case word for use inside sentences ("nam" / "male").
    public var label: LocalizedText {
        switch self {
        case .male: return LocalizedText(vi: "nam", en: "male")
        case .female: return LocalizedText(vi: "nữ", en: "female")
        }
    }
}

/// Why a personal id number could not be read.
public enum PersonalIDError: Error, Sendable, Hashable {
    /// Nothing typed (or only spaces).
    case empty
    /// Something other than digits and the spaces or dots between digit groups.
    case notDigits
    /// Not 12 digits; carries the number of digits typed.
    case wrongLength(Int)
    /// The first three digits are neither "0" + a pre-2025 province code nor
    /// the code of a country where a birth is registered abroad.
    case unknownProvince(String)
    /// The century/gender and year digits give a birth year after this year.
    case birthYearInFuture(Int)

    public var message: LocalizedText {
        switch self {
        case .empty:
            return LocalizedText(
                vi: "Bạn chưa nhập số định danh cá nhân.",
                en: "Please type the personal id number.")
        case .notDigits:
            return LocalizedText(
                vi: "Số định danh chỉ gồm các chữ số 0–9 (có thể cách nhóm bằng dấu cách hoặc dấu chấm). Chữ O không phải số 0.",
                en: "The personal id number has only digits 0–9 (groups may be separated by spaces or dots). The letter O is not the digit 0.")
        case .wrongLength(let count) where count == 9:
            return LocalizedText(
                vi: "Số định danh phải có đủ 12 chữ số (bạn đã gõ 9). Số chứng minh nhân dân cũ 9 số không dùng được; hãy xem số 12 chữ số trên thẻ căn cước.",
                en: "The personal id number must have 12 digits (you typed 9). An old 9-digit identity card number cannot be used; use the 12-digit number on the citizen identity card.")
        case .wrongLength(let count):
            return LocalizedText(
                vi: "Số định danh phải có đủ 12 chữ số (bạn đã gõ \(count)).",
                en: "The personal id number must have 12 digits (you typed \(count)).")
        case .unknownProvince(let prefix):
            return LocalizedText(
                vi: "Ba chữ số đầu “\(prefix)” không phải mã tỉnh hay mã quốc gia nơi đăng ký khai sinh. Hãy kiểm tra lại số trên thẻ căn cước.",
                en: "The first three digits “\(prefix)” are not the code of a province or country where a birth is registered. Please check the number on the identity card.")
        case .birthYearInFuture(let year):
            return LocalizedText(
                vi: "Chữ số thứ 4–6 của số định danh cho biết năm sinh \(year), sau năm nay. Hãy kiểm tra lại số trên thẻ căn cước.",
                en: "Digits 4–6 of the personal id number give the birth year \(year), which is after this year. Please check the number on the identity card.")
        }
    }
}

/// Which part of a personal id number disagrees with the rest of the form.
public enum PersonalIDMismatch: Sendable, Hashable {
    case birthYear(inID: Int, entered: Int)
    case gender(inID: Gender, entered: Gender)
    case birthYearAndGender(yearInID: Int, enteredYear: Int, genderInID: Gender, enteredGender: Gender)

    public var concernsBirthYear: Bool {
        switch self {
        case .birthYear, .birthYearAndGender: return true
        case .gender: return false
        }
    }

    public var concernsGender: Bool {
        switch self {
        case .gender, .birthYearAndGender: return true
        case .birthYear: return false
        }
    }

    public var message: LocalizedText {
        switch self {
        case .birthYear(let inID, let entered):
            return Self.yearText(inID, entered)
        case .gender(let inID, let entered):
            return Self.genderText(inID, entered)
        case .birthYearAndGender(let yearInID, let enteredYear, let genderInID, let enteredGender):
            let year = Self.yearText(yearInID, enteredYear)
            let gender = Self.genderText(genderInID, enteredGender)
            return LocalizedText(vi: year.vi + " " + gender.vi, en: year.en + " " + gender.en)
        }
    }

    private static func yearText(_ inID: Int, _ entered: Int) -> LocalizedText {
        LocalizedText(
            vi: "Chữ số thứ 4–6 của số định danh cho biết năm sinh \(inID), khác với ngày sinh đã nhập (\(entered)).",
            en: "Digits 4–6 of the personal id number give the birth year \(inID), which differs from the date of birth entered (\(entered)).")
    }

    private static func genderText(_ inID: Gender, _ entered: Gender) -> LocalizedText {
        LocalizedText(
            vi: "Chữ số thứ 4 của số định danh cho biết giới tính \(inID.label.vi), khác với giới tính đã nhập (\(entered.label.vi)).",
            en: "Digit 4 of the personal id number gives the gender \(inID.label.en), which differs from the gender entered (\(entered.label.en)).")
    }
}

/// Where a birth was registered, as the first three digits of a personal id
/// number say: a province (before the 2025 merger), or a country abroad.
public enum BirthRegistrationPlace: Sendable, Hashable {
    case province(ProvincePrefix)
    case country(CountryPrefix)

    /// What the prefix means, for a person to read: "mã tỉnh 064 — Gia Lai
    /// (cũ), nay là tỉnh Gia Lai", "mã quốc gia 174 — Hàn Quốc (đăng ký khai
    /// sinh ở nước ngoài)".
    public var description: LocalizedText {
        switch self {
        case .province(let p):
            guard p.wasMerged, let now = p.current else {
                return LocalizedText(vi: "mã tỉnh \(p.idPrefix) — \(p.name)", en: "province code \(p.idPrefix) — \(p.nameEN)")
            }
            let nowVI = now.name.prefix(1).lowercased() + now.name.dropFirst()
            return LocalizedText(
                vi: "mã tỉnh \(p.idPrefix) — \(shortProvinceName(p.name)) (cũ), nay là \(nowVI)",
                en: "province code \(p.idPrefix) — \(shortProvinceName(p.nameEN)) (former), now \(now.nameEN)")
        case .country(let c):
            return LocalizedText(
                vi: "mã quốc gia \(c.code) — \(c.name) (đăng ký khai sinh ở nước ngoài)",
                en: "country code \(c.code) — \(c.nameEN) (birth registered abroad)")
        }
    }
}

/// Personal identification number (số định danh cá nhân) printed on the
/// citizen identity card: the province or country of birth registration
/// (3 digits), century/gender digit, last two digits of the birth year, 6
/// random digits (Nghị định 137/2015/NĐ-CP, Điều 7; Thông tư 59/2021/TT-BCA,
/// Điều 4).
public struct PersonalIDNumber: Sendable, Hashable, CustomStringConvertible {
    /// The 12 ASCII digits, without separators.
    public let digits: String
    /// Digits as numbers, kept for cheap access.
    private let values: [Int]

    private init(digits: String, values: [Int]) {
        self.digits = digits
        self.values = values
    }

    /// Parses a typed number. Spaces or single dots between digit groups are
    /// accepted ("001 087 012345", "001.087.012.345"); anything else is not.
    public static func parse(_ s: String) -> Result<PersonalIDNumber, PersonalIDError> {
        let text = IdentifierInput.clean(s)
        if text.isEmpty { return .failure(.empty) }
        var values: [Int] = []
        var dotsInGap = 0
        var lastWasDigit = false
        for c in text {
            if let d = IdentifierInput.asciiDigit(c) {
                values.append(d)
                dotsInGap = 0
                lastWasDigit = true
            } else if c == "." || c.isWhitespace {
                // A separator must sit between digits; at most one dot per gap.
                if values.isEmpty { return .failure(.notDigits) }
                if c == "." {
                    dotsInGap += 1
                    if dotsInGap > 1 { return .failure(.notDigits) }
                }
                lastWasDigit = false
            } else {
                return .failure(.notDigits)
            }
        }
        if !lastWasDigit { return .failure(.notDigits) }
        if values.count != 12 { return .failure(.wrongLength(values.count)) }
        let digits = values.map(String.init).joined()
        let prefix = String(digits.prefix(3))
        if ProvincePrefixes.province(idPrefix: prefix) == nil && CountryPrefixes.country(idPrefix: prefix) == nil {
            return .failure(.unknownProvince(prefix))
        }
        return .success(PersonalIDNumber(digits: digits, values: values))
    }

    /// `parse`, and the birth year the number gives must not be after the
    /// year of `today` (the form's day, never the clock in a test).
    public static func parse(_ s: String, today: CalendarDate) -> Result<PersonalIDNumber, PersonalIDError> {
        let result = parse(s)
        if case .success(let id) = result, id.birthYear > today.year { return .failure(.birthYearInFuture(id.birthYear)) }
        return result
    }

    /// Convenience: nil when `parse` fails.
    public init?(_ s: String) {
        guard case .success(let id) = Self.parse(s) else { return nil }
        self = id
    }

    /// Three-digit prefix: a province ("001") or, for a birth registered
    /// abroad, a country ("174").
    public var provinceCode: String { String(digits.prefix(3)) }

    /// Pre-2025 name of the province where the birth was registered ("" for
    /// a birth registered abroad). Never use it as the person's current province.
    public var provinceName: String {
        ProvincePrefixes.province(idPrefix: provinceCode)?.name ?? ""
    }

    /// The province or country where the birth was registered.
    public var birthPlace: BirthRegistrationPlace {
        if let p = ProvincePrefixes.province(idPrefix: provinceCode) { return .province(p) }
        // parse admits no other prefix.
        return .country(CountryPrefixes.country(idPrefix: provinceCode)!)
    }

    /// The 4th digit: 0–9, encoding century and gender.
    public var centuryGenderDigit: Int { values[3] }

    public var gender: Gender { centuryGenderDigit % 2 == 0 ? .male : .female }

    /// First year of the birth century: 1900, 2000, 2100, …
    public var century: Int { 1900 + (centuryGenderDigit / 2) * 100 }

    /// Full birth year, e.g. 1987.
    public var birthYear: Int { century + values[4] * 10 + values[5] }

    /// Digits grouped for reading aloud: "001 087 012 345".
    public var grouped: String {
        stride(from: 0, to: 12, by: 3).map { i in
            values[i..<(i + 3)].map(String.init).joined()
        }.joined(separator: " ")
    }

    /// Only the last 4 digits visible, for shared screens and receipts.
    public var masked: String { String(repeating: "•", count: 8) + digits.suffix(4) }

    public var description: String { digits }

    /// The century/gender digit for a birth year and gender, nil outside 1900–2399.
    public static func centuryGenderDigit(birthYear: Int, gender: Gender) -> Int? {
        guard (1900...2399).contains(birthYear) else { return nil }
        return (birthYear / 100 - 19) * 2 + (gender == .female ? 1 : 0)
    }

    /// Cross-check against the birth year and gender entered on the same form.
    /// Returns nil when they agree, or when a value is not known yet.
    public func agrees(birthYear: Int?, gender: Gender?) -> PersonalIDMismatch? {
        let yearDiffers = birthYear.map { $0 != self.birthYear } ?? false
        let genderDiffers = gender.map { $0 != self.gender } ?? false
        switch (yearDiffers, genderDiffers) {
        case (true, true):
            return .birthYearAndGender(
                yearInID: self.birthYear, enteredYear: birthYear!,
                genderInID: self.gender, enteredGender: gender!)
        case (true, false):
            return .birthYear(inID: self.birthYear, entered: birthYear!)
        case (false, true):
            return .gender(inID: self.gender, entered: gender!)
        case (false, false):
            return nil
        }
    }
}

extension PersonalIDNumber: TextIdentifier {
    static let kindName = "personal id number"
}

/// Shared clean-up of typed identifiers (used by all identifier parsers).
enum IdentifierInput {
    /// Normalises (NFKC by default, so full-width digits become ASCII; NFC
    /// for e-mail), drops invisible format characters (zero-width space, BOM,
    /// soft hyphen) and trims surrounding whitespace.
    static func clean(_ s: String, compatibility: Bool = true) -> String {
        // Printable ASCII without spaces is already clean: normalization
        // leaves it alone and there is nothing to trim. Foundation's
        // normalization costs more than a whole upload on loopback.
        if s.utf8.allSatisfy({ (0x21...0x7E).contains($0) }) { return s }
        let normalized = compatibility
            ? s.precomposedStringWithCompatibilityMapping
            : s.precomposedStringWithCanonicalMapping
        var scalars = String.UnicodeScalarView()
        for u in normalized.unicodeScalars where u.properties.generalCategory != .format {
            scalars.append(u)
        }
        return String(scalars).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Value of an ASCII digit character, nil for anything else.
    static func asciiDigit(_ c: Character) -> Int? {
        guard let a = c.asciiValue, a >= 48, a <= 57 else { return nil }
        return Int(a - 48)
    }

    static func isASCIIDigit(_ c: Character) -> Bool { asciiDigit(c) != nil }

    static func isASCIIUpperLetter(_ c: Character) -> Bool {
        guard let a = c.asciiValue else { return false }
        return a >= 65 && a <= 90
    }

    /// Upper-cases ASCII letters only; other characters are left untouched.
    static func asciiUppercased(_ s: String) -> String {
        String(s.map { c -> Character in
            if let a = c.asciiValue, a >= 97, a <= 122 { return Character(UnicodeScalar(a - 32)) }
            return c
        })
    }
}

import Foundation

/// The facts in the QR code of a chip-based citizen identity card (CCCD,
/// from 2021) or căn cước card (Luật Căn cước 2023; Thông tư 16/2024/TT-BCA):
/// `id|old CMND|full name|ddmmyyyy birth|Nam/Nữ|residence|ddmmyyyy issue`.
/// The căn cước card issued from 1 July 2024 has the same seven first,
/// then more `|` fields (11 in all as seen, the last ones often empty: what
/// the circular adds, such as a cancelled id number or the parents' names,
/// in an order not confirmed), read past and never used; its old-number
/// field is empty for a person who never had a CMND, and its residence is
/// the "nơi cư trú" (permanent, else temporary residence) where the CCCD
/// printed "nơi thường trú". See docs/architecture.md, "The căn cước card".
/// A payload is personal data: it is never logged, and the caller drops it
/// once the answers are filled.
public struct CitizenCard: Sendable, Equatable {
    public var idNumber: PersonalIDNumber
    /// The old 9-digit identity card number, when the card gives one.
    public var oldIDNumber: String?
    public var fullName: String
    public var birthDate: CalendarDate
    public var gender: Gender
    /// As printed: on cards issued before July 2025, in old units (with a
    /// district); `OldAddress` reads it into today's.
    public var residence: String
    public var issueDate: CalendarDate
    /// The payload came without a single Vietnamese mark: a scanner in
    /// keyboard mode that sends ASCII only. The name and address must be
    /// corrected by hand (the kiosk says so).
    public var withoutMarks: Bool
    /// The id number's century/gender and year digits disagree with the
    /// card's own birth date or gender: shown, not trusted.
    public var mismatch: PersonalIDMismatch?

    /// The card's kind as the forms' `id_type` says it: `CC` for a căn cước
    /// card (issued from 1 July 2024, Luật Căn cước 2023 in force), else
    /// `CCCD`. By the issue date, not by the number of fields: a CCCD issued
    /// before stays a CCCD until it expires, whatever reader made its code.
    public var cardType: String {
        issueDate >= CalendarDate(year: 2024, month: 7, day: 1) ? "CC" : "CCCD"
    }

    /// Age in whole years on `day`.
    public func age(on day: CalendarDate) -> Int {
        var years = day.year - birthDate.year
        if (day.month, day.day) < (birthDate.month, birthDate.day) { years -= 1 }
        return years
    }
}

/// Why a scan is not a card that can be used: each said on screen in a
/// short sentence, and no answer changed.
public enum CitizenCardError: Error, Sendable, Equatable {
    /// Not a card's payload at all (a parcel barcode, a link, a payment QR).
    case notACard
    /// Fewer than seven fields: the code was read in part.
    case truncated(fields: Int)
    case idNumber(PersonalIDError)
    case noName
    case birthDate(String)
    case gender(String)
    case issueDate(String)
    /// Issued before the birth date or after today.
    case issueDateImpossible

    public var message: LocalizedText {
        switch self {
        case .notACard:
            return LocalizedText(vi: "Mã vừa quét không phải mã QR của thẻ căn cước.", en: "The code just scanned is not the QR code of an identity card.")
        case .truncated(let n):
            return LocalizedText(vi: "Mã QR của thẻ chỉ đọc được một phần (\(n) trong 7 mục). Hãy quét lại, giữ thẻ yên.",
                                 en: "Only part of the card's QR code was read (\(n) of 7 fields). Scan it again, holding the card still.")
        case .idNumber(let e):
            return LocalizedText(vi: "Số định danh trên thẻ không đúng: " + e.message.vi, en: "The card's id number is wrong: " + e.message.en)
        case .noName:
            return LocalizedText(vi: "Mã QR của thẻ không có họ tên. Hãy quét lại.", en: "The card's QR code holds no name. Scan it again.")
        case .birthDate(let s):
            return LocalizedText(vi: "Ngày sinh trên thẻ “\(s)” không phải một ngày có thật. Hãy quét lại hoặc gõ tay.",
                                 en: "The card's date of birth “\(s)” is not a real date. Scan again or type it.")
        case .gender(let s):
            return LocalizedText(vi: "Giới tính trên thẻ “\(s)” không đọc được. Hãy quét lại hoặc gõ tay.",
                                 en: "The card's gender “\(s)” cannot be read. Scan again or type it.")
        case .issueDate(let s):
            return LocalizedText(vi: "Ngày cấp trên thẻ “\(s)” không phải một ngày có thật. Hãy quét lại.",
                                 en: "The card's issue date “\(s)” is not a real date. Scan it again.")
        case .issueDateImpossible:
            return LocalizedText(vi: "Ngày cấp trên thẻ trước ngày sinh hoặc sau hôm nay: thẻ này không dùng được. Hãy gõ tay.",
                                 en: "The card's issue date is before the birth date or after today: this card cannot be used. Type the answers instead.")
        }
    }
}

extension CitizenCard {
    /// Reads a scanned payload. `today` bounds the dates (never the real
    /// clock in tests).
    public static func parse(_ payload: String, today: CalendarDate) -> Result<CitizenCard, CitizenCardError> {
        let text = VietnameseText.normalize(payload.trimmingCharacters(in: .whitespacesAndNewlines))
        guard looksLikeCard(text) else { return .failure(.notACard) }
        let fields = text.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard fields.count >= 7 else { return .failure(.truncated(fields: fields.count)) }
        let id: PersonalIDNumber
        switch PersonalIDNumber.parse(fields[0], today: today) {
        case .success(let n): id = n
        case .failure(let e): return .failure(.idNumber(e))
        }
        let old = fields[1].filter(\.isNumber)
        let name = fields[2].split(whereSeparator: \.isWhitespace).joined(separator: " ")
        guard !name.isEmpty, name.contains(where: \.isLetter) else { return .failure(.noName) }
        guard let birth = date(fields[3]), birth <= today else { return .failure(.birthDate(fields[3])) }
        let gender: Gender
        switch VietnameseText.fold(fields[4]) {
        case "nam", "male", "m": gender = .male
        case "nu", "female", "f": gender = .female
        default: return .failure(.gender(fields[4]))
        }
        guard let issued = date(fields[6]) else { return .failure(.issueDate(fields[6])) }
        guard issued >= birth, issued <= today else { return .failure(.issueDateImpossible) }
        return .success(CitizenCard(idNumber: id, oldIDNumber: old.count == 9 || old.count == 12 ? old : nil, fullName: name,
                                    birthDate: birth, gender: gender, residence: fields[5], issueDate: issued,
                                    withoutMarks: text.unicodeScalars.allSatisfy(\.isASCII),
                                    mismatch: id.agrees(birthYear: birth.year, gender: gender)))
    }

    /// Whether `text` has the shape of a card's payload: twelve digits, then
    /// `|`. What tells a scan from a paste or a parcel's barcode before it
    /// is read.
    public static func looksLikeCard(_ text: String) -> Bool {
        let t = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let bar = t.firstIndex(of: "|") else { return false }
        let first = t[..<bar]
        return first.count == 12 && first.allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// ddmmyyyy (8 digits), a real day.
    static func date(_ s: String) -> CalendarDate? {
        let digits = Array(s)
        guard digits.count == 8, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
              let d = Int(String(digits[0..<2])), let m = Int(String(digits[2..<4])), let y = Int(String(digits[4..<8])) else { return nil }
        return CalendarDate.valid(year: y, month: m, day: d)
    }
}

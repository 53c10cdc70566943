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

    /// Issued from 1 July 2025, when the 2025 units came into force (two
    /// levels, no district): its residence is written in them.
    public var issuedInTodaysUnits: Bool { issueDate >= CalendarDate(year: 2025, month: 7, day: 1) }

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
    /// Reads a scanned payload from its bytes (never made into one String:
    /// only the fields the forms use become text; what follows the seventh
    /// field is never read). `today` bounds the dates (never the real clock
    /// in tests). The caller wipes the payload once the card is read.
    public static func parse(_ payload: ScanPayload, today: CalendarDate) -> Result<CitizenCard, CitizenCardError> {
        payload.withBytes { parse(bytes: $0[...], today: today) }
    }

    /// A payload given as text (tests; the bytes are wiped when read).
    public static func parse(_ payload: String, today: CalendarDate) -> Result<CitizenCard, CitizenCardError> {
        parse(ScanPayload(payload), today: today)
    }

    static func parse(bytes: Slice<UnsafeRawBufferPointer>, today: CalendarDate) -> Result<CitizenCard, CitizenCardError> {
        let body = trimmed(bytes)
        guard looksLikeCard(body) else { return .failure(.notACard) }
        var fields: [Slice<UnsafeRawBufferPointer>] = []
        var start = body.startIndex
        for i in body.indices where body[i] == UInt8(ascii: "|") {
            fields.append(body[start..<i])
            start = i + 1
        }
        fields.append(body[start..<body.endIndex])
        guard fields.count >= 7 else { return .failure(.truncated(fields: fields.count)) }
        /// A field as text (NFC, spaces trimmed).
        func text(_ i: Int) -> String {
            VietnameseText.normalize(String(decoding: fields[i], as: UTF8.self)).trimmingCharacters(in: .whitespaces)
        }
        let id: PersonalIDNumber
        switch PersonalIDNumber.parse(text(0), today: today) {
        case .success(let n): id = n
        case .failure(let e): return .failure(.idNumber(e))
        }
        let old = text(1).filter(\.isNumber)
        let name = text(2).split(whereSeparator: \.isWhitespace).joined(separator: " ")
        guard !name.isEmpty, name.contains(where: \.isLetter) else { return .failure(.noName) }
        let birthText = text(3)
        guard let birth = date(birthText), birth <= today else { return .failure(.birthDate(birthText)) }
        let gender: Gender
        let genderText = text(4)
        switch VietnameseText.fold(genderText) {
        case "nam", "male", "m": gender = .male
        case "nu", "female", "f": gender = .female
        default: return .failure(.gender(genderText))
        }
        let issueText = text(6)
        guard let issued = date(issueText) else { return .failure(.issueDate(issueText)) }
        guard issued >= birth, issued <= today else { return .failure(.issueDateImpossible) }
        // Without a mark in the seven fields: a scanner that sends ASCII only.
        let used = body[body.startIndex..<fields[6].endIndex]
        return .success(CitizenCard(idNumber: id, oldIDNumber: old.count == 9 || old.count == 12 ? old : nil, fullName: name,
                                    birthDate: birth, gender: gender, residence: text(5), issueDate: issued,
                                    withoutMarks: used.allSatisfy { $0 < 0x80 },
                                    mismatch: id.agrees(birthYear: birth.year, gender: gender)))
    }

    /// Without the spaces and line ends around it.
    static func trimmed(_ bytes: Slice<UnsafeRawBufferPointer>) -> Slice<UnsafeRawBufferPointer> {
        func space(_ b: UInt8) -> Bool { b == 32 || b == 9 || b == 10 || b == 13 }
        var lo = bytes.startIndex, hi = bytes.endIndex
        while lo < hi, space(bytes[lo]) { lo += 1 }
        while hi > lo, space(bytes[hi - 1]) { hi -= 1 }
        return bytes[lo..<hi]
    }

    /// Whether `bytes` have the shape of a card's payload: twelve ASCII
    /// digits, then `|`. What tells a scan from a paste or a parcel's
    /// barcode before it is read.
    static func looksLikeCard<C: Collection>(_ bytes: C) -> Bool where C.Element == UInt8 {
        var n = 0
        for b in bytes {
            if n == 12 { return b == UInt8(ascii: "|") }
            guard b >= UInt8(ascii: "0"), b <= UInt8(ascii: "9") else { return false }
            n += 1
        }
        return false
    }

    public static func looksLikeCard(_ text: String) -> Bool {
        looksLikeCard(text.trimmingCharacters(in: .whitespacesAndNewlines).utf8)
    }

    /// Whether `scalars`, typed so far, may still become a card's payload:
    /// up to twelve digits, or twelve digits and `|` and anything after.
    /// (The keyboard burst waits a moment for more keys only while so.)
    public static func couldStartCard(_ scalars: [UInt32]) -> Bool {
        guard !scalars.isEmpty else { return false }
        for (i, v) in scalars.enumerated() {
            if i == 12 { return v == UInt32(UInt8(ascii: "|")) }
            guard v >= 48, v <= 57 else { return false }
        }
        return true
    }

    /// ddmmyyyy (8 digits), a real day.
    static func date(_ s: String) -> CalendarDate? {
        let digits = Array(s)
        guard digits.count == 8, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
              let d = Int(String(digits[0..<2])), let m = Int(String(digits[2..<4])), let y = Int(String(digits[4..<8])) else { return nil }
        return CalendarDate.valid(year: y, month: m, day: d)
    }
}

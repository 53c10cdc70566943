import Foundation

/// Why a dossier code could not be read (or made).
public enum DossierCodeError: Error, Sendable, Hashable {
    case empty
    /// The agency part (before the first dash) is wrong.
    case agency(AgencyCodeError)
    /// No dash between the agency code and the date.
    case missingDashAfterAgency
    /// No dash between the date and the sequence number.
    case missingDashAfterDate
    /// The date part is not 6 digits; carries what was typed.
    case dateNotSixDigits(String)
    /// Six digits that are no calendar date (month 13, 30 February…).
    case impossibleDate(String)
    /// The sequence part is not 4 digits; carries what was typed.
    case sequenceNotFourDigits(String)
    /// Characters after a complete code.
    case extraCharacters(String)
    /// `make`: year outside 2000–2099.
    case yearOutOfRange(Int)
    /// `make`: sequence outside 0–9999.
    case sequenceOutOfRange(Int)

    public var message: LocalizedText {
        let example = DossierCode.exampleText
        switch self {
        case .empty:
            return LocalizedText(vi: "Bạn chưa nhập mã hồ sơ.", en: "Please type the dossier code.")
        case .agency(let error):
            return LocalizedText(
                vi: "Phần đầu của mã hồ sơ (mã cơ quan) chưa đúng. \(error.message.vi)",
                en: "The first part of the dossier code (the agency code) is wrong. \(error.message.en)")
        case .missingDashAfterAgency:
            return LocalizedText(
                vi: "Thiếu dấu gạch ngang “-” sau mã cơ quan. Mã hồ sơ có dạng \(example).",
                en: "A dash “-” is missing after the agency code. A dossier code looks like \(example).")
        case .missingDashAfterDate:
            return LocalizedText(
                vi: "Sau 6 chữ số ngày tiếp nhận phải có dấu gạch ngang “-” và 4 chữ số thứ tự. Mã hồ sơ có dạng \(example).",
                en: "The 6-digit date must be followed by a dash “-” and a 4-digit sequence number. A dossier code looks like \(example).")
        case .dateNotSixDigits(let found):
            let shown = found.isEmpty
                ? LocalizedText(vi: "bạn để trống", en: "it is empty")
                : LocalizedText(vi: "bạn đã gõ “\(found)”", en: "you typed “\(found)”")
            return LocalizedText(
                vi: "Phần ngày tiếp nhận của mã hồ sơ phải có 6 chữ số năm-tháng-ngày, ví dụ 250715 (\(shown.vi)).",
                en: "The date part of the dossier code must be 6 digits year-month-day, e.g. 250715 (\(shown.en)).")
        case .impossibleDate(let found):
            return LocalizedText(
                vi: "Phần ngày “\(found)” của mã hồ sơ không phải ngày có thật (năm-tháng-ngày). Hãy kiểm tra lại.",
                en: "The date part “\(found)” of the dossier code is not a real date (year-month-day). Please check it.")
        case .sequenceNotFourDigits(let found):
            let shown = found.isEmpty
                ? LocalizedText(vi: "bạn để trống", en: "it is empty")
                : LocalizedText(vi: "bạn đã gõ “\(found)”", en: "you typed “\(found)”")
            return LocalizedText(
                vi: "Số thứ tự ở cuối mã hồ sơ phải có đúng 4 chữ số, ví dụ 0007 (\(shown.vi)).",
                en: "The sequence number at the end of the dossier code must be exactly 4 digits, e.g. 0007 (\(shown.en)).")
        case .extraCharacters(let extra):
            return LocalizedText(
                vi: "Mã hồ sơ có ký tự thừa ở cuối: “\(extra)”. Mã hồ sơ có dạng \(example).",
                en: "The dossier code has extra characters at the end: “\(extra)”. A dossier code looks like \(example).")
        case .yearOutOfRange(let year):
            return LocalizedText(
                vi: "Năm \(year) không ghi được trong mã hồ sơ (chỉ từ 2000 đến 2099).",
                en: "The year \(year) cannot be written in a dossier code (only 2000 to 2099).")
        case .sequenceOutOfRange(let n):
            return LocalizedText(
                vi: "Số thứ tự \(n) không ghi được bằng 4 chữ số (chỉ từ 0 đến 9999).",
                en: "The sequence number \(n) does not fit in 4 digits (only 0 to 9999).")
        }
    }
}

/// Dossier code (mã số hồ sơ) of Thông tư 01/2018/TT-VPCP, Điều 19:
/// `AGENCY-YYMMDD-XXXX`, e.g. `000.25.01.H49-250715-0007` — receiving agency,
/// date received, sequence number of that agency's dossiers on that day.
public struct DossierCode: Sendable, Hashable, CustomStringConvertible {
    public let agency: AgencyCode
    /// Full year, 2000–2099.
    public let year: Int
    public let month: Int
    public let day: Int
    /// Sequence number of the day, 0–9999.
    public let sequence: Int

    static let exampleText = "000.25.01.H49-250715-0007"

    private init(agency: AgencyCode, year: Int, month: Int, day: Int, sequence: Int) {
        self.agency = agency
        self.year = year
        self.month = month
        self.day = day
        self.sequence = sequence
    }

    /// Builds a code from its parts, checking the date and ranges.
    public static func make(agency: AgencyCode, year: Int, month: Int, day: Int, sequence: Int)
        -> Result<DossierCode, DossierCodeError>
    {
        guard (2000...2099).contains(year) else { return .failure(.yearOutOfRange(year)) }
        guard isValidDate(year: year, month: month, day: day) else {
            let shown = month >= 0 && month <= 99 && day >= 0 && day <= 99
                ? twoDigits(year % 100) + twoDigits(month) + twoDigits(day)
                : "\(year % 100)/\(month)/\(day)"
            return .failure(.impossibleDate(shown))
        }
        guard (0...9999).contains(sequence) else { return .failure(.sequenceOutOfRange(sequence)) }
        return .success(DossierCode(agency: agency, year: year, month: month, day: day, sequence: sequence))
    }

    /// Parses a typed or scanned code. Trims, drops whitespace and invisible
    /// characters, accepts typographic dashes (– — −) for "-", and
    /// upper-cases the agency letter; everything else must match exactly.
    public static func parse(_ s: String) -> Result<DossierCode, DossierCodeError> {
        let cleaned = IdentifierInput.clean(s).filter { !$0.isWhitespace }
        let text = IdentifierInput.asciiUppercased(String(cleaned.map { dashVariants.contains($0) ? "-" : $0 }))
        if text.isEmpty { return .failure(.empty) }

        // Agency: everything before the first dash.
        guard let firstDash = text.firstIndex(of: "-") else {
            if looksLikeAgencyPrefix(text) { return .failure(.missingDashAfterAgency) }
            return agencyFailure(text)
        }
        let agencyText = String(text[..<firstDash])
        let agency: AgencyCode
        switch AgencyCode.parse(agencyText) {
        case .success(let a): agency = a
        case .failure:
            if looksLikeAgencyPrefix(agencyText) { return .failure(.missingDashAfterAgency) }
            return agencyFailure(agencyText)
        }

        // Date: up to the second dash.
        let afterAgency = text[text.index(after: firstDash)...]
        guard let secondDash = afterAgency.firstIndex(of: "-") else {
            // A complete date followed by digits (or nothing): the dash is missing.
            let lead = afterAgency.prefix(6)
            if lead.count == 6 && lead.allSatisfy(IdentifierInput.isASCIIDigit) {
                return .failure(.missingDashAfterDate)
            }
            return .failure(.dateNotSixDigits(String(afterAgency)))
        }
        let dateText = String(afterAgency[..<secondDash])
        guard dateText.count == 6, dateText.allSatisfy(IdentifierInput.isASCIIDigit) else {
            return .failure(.dateNotSixDigits(dateText))
        }
        let d = dateText.compactMap(IdentifierInput.asciiDigit)
        let year = 2000 + d[0] * 10 + d[1]
        let month = d[2] * 10 + d[3]
        let day = d[4] * 10 + d[5]
        guard isValidDate(year: year, month: month, day: day) else {
            return .failure(.impossibleDate(dateText))
        }

        // Sequence: exactly 4 digits, then nothing.
        let tail = afterAgency[afterAgency.index(after: secondDash)...]
        let digitRun = tail.prefix(while: IdentifierInput.isASCIIDigit)
        let rest = tail[digitRun.endIndex...]
        if digitRun.count == 4 && !rest.isEmpty { return .failure(.extraCharacters(String(rest))) }
        guard digitRun.count == 4 && rest.isEmpty else {
            return .failure(.sequenceNotFourDigits(String(tail)))
        }
        let sequence = Int(String(digitRun))!
        return .success(DossierCode(agency: agency, year: year, month: month, day: day, sequence: sequence))
    }

    /// Convenience: nil when `parse` fails.
    public init?(_ s: String) {
        guard case .success(let code) = Self.parse(s) else { return nil }
        self = code
    }

    /// Date part as written, "250715".
    public var dateCode: String { Self.twoDigits(year % 100) + Self.twoDigits(month) + Self.twoDigits(day) }

    /// Sequence part as written, "0007".
    public var sequenceCode: String {
        let s = String(sequence)
        return String(repeating: "0", count: max(0, 4 - s.count)) + s
    }

    /// Canonical text, "000.25.01.H49-250715-0007".
    public var description: String { "\(agency.description)-\(dateCode)-\(sequenceCode)" }

    // MARK: helpers

    static let dashVariants: Set<Character> = [
        "\u{2010}", "\u{2011}", "\u{2012}", "\u{2013}", "\u{2014}", "\u{2212}", "\u{FE63}", "\u{FF0D}",
    ]

    /// True when the text starts with a well-formed agency code but goes on
    /// without a dash ("000.00.00.H49250715…").
    private static func looksLikeAgencyPrefix(_ text: String) -> Bool {
        guard text.count > AgencyCode.canonicalLength else { return false }
        if case .success = AgencyCode.parse(String(text.prefix(AgencyCode.canonicalLength))) { return true }
        return false
    }

    private static func agencyFailure(_ text: String) -> Result<DossierCode, DossierCodeError> {
        switch AgencyCode.parse(text) {
        case .failure(let e): return .failure(.agency(e))
        case .success: return .failure(.missingDashAfterAgency)  // agency alone, nothing after
        }
    }

    static func isValidDate(year: Int, month: Int, day: Int) -> Bool {
        CalendarDate.valid(year: year, month: month, day: day) != nil
    }

    private static func twoDigits(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}

extension DossierCode: TextIdentifier {
    static let kindName = "dossier code"
}

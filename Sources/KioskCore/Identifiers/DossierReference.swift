import Foundation

/// The temporary receipt number a station prints before the provincial
/// server gives the official code: `STATION-YYYYMMDD-NNNN`, e.g.
/// `KIOSK-01-20261205-0001` (the station id of kiosk.conf, which may hold
/// dashes itself; the day in Vietnam; the station's sequence of that day).
public struct ReceiptNumber: Sendable, Hashable, CustomStringConvertible {
    public let station: String
    public let date: CalendarDate
    public let sequence: Int

    /// Reads a typed number: whitespace and invisible characters dropped,
    /// typographic dashes taken for "-", letters upper-cased as printed.
    public static func parse(_ s: String) -> ReceiptNumber? {
        let text = DossierReference.normalized(s)
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count >= 3 else { return nil }
        let dateText = parts[parts.count - 2], sequenceText = parts[parts.count - 1]
        let station = parts.dropLast(2).joined(separator: "-")
        guard !station.isEmpty, !station.hasPrefix("-"), !station.hasSuffix("-"),
              station.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_") }),
              dateText.count == 8, dateText.allSatisfy(IdentifierInput.isASCIIDigit),
              sequenceText.count == 4, sequenceText.allSatisfy(IdentifierInput.isASCIIDigit),
              let date = CalendarDate.valid(year: Int(dateText.prefix(4))!, month: Int(dateText.dropFirst(4).prefix(2))!, day: Int(dateText.suffix(2))!)
        else { return nil }
        return ReceiptNumber(station: station, date: date, sequence: Int(sequenceText)!)
    }

    public var description: String {
        "\(station)-" + String(format: "%04d%02d%02d-%04d", date.year, date.month, date.day, sequence)
    }
}

/// What a citizen may type wherever a dossier code is asked: the official
/// code (Thông tư 01/2018), or the temporary receipt number, the only number
/// on a receipt printed before the server answered. The station finds its
/// own dossier by either; the provincial server knows official codes only.
public enum DossierReference: Sendable, Hashable, CustomStringConvertible {
    case official(DossierCode)
    case receipt(ReceiptNumber)

    /// The official code when it reads as one, else a receipt number; the
    /// official code's part-by-part message otherwise (the shape printed on
    /// every receipt once the server answered).
    public static func parse(_ s: String) -> Result<DossierReference, DossierCodeError> {
        switch DossierCode.parse(s) {
        case .success(let code): return .success(.official(code))
        case .failure(let error):
            if let number = ReceiptNumber.parse(s) { return .success(.receipt(number)) }
            return .failure(error)
        }
    }

    /// Canonical text: what the store and the server are asked with.
    public var description: String {
        switch self {
        case .official(let code): return code.description
        case .receipt(let number): return number.description
        }
    }

    static func normalized(_ s: String) -> String {
        let cleaned = IdentifierInput.clean(s).filter { !$0.isWhitespace }
        return IdentifierInput.asciiUppercased(String(cleaned.map { DossierCode.dashVariants.contains($0) ? "-" : $0 }))
    }
}

import Foundation

/// `decimal`: a number, with `,` or `.` as the decimal mark
/// (`NumberFieldRules`, in NumberField.swift, for `min`, `max` and the bounds).
enum DecimalField: NumberFieldRules {
    static let wholeBounds = false
    static let notANumber = LocalizedText(vi: "Cần một số, ví dụ 2,5.", en: "Enter a number, e.g. 2.5.")

    static func number(from text: String) -> Double? {
        let text = text.replacingOccurrences(of: ",", with: ".")
        return text.allSatisfy({ $0.isASCIIDigitCharacter || $0 == "." || $0 == "-" }) ? Double(text) : nil
    }
}

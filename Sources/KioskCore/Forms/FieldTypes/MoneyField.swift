import Foundation

/// `money`: an amount in đồng; `.` and `,` between thousands and a unit
/// (đồng, đ, vnd, vnđ) are ignored (`NumberFieldRules`, in NumberField.swift,
/// for `min`, `max` and the bounds). A computed value rounds to the đồng.
enum MoneyField: NumberFieldRules {
    static let wholeBounds = true
    static let notANumber = LocalizedText(vi: "Cần số tiền bằng đồng, ví dụ 200000.", en: "Enter an amount in đồng, e.g. 200000.")

    static func number(from text: String) -> Double? {
        var text = text
        for unit in ["đồng", "đ", "vnd", "vnđ"] where text.lowercased().hasSuffix(unit) { text = String(text.dropLast(unit.count)) }
        text = text.replacingOccurrences(of: ".", with: "").replacingOccurrences(of: ",", with: "")
        return text.allSatisfy(\.isASCIIDigitCharacter) && !text.isEmpty ? Double(text) : nil
    }

    static func coerce(_ value: ExprValue) -> ExprValue {
        if case .number(let n) = value { return .number(n.rounded()) }
        return value
    }
}

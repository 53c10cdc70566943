/// `integer`: a whole number, maybe negative (`NumberFieldRules`, in
/// NumberField.swift, for `min`, `max` and the bounds). A computed value rounds.
enum IntegerField: NumberFieldRules {
    static let wholeBounds = true
    static let notANumber = LocalizedText(vi: "Cần một số nguyên, ví dụ 2.", en: "Enter a whole number, e.g. 2.")

    static func number(from text: String) -> Double? {
        let digits = text.hasPrefix("-") ? String(text.dropFirst()) : text
        return !digits.isEmpty && digits.allSatisfy(\.isASCIIDigitCharacter) ? Double(text) : nil
    }

    static func coerce(_ value: ExprValue) -> ExprValue {
        if case .number(let n) = value { return .number(n.rounded()) }
        return value
    }
}

import Foundation

/// What `integer`, `decimal` and `money` share: `min` and `max`, spaces
/// ignored in the answer, the bounds checked after the number is read.
/// How the digits are read and what a wrong answer is told is each type's.
protocol NumberFieldRules: FieldTypeRules {
    /// The number in an answer without its spaces; nil when it is not one.
    static func number(from text: String) -> Double?
    /// What to tell a person whose answer is not a number of this type.
    static var notANumber: LocalizedText { get }
    /// `min` and `max` must be whole numbers.
    static var wholeBounds: Bool { get }
}

extension NumberFieldRules {
    static var attributes: Set<String> { ["min", "max"] }
    static var isLatinOnly: Bool { true }
    static func valueType(_ field: FieldDefinition, datasets: DatasetCatalog) -> ExprType { .number }

    static func readAttributes(_ source: FieldSource, loader: inout FormLoader) {
        let i = source.index
        loader.fields[i].min = loader.number(source["min"], "min", integer: wholeBounds)
        loader.fields[i].max = loader.number(source["max"], "max", integer: wholeBounds)
        if let lo = loader.fields[i].min, let hi = loader.fields[i].max, lo > hi {
            loader.error(source["min"]!.location, "“min” lớn hơn “max”", "“min” is larger than “max”")
        }
    }

    static func read(_ text: String, raw: String, field f: FieldDefinition, datasets: DatasetCatalog) -> (ExprValue, LocalizedText?) {
        guard let n = number(from: text.replacingOccurrences(of: " ", with: "")), n.isFinite, abs(n) < 1e15 else {
            return (.null, notANumber)
        }
        if let lo = f.min, n < lo {
            return (.number(n), LocalizedText(vi: "Không được nhỏ hơn \(ExprValue.format(lo)).", en: "Must be at least \(ExprValue.format(lo))."))
        }
        if let hi = f.max, n > hi {
            return (.number(n), LocalizedText(vi: "Không được lớn hơn \(ExprValue.format(hi)).", en: "Must be at most \(ExprValue.format(hi))."))
        }
        return (.number(n), nil)
    }
}

/// `text`: one line. `max_length` (1 to 10 000, default 200); `suggest`:
/// names from a dataset offered while typing, a chosen one filling other
/// answers (Suggestions.swift).
enum TextField: FreeTextRules {
    static let maxLengths = (default: 200, limit: 10_000)
    static let attributes: Set<String> = ["max_length", "suggest"]

    static func resolveAttributes(_ source: FieldSource, loader: inout FormLoader) {
        loader.fields[source.index].suggest = loader.suggestion(source["suggest"], field: source.index)
    }
}

/// What `text` and `textarea` share: the answer is the text, no longer
/// than `max_length` characters.
protocol FreeTextRules: FieldTypeRules {
    static var maxLengths: (default: Int, limit: Int) { get }
}

extension FreeTextRules {
    static var attributes: Set<String> { ["max_length"] }
    static var keepsTypedText: Bool { true }

    static func readAttributes(_ source: FieldSource, loader: inout FormLoader) {
        let length = loader.number(source["max_length"], "max_length", integer: true, range: 1...Double(maxLengths.limit))
        loader.fields[source.index].maxLength = length.map { Int($0) } ?? maxLengths.default
    }

    static func read(_ text: String, raw: String, field f: FieldDefinition, datasets: DatasetCatalog) -> (ExprValue, LocalizedText?) {
        let n = text.count
        if n > f.maxLength {
            return (.text(text), LocalizedText(vi: "Quá dài: tối đa \(f.maxLength) ký tự (đang có \(n)).",
                                               en: "Too long: at most \(f.maxLength) characters (now \(n))."))
        }
        return (.text(text), nil)
    }
}

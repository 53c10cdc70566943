import Foundation

/// Reads what a person typed into a field as the value expressions see, and
/// says in words what is wrong with it. Answers are kept as typed (raw text)
/// in drafts; this is the one place that interprets them, each type as its
/// file in FieldTypes/ says.
public enum FieldValueParser {
    /// The value of a raw answer (null when empty or not valid for the type)
    /// and the problem with it, if any. An empty answer has no problem here:
    /// whether it is required is decided by the form state.
    public static func read(_ raw: String, for f: FieldDefinition, datasets: DatasetCatalog) -> (ExprValue, LocalizedText?) {
        let rules = f.type.rules
        let s = raw.trimmed
        if s.isEmpty || rules.isEmptyAnswer(s) { return (.null, nil) }
        return rules.read(s, raw: raw, field: f, datasets: datasets)
    }

    /// The problem with a raw answer, or nil (used to check defaults).
    public static func problem(with raw: String, for f: FieldDefinition, datasets: DatasetCatalog) -> LocalizedText? {
        read(raw, for: f, datasets: datasets).1
    }

    /// The normalised form of a valid answer, as a dossier stores it
    /// (docs/forms.md, "How answers are stored").
    public static func canonical(_ raw: String, for f: FieldDefinition, datasets: DatasetCatalog) -> String {
        let (value, problem) = read(raw, for: f, datasets: datasets)
        guard problem == nil else { return VietnameseText.normalize(raw) }
        if f.type.rules.keepsTypedText { return VietnameseText.normalize(raw.trimmed) }
        return value == .null ? "" : value.description
    }
}

/// `note`: a `text` shown to the reader, under an optional `label`. It
/// holds no answer and nothing may refer to it.
enum NoteField: FieldTypeRules {
    static let attributes: Set<String> = ["text"]
    static let refusedKeys = ["required", "default", "constraints", "compute", "key", "read_only"]
    static let holdsAnswer = false

    /// Nothing refers to a note (the loader says so).
    static func valueType(_ field: FieldDefinition, datasets: DatasetCatalog) -> ExprType { .null }

    /// The label is optional, the text is not.
    static func readLabel(_ field: inout FieldDefinition, _ source: FieldSource, loader: inout FormLoader) {
        field.label = loader.text(source["label"], "label", at: source.location, required: false) ?? LocalizedText("")
        field.noteText = loader.text(source["text"], "text", at: source.location)
    }

    static func read(_ text: String, raw: String, field: FieldDefinition, datasets: DatasetCatalog) -> (ExprValue, LocalizedText?) {
        (.null, nil)
    }
}

/// `calculate`: a hidden computed value (XLSForm's calculate). It has a
/// `compute` expression and nothing to type: it is never shown on a page or
/// in the review and never takes the focus, needs no label, and is usable in
/// expressions and sent with the dossier like any answer (while its
/// `visible_if`, if any, is true).
enum CalculateField: FieldTypeRules {
    /// Nothing a person answers: no requirement, default, check or read-only.
    static let refusedKeys = ["required", "default", "constraints", "read_only"]
    static let isShown = false
    /// The computed value's text is what the dossier keeps.
    static let keepsTypedText = true

    /// The label is optional (the field id stands for it in messages).
    static func readLabel(_ field: inout FieldDefinition, _ source: FieldSource, loader: inout FormLoader) {
        field.label = loader.text(source["label"], "label", at: source.location, required: false) ?? field.label
        if source["compute"] == nil {
            loader.error(source.location, "trường calculate cần “compute”", "a calculate field needs “compute”")
        }
    }

    /// Whatever its compute gives: the loader infers it from the compute
    /// (FormLoader.inferCalculatedTypes); unknown until then.
    static func valueType(_ field: FieldDefinition, datasets: DatasetCatalog) -> ExprType { .any }

    /// A computed value's text, as the dossier keeps it.
    static func read(_ text: String, raw: String, field: FieldDefinition, datasets: DatasetCatalog) -> (ExprValue, LocalizedText?) {
        (.text(text), nil)
    }
}

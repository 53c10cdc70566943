/// `multichoice`: any of the `options` or `dataset` rows (read as for a
/// `choice`, in ChoiceField.swift, with its `choice_filter` and `show_codes`;
/// no `filter`), written as the chosen values separated by spaces.
/// Expressions see the list of values.
enum MultichoiceField: FieldTypeRules {
    static let attributes: Set<String> = ["options", "dataset", "choice_filter", "show_codes"]

    static func readAttributes(_ source: FieldSource, loader: inout FormLoader) {
        ChoiceField.readOptions(source, loader: &loader)
    }

    /// The list of chosen values (texts that compare with numbers when they all are numbers).
    static func valueType(_ field: FieldDefinition, datasets: DatasetCatalog) -> ExprType {
        .list(ChoiceField.valueType(field, datasets: datasets))
    }

    static func resolveAttributes(_ source: FieldSource, loader: inout FormLoader) {
        ChoiceField.resolveChoiceFilter(source, loader: &loader)
    }

    /// Every chosen value must pass the field's `choice_filter`.
    static func issues(_ value: ExprValue, at path: FieldPath, field f: FieldDefinition, in state: FormState) -> [LocalizedText] {
        guard case .list(let values) = value else { return [] }
        return values.contains { !state.isOffered($0.description, field: f, at: path) } ? [ChoiceField.notOffered] : []
    }

    static func read(_ text: String, raw: String, field f: FieldDefinition, datasets: DatasetCatalog) -> (ExprValue, LocalizedText?) {
        let values = text.split(separator: " ").map(String.init)
        for v in values { if let problem = ChoiceField.problem(v, f, datasets) { return (.null, problem) } }
        return (.list(values.map(ExprValue.text)), nil)
    }
}

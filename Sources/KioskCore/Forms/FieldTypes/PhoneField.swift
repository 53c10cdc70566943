/// `phone`: a Vietnamese mobile or landline number, `0…` or `+84…`,
/// checked by `PhoneNumber`; expressions and dossiers see the `0…` form.
enum PhoneField: FieldTypeRules {
    static let isLatinOnly = true

    static func read(_ text: String, raw: String, field: FieldDefinition, datasets: DatasetCatalog) -> (ExprValue, LocalizedText?) {
        switch PhoneNumber.parse(text) {
        case .success(let p): return (.text(p.national), nil)
        case .failure(let e): return (.null, e.message)
        }
    }
}

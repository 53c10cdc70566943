/// `email`: an email address, checked by `EmailAddress`.
enum EmailField: FieldTypeRules {
    static let isLatinOnly = true

    static func read(_ text: String, raw: String, field: FieldDefinition, datasets: DatasetCatalog) -> (ExprValue, LocalizedText?) {
        switch EmailAddress.validate(text) {
        case .success(let e): return (.text(e), nil)
        case .failure(let e): return (.null, e.message)
        }
    }
}

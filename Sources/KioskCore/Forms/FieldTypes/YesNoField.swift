/// `yesno`: yes or no (`yes`/`co`/`true`, `no`/`khong`/`false`, any case
/// or marks), stored as `yes`/`no`; expressions see true or false.
enum YesNoField: FieldTypeRules {
    static func valueType(_ field: FieldDefinition, datasets: DatasetCatalog) -> ExprType { .bool }

    static func read(_ text: String, raw: String, field: FieldDefinition, datasets: DatasetCatalog) -> (ExprValue, LocalizedText?) {
        switch VietnameseText.fold(text) {
        case "yes", "co", "true": return (.bool(true), nil)
        case "no", "khong", "false": return (.bool(false), nil)
        default: return (.null, LocalizedText(vi: "Chọn Có hoặc Không.", en: "Choose Yes or No."))
        }
    }

    /// A computed condition is true or false (null stays null).
    static func coerce(_ value: ExprValue) -> ExprValue {
        value == .null ? .null : .bool(value.isTrue)
    }
}

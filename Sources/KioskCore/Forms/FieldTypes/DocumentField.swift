/// `document`: provides the procedure's document `component` (its code):
/// `desk` (brought to the desk), `file:SHA256` (an attached file, lower-case
/// hex) or `reuse:DOSSIER-CODE` (from an earlier dossier). Never computed.
enum DocumentField: FieldTypeRules {
    static let attributes: Set<String> = ["component"]
    static let keepsTypedText = true

    static func readAttributes(_ source: FieldSource, loader: inout FormLoader) {
        if let c = source["compute"] {
            loader.error(c.location, "trường tài liệu không tính được", "a document field cannot be computed")
        }
        if let c = loader.string(source["component"], "component", at: source.location), !loader.componentCodes.contains(c) {
            loader.error(source["component"]!.location, "không có thành phần hồ sơ “\(c)” trong procedure.documents",
                         "no document component “\(c)” in procedure.documents")
        }
        loader.fields[source.index].component = source["component"]?.stringValue
    }

    static func read(_ text: String, raw: String, field: FieldDefinition, datasets: DatasetCatalog) -> (ExprValue, LocalizedText?) {
        if text == "desk" { return (.text(text), nil) }
        if text.hasPrefix("file:") {
            let hex = text.dropFirst(5)
            if hex.count == 64, hex.allSatisfy({ $0.isHexDigit && !$0.isUppercase }) { return (.text(text), nil) }
        }
        if text.hasPrefix("reuse:"), case .success = DossierCode.parse(String(text.dropFirst(6))) { return (.text(text), nil) }
        return (.null, LocalizedText(vi: "Tài liệu không hợp lệ; hãy đính kèm lại.", en: "The document is not valid; attach it again."))
    }
}

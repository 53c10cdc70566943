import Foundation

/// `address`: a province, then one of its communes (the 2025 units of the
/// datasets `provinces-2025` and `communes-2025`, which the form's folder
/// must have), then house number and street, written `PROVINCE|COMMUNE|detail`.
/// With empty codes the detail is an old address kept as written.
/// Expressions see the whole address as one line.
enum AddressField: FieldTypeRules {
    static let keepsTypedText = true

    static func readAttributes(_ source: FieldSource, loader: inout FormLoader) {
        for name in ["provinces-2025", "communes-2025"] where loader.datasets[name] == nil {
            loader.error(source.location, "kiểu address cần bộ dữ liệu \(name).csv trong Forms/datasets", "type address needs the dataset \(name).csv in Forms/datasets")
        }
    }

    /// `||` is an address with nothing in it.
    static func isEmptyAnswer(_ text: String) -> Bool { text.allSatisfy { $0 == "|" } }

    static func read(_ text: String, raw: String, field: FieldDefinition, datasets: DatasetCatalog) -> (ExprValue, LocalizedText?) {
        let (p, c, detail) = FieldValueParser.addressParts(raw)
        if p.isEmpty && c.isEmpty { return (.text(detail), nil) }
        guard let province = datasets["provinces-2025"]?.row(code: p) else {
            return (.null, LocalizedText(vi: "Chọn tỉnh, thành phố trong danh sách.", en: "Choose a province or city from the list."))
        }
        guard !c.isEmpty else {
            return (.null, LocalizedText(vi: "Chọn xã, phường, đặc khu.", en: "Choose a commune or ward."))
        }
        guard let commune = datasets["communes-2025"]?.row(code: c), commune.parent == p else {
            return (.null, LocalizedText(vi: "Xã, phường này không thuộc \(province.name).", en: "This commune is not in \(province.label(.en))."))
        }
        let line = [detail, commune.name, province.name].filter { !$0.isEmpty }.joined(separator: ", ")
        return (.text(line), nil)
    }
}

extension FieldValueParser {
    /// `PROVINCE|COMMUNE|detail`; with empty codes the detail is an old
    /// address kept as written.
    public static func addressParts(_ raw: String) -> (province: String, commune: String, detail: String) {
        let parts = raw.split(separator: "|", maxSplits: 2, omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        return (parts.count > 0 ? parts[0] : "", parts.count > 1 ? parts[1] : "", parts.count > 2 ? parts[2] : "")
    }
}

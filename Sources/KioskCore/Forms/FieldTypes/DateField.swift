/// `date`: `dd/mm/yyyy`, or `mm/yyyy` and `yyyy` where `precision` allows
/// (a list of `day`, `month`, `year`; default `["day"]`). Expressions see a
/// `CalendarDate`.
enum DateField: FieldTypeRules {
    static let attributes: Set<String> = ["precision"]
    static let isLatinOnly = true

    static func valueType(_ field: FieldDefinition, datasets: DatasetCatalog) -> ExprType { .date }

    static func readAttributes(_ source: FieldSource, loader: inout FormLoader) {
        guard let list = loader.array(source["precision"], "precision", at: source.location, required: false) else { return }
        var set: Set<CalendarDate.Precision> = []
        for p in list {
            if let s = loader.string(p, "precision", at: p.location), let v = CalendarDate.Precision(rawValue: s) { set.insert(v) } else {
                loader.error(p.location, "“precision” gồm day, month, year", "“precision” takes day, month, year")
            }
        }
        if set.isEmpty { loader.error(source["precision"]!.location, "“precision” không được trống", "“precision” must not be empty") }
        loader.fields[source.index].precision = set.isEmpty ? [.day] : set
    }

    static func read(_ text: String, raw: String, field f: FieldDefinition, datasets: DatasetCatalog) -> (ExprValue, LocalizedText?) {
        guard let d = CalendarDate.parse(text, allowed: f.precision) else { return (.null, problem(text, f.precision)) }
        return (.date(d), nil)
    }

    private static func problem(_ s: String, _ allowed: Set<CalendarDate.Precision>) -> LocalizedText {
        // A well-shaped but impossible day deserves its own sentence.
        if allowed.contains(.day) {
            // dd/mm/yyyy (or with - or .), yyyy-mm-dd, ddmmyyyy.
            var parts = s.split(whereSeparator: { $0 == "/" || $0 == "-" || $0 == "." }).map(String.init)
            if parts.count == 1, parts[0].count == 8 {
                let p = Array(parts[0])
                parts = [String(p[0..<2]), String(p[2..<4]), String(p[4..<8])]
            }
            if parts.count == 3, parts[0].count == 4, parts[2].count <= 2 { parts.reverse() }
            if parts.count == 3, let d = Int(parts[0]), let m = Int(parts[1]), let y = Int(parts[2]), parts[2].count == 4,
               parts[0].count <= 2, parts[1].count <= 2, CalendarDate.valid(year: y, month: m, day: d) == nil {
                return LocalizedText(vi: "Ngày \(s) không có thật (kiểm tra ngày và tháng).", en: "The date \(s) does not exist (check day and month).")
            }
        }
        var vi: [String] = [], en: [String] = []
        if allowed.contains(.day) { vi.append("ngày/tháng/năm (14/11/2026)"); en.append("day/month/year (14/11/2026)") }
        if allowed.contains(.month) { vi.append("tháng/năm (11/2026)"); en.append("month/year (11/2026)") }
        if allowed.contains(.year) { vi.append("chỉ năm (1950)"); en.append("the year only (1950)") }
        return LocalizedText(vi: "Ghi ngày dạng " + vi.joined(separator: " hoặc ") + ".",
                             en: "Write the date as " + en.joined(separator: " or ") + ".")
    }
}

import Foundation

/// Reads what a person typed into a field as the value expressions see, and
/// says in words what is wrong with it. Answers are kept as typed (raw text)
/// in drafts; this is the one place that interprets them.
public enum FieldValueParser {
    /// The value of a raw answer (null when empty or not valid for the type)
    /// and the problem with it, if any. An empty answer has no problem here:
    /// whether it is required is decided by the form state.
    public static func read(_ raw: String, for f: FieldDefinition, datasets: DatasetCatalog) -> (ExprValue, LocalizedText?) {
        let s = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        if s.isEmpty || (f.type == .address && s.allSatisfy { $0 == "|" }) { return (.null, nil) }
        switch f.type {
        case .text, .textarea:
            let n = s.count
            if n > f.maxLength {
                return (.text(s), LocalizedText(vi: "Quá dài: tối đa \(f.maxLength) ký tự (đang có \(n)).",
                                                en: "Too long: at most \(f.maxLength) characters (now \(n))."))
            }
            return (.text(s), nil)
        case .integer, .decimal, .money:
            return readNumber(s, f)
        case .date:
            guard let d = CalendarDate.parse(s, allowed: f.precision) else { return (.null, dateProblem(s, f.precision)) }
            return (.date(d), nil)
        case .yesno:
            switch VietnameseText.fold(s) {
            case "yes", "co", "true": return (.bool(true), nil)
            case "no", "khong", "false": return (.bool(false), nil)
            default: return (.null, LocalizedText(vi: "Chọn Có hoặc Không.", en: "Choose Yes or No."))
            }
        case .choice:
            if let problem = choiceProblem(s, f, datasets) { return (.null, problem) }
            return (.text(s), nil)
        case .multichoice:
            let values = s.split(separator: " ").map(String.init)
            for v in values { if let problem = choiceProblem(v, f, datasets) { return (.null, problem) } }
            return (.list(values.map(ExprValue.text)), nil)
        case .id_number:
            switch PersonalIDNumber.parse(s) {
            case .success(let id): return (.text(id.digits), nil)
            case .failure(let e): return (.null, e.message)
            }
        case .phone:
            switch PhoneNumber.parse(s) {
            case .success(let p): return (.text(p.national), nil)
            case .failure(let e): return (.null, e.message)
            }
        case .email:
            switch EmailAddress.validate(s) {
            case .success(let e): return (.text(e), nil)
            case .failure(let e): return (.null, e.message)
            }
        case .address:
            return readAddress(raw, datasets)
        case .document:
            return readDocument(s)
        case .repeat, .note:
            return (.null, nil)
        }
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
        switch (f.type, value) {
        case (.address, _), (.text, _), (.textarea, _), (.choice, _), (.document, _):
            return VietnameseText.normalize(raw.trimmingCharacters(in: .whitespacesAndNewlines))
        case (_, .null): return ""
        default: return value.description
        }
    }

    private static func readNumber(_ s: String, _ f: FieldDefinition) -> (ExprValue, LocalizedText?) {
        var text = s.replacingOccurrences(of: " ", with: "")
        let n: Double?
        switch f.type {
        case .money:
            for unit in ["đồng", "đ", "vnd", "vnđ"] where text.lowercased().hasSuffix(unit) { text = String(text.dropLast(unit.count)) }
            text = text.replacingOccurrences(of: ".", with: "").replacingOccurrences(of: ",", with: "")
            n = text.allSatisfy(\.isASCIIDigitCharacter) && !text.isEmpty ? Double(text) : nil
        case .integer:
            let digits = text.hasPrefix("-") ? String(text.dropFirst()) : text
            n = !digits.isEmpty && digits.allSatisfy(\.isASCIIDigitCharacter) ? Double(text) : nil
        default:
            text = text.replacingOccurrences(of: ",", with: ".")
            n = text.allSatisfy({ $0.isASCIIDigitCharacter || $0 == "." || $0 == "-" }) ? Double(text) : nil
        }
        guard let n, n.isFinite, abs(n) < 1e15 else {
            let what: LocalizedText
            switch f.type {
            case .integer: what = LocalizedText(vi: "Cần một số nguyên, ví dụ 2.", en: "Enter a whole number, e.g. 2.")
            case .money: what = LocalizedText(vi: "Cần số tiền bằng đồng, ví dụ 200000.", en: "Enter an amount in đồng, e.g. 200000.")
            default: what = LocalizedText(vi: "Cần một số, ví dụ 2,5.", en: "Enter a number, e.g. 2.5.")
            }
            return (.null, what)
        }
        if let lo = f.min, n < lo {
            return (.number(n), LocalizedText(vi: "Không được nhỏ hơn \(ExprValue.format(lo)).", en: "Must be at least \(ExprValue.format(lo))."))
        }
        if let hi = f.max, n > hi {
            return (.number(n), LocalizedText(vi: "Không được lớn hơn \(ExprValue.format(hi)).", en: "Must be at most \(ExprValue.format(hi))."))
        }
        return (.number(n), nil)
    }

    private static func dateProblem(_ s: String, _ allowed: Set<CalendarDate.Precision>) -> LocalizedText {
        // A well-shaped but impossible day deserves its own sentence.
        if allowed.contains(.day) {
            let parts = s.split(separator: "/")
            if parts.count == 3, let d = Int(parts[0]), let m = Int(parts[1]), let y = Int(parts[2]), parts[2].count == 4,
               CalendarDate.valid(year: y, month: m, day: d) == nil {
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

    private static func choiceProblem(_ v: String, _ f: FieldDefinition, _ datasets: DatasetCatalog) -> LocalizedText? {
        if let name = f.dataset {
            if datasets[name]?.row(code: v) != nil { return nil }
        } else if f.options.contains(where: { $0.value == v }) {
            return nil
        }
        return LocalizedText(vi: "Hãy chọn một mục trong danh sách.", en: "Choose an item from the list.")
    }

    /// `PROVINCE|COMMUNE|detail`; with empty codes the detail is an old
    /// address kept as written.
    public static func addressParts(_ raw: String) -> (province: String, commune: String, detail: String) {
        let parts = raw.split(separator: "|", maxSplits: 2, omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        return (parts.count > 0 ? parts[0] : "", parts.count > 1 ? parts[1] : "", parts.count > 2 ? parts[2] : "")
    }

    private static func readAddress(_ raw: String, _ datasets: DatasetCatalog) -> (ExprValue, LocalizedText?) {
        let (p, c, detail) = addressParts(raw)
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

    /// A document answer: `desk` (to be presented at the desk), `file:SHA256`
    /// (an attached file), or `reuse:DOSSIER-CODE` (from an earlier dossier).
    private static func readDocument(_ s: String) -> (ExprValue, LocalizedText?) {
        if s == "desk" { return (.text(s), nil) }
        if s.hasPrefix("file:") {
            let hex = s.dropFirst(5)
            if hex.count == 64, hex.allSatisfy({ $0.isHexDigit && !$0.isUppercase }) { return (.text(s), nil) }
        }
        if s.hasPrefix("reuse:"), case .success = DossierCode.parse(String(s.dropFirst(6))) { return (.text(s), nil) }
        return (.null, LocalizedText(vi: "Tài liệu không hợp lệ; hãy đính kèm lại.", en: "The document is not valid; attach it again."))
    }
}

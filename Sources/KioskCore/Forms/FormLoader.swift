import Foundation

/// Turns one form file into a checked `FormDefinition`, collecting every
/// problem with its line and column rather than stopping at the first.
/// A form with any error is not returned: citizens never see a broken form.
public struct FormLoader {
    /// Larger files are refused before parsing (the biggest real form is a
    /// few tens of kilobytes).
    public static let maxFileSize = 4 * 1024 * 1024

    private let file: String
    let datasets: DatasetCatalog
    private var diagnostics: [FormDiagnostic] = []
    /// The fields read so far; a field type's rules fill in its attributes.
    var fields: [FieldDefinition] = []
    private(set) var fieldJSON: [[String: SourceJSON]] = []
    private var pageJSON: [[String: SourceJSON]] = []
    private var pages: [PageDefinition] = []
    private(set) var indexByID: [String: Int] = [:]
    private(set) var componentCodes: Set<String> = []

    public static func load(bytes: [UInt8], file: String, datasets: DatasetCatalog) -> (FormDefinition?, [FormDiagnostic]) {
        var loader = FormLoader(file: file, datasets: datasets)
        let form = loader.run(bytes)
        let failed = loader.diagnostics.contains(where: \.isError)
        return (failed ? nil : form, loader.diagnostics)
    }

    private init(file: String, datasets: DatasetCatalog) {
        self.file = file
        self.datasets = datasets
    }

    // MARK: Reporting

    mutating func error(_ at: SourceLocation, _ vi: String, _ en: String) {
        diagnostics.append(.error(file, at, vi, en))
    }

    private mutating func warning(_ at: SourceLocation, _ vi: String, _ en: String) {
        diagnostics.append(.warning(file, at, vi, en))
    }

    // MARK: Reading JSON

    /// The members of an object, checking that every key is known (a typo
    /// such as "requird" must not be ignored silently). `what` names the
    /// object in Vietnamese, `en` in English (a JSON key name is the same in
    /// both and needs no `en`).
    mutating func members(_ json: SourceJSON?, _ what: String, en: String? = nil, allowed: [String]) -> [String: SourceJSON]? {
        guard let json else { return nil }
        let whatEN = en ?? what
        guard case .object(let list, _) = json else {
            error(json.location, "\(what) phải là một đối tượng {…}, không phải \(json.typeName(.vi))", "\(whatEN) must be an object {…}, not \(json.typeName(.en))")
            return nil
        }
        var out: [String: SourceJSON] = [:]
        for m in list {
            if out[m.key] != nil {
                error(m.keyLocation, "khoá “\(m.key)” lặp lại", "key “\(m.key)” appears twice")
            }
            if !allowed.contains(m.key) {
                let hint = Self.closest(m.key, in: allowed).map { ($0, $0) }
                error(m.keyLocation,
                      "khoá không hợp lệ “\(m.key)” trong \(what)" + (hint.map { "; có phải là “\($0.0)”?" } ?? ""),
                      "unknown key “\(m.key)” in \(whatEN)" + (hint.map { "; did you mean “\($0.1)”?" } ?? ""))
            }
            out[m.key] = m.value
        }
        return out
    }

    /// The nearest allowed word within two edits, for "did you mean".
    static func closest(_ word: String, in candidates: [String]) -> String? {
        func distance(_ a: [Character], _ b: [Character]) -> Int {
            var row = Array(0...b.count)
            for i in 1...max(a.count, 1) where !a.isEmpty {
                var prev = row[0]
                row[0] = i
                for j in 1...max(b.count, 1) where !b.isEmpty {
                    let cur = row[j]
                    row[j] = min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] == b[j - 1] ? 0 : 1))
                    prev = cur
                }
            }
            return row[b.count]
        }
        let w = Array(word.lowercased())
        // Ties go to the alphabetically first, so messages are stable; a
        // suggestion must share at least one letter's worth with the word.
        return candidates.sorted().map { ($0, distance(w, Array($0))) }
            .filter { $0.1 <= 2 && $0.1 < w.count }.min { $0.1 < $1.1 }?.0
    }

    mutating func string(_ json: SourceJSON?, _ what: String, at: SourceLocation, required: Bool = true) -> String? {
        guard let json else {
            if required { error(at, "thiếu “\(what)”", "“\(what)” is missing") }
            return nil
        }
        guard case .string(let s, _, _, _) = json else {
            error(json.location, "“\(what)” phải là một chuỗi \"…\", không phải \(json.typeName(.vi))", "“\(what)” must be a text \"…\", not \(json.typeName(.en))")
            return nil
        }
        return VietnameseText.normalize(s)
    }

    mutating func text(_ json: SourceJSON?, _ what: String, at: SourceLocation, required: Bool = true) -> LocalizedText? {
        guard let json else {
            if required { error(at, "thiếu “\(what)”", "“\(what)” is missing") }
            return nil
        }
        switch json {
        case .string(let s, _, _, _):
            return nonEmpty(LocalizedText(VietnameseText.normalize(s)), what, json.location)
        case .object:
            guard let m = members(json, what, allowed: ["vi", "en"]) else { return nil }
            guard let vi = string(m["vi"], "vi", at: json.location) else { return nil }
            let en = string(m["en"], "en", at: json.location, required: false) ?? ""
            return nonEmpty(LocalizedText(vi: vi, en: en), what, json.location)
        default:
            error(json.location, "“\(what)” phải là chuỗi hoặc {\"vi\": …, \"en\": …}", "“\(what)” must be a text or {\"vi\": …, \"en\": …}")
            return nil
        }
    }

    private mutating func nonEmpty(_ t: LocalizedText, _ what: String, _ at: SourceLocation) -> LocalizedText? {
        if t.vi.trimmed.isEmpty {
            error(at, "“\(what)” trống", "“\(what)” is empty")
            return nil
        }
        return t
    }

    private mutating func bool(_ json: SourceJSON?, _ what: String) -> Bool? {
        guard let json else { return nil }
        guard case .bool(let b, _) = json else {
            error(json.location, "“\(what)” phải là true hoặc false", "“\(what)” must be true or false")
            return nil
        }
        return b
    }

    mutating func number(_ json: SourceJSON?, _ what: String, integer: Bool, range: ClosedRange<Double>? = nil) -> Double? {
        guard let json else { return nil }
        guard case .number(let n, _) = json, !integer || n.rounded() == n else {
            error(json.location, "“\(what)” phải là \(integer ? "một số nguyên" : "một số")", "“\(what)” must be \(integer ? "a whole number" : "a number")")
            return nil
        }
        if let range, !range.contains(n) {
            error(json.location, "“\(what)” phải từ \(ExprValue.format(range.lowerBound)) đến \(ExprValue.format(range.upperBound))",
                  "“\(what)” must be from \(ExprValue.format(range.lowerBound)) to \(ExprValue.format(range.upperBound))")
            return nil
        }
        return n
    }

    mutating func array(_ json: SourceJSON?, _ what: String, at: SourceLocation, required: Bool) -> [SourceJSON]? {
        guard let json else {
            if required { error(at, "thiếu “\(what)”", "“\(what)” is missing") }
            return nil
        }
        guard case .array(let items, _) = json else {
            error(json.location, "“\(what)” phải là một danh sách […]", "“\(what)” must be a list […]")
            return nil
        }
        return items
    }

    // MARK: The file

    private mutating func run(_ bytes: [UInt8]) -> FormDefinition? {
        let start = SourceLocation(line: 1, column: 1)
        guard bytes.count <= Self.maxFileSize else {
            error(start, "tệp quá lớn (\(bytes.count / 1024) KB; tối đa \(Self.maxFileSize / 1024 / 1024) MB)",
                  "file too large (\(bytes.count / 1024) KB; at most \(Self.maxFileSize / 1024 / 1024) MB)")
            return nil
        }
        let root: SourceJSON
        do {
            root = try SourceJSONParser.parse(bytes)
        } catch {
            diagnostics.append(.error(file, error.location, "JSON sai: \(error.localized.vi)", "invalid JSON: \(error.localized.en)"))
            return nil
        }
        guard let top = members(root, "biểu mẫu", en: "form", allowed: ["format", "id", "version", "procedure", "pages", "summary", "declaration", "role_mappings", "role_answers"]) else { return nil }
        if let f = top["format"] {
            if case .number(1, _) = f {} else {
                error(f.location, "“format” phải là 1 (phiên bản định dạng này)", "“format” must be 1 (this format's version)")
            }
        } else {
            error(start, "thiếu “format”: 1", "“format”: 1 is missing")
        }
        let id = string(top["id"], "id", at: root.location)
        if let id, let loc = top["id"]?.location, !Self.isFormID(id) {
            error(loc, "“id” chỉ gồm chữ thường không dấu, chữ số và dấu -", "“id” must be lower-case ASCII letters, digits and -")
        }
        let version = string(top["version"], "version", at: root.location)
        if let version, let loc = top["version"]?.location, version.isEmpty || version.contains(where: { $0.isWhitespace }) {
            error(loc, "“version” không được trống hay có khoảng trắng", "“version” must not be empty or contain spaces")
        }
        let procedure = readProcedure(top["procedure"], at: root.location)

        // Pass 1: pages and fields, so that expressions can refer to fields
        // declared further down.
        if let pageList = array(top["pages"], "pages", at: root.location, required: true) {
            if pageList.isEmpty { error(root.location, "“pages” cần ít nhất một trang", "“pages” needs at least one page") }
            var pageIDs: Set<String> = []
            for pageValue in pageList {
                guard let m = members(pageValue, "trang", en: "page", allowed: ["id", "title", "visible_if", "fields", "basis"]) else { continue }
                let pid = string(m["id"], "id", at: pageValue.location) ?? "?"
                if !pageIDs.insert(pid).inserted {
                    error(m["id"]?.location ?? pageValue.location, "trang “\(pid)” trùng id", "page id “\(pid)” repeats")
                }
                let title = text(m["title"], "title", at: pageValue.location) ?? LocalizedText(pid)
                let pageIndex = pages.count
                pages.append(PageDefinition(id: pid, title: title, visibleIf: nil,
                                            basis: text(m["basis"], "basis", at: pageValue.location, required: false), fields: []))
                pageJSON.append(m)
                let fieldList = array(m["fields"], "fields", at: pageValue.location, required: true) ?? []
                if fieldList.isEmpty { error(pageValue.location, "trang “\(pid)” không có trường nào", "page “\(pid)” has no fields") }
                pages[pageIndex].fields = fieldList.compactMap { readField($0, page: pageIndex, group: nil) }
            }
        }
        // Pass 2: expressions and references, each expression type-checked
        // against what its fields hold.
        valueTypes = fields.map { $0.type.rules.valueType($0, datasets: datasets) }
        inferCalculatedTypes()
        for i in fields.indices { resolveField(i) }
        var compiledProcedure = procedure
        if var p = compiledProcedure {
            if let (name, at) = feeField {
                if let f = fields.first(where: { $0.id == name }), f.type == .money, f.group == nil {
                    p.feeField = name
                } else {
                    error(at, "“fee.field” phải là một trường money ngoài nhóm lặp; “\(name)” thì không",
                          "“fee.field” must be a money field outside repeat groups; “\(name)” is not")
                }
            }
            p.feeExpression = expression(feeExpressionJSON, owner: nil, allowCurrent: false, expecting: .value(.number, key: "fee.amount", fieldType: nil))
            for (i, d) in p.documents.enumerated() {
                if case .when = d.required {
                    p.documents[i].required = documentRequirement[i].map { requirement($0, owner: nil) } ?? .optional
                    checkOffered(d, requirement: documentRequirement[i])
                }
                if case .when = d.lookedUp {
                    p.documents[i].lookedUp = documentLookedUp[i].map { requirement($0, owner: nil, key: "looked_up") } ?? .optional
                }
            }
            for (i, l) in p.linked.enumerated() {
                if case .when = l.included {
                    p.linked[i].included = linkedIncluded[i].map { requirement($0, owner: nil, key: "included_if") } ?? .always
                }
            }
            compiledProcedure = p
        }
        for p in pages.indices {
            pages[p].visibleIf = expression(pageJSON[p]["visible_if"], owner: nil, allowCurrent: false, expecting: .condition(key: "visible_if"))
        }
        let declaration = text(top["declaration"], "declaration", at: root.location, required: false)
        let summary = expression(top["summary"], owner: nil, allowCurrent: false, expecting: .value(.text, key: "summary", fieldType: nil))
        let roleMappings = readRoleMappings(top["role_mappings"], at: root.location)
        let roleAnswers = readRoleAnswers(top["role_answers"], at: root.location, mappings: roleMappings)

        guard !diagnostics.contains(where: \.isError), let id, let version, let compiledProcedure else { return nil }
        switch DependencyGraph.build(fields: fields, pages: pages) {
        case .failure(let cycle):
            func chain(page: String) -> String {
                let names = cycle.nodes.map { $0 < fields.count ? fields[$0].id : page + " " + pages[$0 - fields.count].id }
                return (names + [names.first ?? ""]).joined(separator: " → ")
            }
            let loc = cycle.nodes.first.flatMap { $0 < fields.count ? fields[$0].location : nil } ?? root.location
            error(loc, "vòng lặp phụ thuộc: \(chain(page: "trang"))", "dependency cycle: \(chain(page: "page"))")
            return nil
        case .success(let graph):
            return FormDefinition(id: id, version: version, file: file, procedure: compiledProcedure, pages: pages,
                                  fields: fields, summary: summary, declaration: declaration, roleMappings: roleMappings, roleAnswers: roleAnswers,
                                  datasets: datasets, graph: graph, source: bytes)
        }
    }

    static func isFormID(_ s: String) -> Bool {
        !s.isEmpty && s.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }

    static func isFieldID(_ s: String) -> Bool {
        guard let first = s.unicodeScalars.first, ("a"..."z").contains(first) else { return false }
        return s.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
            && !["and", "or", "not", "true", "false", "null"].contains(s)
    }

    // MARK: The procedure

    private var documentRequirement: [SourceJSON?] = []
    private var documentLookedUp: [SourceJSON?] = []
    private var linkedIncluded: [SourceJSON?] = []
    /// `procedure.fee.field`, resolved once the fields are read.
    private var feeField: (String, SourceLocation)?
    /// `procedure.fee.amount` when it is an expression.
    private var feeExpressionJSON: SourceJSON?

    private mutating func readProcedure(_ json: SourceJSON?, at: SourceLocation) -> Procedure? {
        guard let json else {
            error(at, "thiếu “procedure”", "“procedure” is missing")
            return nil
        }
        guard let m = members(json, "procedure", allowed: ["code", "title", "domain", "level", "fee", "processing_days", "delivery", "agency", "documents", "basis", "linked"]) else { return nil }
        let loc = json.location
        let code = string(m["code"], "code", at: loc) ?? ""
        if !code.isEmpty, !Self.isProcedureCode(code) {
            error(m["code"]!.location, "mã thủ tục “\(code)” sai dạng; ví dụ 1.001193 hoặc 1.011442.000.00.00.H38",
                  "procedure code “\(code)” is malformed; e.g. 1.001193 or 1.011442.000.00.00.H38")
        }
        let title = text(m["title"], "title", at: loc)
        var domainCode = "", domainName = LocalizedText("")
        if let d = members(m["domain"], "domain", allowed: ["code", "name"]) {
            domainCode = string(d["code"], "code", at: m["domain"]!.location) ?? ""
            domainName = text(d["name"], "name", at: m["domain"]!.location) ?? domainName
        } else if m["domain"] == nil {
            error(loc, "thiếu “domain” (lĩnh vực)", "“domain” (the procedure's field) is missing")
        }
        var level = ServiceLevel.partial
        if let s = string(m["level"], "level", at: loc) {
            if let l = ServiceLevel(rawValue: s) { level = l } else {
                error(m["level"]!.location, "“level” là full (toàn trình) hoặc partial (một phần)", "“level” must be full or partial")
            }
        }
        var feeAmount = 0
        var feeNote: LocalizedText?
        var feeKind = FeeKind.lePhi
        if let f = members(m["fee"], "fee", allowed: ["amount", "note", "field", "kind"]) {
            if let k = f["kind"], let s = string(k, "kind", at: k.location) {
                if let kind = FeeKind(rawValue: s) { feeKind = kind } else {
                    error(k.location, "“kind” là le_phi (lệ phí) hoặc phi (phí)", "“kind” must be le_phi or phi")
                }
            }
            feeField = f["field"].map { (string($0, "field", at: $0.location) ?? "", $0.location) }
            // A number, or an expression computing it from the answers
            // (compiled in pass 2, once the fields are known).
            if case .string? = f["amount"] {
                feeExpressionJSON = f["amount"]
            } else {
                feeAmount = Int(number(f["amount"], "amount", integer: true, range: 0...1e9) ?? 0)
            }
            if f["amount"] == nil { error(m["fee"]!.location, "thiếu “amount”", "“amount” is missing") }
            feeNote = text(f["note"], "note", at: loc, required: false)
        } else if m["fee"] == nil {
            error(loc, "thiếu “fee”", "“fee” is missing")
        }
        let days = number(m["processing_days"], "processing_days", integer: true, range: 0...365)
        if m["processing_days"] == nil { error(loc, "thiếu “processing_days”", "“processing_days” is missing") }
        var delivery: [ResultDelivery] = []
        for d in array(m["delivery"], "delivery", at: loc, required: true) ?? [] {
            if let s = string(d, "delivery", at: d.location) {
                if let r = ResultDelivery(rawValue: s) { delivery.append(r) } else {
                    error(d.location, "cách nhận kết quả “\(s)” không có; dùng desk, post, online", "unknown delivery “\(s)”; use desk, post, online")
                }
            }
        }
        if m["delivery"] != nil, delivery.isEmpty { error(m["delivery"]!.location, "cần ít nhất một cách nhận kết quả", "at least one delivery is needed") }
        let agency = text(m["agency"], "agency", at: loc, required: false)
        let basis = text(m["basis"], "basis", at: loc, required: false)
        if m["basis"] == nil {
            warning(loc, "thủ tục chưa có “basis” (căn cứ pháp lý: số văn bản, điều)",
                    "the procedure has no “basis” (its legal source: document number, article)")
        }
        var documents: [DocumentComponent] = []
        for d in array(m["documents"], "documents", at: loc, required: false) ?? [] {
            guard let dm = members(d, "thành phần hồ sơ", en: "document component", allowed: ["code", "name", "required", "copies", "original", "reusable", "note", "key", "basis", "looked_up"]) else { continue }
            let dcode = string(dm["code"], "code", at: d.location) ?? "?"
            if !componentCodes.insert(dcode).inserted {
                error(dm["code"]?.location ?? d.location, "mã thành phần hồ sơ “\(dcode)” trùng", "document component code “\(dcode)” repeats")
            }
            let req = condition(dm["required"], "required")
            let lookedUp = condition(dm["looked_up"], "looked_up")
            if case .always = lookedUp, case .always = req, let r = dm["required"] {
                error(r.location, "giấy tờ “\(dcode)” do cơ quan tự tra cứu (looked_up) thì không thể bắt buộc nộp; bỏ “required” hoặc cho nó một điều kiện",
                      "document “\(dcode)” is looked up by the office (looked_up), so it cannot be required; drop “required” or give it a condition")
            }
            documentRequirement.append(dm["required"])
            documentLookedUp.append(dm["looked_up"])
            documents.append(DocumentComponent(
                code: dcode, name: text(dm["name"], "name", at: d.location) ?? LocalizedText(dcode), required: req,
                copies: Int(number(dm["copies"], "copies", integer: true, range: 1...100) ?? 1),
                original: bool(dm["original"], "original") ?? false, reusable: bool(dm["reusable"], "reusable") ?? false,
                note: text(dm["note"], "note", at: d.location, required: false),
                key: documentKey(dm["key"], at: d.location),
                basis: text(dm["basis"], "basis", at: d.location, required: false), lookedUp: lookedUp))
        }
        let linked = readLinkedProcedures(m["linked"], at: loc, ownCode: code)
        guard let title else { return nil }
        return Procedure(code: code, title: title, domainCode: domainCode, domainName: domainName, level: level,
                         feeAmount: feeAmount, feeNote: feeNote, feeKind: feeKind, processingDays: Int(days ?? 0), delivery: delivery,
                         agency: agency, documents: documents, basis: basis, linked: linked)
    }

    /// `procedure.linked`: the procedures done in the same sitting.
    private mutating func readLinkedProcedures(_ json: SourceJSON?, at loc: SourceLocation, ownCode: String) -> [LinkedProcedure] {
        var out: [LinkedProcedure] = []
        var codes: Set<String> = [ownCode]
        for l in array(json, "linked", at: loc, required: false) ?? [] {
            guard let lm = members(l, "thủ tục liên thông", en: "linked procedure",
                                   allowed: ["code", "title", "agency", "processing_days", "fee", "basis", "included_if"]) else { continue }
            let code = string(lm["code"], "code", at: l.location) ?? ""
            if !code.isEmpty, !Self.isProcedureCode(code) {
                error(lm["code"]!.location, "mã thủ tục “\(code)” sai dạng; ví dụ 1.001193", "procedure code “\(code)” is malformed; e.g. 1.001193")
            } else if !code.isEmpty, !codes.insert(code).inserted {
                error(lm["code"]!.location, "thủ tục “\(code)” đã có trong hồ sơ này", "procedure “\(code)” is already in this dossier")
            }
            let days = number(lm["processing_days"], "processing_days", integer: true, range: 0...365)
            if lm["processing_days"] == nil { error(l.location, "thiếu “processing_days”", "“processing_days” is missing") }
            var feeAmount = 0
            var feeNote: LocalizedText?
            if let f = members(lm["fee"], "fee", allowed: ["amount", "note"]) {
                feeAmount = Int(number(f["amount"], "amount", integer: true, range: 0...1e9) ?? 0)
                feeNote = text(f["note"], "note", at: l.location, required: false)
            }
            var included = Requirement.always
            if let i = lm["included_if"] {
                if case .string = i { included = .when(.constant(.bool(false))) } // compiled in pass 2
                else { error(i.location, "“included_if” là một biểu thức", "“included_if” must be an expression") }
            }
            linkedIncluded.append(lm["included_if"])
            out.append(LinkedProcedure(
                code: code, title: text(lm["title"], "title", at: l.location) ?? LocalizedText(code),
                agency: text(lm["agency"], "agency", at: l.location, required: false), processingDays: Int(days ?? 0),
                feeAmount: feeAmount, feeNote: feeNote, basis: text(lm["basis"], "basis", at: l.location, required: false),
                included: included))
        }
        return out
    }

    /// `true`, `false` or an expression (compiled in pass 2; a placeholder
    /// until then), for a document's `required` and `looked_up`.
    private mutating func condition(_ json: SourceJSON?, _ key: String) -> Requirement {
        guard let json else { return .optional }
        switch json {
        case .bool(let b, _): return b ? .always : .optional
        case .string: return .when(.constant(.bool(false)))
        default:
            error(json.location, "“\(key)” là true, false hoặc một biểu thức", "“\(key)” must be true, false or an expression")
            return .optional
        }
    }

    static func isProcedureCode(_ s: String) -> Bool {
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count >= 2, parts[0].count == 1, parts[0].allSatisfy(\.isASCIIDigitCharacter),
              parts[1].count == 6, parts[1].allSatisfy(\.isASCIIDigitCharacter) else { return false }
        if parts.count == 2 { return true }
        // A local variant: the base code followed by an agency code.
        return parts.count == 6 && AgencyCode.parse(parts[2...].joined(separator: ".")).isSuccess
    }

    // MARK: Fields, pass 1

    private static let fieldKeys = FieldType.commonKeys + FieldType.typeSpecificKeys

    mutating func readField(_ json: SourceJSON, page: Int, group: Int?) -> Int? {
        guard let m = members(json, "trường", en: "field", allowed: Self.fieldKeys) else { return nil }
        let loc = json.location
        guard let id = string(m["id"], "id", at: loc) else { return nil }
        let idLoc = m["id"]!.location
        if !Self.isFieldID(id) {
            error(idLoc, "id “\(id)” phải bắt đầu bằng chữ thường, chỉ gồm chữ thường không dấu, chữ số và _",
                  "id “\(id)” must start with a lower-case letter and hold only a-z, 0-9 and _")
        }
        if let first = indexByID[id] {
            error(idLoc, "id “\(id)” trùng với trường ở dòng \(fields[first].location.line)", "id “\(id)” repeats the field at line \(fields[first].location.line)")
            return nil
        }
        guard let typeName = string(m["type"], "type", at: loc) else { return nil }
        guard let type = FieldType(rawValue: typeName) else {
            let all = FieldType.allCases.map(\.rawValue)
            let hint = Self.closest(typeName, in: all)
            error(m["type"]!.location, "kiểu trường không có: “\(typeName)”" + (hint.map { "; có phải là “\($0)”?" } ?? "") + " Các kiểu: \(all.joined(separator: ", "))",
                  "unknown field type “\(typeName)”" + (hint.map { "; did you mean “\($0)”?" } ?? "") + " Types: \(all.joined(separator: ", "))")
            return nil
        }
        let index = fields.count
        indexByID[id] = index
        let rules = type.rules
        let source = FieldSource(members: m, index: index, location: loc, page: page, group: group)
        var f = FieldDefinition(id: id, index: index, type: type, key: nil, label: LocalizedText(id), page: page, group: group, location: loc)
        rules.readLabel(&f, source, loader: &self)
        f.help = text(m["help"], "help", at: loc, required: false)
        f.basis = text(m["basis"], "basis", at: loc, required: false)
        if let key = string(m["key"], "key", at: loc, required: false) { checkKey(key, at: m["key"]!.location, group: group); f.key = key }
        f.readOnly = bool(m["read_only"], "read_only") ?? false
        if let group { f.localIndex = fields[group].children.count }
        fields.append(f)
        fieldJSON.append(m)
        if let group { fields[group].children.append(index) }

        // Keys of other types, and keys this type refuses.
        for k in FieldType.typeSpecificKeys + rules.refusedKeys where !rules.attributes.contains(k) {
            if let v = m[k] {
                error(v.location, "“\(k)” không dùng cho kiểu \(type.rawValue)", "“\(k)” does not apply to type \(type.rawValue)")
            }
        }
        rules.readAttributes(source, loader: &self)
        return index
    }

    /// A document component's `key`: `role.kind`, with a kind from the
    /// dictionary's document kinds.
    private mutating func documentKey(_ json: SourceJSON?, at: SourceLocation) -> String? {
        guard let key = string(json, "key", at: at, required: false) else { return nil }
        let loc = json?.location ?? at
        guard let parts = SemanticKeys.split(key) else {
            error(loc, "khoá giấy tờ “\(key)” phải có dạng vai_trò.loại, ví dụ bride.identity_document",
                  "document key “\(key)” must look like role.kind, e.g. bride.identity_document")
            return nil
        }
        if !SemanticKeys.roles.contains(parts.role) || !SemanticKeys.documentKinds.contains(parts.attribute) {
            warning(loc, "khoá giấy tờ “\(key)” không có trong từ điển (docs/forms.md); hãy thêm vào từ điển trước",
                    "document key “\(key)” is not in the dictionary (docs/forms.md); add it there first")
        }
        return key
    }

    /// `role_mappings`: a list of `{"from": role, "to": role}`; `to` must be
    /// a role this form's keys use, or nothing could be filled.
    private mutating func readRoleMappings(_ json: SourceJSON?, at: SourceLocation) -> [RoleMapping] {
        guard let json else { return [] }
        let used = SemanticKeys.roles(of: fields)
        var out: [RoleMapping] = []
        for item in array(json, "role_mappings", at: at, required: false) ?? [] {
            guard let m = members(item, "role_mappings", allowed: ["from", "to"]) else { continue }
            guard let from = string(m["from"], "from", at: item.location), let to = string(m["to"], "to", at: item.location) else { continue }
            for (role, name) in [(from, "from"), (to, "to")] where !SemanticKeys.roles.contains(role) {
                error(m[name]!.location, "vai trò “\(role)” không có trong từ điển (docs/forms.md)", "role “\(role)” is not in the dictionary (docs/forms.md)")
            }
            if SemanticKeys.roles.contains(to), !used.contains(to) {
                error(m["to"]!.location, "không trường nào của biểu mẫu có vai trò “\(to)”", "no field of this form has the role “\(to)”")
            }
            if from == "dossier" || to == "dossier" {
                error(item.location, "“dossier” không phải một người; không ánh xạ được", "“dossier” is not a person and cannot be mapped")
            }
            let mapping = RoleMapping(from: from, to: to)
            if out.contains(mapping) {
                error(item.location, "ánh xạ \(from) → \(to) trùng", "the mapping \(from) → \(to) repeats")
            }
            out.append(mapping)
        }
        return out
    }

    /// `role_answers`: a list of `{"when": {"bride": "mother", "groom":
    /// "father"}, "answers": {"parents_married": "yes"}, "basis": …}`. Each
    /// pair of `when` must be one of `role_mappings` (else it could never
    /// hold); each answer a top-level field that takes it.
    private mutating func readRoleAnswers(_ json: SourceJSON?, at: SourceLocation, mappings: [RoleMapping]) -> [RoleAnswers] {
        guard let json else { return [] }
        var out: [RoleAnswers] = []
        for item in array(json, "role_answers", at: at, required: false) ?? [] {
            guard let m = members(item, "role_answers", allowed: ["when", "answers", "basis"]) else { continue }
            var rule = RoleAnswers(when: [:], answers: [], basis: text(m["basis"], "basis", at: item.location, required: false))
            guard case .object(let when, let whenLoc)? = m["when"], !when.isEmpty else {
                error(m["when"]?.location ?? item.location, "“when” là một đối tượng { \"vai trò ở hồ sơ cũ\": \"vai trò ở đây\" }, không trống",
                      "“when” must be a non-empty object { \"role there\": \"role here\" }")
                continue
            }
            for pair in when {
                guard let to = string(pair.value, "when", at: whenLoc) else { continue }
                if !mappings.contains(RoleMapping(from: pair.key, to: to)) {
                    error(pair.value.location, "“\(pair.key)” → “\(to)” không có trong role_mappings, nên không bao giờ xảy ra",
                          "“\(pair.key)” → “\(to)” is not among the role_mappings, so it can never hold")
                }
                rule.when[pair.key] = to
            }
            guard case .object(let answers, let answersLoc)? = m["answers"], !answers.isEmpty else {
                error(m["answers"]?.location ?? item.location, "“answers” là một đối tượng { \"id trường\": \"câu trả lời\" }, không trống",
                      "“answers” must be a non-empty object { \"field id\": \"answer\" }")
                continue
            }
            for answer in answers {
                guard let i = indexByID[answer.key] else {
                    let hint = Self.closest(answer.key, in: Array(indexByID.keys))
                    error(answer.value.location, "không có trường “\(answer.key)”" + (hint.map { "; có phải là “\($0)”?" } ?? ""),
                          "no field “\(answer.key)”" + (hint.map { "; did you mean “\($0)”?" } ?? ""))
                    continue
                }
                let f = fields[i]
                guard f.group == nil, f.isEditable, f.type != .document, fieldJSON[i]["compute"] == nil else {
                    error(answer.value.location, "“\(f.id)” không nhận câu trả lời điền sẵn (trong nhóm, giấy tờ, chỉ đọc hoặc tính sẵn)",
                          "“\(f.id)” cannot be filled (in a group, a document, read-only or computed)")
                    continue
                }
                guard let raw = defaultText(answer.value) else { continue }
                if let problem = FieldValueParser.problem(with: raw, for: f, datasets: datasets) {
                    error(answer.value.location, "câu trả lời cho “\(f.id)” sai: \(problem.vi)", "the answer for “\(f.id)” is wrong: \(problem.en)")
                    continue
                }
                rule.answers.append((i, raw))
            }
            _ = answersLoc
            out.append(rule)
        }
        return out
    }

    private mutating func checkKey(_ key: String, at: SourceLocation, group: Int?) {
        let parts = key.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count >= 2, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_") } }) else {
            error(at, "khoá ngữ nghĩa “\(key)” phải có dạng vai_trò.thuộc_tính, ví dụ child.full_name",
                  "semantic key “\(key)” must look like role.attribute, e.g. child.full_name")
            return
        }
        if !SemanticKeys.roles.contains(String(parts[0])) || !SemanticKeys.attributes.contains(String(parts[1])) {
            warning(at, "khoá ngữ nghĩa “\(key)” không có trong từ điển (docs/forms.md); hãy thêm vào từ điển trước",
                    "semantic key “\(key)” is not in the dictionary (docs/forms.md); add it there first")
        }
    }

    // MARK: Fields, pass 2

    private mutating func resolveField(_ i: Int) {
        let m = fieldJSON[i]
        let f = fields[i]
        // A repeat field's own conditions are read in the group around it
        // (an inner group's in each item of its outer group).
        let owner: Int? = f.group
        fields[i].visibleIf = expression(m["visible_if"], owner: owner, allowCurrent: false, expecting: .condition(key: "visible_if"))
        if let r = m["required"] { fields[i].required = requirement(r, owner: owner) }
        // A computed value is stored as the field's answer: it must be of the
        // field's type; a calculate field's type is its compute's.
        fields[i].compute = expression(m["compute"], owner: owner, allowCurrent: false,
                                       expecting: .value(f.type == .calculate ? .any : valueTypes[i].widened, key: "compute", fieldType: f.type.rawValue))
        if let list = array(m["constraints"], "constraints", at: f.location, required: false) {
            for c in list {
                guard let cm = members(c, "ràng buộc", en: "constraint", allowed: ["check", "message"]) else { continue }
                guard cm["check"] != nil else { error(c.location, "thiếu “check”", "“check” is missing"); continue }
                let message = text(cm["message"], "message", at: c.location)
                if let check = expression(cm["check"], owner: owner, allowCurrent: true, expecting: .condition(key: "check"), current: valueTypes[i]),
                   let message {
                    fields[i].constraints.append(FieldConstraint(check: check, message: message))
                }
            }
        }
        fields[i].labelTemplate = template(m["label"], owner: owner)
        fields[i].helpTemplate = template(m["help"], owner: owner)
        if f.type == .note { fields[i].noteTemplate = template(m["text"], owner: owner) }
        f.type.rules.resolveAttributes(FieldSource(members: m, index: i, location: f.location, page: f.page, group: f.group), loader: &self)
        if let d = m["default"] {
            if f.compute != nil || m["compute"] != nil {
                error(d.location, "trường đã có “compute” thì không cần “default”", "a computed field takes no “default”")
            } else if let raw = defaultText(d) {
                if let problem = FieldValueParser.problem(with: raw, for: fields[i], datasets: datasets) {
                    error(d.location, "giá trị mặc định sai: \(problem.vi)", "invalid default: \(problem.en)")
                } else {
                    fields[i].defaultRaw = raw
                }
            }
        }
    }

    private mutating func defaultText(_ json: SourceJSON) -> String? {
        switch json {
        case .string(let s, _, _, _): return VietnameseText.normalize(s)
        case .number(let n, _): return ExprValue.format(n)
        case .bool(let b, _): return b ? "yes" : "no"
        default:
            error(json.location, "“default” là một chuỗi, số hoặc true/false", "“default” must be a text, a number or true/false")
            return nil
        }
    }

    /// A condition under `key` (`required`, a document's `looked_up`, a
    /// linked procedure's `included_if`): `true`, `false` or an expression.
    private mutating func requirement(_ json: SourceJSON, owner: Int?, key: String = "required") -> Requirement {
        switch json {
        case .bool(let b, _): return b ? .always : .optional
        case .string(let s, _, let start, _):
            // "yes" in quotes is a text, not true: say so rather than "no field yes".
            let word = VietnameseText.fold(s.trimmed)
            if ["yes", "no", "co", "khong"].contains(word), indexByID[word] == nil {
                let value = ["yes", "co"].contains(word) ? "true" : "false"
                error(start, "“\(key)” là true, false hoặc một biểu thức, không phải chuỗi \"\(s)\"; viết \"\(key)\": \(value) (không có ngoặc kép)",
                      "“\(key)” is true, false or an expression, not the text \"\(s)\"; write \"\(key)\": \(value) (without quotes)")
                return .optional
            }
            return expression(json, owner: owner, allowCurrent: false, expecting: .condition(key: key)).map(Requirement.when) ?? .optional
        default:
            error(json.location, "“\(key)” là true, false hoặc một biểu thức", "“\(key)” must be true, false or an expression")
            return .optional
        }
    }

    /// What expressions see of each field's answer (pass 2).
    private var valueTypes: [ExprType] = []

    /// A document component required on a condition must be offered by a
    /// document field outside repeat groups: only those are asked for, so
    /// otherwise the person could never give it.
    private mutating func checkOffered(_ d: DocumentComponent, requirement: SourceJSON?) {
        guard !fields.contains(where: { $0.type == .document && $0.component == d.code && $0.group == nil }),
              case .string(_, _, let at, _) = requirement else { return }
        error(at, "thành phần hồ sơ “\(d.code)” bắt buộc theo điều kiện, nhưng không trường document nào (ngoài nhóm lặp) cung cấp nó, nên kiosk không bao giờ hỏi được; thêm một trường { \"type\": \"document\", \"component\": \"\(d.code)\" }",
              "document component “\(d.code)” is required on a condition, but no document field (outside repeat groups) offers it, so the kiosk can never ask for it; add a field { \"type\": \"document\", \"component\": \"\(d.code)\" }")
    }

    /// Parses, compiles and type-checks an expression, reporting errors at
    /// their place in the file. `owner` is the repeat group the expression
    /// belongs to; `expecting`, what it must give where it stands; `current`
    /// the type of `.`; `candidateColumns`, inside a `choice_filter`, the
    /// columns `row()` reads, and `candidateType` the type of each.
    mutating func expression(_ json: SourceJSON?, owner: Int?, allowCurrent: Bool, expecting: ExprExpectation, current: ExprType = .any,
                             candidateColumns: Set<String>? = nil,
                             candidateType: @escaping (String) -> ExprType = { _ in .text }) -> CompiledExpr? {
        guard let json else { return nil }
        guard case .string(let source, _, let contentStart, _) = json else {
            error(json.location, "biểu thức phải là một chuỗi \"…\"", "an expression must be a text \"…\"")
            return nil
        }
        return compile(source, at: contentStart, offset: 0, owner: owner, allowCurrent: allowCurrent, expecting: expecting, current: current,
                       candidateColumns: candidateColumns, candidateType: candidateType)
    }

    /// Compiles `source`, which stands `offset` scalars into a JSON string
    /// whose content starts at `contentStart`.
    private mutating func compile(_ source: String, at contentStart: SourceLocation, offset base: Int, owner: Int?, allowCurrent: Bool,
                                  expecting: ExprExpectation, current: ExprType = .any, candidateColumns: Set<String>? = nil,
                                  candidateType: @escaping (String) -> ExprType = { _ in .text }) -> CompiledExpr? {
        func place(_ offset: Int) -> SourceLocation {
            SourceLocation(line: contentStart.line, column: contentStart.column + base + offset)
        }
        let scope = self.scope(owner: owner, allowCurrent: allowCurrent, candidateColumns: candidateColumns)
        do {
            let syntax = try ExpressionParser.parse(source)
            let compiled = try CompiledExpr.compile(syntax, scope: scope)
            let checker = typeChecker(owner: owner, current: current, candidateType: candidateType)
            let start = source.unicodeScalars.firstIndex { !$0.properties.isWhitespace }
                .map { source.unicodeScalars.distance(from: source.unicodeScalars.startIndex, to: $0) } ?? 0
            try checker.check(syntax, expecting: expecting, start: start)
            return compiled
        } catch {
            self.error(place(error.offset), error.message.vi, error.message.en)
            return nil
        }
    }

    /// How an expression of `owner` reads the form's names.
    private func scope(owner: Int?, allowCurrent: Bool, candidateColumns: Set<String>?) -> ExpressionScope {
        let fields = self.fields
        let indexByID = self.indexByID
        let datasets = self.datasets
        return ExpressionScope(allowCurrent: allowCurrent, resolve: { (name, offset, group) throws(ExpressionError) -> FieldRef in
            guard let target = indexByID[name] else {
                let hint = FormLoader.closest(name, in: Array(indexByID.keys))
                throw ExpressionError("không có trường “\(name)”" + (hint.map { "; có phải là “\($0)”?" } ?? ""),
                                      "no field “\(name)”" + (hint.map { "; did you mean “\($0)”?" } ?? ""), at: offset)
            }
            let t = fields[target]
            switch t.type {
            case .note:
                throw ExpressionError("trường “\(name)” là ghi chú, không có giá trị", "field “\(name)” is a note and has no value", at: offset)
            default:
                // Inside count_if, the counted group's items are in scope.
                return GroupNesting.reference(to: target, from: group ?? owner, in: fields)
            }
        }, datasets: datasets, choiceLabels: { i in
            let f = fields[i]
            guard f.type == .choice || f.type == .multichoice else { return nil }
            if let name = f.dataset { return datasets[name].map(ChoiceLabels.dataset) }
            return .options(Dictionary(f.options.map { ($0.value, $0.label.vi) }, uniquingKeysWith: { a, _ in a }))
        }, candidateColumns: candidateColumns)
    }

    /// A `calculate` field holds whatever its `compute` gives: its type is
    /// inferred before any expression that reads it is checked, those of the
    /// calculate fields it reads first. A compute with a mistake (reported
    /// when it is compiled) or in a cycle (reported by the dependency
    /// graph) stays `any`.
    private mutating func inferCalculatedTypes() {
        var done: [Int: Bool] = [:] // false while being inferred
        func infer(_ i: Int) {
            guard done[i] == nil else { return }
            done[i] = false
            defer { done[i] = true }
            guard case .string(let source, _, _, _)? = fieldJSON[i]["compute"], let syntax = try? ExpressionParser.parse(source) else { return }
            for (name, _) in syntax.fieldNames {
                if let t = indexByID[name], fields[t].type == .calculate { infer(t) }
            }
            let owner = fields[i].group
            // Only an expression that compiles is checked (its names and arities are right).
            guard (try? CompiledExpr.compile(syntax, scope: scope(owner: owner, allowCurrent: false, candidateColumns: nil))) != nil,
                  let type = try? typeChecker(owner: owner, current: .any, candidateType: { _ in .text }).infer(syntax, near: 0) else { return }
            valueTypes[i] = type
        }
        for i in fields.indices where fields[i].type == .calculate { infer(i) }
    }

    /// What the type checker needs of the form for an expression of `owner`.
    private func typeChecker(owner: Int?, current: ExprType, candidateType: @escaping (String) -> ExprType) -> ExprTypeChecker {
        let fields = self.fields
        let indexByID = self.indexByID
        let types = self.valueTypes
        let datasets = self.datasets
        // Mirrors `resolve` in compile() (GroupNesting.reference): a field of
        // a group around the expression is one answer (the same item, the
        // enclosing outer item), of a group read from outside the list of
        // its answers (an inner group's from its outer item: that item's).
        var checker = ExprTypeChecker(current: current) { name, group in
            guard let target = indexByID[name] else { return .init(type: .any) }
            let inScope = group.flatMap { indexByID[$0] } ?? owner
            switch GroupNesting.reference(to: target, from: inScope, in: fields) {
            case .allItems, .innerItems:
                return .init(type: .list(types[target]), listOfGroup: fields[fields[target].group!].id)
            default:
                return .init(type: types[target])
            }
        }
        checker.column = { dataset, column in
            guard let dataset else { return candidateType(column) }
            guard let d = datasets[dataset] else { return .text }
            return .ofTexts(d.rows.lazy.compactMap { $0.column(column) })
        }
        checker.provinceRule = { column, at throws(ExpressionError) in
            // As FormState.provinceRule reads it: a column other than the
            // code and names, a number when the cell reads as one.
            guard let rules = datasets["province-rules"] else { return .any }
            let key = column.lowercased()
            let own = rules.columns.subtracting(["code", "name", "name_en", "parent", "aliases"])
            guard own.contains(key) else {
                let list = own.sorted().joined(separator: ", ")
                throw ExpressionError("datasets/province-rules.csv không có cột “\(column)”, nên province_rule() luôn trống; các cột: \(list)",
                                      "datasets/province-rules.csv has no column “\(column)”, so province_rule() is always empty; columns: \(list)", at: at)
            }
            var numbers = false, texts = false
            for row in rules.rows {
                guard let cell = row.extra[key], !cell.isEmpty else { continue }
                if Double(cell.replacingOccurrences(of: ",", with: ".")) != nil { numbers = true } else { texts = true }
            }
            return numbers == texts ? .any : (numbers ? .number : .text)
        }
        return checker
    }

    /// A text with `${expression}` parts (a label, help or note), compiled;
    /// nil when it has none. Each language's text is checked.
    mutating func template(_ json: SourceJSON?, owner: Int?, candidateColumns: Set<String>? = nil) -> TextTemplate? {
        guard let json else { return nil }
        var strings: [(String, SourceLocation)] = []
        switch json {
        case .string(let s, _, let start, _): strings = [(s, start)]
        case .object(let list, _):
            for m in list where m.key == "vi" || m.key == "en" {
                if case .string(let s, _, let start, _) = m.value { strings.append((s, start)) } else { strings.append(("", m.value.location)) }
            }
        default: return nil
        }
        guard strings.contains(where: { TextTemplate.holdsExpression($0.0) }) else { return nil }
        var parts: [[TextTemplate.Part]] = []
        for (source, start) in strings {
            var out: [TextTemplate.Part] = []
            switch TextTemplate.split(VietnameseText.normalize(source)) {
            case nil:
                out = [.text(VietnameseText.normalize(source))]
            case .failure(let e)?:
                error(SourceLocation(line: start.line, column: start.column + e.offset), e.message.vi, e.message.en)
            case .success(let pieces)?:
                for piece in pieces {
                    if let t = piece.text { out.append(.text(t)) }
                    if let (expr, offset) = piece.expression,
                       // Any value reads as text (TextTemplate.text(of:)); its parts are still checked.
                       let compiled = compile(expr, at: start, offset: offset, owner: owner, allowCurrent: false,
                                              expecting: .value(.any, key: "${…}", fieldType: nil), candidateColumns: candidateColumns) {
                        out.append(.expression(compiled))
                    }
                }
            }
            parts.append(out)
        }
        // An object lists vi then en in any order: find which is which.
        var vi: [TextTemplate.Part] = [], en: [TextTemplate.Part] = []
        if case .object(let list, _) = json {
            let keys = list.filter { $0.key == "vi" || $0.key == "en" }.map(\.key)
            for (k, p) in zip(keys, parts) { if k == "vi" { vi = p } else { en = p } }
        } else {
            vi = parts.first ?? []
        }
        return TextTemplate(vi: vi, en: en)
    }
}

extension Result {
    var isSuccess: Bool { if case .success = self { return true } else { return false } }
}

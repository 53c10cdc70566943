/// `suggest` on a `text` field: while the person types, rows of a dataset
/// that match are offered under the field (the health facilities a birth
/// certificate names, the communes a home town is written with). The answer
/// stays free text: nothing is taken unless a row is chosen (↓ and Enter, or
/// a tap), and a row not in the list is simply typed. A chosen row gives the
/// field its text and fills other answers of the form from its columns, but
/// only answers still empty: nothing typed is replaced.
///
/// ```json
/// "suggest": {
///   "dataset": "health-facilities",
///   "text": "${row('name')}",
///   "fill": { "child_birth_place": "address" }
/// }
/// ```
public struct Suggestion: Sendable {
    public var dataset: String
    /// What a chosen row writes into the field; nil: the row's name.
    public var text: TextTemplate?
    /// Answers a chosen row fills, in the form's order: the field and the
    /// column that gives its answer. For an `address` the column is the
    /// house and street, and the row's `commune` column (a code of
    /// `communes-2025`) gives the commune and its province.
    public var fill: [(field: Int, column: String)]
}

extension FormLoader {
    /// Reads a text field's `suggest` (pass 2: the fields it fills are known).
    mutating func suggestion(_ json: SourceJSON?, field index: Int) -> Suggestion? {
        guard let json else { return nil }
        let at = json.location
        let m: [String: SourceJSON]
        if case .string = json {
            m = ["dataset": json]
        } else {
            guard let members = members(json, "suggest", allowed: ["dataset", "text", "fill"]) else { return nil }
            m = members
        }
        guard let name = string(m["dataset"], "dataset", at: at) else { return nil }
        guard let dataset = datasets[name] else {
            error(m["dataset"]!.location, "không có bộ dữ liệu “\(name)” trong Forms/datasets/", "no dataset “\(name)” in Forms/datasets/")
            return nil
        }
        let owner = fields[index].group
        var suggestion = Suggestion(dataset: name, text: nil, fill: [])
        if let t = m["text"] {
            suggestion.text = template(t, owner: owner, candidateColumns: dataset.columns)
            if suggestion.text == nil, case .string = t {
                error(t.location, "“text” của “suggest” phải dùng cột của dòng được chọn, ví dụ \"${row('name')}\"",
                      "the “text” of “suggest” must use the chosen row's columns, e.g. \"${row('name')}\"")
            }
        }
        guard let fill = m["fill"] else { return suggestion }
        guard case .object(let list, _) = fill else {
            error(fill.location, "“fill” là một đối tượng { \"id trường\": \"tên cột\" }", "“fill” must be an object { \"field id\": \"column name\" }")
            return suggestion
        }
        for member in list {
            let loc = member.value.location
            guard let column = string(member.value, "fill", at: loc) else { continue }
            guard let target = indexByID[member.key] else {
                let hint = Self.closest(member.key, in: Array(indexByID.keys))
                error(loc, "không có trường “\(member.key)”" + (hint.map { "; có phải là “\($0)”?" } ?? ""),
                      "no field “\(member.key)”" + (hint.map { "; did you mean “\($0)”?" } ?? ""))
                continue
            }
            let t = fields[target]
            guard target != index, t.type.holdsAnswer, t.type != .repeat, t.type != .document, !t.readOnly, fieldJSON[target]["compute"] == nil else {
                error(loc, "“\(t.id)” không nhận câu trả lời điền sẵn (chính trường này, nhóm, giấy tờ, chỉ đọc hoặc tính sẵn)",
                      "“\(t.id)” cannot be filled (the field itself, a group, a document, read-only or computed)")
                continue
            }
            guard t.group == owner else {
                error(loc, "“\(t.id)” phải ở cùng nhóm lặp với trường gợi ý (hoặc cả hai ngoài nhóm)",
                      "“\(t.id)” must be in the same repeat group as the suggesting field (or both outside groups)")
                continue
            }
            guard dataset.columns.contains(column) else {
                error(loc, "bộ dữ liệu “\(name)” không có cột “\(column)”; các cột: \(dataset.columns.sorted().joined(separator: ", "))",
                      "the dataset “\(name)” has no column “\(column)”; columns: \(dataset.columns.sorted().joined(separator: ", "))")
                continue
            }
            if t.type == .address && !dataset.columns.contains("commune") {
                error(loc, "để điền địa chỉ “\(t.id)”, bộ dữ liệu “\(name)” cần cột “commune” (mã xã/phường của communes-2025)",
                      "to fill the address “\(t.id)”, the dataset “\(name)” needs a “commune” column (a commune code of communes-2025)")
                continue
            }
            // Every row must give an answer the target takes: a wrong
            // commune code or choice value is found here, not at the desk.
            for row in dataset.rows {
                if t.type == .address, let commune = row.column("commune")?.trimmed, datasets["communes-2025"]?.row(code: commune) == nil {
                    error(loc, "dòng \(row.line) của “\(name)” (\(row.code)) có mã xã “\(commune)” không có trong communes-2025",
                          "row \(row.line) of “\(name)” (\(row.code)) has the commune code “\(commune)”, which communes-2025 does not hold")
                    break
                }
                guard let raw = Suggestion.answer(from: row, column: column, for: t, datasets: datasets), !raw.isEmpty else { continue }
                if let problem = FieldValueParser.problem(with: raw, for: t, datasets: datasets) {
                    error(loc, "dòng \(row.line) của “\(name)” (\(row.code)) cho “\(t.id)” một giá trị sai: \(problem.vi)",
                          "row \(row.line) of “\(name)” (\(row.code)) gives “\(t.id)” a wrong value: \(problem.en)")
                    break
                }
            }
            suggestion.fill.append((target, column))
        }
        return suggestion
    }
}

extension Suggestion {
    /// The answer `row` gives field `target` through `column`, as a draft
    /// keeps it; nil when the row has nothing for it.
    static func answer(from row: DatasetRow, column: String, for target: FieldDefinition, datasets: DatasetCatalog) -> String? {
        guard let value = row.column(column)?.trimmed, !value.isEmpty || target.type == .address else { return nil }
        guard target.type == .address else { return value }
        guard let commune = row.column("commune")?.trimmed, !commune.isEmpty,
              let province = datasets["communes-2025"]?.row(code: commune)?.parent else { return nil }
        return "\(province)|\(commune)|\(value.replacingOccurrences(of: "|", with: "/"))"
    }
}

extension FormState {
    /// The rows a field's `suggest` offers for what is typed, best first.
    public func suggestions(for path: FieldPath, typed: String, limit: Int = 20) -> [(row: DatasetRow, alias: String?)] {
        let f = form.fields[path.field]
        guard let s = f.suggest, let dataset = form.datasets[s.dataset],
              !VietnameseText.fold(typed).isEmpty else { return [] }
        return Array(dataset.searchMatches(typed).prefix(limit))
    }

    /// The text a chosen row writes into the field at `path`.
    public func suggestionText(_ row: DatasetRow, for path: FieldPath) -> String {
        guard let template = form.fields[path.field].suggest?.text else { return row.name }
        let context = CandidateContext(state: self, candidate: .row(row))
        return template.render(context, item: path.item, subItem: path.subItem).vi
    }

    /// The answers a chosen row would fill (beside the field at `path`),
    /// each with the value the row gives it.
    public func suggestionFills(_ row: DatasetRow, for path: FieldPath) -> [(path: FieldPath, raw: String)] {
        guard let s = form.fields[path.field].suggest else { return [] }
        return s.fill.compactMap { fill in
            let target = form.fields[fill.field]
            guard let raw = Suggestion.answer(from: row, column: fill.column, for: target, datasets: form.datasets), !raw.isEmpty else { return nil }
            return (FieldPath(field: fill.field, item: path.item, subItem: path.subItem), raw)
        }
    }
}

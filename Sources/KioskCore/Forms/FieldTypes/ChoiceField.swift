/// `choice`: one of the `options` (`{ "value", "label" }`), or one row of a
/// `dataset` of Forms/datasets; `filter` names the field whose answer the
/// rows' parent must equal (communes of the chosen province), and
/// `choice_filter` is any expression a row (or option) must make true, its
/// columns read with `row('column')`. `show_codes` shows a dataset row's code
/// before its name. The answer is the option's value. `multichoice` shares
/// the options, `choice_filter` and `show_codes` (MultichoiceField.swift).
enum ChoiceField: FieldTypeRules {
    static let attributes: Set<String> = ["options", "dataset", "filter", "choice_filter", "show_codes"]
    static let keepsTypedText = true

    static func readAttributes(_ source: FieldSource, loader: inout FormLoader) {
        readOptions(source, loader: &loader)
    }

    static func resolveAttributes(_ source: FieldSource, loader: inout FormLoader) {
        resolveChoiceFilter(source, loader: &loader)
        guard let ff = source["filter"], let name = loader.string(ff, "filter", at: ff.location) else { return }
        if let target = loader.indexByID[name], loader.fields[target].type == .choice || loader.fields[target].type == .address {
            loader.fields[source.index].filterField = target
            checkFilter(source, by: loader.fields[target], at: ff.location, loader: &loader)
        } else {
            loader.error(ff.location, "“filter” phải là id của một trường lựa chọn (ví dụ tỉnh)", "“filter” must be the id of a choice field (e.g. the province)")
        }
    }

    /// A filter keeps the rows whose `parent` is the answer of `parent`: a
    /// dataset without parents, or whose parents are none of that field's
    /// values, would refuse every choice.
    private static func checkFilter(_ source: FieldSource, by parent: FieldDefinition, at: SourceLocation, loader: inout FormLoader) {
        let f = loader.fields[source.index]
        guard let name = f.dataset else {
            loader.error(at, "“filter” chỉ dùng với “dataset” (lọc theo cột parent của nó), không dùng với “options”",
                         "“filter” works with a “dataset” (by its parent column), not with “options”")
            return
        }
        guard let dataset = loader.datasets[name] else { return }
        guard dataset.hasParents else {
            loader.error(at, "bộ dữ liệu “\(name)” không có cột parent (hoặc cột trống): với “filter”, mọi lựa chọn đều bị từ chối",
                         "the dataset “\(name)” has no parent column (or it is empty): with “filter”, every choice would be refused")
            return
        }
        // The values the parent field can take: its options, or its dataset's codes (an address: its province).
        let values: [String]
        if parent.type == .address {
            values = loader.datasets["provinces-2025"]?.rows.map(\.code) ?? []
        } else if let other = parent.dataset {
            values = loader.datasets[other]?.rows.map(\.code) ?? []
        } else {
            values = parent.options.map(\.value)
        }
        if !values.isEmpty, !values.contains(where: dataset.hasRows(parent:)) {
            loader.error(at, "không dòng nào của “\(name)” có parent là một giá trị của “\(parent.id)”: với “filter”, mọi lựa chọn đều bị từ chối",
                         "no row of “\(name)” has a parent among the values of “\(parent.id)”: with “filter”, every choice would be refused")
        }
    }

    /// The option's value: a text, which compares with numbers when every
    /// value is a number (`copies = 2`).
    static func valueType(_ field: FieldDefinition, datasets: DatasetCatalog) -> ExprType {
        if let name = field.dataset {
            guard let rows = datasets[name]?.rows, !rows.isEmpty else { return .text }
            return rows.allSatisfy { Double($0.code) != nil } ? .numericText : .text
        }
        return !field.options.isEmpty && field.options.allSatisfy { Double($0.value) != nil } ? .numericText : .text
    }

    static func read(_ text: String, raw: String, field f: FieldDefinition, datasets: DatasetCatalog) -> (ExprValue, LocalizedText?) {
        if let problem = problem(text, f, datasets) { return (.null, problem) }
        return (.text(text), nil)
    }

    /// A row of a filtered dataset must belong to the answer it is filtered
    /// by, and pass the field's `choice_filter`.
    static func issues(_ value: ExprValue, at path: FieldPath, field f: FieldDefinition, in state: FormState) -> [LocalizedText] {
        if case .text(let code) = value, !state.isOffered(code, field: f, at: path) { return [notOffered] }
        guard let parentField = f.filterField, let dataset = f.dataset, case .text(let code) = value else { return [] }
        let form = state.form
        let parentRaw = state.raw(form.path(of: parentField, alongside: path))
        let parent = form.fields[parentField].type == .address ? FieldValueParser.addressParts(parentRaw).province : parentRaw
        if let row = form.datasets[dataset]?.row(code: code), row.parent != parent {
            return [LocalizedText(vi: "Mục này không thuộc lựa chọn ở trên; hãy chọn lại.", en: "This does not belong to the choice above; choose again.")]
        }
        return []
    }

    static let notOffered = LocalizedText(vi: "Lựa chọn này không còn phù hợp với các câu trả lời ở trên; hãy chọn lại.",
                                          en: "This choice no longer fits the answers above; choose again.")

    // MARK: Shared with multichoice

    /// `show_codes` (a dataset only) and `choice_filter`'s presence; the
    /// filter itself is compiled in pass 2 (`resolveChoiceFilter`).
    static func readChoiceExtras(_ source: FieldSource, loader: inout FormLoader) {
        if let sc = source["show_codes"] {
            guard case .bool(let b, _) = sc else {
                loader.error(sc.location, "“show_codes” phải là true hoặc false", "“show_codes” must be true or false")
                return
            }
            if b && source["dataset"] == nil {
                loader.error(sc.location, "“show_codes” chỉ dùng với “dataset”", "“show_codes” only applies with a “dataset”")
            }
            loader.fields[source.index].showCodes = b
        }
    }

    /// `choice_filter`: an expression over the form's answers and the
    /// candidate's columns (`row('value')`, `row('label')` for options; the
    /// dataset's columns for a dataset).
    static func resolveChoiceFilter(_ source: FieldSource, loader: inout FormLoader) {
        guard let json = source["choice_filter"] else { return }
        let f = loader.fields[source.index]
        var columns: Set<String> = ["value", "label"]
        // A column is a text holding a number when all its values are numbers.
        let options = f.options
        var type: (String) -> ExprType = { c in .ofTexts(options.lazy.map { c == "value" ? $0.value : $0.label.vi }) }
        if let name = f.dataset {
            guard let dataset = loader.datasets[name] else { return } // reported with the dataset
            columns = dataset.columns
            type = { c in .ofTexts(dataset.rows.lazy.compactMap { $0.column(c) }) }
        }
        loader.fields[source.index].choiceFilter = loader.expression(json, owner: f.group, allowCurrent: false, expecting: .condition(key: "choice_filter"),
                                                                         candidateColumns: columns, candidateType: type)
    }

    /// `options` or `dataset` (one of the two), and `show_codes`.
    static func readOptions(_ source: FieldSource, loader: inout FormLoader) {
        readChoiceExtras(source, loader: &loader)
        let m = source.members, index = source.index, loc = source.location
        if let list = loader.array(m["options"], "options", at: loc, required: false) {
            if m["dataset"] != nil { loader.error(m["dataset"]!.location, "dùng “options” hoặc “dataset”, không dùng cả hai", "use “options” or “dataset”, not both") }
            var values: Set<String> = []
            for o in list {
                guard let om = loader.members(o, "lựa chọn", en: "option", allowed: ["value", "label"]) else { continue }
                guard let value = loader.string(om["value"], "value", at: o.location) else { continue }
                if value.isEmpty || value.contains(" ") {
                    loader.error(om["value"]!.location, "giá trị lựa chọn không được trống hay có khoảng trắng", "an option value must not be empty or contain spaces")
                }
                if !values.insert(value).inserted {
                    loader.error(om["value"]!.location, "giá trị lựa chọn “\(value)” trùng", "option value “\(value)” repeats")
                }
                let label = loader.text(om["label"], "label", at: o.location) ?? LocalizedText(value)
                loader.fields[index].options.append(ChoiceOption(value: value, label: label))
            }
            if list.isEmpty { loader.error(m["options"]!.location, "“options” không được trống", "“options” must not be empty") }
        } else if let name = loader.string(m["dataset"], "dataset", at: loc, required: false) {
            if loader.datasets[name] == nil {
                let hint = FormLoader.closest(name, in: Array(loader.datasets.datasets.keys))
                loader.error(m["dataset"]!.location, "không có bộ dữ liệu “\(name)” trong Forms/datasets" + (hint.map { "; có phải là “\($0)”?" } ?? ""),
                             "no dataset “\(name)” in Forms/datasets" + (hint.map { "; did you mean “\($0)”?" } ?? ""))
            }
            loader.fields[index].dataset = name
        } else {
            loader.error(loc, "trường lựa chọn cần “options” hoặc “dataset”", "a choice field needs “options” or “dataset”")
        }
    }

    /// Why `value` is not one of the field's options or dataset rows, or nil.
    static func problem(_ value: String, _ f: FieldDefinition, _ datasets: DatasetCatalog) -> LocalizedText? {
        if let name = f.dataset {
            if datasets[name]?.row(code: value) != nil { return nil }
        } else if f.options.contains(where: { $0.value == value }) {
            return nil
        }
        return LocalizedText(vi: "Hãy chọn một mục trong danh sách.", en: "Choose an item from the list.")
    }
}

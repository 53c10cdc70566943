import KioskCore

/// A choice from a list, with search: provinces and communes, the
/// datasets, long option lists. Typing filters the list (accents
/// optional); ↑ ↓ move in it, Enter takes the highlighted line.
struct PickerInput: FieldInput {
    /// Whether the list shows under the input: while something is typed, or
    /// while nothing is chosen yet.
    static func isOpen(_ row: FormRow, _ f: FormSession) -> Bool {
        !f.pickerQuery.text.isEmpty || f.raw(row).isEmpty
    }

    func keyBeforePage(_ key: Key, _ row: FormRow, _ f: inout FormSession) -> [Effect]? {
        switch key {
        case .escape where !f.pickerQuery.text.isEmpty:
            f.pickerQuery = LineEdit()
            return []
        case .down where Self.isOpen(row, f) && !f.pickerRows(row).isEmpty:
            f.pickerIndex = min(f.pickerIndex + 1, f.pickerRows(row).count - 1)
            return []
        case .up where Self.isOpen(row, f) && !f.pickerRows(row).isEmpty && f.pickerIndex > 0:
            f.pickerIndex -= 1
            return []
        default:
            return nil
        }
    }

    func key(_ key: Key, _ row: FormRow, _ f: inout FormSession, _ s: inout AppState) -> [Effect] {
        let list = f.pickerRows(row)
        switch key {
        case .enter:
            if Self.isOpen(row, f), f.pickerIndex < list.count {
                let effects = FormUpdate.setAnswer(&f, row, list[f.pickerIndex].code)
                f.pickerQuery = LineEdit()
                f.pickerIndex = 0
                return effects + FormUpdate.enterNext(&s, &f)
            }
            return FormUpdate.enterNext(&s, &f)
        case .backspace where f.pickerQuery.text.isEmpty:
            return FormUpdate.setAnswer(&f, row, "")
        default:
            if TextInput.edit(&f.pickerQuery, key, composer: &s.composer, ime: s.inputMethod != .off) { f.pickerIndex = 0 }
            return []
        }
    }

    func press(item i: Int, _ row: FormRow, _ f: inout FormSession, _ s: inout AppState) -> [Effect] {
        f.pickerIndex = i
        if f.pickerQuery.text.isEmpty && !f.raw(row).isEmpty { f.pickerQuery = LineEdit(" ") }
        return key(.enter, row, &f, &s)
    }

    func draw(_ c: inout Canvas, _ row: FormRow, _ f: FormSession, _ s: AppState, _ at: InputPlace) {
        let chosen = f.label(ofCode: f.raw(row), in: row, language: s.language)
        let typing = at.focused && !f.pickerQuery.text.isEmpty
        let text = typing ? f.pickerQuery.text : chosen
        c.input(text, x: at.x, y: at.y, width: at.width - 2, focused: at.focused, cursor: typing ? f.pickerQuery.cursor : (at.focused ? 0 : nil),
                placeholder: at.focused ? "(" + S.typeToFilter.text(s.language) + ")" : "")
        c.screen.put("▼", x: at.x + at.width - 2, y: at.y, style: Style(at.focused ? .inputFocused : .input))
        c.screen.hitAreas.append(HitArea(x: at.x, y: at.y, width: at.width, height: 1, target: .field(at.focusIndex)))
    }

    /// The open list under the focused input: five lines around the
    /// highlight, or why it is empty.
    func linesBelow(_ row: FormRow, _ f: FormSession, _ s: AppState, _ at: InputPlace) -> [FormLine] {
        guard at.focused, Self.isOpen(row, f) else { return [] }
        let list = f.pickerRows(row)
        let language = s.language
        var out: [FormLine] = []
        let shown = 5
        let start = max(0, min(f.pickerIndex - shown + 1, list.count - shown))
        for (n, item) in list.dropFirst(start).prefix(shown).enumerated() {
            let i = start + n
            let selected = i == f.pickerIndex
            let style = Style(selected ? .focused : .button)
            // A long choice goes on over the next lines, never cut.
            for (k, text) in WordWrap.lines(item.label.text(language), width: at.width - 6).enumerated() {
                out.append(FormLine(focusIndex: at.focusIndex) { c, y in
                    c.screen.fill(x: at.x + 2, y: y, width: at.width - 4, height: 1, style: style)
                    c.screen.put((k > 0 ? "  " : selected ? "▶ " : "  ") + text, x: at.x + 2, y: y, style: style)
                    c.screen.hitAreas.append(HitArea(x: at.x + 2, y: y, width: at.width - 4, height: 1, target: .listItem(i)))
                })
            }
        }
        if list.isEmpty {
            // Each cause its own sentence (a choice to make first, a list
            // missing here, typing that matches nothing), wrapped.
            for text in WordWrap.lines(f.pickerEmptyReason(row).text(language), width: at.width - 4) {
                out.append(FormLine(focusIndex: at.focusIndex) { c, y in c.screen.put("  " + text, x: at.x, y: y, style: Style(.warning)) })
            }
        }
        return out
    }
}

/// What a picker offers and why it may offer nothing.
extension FormSession {
    /// The dataset rows a picker offers, filtered by what was typed.
    public func pickerRows(_ row: FormRow) -> [(code: String, label: LocalizedText)] {
        switch row {
        case .addressPart(let p, let part):
            let name = part == 0 ? "provinces-2025" : "communes-2025"
            let parent = part == 1 ? FieldValueParser.addressParts(state.raw(p)).province : nil
            if part == 1 && (parent ?? "").isEmpty { return [] }
            return (form.datasets[name]?.searchMatches(pickerQuery.text, parent: parent) ?? []).map {
                ($0.row.code, Self.found(LocalizedText(vi: $0.row.name, en: $0.row.label(.en)), by: $0.alias))
            }
        case .field(let p):
            let f = form.fields[p.field]
            if let name = f.dataset {
                var parent: String?
                if let pf = f.filterField {
                    let praw = state.raw(form.path(of: pf, alongside: p))
                    parent = form.fields[pf].type == .address ? FieldValueParser.addressParts(praw).province : praw
                }
                // With show_codes a typed code finds its rows first.
                let found = form.datasets[name]?.searchMatches(pickerQuery.text, parent: parent, codesFirst: f.showCodes) ?? []
                let alias = Dictionary(found.map { ($0.row.code, $0.alias) }, uniquingKeysWith: { a, _ in a })
                return state.offered(found.map(\.row), field: f, at: p).map {
                    ($0.code, Self.found(Self.rowLabel($0, codes: f.showCodes), by: alias[$0.code] ?? nil))
                }
            }
            // Ranked as dataset rows are (words in order first), ties in the form's order.
            let q = VietnameseText.fold(pickerQuery.text)
            return state.offeredOptions(field: f, at: p).enumerated()
                .compactMap { n, o in
                    [o.label.vi, o.label.en].compactMap { VietnameseText.matchRank(VietnameseText.fold($0), foldedQuery: q) }.min().map { ($0, n, o) }
                }
                .sorted { ($0.0, $0.1) < ($1.0, $1.1) }.map { ($0.2.value, $0.2.label) }
        default:
            return []
        }
    }

    /// Why a picker offers nothing (`pickerRows` is empty): a choice to make
    /// first, a list this station lacks or has nothing in for the choice
    /// above, or typing that matches nothing.
    public func pickerEmptyReason(_ row: FormRow) -> LocalizedText {
        let typed = S.noChoiceMatch(pickerQuery.text)
        switch row {
        case .addressPart(let p, let part):
            guard part == 1 else { return datasetEmptyReason("provinces-2025", parent: nil, typed: typed, under: S.noCommunesHere) }
            let province = FieldValueParser.addressParts(state.raw(p)).province
            if province.isEmpty { return S.chooseProvinceFirst }
            return datasetEmptyReason("communes-2025", parent: province, typed: typed, under: S.noCommunesHere)
        case .field(let p):
            let f = form.fields[p.field]
            // Everything filtered out by the form's choice_filter, whatever is typed.
            if f.choiceFilter != nil {
                let all = f.dataset.map { name in state.offered(form.datasets[name]?.rows ?? [], field: f, at: p).count }
                    ?? state.offeredOptions(field: f, at: p).count
                if all == 0 && (f.dataset == nil || !(form.datasets[f.dataset!]?.rows.isEmpty ?? true)) { return S.noneOffered }
            }
            guard let name = f.dataset else { return typed }
            guard let pf = f.filterField else { return datasetEmptyReason(name, parent: nil, typed: typed, under: S.listMissing) }
            let filter = form.fields[pf]
            let praw = state.raw(form.path(of: pf, alongside: p))
            let parent = filter.type == .address ? FieldValueParser.addressParts(praw).province : praw
            if parent.isEmpty { return filter.type == .address ? S.chooseProvinceFirst : S.chooseFirst(filter.label) }
            return datasetEmptyReason(name, parent: parent, typed: typed, under: S.nothingUnder(filter.label))
        default:
            return typed
        }
    }

    /// A dataset missing or empty here, nothing under `parent` (`under`), or
    /// else what was typed matches nothing.
    private func datasetEmptyReason(_ name: String, parent: String?, typed: LocalizedText, under: LocalizedText) -> LocalizedText {
        guard let dataset = form.datasets[name], !dataset.rows.isEmpty else { return S.listMissing }
        if let parent, dataset.rows(parent: parent).isEmpty { return under }
        return typed
    }

    /// A row found by an alias shows it first: "Bình Dương (cũ) → Thành phố
    /// Hồ Chí Minh", "quán ăn → 5610 Nhà hàng…".
    static func found(_ label: LocalizedText, by alias: String?) -> LocalizedText {
        guard let alias else { return label }
        return LocalizedText(vi: alias + " → " + label.vi, en: alias + " → " + label.text(.en))
    }

    /// A dataset row as a list shows it: its name, after its code when the
    /// field asks for codes (`show_codes`: "4711 Bán lẻ lương thực…").
    static func rowLabel(_ row: DatasetRow, codes: Bool) -> LocalizedText {
        let prefix = codes ? row.code + " " : ""
        return LocalizedText(vi: prefix + row.name, en: prefix + row.label(.en))
    }

    /// What a chosen code reads as.
    public func label(ofCode code: String, in row: FormRow, language: Language) -> String {
        guard !code.isEmpty else { return "" }
        switch row {
        case .addressPart(_, let part):
            return form.datasets[part == 0 ? "provinces-2025" : "communes-2025"]?.row(code: code)?.label(language) ?? code
        case .field(let p):
            let f = form.fields[p.field]
            if let name = f.dataset {
                return code.split(separator: " ").map { c in
                    form.datasets[name]?.row(code: String(c)).map { Self.rowLabel($0, codes: f.showCodes).text(language) } ?? String(c)
                }.joined(separator: ", ")
            }
            return code.split(separator: " ").map { c in f.options.first { $0.value == c }?.label.text(language) ?? String(c) }.joined(separator: ", ")
        default:
            return code
        }
    }
}

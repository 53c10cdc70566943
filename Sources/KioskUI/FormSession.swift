import KioskCore
import KioskStore

/// One line of a form page the person can see, and maybe focus.
public enum FormRow: Sendable, Hashable {
    case field(FieldPath)
    /// Part of an address: 0 province, 1 commune, 2 house and street.
    case addressPart(FieldPath, Int)
    case groupHeader(group: Int, item: Int)
    case removeItem(group: Int, item: Int)
    case addItem(group: Int)
    case note(Int)
    /// "Done a procedure before? Enter its dossier code" (the first page).
    case priorEntry
    /// Copies the applicant's answers into another person's (a parent who
    /// is the one registering).
    case copyPerson(role: String)
    /// Copies the address above into this address field.
    case copyAddress(FieldPath)

    var isFocusable: Bool {
        switch self {
        case .groupHeader, .note: return false
        default: return true
        }
    }

    var path: FieldPath? {
        switch self {
        case .field(let p), .addressPart(let p, _): return p
        default: return nil
        }
    }
}

/// A form being filled: the answers (`FormState`), its draft, and where the
/// person is.
public struct FormSession: Sendable {
    public enum Stage: Sendable, Equatable { case fields, documents, review }

    public var form: FormDefinition
    public var state: FormState
    public var draft: Draft
    public var stage: Stage = .fields
    public var page = 0
    /// Index into the focusable rows of the page (or review lines).
    public var focus = 0
    public var scroll = 0
    /// The text being edited in the focused input.
    public var edit = LineEdit()
    /// For choices from a list: what is typed to filter it, and the highlight.
    public var pickerQuery = LineEdit()
    public var pickerIndex = 0
    /// Answers left at least once: their problems are shown.
    public var touched: Set<FieldPath> = []
    /// Pages the person tried to leave with problems: all shown.
    public var checkedPages: Set<Int> = []
    /// Pages the person has been on (marked ✓ when they have no problem).
    public var visitedPages: Set<Int> = []
    public var savedAt: Double?
    public var saveError: LocalizedText?
    /// A save failed: the next save writes every answer again, so that
    /// nothing typed while the disk was busy or full stays unsaved.
    public var needsFullSave = false
    public var declared = false
    public var message: LocalizedText?
    /// Answers filled from earlier dossiers, by answer name.
    public var prefills: [String: Prefill] = [:]

    public init(form: FormDefinition, state: FormState, draft: Draft) {
        self.form = form
        self.state = state
        self.draft = draft
        self.page = firstVisiblePage(from: min(draft.page, form.pages.count - 1), step: 1) ?? 0
        focus = firstFieldFocus
    }

    /// The first field of the page, not a button above it ("earlier
    /// dossier", "same as the applicant"), takes the first keys typed.
    var firstFieldFocus: Int { focusableRows.firstIndex { $0.path != nil } ?? 0 }

    // MARK: Pages

    public var visiblePages: [Int] { form.pages.indices.filter { state.isPageVisible($0) } }

    func firstVisiblePage(from start: Int, step: Int) -> Int? {
        var p = start
        while p >= 0 && p < form.pages.count {
            if state.isPageVisible(p) { return p }
            p += step
        }
        return nil
    }

    // MARK: Earlier dossiers

    /// Where an answer came from, while it is still as it was filled.
    public func prefill(_ p: FieldPath) -> Prefill? {
        guard let fill = prefills[state.name(of: p)], fill.raw == state.raw(p) else { return nil }
        return fill
    }

    /// The answers still as filled from earlier dossiers, in form order.
    public var activePrefills: [(path: FieldPath, fill: Prefill)] {
        guard !prefills.isEmpty else { return [] }
        return state.allPaths.compactMap { p in
            guard state.isVisible(p), let fill = prefill(p) else { return nil }
            return (p, fill)
        }
    }

    /// Earlier dossier codes this dossier uses: its prefilled answers and
    /// its reused documents.
    public var earlierCodes: [String] {
        var codes = activePrefills.map(\.fill.code)
        for f in form.fields where f.type == .document && f.group == nil {
            let raw = state.raw(FieldPath(field: f.index))
            if raw.hasPrefix("reuse:") { codes.append(String(raw.dropFirst(6))) }
        }
        var seen: Set<String> = []
        return codes.filter { seen.insert($0).inserted }
    }

    // MARK: Rows

    /// The rows of the current page, in order.
    public var rows: [FormRow] {
        var out: [FormRow] = []
        if page == firstVisiblePage(from: 0, step: 1) { out.append(.priorEntry) }
        var offeredCopy: Set<String> = []
        for f in form.pages[page].fields {
            // "Same as the applicant" before the first field of another person.
            if let role = form.fields[f].key.flatMap({ SemanticKeys.split($0)?.role }), Self.copyableRoles.contains(role),
               !offeredCopy.contains(role), state.isVisible(FieldPath(field: f)), hasApplicantAnswers(for: role) {
                offeredCopy.insert(role)
                out.append(.copyPerson(role: role))
            }
            let def = form.fields[f]
            switch def.type {
            case .repeat:
                guard state.isVisible(FieldPath(field: f)) else { continue }
                for item in 0..<state.itemCount(f) {
                    out.append(.groupHeader(group: f, item: item))
                    for c in def.children where state.isVisible(FieldPath(field: c, item: item)) {
                        out += rows(for: FieldPath(field: c, item: item))
                    }
                    if state.itemCount(f) > def.minCount { out.append(.removeItem(group: f, item: item)) }
                }
                if state.itemCount(f) < def.maxCount { out.append(.addItem(group: f)) }
            case .note:
                if state.isVisible(FieldPath(field: f)) { out.append(.note(f)) }
            default:
                let p = FieldPath(field: f)
                if state.isVisible(p) { out += rows(for: p) }
            }
        }
        return out
    }

    private func rows(for p: FieldPath) -> [FormRow] {
        if form.fields[p.field].type == .address {
            let copy: [FormRow] = state.value(p).isEmpty && form.fields[p.field].isEditable && addressAbove(p) != nil ? [.copyAddress(p)] : []
            return copy + (0..<3).map { .addressPart(p, $0) }
        }
        return [.field(p)]
    }

    /// Where someone lives (not a place of birth or death): what "same as
    /// above" copies.
    static func isResidence(_ f: FieldDefinition) -> Bool {
        guard let key = f.key, let (_, attribute) = SemanticKeys.split(key) else { return false }
        return attribute == "residence" || attribute == "current_address"
    }

    /// People who may be the applicant themself.
    static let copyableRoles: Set<String> = ["mother", "father", "subject", "bride", "groom", "spouse", "host"]

    /// Whether the applicant has answers this role's fields could take.
    func hasApplicantAnswers(for role: String) -> Bool {
        form.fields.contains { f in
            let raw = state.raw(FieldPath(field: f.index))
            guard f.group == nil, let key = f.key, let (r, attribute) = SemanticKeys.split(key), r == "applicant",
                  !raw.isEmpty, raw != f.defaultRaw else { return false }
            return form.fields.contains { $0.key == "\(role).\(attribute)" && $0.isEditable }
        }
    }

    /// The nearest address answered before `p` in the form, outside repeat
    /// groups (or in the same item).
    public func addressAbove(_ p: FieldPath) -> FieldPath? {
        guard Self.isResidence(form.fields[p.field]) else { return nil }
        for i in stride(from: p.field - 1, through: 0, by: -1) {
            let f = form.fields[i]
            guard f.type == .address, Self.isResidence(f) else { continue }
            let q = FieldPath(field: i, item: f.group == nil ? nil : p.item)
            if f.group != nil && f.group != form.fields[p.field].group { continue }
            if state.isVisible(q), !state.value(q).isEmpty { return q }
        }
        return nil
    }

    public var focusableRows: [FormRow] { rows.filter(\.isFocusable) }

    public var focusedRow: FormRow? {
        let f = focusableRows
        return f.isEmpty ? nil : f[min(focus, f.count - 1)]
    }

    // MARK: Inputs

    /// How a row takes input.
    public enum InputKind: Equatable {
        case line(latinOnly: Bool, digitsOnly: Bool, date: Bool)
        case radio([ChoiceOption])
        case picker
        case checks([ChoiceOption])
        case toggle
        case button
        case readOnly
    }

    public func inputKind(_ row: FormRow) -> InputKind {
        switch row {
        case .addItem, .removeItem, .priorEntry, .copyPerson, .copyAddress: return .button
        case .groupHeader, .note: return .readOnly
        case .addressPart(_, let part): return part == 2 ? .line(latinOnly: false, digitsOnly: false, date: false) : .picker
        case .field(let p):
            let f = form.fields[p.field]
            if !f.isEditable { return .readOnly }
            switch f.type {
            case .yesno: return .radio([ChoiceOption(value: "yes", label: S.yes), ChoiceOption(value: "no", label: S.no)])
            case .choice:
                if f.dataset == nil && f.options.count <= 4 && f.options.allSatisfy({ VietnameseText.displayWidth($0.label.vi) <= 18 }) {
                    return .radio(f.options)
                }
                return .picker
            case .multichoice:
                if f.dataset == nil { return .checks(f.options) }
                return .picker
            case .document: return .toggle
            default: return .line(latinOnly: f.type.isLatinOnly, digitsOnly: f.type == .integer || f.type == .id_number, date: f.type == .date)
            }
        }
    }

    /// The raw text of a row's input (an address part is one of its three).
    public func raw(_ row: FormRow) -> String {
        switch row {
        case .field(let p): return state.raw(p)
        case .addressPart(let p, let part):
            let parts = FieldValueParser.addressParts(state.raw(p))
            return [parts.province, parts.commune, parts.detail][part]
        default: return ""
        }
    }

    /// The new raw answer of a field when one row's input becomes `text`.
    public func answer(setting row: FormRow, to text: String) -> (FieldPath, String)? {
        switch row {
        case .field(let p): return (p, text)
        case .addressPart(let p, let part):
            var parts = FieldValueParser.addressParts(state.raw(p))
            switch part {
            case 0:
                // A new province clears a commune that belongs to another one.
                if parts.province != text { parts.commune = "" }
                parts.province = text
            case 1: parts.commune = text
            default: parts.detail = text.replacingOccurrences(of: "|", with: "/")
            }
            if parts.province.isEmpty && parts.commune.isEmpty && parts.detail.isEmpty { return (p, "") }
            return (p, "\(parts.province)|\(parts.commune)|\(parts.detail)")
        default: return nil
        }
    }

    /// The dataset rows a picker offers, filtered by what was typed.
    public func pickerRows(_ row: FormRow) -> [(code: String, label: LocalizedText)] {
        switch row {
        case .addressPart(let p, let part):
            let name = part == 0 ? "provinces-2025" : "communes-2025"
            let parent = part == 1 ? FieldValueParser.addressParts(state.raw(p)).province : nil
            if part == 1 && (parent ?? "").isEmpty { return [] }
            return (form.datasets[name]?.search(pickerQuery.text, parent: parent) ?? []).map { ($0.code, LocalizedText(vi: $0.name, en: $0.label(.en))) }
        case .field(let p):
            let f = form.fields[p.field]
            if let name = f.dataset {
                var parent: String?
                if let pf = f.filterField {
                    let praw = state.raw(FieldPath(field: pf, item: form.fields[pf].group == nil ? nil : p.item))
                    parent = form.fields[pf].type == .address ? FieldValueParser.addressParts(praw).province : praw
                }
                return (form.datasets[name]?.search(pickerQuery.text, parent: parent) ?? []).map { ($0.code, LocalizedText(vi: $0.name, en: $0.label(.en))) }
            }
            let q = VietnameseText.fold(pickerQuery.text)
            return f.options.filter { q.isEmpty || VietnameseText.fold($0.label.vi + " " + $0.label.en).contains(q) }.map { ($0.value, $0.label) }
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
            guard let name = f.dataset else { return typed }
            guard let pf = f.filterField else { return datasetEmptyReason(name, parent: nil, typed: typed, under: S.listMissing) }
            let filter = form.fields[pf]
            let praw = state.raw(FieldPath(field: pf, item: filter.group == nil ? nil : p.item))
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

    /// What a chosen code reads as.
    public func label(ofCode code: String, in row: FormRow, language: Language) -> String {
        guard !code.isEmpty else { return "" }
        switch row {
        case .addressPart(_, let part):
            return form.datasets[part == 0 ? "provinces-2025" : "communes-2025"]?.row(code: code)?.label(language) ?? code
        case .field(let p):
            let f = form.fields[p.field]
            if let name = f.dataset {
                return code.split(separator: " ").map { form.datasets[name]?.row(code: String($0))?.label(language) ?? String($0) }.joined(separator: ", ")
            }
            return code.split(separator: " ").map { c in f.options.first { $0.value == c }?.label.text(language) ?? String(c) }.joined(separator: ", ")
        default:
            return code
        }
    }

    // MARK: Problems

    /// Problems to show for a path: after it was left, or after the page was checked.
    public func visibleIssues(_ p: FieldPath) -> [LocalizedText] {
        guard touched.contains(p) || checkedPages.contains(page) else { return [] }
        return state.issues(p)
    }
}

/// Where an answer lives: a field, and for fields inside a repeat group the
/// item (0-based). Its text form (`member_name[2]`, 1-based as people count)
/// is how drafts and dossiers store it.
public struct FieldPath: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var field: Int
    public var item: Int?

    public init(field: Int, item: Int? = nil) {
        self.field = field
        self.item = item
    }

    public static func < (a: FieldPath, b: FieldPath) -> Bool {
        (a.field, a.item ?? -1) < (b.field, b.item ?? -1)
    }

    public var description: String { item.map { "#\(field)[\($0 + 1)]" } ?? "#\(field)" }
}

/// One problem with one answer, for a person to read.
public struct FieldIssue: Sendable, Equatable {
    public var path: FieldPath
    public var message: LocalizedText
}

/// The answers of one form being filled, and everything derived from them
/// (visibility, computed values), kept up to date incrementally: a change
/// re-evaluates only the expressions that read the changed answer, following
/// the dependency graph built at load.
public struct FormState: Sendable {
    struct Cell: Sendable {
        var raw = ""
        var value = ExprValue.null
        /// The field's own visible_if (page and group visibility are separate).
        var ownVisible = true
    }

    public let form: FormDefinition
    public var today: CalendarDate
    /// The 2-digit code of the station's province (`[station] province_code`),
    /// whose row of `datasets/province-rules.csv` `province_rule()` reads.
    public let stationProvince: String?
    private var top: [Cell]
    /// Repeat groups: for each repeat field, its items, each the cells of its
    /// fields by their position in the group.
    private var items: [Int: [[Cell]]] = [:]
    private var pageVisible: [Bool]

    /// A new, empty form: defaults filled, minimum repeat items created,
    /// conditions and computed values evaluated.
    public init(form: FormDefinition, today: CalendarDate = .today(), stationProvince: String? = nil) {
        self.form = form
        self.today = today
        self.stationProvince = stationProvince
        self.top = Array(repeating: Cell(), count: form.fields.count)
        self.pageVisible = Array(repeating: true, count: form.pages.count)
        for f in form.fields {
            if f.type == .repeat { items[f.index] = [] }
            if f.group == nil, let d = f.defaultRaw { top[f.index] = cell(raw: d, f) }
        }
        for f in form.fields where f.type == .repeat {
            for _ in 0..<f.minCount { items[f.index]!.append(newItem(f)) }
        }
        evaluateAll()
    }

    private func cell(raw: String, _ f: FieldDefinition) -> Cell {
        Cell(raw: raw, value: FieldValueParser.read(raw, for: f, datasets: form.datasets).0, ownVisible: true)
    }

    private func newItem(_ group: FieldDefinition) -> [Cell] {
        group.children.map { c in form.fields[c].defaultRaw.map { cell(raw: $0, form.fields[c]) } ?? Cell() }
    }

    /// Evaluates every condition and computed value in dependency order.
    private mutating func evaluateAll() {
        let graph = form.graph
        for node in graph.order {
            if graph.isPage(node) {
                let p = node - graph.fieldCount
                pageVisible[p] = form.pages[p].visibleIf.map { $0.evaluate(self, item: nil).isTrue } ?? true
            } else if let g = form.fields[node].group {
                for i in 0..<(items[g]?.count ?? 0) { _ = reevaluate(node, item: i) }
            } else {
                _ = reevaluate(node, item: nil)
            }
        }
    }

    // MARK: Reading

    public func raw(_ path: FieldPath) -> String {
        if let g = form.fields[path.field].group {
            guard let i = path.item, let list = items[g], i < list.count else { return "" }
            return list[i][form.fields[path.field].localIndex].raw
        }
        return top[path.field].raw
    }

    /// The answer as expressions see it (null when hidden).
    public func value(_ path: FieldPath) -> ExprValue {
        guard isVisible(path) else { return .null }
        return storedValue(path)
    }

    private func storedValue(_ path: FieldPath) -> ExprValue {
        let f = form.fields[path.field]
        if f.type == .repeat { return .number(Double(items[f.index]?.count ?? 0)) }
        if let g = f.group {
            guard let i = path.item, let list = items[g], i < list.count else { return .null }
            return list[i][f.localIndex].value
        }
        return top[path.field].value
    }

    public func itemCount(_ group: Int) -> Int { items[group]?.count ?? 0 }

    public func isPageVisible(_ page: Int) -> Bool { pageVisible[page] }

    /// Shown to the person: its page, its group and its own condition agree.
    public func isVisible(_ path: FieldPath) -> Bool {
        let f = form.fields[path.field]
        guard pageVisible[f.page] else { return false }
        if let g = f.group {
            guard top[g].ownVisible, let i = path.item, let list = items[g], i < list.count else { return false }
            return list[i][f.localIndex].ownVisible
        }
        return top[path.field].ownVisible
    }

    /// Every answer path that exists now (visible or not), in form order.
    public var allPaths: [FieldPath] {
        var out: [FieldPath] = []
        for f in form.fields where f.type.holdsAnswer || f.type == .repeat {
            if let g = f.group {
                for i in 0..<(items[g]?.count ?? 0) { out.append(FieldPath(field: f.index, item: i)) }
            } else if f.type != .repeat {
                out.append(FieldPath(field: f.index))
            }
        }
        return out.sorted { a, b in
            // Items of a group stay together: order by group position first.
            let ka = sortKey(a), kb = sortKey(b)
            return ka.lexicographicallyPrecedes(kb)
        }
    }

    private func sortKey(_ p: FieldPath) -> [Int] {
        let f = form.fields[p.field]
        if let g = f.group { return [g, p.item ?? 0, f.index] }
        return [f.index, -1, -1]
    }

    // MARK: Changing

    /// What a change did, for the screen: the answers to redraw, and
    /// whether the rows on screen may be others now. (Computed answers are
    /// not saved with a draft: they are computed again when it opens.)
    public struct Changes: Sendable, Equatable {
        /// Answers whose value or visibility changed, the edited one included.
        public var paths: Set<FieldPath> = []
        /// Of those, the answers shown or hidden (all of a page or group
        /// shown or hidden); and a repeat group's own path when it gained or
        /// lost an item.
        public var shownOrHidden: Set<FieldPath> = []
        /// Pages shown or hidden.
        public var pages: Set<Int> = []

        /// Something appeared or went: a page's rows must be built again.
        /// When false, the same rows are on screen with new values (a
        /// keystroke in a field nothing depends on, or only values).
        public var showsOrHides: Bool { !shownOrHidden.isEmpty || !pages.isEmpty }
    }

    /// Sets an answer as typed (NFC-normalised) and updates everything that
    /// depends on it. Computed fields and notes cannot be set.
    @discardableResult
    public mutating func set(_ path: FieldPath, raw: String) -> Changes {
        let f = form.fields[path.field]
        guard f.type.holdsAnswer, f.compute == nil else { return Changes() }
        let text = VietnameseText.normalize(raw)
        let newCell = cell(raw: text, f)
        if let g = f.group {
            guard let i = path.item, let count = items[g]?.count, i < count else { return Changes() }
            let old = items[g]![i][f.localIndex]
            items[g]![i][f.localIndex].raw = newCell.raw
            items[g]![i][f.localIndex].value = newCell.value
            var changes = Changes()
            changes.paths.insert(path)
            if old.value != newCell.value { propagate([(f.index, .one(i))], into: &changes) }
            return changes
        }
        let old = top[f.index]
        top[f.index].raw = newCell.raw
        top[f.index].value = newCell.value
        var changes = Changes()
        changes.paths.insert(path)
        if old.value != newCell.value { propagate([(f.index, .one(nil))], into: &changes) }
        return changes
    }

    /// Sets an answer by field id (outside repeat groups) — for tools and tests.
    @discardableResult
    public mutating func set(_ id: String, _ raw: String, item: Int? = nil) -> Changes {
        guard let i = form.fieldIndexByID[id] else { return Changes() }
        return set(FieldPath(field: i, item: item), raw: raw)
    }

    /// Adds an item to a repeat group; nil when it is full.
    public mutating func addItem(_ group: Int) -> Changes? {
        let g = form.fields[group]
        guard g.type == .repeat, let count = items[group]?.count, count < g.maxCount else { return nil }
        items[group]!.append(newItem(g))
        var changes = Changes()
        let i = count
        // The new item's own conditions and computed values, in dependency order.
        for node in form.graph.order where !form.graph.isPage(node) && form.fields[node].group == group {
            if reevaluate(node, item: i).any { changes.paths.insert(FieldPath(field: node, item: i)) }
        }
        for c in g.children { changes.paths.insert(FieldPath(field: c, item: i)) }
        changes.paths.insert(FieldPath(field: group))
        changes.shownOrHidden.insert(FieldPath(field: group))
        propagate([(group, .one(nil))] + g.children.map { ($0, .itemList) }, into: &changes)
        return changes
    }

    /// Removes one item of a repeat group; nil when at its minimum.
    public mutating func removeItem(_ group: Int, at index: Int) -> Changes? {
        let g = form.fields[group]
        guard g.type == .repeat, let count = items[group]?.count, count > g.minCount, index < count else { return nil }
        items[group]!.remove(at: index)
        var changes = Changes()
        changes.paths.insert(FieldPath(field: group))
        changes.shownOrHidden.insert(FieldPath(field: group))
        propagate([(group, .one(nil))] + g.children.map { ($0, .itemList) }, into: &changes)
        return changes
    }

    /// Which answers of a field changed.
    enum Scope: Equatable {
        /// One answer: the field's, or one item's for a field in a group.
        case one(Int?)
        /// Every item of a group's field (the group was shown or hidden).
        case allItems
        /// Items were added or removed: the list of answers changed, but no
        /// remaining item's own answer did.
        case itemList
    }

    /// Follows the graph from changed answers, re-evaluating every condition
    /// and computed value that reads them (breadth-first; the graph has no
    /// cycle, so it ends).
    private mutating func propagate(_ start: [(Int, Scope)], into changes: inout Changes) {
        var queue = start
        var head = 0
        let graph = form.graph
        while head < queue.count {
            let (node, scope) = queue[head]
            head += 1
            if graph.isPage(node) {
                // Showing or hiding a page changes every answer on it.
                for f in graph.contained[node] {
                    queue.append((f, form.fields[f].group == nil ? .one(nil) : .allItems))
                    changes.paths.formUnion(pathsOf(f))
                    changes.shownOrHidden.formUnion(pathsOf(f))
                }
                continue
            }
            let sourceGroup = form.fields[node].group
            for reader in graph.readers[node] {
                if graph.isPage(reader) {
                    let p = reader - graph.fieldCount
                    let visible = form.pages[p].visibleIf.map { $0.evaluate(self, item: nil).isTrue } ?? true
                    if visible != pageVisible[p] {
                        pageVisible[p] = visible
                        changes.pages.insert(p)
                        queue.append((reader, .one(nil)))
                    }
                    continue
                }
                let r = form.fields[reader]
                if let g = r.group {
                    // A reader in the same group reads its own item only.
                    let items: [Int]
                    switch scope {
                    // …unless it counts the items of its own group (count_if).
                    case .one(let i?) where sourceGroup == g && !graph.countsOwnGroup.contains(reader): items = [i]
                    case .itemList where sourceGroup == g: items = []
                    default: items = Array(0..<(self.items[g]?.count ?? 0))
                    }
                    for i in items {
                        let changed = reevaluate(reader, item: i)
                        guard changed.any else { continue }
                        queue.append((reader, .one(i)))
                        changes.paths.insert(FieldPath(field: reader, item: i))
                        if changed.visibility { changes.shownOrHidden.insert(FieldPath(field: reader, item: i)) }
                    }
                } else {
                    let changed = reevaluate(reader, item: nil)
                    guard changed.any else { continue }
                    queue.append((reader, .one(nil)))
                    changes.paths.insert(FieldPath(field: reader))
                    if changed.visibility { changes.shownOrHidden.insert(FieldPath(field: reader)) }
                    if r.type == .repeat {
                        // The group was shown or hidden: all its answers change.
                        for c in r.children {
                            queue.append((c, .allItems))
                            changes.paths.formUnion(pathsOf(c))
                            if changed.visibility { changes.shownOrHidden.formUnion(pathsOf(c)) }
                        }
                    }
                }
            }
        }
    }

    private func pathsOf(_ field: Int) -> [FieldPath] {
        if let g = form.fields[field].group {
            return (0..<(items[g]?.count ?? 0)).map { FieldPath(field: field, item: $0) }
        }
        return [FieldPath(field: field)]
    }

    /// What re-evaluating one answer changed.
    private struct Reevaluation {
        /// Its own condition turned.
        var visibility = false
        /// Its computed value is another.
        var value = false
        var any: Bool { visibility || value }
    }

    /// Re-evaluates a field's own condition and computed value.
    private mutating func reevaluate(_ field: Int, item: Int?) -> Reevaluation {
        let f = form.fields[field]
        guard f.visibleIf != nil || f.compute != nil else { return Reevaluation() }
        let visible = f.visibleIf.map { $0.evaluate(self, item: item).isTrue } ?? true
        var computed: ExprValue? = nil
        if let compute = f.compute {
            computed = f.type.rules.coerce(compute.evaluate(self, item: item))
        }
        let old: Cell
        if let g = f.group {
            guard let i = item, let count = items[g]?.count, i < count else { return Reevaluation() }
            old = items[g]![i][f.localIndex]
            items[g]![i][f.localIndex].ownVisible = visible
            if let computed {
                items[g]![i][f.localIndex].value = computed
                items[g]![i][f.localIndex].raw = Self.rawText(computed)
            }
        } else {
            old = top[field]
            top[field].ownVisible = visible
            if let computed {
                top[field].value = computed
                top[field].raw = Self.rawText(computed)
            }
        }
        return Reevaluation(visibility: old.ownVisible != visible, value: computed != nil && old.value != computed)
    }

    static func rawText(_ v: ExprValue) -> String {
        if case .bool(let b) = v { return b ? "yes" : "no" }
        return v.description
    }
}

extension FormState: ExpressionContext {
    /// A column of the station's province in `province-rules.csv`: a number
    /// when it reads as one ("8", "8,5"), else the text; null when the
    /// station has no province, the file no row for it, or the cell is empty.
    public func provinceRule(_ column: String) -> ExprValue {
        guard let code = stationProvince, let row = form.datasets["province-rules"]?.row(code: code),
              let cell = row.extra[column.lowercased()], !cell.isEmpty else { return .null }
        if let n = Double(cell.replacingOccurrences(of: ",", with: ".")) { return .number(n) }
        return .text(cell)
    }

    public func value(of ref: FieldRef, item: Int?) -> ExprValue {
        switch ref {
        case .top(let f):
            return value(FieldPath(field: f))
        case .sameItem(let f):
            return value(FieldPath(field: f, item: item))
        case .allItems(let f):
            let g = form.fields[f].group!
            guard pageVisible[form.fields[f].page], top[g].ownVisible else { return .list([]) }
            return .list((0..<(items[g]?.count ?? 0)).map { value(FieldPath(field: f, item: $0)) })
        case .itemCount(let g):
            return isVisible(FieldPath(field: g)) ? .number(Double(items[g]?.count ?? 0)) : .number(0)
        }
    }
}

// MARK: - Validation

extension FormState {
    /// Whether an answer is required now.
    public func isRequired(_ path: FieldPath) -> Bool {
        switch form.fields[path.field].required {
        case .optional: return false
        case .always: return true
        case .when(let e): return e.evaluate(self, item: path.item).isTrue
        }
    }

    /// What is wrong with one answer, in the order a person should fix it:
    /// the type, then required, then cross-checks and the form's own checks.
    /// Hidden fields have no issues.
    public func issues(_ path: FieldPath) -> [LocalizedText] {
        let f = form.fields[path.field]
        guard isVisible(path) else { return [] }
        if f.type == .repeat {
            // Too few items, then the group's own checks (once it has an item).
            let n = itemCount(f.index)
            var out = RepeatField.countIssues(f, count: n)
            if n > 0 {
                for c in f.constraints where !c.check.evaluate(self, item: nil, current: .number(Double(n))).isTrue { out.append(c.message) }
            }
            return out
        }
        guard f.type.holdsAnswer else { return [] }
        let raw = self.raw(path)
        let (value, problem) = FieldValueParser.read(raw, for: f, datasets: form.datasets)
        if let problem { return [problem] }
        if value.isEmpty {
            return isRequired(path) ? [LocalizedText(vi: "Vui lòng điền mục này.", en: "Please fill in this field.")] : []
        }
        var out = f.type.rules.issues(value, at: path, field: f, in: self)
        for c in f.constraints where !c.check.evaluate(self, item: path.item, current: value).isTrue {
            out.append(c.message)
        }
        return out
    }

    /// Every issue of the visible form, in form order.
    public func allIssues() -> [FieldIssue] {
        var out: [FieldIssue] = []
        for path in allPaths where isVisible(path) {
            for m in issues(path) { out.append(FieldIssue(path: path, message: m)) }
        }
        for f in form.fields where f.type == .repeat {
            for m in issues(FieldPath(field: f.index)) { out.append(FieldIssue(path: FieldPath(field: f.index), message: m)) }
        }
        return out
    }

    /// Pages (indices) that have at least one issue.
    public func pagesWithIssues() -> Set<Int> {
        Set(allIssues().map { form.fields[$0.path.field].page })
    }

    /// Whether one page has an issue: only its own answers are checked, so
    /// a screen can mark the pages it shows without validating the form.
    public func pageHasIssues(_ page: Int) -> Bool {
        guard pageVisible[page] else { return false }
        for f in form.pages[page].fields {
            let def = form.fields[f]
            if def.type == .repeat {
                if !issues(FieldPath(field: f)).isEmpty { return true }
                for i in 0..<itemCount(f) {
                    for c in def.children where !issues(FieldPath(field: c, item: i)).isEmpty { return true }
                }
            } else if !issues(FieldPath(field: f)).isEmpty {
                return true
            }
        }
        return false
    }

    /// The dossier's summary line (trích yếu), when the form gives one.
    public var summary: String? {
        guard let s = form.summary?.evaluate(self, item: nil), !s.isEmpty else { return nil }
        return s.description
    }

    /// Whether a document component is required now.
    public func isRequired(document: DocumentComponent) -> Bool {
        if isLookedUp(document: document) { return false }
        return Self.holds(document.required, in: self)
    }

    /// The linked procedures (liên thông) this dossier includes now.
    public var includedLinkedProcedures: [LinkedProcedure] {
        form.procedure.linked.filter { Self.holds($0.included, in: self) }
    }

    /// Whether the office looks this document up itself, so the citizen
    /// need not bring it unless asked.
    public func isLookedUp(document: DocumentComponent) -> Bool {
        Self.holds(document.lookedUp, in: self)
    }

    private static func holds(_ condition: Requirement, in state: FormState) -> Bool {
        switch condition {
        case .optional: return false
        case .always: return true
        case .when(let e): return e.evaluate(state, item: nil).isTrue
        }
    }
}

// MARK: - Answers by name

extension FormState {
    /// The text name of a path: the field id, with `[n]` (1-based) inside a
    /// repeat group.
    public func name(of path: FieldPath) -> String {
        let id = form.fields[path.field].id
        return path.item.map { "\(id)[\($0 + 1)]" } ?? id
    }

    /// The path named `member_name[2]` or `child_name`, if the field exists
    /// (the item may not exist yet).
    public func path(named name: String) -> FieldPath? {
        guard let (id, item) = Self.split(answerName: name), let field = form.fieldIndexByID[id] else { return nil }
        if let item {
            guard form.fields[field].group != nil else { return nil }
            return FieldPath(field: field, item: item - 1)
        }
        guard form.fields[field].group == nil else { return nil }
        return FieldPath(field: field)
    }

    /// `("member_name", 2)` for `member_name[2]` (items count from 1),
    /// `("child_name", nil)` for `child_name`; nil when the item is not a
    /// number from 1.
    public static func split(answerName name: String) -> (id: String, item: Int?)? {
        guard let open = name.firstIndex(of: "["), name.hasSuffix("]") else { return (name, nil) }
        guard let n = Int(name[name.index(after: open)..<name.index(before: name.endIndex)]), n >= 1 else { return nil }
        return (String(name[..<open]), n)
    }

    /// Every answer that was typed (computed ones excluded), by name: what a
    /// draft keeps. Empty answers are left out, except where the person
    /// cleared a default (then the emptiness is the answer).
    public var typedAnswers: [(name: String, raw: String)] {
        allPaths.compactMap { p in
            let f = form.fields[p.field]
            guard f.compute == nil, f.type.holdsAnswer else { return nil }
            let r = raw(p)
            return r.isEmpty && f.defaultRaw == nil ? nil : (name(of: p), r)
        }
    }

    /// Visible, non-empty answers in their normalised form, computed ones
    /// included: what a finalized dossier sends.
    public var canonicalAnswers: [(name: String, value: String)] {
        allPaths.compactMap { p in
            guard isVisible(p), !value(p).isEmpty else { return nil }
            return (name(of: p), FieldValueParser.canonical(raw(p), for: form.fields[p.field], datasets: form.datasets))
        }
    }

    /// Fills answers by name (field ids, `[n]` for repeat items, created as
    /// needed), then evaluates the whole form once — far cheaper than setting
    /// them one by one when a draft is opened. Returns the names that match
    /// no answer of this form.
    @discardableResult
    public mutating func load(answers: [(name: String, raw: String)]) -> [String] {
        var unknown: [String] = []
        for (name, raw) in answers {
            guard let p = path(named: name) else { unknown.append(name); continue }
            let f = form.fields[p.field]
            guard f.type.holdsAnswer, f.compute == nil else { unknown.append(name); continue }
            let newCell = cell(raw: VietnameseText.normalize(raw), f)
            if let g = f.group, let i = p.item {
                guard i < f.maxCountOfGroup(in: form) else { unknown.append(name); continue }
                while itemCount(g) <= i { items[g]!.append(newItem(form.fields[g])) }
                items[g]![i][f.localIndex].raw = newCell.raw
                items[g]![i][f.localIndex].value = newCell.value
            } else {
                top[f.index].raw = newCell.raw
                top[f.index].value = newCell.value
            }
        }
        evaluateAll()
        return unknown
    }
}

extension FieldDefinition {
    /// The most items the repeat group holding this field may have.
    func maxCountOfGroup(in form: FormDefinition) -> Int {
        group.map { form.fields[$0].maxCount } ?? 1
    }
}

// MARK: - Texts, choices and the fee built from the answers

extension FormState {
    /// A field's label as shown now: its `${…}` parts filled in from the
    /// answers (of item `path.item` inside a group).
    public func label(of path: FieldPath) -> LocalizedText {
        let f = form.fields[path.field]
        return f.labelTemplate?.render(self, item: path.item) ?? f.label
    }

    /// A field's help as shown now.
    public func help(of path: FieldPath) -> LocalizedText? {
        let f = form.fields[path.field]
        return f.helpTemplate?.render(self, item: path.item) ?? f.help
    }

    /// A note's text as shown now.
    public func noteText(of path: FieldPath) -> LocalizedText? {
        let f = form.fields[path.field]
        return f.noteTemplate?.render(self, item: path.item) ?? f.noteText
    }

    /// Whether a choice field (item `item` of its group) offers the option
    /// or dataset row `code` now: its `choice_filter` is true for it. A code
    /// that is no option at all is left to the type's own check.
    public func isOffered(_ code: String, field f: FieldDefinition, item: Int?) -> Bool {
        guard let filter = f.choiceFilter else { return true }
        var context = CandidateContext(state: self)
        if let name = f.dataset {
            guard let row = form.datasets[name]?.row(code: code) else { return true }
            context.candidate = .row(row)
        } else {
            guard let option = f.options.first(where: { $0.value == code }) else { return true }
            context.candidate = .option(option)
        }
        return filter.evaluate(context, item: item).isTrue
    }

    /// The dataset rows of `rows` the field's `choice_filter` lets through.
    public func offered(_ rows: [DatasetRow], field f: FieldDefinition, item: Int?) -> [DatasetRow] {
        guard let filter = f.choiceFilter else { return rows }
        var context = CandidateContext(state: self)
        return rows.filter { row in
            context.candidate = .row(row)
            return filter.evaluate(context, item: item).isTrue
        }
    }

    /// The options the field's `choice_filter` lets through.
    public func offeredOptions(field f: FieldDefinition, item: Int?) -> [ChoiceOption] {
        guard let filter = f.choiceFilter else { return f.options }
        var context = CandidateContext(state: self)
        return f.options.filter { option in
            context.candidate = .option(option)
            return filter.evaluate(context, item: item).isTrue
        }
    }

    /// The dossier's fee in đồng: the value of the procedure's `fee.field`
    /// when it has one, else its `fee.amount` expression computed from the
    /// answers (nil while it cannot be: an answer it needs is missing), else
    /// the flat amount. Never below 0.
    public var fee: Int? {
        let p = form.procedure
        if let name = p.feeField, let i = form.fieldIndexByID[name], case .number(let n) = value(FieldPath(field: i)) {
            return max(0, Int(n.rounded()))
        }
        if let e = p.feeExpression {
            guard case .number(let n) = e.evaluate(self, item: nil), n.isFinite, abs(n) < 1e15 else { return nil }
            return max(0, Int(n.rounded()))
        }
        return p.feeAmount
    }
}

/// The form's answers, with one dataset row or option being considered by a
/// `choice_filter` (`row('column')`).
struct CandidateContext: ExpressionContext {
    enum Candidate {
        case row(DatasetRow)
        case option(ChoiceOption)
    }

    let state: FormState
    var candidate: Candidate?

    func value(of ref: FieldRef, item: Int?) -> ExprValue { state.value(of: ref, item: item) }
    var today: CalendarDate { state.today }
    func provinceRule(_ column: String) -> ExprValue { state.provinceRule(column) }

    func candidateColumn(_ name: String) -> ExprValue {
        let text: String?
        switch candidate {
        case .row(let row)?: text = row.column(name)
        case .option(let option)?: text = name == "value" ? option.value : (name == "label" ? option.label.vi : nil)
        case nil: text = nil
        }
        guard let text, !text.isEmpty else { return .null }
        return .text(text)
    }
}

/// Where an answer lives: a field, and for fields inside a repeat group the
/// item (0-based); inside a repeat group that is itself inside a group, the
/// outer group's item is `item` and the inner group's item `subItem`. Its
/// text form (`member_name[2]`, `line_code[2][3]`: 1-based as people count)
/// is how drafts and dossiers store it.
public struct FieldPath: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var field: Int
    public var item: Int?
    /// The inner group's item, for a field of a group inside a group.
    public var subItem: Int?

    public init(field: Int, item: Int? = nil, subItem: Int? = nil) {
        self.field = field
        self.item = item
        self.subItem = subItem
    }

    public static func < (a: FieldPath, b: FieldPath) -> Bool {
        (a.field, a.item ?? -1, a.subItem ?? -1) < (b.field, b.item ?? -1, b.subItem ?? -1)
    }

    public var description: String {
        "#\(field)" + (item.map { "[\($0 + 1)]" } ?? "") + (subItem.map { "[\($0 + 1)]" } ?? "")
    }
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

    /// One item of an outer repeat group: the cells of its fields by their
    /// position in the group, and the items of the groups inside it.
    struct Item: Sendable {
        var cells: [Cell]
        /// By the inner group's field index: its items, each the cells of its
        /// fields by their position in the inner group.
        var inner: [Int: [[Cell]]] = [:]
    }

    public let form: FormDefinition
    public var today: CalendarDate
    /// The 2-digit code of the station's province (`[station] province_code`),
    /// whose row of `datasets/province-rules.csv` `province_rule()` reads.
    public let stationProvince: String?
    private var top: [Cell]
    /// Repeat groups outside groups: for each, its items.
    private var items: [Int: [Item]] = [:]
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
            if f.type == .repeat && f.group == nil { items[f.index] = [] }
            if f.group == nil, let d = f.defaultRaw { top[f.index] = cell(raw: d, f) }
        }
        for f in form.fields where f.type == .repeat && f.group == nil {
            for _ in 0..<f.minCount { items[f.index]!.append(newItem(f)) }
        }
        evaluateAll()
    }

    private func cell(raw: String, _ f: FieldDefinition) -> Cell {
        Cell(raw: raw, value: FieldValueParser.read(raw, for: f, datasets: form.datasets).0, ownVisible: true)
    }

    /// The cells of a new item of `group`: defaults filled.
    private func newCells(_ group: FieldDefinition) -> [Cell] {
        group.children.map { c in form.fields[c].defaultRaw.map { cell(raw: $0, form.fields[c]) } ?? Cell() }
    }

    /// A new item of an outer group, its inner groups holding their
    /// minimum of items.
    private func newItem(_ group: FieldDefinition) -> Item {
        var item = Item(cells: newCells(group))
        for g in form.innerGroups(of: group.index) {
            item.inner[g] = Array(repeating: newCells(form.fields[g]), count: form.fields[g].minCount)
        }
        return item
    }

    /// Evaluates every condition and computed value in dependency order.
    private mutating func evaluateAll() {
        let graph = form.graph
        for node in graph.order {
            if graph.isPage(node) {
                let p = node - graph.fieldCount
                pageVisible[p] = form.pages[p].visibleIf.map { $0.evaluate(self, item: nil).isTrue } ?? true
            } else if form.fields[node].visibleIf != nil || form.fields[node].compute != nil {
                for p in paths(of: node) { _ = reevaluate(p) }
            }
        }
    }

    // MARK: Cells

    /// The cell of an answer (or of a group's own condition), if its item exists.
    private func cell(at p: FieldPath) -> Cell? {
        let n = form.nesting[p.field]
        guard let o = n.outer else { return top[p.field] }
        guard let i = p.item, i < (items[o]?.count ?? 0) else { return nil }
        guard let g = n.inner else { return items[o]![i].cells[n.local] }
        guard let j = p.subItem, j < (items[o]![i].inner[g]?.count ?? 0) else { return nil }
        return items[o]![i].inner[g]![j][n.local]
    }

    /// Changes a cell in place; false when its item does not exist.
    @discardableResult
    private mutating func modifyCell(_ p: FieldPath, _ body: (inout Cell) -> Void) -> Bool {
        let n = form.nesting[p.field]
        guard let o = n.outer else { body(&top[p.field]); return true }
        guard let i = p.item, i < (items[o]?.count ?? 0) else { return false }
        guard let g = n.inner else { body(&items[o]![i].cells[n.local]); return true }
        guard let j = p.subItem, j < (items[o]![i].inner[g]?.count ?? 0) else { return false }
        body(&items[o]![i].inner[g]![j][n.local])
        return true
    }

    /// The paths of `field` (its answers; for a group, its own place) whose
    /// first `levels` indices are those of `p` (0: all of them).
    func paths(of field: Int, matching p: FieldPath = FieldPath(field: 0), levels: Int = 0) -> [FieldPath] {
        let n = form.nesting[field]
        guard let o = n.outer else { return [FieldPath(field: field)] }
        let count = items[o]?.count ?? 0
        guard let g = n.inner else {
            if levels >= 1 { return p.item.map { $0 < count ? [FieldPath(field: field, item: $0)] : [] } ?? [] }
            return (0..<count).map { FieldPath(field: field, item: $0) }
        }
        let outer: [Int] = levels >= 1 ? (p.item.map { $0 < count ? [$0] : [] } ?? []) : Array(0..<count)
        var out: [FieldPath] = []
        for i in outer {
            let k = items[o]![i].inner[g]?.count ?? 0
            if levels >= 2 {
                if let j = p.subItem, j < k { out.append(FieldPath(field: field, item: i, subItem: j)) }
            } else {
                for j in 0..<k { out.append(FieldPath(field: field, item: i, subItem: j)) }
            }
        }
        return out
    }

    // MARK: Reading

    public func raw(_ path: FieldPath) -> String {
        cell(at: path)?.raw ?? ""
    }

    /// Nothing the person gave: empty, or still the field's default. What
    /// may be filled for them (a copy, a suggestion, a card, an earlier
    /// dossier) without replacing an answer.
    public func isUnanswered(_ path: FieldPath) -> Bool {
        let current = raw(path)
        return current.isEmpty || current == form.fields[path.field].defaultRaw
    }

    /// The answer as expressions see it (null when hidden).
    public func value(_ path: FieldPath) -> ExprValue {
        guard isVisible(path) else { return .null }
        return storedValue(path)
    }

    private func storedValue(_ path: FieldPath) -> ExprValue {
        if form.nesting[path.field].isRepeat { return .number(Double(itemCount(path.field, in: path.item))) }
        return cell(at: path)?.value ?? .null
    }

    /// How many items a group has; for a group inside a group, in outer
    /// item `outer` (nil: in all outer items together).
    public func itemCount(_ group: Int, in outer: Int? = nil) -> Int {
        guard let o = form.nesting[group].outer else { return items[group]?.count ?? 0 }
        guard let list = items[o] else { return 0 }
        if let outer { return outer < list.count ? (list[outer].inner[group]?.count ?? 0) : 0 }
        return list.reduce(0) { $0 + ($1.inner[group]?.count ?? 0) }
    }

    public func isPageVisible(_ page: Int) -> Bool { pageVisible[page] }

    /// Shown to the person: its page, every group around it (in its item)
    /// and its own condition agree.
    public func isVisible(_ path: FieldPath) -> Bool {
        let n = form.nesting[path.field]
        guard pageVisible[n.page] else { return false }
        guard let o = n.outer else { return top[path.field].ownVisible }
        guard top[o].ownVisible, let i = path.item, i < (items[o]?.count ?? 0) else { return false }
        guard let g = n.inner else { return items[o]![i].cells[n.local].ownVisible }
        guard items[o]![i].cells[form.nesting[g].local].ownVisible, let j = path.subItem, j < (items[o]![i].inner[g]?.count ?? 0) else { return false }
        return items[o]![i].inner[g]![j][n.local].ownVisible
    }

    /// Every answer path that exists now (visible or not), in form order:
    /// a group's items in order, each with its fields, an inner group's
    /// items in its place among them.
    public var allPaths: [FieldPath] { allPaths(withGroups: false) }

    /// `allPaths`, and with `withGroups` each group's own path after its
    /// items (an inner group's after its items in each outer item).
    public func allPaths(withGroups: Bool) -> [FieldPath] {
        var out: [FieldPath] = []
        for f in form.fields where f.group == nil {
            if f.type == .repeat {
                for i in 0..<itemCount(f.index) {
                    for c in f.children {
                        let cf = form.fields[c]
                        if cf.type == .repeat {
                            for j in 0..<itemCount(c, in: i) {
                                for cc in cf.children where form.fields[cc].type.holdsAnswer { out.append(FieldPath(field: cc, item: i, subItem: j)) }
                            }
                            if withGroups { out.append(FieldPath(field: c, item: i)) }
                        } else if cf.type.holdsAnswer {
                            out.append(FieldPath(field: c, item: i))
                        }
                    }
                }
                if withGroups { out.append(FieldPath(field: f.index)) }
            } else if f.type.holdsAnswer {
                out.append(FieldPath(field: f.index))
            }
        }
        return out
    }

    /// Every repeat group's own path (an inner group's once per outer
    /// item), in form order: where its count and checks are read.
    public var allGroupPaths: [FieldPath] {
        var out: [FieldPath] = []
        for f in form.fields where f.group == nil && f.type == .repeat {
            out.append(FieldPath(field: f.index))
            for i in 0..<itemCount(f.index) {
                for g in form.innerGroups(of: f.index) { out.append(FieldPath(field: g, item: i)) }
            }
        }
        return out
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
        guard f.type.holdsAnswer, f.compute == nil, let old = cell(at: path) else { return Changes() }
        let newCell = cell(raw: VietnameseText.normalize(raw), f)
        modifyCell(path) { c in
            c.raw = newCell.raw
            c.value = newCell.value
        }
        var changes = Changes()
        changes.paths.insert(path)
        if old.value != newCell.value {
            propagate([(f.index, .changed(at: path, levels: form.depth(of: f.index)))], into: &changes)
        }
        return changes
    }

    /// Sets an answer by field id — for tools and tests.
    @discardableResult
    public mutating func set(_ id: String, _ raw: String, item: Int? = nil, subItem: Int? = nil) -> Changes {
        guard let i = form.fieldIndexByID[id] else { return Changes() }
        return set(FieldPath(field: i, item: item, subItem: subItem), raw: raw)
    }

    /// Adds an item to a repeat group (to a group inside a group, in outer
    /// item `outer`); nil when it is full.
    public mutating func addItem(_ group: Int, in outer: Int? = nil) -> Changes? {
        let g = form.fields[group]
        guard g.type == .repeat else { return nil }
        var changes = Changes()
        let at: FieldPath, levels: Int
        if let o = g.group {
            guard let i = outer, i < itemCount(o) else { return nil }
            let count = itemCount(group, in: i)
            guard count < g.maxCount else { return nil }
            items[o]![i].inner[group, default: []].append(newCells(g))
            at = FieldPath(field: group, item: i, subItem: count)
            levels = 2
            changes.paths.insert(FieldPath(field: group, item: i))
            changes.shownOrHidden.insert(FieldPath(field: group, item: i))
        } else {
            let count = itemCount(group)
            guard count < g.maxCount else { return nil }
            items[group]!.append(newItem(g))
            at = FieldPath(field: group, item: count)
            levels = 1
            changes.paths.insert(FieldPath(field: group))
            changes.shownOrHidden.insert(FieldPath(field: group))
        }
        // The new item's own conditions and computed values, in dependency order.
        let inside = Set(form.descendants(of: group))
        for node in form.graph.order where inside.contains(node) {
            for p in paths(of: node, matching: at, levels: levels) {
                if reevaluate(p).any { changes.paths.insert(p) }
            }
        }
        for d in inside {
            for p in paths(of: d, matching: at, levels: levels) where form.fields[d].type.holdsAnswer || form.fields[d].type == .repeat {
                changes.paths.insert(p)
            }
        }
        let parent = levels - 1
        propagate([(group, .changed(at: at, levels: parent))] + inside.sorted().map { ($0, .itemList(at: at, levels: parent)) }, into: &changes)
        return changes
    }

    /// Removes one item of a repeat group (of a group inside a group, in
    /// outer item `outer`), with the items of the groups inside it; nil when
    /// at its minimum.
    public mutating func removeItem(_ group: Int, at index: Int, in outer: Int? = nil) -> Changes? {
        let g = form.fields[group]
        guard g.type == .repeat else { return nil }
        var changes = Changes()
        let at: FieldPath, parent: Int
        if let o = g.group {
            guard let i = outer, i < itemCount(o) else { return nil }
            let count = itemCount(group, in: i)
            guard count > g.minCount, index < count else { return nil }
            items[o]![i].inner[group]!.remove(at: index)
            at = FieldPath(field: group, item: i)
            parent = 1
            changes.paths.insert(at)
            changes.shownOrHidden.insert(at)
        } else {
            let count = itemCount(group)
            guard count > g.minCount, index < count else { return nil }
            items[group]!.remove(at: index)
            at = FieldPath(field: group)
            parent = 0
            changes.paths.insert(at)
            changes.shownOrHidden.insert(at)
        }
        let inside = form.descendants(of: group)
        propagate([(group, .changed(at: at, levels: parent))] + inside.map { ($0, .itemList(at: at, levels: parent)) }, into: &changes)
        return changes
    }

    /// Which answers of a field changed: those whose first `levels` indices
    /// are `at`'s.
    enum Scope: Equatable {
        /// Their values (or visibility) changed: with the field's depth as
        /// `levels`, one answer; with 0, every answer.
        case changed(at: FieldPath, levels: Int)
        /// Items were added or removed there: the list of answers changed,
        /// but no remaining item's own answer did.
        case itemList(at: FieldPath, levels: Int)
    }

    /// Follows the graph from changed answers, re-evaluating every condition
    /// and computed value that reads them (breadth-first; the graph has no
    /// cycle, so it ends).
    ///
    /// A reader is re-evaluated where it may read what changed: in the
    /// items it shares with the changed answer (the same outer item, the
    /// same inner item), or everywhere when it reads a whole list: from
    /// outside the group, or through `count_if`.
    private mutating func propagate(_ start: [(Int, Scope)], into changes: inout Changes) {
        var queue = start
        var head = 0
        let graph = form.graph
        let all = FieldPath(field: 0)
        while head < queue.count {
            let (node, scope) = queue[head]
            head += 1
            if graph.isPage(node) {
                // Showing or hiding a page changes every answer on it.
                for f in graph.contained[node] {
                    queue.append((f, .changed(at: all, levels: 0)))
                    let paths = self.paths(of: f)
                    changes.paths.formUnion(paths)
                    changes.shownOrHidden.formUnion(paths)
                }
                continue
            }
            for reader in graph.readers[node] {
                if graph.isPage(reader) {
                    let p = reader - graph.fieldCount
                    let visible = form.pages[p].visibleIf.map { $0.evaluate(self, item: nil).isTrue } ?? true
                    if visible != pageVisible[p] {
                        pageVisible[p] = visible
                        changes.pages.insert(p)
                        queue.append((reader, .changed(at: all, levels: 0)))
                    }
                    continue
                }
                // The items the reader's position decides of the answers it reads.
                let bound = min(GroupNesting.shared(form.nesting[reader], form.nesting[node]), graph.countBound[reader])
                let at: FieldPath, levels: Int
                switch scope {
                case .changed(let p, let l):
                    at = p
                    levels = min(bound, l)
                case .itemList(let p, let l):
                    // A reader of the same item sees its own answers, which did not change.
                    if bound > l { continue }
                    at = p
                    levels = bound
                }
                let isRepeat = form.nesting[reader].isRepeat
                let depth = form.nesting[reader].depth
                func visit(_ q: FieldPath) {
                    let changed = reevaluate(q)
                    guard changed.any else { return }
                    queue.append((reader, .changed(at: q, levels: depth)))
                    changes.paths.insert(q)
                    if changed.visibility { changes.shownOrHidden.insert(q) }
                    if isRepeat {
                        // The group was shown or hidden (in this item): all its answers change.
                        for d in form.descendants(of: reader) {
                            queue.append((d, .changed(at: q, levels: depth)))
                            let paths = self.paths(of: d, matching: q, levels: depth)
                            changes.paths.formUnion(paths)
                            if changed.visibility { changes.shownOrHidden.formUnion(paths) }
                        }
                    }
                }
                // A reader outside groups has one answer: no list to build.
                if depth == 0 {
                    visit(FieldPath(field: reader))
                } else {
                    for q in paths(of: reader, matching: at, levels: levels) { visit(q) }
                }
            }
        }
    }

    /// What re-evaluating one answer changed.
    private struct Reevaluation {
        /// Its own condition turned.
        var visibility = false
        /// Its computed value is another.
        var value = false
        var any: Bool { visibility || value }
    }

    /// Re-evaluates a field's own condition and computed value at one path.
    private mutating func reevaluate(_ p: FieldPath) -> Reevaluation {
        let f = form.fields[p.field]
        guard f.visibleIf != nil || f.compute != nil, let old = cell(at: p) else { return Reevaluation() }
        let visible = f.visibleIf.map { $0.evaluate(self, item: p.item, subItem: p.subItem).isTrue } ?? true
        var computed: ExprValue? = nil
        if let compute = f.compute {
            computed = f.type.rules.coerce(compute.evaluate(self, item: p.item, subItem: p.subItem))
        }
        modifyCell(p) { c in
            c.ownVisible = visible
            if let computed {
                c.value = computed
                c.raw = Self.rawText(computed)
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

    public func value(of ref: FieldRef, item: Int?, subItem: Int?) -> ExprValue {
        switch ref {
        case .top(let f):
            return value(FieldPath(field: f))
        case .sameItem(let f):
            return value(FieldPath(field: f, item: item))
        case .sameInnerItem(let f):
            return value(FieldPath(field: f, item: item, subItem: subItem))
        case .allItems(let f):
            let g = form.fields[f].group!
            guard let o = form.fields[g].group else {
                guard isVisible(FieldPath(field: g)) else { return .list([]) }
                return .list((0..<itemCount(g)).map { value(FieldPath(field: f, item: $0)) })
            }
            // Every inner answer of every outer item where the inner group is shown.
            var out: [ExprValue] = []
            for i in 0..<itemCount(o) where isVisible(FieldPath(field: g, item: i)) {
                for j in 0..<itemCount(g, in: i) { out.append(value(FieldPath(field: f, item: i, subItem: j))) }
            }
            return .list(out)
        case .innerItems(let f):
            let g = form.fields[f].group!
            guard let i = item, isVisible(FieldPath(field: g, item: i)) else { return .list([]) }
            return .list((0..<itemCount(g, in: i)).map { value(FieldPath(field: f, item: i, subItem: $0)) })
        case .itemCount:
            return .number(Double(countedItems(ref, item: item).count))
        case .innerItemCount(let g):
            guard let i = item, isVisible(FieldPath(field: g, item: i)) else { return .number(0) }
            return .number(Double(itemCount(g, in: i)))
        }
    }

    public func countedItems(_ group: FieldRef, item: Int?) -> [(item: Int, subItem: Int?)] {
        switch group {
        case .itemCount(let g):
            guard let o = form.fields[g].group else {
                return isVisible(FieldPath(field: g)) ? (0..<itemCount(g)).map { ($0, nil) } : []
            }
            var out: [(item: Int, subItem: Int?)] = []
            for i in 0..<itemCount(o) where isVisible(FieldPath(field: g, item: i)) {
                for j in 0..<itemCount(g, in: i) { out.append((i, j)) }
            }
            return out
        case .innerItemCount(let g):
            guard let i = item, isVisible(FieldPath(field: g, item: i)) else { return [] }
            return (0..<itemCount(g, in: i)).map { (i, $0) }
        default:
            return []
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
        case .when(let e): return e.evaluate(self, item: path.item, subItem: path.subItem).isTrue
        }
    }

    /// What is wrong with one answer, in the order a person should fix it:
    /// the type, then required, then cross-checks and the form's own checks.
    /// Hidden fields have no issues.
    public func issues(_ path: FieldPath) -> [LocalizedText] {
        let f = form.fields[path.field]
        guard isVisible(path) else { return [] }
        if f.type == .repeat {
            // Too few items, then the group's own checks (once it has an
            // item); an inner group's in each outer item.
            let n = itemCount(f.index, in: path.item)
            var out = RepeatField.countIssues(f, count: n)
            if n > 0 {
                for c in f.constraints where !c.check.evaluate(self, item: path.item, current: .number(Double(n))).isTrue { out.append(c.message) }
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
        for c in f.constraints where !c.check.evaluate(self, item: path.item, subItem: path.subItem, current: value).isTrue {
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
        for path in allGroupPaths {
            for m in issues(path) { out.append(FieldIssue(path: path, message: m)) }
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
                    for c in def.children {
                        if !issues(FieldPath(field: c, item: i)).isEmpty { return true }
                        guard form.fields[c].type == .repeat else { continue }
                        for j in 0..<itemCount(c, in: i) {
                            for cc in form.fields[c].children where !issues(FieldPath(field: cc, item: i, subItem: j)).isEmpty { return true }
                        }
                    }
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
    /// repeat group and `[n][k]` inside a group inside a group
    /// (`line_code[2][3]`: the third line of the second business).
    public func name(of path: FieldPath) -> String {
        var out = form.fields[path.field].id
        if let i = path.item { out += "[\(i + 1)]" }
        if let j = path.subItem { out += "[\(j + 1)]" }
        return out
    }

    /// The path named `member_name[2]`, `line_code[2][3]` or `child_name`,
    /// if the field exists at that depth (the items may not exist yet).
    public func path(named name: String) -> FieldPath? {
        guard let (id, indices) = Self.indices(answerName: name), let field = form.fieldIndexByID[id],
              indices.count == form.depth(of: field) else { return nil }
        return FieldPath(field: field, item: indices.first.map { $0 - 1 }, subItem: indices.count > 1 ? indices[1] - 1 : nil)
    }

    /// `("member_name", 2)` for `member_name[2]` (items count from 1),
    /// `("child_name", nil)` for `child_name`; for `line_code[2][3]`, the
    /// outer item (`("line_code", 2)`). Nil when an item is not a number
    /// from 1.
    public static func split(answerName name: String) -> (id: String, item: Int?)? {
        guard let (id, indices) = indices(answerName: name) else { return nil }
        return (id, indices.first)
    }

    /// `("line_code", [2, 3])` for `line_code[2][3]`, `("member_name", [2])`
    /// for `member_name[2]`, `("child_name", [])` for `child_name`; nil when
    /// an item is not a number from 1, or there are more than two.
    public static func indices(answerName name: String) -> (id: String, indices: [Int])? {
        guard let open = name.firstIndex(of: "[") else { return (name, []) }
        guard name.hasSuffix("]") else { return (name, []) }
        let inside = name[name.index(after: open)..<name.index(before: name.endIndex)]
        let parts = inside.components(separatedBy: "][")
        guard parts.count <= 2 else { return nil }
        var out: [Int] = []
        for part in parts {
            guard let n = Int(part), n >= 1 else { return nil }
            out.append(n)
        }
        return (String(name[..<open]), out)
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

    /// Fills answers by name (field ids, `[n]` for repeat items and
    /// `[n][k]` for inner items, created as needed), then evaluates the
    /// whole form once — far cheaper than setting them one by one when a
    /// draft is opened. Returns the names that match no answer of this form.
    @discardableResult
    public mutating func load(answers: [(name: String, raw: String)]) -> [String] {
        var unknown: [String] = []
        for (name, raw) in answers {
            guard let p = path(named: name) else { unknown.append(name); continue }
            let f = form.fields[p.field]
            guard f.type.holdsAnswer, f.compute == nil, makeItems(for: p) else { unknown.append(name); continue }
            let newCell = cell(raw: VietnameseText.normalize(raw), f)
            modifyCell(p) { c in
                c.raw = newCell.raw
                c.value = newCell.value
            }
        }
        evaluateAll()
        return unknown
    }

    /// Creates the items up to `p`'s (outer, then inner); false when beyond
    /// what the groups allow.
    private mutating func makeItems(for p: FieldPath) -> Bool {
        let e = form.nesting[p.field]
        guard let o = e.outer else { return true }
        guard let i = p.item, i < form.fields[o].maxCount else { return false }
        while itemCount(o) <= i { items[o]!.append(newItem(form.fields[o])) }
        guard let g = e.inner else { return true }
        guard let j = p.subItem, j < form.fields[g].maxCount else { return false }
        while itemCount(g, in: i) <= j { items[o]![i].inner[g, default: []].append(newCells(form.fields[g])) }
        return true
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
    /// answers (of its item inside a group).
    public func label(of path: FieldPath) -> LocalizedText {
        let f = form.fields[path.field]
        return f.labelTemplate?.render(self, item: path.item, subItem: path.subItem) ?? f.label
    }

    /// A field's help as shown now.
    public func help(of path: FieldPath) -> LocalizedText? {
        let f = form.fields[path.field]
        return f.helpTemplate?.render(self, item: path.item, subItem: path.subItem) ?? f.help
    }

    /// A note's text as shown now.
    public func noteText(of path: FieldPath) -> LocalizedText? {
        let f = form.fields[path.field]
        return f.noteTemplate?.render(self, item: path.item, subItem: path.subItem) ?? f.noteText
    }

    /// The title of item `item` of group `group` (of outer item `outer`,
    /// for a group inside a group): its `item_label` with `{n}` its number
    /// and `{m}` the outer item's, else the group's label and the number
    /// ("Ngành nghề — Mục 1", followed by the outer item's title).
    public func itemTitle(group: Int, item: Int, outer: Int? = nil) -> LocalizedText {
        let g = form.fields[group]
        func fill(_ s: String) -> String {
            s.replacingOccurrences(of: "{n}", with: "\(item + 1)").replacingOccurrences(of: "{m}", with: outer.map { "\($0 + 1)" } ?? "")
        }
        if let label = g.itemLabel { return LocalizedText(vi: fill(label.vi), en: fill(label.en.isEmpty ? label.vi : label.en)) }
        let shown = label(of: FieldPath(field: group, item: outer))
        let own = LocalizedText(vi: "\(shown.vi) — Mục \(item + 1)", en: "\(shown.text(.en)) — Item \(item + 1)")
        guard let o = g.group, let outer else { return own }
        let around = itemTitle(group: o, item: outer)
        return LocalizedText(vi: "\(own.vi) (\(around.vi))", en: "\(own.en) (\(around.en))")
    }

    /// Whether a choice field (its answer at `path`, inside a group the
    /// item's) offers the option or dataset row `code` now: its
    /// `choice_filter` is true for it. A code that is no option at all is
    /// left to the type's own check.
    public func isOffered(_ code: String, field f: FieldDefinition, at path: FieldPath) -> Bool {
        guard let filter = f.choiceFilter else { return true }
        var context = CandidateContext(state: self)
        if let name = f.dataset {
            guard let row = form.datasets[name]?.row(code: code) else { return true }
            context.candidate = .row(row)
        } else {
            guard let option = f.options.first(where: { $0.value == code }) else { return true }
            context.candidate = .option(option)
        }
        return filter.evaluate(context, item: path.item, subItem: path.subItem).isTrue
    }

    /// The dataset rows of `rows` the field's `choice_filter` lets through.
    public func offered(_ rows: [DatasetRow], field f: FieldDefinition, at path: FieldPath) -> [DatasetRow] {
        guard let filter = f.choiceFilter else { return rows }
        var context = CandidateContext(state: self)
        return rows.filter { row in
            context.candidate = .row(row)
            return filter.evaluate(context, item: path.item, subItem: path.subItem).isTrue
        }
    }

    /// The options the field's `choice_filter` lets through.
    public func offeredOptions(field f: FieldDefinition, at path: FieldPath) -> [ChoiceOption] {
        guard let filter = f.choiceFilter else { return f.options }
        var context = CandidateContext(state: self)
        return f.options.filter { option in
            context.candidate = .option(option)
            return filter.evaluate(context, item: path.item, subItem: path.subItem).isTrue
        }
    }

    /// As `isOffered(_:field:at:)`, for item `item` of the field's group
    /// (nil outside groups).
    public func isOffered(_ code: String, field f: FieldDefinition, item: Int?) -> Bool {
        isOffered(code, field: f, at: FieldPath(field: f.index, item: item))
    }

    /// As `offered(_:field:at:)`, for item `item` (nil outside groups).
    public func offered(_ rows: [DatasetRow], field f: FieldDefinition, item: Int?) -> [DatasetRow] {
        offered(rows, field: f, at: FieldPath(field: f.index, item: item))
    }

    /// As `offeredOptions(field:at:)`, for item `item` (nil outside groups).
    public func offeredOptions(field f: FieldDefinition, item: Int?) -> [ChoiceOption] {
        offeredOptions(field: f, at: FieldPath(field: f.index, item: item))
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

    func value(of ref: FieldRef, item: Int?, subItem: Int?) -> ExprValue { state.value(of: ref, item: item, subItem: subItem) }
    func countedItems(_ group: FieldRef, item: Int?) -> [(item: Int, subItem: Int?)] { state.countedItems(group, item: item) }
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

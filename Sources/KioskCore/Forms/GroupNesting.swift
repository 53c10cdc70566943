/// Where a field sits among repeat groups. A group may hold one level of
/// groups (household businesses, each with its locations): a field is at
/// the top (depth 0), in an outer group (depth 1), or in an inner group
/// inside an outer one (depth 2). Expressions and answers are bound to the
/// items of the groups around them.
enum GroupNesting {
    /// The groups around field `f`, outermost first: `(nil, nil)` at the
    /// top, `(outer, nil)` in an outer group, `(outer, inner)` in an inner
    /// one. A repeat group's own place is that of the group holding it.
    static func enclosing(_ f: Int, in fields: [FieldDefinition]) -> (outer: Int?, inner: Int?) {
        guard let g = fields[f].group else { return (nil, nil) }
        if let o = fields[g].group { return (o, g) }
        return (g, nil)
    }

    /// The groups in whose items an expression owned by `here` is
    /// evaluated (`here` itself and the group around it), outermost first.
    static func scope(of here: Int?, in fields: [FieldDefinition]) -> [Int] {
        guard let here else { return [] }
        if let o = fields[here].group { return [o, here] }
        return [here]
    }

    /// How a field named in an expression evaluated in the items of `here`
    /// (nil: outside groups) reads:
    /// - a field of a group around the expression: the answer of the same
    ///   item (from an inner group, a field of the outer group is the
    ///   enclosing outer item's answer);
    /// - a field of an inner group, from its outer item (or another inner
    ///   group of it): the answers of that outer item's inner items;
    /// - a field of a group read from outside: every answer, an inner
    ///   group's field every inner answer of every outer item (flattened);
    /// - a group: its number of items; an inner group read from within its
    ///   outer item counts that item's, from outside all of them.
    static func reference(to target: Int, from here: Int?, in fields: [FieldDefinition]) -> FieldRef {
        let scope = scope(of: here, in: fields)
        let t = fields[target]
        if t.type == .repeat {
            if let o = t.group, scope.contains(o) { return .innerItemCount(target) }
            return .itemCount(target)
        }
        guard let g = t.group else { return .top(target) }
        if let o = fields[g].group {
            if scope.contains(g) { return .sameInnerItem(target) }
            if scope.contains(o) { return .innerItems(target) }
            return .allItems(target)
        }
        return scope.contains(g) ? .sameItem(target) : .allItems(target)
    }
}

/// Where one field sits, small enough to read on every evaluation: the
/// groups around it, its place in its group's item, its page.
struct FieldNesting: Sendable {
    /// The outermost group around the field.
    var outer: Int?
    /// The inner group around it (a field of a group inside a group).
    var inner: Int?
    /// Its position in an item of the group holding it.
    var local: Int
    var page: Int
    var isRepeat: Bool

    /// How many groups are around it.
    var depth: Int { inner != nil ? 2 : (outer != nil ? 1 : 0) }
}

extension GroupNesting {
    static func table(_ fields: [FieldDefinition]) -> [FieldNesting] {
        fields.map { f in
            let e = enclosing(f.index, in: fields)
            return FieldNesting(outer: e.outer, inner: e.inner, local: f.localIndex, page: f.page, isRepeat: f.type == .repeat)
        }
    }

    /// How many of the groups around `a` and `b` they share, from the outermost.
    static func shared(_ a: FieldNesting, _ b: FieldNesting) -> Int {
        guard let o = a.outer, o == b.outer else { return 0 }
        if let i = a.inner, i == b.inner { return 2 }
        return 1
    }
}

extension FormDefinition {
    /// How many groups are around field `f` (0, 1 or 2).
    public func depth(of f: Int) -> Int { nesting[f].depth }

    /// The repeat groups inside group `g` (its children that are groups).
    public func innerGroups(of g: Int) -> [Int] { fields[g].children.filter { fields[$0].type == .repeat } }

    /// Every field inside group `g`: its children, and the children of the
    /// groups among them.
    public func descendants(of g: Int) -> [Int] {
        fields[g].children.flatMap { c in [c] + (fields[c].type == .repeat ? fields[c].children : []) }
    }

    /// Whether field `f` is inside group `g`, directly or in an inner group.
    public func isInside(_ f: Int, group g: Int) -> Bool {
        nesting[f].outer == g || nesting[f].inner == g
    }

    /// The path of `field`'s answer that goes with `path`: the same item
    /// (and inner item) where they share groups; for a top-level field,
    /// its one answer.
    public func path(of field: Int, alongside path: FieldPath) -> FieldPath {
        switch depth(of: field) {
        case 0: return FieldPath(field: field)
        case 1: return FieldPath(field: field, item: path.item)
        default: return FieldPath(field: field, item: path.item, subItem: path.subItem)
        }
    }
}

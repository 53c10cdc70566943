/// Which expressions must be evaluated again when an answer changes.
///
/// Nodes are the form's fields (0..<fieldCount) followed by its pages. An edge
/// a → b means "b's visibility or computed value reads a" (expression edges),
/// or "b is inside a" (a page contains a field, a repeat group contains its
/// fields: hiding a hides b). The graph is built once at load; a cycle is a
/// load error, and its topological order drives the first evaluation.
struct DependencyGraph: Sendable {
    let fieldCount: Int
    /// For each node, the nodes whose expressions read it.
    let readers: [[Int]]
    /// For each node, the fields inside it (page or repeat group).
    let contained: [[Int]]
    /// All nodes, each after everything it depends on.
    let order: [Int]
    /// Fields whose condition or computed value visits a group's items
    /// through `count_if`: how many of their own item indices (outer, inner)
    /// still decide which items it reads (0 for any outer group, 1 for an
    /// inner group of their own outer item). A change in one item of the
    /// counted group changes them in every item beyond that. 2 (both
    /// indices) for a field without `count_if`.
    let countBound: [Int]

    func isPage(_ node: Int) -> Bool { node >= fieldCount }

    /// Builds the graph; on a cycle returns the nodes of one cycle instead.
    static func build(fields: [FieldDefinition], pages: [PageDefinition]) -> Result<DependencyGraph, CycleError> {
        let n = fields.count + pages.count
        var readers = Array(repeating: [Int](), count: n)
        var contained = Array(repeating: [Int](), count: n)
        func addReader(of expr: CompiledExpr?, node: Int) {
            guard let expr else { return }
            var seen: Set<Int> = []
            for ref in expr.references where seen.insert(ref.field).inserted {
                readers[ref.field].append(node)
            }
        }
        for f in fields {
            addReader(of: f.visibleIf, node: f.index)
            addReader(of: f.compute, node: f.index)
            contained[fields.count + f.page].append(f.index)
            if let g = f.group { contained[g].append(f.index) }
        }
        for (p, page) in pages.enumerated() {
            addReader(of: page.visibleIf, node: fields.count + p)
        }

        // Kahn's algorithm over both kinds of edges.
        var indegree = Array(repeating: 0, count: n)
        for a in 0..<n {
            for b in readers[a] { indegree[b] += 1 }
            for b in contained[a] { indegree[b] += 1 }
        }
        var queue = (0..<n).filter { indegree[$0] == 0 }
        var order: [Int] = []
        order.reserveCapacity(n)
        var head = 0
        while head < queue.count {
            let a = queue[head]
            head += 1
            order.append(a)
            for b in readers[a] + contained[a] {
                indegree[b] -= 1
                if indegree[b] == 0 { queue.append(b) }
            }
        }
        if order.count < n {
            return .failure(CycleError(nodes: findCycle(readers: readers, contained: contained, remaining: Set((0..<n).filter { indegree[$0] > 0 }))))
        }
        var countBound = Array(repeating: 2, count: fields.count)
        for f in fields {
            let counted = (f.visibleIf?.countedGroups ?? []) + (f.compute?.countedGroups ?? [])
            for g in counted {
                // count_if over an inner group of the reader's own outer item reads that item's only.
                let bound = fields[g].group.map { GroupNesting.enclosing(f.index, in: fields).outer == $0 ? 1 : 0 } ?? 0
                countBound[f.index] = min(countBound[f.index], bound)
            }
        }
        return .success(DependencyGraph(fieldCount: fields.count, readers: readers, contained: contained, order: order,
                                        countBound: countBound))
    }

    struct CycleError: Error {
        /// The nodes of one cycle, in order.
        var nodes: [Int]
    }

    /// One cycle among the nodes Kahn's algorithm could not order.
    private static func findCycle(readers: [[Int]], contained: [[Int]], remaining: Set<Int>) -> [Int] {
        guard let start = remaining.min() else { return [] }
        // Walk forward inside `remaining` until a node repeats: every node
        // there has a predecessor there, so walking backwards also works, but
        // forward order reads naturally ("a is read by b, b by a").
        var path: [Int] = [start]
        var position: [Int: Int] = [start: 0]
        var node = start
        while true {
            guard let next = (readers[node] + contained[node]).first(where: { remaining.contains($0) && canReach($0, node, readers, contained, remaining) }) else {
                return path
            }
            if let at = position[next] { return Array(path[at...]) }
            position[next] = path.count
            path.append(next)
            node = next
        }
    }

    private static func canReach(_ from: Int, _ to: Int, _ readers: [[Int]], _ contained: [[Int]], _ within: Set<Int>) -> Bool {
        var stack = [from]
        var seen: Set<Int> = [from]
        while let a = stack.popLast() {
            if a == to { return true }
            for b in readers[a] + contained[a] where within.contains(b) && seen.insert(b).inserted { stack.append(b) }
        }
        return false
    }
}

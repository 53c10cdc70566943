import Foundation

/// A field reference resolved at load time to the field's index in the form,
/// so that evaluation never looks a name up. How a name reads depends on
/// where the expression is evaluated (see `GroupNesting.reference`).
public enum FieldRef: Sendable, Hashable {
    /// A field outside any repeat group.
    case top(Int)
    /// A field of a repeat group the expression belongs to (its own group,
    /// or the outer group around its inner group): the answer in the same
    /// item.
    case sameItem(Int)
    /// A field of the inner group the expression belongs to: the answer in
    /// the same inner item of the same outer item.
    case sameInnerItem(Int)
    /// A field inside a repeat group, read from outside it: all its answers
    /// (for a field of an inner group, every inner answer of every outer
    /// item, in order).
    case allItems(Int)
    /// A field of an inner group, read from its outer item: the answers of
    /// that outer item's inner items.
    case innerItems(Int)
    /// A repeat group itself: how many items it has (an inner group read
    /// from outside its outer group: all its items in every outer item).
    case itemCount(Int)
    /// An inner group read from within its outer item: how many items it
    /// has in that outer item.
    case innerItemCount(Int)

    public var field: Int {
        switch self {
        case .top(let f), .sameItem(let f), .sameInnerItem(let f), .allItems(let f), .innerItems(let f),
             .itemCount(let f), .innerItemCount(let f): return f
        }
    }
}

/// What evaluation needs from the form state.
public protocol ExpressionContext {
    /// The effective answer (null when the field is hidden or empty), for
    /// an expression evaluated in item `item` (and inner item `subItem`).
    func value(of ref: FieldRef, item: Int?, subItem: Int?) -> ExprValue
    /// The items `count_if` visits for a group reference read in item
    /// `item`: each as the (item, subItem) where its condition is evaluated.
    func countedItems(_ group: FieldRef, item: Int?) -> [(item: Int, subItem: Int?)]
    var today: CalendarDate { get }
    /// In a `choice_filter`: a column of the row (or option) being
    /// considered, `row('level')`. Null elsewhere.
    func candidateColumn(_ name: String) -> ExprValue
    /// `province_rule('column')`: the column of the station's province in
    /// `datasets/province-rules.csv`. Null where there is none.
    func provinceRule(_ column: String) -> ExprValue
}

extension ExpressionContext {
    public func candidateColumn(_ name: String) -> ExprValue { .null }
    public func provinceRule(_ column: String) -> ExprValue { .null }
    /// Without nesting: the group's items by number.
    public func countedItems(_ group: FieldRef, item: Int?) -> [(item: Int, subItem: Int?)] {
        guard case .number(let n) = value(of: group, item: item, subItem: nil), n > 0 else { return [] }
        return (0..<Int(n)).map { ($0, nil) }
    }
}

/// NSRegularExpression is immutable once made and documented as safe to
/// share between threads.
public final class CompiledRegex: @unchecked Sendable {
    public let pattern: String
    let regex: NSRegularExpression

    init(pattern: String) throws {
        self.pattern = pattern
        // Anchored: `matches` means the whole answer matches.
        self.regex = try NSRegularExpression(pattern: "^(?:" + pattern + ")$", options: [])
    }

    func matches(_ s: String) -> Bool {
        let ns = s as NSString
        return regex.firstMatch(in: s, options: [], range: NSRange(location: 0, length: ns.length)) != nil
    }
}

public enum Builtin: String, Sendable, CaseIterable {
    case `if`, today, date, age, years_between, days_between, add_days, add_months, add_years
    case year, month, day, len, contains, matches, count, sum, min, max, coalesce, is_empty
    case upper, lower, trim, number, text, id_agrees
    case count_if, unique, lookup, choice_label, money_words, date_words, row
    case province_rule

    /// Allowed argument counts (upper bound nil: any number).
    var arity: (Int, Int?) {
        switch self {
        case .today: return (0, 0)
        case .date, .age, .year, .month, .day, .len, .count, .sum, .is_empty, .upper, .lower, .trim, .number, .text: return (1, 1)
        case .unique, .choice_label, .money_words, .date_words, .row, .province_rule: return (1, 1)
        case .years_between, .days_between, .add_days, .add_months, .add_years, .contains, .matches, .count_if: return (2, 2)
        case .if, .id_agrees, .lookup: return (3, 3)
        case .min, .max, .coalesce: return (1, nil)
        }
    }
}

/// What a choice field's values read as, for `choice_label`: its options'
/// Vietnamese labels, or its dataset's names.
public enum ChoiceLabels: Sendable {
    case options([String: String])
    case dataset(Dataset)

    public func label(_ code: String) -> String? {
        switch self {
        case .options(let labels): return labels[code]
        case .dataset(let d): return d.row(code: code)?.name
        }
    }
}

/// What compiling an expression needs from the form, beyond `.`: how a field
/// name resolves, the datasets `lookup` may name, what `choice_label` reads,
/// and, inside a `choice_filter`, the columns `row()` may read.
public struct ExpressionScope {
    public var allowCurrent: Bool
    /// A field name at an offset to its reference; `group` is the repeat
    /// group whose items are in scope (inside `count_if`), nil for the
    /// expression's own.
    public var resolve: (_ name: String, _ offset: Int, _ group: Int?) throws(ExpressionError) -> FieldRef
    public var datasets: DatasetCatalog?
    /// The labels of a choice field (by field index); nil for other types.
    public var choiceLabels: (Int) -> ChoiceLabels?
    /// Inside a `choice_filter`: the columns of a candidate row; nil where
    /// `row()` means nothing.
    public var candidateColumns: Set<String>?

    public init(allowCurrent: Bool, resolve: @escaping (String, Int, Int?) throws(ExpressionError) -> FieldRef,
                datasets: DatasetCatalog? = nil, choiceLabels: @escaping (Int) -> ChoiceLabels? = { _ in nil },
                candidateColumns: Set<String>? = nil) {
        self.allowCurrent = allowCurrent
        self.resolve = resolve
        self.datasets = datasets
        self.choiceLabels = choiceLabels
        self.candidateColumns = candidateColumns
    }
}

/// An expression ready to evaluate: names resolved, regexes and date literals
/// compiled, arities checked.
public indirect enum CompiledExpr: Sendable {
    case constant(ExprValue)
    case field(FieldRef)
    case current
    case not(CompiledExpr)
    case negate(CompiledExpr)
    case and(CompiledExpr, CompiledExpr)
    case or(CompiledExpr, CompiledExpr)
    case binary(ExprBinaryOp, CompiledExpr, CompiledExpr)
    case call(Builtin, [CompiledExpr])
    case matches(CompiledExpr, CompiledRegex)
    /// `count_if(group, condition)`: the condition evaluated in each item
    /// of the group (`itemCount` or, from its outer item, an inner group's
    /// `innerItemCount`: that outer item's inner items).
    case countIf(group: FieldRef, CompiledExpr)
    /// `row('column')` in a choice filter.
    case candidate(String)
    /// `choice_label(field)`.
    case choiceLabel(CompiledExpr, ChoiceLabels)
    /// `lookup('dataset', code, 'column')`.
    case lookup(Dataset, CompiledExpr, column: String)

    /// The fields this expression reads (its dependencies).
    public var references: [FieldRef] {
        var out: [FieldRef] = []
        func walk(_ e: CompiledExpr) {
            switch e {
            case .field(let r): out.append(r)
            case .not(let a), .negate(let a), .matches(let a, _): walk(a)
            case .and(let a, let b), .or(let a, let b), .binary(_, let a, let b): walk(a); walk(b)
            case .call(_, let args): args.forEach(walk)
            case .countIf(let g, let a): out.append(g); walk(a)
            case .choiceLabel(let a, _), .lookup(_, let a, _): walk(a)
            case .constant, .current, .candidate: break
            }
        }
        walk(self)
        return out
    }

    /// The groups whose items the expression visits through `count_if`.
    public var countedGroups: [Int] {
        switch self {
        case .countIf(let g, let a): return [g.field] + a.countedGroups
        case .not(let a), .negate(let a), .matches(let a, _), .choiceLabel(let a, _), .lookup(_, let a, _): return a.countedGroups
        case .and(let a, let b), .or(let a, let b), .binary(_, let a, let b): return a.countedGroups + b.countedGroups
        case .call(_, let args): return args.flatMap(\.countedGroups)
        case .constant, .field, .current, .candidate: return []
        }
    }

    /// Whether the expression reads every item of `group` through
    /// `count_if` (a field of that group computed from it must be
    /// re-evaluated in every item when one item changes).
    public func countsItems(of group: Int) -> Bool { countedGroups.contains(group) }

    /// Resolves and checks a parsed expression. `resolve` maps a field name
    /// (at an offset) to a reference or throws the error to report.
    public static func compile(
        _ syntax: ExprSyntax,
        allowCurrent: Bool,
        resolve: @escaping (String, Int) throws(ExpressionError) -> FieldRef
    ) throws(ExpressionError) -> CompiledExpr {
        try compile(syntax, scope: ExpressionScope(allowCurrent: allowCurrent) { (name, offset, _) throws(ExpressionError) -> FieldRef in
            try resolve(name, offset)
        })
    }

    /// Resolves and checks a parsed expression in `scope`.
    public static func compile(_ syntax: ExprSyntax, scope: ExpressionScope) throws(ExpressionError) -> CompiledExpr {
        func literalText(_ e: ExprSyntax) -> String? {
            if case .literal(.text(let s)) = e { return s }
            return nil
        }
        func go(_ e: ExprSyntax, _ group: Int?) throws(ExpressionError) -> CompiledExpr {
            switch e {
            case .literal(let v):
                return .constant(v)
            case .field(let name, let offset):
                return .field(try scope.resolve(name, offset, group))
            case .current(let offset):
                guard scope.allowCurrent else {
                    throw ExpressionError("“.” (giá trị của chính trường) chỉ dùng trong constraints",
                                          "“.” (the field's own value) is only allowed in constraints", at: offset)
                }
                return .current
            case .unary(.not, let a):
                return .not(try go(a, group))
            case .unary(.negate, let a):
                return .negate(try go(a, group))
            case .binary(.and, let a, let b, _):
                return .and(try go(a, group), try go(b, group))
            case .binary(.or, let a, let b, _):
                return .or(try go(a, group), try go(b, group))
            case .binary(let op, let a, let b, _):
                return .binary(op, try go(a, group), try go(b, group))
            case .call(let name, let args, let offset):
                guard let fn = Builtin(rawValue: name) else {
                    let known = Builtin.allCases.map(\.rawValue).joined(separator: ", ")
                    throw ExpressionError("không có hàm “\(name)”; các hàm: \(known)",
                                          "unknown function “\(name)”; functions: \(known)", at: offset)
                }
                let (lo, hi) = fn.arity
                if args.count < lo || (hi.map { args.count > $0 } ?? false) {
                    let want = hi == nil ? "\(lo)+" : (lo == hi! ? "\(lo)" : "\(lo)–\(hi!)")
                    throw ExpressionError("hàm \(name) cần \(want) đối số, có \(args.count)",
                                          "\(name) takes \(want) argument(s), got \(args.count)", at: offset)
                }
                switch fn {
                case .matches:
                    guard case .literal(.text(let pattern)) = args[1] else {
                        throw ExpressionError("mẫu của matches() phải viết sẵn trong biểu mẫu, ví dụ matches(., '[0-9]{9}')",
                                              "the pattern of matches() must be written in the form, e.g. matches(., '[0-9]{9}')", at: offset)
                    }
                    do {
                        return .matches(try go(args[0], group), try CompiledRegex(pattern: pattern))
                    } catch let error as ExpressionError {
                        throw error
                    } catch {
                        throw ExpressionError("mẫu biểu thức chính quy sai: \(pattern)", "invalid regular expression: \(pattern)", at: offset)
                    }
                case .date:
                    guard case .literal(.text(let s)) = args[0], let d = CalendarDate.parseISO(s) else {
                        throw ExpressionError("date() cần một ngày viết sẵn dạng 'yyyy-mm-dd'",
                                              "date() needs a literal date written 'yyyy-mm-dd'", at: offset)
                    }
                    return .constant(.date(d))
                case .count_if:
                    guard case .field(let gname, let gat) = args[0] else {
                        throw ExpressionError("đối số đầu của count_if phải là một nhóm lặp lại, ví dụ count_if(members, age(member_birth) < 18)",
                                              "the first argument of count_if must be a repeat group, e.g. count_if(members, age(member_birth) < 18)", at: offset)
                    }
                    let ref = try scope.resolve(gname, gat, group)
                    switch ref {
                    case .itemCount(let g), .innerItemCount(let g):
                        // The condition reads the group's fields in each item.
                        return .countIf(group: ref, try go(args[1], g))
                    default:
                        throw ExpressionError("đối số đầu của count_if phải là một nhóm lặp lại, ví dụ count_if(members, age(member_birth) < 18)",
                                              "the first argument of count_if must be a repeat group, e.g. count_if(members, age(member_birth) < 18)", at: offset)
                    }
                case .row:
                    guard let columns = scope.candidateColumns else {
                        throw ExpressionError("row() chỉ dùng trong choice_filter", "row() is only allowed in a choice_filter", at: offset)
                    }
                    guard let column = literalText(args[0]) else {
                        throw ExpressionError("row() cần tên cột viết sẵn, ví dụ row('parent')", "row() needs a literal column name, e.g. row('parent')", at: offset)
                    }
                    guard columns.contains(column) else {
                        let list = columns.sorted().joined(separator: ", ")
                        throw ExpressionError("không có cột “\(column)”; các cột: \(list)", "no column “\(column)”; columns: \(list)", at: offset)
                    }
                    return .candidate(column)
                case .lookup:
                    guard let name = literalText(args[0]) else {
                        throw ExpressionError("tên bộ dữ liệu của lookup() phải viết sẵn, ví dụ lookup('vsic-2025', ma_nganh, 'level')",
                                              "the dataset of lookup() must be written in the form, e.g. lookup('vsic-2025', code, 'level')", at: offset)
                    }
                    guard let dataset = scope.datasets?[name] else {
                        throw ExpressionError("không có bộ dữ liệu “\(name)” trong Forms/datasets", "no dataset “\(name)” in Forms/datasets", at: offset)
                    }
                    guard let column = literalText(args[2]) else {
                        throw ExpressionError("tên cột của lookup() phải viết sẵn, ví dụ 'name'", "the column of lookup() must be written in the form, e.g. 'name'", at: offset)
                    }
                    guard dataset.columns.contains(column) else {
                        let list = dataset.columns.sorted().joined(separator: ", ")
                        throw ExpressionError("bộ dữ liệu “\(name)” không có cột “\(column)”; các cột: \(list)",
                                              "dataset “\(name)” has no column “\(column)”; columns: \(list)", at: offset)
                    }
                    return .lookup(dataset, try go(args[1], group), column: column)
                case .choice_label:
                    guard case .field(let fname, let fat) = args[0] else {
                        throw ExpressionError("choice_label() cần tên một trường lựa chọn", "choice_label() needs the name of a choice field", at: offset)
                    }
                    let ref = try scope.resolve(fname, fat, group)
                    guard let labels = scope.choiceLabels(ref.field) else {
                        throw ExpressionError("“\(fname)” không phải trường choice hay multichoice", "“\(fname)” is not a choice or multichoice field", at: fat)
                    }
                    return .choiceLabel(.field(ref), labels)
                default:
                    var compiled: [CompiledExpr] = []
                    for a in args { compiled.append(try go(a, group)) }
                    return .call(fn, compiled)
                }
            }
        }
        return try go(syntax, nil)
    }
}

// MARK: - Evaluation

extension CompiledExpr {
    /// Evaluates in `context`, for repeat item `item` (nil outside groups)
    /// and, in a group inside a group, inner item `subItem`, with `current`
    /// as the value of `.`. Never throws: a type mismatch or an empty answer
    /// gives null, which conditions read as false.
    public func evaluate<C: ExpressionContext>(_ context: C, item: Int?, subItem: Int? = nil, current: ExprValue = .null) -> ExprValue {
        switch self {
        case .constant(let v):
            return v
        case .field(let ref):
            return context.value(of: ref, item: item, subItem: subItem)
        case .current:
            return current
        case .not(let a):
            return .bool(!a.evaluate(context, item: item, subItem: subItem, current: current).isTrue)
        case .negate(let a):
            if case .number(let n) = a.evaluate(context, item: item, subItem: subItem, current: current) { return .number(-n) }
            return .null
        case .and(let a, let b):
            guard a.evaluate(context, item: item, subItem: subItem, current: current).isTrue else { return .bool(false) }
            return .bool(b.evaluate(context, item: item, subItem: subItem, current: current).isTrue)
        case .or(let a, let b):
            if a.evaluate(context, item: item, subItem: subItem, current: current).isTrue { return .bool(true) }
            return .bool(b.evaluate(context, item: item, subItem: subItem, current: current).isTrue)
        case .binary(let op, let a, let b):
            return Self.apply(op, a.evaluate(context, item: item, subItem: subItem, current: current), b.evaluate(context, item: item, subItem: subItem, current: current))
        case .matches(let a, let regex):
            guard case .text(let s) = a.evaluate(context, item: item, subItem: subItem, current: current) else {
                if case .number(let n) = a.evaluate(context, item: item, subItem: subItem, current: current) { return .bool(regex.matches(ExprValue.format(n))) }
                return .null
            }
            return .bool(regex.matches(s))
        case .call(.if, let args):
            return args[0].evaluate(context, item: item, subItem: subItem, current: current).isTrue
                ? args[1].evaluate(context, item: item, subItem: subItem, current: current)
                : args[2].evaluate(context, item: item, subItem: subItem, current: current)
        case .call(.today, _):
            return .date(context.today)
        case .countIf(let g, let condition):
            var count = 0
            for at in context.countedItems(g, item: item) where condition.evaluate(context, item: at.item, subItem: at.subItem, current: current).isTrue {
                count += 1
            }
            return .number(Double(count))
        case .candidate(let column):
            return context.candidateColumn(column)
        case .choiceLabel(let a, let labels):
            func label(_ v: ExprValue) -> ExprValue {
                guard !v.isEmpty else { return .null }
                return labels.label(v.description).map(ExprValue.text) ?? .null
            }
            let v = a.evaluate(context, item: item, subItem: subItem, current: current)
            if case .list(let l) = v { return .list(l.map(label)) }
            return label(v)
        case .lookup(let dataset, let code, let column):
            let v = code.evaluate(context, item: item, subItem: subItem, current: current)
            guard !v.isEmpty, case .text(let s)? = dataset.row(code: v.description).map({ ExprValue.text($0.column(column) ?? "") }), !s.isEmpty else {
                return .null
            }
            return .text(s)
        case .call(.province_rule, let args):
            guard case .text(let column) = args[0].evaluate(context, item: item, subItem: subItem, current: current) else { return .null }
            return context.provinceRule(column)
        case .call(let fn, let args):
            var values: [ExprValue] = []
            values.reserveCapacity(args.count)
            for a in args { values.append(a.evaluate(context, item: item, subItem: subItem, current: current)) }
            return Self.call(fn, values, today: context.today)
        }
    }

    static func number(_ v: ExprValue) -> Double? {
        switch v {
        case .number(let n): return n
        case .text(let s): return Double(s.trimmed)
        default: return nil
        }
    }

    /// Equality with one convenience: a number equals a text of the same
    /// number (option values are texts; authors write `copies = 2`).
    static func equal(_ a: ExprValue, _ b: ExprValue) -> Bool {
        switch (a, b) {
        case (.number(let x), .text), (.text, .number(let x)):
            if case .text(let s) = a, let y = Double(s) { return x == y }
            if case .text(let s) = b, let y = Double(s) { return x == y }
            return false
        default:
            return a == b
        }
    }

    static func compare(_ a: ExprValue, _ b: ExprValue) -> Int? {
        switch (a, b) {
        case let (.date(x), .date(y)): return x == y ? 0 : (x < y ? -1 : 1)
        case let (.text(x), .text(y)): return x == y ? 0 : (x < y ? -1 : 1)
        default:
            guard let x = number(a), let y = number(b) else { return nil }
            return x == y ? 0 : (x < y ? -1 : 1)
        }
    }

    static func apply(_ op: ExprBinaryOp, _ a: ExprValue, _ b: ExprValue) -> ExprValue {
        switch op {
        case .equal: return .bool(equal(a, b))
        case .notEqual: return .bool(!equal(a, b))
        case .less, .lessEqual, .greater, .greaterEqual:
            guard let c = compare(a, b) else { return .bool(false) }
            switch op {
            case .less: return .bool(c < 0)
            case .lessEqual: return .bool(c <= 0)
            case .greater: return .bool(c > 0)
            default: return .bool(c >= 0)
            }
        case .add:
            switch (a, b) {
            case let (.number(x), .number(y)): return .number(x + y)
            case let (.date(d), .number(n)), let (.number(n), .date(d)): return abs(n) < 3.6e7 ? .date(d.adding(days: Int(n))) : .null
            case (.text, _), (_, .text):
                if a == .null && b == .null { return .null }
                return .text(a.description + b.description)
            default: return .null
            }
        case .subtract:
            switch (a, b) {
            case let (.number(x), .number(y)): return .number(x - y)
            case let (.date(d), .number(n)): return abs(n) < 3.6e7 ? .date(d.adding(days: -Int(n))) : .null
            case let (.date(x), .date(y)): return .number(Double(x.dayNumber - y.dayNumber))
            default: return .null
            }
        case .multiply, .divide, .remainder:
            guard case .number(let x) = a, case .number(let y) = b else { return .null }
            switch op {
            case .multiply: return .number(x * y)
            case .divide: return y == 0 ? .null : .number(x / y)
            default: return y == 0 ? .null : .number(x.truncatingRemainder(dividingBy: y))
            }
        case .and: return .bool(a.isTrue && b.isTrue)
        case .or: return .bool(a.isTrue || b.isTrue)
        }
    }

    static func call(_ fn: Builtin, _ v: [ExprValue], today: CalendarDate) -> ExprValue {
        func date(_ i: Int) -> CalendarDate? { if case .date(let d) = v[i] { return d }; return nil }
        // Day counts beyond ±100,000 years are no date at all: null, not a trap.
        func int(_ i: Int) -> Int? { number(v[i]).flatMap { abs($0) < 3.6e7 ? Int($0) : nil } }
        func flat() -> [ExprValue] { v.flatMap { if case .list(let l) = $0 { return l } else { return [$0] } } }
        switch fn {
        case .if, .today, .date, .matches, .count_if, .row, .lookup, .choice_label, .province_rule:
            return .null // handled in evaluate()
        case .unique:
            var seen: Set<String> = []
            for x in flat() where !x.isEmpty {
                if !seen.insert(x.description).inserted { return .bool(false) }
            }
            return .bool(true)
        case .money_words:
            guard let n = number(v[0]), n.isFinite, abs(n) < 1e15 else { return .null }
            return VietnameseNumberWords.money(Int(n.rounded())).map(ExprValue.text) ?? .null
        case .date_words:
            guard let d = date(0) else { return .null }
            return VietnameseNumberWords.date(d).map(ExprValue.text) ?? .null
        case .age:
            guard let d = date(0) else { return .null }
            return .number(Double(d.fullYears(to: today)))
        case .years_between:
            guard let a = date(0), let b = date(1) else { return .null }
            return .number(Double(a.fullYears(to: b)))
        case .days_between:
            guard let a = date(0), let b = date(1) else { return .null }
            return .number(Double(b.dayNumber - a.dayNumber))
        case .add_days:
            guard let d = date(0), let n = int(1) else { return .null }
            return .date(d.adding(days: n))
        case .add_months:
            guard let d = date(0), let n = int(1) else { return .null }
            return .date(d.adding(months: n))
        case .add_years:
            guard let d = date(0), let n = int(1) else { return .null }
            return .date(d.adding(months: 12 * n))
        case .year:
            guard let d = date(0) else { return .null }
            return .number(Double(d.year))
        case .month:
            guard let d = date(0), d.month != 0 else { return .null }
            return .number(Double(d.month))
        case .day:
            guard let d = date(0), d.day != 0 else { return .null }
            return .number(Double(d.day))
        case .len:
            switch v[0] {
            case .null: return .number(0)
            case .list(let l): return .number(Double(l.count))
            default: return .number(Double(v[0].description.count))
            }
        case .contains:
            switch v[0] {
            case .list(let l): return .bool(l.contains { equal($0, v[1]) })
            case .null: return .bool(false)
            default:
                if v[1].isEmpty { return .bool(true) }
                return .bool(VietnameseText.fold(v[0].description).contains(VietnameseText.fold(v[1].description)))
            }
        case .count:
            switch v[0] {
            case .list(let l): return .number(Double(l.filter { !$0.isEmpty }.count))
            case .number(let n): return .number(n)
            case .null: return .number(0)
            default: return .number(1)
            }
        case .sum:
            return .number(flat().compactMap { if case .number(let n) = $0 { return n } else { return nil } }.reduce(0, +))
        case .min, .max:
            let values = flat().filter { !$0.isEmpty }
            guard var best = values.first else { return .null }
            for x in values.dropFirst() {
                guard let c = compare(x, best) else { return .null }
                if (fn == .min && c < 0) || (fn == .max && c > 0) { best = x }
            }
            return best
        case .coalesce:
            return v.first { !$0.isEmpty } ?? .null
        case .is_empty:
            return .bool(v[0].isEmpty)
        case .upper, .lower, .trim:
            guard case .text(let s) = v[0] else { return v[0] }
            switch fn {
            case .upper: return .text(s.uppercased())
            case .lower: return .text(s.lowercased())
            default: return .text(s.trimmingCharacters(in: .whitespacesAndNewlines))
            }
        case .number:
            return number(v[0]).map(ExprValue.number) ?? .null
        case .text:
            return v[0] == .null ? .null : .text(v[0].description)
        case .id_agrees:
            guard case .text(let s) = v[0], case .success(let id) = PersonalIDNumber.parse(s) else { return .bool(true) }
            let gender: Gender?
            if case .text(let g) = v[2] { gender = Gender(rawValue: g) } else { gender = nil }
            return .bool(id.agrees(birthYear: date(1)?.year, gender: gender) == nil)
        }
    }
}

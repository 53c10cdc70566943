/// The type of a value in a form expression, as the form loader checks it
/// (docs/forms.md, "Expression types"). Evaluation never looks at it: it
/// exists so that a mistake that would make a condition silently false (a
/// date compared with a number, a text used as a condition) is an error
/// with its place when the form is loaded, not a form nobody can submit.
public indirect enum ExprType: Sendable, Hashable {
    /// The literal `null` (an empty answer): fits anywhere.
    case null
    /// Not known (an argument of `text()`): fits anywhere.
    case any
    case bool, number, date, text
    /// A text that holds a number: the value of a choice whose option values
    /// (or dataset codes) are all numbers, or a literal like `'2'`. It
    /// compares with numbers (`copies = 2`), but `+` would join it as a text.
    case numericText
    case list(ExprType)

    var isTextual: Bool { self == .text || self == .numericText }

    /// The type of a column of texts (a dataset's column, options' values):
    /// a text holding a number when every value that is not empty is one
    /// (`"84"`, `"4711"`), else a text.
    public static func ofTexts<S: Sequence>(_ values: S) -> ExprType where S.Element == String {
        var any = false
        for v in values where !v.isEmpty {
            guard Double(v) != nil else { return .text }
            any = true
        }
        return any ? .numericText : .text
    }

    /// The type with every number-holding text a plain text: what may be
    /// stored in a field of this type.
    public var widened: ExprType {
        switch self {
        case .numericText: return .text
        case .list(let e): return .list(e.widened)
        default: return self
        }
    }
    var isUnknown: Bool { self == .null || self == .any }
    var isList: Bool { if case .list = self { return true } else { return false } }

    /// Whether a value of this type may stand where `expected` is wanted.
    func fits(_ expected: ExprType) -> Bool {
        if isUnknown || expected == .any || self == expected { return true }
        switch (self, expected) {
        case (.numericText, .text): return true
        case let (.list(a), .list(b)): return a.fits(b)
        default: return false
        }
    }

    /// The one type both fit, for `if(c, a, b)` and `coalesce(a, b)`: nil
    /// when there is none.
    static func unify(_ a: ExprType, _ b: ExprType) -> ExprType? {
        if a == b || b.isUnknown { return a }
        if a.isUnknown { return b }
        switch (a, b) {
        case (.text, .numericText), (.numericText, .text): return .text
        // A number or a number written as text: compares as a number, no arithmetic.
        case (.number, .numericText), (.numericText, .number): return .numericText
        case let (.list(x), .list(y)): return unify(x, y).map(ExprType.list)
        default: return nil
        }
    }

    /// The type's name with its article, for messages: "a date", "một ngày".
    public func name(_ language: Language) -> String {
        switch (self, language) {
        case (.null, .vi): return "null (trống)"
        case (.null, .en): return "null (nothing)"
        case (.any, .vi): return "một giá trị"
        case (.any, .en): return "a value"
        case (.bool, .vi): return "một giá trị có/không"
        case (.bool, .en): return "a yes/no value"
        case (.number, .vi): return "một số"
        case (.number, .en): return "a number"
        case (.date, .vi): return "một ngày"
        case (.date, .en): return "a date"
        case (.text, .vi), (.numericText, .vi): return "một văn bản"
        case (.text, .en), (.numericText, .en): return "a text"
        case (.list(let e), .vi): return "một danh sách " + e.plural(.vi)
        case (.list(let e), .en): return "a list of " + e.plural(.en)
        }
    }

    /// The name of several values of the type: "dates", "ngày".
    func plural(_ language: Language) -> String {
        switch (self, language) {
        case (.null, _), (.any, _): return language == .vi ? "giá trị" : "values"
        case (.bool, .vi): return "giá trị có/không"
        case (.bool, .en): return "yes/no values"
        case (.number, .vi): return "số"
        case (.number, .en): return "numbers"
        case (.date, .vi): return "ngày"
        case (.date, .en): return "dates"
        case (.text, .vi), (.numericText, .vi): return "văn bản"
        case (.text, .en), (.numericText, .en): return "texts"
        case (.list(let e), .vi): return "danh sách " + e.plural(.vi)
        case (.list(let e), .en): return "lists of " + e.plural(.en)
        }
    }
}

// MARK: - Builtins

/// A shape an argument or result may have.
public indirect enum TypePattern: Sendable {
    /// Values of this type (a number written as text counts as a text).
    case exactly(ExprType)
    /// A value of this type written in the form, not computed: the column
    /// of `lookup`, `row()`, `province_rule()`.
    case written(ExprType)
    /// The name of a repeat group (read as its number of items).
    case group
    case listOf(TypePattern)
    case anyOf([TypePattern])
    /// Any value, a list or not.
    case anything
    /// The signature's one type variable: every `T` stands for the same type.
    case t
}

/// What a builtin takes and gives.
public struct BuiltinSignature: Sendable {
    public var parameters: [TypePattern]
    /// The last parameter may be given any number of times (`min(a, b, …)`).
    public var variadic = false
    public var result: TypePattern
    /// What `T` may be (nil: anything).
    public var tMayBe: [ExprType]? = nil
}

extension Builtin {
    /// Every builtin's signature. No `default`: a new builtin does not
    /// compile until it is given one (and a line in docs/forms.md).
    public var signature: BuiltinSignature {
        let text = TypePattern.exactly(.text), number = TypePattern.exactly(.number)
        let date = TypePattern.exactly(.date), bool = TypePattern.exactly(.bool)
        switch self {
        case .if: return BuiltinSignature(parameters: [bool, .t, .t], result: .t)
        case .today: return BuiltinSignature(parameters: [], result: date)
        case .date: return BuiltinSignature(parameters: [text], result: date)
        case .age, .year, .month, .day: return BuiltinSignature(parameters: [date], result: number)
        case .years_between, .days_between: return BuiltinSignature(parameters: [date, date], result: number)
        case .add_days, .add_months, .add_years: return BuiltinSignature(parameters: [date, number], result: date)
        case .len: return BuiltinSignature(parameters: [.anyOf([text, .listOf(.anything)])], result: number)
        case .contains: return BuiltinSignature(parameters: [.anyOf([text, .listOf(.t)]), .t], result: bool)
        case .matches: return BuiltinSignature(parameters: [.anyOf([text, number]), text], result: bool)
        // A repeat group read by name is its number of items.
        case .count: return BuiltinSignature(parameters: [.anyOf([.listOf(.anything), number])], result: number)
        case .sum: return BuiltinSignature(parameters: [.anyOf([.listOf(number), number])], result: number)
        case .min, .max:
            return BuiltinSignature(parameters: [.anyOf([.listOf(.t), .t])], variadic: true, result: .t, tMayBe: [.number, .date, .text])
        case .coalesce: return BuiltinSignature(parameters: [.t], variadic: true, result: .t)
        case .is_empty: return BuiltinSignature(parameters: [.anything], result: bool)
        case .upper, .lower, .trim: return BuiltinSignature(parameters: [text], result: text)
        case .number: return BuiltinSignature(parameters: [.anyOf([text, number])], result: number)
        case .text: return BuiltinSignature(parameters: [.anything], result: text)
        case .id_agrees: return BuiltinSignature(parameters: [text, date, text], result: bool)
        // The condition reads the group's fields one item at a time (ExprTypeChecker.call).
        case .count_if: return BuiltinSignature(parameters: [.group, bool], result: number)
        case .unique: return BuiltinSignature(parameters: [.listOf(.anything)], result: bool)
        // A text holding a number when every value of the column is one.
        case .lookup: return BuiltinSignature(parameters: [.written(.text), .anything, .written(.text)], result: text)
        // Of a choice, its label; of a multichoice or a group's field read from outside, a list of labels.
        case .choice_label: return BuiltinSignature(parameters: [.anyOf([text, .listOf(text)])], result: .anyOf([text, .listOf(text)]))
        case .money_words: return BuiltinSignature(parameters: [number], result: text)
        case .date_words: return BuiltinSignature(parameters: [date], result: text)
        case .row: return BuiltinSignature(parameters: [.written(.text)], result: text)
        // A number when the column's values read as numbers, else a text (FormState.provinceRule).
        case .province_rule: return BuiltinSignature(parameters: [.written(.text)], result: .anyOf([number, text]))
        }
    }
}

extension BuiltinSignature {
    /// Whether `type` has the shape `pattern`, binding `T` on the way.
    func match(_ pattern: TypePattern, _ type: ExprType, _ t: inout ExprType?) -> Bool {
        if type.isUnknown { return true }
        switch pattern {
        case .anything: return true
        case .exactly(let x), .written(let x): return type.fits(x)
        case .group: return type.fits(.number)
        case .listOf(let p):
            guard case .list(let e) = type else { return false }
            return match(p, e, &t)
        case .anyOf(let ps):
            for p in ps {
                var bound = t
                if match(p, type, &bound) { t = bound; return true }
            }
            return false
        case .t:
            if let allowed = tMayBe, !allowed.contains(where: { type.fits($0) }) { return false }
            if let b = t {
                guard let u = ExprType.unify(b, type) else { return false }
                t = u
            } else {
                t = type
            }
            return true
        }
    }

    /// What a pattern wants, for messages ("a text or a list").
    static func describe(_ p: TypePattern, _ t: ExprType?, allowed: [ExprType]?, _ language: Language) -> String {
        let or = language == .vi ? " hoặc " : " or "
        switch p {
        case .exactly(let x): return x.name(language)
        case .written(let x): return x.name(language) + (language == .vi ? " viết sẵn trong biểu mẫu (trong ngoặc kép)" : " written in the form (in quotes)")
        case .group: return language == .vi ? "tên một nhóm lặp" : "the name of a repeat group"
        case .anything: return language == .vi ? "một giá trị bất kỳ" : "any value"
        case .anyOf(let ps): return ps.map { describe($0, t, allowed: allowed, language) }.joined(separator: or)
        case .listOf(.anything): return language == .vi ? "một danh sách" : "a list"
        case .listOf(.exactly(let x)): return ExprType.list(x).name(language)
        case .listOf(.t): return t.map { ExprType.list($0).name(language) } ?? (language == .vi ? "một danh sách" : "a list")
        case .listOf(let q): return (language == .vi ? "một danh sách: " : "a list of: ") + describe(q, t, allowed: allowed, language)
        case .t:
            if let t { return t.name(language) }
            if let allowed { return allowed.map { $0.name(language) }.joined(separator: or) }
            return language == .vi ? "một giá trị" : "a value"
        }
    }
}

// MARK: - Checking

/// What the whole expression must give where it stands in the form.
public enum ExprExpectation: Sendable {
    /// A yes/no condition under this key (`visible_if`, `required`, `check`).
    case condition(key: String)
    /// A value of this type under this key; `fieldType` names the field's
    /// type for the message (`compute` of a `date` field), nil for the form's
    /// `summary`.
    case value(ExprType, key: String, fieldType: String?)
}

/// Infers the type of a parsed expression, and reports the first place
/// where a value of the wrong type is used. Runs on an expression that has
/// compiled (its names and argument counts are right).
public struct ExprTypeChecker {
    /// A field as an expression reads it: its type, and the repeat group it
    /// belongs to when it is read from outside (its answers in every item).
    public struct FieldTyping {
        public var type: ExprType
        public var listOfGroup: String?

        public init(type: ExprType, listOfGroup: String? = nil) {
            self.type = type
            self.listOfGroup = listOfGroup
        }
    }

    /// The type of each field name the expression uses; the second
    /// argument is the repeat group whose items are in scope (inside
    /// `count_if(group, …)`, its name), nil for the expression's own: as
    /// `ExpressionScope.resolve` reads it.
    public var field: (_ name: String, _ group: String?) -> FieldTyping
    /// The type of `.` (the field's own value, in constraints).
    public var current: ExprType
    /// Inside the condition of `count_if(group, …)`: that group.
    var group: String?
    /// The type of a dataset column's values, `lookup('dataset', …, 'column')`;
    /// with a nil dataset, of the candidate row's in a `choice_filter`, `row('column')`.
    public var column: (_ dataset: String?, _ column: String) -> ExprType = { _, _ in .text }
    /// The type of `province_rule('column')` (a number or a text, as the
    /// column's values read); throws when the column is not there. `at` is
    /// where the call is written.
    public var provinceRule: (_ column: String, _ at: Int) throws(ExpressionError) -> ExprType = { _, _ in .any }

    public init(current: ExprType = .any, field: @escaping (_ name: String, _ group: String?) -> FieldTyping) {
        self.current = current
        self.field = field
    }

    /// A field name as read here (in the counted group's item, inside `count_if`).
    func typing(_ name: String) -> FieldTyping { field(name, group) }

    /// Checks `syntax` where `expectation` holds; `start` is the offset of
    /// its first character, where a mistake of the whole is reported.
    public func check(_ syntax: ExprSyntax, expecting expectation: ExprExpectation, start: Int) throws(ExpressionError) {
        switch expectation {
        case .condition(let key):
            try condition(syntax, near: start, role: LocalizedText(vi: "“\(key)” phải là một điều kiện có/không", en: "“\(key)” must be a yes/no condition"))
        case .value(let expected, let key, let fieldType):
            let found = try infer(syntax, near: start)
            guard !found.fits(expected) else { return }
            let must = fieldType.map { LocalizedText(vi: "“\(key)” của trường kiểu \($0) phải cho ra \(expected.name(.vi))",
                                                     en: "“\(key)” of a field of type \($0) must give \(expected.name(.en))") }
                ?? LocalizedText(vi: "“\(key)” phải cho ra \(expected.name(.vi))", en: "“\(key)” must give \(expected.name(.en))")
            var hint = LocalizedText(vi: "", en: "")
            if expected.isTextual && !found.isList { hint = LocalizedText(vi: "; dùng text(…)", en: "; use text(…)") }
            if expected == .number && found.isTextual { hint = LocalizedText(vi: "; dùng number(…)", en: "; use number(…)") }
            if expected == .number, case .list(.number) = found { hint = LocalizedText(vi: "; dùng sum(…)", en: "; use sum(…)") }
            let what = subject(syntax) ?? LocalizedText(vi: "biểu thức này", en: "this expression")
            throw ExpressionError(must.vi + "; " + what.vi + " cho ra " + found.name(.vi) + hint.vi,
                                  must.en + "; " + what.en + " gives " + found.name(.en) + hint.en, at: start)
        }
    }

    // MARK: Inference

    /// The type of `e`; `near` is the offset of the closest enclosing node
    /// that has one (literals and `not`, `-` have none).
    func infer(_ e: ExprSyntax, near: Int) throws(ExpressionError) -> ExprType {
        switch e {
        case .literal(let v):
            return Self.type(of: v)
        case .field(let name, _):
            return typing(name).type
        case .current:
            return current
        case .unary(.not, let a):
            try condition(a, near: near, role: LocalizedText(vi: "“not” cần một điều kiện có/không", en: "“not” takes a yes/no condition"))
            return .bool
        case .unary(.negate, let a):
            let t = try infer(a, near: near)
            if t == .number || t.isUnknown { return .number }
            throw operandError("-", a, t, at: Self.offset(a) ?? near)
        case .binary(let op, let a, let b, let at):
            return try binary(op, a, b, at: at)
        case .call(let name, let args, let at):
            guard let fn = Builtin(rawValue: name) else { return .any }
            return try call(fn, args, at: at)
        }
    }

    static func type(of v: ExprValue) -> ExprType {
        switch v {
        case .null: return .null
        case .bool: return .bool
        case .number: return .number
        case .date: return .date
        case .text(let s): return Double(s) != nil ? .numericText : .text
        case .list: return .list(.any)
        }
    }

    /// Where a node starts in the text, when the parser kept it.
    static func offset(_ e: ExprSyntax) -> Int? {
        switch e {
        case .field(_, let at), .current(let at), .call(_, _, let at): return at
        case .binary(_, let a, _, let at): return offset(a) ?? at
        case .unary(_, let a): return offset(a)
        case .literal: return nil
        }
    }

    private func binary(_ op: ExprBinaryOp, _ a: ExprSyntax, _ b: ExprSyntax, at: Int) throws(ExpressionError) -> ExprType {
        switch op {
        case .and, .or:
            func role() -> LocalizedText {
                LocalizedText(vi: "“\(op.rawValue)” nối các điều kiện có/không", en: "“\(op.rawValue)” joins yes/no conditions")
            }
            try condition(a, near: at, role: role())
            try condition(b, near: at, role: role())
            return .bool
        case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual:
            let l = try infer(a, near: at), r = try infer(b, near: at)
            let ordered = op != .equal && op != .notEqual
            if !(ordered ? Self.orderable(l, r) : Self.equatable(l, r)) {
                throw comparisonError(op, a, l, b, r, at: at)
            }
            return .bool
        case .add, .subtract, .multiply, .divide, .remainder:
            let l = try infer(a, near: at), r = try infer(b, near: at)
            return try arithmetic(op, a, l, b, r, at: at)
        }
    }

    static func equatable(_ l: ExprType, _ r: ExprType) -> Bool {
        if l.isUnknown || r.isUnknown { return true }
        switch (l, r) {
        case let (.list(x), .list(y)): return equatable(x, y)
        case (.list, _), (_, .list): return false
        default:
            return unify(l, r) != nil
        }
    }

    private static func unify(_ l: ExprType, _ r: ExprType) -> ExprType? { ExprType.unify(l, r) }

    static func orderable(_ l: ExprType, _ r: ExprType) -> Bool {
        if l.isList || r.isList || l == .bool || r == .bool { return false }
        if l.isUnknown || r.isUnknown { return true }
        return unify(l, r) != nil
    }

    private func arithmetic(_ op: ExprBinaryOp, _ a: ExprSyntax, _ l: ExprType, _ b: ExprSyntax, _ r: ExprType, at: Int) throws(ExpressionError) -> ExprType {
        // A list where one value is wanted: the operand at fault.
        for (e, t) in [(a, l), (b, r)] where t.isList {
            throw operandError(op.rawValue, e, t, at: Self.offset(e) ?? at)
        }
        let sym = op.rawValue
        switch op {
        case .add:
            switch (l, r) {
            case (.number, .number), (.number, .null), (.null, .number): return .number
            case (.date, .number), (.number, .date), (.date, .null), (.null, .date): return .date
            case (.numericText, .number), (.number, .numericText), (.numericText, .numericText):
                // `copies + 1` with a choice `copies` joins "2" and "1".
                let (e, t) = l == .numericText ? (a, l) : (b, r)
                let name = subject(e) ?? LocalizedText(vi: "một vế", en: "one side")
                let fix = code(e) ?? "…"
                throw ExpressionError("“+” nối văn bản: \(name.vi) là \(t.name(.vi)) chứa một số (như giá trị của một lựa chọn) nên “+” sẽ ghép chữ, không cộng; dùng number(\(fix))",
                                      "“+” joins texts: \(name.en) is \(t.name(.en)) holding a number (like a choice's value), so “+” would join, not add; use number(\(fix))",
                                      at: Self.offset(e) ?? at)
            case _ where l.isTextual || r.isTextual:
                for (e, t) in [(a, l), (b, r)] where t == .bool { throw operandError(sym, e, t, at: Self.offset(e) ?? at) }
                return .text
            case _ where l.isUnknown && r.isUnknown: return .any
            case (.any, _): return r
            case (_, .any): return l
            default: break
            }
        case .subtract:
            switch (l, r) {
            case (.number, .number), (.number, .null), (.null, .number), (.date, .date): return .number
            case (.date, .number), (.date, .null): return .date
            case (.null, .date): return .any
            case _ where l.isUnknown && r.isUnknown: return .any
            case (.any, _), (_, .any): return (l == .date || r == .date) ? .any : .number
            default: break
            }
        default:
            if (l == .number || l.isUnknown) && (r == .number || r.isUnknown) { return .number }
        }
        // The operand at fault: the first that is no number (or date, for + and -).
        func fits(_ t: ExprType) -> Bool {
            t == .number || t.isUnknown || ((op == .add || op == .subtract) && t == .date)
        }
        let (e, t) = fits(l) ? (b, r) : (a, l)
        throw operandError(sym, e, t, at: Self.offset(e) ?? at)
    }

    private func call(_ fn: Builtin, _ args: [ExprSyntax], at: Int) throws(ExpressionError) -> ExprType {
        // The condition of count_if reads the counted group's fields in each
        // of its items (one value each), as the compiler resolves them. The
        // compiler has made sure the first argument names a repeat group.
        if fn == .count_if, args.count == 2, case .field(let name, _) = args[0] {
            var inner = self
            inner.group = name
            try inner.condition(args[1], near: at, role: LocalizedText(vi: "count_if() cần một điều kiện có/không ở đối số thứ 2",
                                                                       en: "count_if() takes a yes/no condition as its 2nd argument"))
            return .number
        }
        let sig = fn.signature
        var t: ExprType? = nil
        for (i, arg) in args.enumerated() {
            guard let pattern = i < sig.parameters.count ? sig.parameters[i] : (sig.variadic ? sig.parameters.last : nil) else { break }
            let place = Self.offset(arg) ?? at
            if case .exactly(.bool) = pattern {
                try condition(arg, near: at, role: LocalizedText(vi: "\(fn.rawValue)() cần một điều kiện có/không ở đối số thứ \(i + 1)",
                                                                 en: "\(fn.rawValue)() takes a yes/no condition as its \(Self.ordinal(i + 1)) argument"))
                continue
            }
            let type = try infer(arg, near: at)
            var bound = t
            // A column's name must be written in the form, not computed.
            var computed = false
            if case .written = pattern, !Self.isLiteral(arg) { computed = true }
            guard !computed, sig.match(pattern, type, &bound) else {
                let want = LocalizedText(vi: BuiltinSignature.describe(pattern, t, allowed: sig.tMayBe, .vi),
                                         en: BuiltinSignature.describe(pattern, t, allowed: sig.tMayBe, .en))
                let found = self.found(arg, type)
                throw ExpressionError("\(fn.rawValue)() cần \(want.vi) ở đối số thứ \(i + 1); \(found.vi)\(listHint(arg, type).vi)",
                                      "\(fn.rawValue)() takes \(want.en) as its \(Self.ordinal(i + 1)) argument; \(found.en)\(listHint(arg, type).en)", at: place)
            }
            t = bound
        }
        func literal(_ i: Int) -> String? {
            if i < args.count, case .literal(.text(let s)) = args[i] { return s }
            return nil
        }
        switch fn {
        case .choice_label:
            guard let arg = args.first else { return .text }
            return try infer(arg, near: at).isList ? .list(.text) : .text
        case .lookup:
            guard let dataset = literal(0), let column = literal(2) else { return .text }
            return self.column(dataset, column)
        case .row:
            return literal(0).map { self.column(nil, $0) } ?? .text
        case .province_rule:
            return try literal(0).map { c throws(ExpressionError) in try provinceRule(c, at) } ?? .any
        default: break
        }
        switch sig.result {
        case .exactly(let x): return x
        case .t: return t ?? .null
        default: return .any
        }
    }

    // MARK: Conditions

    /// `e` must be a yes/no condition: anything else is never true.
    private func condition(_ e: ExprSyntax, near: Int, role makeRole: @autoclosure () -> LocalizedText) throws(ExpressionError) {
        let t = try infer(e, near: near)
        if t == .bool || t == .any { return }
        // The words are made only for a message: most conditions are right.
        let role = makeRole()
        let found = t == .null ? LocalizedText("null") : self.found(e, t)
        let never = t == .null ? LocalizedText(vi: " không bao giờ đúng", en: " is never true")
            : LocalizedText(vi: ": \(t.isList ? "một danh sách" : t.name(.vi)) không bao giờ đúng", en: ": \(t.isList ? "a list" : t.name(.en)) is never true")
        var hint = LocalizedText(vi: "", en: "")
        if let name = code(e).map(LocalizedText.init), Self.isNamed(e) {
            switch t {
            case .list: hint = LocalizedText(vi: "; ví dụ viết count(\(name.vi)) > 0 hoặc contains(\(name.vi), …)",
                                             en: "; write e.g. count(\(name.en)) > 0 or contains(\(name.en), …)")
            case .number: hint = LocalizedText(vi: "; ví dụ viết \(name.vi) > 0", en: "; write e.g. \(name.en) > 0")
            case .text, .numericText, .date:
                hint = LocalizedText(vi: "; ví dụ viết not is_empty(\(name.vi))", en: "; write e.g. not is_empty(\(name.en))")
            default: break
            }
        }
        throw ExpressionError(role.vi + "; " + found.vi + never.vi + hint.vi, role.en + "; " + found.en + never.en + hint.en,
                              at: Self.offset(e) ?? near)
    }

    // MARK: Messages

    /// How a message names an operand: a field's name, `.`, a literal, a
    /// call; nil for an operation.
    func subject(_ e: ExprSyntax) -> LocalizedText? {
        switch e {
        case .field(let name, _): return LocalizedText(name)
        case .current: return LocalizedText("“.”")
        case .call(let name, let args, _): return LocalizedText(args.isEmpty ? "\(name)()" : "\(name)(…)")
        case .literal(let v):
            switch v {
            case .text(let s): return LocalizedText("'\(s)'")
            case .null: return LocalizedText("null")
            case .bool(let b): return LocalizedText(b ? "true" : "false")
            default: return LocalizedText(v.description)
            }
        default: return nil
        }
    }

    /// An operand as it is written, for a suggestion: a field's name, `.`, a literal.
    func code(_ e: ExprSyntax) -> String? {
        if case .current = e { return "." }
        if case .call = e { return nil }
        return subject(e)?.en
    }

    static func isLiteral(_ e: ExprSyntax) -> Bool {
        if case .literal = e { return true }
        return false
    }

    static func isNamed(_ e: ExprSyntax) -> Bool {
        switch e {
        case .field, .current: return true
        default: return false
        }
    }

    /// "owner_name is a text", "member_name is a list of texts (the answers
    /// of every item of the repeat group “members”, read from outside it)".
    func found(_ e: ExprSyntax, _ t: ExprType) -> LocalizedText {
        let name = subject(e) ?? LocalizedText(vi: "giá trị này", en: "this value")
        var text = LocalizedText(vi: "\(name.vi) là \(t.name(.vi))", en: "\(name.en) is \(t.name(.en))")
        if case .field(let id, _) = e, let group = typing(id).listOfGroup {
            text.vi += " (câu trả lời của mọi mục trong nhóm lặp “\(group)”, vì đọc từ ngoài nhóm)"
            text.en += " (the answers of every item of the repeat group “\(group)”, read from outside it)"
        }
        return text
    }

    /// What to use instead of a list where one value is wanted.
    func listHint(_ e: ExprSyntax, _ t: ExprType) -> LocalizedText {
        guard case .list(let element) = t, let name = code(e).map(LocalizedText.init) else { return LocalizedText(vi: "", en: "") }
        if element == .number {
            return LocalizedText(vi: "; dùng sum(\(name.vi)), min(…), max(…) hoặc count(…)", en: "; use sum(\(name.en)), min(…), max(…) or count(…)")
        }
        return LocalizedText(vi: "; dùng contains(\(name.vi), …) hoặc count(\(name.vi))", en: "; use contains(\(name.en), …) or count(\(name.en))")
    }

    /// `op` does not take `e`, which is a `t`.
    private func operandError(_ op: String, _ e: ExprSyntax, _ t: ExprType, at: Int) -> ExpressionError {
        let found = self.found(e, t)
        let want: LocalizedText
        switch op {
        case "+": want = LocalizedText(vi: "“+” cộng số (hoặc ngày với số) hay nối văn bản", en: "“+” adds numbers (or days to a date) or joins texts")
        case "-": want = LocalizedText(vi: "“-” cần số (hoặc ngày)", en: "“-” takes numbers (or dates)")
        default: want = LocalizedText(vi: "“\(op)” cần số", en: "“\(op)” takes numbers")
        }
        var hint = listHint(e, t)
        if t.isTextual, let name = code(e).map(LocalizedText.init), Self.isNamed(e) {
            hint = LocalizedText(vi: "; nếu văn bản là một số, dùng number(\(name.vi))", en: "; if the text holds a number, use number(\(name.en))")
        }
        return ExpressionError(want.vi + "; " + found.vi + hint.vi, want.en + "; " + found.en + hint.en, at: at)
    }

    private func comparisonError(_ op: ExprBinaryOp, _ a: ExprSyntax, _ l: ExprType, _ b: ExprSyntax, _ r: ExprType, at: Int) -> ExpressionError {
        let sym = op.rawValue
        let equality = op == .equal || op == .notEqual
        var vi = "“\(sym)” so sánh \(l.name(.vi)) với \(r.name(.vi)): luôn sai"
        var en = "“\(sym)” compares \(l.name(.en)) with \(r.name(.en)), which is always false"
        if !equality && (l == .bool || r == .bool || (l.isList && r.isList)) {
            let what = l == .bool || r == .bool ? LocalizedText(vi: "giá trị có/không", en: "yes/no values") : LocalizedText(vi: "danh sách", en: "lists")
            vi = "“\(sym)” không xếp thứ tự \(what.vi) được: luôn sai"
            en = "“\(sym)” cannot order \(what.en), so it is always false"
        }
        var hint = LocalizedText(vi: "; \(found(a, l).vi); \(found(b, r).vi)", en: "; \(found(a, l).en); \(found(b, r).en)")
        if l.isList != r.isList {
            // One answer compared with the answers of every item.
            let (e, t, other) = l.isList ? (a, l, b) : (b, r, a)
            hint = LocalizedText(vi: "; " + found(e, t).vi, en: "; " + found(e, t).en)
            if let name = code(e).map(LocalizedText.init) {
                if equality {
                    let neg = op == .notEqual ? "not " : ""
                    let value = code(other) ?? "…"
                    hint.vi += "; dùng \(neg)contains(\(name.vi), \(value))"
                    hint.en += "; use \(neg)contains(\(name.en), \(value))"
                } else {
                    let h = listHint(e, t)
                    hint.vi += h.vi
                    hint.en += h.en
                }
            }
        } else if l == .date && r == .number, let d = code(a), let n = code(b) {
            hint = LocalizedText(vi: "; để so sánh năm, viết year(\(d)) \(sym) \(n), hoặc so với một ngày: date('yyyy-mm-dd')",
                                 en: "; to compare the year, write year(\(d)) \(sym) \(n), or compare with a date: date('yyyy-mm-dd')")
        } else if (l == .date && r == .number) || (l == .number && r == .date) {
            hint = LocalizedText(vi: "; so sánh year(…) với số, hoặc ngày với date('yyyy-mm-dd')",
                                 en: "; compare year(…) with the number, or the date with date('yyyy-mm-dd')")
        } else if (l.isTextual && r == .number) || (l == .number && r.isTextual) {
            let e = l.isTextual ? a : b
            if let name = code(e).map(LocalizedText.init), Self.isNamed(e) {
                hint = LocalizedText(vi: "; \(name.vi) là văn bản; nếu nó chứa một số, dùng number(\(name.vi))",
                                     en: "; \(name.en) is a text; if it holds a number, use number(\(name.en))")
            }
        }
        return ExpressionError(vi + hint.vi, en + hint.en, at: at)
    }

    static func ordinal(_ n: Int) -> String {
        switch n {
        case 1: return "1st"
        case 2: return "2nd"
        case 3: return "3rd"
        default: return "\(n)th"
        }
    }
}

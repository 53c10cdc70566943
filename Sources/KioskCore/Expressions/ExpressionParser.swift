/// The syntax tree of an expression, before its field names are resolved.
/// `offset` values are positions (in Unicode scalars, 0-based) in the source
/// text, turned into file line and column by the form loader.
public indirect enum ExprSyntax: Sendable, Equatable {
    case literal(ExprValue)
    case field(String, offset: Int)
    case current(offset: Int)
    case unary(ExprUnaryOp, ExprSyntax)
    case binary(ExprBinaryOp, ExprSyntax, ExprSyntax, offset: Int)
    case call(String, [ExprSyntax], offset: Int)

    /// Every field name used, with where it stands.
    public var fieldNames: [(String, Int)] {
        var out: [(String, Int)] = []
        func walk(_ e: ExprSyntax) {
            switch e {
            case .field(let name, let offset): out.append((name, offset))
            case .unary(_, let a): walk(a)
            case .binary(_, let a, let b, _): walk(a); walk(b)
            case .call(_, let args, _): args.forEach(walk)
            case .literal, .current: break
            }
        }
        walk(self)
        return out
    }

    public static func == (a: ExprSyntax, b: ExprSyntax) -> Bool {
        switch (a, b) {
        case let (.literal(x), .literal(y)): return x == y
        case let (.field(x, _), .field(y, _)): return x == y
        case (.current, .current): return true
        case let (.unary(o1, x), .unary(o2, y)): return o1 == o2 && x == y
        case let (.binary(o1, x1, y1, _), .binary(o2, x2, y2, _)): return o1 == o2 && x1 == x2 && y1 == y2
        case let (.call(n1, a1, _), .call(n2, a2, _)): return n1 == n2 && a1 == a2
        default: return false
        }
    }
}

public enum ExprUnaryOp: Sendable, Equatable { case not, negate }

public enum ExprBinaryOp: String, Sendable, Equatable {
    case or, and
    case equal = "=", notEqual = "!=", less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="
    case add = "+", subtract = "-", multiply = "*", divide = "/", remainder = "%"
}

/// A mistake in an expression, at a scalar offset in its text.
public struct ExpressionError: Error, Sendable, Equatable {
    public var message: LocalizedText
    public var offset: Int

    public init(_ vi: String, _ en: String, at offset: Int) {
        self.message = LocalizedText(vi: vi, en: en)
        self.offset = offset
    }
}

/// Recursive-descent parser for the form expression language (see
/// docs/forms.md). Precedence, loosest first: or, and, not, comparison,
/// + -, * / %, unary minus.
public struct ExpressionParser {
    private enum Tok: Equatable {
        case ident(String), number(Double), string(String), op(String), dot, lparen, rparen, comma, end
    }

    private var toks: [(Tok, Int)] = []
    private var pos = 0
    /// Expressions longer than this are refused: a form never needs one, and
    /// the recursion must stay bounded whatever a file holds.
    public static let maxLength = 4000
    private static let maxDepth = 100
    private var depth = 0

    public static func parse(_ source: String) throws(ExpressionError) -> ExprSyntax {
        var p = ExpressionParser()
        try p.tokenize(Array(source.unicodeScalars))
        guard p.toks.count > 1 else { throw ExpressionError("biểu thức trống", "empty expression", at: 0) }
        let e = try p.parseOr()
        guard case .end = p.peek else {
            throw ExpressionError("thừa “\(p.describe(p.peek))” sau biểu thức", "unexpected “\(p.describe(p.peek))” after the expression", at: p.offset)
        }
        return e
    }

    private var peek: Tok { toks[pos].0 }
    private var offset: Int { toks[pos].1 }

    private func describe(_ t: Tok) -> String {
        switch t {
        case .ident(let s): return s
        case .number(let n): return ExprValue.format(n)
        case .string(let s): return "'\(s)'"
        case .op(let s): return s
        case .dot: return "."
        case .lparen: return "("
        case .rparen: return ")"
        case .comma: return ","
        case .end: return "end"
        }
    }

    private mutating func tokenize(_ s: [Unicode.Scalar]) throws(ExpressionError) {
        guard s.count <= Self.maxLength else {
            throw ExpressionError("biểu thức quá dài (quá \(Self.maxLength) ký tự)", "expression too long (over \(Self.maxLength) characters)", at: 0)
        }
        var i = 0
        func isIdentStart(_ c: Unicode.Scalar) -> Bool { c.isASCII && (c.properties.isAlphabetic || c == "_") }
        func isIdentChar(_ c: Unicode.Scalar) -> Bool { c.isASCII && (c.properties.isAlphabetic || c == "_" || ("0"..."9").contains(c)) }
        while i < s.count {
            let c = s[i]
            let start = i
            switch c {
            case " ", "\t", "\n", "\r":
                i += 1
            case "(":
                toks.append((.lparen, start)); i += 1
            case ")":
                toks.append((.rparen, start)); i += 1
            case ",":
                toks.append((.comma, start)); i += 1
            case "+", "-", "*", "/", "%":
                toks.append((.op(String(c)), start)); i += 1
            case "=":
                // `==` is accepted too: people who know other languages type it.
                i += (i + 1 < s.count && s[i + 1] == "=") ? 2 : 1
                toks.append((.op("="), start))
            case "!":
                guard i + 1 < s.count, s[i + 1] == "=" else {
                    throw ExpressionError("dùng “not” thay cho “!”", "use “not” instead of “!”", at: start)
                }
                toks.append((.op("!="), start)); i += 2
            case "<", ">":
                if i + 1 < s.count, s[i + 1] == "=" {
                    toks.append((.op(String(c) + "="), start)); i += 2
                } else if c == "<", i + 1 < s.count, s[i + 1] == ">" {
                    toks.append((.op("!="), start)); i += 2
                } else {
                    toks.append((.op(String(c)), start)); i += 1
                }
            case "&", "|":
                let word = c == "&" ? "and" : "or"
                throw ExpressionError("dùng “\(word)” thay cho “\(c)”", "use “\(word)” instead of “\(c)”", at: start)
            case "'", "\"":
                var text = String.UnicodeScalarView()
                i += 1
                while true {
                    guard i < s.count else {
                        throw ExpressionError("thiếu dấu \(c) đóng chuỗi", "text not closed: missing \(c)", at: start)
                    }
                    if s[i] == c {
                        // A doubled quote stands for one quote inside the text.
                        if i + 1 < s.count, s[i + 1] == c { text.append(c); i += 2; continue }
                        i += 1
                        break
                    }
                    text.append(s[i]); i += 1
                }
                toks.append((.string(VietnameseText.normalize(String(text))), start))
            case "0"..."9":
                while i < s.count, ("0"..."9").contains(s[i]) { i += 1 }
                if i + 1 < s.count, s[i] == ".", ("0"..."9").contains(s[i + 1]) {
                    i += 1
                    while i < s.count, ("0"..."9").contains(s[i]) { i += 1 }
                }
                if i < s.count, isIdentStart(s[i]) {
                    throw ExpressionError("số viết sai", "malformed number", at: start)
                }
                var digits = ""
                digits.unicodeScalars.append(contentsOf: s[start..<i])
                toks.append((.number(Double(digits)!), start))
            case ".":
                if i + 1 < s.count, ("0"..."9").contains(s[i + 1]) {
                    throw ExpressionError("viết số thập phân có số 0 ở trước: 0.5", "write decimals with a leading zero: 0.5", at: start)
                }
                toks.append((.dot, start)); i += 1
            default:
                guard isIdentStart(c) else {
                    throw ExpressionError("ký tự không dùng được trong biểu thức: “\(c)”", "character not allowed in an expression: “\(c)”", at: start)
                }
                while i < s.count, isIdentChar(s[i]) { i += 1 }
                var word = ""
                word.unicodeScalars.append(contentsOf: s[start..<i])
                toks.append((.ident(word), start))
            }
        }
        toks.append((.end, s.count))
    }

    private mutating func nest() throws(ExpressionError) {
        depth += 1
        if depth > Self.maxDepth {
            throw ExpressionError("biểu thức lồng nhau quá sâu", "expression nested too deeply", at: offset)
        }
    }

    private mutating func parseOr() throws(ExpressionError) -> ExprSyntax {
        try nest(); defer { depth -= 1 }
        var left = try parseAnd()
        while case .ident("or") = peek {
            let at = offset
            pos += 1
            left = .binary(.or, left, try parseAnd(), offset: at)
        }
        return left
    }

    private mutating func parseAnd() throws(ExpressionError) -> ExprSyntax {
        var left = try parseNot()
        while case .ident("and") = peek {
            let at = offset
            pos += 1
            left = .binary(.and, left, try parseNot(), offset: at)
        }
        return left
    }

    private mutating func parseNot() throws(ExpressionError) -> ExprSyntax {
        if case .ident("not") = peek {
            try nest(); defer { depth -= 1 }
            pos += 1
            return .unary(.not, try parseNot())
        }
        return try parseComparison()
    }

    private mutating func parseComparison() throws(ExpressionError) -> ExprSyntax {
        let left = try parseAdditive()
        if case .op(let o) = peek, let op = ExprBinaryOp(rawValue: o),
           [.equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual].contains(op) {
            let at = offset
            pos += 1
            let right = try parseAdditive()
            if case .op(let o2) = peek, let op2 = ExprBinaryOp(rawValue: o2),
               [.equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual].contains(op2) {
                throw ExpressionError("không so sánh nối tiếp được; dùng “and”: a < b and b < c",
                                      "comparisons cannot be chained; use “and”: a < b and b < c", at: offset)
            }
            return .binary(op, left, right, offset: at)
        }
        return left
    }

    private mutating func parseAdditive() throws(ExpressionError) -> ExprSyntax {
        var left = try parseMultiplicative()
        while case .op(let o) = peek, o == "+" || o == "-" {
            let at = offset
            pos += 1
            left = .binary(o == "+" ? .add : .subtract, left, try parseMultiplicative(), offset: at)
        }
        return left
    }

    private mutating func parseMultiplicative() throws(ExpressionError) -> ExprSyntax {
        var left = try parseUnary()
        while case .op(let o) = peek, o == "*" || o == "/" || o == "%" {
            let at = offset
            pos += 1
            left = .binary(ExprBinaryOp(rawValue: o)!, left, try parseUnary(), offset: at)
        }
        return left
    }

    private mutating func parseUnary() throws(ExpressionError) -> ExprSyntax {
        if case .op("-") = peek {
            try nest(); defer { depth -= 1 }
            pos += 1
            return .unary(.negate, try parseUnary())
        }
        return try parsePrimary()
    }

    private static let keywords: Set<String> = ["and", "or", "not"]

    private mutating func parsePrimary() throws(ExpressionError) -> ExprSyntax {
        let at = offset
        switch peek {
        case .number(let n):
            pos += 1
            return .literal(.number(n))
        case .string(let s):
            pos += 1
            return .literal(.text(s))
        case .dot:
            pos += 1
            return .current(offset: at)
        case .lparen:
            pos += 1
            let e = try parseOr()
            guard case .rparen = peek else {
                throw ExpressionError("thiếu dấu ) đóng ngoặc mở ở vị trí \(at + 1)", "missing ) to close the ( at position \(at + 1)", at: offset)
            }
            pos += 1
            return e
        case .ident(let name):
            if Self.keywords.contains(name) {
                throw ExpressionError("thiếu giá trị trước “\(name)”", "a value is missing before “\(name)”", at: at)
            }
            pos += 1
            switch name {
            case "true": return .literal(.bool(true))
            case "false": return .literal(.bool(false))
            case "null": return .literal(.null)
            default: break
            }
            guard case .lparen = peek else { return .field(name, offset: at) }
            pos += 1
            var args: [ExprSyntax] = []
            if case .rparen = peek {
                pos += 1
                return .call(name, args, offset: at)
            }
            while true {
                args.append(try parseOr())
                if case .comma = peek { pos += 1; continue }
                if case .rparen = peek { pos += 1; break }
                throw ExpressionError("cần dấu , hoặc ) trong lời gọi \(name)(…)", "expected , or ) in the call to \(name)(…)", at: offset)
            }
            return .call(name, args, offset: at)
        case .end:
            throw ExpressionError("biểu thức kết thúc khi còn thiếu một giá trị", "the expression ends where a value is expected", at: at)
        default:
            throw ExpressionError("cần một giá trị ở đây, không phải “\(describe(peek))”", "expected a value here, not “\(describe(peek))”", at: at)
        }
    }
}

/// A label, help or note text with `${expression}` parts: "Bằng chữ:
/// ${money_words(capital)}". The expressions are compiled when the form is
/// loaded; the text is built from the answers each time it is shown, an
/// empty answer (null) giving an empty string.
public struct TextTemplate: Sendable {
    public enum Part: Sendable {
        case text(String)
        case expression(CompiledExpr)
    }

    public var vi: [Part]
    public var en: [Part]

    /// The text with the answers of `context` (item `item` of a group, and
    /// `subItem` of a group inside it).
    public func render<C: ExpressionContext>(_ context: C, item: Int?, subItem: Int? = nil) -> LocalizedText {
        func build(_ parts: [Part]) -> String {
            var out = ""
            for part in parts {
                switch part {
                case .text(let s): out += s
                case .expression(let e): out += Self.text(of: e.evaluate(context, item: item, subItem: subItem))
                }
            }
            return out
        }
        let vi = Self.tidy(build(vi))
        return LocalizedText(vi: vi, en: en.isEmpty ? vi : Self.tidy(build(en)))
    }

    /// A text as it reads after its `${…}` parts are filled: an empty part
    /// leaves no doubled space, no space at either end and none before a
    /// comma, colon or full stop ("Nơi cư trú ${…}" with nothing → "Nơi cư trú").
    public static func tidy(_ s: String) -> String {
        guard s.contains(" ") else { return s }
        var out = ""
        for ch in s {
            if ch == " " && (out.isEmpty || out.last == " ") { continue }
            if ",.:;)".contains(ch) && out.last == " " { out.removeLast() }
            out.append(ch)
        }
        if out.last == " " { out.removeLast() }
        return out
    }

    /// A text with its `${…}` parts left out, for where there are no answers
    /// to fill them from (a field of an older version of the form).
    public static func withoutExpressions(_ text: LocalizedText) -> LocalizedText {
        func strip(_ s: String) -> String {
            guard case .success(let parts)? = split(s) else { return s }
            return tidy(parts.compactMap(\.text).joined())
        }
        return LocalizedText(vi: strip(text.vi), en: strip(text.en))
    }

    /// How a value reads inside a sentence: a list's values separated by
    /// commas, yes/no in words, nothing for an empty answer.
    static func text(of value: ExprValue) -> String {
        switch value {
        case .null: return ""
        case .bool(let b): return b ? "có" : "không"
        case .list(let l): return l.filter { !$0.isEmpty }.map { text(of: $0) }.joined(separator: ", ")
        default: return value.description
        }
    }

    /// Whether `source` has a `${`, by its bytes: every label of every form
    /// is asked at load, and Foundation's `contains` goes through NSString.
    static func holdsExpression(_ source: String) -> Bool {
        var dollar = false
        for b in source.utf8 {
            if dollar && b == UInt8(ascii: "{") { return true }
            dollar = b == UInt8(ascii: "$")
        }
        return false
    }

    /// The pieces of `source`: texts, and expression sources with their
    /// offset (in Unicode scalars) in `source`; nil when there is no `${`.
    /// An expression ends at the first `}` outside quotes. A `${` without
    /// its `}` is an error at the `${`.
    static func split(_ source: String) -> Result<[(text: String?, expression: (source: String, offset: Int)?)], ExpressionError>? {
        guard holdsExpression(source) else { return nil }
        let s = Array(source.unicodeScalars)
        var out: [(text: String?, expression: (source: String, offset: Int)?)] = []
        var text = String.UnicodeScalarView()
        var i = 0
        while i < s.count {
            if s[i] == "$", i + 1 < s.count, s[i + 1] == "{" {
                let start = i + 2
                var j = start
                var quote: Unicode.Scalar?
                while j < s.count {
                    if let q = quote {
                        if s[j] == q { quote = nil }
                    } else if s[j] == "'" || s[j] == "\"" {
                        quote = s[j]
                    } else if s[j] == "}" {
                        break
                    }
                    j += 1
                }
                guard j < s.count else {
                    return .failure(ExpressionError("thiếu dấu } đóng ${", "missing } to close ${", at: i))
                }
                if !text.isEmpty { out.append((String(text), nil)); text = String.UnicodeScalarView() }
                var expression = String.UnicodeScalarView()
                expression.append(contentsOf: s[start..<j])
                out.append((nil, (String(expression), start)))
                i = j + 1
            } else {
                text.append(s[i])
                i += 1
            }
        }
        if !text.isEmpty { out.append((String(text), nil)) }
        return .success(out)
    }
}

/// A position in a source file, 1-based, counted in Unicode scalars so that a
/// line with Vietnamese text points at the column an editor shows.
public struct SourceLocation: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.line, a.column) < (b.line, b.column)
    }

    public var description: String { "\(line):\(column)" }
}

extension SourceLocation {
    /// Where the first byte that is not valid UTF-8 stands in `bytes` (its
    /// line counts the newlines before it, its column the scalars since the
    /// line began; a leading byte order mark takes no column), or nil when
    /// every byte is valid. Text files are checked whole before they are
    /// read, and the message must still name the line to fix.
    public static func firstInvalidUTF8(in bytes: [UInt8]) -> SourceLocation? {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var location = SourceLocation(line: 1, column: 1)
        var first = true
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                defer { first = false }
                if scalar == "\n" {
                    location.line += 1
                    location.column = 1
                } else if !(first && scalar == "\u{FEFF}") {
                    location.column += 1
                }
            case .emptyInput:
                return nil
            case .error:
                return location
            }
        }
    }
}

/// A JSON value that remembers where it stood in its file. Form files are
/// written by hand, so every later error (an unknown field type, a reference
/// to a missing field) must point at the line and column of its cause;
/// Foundation's JSONSerialization forgets positions, hence this small parser.
public indirect enum SourceJSON: Sendable {
    case null(SourceLocation)
    case bool(Bool, SourceLocation)
    case number(Double, SourceLocation)
    /// `contentStart` is the location of the first character inside the quotes,
    /// used to place errors inside expressions; `escaped` tells whether the
    /// raw text had escapes (then columns inside the string are approximate).
    case string(String, SourceLocation, contentStart: SourceLocation, escaped: Bool)
    case array([SourceJSON], SourceLocation)
    case object([(key: String, keyLocation: SourceLocation, value: SourceJSON)], SourceLocation)

    public var location: SourceLocation {
        switch self {
        case .null(let l), .bool(_, let l), .number(_, let l), .array(_, let l), .object(_, let l):
            return l
        case .string(_, let l, _, _):
            return l
        }
    }

    /// What kind of value this is, for messages ("a list"; "một danh sách").
    public func typeName(_ language: Language) -> String {
        guard language == .vi else { return typeName }
        switch self {
        case .null: return "null"
        case .bool: return "true/false"
        case .number: return "một số"
        case .string: return "một chuỗi"
        case .array: return "một danh sách"
        case .object: return "một đối tượng"
        }
    }

    public var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "true/false"
        case .number: return "a number"
        case .string: return "a text"
        case .array: return "a list"
        case .object: return "an object"
        }
    }

    public var stringValue: String? {
        if case .string(let s, _, _, _) = self { return s }
        return nil
    }

    /// The value of `key` in an object (the last one wins, as in JSON.parse;
    /// duplicates are reported by the form loader).
    public subscript(key: String) -> SourceJSON? {
        guard case .object(let members, _) = self else { return nil }
        return members.last(where: { $0.key == key })?.value
    }
}

public struct SourceJSONError: Error, Sendable, CustomStringConvertible {
    /// What is wrong, in both languages.
    public var localized: LocalizedText
    public var location: SourceLocation
    /// What is wrong, in English.
    public var message: String { localized.en }
    public var description: String { "\(location): \(message)" }
}

/// Parses RFC 8259 JSON from UTF-8 bytes. Invalid UTF-8, control characters in
/// strings, trailing commas, deep nesting and trailing garbage are errors with
/// a location, never a crash.
public struct SourceJSONParser {
    /// Nesting deeper than this is refused (a form never needs it; a fuzzer does).
    public static let maxDepth = 64

    private let bytes: [UInt8]
    private var index = 0
    private var line = 1
    private var column = 1
    private var depth = 0

    public static func parse(_ data: [UInt8]) throws(SourceJSONError) -> SourceJSON {
        var parser = SourceJSONParser(bytes: data)
        return try parser.parseDocument()
    }

    private init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    private var here: SourceLocation { SourceLocation(line: line, column: column) }

    private func fail(_ vi: String, _ en: String, at location: SourceLocation? = nil) -> SourceJSONError {
        SourceJSONError(localized: LocalizedText(vi: vi, en: en), location: location ?? here)
    }

    private mutating func parseDocument() throws(SourceJSONError) -> SourceJSON {
        // A UTF-8 byte order mark is tolerated (spreadsheet and Windows editors add it).
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
        skipWhitespace()
        if index >= bytes.count { throw fail("tệp trống; biểu mẫu là một đối tượng JSON", "the file is empty; a form is a JSON object") }
        let value = try parseValue()
        skipWhitespace()
        if index < bytes.count { throw fail("còn chữ thừa sau khi giá trị JSON đã kết thúc", "unexpected text after the end of the JSON value") }
        return value
    }

    /// Advances one byte, keeping line and column (columns count scalars, so
    /// UTF-8 continuation bytes do not move the column).
    private mutating func advance() {
        let b = bytes[index]
        index += 1
        if b == 0x0A {
            line += 1
            column = 1
        } else if b & 0xC0 != 0x80 {
            column += 1
        }
    }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: advance()
            default: return
            }
        }
    }

    private mutating func parseValue() throws(SourceJSONError) -> SourceJSON {
        guard index < bytes.count else { throw fail("tệp kết thúc bất ngờ", "unexpected end of file") }
        let start = here
        switch bytes[index] {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""):
            let (s, contentStart, escaped) = try parseString()
            return .string(s, start, contentStart: contentStart, escaped: escaped)
        case UInt8(ascii: "t"): try expectWord("true"); return .bool(true, start)
        case UInt8(ascii: "f"): try expectWord("false"); return .bool(false, start)
        case UInt8(ascii: "n"): try expectWord("null"); return .null(start)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
        case UInt8(ascii: "'"): throw fail("trong JSON, chuỗi phải đặt trong ngoặc kép \"…\"", "texts must be in double quotes \"…\" in JSON")
        default: throw fail("cần một giá trị (chuỗi, số, đối tượng, danh sách, true, false hoặc null)", "expected a value (text, number, object, list, true, false or null)")
        }
    }

    private mutating func expectWord(_ word: String) throws(SourceJSONError) {
        let start = here
        for b in word.utf8 {
            guard index < bytes.count, bytes[index] == b else {
                throw fail("từ không hợp lệ; cần \(word)", "unknown word; expected \(word)", at: start)
            }
            advance()
        }
    }

    private mutating func enter() throws(SourceJSONError) {
        depth += 1
        if depth > Self.maxDepth { throw fail("lồng nhau quá sâu (quá \(Self.maxDepth) tầng)", "nested too deeply (more than \(Self.maxDepth) levels)") }
    }

    private mutating func parseObject() throws(SourceJSONError) -> SourceJSON {
        let start = here
        try enter()
        advance() // {
        var members: [(key: String, keyLocation: SourceLocation, value: SourceJSON)] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            advance()
            depth -= 1
            return .object(members, start)
        }
        while true {
            skipWhitespace()
            guard index < bytes.count else { throw fail("tệp kết thúc giữa đối tượng mở ở \(start)", "unexpected end of file inside an object opened at \(start)") }
            guard bytes[index] == UInt8(ascii: "\"") else {
                if bytes[index] == UInt8(ascii: "}") { throw fail("JSON không cho phép dấu phẩy trước }", "a comma before } is not allowed in JSON") }
                throw fail("cần một khoá trong ngoặc kép", "expected a key in double quotes")
            }
            let keyLocation = here
            let (key, _, _) = try parseString()
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw fail("cần ':' sau khoá \"\(key)\"", "expected ':' after the key \"\(key)\"") }
            advance()
            skipWhitespace()
            let value = try parseValue()
            members.append((key, keyLocation, value))
            skipWhitespace()
            guard index < bytes.count else { throw fail("tệp kết thúc giữa đối tượng mở ở \(start)", "unexpected end of file inside an object opened at \(start)") }
            if bytes[index] == UInt8(ascii: ",") { advance(); continue }
            if bytes[index] == UInt8(ascii: "}") { advance(); break }
            throw fail("cần ',' hoặc '}' trong đối tượng mở ở \(start)", "expected ',' or '}' in the object opened at \(start)")
        }
        depth -= 1
        return .object(members, start)
    }

    private mutating func parseArray() throws(SourceJSONError) -> SourceJSON {
        let start = here
        try enter()
        advance() // [
        var items: [SourceJSON] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            advance()
            depth -= 1
            return .array(items, start)
        }
        while true {
            skipWhitespace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "]") { throw fail("JSON không cho phép dấu phẩy trước ]", "a comma before ] is not allowed in JSON") }
            items.append(try parseValue())
            skipWhitespace()
            guard index < bytes.count else { throw fail("tệp kết thúc giữa danh sách mở ở \(start)", "unexpected end of file inside a list opened at \(start)") }
            if bytes[index] == UInt8(ascii: ",") { advance(); continue }
            if bytes[index] == UInt8(ascii: "]") { advance(); break }
            throw fail("cần ',' hoặc ']' trong danh sách mở ở \(start)", "expected ',' or ']' in the list opened at \(start)")
        }
        depth -= 1
        return .array(items, start)
    }

    private mutating func parseNumber() throws(SourceJSONError) -> SourceJSON {
        let start = here
        let from = index
        if bytes[index] == UInt8(ascii: "-") { advance() }
        func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
        guard index < bytes.count, isDigit(bytes[index]) else { throw fail("số phải có chữ số", "a number needs digits", at: start) }
        if bytes[index] == UInt8(ascii: "0"), index + 1 < bytes.count, isDigit(bytes[index + 1]) {
            throw fail("số không được bắt đầu bằng 0", "numbers may not start with 0", at: start)
        }
        while index < bytes.count, isDigit(bytes[index]) { advance() }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            advance()
            guard index < bytes.count, isDigit(bytes[index]) else { throw fail("cần chữ số sau dấu thập phân", "expected digits after the decimal point") }
            while index < bytes.count, isDigit(bytes[index]) { advance() }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            advance()
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { advance() }
            guard index < bytes.count, isDigit(bytes[index]) else { throw fail("cần chữ số ở phần mũ", "expected digits in the exponent") }
            while index < bytes.count, isDigit(bytes[index]) { advance() }
        }
        let text = String(decoding: bytes[from..<index], as: UTF8.self)
        guard let value = Double(text), value.isFinite else { throw fail("số quá lớn", "number out of range", at: start) }
        return .number(value, start)
    }

    private mutating func parseString() throws(SourceJSONError) -> (String, SourceLocation, Bool) {
        let start = here
        advance() // opening quote
        let contentStart = here
        var out: [UInt8] = []
        var escaped = false
        while true {
            guard index < bytes.count else { throw fail("chuỗi mở ở \(start) không được đóng (thiếu \")", "a text opened at \(start) is never closed (missing \")", at: start) }
            let b = bytes[index]
            switch b {
            case UInt8(ascii: "\""):
                advance()
                guard let s = String(validating: out, as: UTF8.self) else {
                    throw fail("chuỗi không phải UTF-8 hợp lệ (hãy lưu tệp dạng UTF-8)", "the text is not valid UTF-8 (save the file as UTF-8)", at: start)
                }
                return (s, contentStart, escaped)
            case UInt8(ascii: "\\"):
                escaped = true
                advance()
                guard index < bytes.count else { throw fail("chuỗi thoát \\ chưa xong", "unfinished escape") }
                let e = bytes[index]
                switch e {
                case UInt8(ascii: "\""): out.append(0x22)
                case UInt8(ascii: "\\"): out.append(0x5C)
                case UInt8(ascii: "/"): out.append(0x2F)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    advance()
                    var scalar = try parseHex4()
                    if (0xD800...0xDBFF).contains(scalar) {
                        guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                            throw fail("\\u chứa nửa cặp surrogate đơn lẻ", "a lone surrogate in \\u escape")
                        }
                        advance(); advance()
                        let low = try parseHex4()
                        guard (0xDC00...0xDFFF).contains(low) else { throw fail("\\u chứa nửa cặp surrogate đơn lẻ", "a lone surrogate in \\u escape") }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    } else if (0xDC00...0xDFFF).contains(scalar) {
                        throw fail("\\u chứa nửa cặp surrogate đơn lẻ", "a lone surrogate in \\u escape")
                    }
                    guard let u = Unicode.Scalar(scalar) else { throw fail("\\u không hợp lệ", "invalid \\u escape") }
                    out.append(contentsOf: Array(String(Character(u)).utf8))
                    continue
                default:
                    throw fail("chuỗi thoát không hợp lệ \\\(Character(Unicode.Scalar(e)))", "unknown escape \\\(Character(Unicode.Scalar(e)))")
                }
                advance()
            case 0x00..<0x20:
                throw fail("xuống dòng hoặc ký tự điều khiển trong chuỗi; viết \\n để xuống dòng", "a line break or control character inside a text; write \\n for a new line")
            default:
                out.append(b)
                advance()
            }
        }
    }

    private mutating func parseHex4() throws(SourceJSONError) -> UInt32 {
        var v: UInt32 = 0
        for _ in 0..<4 {
            guard index < bytes.count else { throw fail("\\u chưa xong", "unfinished \\u escape") }
            let b = bytes[index]
            let d: UInt32
            switch b {
            case 0x30...0x39: d = UInt32(b - 0x30)
            case 0x41...0x46: d = UInt32(b - 0x41 + 10)
            case 0x61...0x66: d = UInt32(b - 0x61 + 10)
            default: throw fail("\\u cần bốn chữ số hệ mười sáu", "\\u needs four hexadecimal digits")
            }
            v = v * 16 + d
            advance()
        }
        return v
    }
}

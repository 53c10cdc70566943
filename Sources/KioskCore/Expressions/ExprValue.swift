import Foundation

/// What an expression computes with. `null` is an empty answer.
public enum ExprValue: Sendable, Hashable, CustomStringConvertible {
    case null
    case bool(Bool)
    case number(Double)
    case text(String)
    case date(CalendarDate)
    case list([ExprValue])

    public var isEmpty: Bool {
        switch self {
        case .null: return true
        case .text(let s): return s.isEmpty
        case .list(let l): return l.isEmpty
        default: return false
        }
    }

    /// Truth of a condition: only `true` is true (null, a text, a number are not),
    /// so a condition on an empty answer is false, never an error.
    public var isTrue: Bool {
        if case .bool(true) = self { return true }
        return false
    }

    public var description: String {
        switch self {
        case .null: return ""
        case .bool(let b): return b ? "yes" : "no"
        case .number(let n): return Self.format(n)
        case .text(let s): return s
        case .date(let d): return d.description
        case .list(let l): return l.map(\.description).joined(separator: " ")
        }
    }

    /// Whole numbers without ".0"; others with up to 6 decimals.
    public static func format(_ n: Double) -> String {
        if n.rounded() == n, abs(n) < 1e15 { return String(Int64(n)) }
        var s = String(format: "%.6f", n)
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
        return s
    }
}

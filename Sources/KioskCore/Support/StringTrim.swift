extension StringProtocol {
    /// The text without leading and trailing white space (spaces, tabs, line
    /// breaks, no-break spaces). Native Swift: Foundation's
    /// `trimmingCharacters(in:)` bridges through NSString on Linux and was
    /// most of the time spent loading the datasets.
    public var trimmed: String {
        let scalars = unicodeScalars
        guard let first = scalars.first else { return "" }
        if !Self.isSpace(first), !Self.isSpace(scalars.last!) { return String(self) }
        guard let start = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let end = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        return String(String.UnicodeScalarView(scalars[start...end]))
    }

    /// White space, answered without the Unicode property tables for the
    /// common case (a printable ASCII letter or digit at either end of a
    /// field): looking those up was most of the cost of trimming.
    @inline(__always)
    private static func isSpace(_ u: Unicode.Scalar) -> Bool {
        if u.value > 0x20 && u.value < 0x7F { return false }
        return u.properties.isWhitespace
    }
}

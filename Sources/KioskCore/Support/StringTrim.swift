extension StringProtocol {
    /// The text without leading and trailing white space (spaces, tabs, line
    /// breaks, no-break spaces). Native Swift: Foundation's
    /// `trimmingCharacters(in:)` bridges through NSString on Linux and was
    /// most of the time spent loading the datasets.
    public var trimmed: String {
        let scalars = unicodeScalars
        guard let first = scalars.first else { return "" }
        if !first.properties.isWhitespace, !scalars.last!.properties.isWhitespace { return String(self) }
        guard let start = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let end = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        return String(String.UnicodeScalarView(scalars[start...end]))
    }
}

import KioskCore

/// The one word-wrap of the app: the screens (`Canvas.wrap`) and the
/// printed receipt use it. Lines are at most `width` display columns,
/// broken at spaces; each "\n" starts a new paragraph. A word wider than a
/// line is cut into pieces, never dropped.
enum WordWrap {
    /// `first` starts the first line (a receipt's "Số biên nhận: "),
    /// `indent` every later one.
    static func lines(_ text: String, width: Int, first: String = "", indent: String = "") -> [String] {
        guard width > 0 else { return [] }
        // A label wider than the line is wrapped as text; an indent that
        // leaves no room is dropped.
        if !fits(first, width) { return lines(first + text, width: width, indent: indent) }
        let indent = VietnameseText.displayWidth(indent) < width ? indent : ""
        var lines: [String] = []
        var line = first
        var hasWord = false
        func breakLine() {
            while line.hasSuffix(" ") { line.removeLast() }
            lines.append(line)
            line = indent
            hasWord = false
        }
        for (n, paragraph) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if n > 0 { breakLine() }
            for word in paragraph.split(separator: " ").map(String.init) {
                if fits(hasWord ? line + " " + word : line + word, width) {
                    line = hasWord ? line + " " + word : line + word
                    hasWord = true
                    continue
                }
                // A label alone on its line rather than a word cut after it.
                if hasWord || (!line.isEmpty && line == first && fits(indent + word, width)) { breakLine() }
                var rest = Substring(word)
                while !fits(line + rest, width) {
                    var piece = ""
                    var used = VietnameseText.displayWidth(line)
                    for c in rest {
                        let w = VietnameseText.displayWidth(c)
                        if used + w > width { break }
                        piece.append(c)
                        used += w
                    }
                    if piece.isEmpty {
                        // Nothing fits after what the line holds: a fresh
                        // line, without the indent if even that leaves no
                        // room, or one character however wide on an empty one.
                        if line.isEmpty {
                            piece = String(rest.first!)
                        } else if line == indent && !hasWord {
                            line = ""
                            continue
                        } else {
                            breakLine()
                            continue
                        }
                    }
                    line += piece
                    rest = rest.dropFirst(piece.count)
                    if rest.isEmpty { break }
                    breakLine()
                }
                line += rest
                hasWord = true
            }
        }
        lines.append(line)
        return lines
    }

    private static func fits(_ s: String, _ width: Int) -> Bool { VietnameseText.displayWidth(s) <= width }
}

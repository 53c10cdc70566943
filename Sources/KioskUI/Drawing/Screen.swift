import KioskCore

/// What a cell looks like, by meaning; the terminal driver maps each role to
/// colours and attributes for the theme and what the terminal can show
/// (8 colours, monochrome, NO_COLOR).
public enum StyleRole: UInt8, Sendable, CaseIterable {
    case normal
    /// Header and footer bars.
    case bar
    case title
    /// Secondary text: help lines, hints.
    case muted
    /// A button or list item a finger can press.
    case button
    /// The focused field, button or list item.
    case focused
    /// An input box.
    case input
    /// The focused input box.
    case inputFocused
    case error
    case success
    /// A value filled from an earlier dossier.
    case prefilled
    case warning
}

public struct Style: Sendable, Hashable {
    public var role: StyleRole
    public var bold: Bool
    public var underline: Bool
    /// A cell of a picture (a page's preview, drawn "▀"): its two pixels'
    /// colours. The terminal shows them as colours where it has them, as a
    /// shade character where it has none; the role then does not apply.
    public var pixel: PixelPair?

    public init(_ role: StyleRole = .normal, bold: Bool = false, underline: Bool = false, pixel: PixelPair? = nil) {
        self.role = role
        self.bold = bold
        self.underline = underline
        self.pixel = pixel
    }

    public static let normal = Style()
}

/// The two pixels of a picture cell drawn as "▀": the top one in the
/// foreground, the bottom one in the background. Colours are 0xRRGGBB.
public struct PixelPair: Sendable, Hashable {
    public var top: UInt32
    public var bottom: UInt32

    public init(top: UInt32, bottom: UInt32) {
        self.top = top
        self.bottom = bottom
    }

    /// The half-block grapheme picture cells are drawn with.
    public static let halfBlock = "▀"
}

/// One cell of the screen: a grapheme cluster and its style. A character two
/// columns wide fills its cell and makes the next one a `continuation`.
public struct Cell: Sendable, Hashable {
    public var grapheme: String
    public var style: Style
    /// The right half of a wide character: drawn by the cell on its left.
    public var continuation: Bool

    public init(_ grapheme: String = " ", style: Style = .normal, continuation: Bool = false) {
        self.grapheme = grapheme
        self.style = style
        self.continuation = continuation
    }

    public static let blank = Cell()
}

/// A rectangle a finger can press, and what pressing it means.
public struct HitArea: Sendable, Hashable {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int
    public var target: HitTarget

    public func contains(x px: Int, y py: Int) -> Bool {
        px >= x && px < x + width && py >= y && py < y + height
    }
}

/// What a pressed area stands for: the update function turns it into the
/// same action as its key.
public enum HitTarget: Sendable, Hashable {
    case button(String)
    case listItem(Int)
    case field(Int)
    case page(Int)
}

/// A whole frame: a grid of cells, and where the buttons are.
public struct Screen: Sendable, Equatable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]
    public var hitAreas: [HitArea] = []
    /// Where the terminal's cursor should stand (in a focused input), if anywhere.
    public var cursor: (x: Int, y: Int)?
    /// Text that `put` had to cut at its width or the screen's edge: a
    /// screen must mark what it shortens (`VietnameseText.truncate` adds
    /// "…") or wrap it, so tests check that this stays empty.
    public private(set) var cuts: [(x: Int, y: Int, text: String)] = []

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.cells = Array(repeating: .blank, count: self.width * self.height)
    }

    public static func == (a: Screen, b: Screen) -> Bool {
        a.width == b.width && a.height == b.height && a.cells == b.cells && a.hitAreas == b.hitAreas
            && a.cursor?.x == b.cursor?.x && a.cursor?.y == b.cursor?.y
    }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * width + x] }
        set { cells[y * width + x] = newValue }
    }

    /// Writes text from (x, y), clipped at `maxWidth` columns (and the
    /// screen's edge), measured in display columns of grapheme clusters.
    /// Returns the number of columns used.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, style: Style = .normal, maxWidth: Int? = nil) -> Int {
        guard y >= 0, y < height, x < width else { return 0 }
        let limit = min(width, x + (maxWidth ?? width))
        var col = x
        for ch in text {
            if ch == "\n" { break }
            let w = VietnameseText.displayWidth(ch)
            if w == 0 { continue }
            if col + w > limit {
                cuts.append((x, y, text))
                break
            }
            if col >= 0 {
                // Never leave half of a wide character behind.
                if self[col, y].continuation && col > 0 { self[col - 1, y] = Cell(" ", style: self[col - 1, y].style) }
                let end = col + w
                if end < width && self[end, y].continuation { self[end, y] = Cell(" ", style: self[end, y].style) }
                self[col, y] = Cell(String(ch), style: style)
                if w == 2 { self[col + 1, y] = Cell("", style: style, continuation: true) }
            }
            col += w
        }
        return col - x
    }

    /// Fills a rectangle with spaces of one style.
    public mutating func fill(x: Int, y: Int, width w: Int, height h: Int, style: Style) {
        let from = max(0, x), to = min(width, x + w)
        guard from < to, max(0, y) < min(height, y + h) else { return }
        for row in max(0, y)..<min(height, y + h) {
            // Never leave half of a wide character at either edge.
            if self[from, row].continuation && from > 0 { self[from - 1, row] = Cell(" ", style: self[from - 1, row].style) }
            if to < width && self[to, row].continuation { self[to, row] = Cell(" ", style: self[to, row].style) }
            for col in from..<to { self[col, row] = Cell(" ", style: style) }
        }
    }

    /// The frame as plain text, one line per row, trailing spaces removed:
    /// what tests compare and read.
    public var text: String {
        var lines: [String] = []
        for y in 0..<height {
            var line = ""
            for x in 0..<width where !self[x, y].continuation { line += self[x, y].grapheme }
            while line.hasSuffix(" ") { line.removeLast() }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }

    /// The cells that differ from `previous` (all of them after a resize),
    /// as the rows and column ranges to redraw.
    public func changes(from previous: Screen?) -> [(y: Int, x: Int, count: Int)] {
        guard let previous, previous.width == width, previous.height == height else {
            return (0..<height).map { ($0, 0, width) }
        }
        var out: [(y: Int, x: Int, count: Int)] = []
        for y in 0..<height {
            var x = 0
            let row = y * width
            while x < width {
                if cells[row + x] != previous.cells[row + x] {
                    var end = x + 1
                    while end < width && cells[row + end] != previous.cells[row + end] { end += 1 }
                    // A wide character (in this frame or the last) is redrawn whole.
                    let start = x > 0 && (cells[row + x].continuation || previous.cells[row + x].continuation) ? x - 1 : x
                    let stop = end < width && (cells[row + end].continuation || previous.cells[row + end].continuation) ? end + 1 : end
                    out.append((y, start, stop - start))
                    end = stop
                    x = end
                } else {
                    x += 1
                }
            }
        }
        return out
    }
}

import KioskCore
import KioskUI

/// What `Terminal` draws and reads through: curses on a real terminal
/// (`CursesDriver`), or memory in tests (`EmbeddedTerminalDriver`, after
/// swift-nio's EmbeddedChannel). A driver only writes cells and reads raw
/// input; which cells to write (`FramePlan`), how a style looks
/// (`RolePalette`) and what the input means (`InputDecoder`, `KeyMap`,
/// `coalesce`) are decided by pure code above it.
protocol TerminalDriver: AnyObject {
    /// Columns and rows now.
    var size: (width: Int, height: Int) { get }
    /// What the terminal can show, found when it started.
    var colorSupport: ColorSupport { get }
    /// The video attributes it can show (curses' `term_attrs`).
    var availableAttributes: Attributes { get }

    /// How each StyleRole looks (index = raw value), set once before drawing.
    func setLooks(_ looks: [RoleLook])
    /// Blanks every cell (a new frame of another size).
    func erase()
    /// Repaints the whole terminal on the next `refresh` (something else
    /// may have written over it).
    func repaintOnRefresh()
    /// Writes one cell (a wide character: two columns).
    func write(_ cell: CellWrite)
    /// Puts the cursor at a cell and shows it, or hides it (nil).
    func setCursor(_ position: (x: Int, y: Int)?)
    /// Sends what was written to the terminal.
    func refresh()
    /// Waits up to `timeoutMilliseconds` (-1: for ever) for input, then
    /// takes whatever else is already waiting, at most `limit` items.
    func readInput(timeoutMilliseconds: Int, limit: Int) -> [RawInput]
    /// Rings the bell.
    func beep()
    /// Gives the terminal back. Safe to call more than once.
    func shutdown()
}

/// What a terminal sends, before it means anything to the app.
enum RawInput: Sendable, Equatable {
    /// A character (`get_wch` returned OK).
    case character(UInt32)
    /// A key code (`get_wch` returned KEY_CODE_YES), neither mouse nor resize.
    case keyCode(Int32)
    /// The first button went down (`pressed`) or was clicked, at a cell.
    case mouse(x: Int, y: Int, pressed: Bool, clicked: Bool)
    /// The terminal now has this size.
    case resize(width: Int, height: Int)
}

/// One cell as a driver writes it.
struct CellWrite: Sendable, Equatable, CustomStringConvertible {
    var x: Int
    var y: Int
    /// One grapheme cluster, NFC; a space for a blank cell.
    var grapheme: String
    /// Columns it fills: 1, or 2 for a wide character.
    var width: Int
    /// The colours of its role (`RolePalette`); attributes are in `attributes`.
    var role: StyleRole
    /// The role's attributes with the Style's own bold and underline added.
    var attributes: Attributes
    /// A picture cell on a colour terminal: its own two colours, instead of
    /// the role's (`PixelPalette`).
    var colors: PixelColors? = nil

    var description: String {
        "(\(x),\(y)) \"\(grapheme)\"\(width == 2 ? " wide" : "") \(role) \(attributes)" + (colors.map { " \($0.foreground)/\($0.background)" } ?? "")
    }
}

/// What to do to the terminal to show a Screen, given what it showed last:
/// pure, so that what would be drawn can be computed and read without a
/// terminal.
struct FramePlan: Equatable {
    /// Blank the whole terminal first (no last frame, or one of another size).
    var erase: Bool
    /// The cells to write, row by row, left to right.
    var writes: [CellWrite]
    /// Where the cursor stands, or nil for hidden.
    var cursorPosition: Position?

    struct Position: Equatable {
        var x: Int
        var y: Int
    }

    /// - Parameters:
    ///   - previous: the frame on the terminal, nil when unknown.
    ///   - columns, rows: the terminal's size (cells beyond it are not drawn).
    ///   - looks: each role's look, by raw value.
    ///   - pixels: how picture cells are shown here.
    init(_ screen: Screen, previous: Screen?, columns: Int, rows: Int, looks: [RoleLook], pixels: PixelMode = .colors256) {
        let fresh = previous.map { $0.width != screen.width || $0.height != screen.height } ?? true
        erase = fresh
        let drawableWidth = min(screen.width, columns)
        writes = []
        for span in FramePlan.spansToDraw(screen, previous: fresh ? nil : previous) where span.y < rows {
            let end = min(span.x + span.count, drawableWidth)
            var x = span.x
            while x < end {
                if let write = FramePlan.cellWrite(screen, x: x, y: span.y, drawableWidth: drawableWidth, looks: looks, pixels: pixels) {
                    writes.append(write)
                    x += write.width
                } else {
                    x += 1
                }
            }
        }
        if let cursor = screen.cursor, cursor.x >= 0, cursor.y >= 0, cursor.x < drawableWidth, cursor.y < min(rows, screen.height) {
            cursorPosition = Position(x: cursor.x, y: cursor.y)
        } else {
            cursorPosition = nil
        }
    }

    /// `Screen.changes(from:)`, widened so that no wide character is drawn
    /// or overwritten by halves: curses blanks the other half of a wide
    /// character when one half is written, so a span that touches a wide
    /// character of the old or the new frame takes in both of its columns.
    /// Spans of one row are merged; rows keep their order.
    static func spansToDraw(_ screen: Screen, previous: Screen?) -> [(y: Int, x: Int, count: Int)] {
        let runs = screen.changes(from: previous)
        guard let previous, previous.width == screen.width, previous.height == screen.height else { return runs }
        let width = screen.width
        func continuation(_ x: Int, _ y: Int) -> Bool {
            screen[x, y].continuation || previous[x, y].continuation
        }
        var out: [(y: Int, x: Int, count: Int)] = []
        for run in runs {
            var start = run.x
            var end = run.x + run.count
            while start > 0 && continuation(start, run.y) { start -= 1 }
            while end < width && continuation(end, run.y) { end += 1 }
            if let last = out.last, last.y == run.y, last.x + last.count >= start {
                out[out.count - 1].count = max(last.x + last.count, end) - last.x
            } else {
                out.append((run.y, start, end - start))
            }
        }
        return out
    }

    /// The cell at (x, y) as written: a wide character whole, the right half
    /// of one whose left half is missing as a space, and a wide character
    /// that would hang off the terminal's edge as a space too. Nil for the
    /// right half of a wide character (its left half draws it).
    static func cellWrite(_ screen: Screen, x: Int, y: Int, drawableWidth: Int, looks: [RoleLook], pixels: PixelMode = .colors256) -> CellWrite? {
        let cell = screen[x, y]
        if let pair = cell.style.pixel, !cell.continuation {
            // A picture cell: "▀" in its own colours, or a shade for its grey.
            guard let colors = PixelPalette.colors(pair, mode: pixels) else {
                return CellWrite(x: x, y: y, grapheme: PixelPalette.shade(pair), width: 1, role: .normal, attributes: looks[0].attributes)
            }
            return CellWrite(x: x, y: y, grapheme: PixelPair.halfBlock, width: 1, role: .normal, attributes: [], colors: colors)
        }
        func write(_ grapheme: String, width: Int) -> CellWrite {
            var attributes = looks[Int(cell.style.role.rawValue)].attributes
            if cell.style.bold { attributes.insert(.bold) }
            if cell.style.underline { attributes.insert(.underline) }
            let text = grapheme.isEmpty ? " " : VietnameseText.normalize(grapheme)
            return CellWrite(x: x, y: y, grapheme: text, width: width, role: cell.style.role, attributes: attributes)
        }
        if cell.continuation {
            // The left half drew it, unless the left half is missing.
            if x > 0 && !screen[x - 1, y].continuation { return nil }
            return write(" ", width: 1)
        }
        let wide = x + 1 < screen.width && screen[x + 1, y].continuation
        if wide && x + 1 >= drawableWidth {
            // Half of it would hang off the terminal's edge.
            return write(" ", width: 1)
        }
        return write(cell.grapheme, width: wide ? 2 : 1)
    }
}

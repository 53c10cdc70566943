import Foundation
import KioskCore

/// Drawing helpers shared by the screens.
struct Canvas {
    var screen: Screen
    let language: Language

    func t(_ l: LocalizedText) -> String { l.text(language) }

    /// Text wrapped to `width` columns from (x, y); returns the row after it.
    @discardableResult
    mutating func paragraph(_ text: String, x: Int, y: Int, width: Int, style: Style = .normal) -> Int {
        var row = y
        for line in WordWrap.lines(text, width: width) {
            screen.put(line, x: x, y: row, style: style)
            row += 1
        }
        return row
    }

    /// Text wrapped to `width` columns from (x, y), down to row `last` at
    /// most: what has no room ends in "…" on that row. Returns the row after it.
    @discardableResult
    mutating func paragraph(_ text: String, x: Int, y: Int, width: Int, last: Int, style: Style = .normal) -> Int {
        var lines = WordWrap.lines(text, width: width)
        let room = max(0, last - y + 1)
        if lines.count > room {
            lines = Array(lines.prefix(room))
            if let end = lines.popLast() { lines.append(VietnameseText.truncate(end + " …", toWidth: width)) }
        }
        return paragraph(lines.joined(separator: "\n"), x: x, y: y, width: width, style: style)
    }

    /// A button `[ label ]`, pressable; returns its width.
    @discardableResult
    mutating func button(_ label: String, x: Int, y: Int, focused: Bool, target: HitTarget, minWidth: Int = 0) -> Int {
        let inner = " " + label + " "
        let pad = max(0, minWidth - VietnameseText.displayWidth(inner) - 2)
        let text = "[" + inner + String(repeating: " ", count: pad) + "]"
        let w = screen.put(text, x: x, y: y, style: Style(focused ? .focused : .button, bold: focused))
        screen.hitAreas.append(HitArea(x: x, y: y, width: w, height: 1, target: target))
        return w
    }

    /// A row of buttons, left to right, two spaces apart; returns the x after the last.
    @discardableResult
    mutating func buttons(_ items: [(String, Bool, HitTarget)], x: Int, y: Int) -> Int {
        var col = x
        for (label, focused, target) in items { col += button(label, x: col, y: y, focused: focused, target: target) + 2 }
        return col
    }

    /// An input box `[ text      ]` of `width` columns; the cursor, when
    /// given (in characters), is kept visible by scrolling the text.
    mutating func input(_ text: String, x: Int, y: Int, width: Int, focused: Bool, cursor: Int?, placeholder: String = "", masked: Bool = false) {
        let inner = max(1, width - 4)
        var shown = masked ? String(repeating: "●", count: text.count) : text
        var cursorCol: Int?
        if let cursor {
            let chars = Array(shown)
            var start = 0
            while VietnameseText.displayWidth(String(chars[start..<min(cursor, chars.count)])) >= inner && start < cursor { start += 1 }
            shown = String(chars[start...])
            cursorCol = VietnameseText.displayWidth(String(chars[start..<min(cursor, chars.count)]))
        }
        let style = Style(focused ? .inputFocused : .input)
        screen.put("[", x: x, y: y, style: style)
        screen.fill(x: x + 1, y: y, width: inner + 2, height: 1, style: style)
        // What does not fit ends in "…": the box scrolls while it is edited.
        if shown.isEmpty && !placeholder.isEmpty {
            screen.put(VietnameseText.truncate(placeholder, toWidth: inner), x: x + 2, y: y, style: Style(focused ? .inputFocused : .muted))
        } else {
            screen.put(VietnameseText.truncate(shown, toWidth: inner), x: x + 2, y: y, style: style)
        }
        screen.put("]", x: x + inner + 3, y: y, style: style)
        if focused, let c = cursorCol { screen.cursor = (x: x + 2 + min(c, inner), y: y) }
    }
}

/// The part of the screen between the header and the footer.
struct Body {
    var x: Int, y: Int, width: Int, height: Int
    var bottom: Int { y + height - 1 }
}

extension Int {
    /// 200000 → "200.000", as amounts are written in Vietnam.
    func formatted() -> String {
        let digits = Array(String(self))
        var out = ""
        for (i, d) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(".") }
            out.append(d)
        }
        return out
    }
}

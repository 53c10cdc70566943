import KioskCore

/// A line of a scrolling form body, and the focusable row it belongs to:
/// the field pages and the review are built as lines, then shown scrolled
/// so that the focused row is in view.
struct FormLine {
    var focusIndex: Int?
    var draw: (inout Canvas, Int) -> Void

    /// Shows `lines` from `top`, `height` rows, scrolled so that the
    /// focused row is visible.
    static func show(_ c: inout Canvas, _ lines: [FormLine], focus: Int, top: Int, height: Int) {
        let first = lines.firstIndex { $0.focusIndex == focus } ?? 0
        let last = lines.lastIndex { $0.focusIndex == focus } ?? first
        var start = 0
        if last >= height { start = min(first - height / 3, lines.count - height) }
        start = max(0, start)
        for (n, line) in lines.dropFirst(start).prefix(height).enumerated() { line.draw(&c, top + n) }
    }
}

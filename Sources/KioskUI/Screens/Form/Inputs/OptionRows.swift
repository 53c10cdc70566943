import KioskCore

/// Options side by side (`(•) Có   ( ) Không`, `[x] A  [ ] B`), in as many
/// rows as the input's width needs: the first on the field's own line, the
/// others under it. Nothing is drawn past the input's box.
struct OptionRows {
    /// Each row's options: which one, its column from the input's left, its text.
    var rows: [[(index: Int, column: Int, text: String)]]

    init(_ texts: [String], width: Int, gap: Int) {
        var rows: [[(Int, Int, String)]] = [[]]
        var col = 0
        for (i, raw) in texts.enumerated() {
            let text = VietnameseText.truncate(raw, toWidth: width)
            let w = VietnameseText.displayWidth(text)
            if col > 0 && col + w > width {
                rows.append([])
                col = 0
            }
            rows[rows.count - 1].append((i, col, text))
            col += w + gap
        }
        self.rows = rows
    }

    /// Draws row `n` at `y`, each option styled by `style` and pressable.
    func draw(row n: Int, _ c: inout Canvas, _ at: InputPlace, y: Int, style: (Int) -> Style) {
        for (i, column, text) in rows[n] {
            let w = c.screen.put(text, x: at.x + 2 + column, y: y, style: style(i))
            c.screen.hitAreas.append(HitArea(x: at.x + 2 + column, y: y, width: w, height: 1, target: at.focused ? .listItem(i) : .field(at.focusIndex)))
        }
    }

    /// The rows after the first, as lines under the field.
    func linesBelow(_ at: InputPlace, style: @escaping (Int) -> Style) -> [FormLine] {
        rows.indices.dropFirst().map { n in
            FormLine(focusIndex: at.focusIndex) { c, y in draw(row: n, &c, at, y: y, style: style) }
        }
    }
}

import KioskCore

/// A page's preview in the terminal: each cell "▀", its top pixel the
/// foreground and its bottom pixel the background (`PixelPair`; the
/// terminal shows a shade character where it has no colours). A cell is
/// about twice as tall as wide, so a cell's two pixels are square and the
/// picture keeps its aspect; it is scaled to the room given, each cell's
/// pixels the mean of the image's pixels they cover.
enum PagePreview {
    /// The columns and rows a picture of `width`×`height` pixels takes in a
    /// box of `columns`×`rows` cells.
    static func size(width: Int, height: Int, columns: Int, rows: Int) -> (columns: Int, rows: Int) {
        guard width > 0, height > 0, columns > 0, rows > 0 else { return (0, 0) }
        let scale = min(Double(columns) / Double(width), Double(rows * 2) / Double(height))
        let w = max(1, min(columns, Int((Double(width) * scale).rounded())))
        let h = max(1, min(rows, Int((Double(height) * scale / 2).rounded())))
        return (w, h)
    }

    /// Draws `image` turned by `quarterTurns`, centred in the box; returns
    /// the columns and rows it took.
    @discardableResult
    static func draw(_ screen: inout Screen, _ image: PreviewImage, quarterTurns: Int, x: Int, y: Int, columns: Int, rows: Int) -> (columns: Int, rows: Int) {
        let picture = image.rotated(quarterTurns: quarterTurns)
        let (w, h) = size(width: picture.width, height: picture.height, columns: columns, rows: rows)
        guard w > 0, h > 0 else { return (0, 0) }
        let left = x + (columns - w) / 2
        for row in 0..<h {
            for col in 0..<w {
                let top = mean(picture, x0: col, x1: col + 1, y0: row * 2, y1: row * 2 + 1, w: w, h: h * 2)
                let bottom = mean(picture, x0: col, x1: col + 1, y0: row * 2 + 1, y1: row * 2 + 2, w: w, h: h * 2)
                screen.put(PixelPair.halfBlock, x: left + col, y: y + row, style: Style(.normal, pixel: PixelPair(top: top, bottom: bottom)))
            }
        }
        return (w, h)
    }

    /// The mean colour of the image's pixels under the target pixel box
    /// [x0, x1) × [y0, y1) of a `w`×`h` grid laid over the whole image.
    static func mean(_ p: PreviewImage, x0: Int, x1: Int, y0: Int, y1: Int, w: Int, h: Int) -> UInt32 {
        let sx0 = x0 * p.width / w, sx1 = max(sx0 + 1, min(p.width, x1 * p.width / w))
        let sy0 = y0 * p.height / h, sy1 = max(sy0 + 1, min(p.height, y1 * p.height / h))
        var r = 0, g = 0, b = 0, n = 0
        for sy in min(sy0, p.height - 1)..<min(sy1, p.height) {
            for sx in min(sx0, p.width - 1)..<min(sx1, p.width) {
                let c = p.rgb(x: sx, y: sy)
                r += Int(c.r); g += Int(c.g); b += Int(c.b); n += 1
            }
        }
        guard n > 0 else { return 0xFFFFFF }
        return UInt32(r / n) << 16 | UInt32(g / n) << 8 | UInt32(b / n)
    }
}

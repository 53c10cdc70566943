import KioskCore
import KioskUI

/// How picture cells (a page's preview: "▀" with two pixel colours, see
/// `PixelPair`) are shown on this terminal. Pure, so it can be tested
/// without a terminal.
enum PixelMode: Sendable, Equatable {
    /// No colours to use (attributes only: NO_COLOR, a monochrome terminal,
    /// or the high-contrast theme, which never shows a hue): a shade
    /// character (" ░▒▓█") for the cell's grey level.
    case shades
    /// The 8 basic colours: the nearest of them for each pixel.
    case colors8
    /// 256 colours: xterm's 6×6×6 cube and its 24-step grey ramp.
    case colors256

    init(theme: KioskConfig.Theme, support: ColorSupport) {
        switch (theme, support) {
        case (.highContrast, _), (_, .attributesOnly): self = .shades
        case (.default, .colors(let count)): self = count >= 256 ? .colors256 : .colors8
        }
    }
}

/// A picture cell's two colours as terminal colour numbers: the top pixel
/// in the foreground, the bottom one in the background.
struct PixelColors: Sendable, Hashable {
    var foreground: Int16
    var background: Int16
}

enum PixelPalette {
    /// The shade characters, lightest ink first. The kiosk's terminals show
    /// light text on a dark ground (the Linux console, xterm's default), so
    /// a bright pixel (paper) is dense ink and a dark one (print) is blank.
    static let shades: [String] = [" ", "░", "▒", "▓", "█"]

    /// The shade for a cell: the mean brightness of its two pixels.
    static func shade(_ pair: PixelPair) -> String {
        let level = (luminance(pair.top) + luminance(pair.bottom)) / 2
        return shades[min(4, Int((level * 4 / 255).rounded()))]
    }

    /// Perceived brightness 0…255 (Rec. 601 weights).
    static func luminance(_ rgb: UInt32) -> Double {
        let (r, g, b) = split(rgb)
        return 0.299 * Double(r) + 0.587 * Double(g) + 0.114 * Double(b)
    }

    static func split(_ rgb: UInt32) -> (Int, Int, Int) {
        (Int(rgb >> 16 & 0xFF), Int(rgb >> 8 & 0xFF), Int(rgb & 0xFF))
    }

    static func colors(_ pair: PixelPair, mode: PixelMode) -> PixelColors? {
        switch mode {
        case .shades: return nil
        case .colors8: return PixelColors(foreground: nearest8(pair.top), background: nearest8(pair.bottom))
        case .colors256: return PixelColors(foreground: nearest256(pair.top), background: nearest256(pair.bottom))
        }
    }

    /// The levels of xterm's colour cube (colours 16–231).
    static let cubeLevels = [0, 95, 135, 175, 215, 255]

    /// The nearest of xterm's 256 colours, among the cube and the grey ramp
    /// (232–255: 8, 18, …, 238); the 16 system colours vary by terminal and
    /// are not used.
    static func nearest256(_ rgb: UInt32) -> Int16 {
        let (r, g, b) = split(rgb)
        func level(_ v: Int) -> Int { cubeLevels.indices.min { abs(cubeLevels[$0] - v) < abs(cubeLevels[$1] - v) }! }
        let (ri, gi, bi) = (level(r), level(g), level(b))
        let cube = (cubeLevels[ri], cubeLevels[gi], cubeLevels[bi])
        let mean = (r + g + b) / 3
        let greyStep = min(23, max(0, (mean - 3) / 10))
        let grey = 8 + 10 * greyStep
        func distance(_ c: (Int, Int, Int)) -> Int { (c.0 - r) * (c.0 - r) + (c.1 - g) * (c.1 - g) + (c.2 - b) * (c.2 - b) }
        if distance((grey, grey, grey)) < distance(cube) { return Int16(232 + greyStep) }
        return Int16(16 + 36 * ri + 6 * gi + bi)
    }

    /// The 8 basic colours as xterm shows them, by curses number.
    static let basic: [(Int, Int, Int)] = [(0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0),
                                           (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229)]

    static func nearest8(_ rgb: UInt32) -> Int16 {
        let (r, g, b) = split(rgb)
        let i = basic.indices.min { a, c in
            let x = basic[a], y = basic[c]
            return (x.0 - r) * (x.0 - r) + (x.1 - g) * (x.1 - g) + (x.2 - b) * (x.2 - b)
                < (y.0 - r) * (y.0 - r) + (y.1 - g) * (y.1 - g) + (y.2 - b) * (y.2 - b)
        }!
        return Int16(i)
    }
}

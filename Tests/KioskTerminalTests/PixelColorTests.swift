import XCTest
import KioskCore
import KioskUI
@testable import KioskTerminal

/// A page's preview on each kind of terminal: "▀" in the nearest of xterm's
/// 256 colours (or of the 8 basic ones), shade characters where there are
/// no colours (NO_COLOR, monochrome, the high-contrast theme).
final class PixelColorTests: XCTestCase {
    func testColoursMapToXtermsCubeGreyRampOrTheEightBasicOnes() {
        XCTAssertEqual(PixelPalette.nearest256(0x000000), 16, "black: the cube's first")
        XCTAssertEqual(PixelPalette.nearest256(0xFFFFFF), 231, "white: the cube's last")
        XCTAssertEqual(PixelPalette.nearest256(0x808080), 244, "mid grey: the ramp (8 + 10×12 = 128)")
        XCTAssertEqual(PixelPalette.nearest256(0x303030), 236, "dark grey: the ramp (48)")
        XCTAssertEqual(PixelPalette.nearest256(0xFF0000), 196, "red: 16 + 36×5")
        XCTAssertEqual(PixelPalette.nearest256(0x5F87AF), 67, "a cube colour exactly: 16 + 36×1 + 6×2 + 3")
        XCTAssertEqual(PixelPalette.nearest8(0x000000), 0)
        XCTAssertEqual(PixelPalette.nearest8(0xF0F0F0), 7)
        XCTAssertEqual(PixelPalette.nearest8(0xE01010), 1)
        XCTAssertEqual(PixelPalette.nearest8(0x1010F0), 4)
        XCTAssertEqual(PixelPalette.shade(PixelPair(top: 0xFFFFFF, bottom: 0xFFFFFF)), "█")
        XCTAssertEqual(PixelPalette.shade(PixelPair(top: 0x000000, bottom: 0x000000)), " ")
        XCTAssertEqual(PixelPalette.shade(PixelPair(top: 0xFFFFFF, bottom: 0x000000)), "▒")
        XCTAssertEqual(PixelMode(theme: .default, support: .colors(count: 256)), .colors256)
        XCTAssertEqual(PixelMode(theme: .default, support: .colors(count: 8)), .colors8)
        XCTAssertEqual(PixelMode(theme: .default, support: .attributesOnly), .shades)
        XCTAssertEqual(PixelMode(theme: .highContrast, support: .colors(count: 256)), .shades)
    }

    /// A screen with a two-cell picture: white over black, then grey over grey.
    private func picture() -> Screen {
        var s = Screen(width: 4, height: 1)
        s.put("ab", x: 0, y: 0)
        s.put(PixelPair.halfBlock, x: 2, y: 0, style: Style(pixel: PixelPair(top: 0xFFFFFF, bottom: 0x000000)))
        s.put(PixelPair.halfBlock, x: 3, y: 0, style: Style(pixel: PixelPair(top: 0x808080, bottom: 0x808080)))
        return s
    }

    func testATerminalWithColoursDrawsHalfBlocksInThePixelsColours() {
        let driver = EmbeddedTerminalDriver(width: 4, height: 1, colorSupport: .colors(count: 256))
        let terminal = Terminal(driver: driver, theme: .default)
        terminal.draw(picture())
        XCTAssertEqual(driver.text, "ab▀▀")
        XCTAssertEqual(driver[2, 0].colors, PixelColors(foreground: 231, background: 16))
        XCTAssertEqual(driver[3, 0].colors, PixelColors(foreground: 244, background: 244))
        XCTAssertNil(driver[0, 0].colors, "text keeps its role's colours")

        let eight = EmbeddedTerminalDriver(width: 4, height: 1, colorSupport: .colors(count: 8))
        let terminal8 = Terminal(driver: eight, theme: .default)
        terminal8.draw(picture())
        XCTAssertEqual(eight[2, 0].colors, PixelColors(foreground: 7, background: 0))
        withExtendedLifetime((terminal, terminal8)) {}
    }

    func testWithoutColoursThePictureIsShadesOfGrey() {
        for (support, theme) in [(ColorSupport.attributesOnly, KioskConfig.Theme.default), (.colors(count: 256), .highContrast)] {
            let driver = EmbeddedTerminalDriver(width: 4, height: 1, colorSupport: support)
            let terminal = Terminal(driver: driver, theme: theme)
            terminal.draw(picture())
            XCTAssertEqual(driver.text, "ab▒▒", "\(support) \(theme)")
            XCTAssertNil(driver[2, 0].colors)
            withExtendedLifetime(terminal) {}
        }
    }
}

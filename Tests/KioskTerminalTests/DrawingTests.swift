import XCTest
import KioskCore
import KioskUI
@testable import KioskTerminal

/// What would be drawn for a Screen: the cells, their looks, and only what
/// changed, read from a terminal in memory.
final class DrawingTests: XCTestCase {
    private let looks = RolePalette.looks(theme: .default, support: .colors(count: 256))

    private func screen(_ lines: [String], width: Int = 12, style: Style = .normal) -> Screen {
        var s = Screen(width: width, height: lines.count)
        for (y, line) in lines.enumerated() { s.put(line, x: 0, y: y, style: style) }
        return s
    }

    func testTheFirstFrameErasesAndWritesEveryCell() {
        let s = screen(["Xin chào", "Tiếp"])
        let plan = FramePlan(s, previous: nil, columns: 80, rows: 24, looks: looks)
        XCTAssertTrue(plan.erase)
        XCTAssertEqual(plan.writes.count, 24)
        XCTAssertEqual(plan.writes.prefix(8).map(\.grapheme).joined(), "Xin chào")
        XCTAssertEqual(plan.writes.first.map { [$0.x, $0.y] }, [0, 0])
        XCTAssertEqual(plan.writes.last.map { [$0.x, $0.y] }, [11, 1])
        XCTAssertNil(plan.cursorPosition)
    }

    func testOnlyChangedCellsAreWrittenAndWideCharactersWhole() {
        let before = screen(["Xin chào", "ab中cd"])
        XCTAssertEqual(FramePlan(before, previous: before, columns: 80, rows: 24, looks: looks).writes, [], "nothing changed")

        let after = screen(["Xin chàO", "ab中cd"])
        let plan = FramePlan(after, previous: before, columns: 80, rows: 24, looks: looks)
        XCTAssertFalse(plan.erase)
        XCTAssertEqual(plan.writes.map(\.description), ["(7,0) \"O\" normal —"])

        // The cell after a wide character changes: the wide one stays as it is.
        let next = screen(["Xin chào", "ab中Xd"])
        XCTAssertEqual(FramePlan(next, previous: before, columns: 80, rows: 24, looks: looks).writes.map(\.description),
                       ["(4,1) \"X\" normal —"])
        // A wide character moves by one column: it is written as one
        // two-column cell, never by halves (curses would blank the other half).
        let moved = screen(["Xin chào", "abx中d"])
        XCTAssertEqual(FramePlan(moved, previous: before, columns: 80, rows: 24, looks: looks).writes.map(\.description),
                       ["(2,1) \"x\" normal —", "(3,1) \"中\" wide normal —"])

        // A wide character replaced by two narrow ones: both of its columns.
        let narrow = screen(["Xin chào", "abxycd"])
        XCTAssertEqual(FramePlan(narrow, previous: before, columns: 80, rows: 24, looks: looks).writes.map(\.grapheme), ["x", "y"])
    }

    func testStylesAddBoldAndUnderlineToTheirRolesLook() {
        var s = Screen(width: 4, height: 1)
        s.put("a", x: 0, y: 0, style: Style(.error))
        s.put("b", x: 1, y: 0, style: Style(.muted, bold: true))
        s.put("c", x: 2, y: 0, style: Style(.normal, underline: true))
        let writes = FramePlan(s, previous: nil, columns: 4, rows: 1, looks: looks).writes
        XCTAssertEqual(writes.map(\.role), [.error, .muted, .normal, .normal])
        XCTAssertEqual(writes.map(\.attributes), [.bold, .bold, .underline, []])

        // Without colours, roles differ by attributes alone.
        let mono = RolePalette.looks(theme: .default, support: .attributesOnly)
        let monoWrites = FramePlan(s, previous: nil, columns: 4, rows: 1, looks: mono).writes
        XCTAssertEqual(monoWrites.map(\.attributes), [[.bold, .underline, .reverse], [.dim, .bold], .underline, []])
    }

    func testATerminalSmallerThanTheScreenGetsOnlyWhatFits() {
        var s = screen(["abc中", "defgh"], width: 5)
        s.cursor = (x: 4, y: 1)
        // Four columns: the wide character would hang off the edge, the cursor is outside.
        let plan = FramePlan(s, previous: nil, columns: 4, rows: 1, looks: looks)
        XCTAssertEqual(plan.writes.map(\.grapheme), ["a", "b", "c", " "])
        XCTAssertEqual(plan.writes.last?.width, 1)
        XCTAssertNil(plan.cursorPosition)
        s.cursor = (x: 2, y: 0)
        XCTAssertEqual(FramePlan(s, previous: nil, columns: 4, rows: 1, looks: looks).cursorPosition, .init(x: 2, y: 0))
    }

    func testATerminalInMemoryShowsWhatWasDrawnAndRedrawsOnlyChanges() {
        let driver = EmbeddedTerminalDriver(width: 20, height: 3)
        let terminal = Terminal(driver: driver, theme: .default)
        XCTAssertEqual(driver.looks.count, StyleRole.allCases.count, "the looks are set before the first frame")

        var first = Screen(width: 20, height: 3)
        first.put("Đăng ký khai sinh", x: 1, y: 0, style: Style(.title))
        first.put("[ Tiếp ]", x: 1, y: 2, style: Style(.focused))
        first.cursor = (x: 3, y: 2)
        terminal.draw(first)
        XCTAssertEqual(driver.text, first.text)
        XCTAssertEqual(driver.text, " Đăng ký khai sinh\n\n [ Tiếp ]")
        XCTAssertEqual(driver.erases, 1)
        XCTAssertEqual(driver.refreshes, 1)
        XCTAssertEqual(driver.lastFrameWrites.count, 60)
        XCTAssertEqual(driver[1, 0].role, .title)
        XCTAssertEqual(driver[1, 0].attributes, .bold)
        XCTAssertEqual(driver[1, 2].role, .focused)
        XCTAssertTrue(driver.cursor.map { $0.x == 3 && $0.y == 2 } ?? false)

        var second = first
        second.put("[ Lùi  ]", x: 1, y: 2, style: Style(.focused))
        second.cursor = nil
        terminal.draw(second)
        XCTAssertEqual(driver.text, " Đăng ký khai sinh\n\n [ Lùi  ]")
        XCTAssertEqual(driver.erases, 1, "no erase between frames of one size")
        XCTAssertEqual(driver.lastFrameWrites.map(\.grapheme).joined(), "Lùi ", "only the cells that changed")
        XCTAssertNil(driver.cursor)

        terminal.draw(second)
        XCTAssertEqual(driver.lastFrameWrites, [], "the same frame writes nothing")

        // After invalidate, everything again, and the terminal is repainted.
        terminal.invalidate()
        terminal.draw(second)
        XCTAssertEqual(driver.lastFrameWrites.count, 60)
        XCTAssertEqual(driver.repaints, 1)
        XCTAssertEqual(driver.text, second.text)
    }

    func testInputIsReadAsEventsAndAResizeRedrawsTheNextFrameWhole() {
        let driver = EmbeddedTerminalDriver(width: 10, height: 2)
        let terminal = Terminal(driver: driver, theme: .highContrast)
        let frame = screen(["abc"], width: 10)
        terminal.draw(frame)
        XCTAssertEqual(describe(terminal.readEvents(timeoutMilliseconds: 0)), [], "nothing typed")

        driver.feed(typing: "khai sinh")
        driver.feed(.character(9), .character(13))
        XCTAssertEqual(describe(terminal.readEvents(timeoutMilliseconds: 0)), ["text khai sinh", "tab", "enter"])

        driver.feed(.resize(width: 12, height: 3), .mouse(x: 2, y: 1, pressed: true, clicked: false))
        XCTAssertEqual(terminal.size.width, 12)
        XCTAssertEqual(describe(terminal.readEvents(timeoutMilliseconds: 0)), ["resize 12x3", "press 2,1"])
        terminal.draw(frame)
        XCTAssertEqual(driver.lastFrameWrites.count, 10, "the same frame, drawn whole after a resize")
        XCTAssertEqual(driver.repaints, 1)

        terminal.beep()
        XCTAssertEqual(driver.bells, 1)
        terminal.shutdown()
        terminal.shutdown()
        XCTAssertTrue(driver.isShutDown)
        XCTAssertEqual(driver.text, "\n\n", "the screen is cleared when the terminal is given back")
    }
}

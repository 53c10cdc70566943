import CNcursesw
import XCTest
import KioskUI
@testable import KioskTerminal

/// What each byte, character or key code from the terminal becomes.
final class KeyDecodingTests: XCTestCase {
    func testCharactersBecomeKeys() {
        XCTAssertEqual(KeyMap.key(forCharacter: 13), .enter)
        XCTAssertEqual(KeyMap.key(forCharacter: 10), .enter)
        XCTAssertEqual(KeyMap.key(forCharacter: 9), .tab)
        XCTAssertEqual(KeyMap.key(forCharacter: 8), .backspace, "Ctrl+H is backspace, not Ctrl+H")
        XCTAssertEqual(KeyMap.key(forCharacter: 127), .backspace)
        XCTAssertEqual(KeyMap.key(forCharacter: 27), .escape)
        XCTAssertEqual(KeyMap.key(forCharacter: 1), .control("a"))
        XCTAssertEqual(KeyMap.key(forCharacter: 3), .control("c"), "Ctrl+C is a key, not a signal")
        XCTAssertEqual(KeyMap.key(forCharacter: 26), .control("z"))
        XCTAssertEqual(KeyMap.key(forCharacter: UInt32(("a" as Unicode.Scalar).value)), .text("a"))
        XCTAssertEqual(KeyMap.key(forCharacter: 0x1EC7), .text("ệ"))
        XCTAssertEqual(KeyMap.key(forCharacter: 0x302), .text("\u{302}"), "a combining mark on its own still comes through")
        for ignored: UInt32 in [0, 28, 31, 0x80, 0x85, 0x9F, 0xD800, 0x110000] {
            XCTAssertNil(KeyMap.key(forCharacter: ignored), "\(ignored)")
        }
    }

    func testKeyCodesBecomeKeys() {
        let expected: [(Int32, Key)] = [
            (KEY_ENTER, .enter), (KEY_BTAB, .backTab), (KEY_BACKSPACE, .backspace), (KEY_DC, .delete),
            (KEY_UP, .up), (KEY_SR, .up), (KEY_DOWN, .down), (KEY_SF, .down), (KEY_LEFT, .left), (KEY_SLEFT, .left),
            (KEY_RIGHT, .right), (KEY_SRIGHT, .right), (KEY_HOME, .home), (KEY_A1, .home), (KEY_END, .end), (KEY_LL, .end),
            (KEY_C1, .end), (KEY_PPAGE, .pageUp), (KEY_A3, .pageUp), (KEY_NPAGE, .pageDown), (KEY_C3, .pageDown),
            (KEY_F0 + 1, .function(1)), (KEY_F0 + 2, .function(2)), (KEY_F0 + 10, .function(10)), (KEY_F0 + 12, .function(12)),
        ]
        for (code, key) in expected { XCTAssertEqual(KeyMap.key(forKeyCode: code), key, "\(code)") }
        for ignored in [KEY_F0, KEY_F0 + 13, KEY_MOUSE, KEY_RESIZE, KEY_IC, 0] {
            XCTAssertNil(KeyMap.key(forKeyCode: ignored), "\(ignored)")
        }
    }

    func testABurstOfTextIsOneEventAndOnlyTheLastResizeCounts() {
        let events = coalesce([
            .key(.text("x")), .key(.text("i")), .key(.text("n")), .resize(width: 90, height: 30),
            .key(.text(" ")), .key(.text("c")), .key(.enter), .key(.text("e")), .key(.text("\u{302}")),
            .resize(width: 100, height: 40), .press(x: 1, y: 2), .key(.text("a")),
        ])
        // The first resize is dropped, so the text on both sides of it is one.
        XCTAssertEqual(describe(events), ["text xin c", "enter", "text ê", "resize 100x40", "press 1,2", "text a"])
        XCTAssertEqual(describe(coalesce([])), [])
    }

    func testATapIsOnePressAndASlideOrAnotherCellIsAnother() {
        var decoder = InputDecoder()
        // A tap: press and click at the same cell.
        XCTAssertEqual(describe(decoder.events(from: [.mouse(x: 3, y: 4, pressed: true, clicked: false),
                                                      .mouse(x: 3, y: 4, pressed: false, clicked: true)])), ["press 3,4"])
        // A click alone (the press came in an earlier read) is still the same tap.
        XCTAssertEqual(describe(decoder.events(from: [.mouse(x: 5, y: 5, pressed: true, clicked: false)])), ["press 5,5"])
        XCTAssertEqual(describe(decoder.events(from: [.mouse(x: 5, y: 5, pressed: false, clicked: true)])), [])
        // A click at another cell, or after a key, is a press of its own.
        XCTAssertEqual(describe(decoder.events(from: [.mouse(x: 1, y: 1, pressed: true, clicked: false),
                                                      .mouse(x: 2, y: 1, pressed: false, clicked: true)])), ["press 1,1", "press 2,1"])
        XCTAssertEqual(describe(decoder.events(from: [.mouse(x: 7, y: 7, pressed: true, clicked: false), .character(97),
                                                      .mouse(x: 7, y: 7, pressed: false, clicked: true)])), ["press 7,7", "text a", "press 7,7"])
        // A release brings nothing, and the press it follows stays pending.
        XCTAssertEqual(describe(decoder.events(from: [.mouse(x: 8, y: 8, pressed: true, clicked: false),
                                                      .mouse(x: 8, y: 8, pressed: false, clicked: false),
                                                      .mouse(x: 8, y: 8, pressed: false, clicked: true)])), ["press 8,8"])
    }

    func testSGRMouseReportsThatArriveAsCharactersArePresses() {
        var decoder = InputDecoder()
        func chars(_ s: String) -> [RawInput] { s.unicodeScalars.map { .character($0.value) } }
        // Column 150 and row 40 (from 1): beyond what the old encoding can say.
        XCTAssertEqual(describe(decoder.events(from: chars("\u{1B}[<0;150;40M\u{1B}[<0;150;40m"))), ["press 149,39"])
        // Wheel (64) and the right button (2) are not presses; the text around stays text.
        XCTAssertEqual(describe(decoder.events(from: chars("a\u{1B}[<64;10;5M\u{1B}[<2;3;3Mb"))), ["text ab"])
        // Not a report: what was typed is kept.
        XCTAssertEqual(describe(decoder.events(from: chars("\u{1B}[<x"))).last, "text [<x")
    }

    func testRawInputBecomesKeysTextAndResizes() {
        var decoder = InputDecoder()
        let inputs: [RawInput] = "Đi".unicodeScalars.map { .character($0.value) }
            + [.keyCode(KEY_F0 + 2), .keyCode(KEY_MOUSE), .character(0), .resize(width: 120, height: 40), .character(13)]
        XCTAssertEqual(describe(decoder.events(from: inputs)), ["text Đi", "function 2", "resize 120x40", "enter"])
    }
}

/// Events as short texts (Event is not Equatable: it carries effect results).
func describe(_ events: [Event]) -> [String] {
    events.map { event in
        switch event {
        case .key(.text(let t)): return "text \(t)"
        case .key(.function(let n)): return "function \(n)"
        case .key(let k): return "\(k)"
        case .press(let x, let y): return "press \(x),\(y)"
        case .resize(let w, let h): return "resize \(w)x\(h)"
        default: return "other"
        }
    }
}

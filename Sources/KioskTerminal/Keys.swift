import CNcursesw
import KioskUI

/// Turns what `get_wch` returns into Keys. Pure functions (the KEY_* numbers
/// are plain constants), so the table can be read and tested on its own.
///
/// | get_wch gives                                     | Key                  |
/// |---------------------------------------------------|----------------------|
/// | a printable character (not C0, DEL or C1)         | .text(that char)     |
/// | \r (13), \n (10), KEY_ENTER                       | .enter               |
/// | \t (9)                                            | .tab                 |
/// | KEY_BTAB (Shift+Tab)                              | .backTab             |
/// | 127, 8 (Ctrl+H), KEY_BACKSPACE                    | .backspace           |
/// | KEY_DC                                            | .delete              |
/// | 27 (alone, after ESCDELAY)                        | .escape              |
/// | KEY_UP/DOWN/LEFT/RIGHT (and shifted ones)         | .up/.down/.left/.right |
/// | KEY_HOME, KEY_A1; KEY_END, KEY_LL, KEY_C1          | .home; .end          |
/// | KEY_PPAGE, KEY_A3; KEY_NPAGE, KEY_C3               | .pageUp; .pageDown   |
/// | KEY_F(1)...KEY_F(12)                              | .function(n)         |
/// | 1...26 other than 8, 9, 10, 13                    | .control("a"..."z")  |
/// | 0, 28...31, C1 controls, other key codes          | nothing              |
///
/// KEY_RESIZE and KEY_MOUSE need curses calls and are handled by Terminal.
enum KeyMap {
    /// A character `get_wch` returned with OK.
    static func key(forCharacter value: UInt32) -> Key? {
        switch value {
        case 13, 10: return .enter
        case 9: return .tab
        case 8, 127: return .backspace
        case 27: return .escape
        case 1...26:
            // Ctrl+A is 1 … Ctrl+Z is 26.
            return .control(Character(Unicode.Scalar(UInt8(value) + 0x60)))
        case 0...31, 0x80...0x9F:
            return nil
        default:
            guard let scalar = Unicode.Scalar(value) else { return nil }
            return .text(String(Character(scalar)))
        }
    }

    /// A key code `get_wch` returned with KEY_CODE_YES.
    static func key(forKeyCode code: Int32) -> Key? {
        switch code {
        case KEY_ENTER: return .enter
        case KEY_BTAB: return .backTab
        case KEY_BACKSPACE: return .backspace
        case KEY_DC: return .delete
        case KEY_UP, KEY_SR: return .up
        case KEY_DOWN, KEY_SF: return .down
        case KEY_LEFT, KEY_SLEFT: return .left
        case KEY_RIGHT, KEY_SRIGHT: return .right
        case KEY_HOME, KEY_SHOME, KEY_A1: return .home
        case KEY_END, KEY_SEND, KEY_LL, KEY_C1: return .end
        case KEY_PPAGE, KEY_SPREVIOUS, KEY_A3: return .pageUp
        case KEY_NPAGE, KEY_SNEXT, KEY_C3: return .pageDown
        case KEY_F0 + 1...KEY_F0 + 12: return .function(Int(code - KEY_F0))
        default: return nil
        }
    }
}

/// Joins a burst of events the way the app wants them: neighbouring `.text`
/// keys become one (a paste arrives as one string; a combining mark typed or
/// pasted on its own joins the letter before it), and of several resizes
/// only the last one counts.
func coalesce(_ events: [Event]) -> [Event] {
    var out: [Event] = []
    out.reserveCapacity(events.count)
    let lastResize = events.lastIndex { if case .resize = $0 { return true } else { return false } }
    for (index, event) in events.enumerated() {
        switch event {
        case .key(.text(let text)):
            if case .key(.text(let previous))? = out.last {
                out[out.count - 1] = .key(.text(previous + text))
            } else {
                out.append(event)
            }
        case .resize:
            if index == lastResize { out.append(event) }
        default:
            out.append(event)
        }
    }
    return out
}

/// Turns raw input into Events: keys through `KeyMap`, resizes, and presses.
/// A press is BUTTON1_PRESSED, or BUTTON1_CLICKED unless it is the click
/// that follows the press just reported at the same cell (a tap may bring
/// both; a finger that slides brings no click at all). Any other input in
/// between makes the next click a press of its own.
struct InputDecoder {
    /// The cell of the last reported press, until another input comes.
    private var pendingPress: (x: Int, y: Int)?

    mutating func decode(_ input: RawInput, into events: inout [Event]) {
        switch input {
        case .character(let value):
            pendingPress = nil
            if let key = KeyMap.key(forCharacter: value) { events.append(.key(key)) }
        case .keyCode(let code):
            pendingPress = nil
            if let key = KeyMap.key(forKeyCode: code) { events.append(.key(key)) }
        case .resize(let width, let height):
            pendingPress = nil
            events.append(.resize(width: width, height: height))
        case .mouse(let x, let y, let pressed, let clicked):
            if pressed {
                events.append(.press(x: x, y: y))
                pendingPress = (x, y)
            } else if clicked {
                if let pending = pendingPress, pending.x == x, pending.y == y {
                    pendingPress = nil
                } else {
                    events.append(.press(x: x, y: y))
                    pendingPress = nil
                }
            }
            // Releases and other buttons: nothing, and a pending press stays.
        }
    }

    /// A burst of input as the app wants it (`coalesce`d).
    mutating func events(from inputs: [RawInput]) -> [Event] {
        var events: [Event] = []
        for input in Self.sgrMouse(inputs) { decode(input, into: &events) }
        return coalesce(events)
    }

    /// SGR mouse reports (`ESC [ < button ; column ; row M`, `m` on
    /// release) that reach the app as characters, because the terminfo
    /// entry knows only the older encoding, turned into mouse input: a press
    /// of the first button, or its release (ignored). Cells count from 1.
    static func sgrMouse(_ inputs: [RawInput]) -> [RawInput] {
        var out: [RawInput] = []
        var i = 0
        func char(_ k: Int) -> Character? {
            guard k < inputs.count, case .character(let v) = inputs[k], let s = Unicode.Scalar(v) else { return nil }
            return Character(s)
        }
        while i < inputs.count {
            if char(i) == "\u{1B}", char(i + 1) == "[", char(i + 2) == "<" {
                var j = i + 3
                var text = ""
                while let c = char(j), c.isASCII, c.isNumber || c == ";" { text.append(c); j += 1 }
                let numbers = text.split(separator: ";").compactMap { Int($0) }
                if let end = char(j), end == "M" || end == "m", numbers.count == 3 {
                    // Button 0 pressed; motion, wheel and other buttons carry
                    // other bits and are not presses.
                    if end == "M" && numbers[0] == 0 {
                        out.append(.mouse(x: numbers[1] - 1, y: numbers[2] - 1, pressed: true, clicked: false))
                    }
                    i = j + 1
                    continue
                }
            }
            out.append(inputs[i])
            i += 1
        }
        return out
    }
}

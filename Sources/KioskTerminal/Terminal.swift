import CNcursesw
import KioskCore
import KioskUI

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Why the terminal could not be started, in both languages. The kiosk prints
/// it and exits (or falls back to a line-by-line mode).
public struct TerminalError: Error, Sendable, CustomStringConvertible {
    public enum Reason: Sendable, Equatable {
        /// Standard input or output is not a terminal (redirected, a pipe, a service without a tty).
        case notATerminal
        /// curses could not start on this terminal type (TERM unset, unknown, or no terminfo entry).
        case cannotStart(terminalType: String)
        /// The terminal cannot move its cursor to a cell (TERM=dumb, a printing terminal).
        case cannotAddressCursor(terminalType: String)
        /// Another Terminal is already running in this process.
        case alreadyActive
    }

    public let reason: Reason
    public let message: LocalizedText

    init(_ reason: Reason) {
        self.reason = reason
        switch reason {
        case .notATerminal:
            message = LocalizedText(
                vi: "Ki-ốt cần chạy trên một màn hình dòng lệnh (terminal): đầu vào và đầu ra chuẩn không được chuyển hướng.",
                en: "The kiosk needs a terminal: standard input and output must not be redirected.")
        case .cannotStart(let term) where term.isEmpty:
            message = LocalizedText(
                vi: "Không khởi động được màn hình: biến TERM chưa được đặt (ví dụ TERM=linux hoặc TERM=xterm-256color).",
                en: "Cannot start the screen: the TERM variable is not set (for example TERM=linux or TERM=xterm-256color).")
        case .cannotStart(let term):
            message = LocalizedText(
                vi: "Không khởi động được màn hình trên loại terminal \"\(term)\". Hãy kiểm tra biến TERM.",
                en: "Cannot start the screen on terminal type \"\(term)\". Check the TERM variable.")
        case .cannotAddressCursor(let term):
            message = LocalizedText(
                vi: "Loại terminal \"\(term)\" không di chuyển được con trỏ; hãy dùng chế độ từng dòng.",
                en: "Terminal type \"\(term)\" cannot move its cursor; use the line-by-line mode.")
        case .alreadyActive:
            message = LocalizedText(
                vi: "Màn hình đang được dùng bởi một phiên khác trong chương trình.",
                en: "The screen is already in use by another Terminal in this program.")
        }
    }

    public var description: String { "\(message.en)\n\(message.vi)" }
}

// MARK: - Process-wide state for the signal handlers and atexit

// The handlers may only touch plain memory and endwin, so the state they
// read is a flag and a fixed array of the dispositions they replaced.
// Both are written only while no handler of ours is installed, or by
// the handlers themselves.

/// 1 while curses owns the terminal (between newterm and endwin).
nonisolated(unsafe) private var cursesActive: Int32 = 0
/// The disposition each signal had before ours, indexed by signal number.
nonisolated(unsafe) private var previousActions = UnsafeMutablePointer<sigaction>.allocate(capacity: signalSlots)
private let signalSlots = 65
nonisolated(unsafe) private var atExitRegistered = false

/// Signals that end the process: restore the terminal, then let the old
/// disposition (normally the default: death by that signal, so a shell sees
/// 128 + n: 130 for SIGINT, 143 for SIGTERM) act.
private let terminatingSignals: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT]
/// Crashes (a Swift trap is SIGILL or SIGTRAP): restore the terminal, then
/// hand the signal to whoever had it (Swift's backtracer, or the default).
private let crashSignals: [Int32] = [SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP]

/// The handler: endwin if curses is on, put back the previous disposition
/// and deliver the signal again. The signal is blocked while this runs, so
/// `raise` leaves it pending and the previous disposition acts when this
/// returns. A fault the kernel raised (a bad address, a Swift trap) is not
/// raised again: returning re-runs the faulting instruction, which faults
/// anew under the previous disposition (Swift's backtracer) with its real
/// address in siginfo.
/// (endwin is not on POSIX's async-signal-safe list; ending curses from the
/// handler is the usual compromise and what ncurses itself does.)
private func restoreTerminalAndReraise(
    _ signal: Int32, _ info: UnsafeMutablePointer<siginfo_t>?, _ context: UnsafeMutableRawPointer?
) {
    if cursesActive != 0 {
        cursesActive = 0
        _ = endwin()
    }
    if signal > 0 && Int(signal) < signalSlots {
        _ = sigaction(signal, previousActions + Int(signal), nil)
    }
    let fault = signal == SIGSEGV || signal == SIGBUS || signal == SIGILL || signal == SIGFPE
    if fault {
        if let info, info.pointee.si_code > 0 { return }
        // Sent by kill(): no instruction to re-run, and Swift's crash handler
        // returns from such a signal, so take the default action (death).
        var byDefault = sigaction()
        _ = sigaction(signal, &byDefault, nil)
    }
    _ = raise(signal)
}

private func restoreTerminalAtExit() {
    if cursesActive != 0 {
        cursesActive = 0
        _ = endwin()
    }
}

/// Installs the handlers; returns the signals it took over. A terminating
/// signal that was ignored (nohup) stays ignored.
private func installSignalHandlers() -> [Int32] {
    var installed: [Int32] = []
    for signal in terminatingSignals + crashSignals {
        var old = sigaction()
        guard sigaction(signal, nil, &old) == 0 else { continue }
        if terminatingSignals.contains(signal) && isIgnored(old) { continue }
        previousActions[Int(signal)] = old
        var action = sigaction()
        #if canImport(Darwin)
        action.__sigaction_u.__sa_sigaction = restoreTerminalAndReraise
        #else
        action.__sigaction_handler.sa_sigaction = restoreTerminalAndReraise
        #endif
        sigfillset(&action.sa_mask)
        action.sa_flags = Int32(SA_SIGINFO | SA_ONSTACK)
        if sigaction(signal, &action, nil) == 0 { installed.append(signal) }
    }
    return installed
}

private func isIgnored(_ action: sigaction) -> Bool {
    #if canImport(Darwin)
    let handler = action.__sigaction_u.__sa_handler
    #else
    let handler = action.__sigaction_handler.sa_handler
    #endif
    guard let handler else { return false }
    return unsafeBitCast(handler, to: Int.self) == 1  // SIG_IGN
}

private func restoreSignalHandlers(_ signals: [Int32]) {
    for signal in signals {
        _ = sigaction(signal, previousActions + Int(signal), nil)
    }
}

// MARK: - Terminal

/// The ncurses driver: draws Screens (only the cells that changed) and reads
/// keys, finger presses and resizes as Events. One at a time per process.
///
/// It owns the terminal from `init` to `shutdown`, and gives it back on every
/// way out: `shutdown` (call it in a `defer`), deinit, `exit` (atexit),
/// SIGINT / SIGTERM / SIGHUP / SIGQUIT (the process then dies of that signal,
/// status 130 / 143 / …), and crashes (SIGSEGV, SIGILL, SIGTRAP, SIGABRT, …,
/// which then go on to Swift's backtracer or the default action). SIGTSTP and
/// SIGCONT are left to ncurses, which puts the terminal back before stopping
/// and repaints on continue (input is raw, so only `kill -TSTP` stops it; a
/// typed Ctrl+Z arrives as `.control("z")`, Ctrl+C as `.control("c")`).
public final class Terminal {
    private let theme: KioskConfig.Theme
    private var screenPointer: OpaquePointer?
    private var window: UnsafeMutablePointer<WINDOW>?
    private var active = false
    private var installedSignals: [Int32] = []

    /// curses attributes and pair for each StyleRole, by raw value.
    private var roleAttributes: [attr_t] = []
    private var rolePairs: [Int16] = []
    private let boldAttribute = kiosk_attr_bold()
    private let underlineAttribute = kiosk_attr_underline()

    /// The last frame drawn; nil means "draw everything next time".
    private var lastFrame: Screen?
    private var clearNextFrame = false
    private var cursorVisible = false
    /// The cell of the last reported press, until another event comes: a
    /// CLICKED there right after it is the same tap.
    private var pendingPress: (x: Int, y: Int)?
    private var lastSize: (width: Int, height: Int) = (0, 0)
    /// Reused buffer of wide characters for setcchar.
    private var wideBuffer: [wchar_t] = []

    /// What the terminal can show, as found at start-up.
    let colorSupport: ColorSupport
    /// Whether colour -1 (the terminal's own) may be used in pairs.
    private let defaultColors: Bool

    public init(theme: KioskConfig.Theme) throws {
        self.theme = theme
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            throw TerminalError(.notATerminal)
        }
        guard cursesActive == 0 else { throw TerminalError(.alreadyActive) }

        // Wide characters need a UTF-8 locale. A kiosk started by a service
        // manager often has no LANG at all: fall back to C.UTF-8. Numbers stay
        // in the C locale, so no C library starts writing "1,5" for 1.5.
        _ = setlocale(LC_ALL, "")
        if !Terminal.localeIsUTF8() { _ = setlocale(LC_CTYPE, "C.UTF-8") }
        _ = setlocale(LC_NUMERIC, "C")

        // Ours before newterm: ncurses then leaves SIGINT/SIGTERM alone
        // (its own handler would exit with status 1).
        _ = previousActions  // initialise the global outside any handler
        installedSignals = installSignalHandlers()

        let terminalType = getenv("TERM").map { String(cString: $0) } ?? ""
        // newterm, not initscr: initscr prints and exits when it fails.
        guard let screen = kiosk_newterm() else {
            restoreSignalHandlers(installedSignals)
            throw TerminalError(.cannotStart(terminalType: terminalType))
        }
        cursesActive = 1
        guard kiosk_has_cursor_address() != 0 else {
            _ = endwin()
            cursesActive = 0
            delscreen(screen)
            restoreSignalHandlers(installedSignals)
            throw TerminalError(.cannotAddressCursor(terminalType: terminalType))
        }
        screenPointer = screen
        let win = kiosk_stdscr()
        window = win
        if !atExitRegistered {
            atExitRegistered = true
            atexit(restoreTerminalAtExit)
        }

        _ = raw()
        _ = noecho()
        _ = nonl()
        _ = keypad(win, true)
        _ = intrflush(win, false)
        _ = meta(win, true)
        _ = set_escdelay(25)
        _ = mousemask(kiosk_button1_pressed() | kiosk_button1_clicked(), nil)
        _ = mouseinterval(0)
        _ = curs_set(0)

        // Colours, unless asked not to (NO_COLOR: any value, even empty).
        var support = ColorSupport.attributesOnly
        var defaultColors = false
        if getenv("NO_COLOR") == nil && has_colors() {
            _ = start_color()
            defaultColors = use_default_colors() == OK
            if kiosk_colors() >= 8 && Int(kiosk_color_pairs()) > StyleRole.allCases.count {
                support = .colors(count: Int(kiosk_colors()))
            }
        }
        colorSupport = support
        self.defaultColors = defaultColors
        setUpRoles()
        lastSize = (Int(kiosk_cols(win)), Int(kiosk_lines(win)))
        active = true
    }

    deinit { shutdown() }

    private static func localeIsUTF8() -> Bool {
        guard let codeset = nl_langinfo(nl_item(CODESET)) else { return false }
        let name = String(cString: codeset).uppercased()
        return name == "UTF-8" || name == "UTF8"
    }

    /// The video attributes this terminal can show.
    private static func availableAttributes() -> Attributes {
        let supported = term_attrs()
        var available: Attributes = []
        if supported & kiosk_attr_bold() != 0 { available.insert(.bold) }
        if supported & kiosk_attr_underline() != 0 { available.insert(.underline) }
        if supported & kiosk_attr_reverse() != 0 { available.insert(.reverse) }
        if supported & kiosk_attr_dim() != 0 { available.insert(.dim) }
        return available
    }

    private func setUpRoles() {
        let looks = RolePalette.looks(theme: theme, support: colorSupport, available: Terminal.availableAttributes())
        roleAttributes = []
        rolePairs = []
        for (index, look) in looks.enumerated() {
            var attributes = kiosk_attr_normal()
            if look.attributes.contains(.bold) { attributes |= kiosk_attr_bold() }
            if look.attributes.contains(.underline) { attributes |= kiosk_attr_underline() }
            if look.attributes.contains(.reverse) { attributes |= kiosk_attr_reverse() }
            if look.attributes.contains(.dim) { attributes |= kiosk_attr_dim() }
            roleAttributes.append(attributes)
            var pair: Int16 = 0
            if case .colors = colorSupport {
                pair = Int16(index + 1)
                var foreground = look.foreground.rawValue
                var background = look.background.rawValue
                if !defaultColors {
                    if foreground < 0 { foreground = TerminalColor.white.rawValue }
                    if background < 0 { background = TerminalColor.black.rawValue }
                }
                _ = init_pair(pair, foreground, background)
            }
            rolePairs.append(pair)
        }
        // Blank cells (werase, cells outside the Screen) take the normal look.
        var blank = cchar_t()
        let space: [wchar_t] = [0x20]
        _ = kiosk_setcchar(&blank, space, 1, roleAttributes[0], rolePairs[0])
        wbkgrndset(window, &blank)
    }

    // MARK: Size

    public var size: (width: Int, height: Int) {
        guard active, let window else { return lastSize }
        return (Int(kiosk_cols(window)), Int(kiosk_lines(window)))
    }

    // MARK: Drawing

    /// Forgets the last frame so the next draw redraws everything, and
    /// repaints the whole terminal then (after a resize, or when something
    /// else wrote over the screen).
    public func invalidate() {
        lastFrame = nil
        clearNextFrame = true
    }

    public func draw(_ screen: Screen) {
        guard active, let window else { return }
        let columns = Int(kiosk_cols(window))
        let rows = Int(kiosk_lines(window))
        let fresh = lastFrame.map { $0.width != screen.width || $0.height != screen.height } ?? true
        if fresh {
            // Whatever the Screen does not cover must not keep an old frame.
            _ = werase(window)
        }
        if clearNextFrame {
            _ = clearok(window, true)
            clearNextFrame = false
        }
        let drawableWidth = min(screen.width, columns)
        for span in Terminal.spansToDraw(screen, previous: fresh ? nil : lastFrame) where span.y < rows {
            let end = min(span.x + span.count, drawableWidth)
            var x = span.x
            while x < end {
                x += drawCell(of: screen, x: x, y: span.y, drawableWidth: drawableWidth)
            }
        }
        if let cursor = screen.cursor, cursor.x >= 0, cursor.y >= 0, cursor.x < drawableWidth,
            cursor.y < min(rows, screen.height)
        {
            _ = wmove(window, Int32(cursor.y), Int32(cursor.x))
            setCursorVisible(true)
        } else {
            setCursorVisible(false)
        }
        _ = wnoutrefresh(window)
        _ = doupdate()
        lastFrame = screen
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

    /// Draws the cell at (x, y) and returns the columns it took (1 or 2).
    private func drawCell(of screen: Screen, x: Int, y: Int, drawableWidth: Int) -> Int {
        let cell = screen[x, y]
        if cell.continuation {
            // The left half drew it, unless the left half is missing.
            if x > 0 && !screen[x - 1, y].continuation { return 1 }
            put(" ", width: 1, style: cell.style, x: x, y: y)
            return 1
        }
        let wide = x + 1 < screen.width && screen[x + 1, y].continuation
        if wide && x + 1 >= drawableWidth {
            // Half of it would hang off the terminal's edge.
            put(" ", width: 1, style: cell.style, x: x, y: y)
            return 1
        }
        put(cell.grapheme, width: wide ? 2 : 1, style: cell.style, x: x, y: y)
        return wide ? 2 : 1
    }

    /// Writes one grapheme cluster as a cchar_t (base character plus its
    /// combining marks, NFC first) filling `width` columns. When the C
    /// library measures it differently from the Screen (an emoji newer than
    /// its tables, a lone control), a stand-in of the right width is drawn so
    /// the rest of the line stays where the Screen put it.
    private func put(_ grapheme: String, width: Int, style: Style, x: Int, y: Int) {
        guard let window else { return }
        let text = grapheme.isEmpty ? " " : VietnameseText.normalize(grapheme)
        wideBuffer.removeAll(keepingCapacity: true)
        for scalar in text.unicodeScalars { wideBuffer.append(wchar_t(bitPattern: scalar.value)) }
        var padWithSpace = false
        let measured = kiosk_wcwidth(wideBuffer[0])
        if Int(measured) != width {
            if measured == 1 && width == 2 {
                // e.g. "❤️": wide to Swift (emoji presentation), narrow to libc.
                wideBuffer = [wideBuffer[0]]
                padWithSpace = true
            } else {
                wideBuffer = [wchar_t(UInt8(ascii: "?"))]
                padWithSpace = width == 2
            }
        }
        var attributes = roleAttributes[Int(style.role.rawValue)]
        if style.bold { attributes |= boldAttribute }
        if style.underline { attributes |= underlineAttribute }
        let pair = rolePairs[Int(style.role.rawValue)]
        var character = cchar_t()
        let count = Int32(wideBuffer.count)
        _ = wideBuffer.withUnsafeBufferPointer { kiosk_setcchar(&character, $0.baseAddress, count, attributes, pair) }
        _ = wmove(window, Int32(y), Int32(x))
        _ = wadd_wch(window, &character)
        if padWithSpace {
            var blank = cchar_t()
            let space: [wchar_t] = [0x20]
            _ = kiosk_setcchar(&blank, space, 1, attributes, pair)
            _ = wmove(window, Int32(y), Int32(x + 1))
            _ = wadd_wch(window, &blank)
        }
    }

    private func setCursorVisible(_ visible: Bool) {
        guard visible != cursorVisible else { return }
        cursorVisible = visible
        _ = curs_set(visible ? 1 : 0)
    }

    // MARK: Input

    /// Most characters read in one call: a long paste comes in several calls.
    private static let burstLimit = 4096

    public func readEvents(timeoutMilliseconds: Int) -> [Event] {
        guard active, let window else { return [] }
        wtimeout(window, timeoutMilliseconds < 0 ? -1 : Int32(clamping: timeoutMilliseconds))
        var value: wint_t = 0
        var status = wget_wch(window, &value)
        guard status != ERR else { return [] }
        // Then take whatever else is already waiting (the rest of a paste).
        wtimeout(window, 0)
        var events: [Event] = []
        var reads = 0
        while status != ERR && reads < Terminal.burstLimit {
            translate(status: status, value: value, into: &events)
            reads += 1
            status = wget_wch(window, &value)
        }
        return coalesce(events)
    }

    private func translate(status: Int32, value: wint_t, into events: inout [Event]) {
        if status == KEY_CODE_YES {
            let code = Int32(bitPattern: value)
            switch code {
            case KEY_MOUSE:
                readMouse(into: &events)
                return
            case KEY_RESIZE:
                // ncurses has already resized its windows.
                let size = self.size
                lastSize = size
                invalidate()
                pendingPress = nil
                events.append(.resize(width: size.width, height: size.height))
                return
            default:
                pendingPress = nil
                if let key = KeyMap.key(forKeyCode: code) { events.append(.key(key)) }
            }
        } else {
            pendingPress = nil
            if let key = KeyMap.key(forCharacter: value) { events.append(.key(key)) }
        }
    }

    /// BUTTON1_PRESSED is a press; BUTTON1_CLICKED is one too unless it is the
    /// click that follows the press just reported at the same cell (a tap may
    /// bring both; a finger that slides brings no click at all).
    private func readMouse(into events: inout [Event]) {
        var event = MEVENT()
        guard getmouse(&event) == OK else { return }
        let x = Int(event.x)
        let y = Int(event.y)
        if event.bstate & kiosk_button1_pressed() != 0 {
            events.append(.press(x: x, y: y))
            pendingPress = (x, y)
        } else if event.bstate & kiosk_button1_clicked() != 0 {
            if let pending = pendingPress, pending.x == x, pending.y == y {
                pendingPress = nil
            } else {
                events.append(.press(x: x, y: y))
                pendingPress = nil
            }
        }
        // Releases and other buttons: nothing, and a pending press stays.
    }

    // MARK: Bell and shutdown

    /// Rings the terminal's bell (a refused key).
    public func beep() {
        guard active else { return }
        _ = CNcursesw.beep()
    }

    /// Gives the terminal back: clears the screen (it may show personal data),
    /// shows the cursor, leaves curses mode. Safe to call more than once.
    public func shutdown() {
        guard active else { return }
        active = false
        if cursesActive != 0, let window {
            _ = werase(window)
            _ = wrefresh(window)
            _ = curs_set(1)
            _ = endwin()
            cursesActive = 0
        }
        if let screenPointer { delscreen(screenPointer) }
        screenPointer = nil
        window = nil
        restoreSignalHandlers(installedSignals)
        installedSignals = []
    }
}

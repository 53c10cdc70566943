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

// MARK: - The curses driver

/// The driver of a real terminal: ncursesw, wide characters as `cchar_t`.
/// One at a time per process.
///
/// It owns the terminal from `init` to `shutdown`, and gives it back on every
/// way out: `shutdown` (call it in a `defer`), deinit, `exit` (atexit),
/// SIGINT / SIGTERM / SIGHUP / SIGQUIT (the process then dies of that signal,
/// status 130 / 143 / …), and crashes (SIGSEGV, SIGILL, SIGTRAP, SIGABRT, …,
/// which then go on to Swift's backtracer or the default action). SIGTSTP and
/// SIGCONT are left to ncurses, which puts the terminal back before stopping
/// and repaints on continue (input is raw, so only `kill -TSTP` stops it; a
/// typed Ctrl+Z arrives as `.control("z")`, Ctrl+C as `.control("c")`).
final class CursesDriver: TerminalDriver {
    private var screenPointer: OpaquePointer?
    private var window: UnsafeMutablePointer<WINDOW>?
    private var active = false
    private var installedSignals: [Int32] = []

    /// curses attributes and pair for each StyleRole, by raw value.
    private var rolePairs: [Int16] = []
    private var cursorVisible = false
    private var lastSize: (width: Int, height: Int) = (0, 0)
    /// Colour pairs made for picture cells, by colours; the pairs after the
    /// roles' up to the terminal's last (at most 32767, setcchar's short).
    /// When all are taken the oldest is given again (a preview's few
    /// hundred pairs fit many times in xterm's 32767).
    private var pixelPairs: [PixelColors: Int16] = [:]
    private var pixelPairOrder: [PixelColors] = []
    /// Reused buffer of wide characters for setcchar.
    private var wideBuffer: [wchar_t] = []

    let colorSupport: ColorSupport
    let availableAttributes: Attributes
    /// Whether colour -1 (the terminal's own) may be used in pairs.
    private let defaultColors: Bool

    init() throws(TerminalError) {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            throw TerminalError(.notATerminal)
        }
        guard cursesActive == 0 else { throw TerminalError(.alreadyActive) }

        // Wide characters need a UTF-8 locale. A kiosk started by a service
        // manager often has no LANG at all: fall back to C.UTF-8. Numbers stay
        // in the C locale, so no C library starts writing "1,5" for 1.5.
        _ = setlocale(LC_ALL, "")
        if !CursesDriver.localeIsUTF8() { _ = setlocale(LC_CTYPE, "C.UTF-8") }
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
        // SGR reports (1006) where the terminal has them: ncurses decodes
        // them when its terminfo says so, else InputDecoder does.
        kiosk_sgr_mouse(1)
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
        availableAttributes = CursesDriver.termAttributes()
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
    private static func termAttributes() -> Attributes {
        let supported = term_attrs()
        var available: Attributes = []
        if supported & kiosk_attr_bold() != 0 { available.insert(.bold) }
        if supported & kiosk_attr_underline() != 0 { available.insert(.underline) }
        if supported & kiosk_attr_reverse() != 0 { available.insert(.reverse) }
        if supported & kiosk_attr_dim() != 0 { available.insert(.dim) }
        return available
    }

    private static func cursesAttributes(_ a: Attributes) -> attr_t {
        var attributes = kiosk_attr_normal()
        if a.contains(.bold) { attributes |= kiosk_attr_bold() }
        if a.contains(.underline) { attributes |= kiosk_attr_underline() }
        if a.contains(.reverse) { attributes |= kiosk_attr_reverse() }
        if a.contains(.dim) { attributes |= kiosk_attr_dim() }
        return attributes
    }

    func setLooks(_ looks: [RoleLook]) {
        rolePairs = []
        for (index, look) in looks.enumerated() {
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
        _ = kiosk_setcchar(&blank, space, 1, CursesDriver.cursesAttributes(looks[0].attributes), rolePairs[0])
        wbkgrndset(window, &blank)
    }

    var size: (width: Int, height: Int) {
        guard active, let window else { return lastSize }
        return (Int(kiosk_cols(window)), Int(kiosk_lines(window)))
    }

    // MARK: Drawing

    func erase() {
        guard active, let window else { return }
        _ = werase(window)
    }

    func repaintOnRefresh() {
        guard active, let window else { return }
        _ = clearok(window, true)
    }

    /// Writes one grapheme cluster as a cchar_t (base character plus its
    /// combining marks) filling `width` columns. When the C library measures
    /// it differently from the Screen (an emoji newer than its tables, a lone
    /// control), a stand-in of the right width is drawn so the rest of the
    /// line stays where the Screen put it.
    func write(_ cell: CellWrite) {
        guard active, let window else { return }
        wideBuffer.removeAll(keepingCapacity: true)
        for scalar in cell.grapheme.unicodeScalars { wideBuffer.append(wchar_t(bitPattern: scalar.value)) }
        if wideBuffer.isEmpty { wideBuffer.append(0x20) }
        var padWithSpace = false
        let measured = kiosk_wcwidth(wideBuffer[0])
        if Int(measured) != cell.width {
            if measured == 1 && cell.width == 2 {
                // e.g. "❤️": wide to Swift (emoji presentation), narrow to libc.
                wideBuffer = [wideBuffer[0]]
                padWithSpace = true
            } else {
                wideBuffer = [wchar_t(UInt8(ascii: "?"))]
                padWithSpace = cell.width == 2
            }
        }
        let attributes = CursesDriver.cursesAttributes(cell.attributes)
        var pair = rolePairs.isEmpty ? 0 : rolePairs[Int(cell.role.rawValue)]
        if let colors = cell.colors, let p = pixelPair(colors) { pair = p }
        var character = cchar_t()
        let count = Int32(wideBuffer.count)
        _ = wideBuffer.withUnsafeBufferPointer { kiosk_setcchar(&character, $0.baseAddress, count, attributes, pair) }
        _ = wmove(window, Int32(cell.y), Int32(cell.x))
        _ = wadd_wch(window, &character)
        if padWithSpace {
            var blank = cchar_t()
            let space: [wchar_t] = [0x20]
            _ = kiosk_setcchar(&blank, space, 1, attributes, pair)
            _ = wmove(window, Int32(cell.y), Int32(cell.x + 1))
            _ = wadd_wch(window, &blank)
        }
    }

    /// The colour pair of a picture cell's two colours: made once, kept in a
    /// bounded cache. Nil when the terminal has no pair to spare.
    private func pixelPair(_ colors: PixelColors) -> Int16? {
        if let pair = pixelPairs[colors] { return pair }
        let first = rolePairs.count + 1
        let last = min(Int(kiosk_color_pairs()) - 1, Int(Int16.max))
        guard case .colors = colorSupport, last >= first else { return nil }
        let pair: Int16
        if pixelPairs.count < last - first + 1 {
            pair = Int16(first + pixelPairs.count)
        } else {
            let oldest = pixelPairOrder.removeFirst()
            pair = pixelPairs.removeValue(forKey: oldest)!
        }
        _ = init_pair(pair, colors.foreground, colors.background)
        pixelPairs[colors] = pair
        pixelPairOrder.append(colors)
        return pair
    }

    func setCursor(_ position: (x: Int, y: Int)?) {
        guard active, let window else { return }
        if let position { _ = wmove(window, Int32(position.y), Int32(position.x)) }
        let visible = position != nil
        guard visible != cursorVisible else { return }
        cursorVisible = visible
        _ = curs_set(visible ? 1 : 0)
    }

    func refresh() {
        guard active, let window else { return }
        _ = wnoutrefresh(window)
        _ = doupdate()
    }

    // MARK: Input

    func readInput(timeoutMilliseconds: Int, limit: Int) -> [RawInput] {
        guard active, let window else { return [] }
        wtimeout(window, timeoutMilliseconds < 0 ? -1 : Int32(clamping: timeoutMilliseconds))
        var value: wint_t = 0
        var status = wget_wch(window, &value)
        guard status != ERR else { return [] }
        // Then take whatever else is already waiting (the rest of a paste).
        wtimeout(window, 0)
        var inputs: [RawInput] = []
        var reads = 0
        while status != ERR && reads < limit {
            if let input = translate(status: status, value: value) { inputs.append(input) }
            reads += 1
            status = wget_wch(window, &value)
        }
        return inputs
    }

    private func translate(status: Int32, value: wint_t) -> RawInput? {
        guard status == KEY_CODE_YES else { return .character(UInt32(value)) }
        let code = Int32(bitPattern: value)
        switch code {
        case KEY_MOUSE:
            var event = MEVENT()
            guard getmouse(&event) == OK else { return nil }
            return .mouse(x: Int(event.x), y: Int(event.y),
                          pressed: event.bstate & kiosk_button1_pressed() != 0,
                          clicked: event.bstate & kiosk_button1_clicked() != 0)
        case KEY_RESIZE:
            // ncurses has already resized its windows.
            let size = self.size
            lastSize = size
            return .resize(width: size.width, height: size.height)
        default:
            return .keyCode(code)
        }
    }

    // MARK: Bell and shutdown

    func beep() {
        guard active else { return }
        _ = CNcursesw.beep()
    }

    /// Clears the screen (it may show personal data), shows the cursor,
    /// leaves curses mode. Safe to call more than once.
    func shutdown() {
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

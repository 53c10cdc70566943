import KioskCore
import KioskUI


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

// MARK: - Terminal

/// Draws Screens (only the cells that changed) and reads keys, finger
/// presses and resizes as Events, through a `TerminalDriver`: curses on the
/// process's terminal (`init(theme:)`; one at a time per process, given back
/// on every way out, see `CursesDriver`), or memory in tests.
public final class Terminal {
    private let driver: any TerminalDriver
    /// How each StyleRole looks here, by raw value.
    private let looks: [RoleLook]
    /// How picture cells (page previews) are shown here.
    private let pixels: PixelMode
    /// The last frame drawn; nil means "draw everything next time".
    private var lastFrame: Screen?
    private var clearNextFrame = false
    private var decoder = InputDecoder()

    /// What the terminal can show, as found at start-up.
    var colorSupport: ColorSupport { driver.colorSupport }

    /// The process's terminal, through curses.
    public convenience init(theme: KioskConfig.Theme) throws {
        try self.init(driver: CursesDriver(), theme: theme)
    }

    init(driver: any TerminalDriver, theme: KioskConfig.Theme) {
        self.driver = driver
        looks = RolePalette.looks(theme: theme, support: driver.colorSupport, available: driver.availableAttributes)
        pixels = PixelMode(theme: theme, support: driver.colorSupport)
        driver.setLooks(looks)
    }

    deinit { driver.shutdown() }

    public var size: (width: Int, height: Int) { driver.size }

    // MARK: Drawing

    /// Forgets the last frame so the next draw redraws everything, and
    /// repaints the whole terminal then (after a resize, or when something
    /// else wrote over the screen).
    public func invalidate() {
        lastFrame = nil
        clearNextFrame = true
    }

    public func draw(_ screen: Screen) {
        let size = driver.size
        let plan = FramePlan(screen, previous: lastFrame, columns: size.width, rows: size.height, looks: looks, pixels: pixels)
        // Whatever the Screen does not cover must not keep an old frame.
        if plan.erase { driver.erase() }
        if clearNextFrame {
            driver.repaintOnRefresh()
            clearNextFrame = false
        }
        for write in plan.writes { driver.write(write) }
        driver.setCursor(plan.cursorPosition.map { ($0.x, $0.y) })
        driver.refresh()
        lastFrame = screen
    }

    // MARK: Input

    /// Most characters read in one call: a long paste comes in several calls.
    static let burstLimit = 4096

    public func readEvents(timeoutMilliseconds: Int) -> [Event] {
        var inputs = driver.readInput(timeoutMilliseconds: timeoutMilliseconds, limit: Terminal.burstLimit)
        // What could be a keyboard-mode scanner's card code: read on while
        // its keys keep coming fast (`KeyBurst`).
        while KeyBurst.mayContinue(inputs) {
            let more = driver.readInput(timeoutMilliseconds: KeyBurst.gapMilliseconds, limit: Terminal.burstLimit - inputs.count)
            if more.isEmpty { break }
            inputs += more
        }
        // A resize: the next frame is drawn whole.
        if inputs.contains(where: { if case .resize = $0 { return true } else { return false } }) { invalidate() }
        if let (payload, rest) = KeyBurst.take(&inputs) {
            return [.scan(payload)] + decoder.events(from: rest)
        }
        return decoder.events(from: inputs)
    }

    // MARK: Bell and shutdown

    /// Rings the terminal's bell (a refused key).
    public func beep() { driver.beep() }

    /// Gives the terminal back: clears the screen (it may show personal data),
    /// shows the cursor, leaves curses mode. Safe to call more than once.
    public func shutdown() { driver.shutdown() }
}

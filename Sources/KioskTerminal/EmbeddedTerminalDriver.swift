import KioskUI

/// A terminal in memory, after swift-nio's EmbeddedChannel: a `Terminal`
/// built on it draws into a grid of cells a test can read, and reads the
/// input a test queued. Nothing touches a tty, so it runs anywhere.
final class EmbeddedTerminalDriver: TerminalDriver {
    /// One cell of the grid as last written.
    struct Cell: Equatable {
        var grapheme = " "
        var role = StyleRole.normal
        var attributes: Attributes = []
        /// The right half of a wide character written to its left.
        var continuation = false
        /// A picture cell's own colours.
        var colors: PixelColors? = nil
    }

    private(set) var size: (width: Int, height: Int)
    let colorSupport: ColorSupport
    let availableAttributes: Attributes
    private(set) var looks: [RoleLook] = []
    private(set) var grid: [[Cell]]
    /// Where the cursor stands, nil when hidden.
    private(set) var cursor: (x: Int, y: Int)?
    /// Every cell written since the last `refresh`, in order, and those of
    /// the last refreshed frame.
    private(set) var pendingWrites: [CellWrite] = []
    private(set) var lastFrameWrites: [CellWrite] = []
    private(set) var refreshes = 0
    private(set) var erases = 0
    private(set) var repaints = 0
    private(set) var bells = 0
    private(set) var isShutDown = false
    private var repaintPending = false
    /// Input waiting to be read, in order.
    private var input: [RawInput] = []
    /// The driver's clock in milliseconds: a test's time, moved on only by
    /// `readInput` waiting (never the real clock).
    private(set) var milliseconds = 0
    /// Input that arrives later, by the time it arrives.
    private var scheduled: [(at: Int, input: RawInput)] = []

    init(width: Int = 80, height: Int = 24, colorSupport: ColorSupport = .colors(count: 256), availableAttributes: Attributes = .all) {
        size = (width, height)
        self.colorSupport = colorSupport
        self.availableAttributes = availableAttributes
        grid = Self.blankGrid(width, height)
    }

    private static func blankGrid(_ width: Int, _ height: Int) -> [[Cell]] {
        Array(repeating: Array(repeating: Cell(), count: max(0, width)), count: max(0, height))
    }

    // MARK: What a test does

    /// Queues input, as if typed, pressed or resized at the terminal.
    func feed(_ inputs: RawInput...) { feed(inputs) }

    func feed(_ inputs: [RawInput]) {
        for i in inputs {
            if case .resize(let width, let height) = i { resize(width: width, height: height) }
        }
        input += inputs
    }

    /// Typed text, one character input per Unicode scalar.
    func feed(typing text: String) { feed(text.unicodeScalars.map { .character($0.value) }) }

    /// Text that arrives key by key, `gap` milliseconds apart, after
    /// whatever was scheduled before (a person typing, or a scanner).
    func schedule(typing text: String, gapMilliseconds gap: Int) {
        schedule(text.unicodeScalars.map { .character($0.value) }, gapMilliseconds: gap)
    }

    func schedule(_ inputs: [RawInput], gapMilliseconds gap: Int) {
        var t = scheduled.last?.at ?? milliseconds
        for i in inputs {
            t += gap
            scheduled.append((t, i))
        }
    }

    /// The grid as text, one line per row, trailing spaces removed (like `Screen.text`).
    var text: String {
        grid.map { row in
            var line = row.filter { !$0.continuation }.map(\.grapheme).joined()
            while line.hasSuffix(" ") { line.removeLast() }
            return line
        }.joined(separator: "\n")
    }

    subscript(x: Int, y: Int) -> Cell { grid[y][x] }

    private func resize(width: Int, height: Int) {
        size = (width, height)
        var resized = Self.blankGrid(width, height)
        for y in 0..<min(height, grid.count) {
            for x in 0..<min(width, grid[y].count) { resized[y][x] = grid[y][x] }
        }
        grid = resized
    }

    // MARK: TerminalDriver

    func setLooks(_ looks: [RoleLook]) { self.looks = looks }

    func erase() {
        erases += 1
        grid = Self.blankGrid(size.width, size.height)
    }

    func repaintOnRefresh() { repaintPending = true }

    func write(_ cell: CellWrite) {
        pendingWrites.append(cell)
        guard cell.y >= 0, cell.y < size.height, cell.x >= 0, cell.x < size.width else { return }
        grid[cell.y][cell.x] = Cell(grapheme: cell.grapheme, role: cell.role, attributes: cell.attributes, colors: cell.colors)
        if cell.width == 2, cell.x + 1 < size.width {
            grid[cell.y][cell.x + 1] = Cell(grapheme: "", role: cell.role, attributes: cell.attributes, continuation: true)
        }
    }

    func setCursor(_ position: (x: Int, y: Int)?) { cursor = position }

    func refresh() {
        refreshes += 1
        if repaintPending { repaints += 1 }
        repaintPending = false
        lastFrameWrites = pendingWrites
        pendingWrites = []
    }

    func readInput(timeoutMilliseconds: Int, limit: Int) -> [RawInput] {
        // Waits (on the test's clock) for scheduled input, up to the timeout;
        // what arrived by then is taken together.
        if input.isEmpty, let next = scheduled.first {
            if timeoutMilliseconds >= 0 && next.at - milliseconds > timeoutMilliseconds {
                milliseconds += timeoutMilliseconds
                return []
            }
            milliseconds = max(milliseconds, next.at)
            while let first = scheduled.first, first.at <= milliseconds { input.append(scheduled.removeFirst().input) }
        } else if input.isEmpty {
            milliseconds += max(0, timeoutMilliseconds)
        }
        let taken = Array(input.prefix(limit))
        input.removeFirst(taken.count)
        return taken
    }

    func beep() { bells += 1 }

    func shutdown() {
        guard !isShutDown else { return }
        isShutDown = true
        grid = Self.blankGrid(size.width, size.height)
        cursor = nil
    }
}

import KioskCore

/// A key as the app sees it, whatever terminal it came from.
public enum Key: Sendable, Hashable {
    /// Text typed or pasted (one or more characters, as the terminal gave them).
    case text(String)
    case enter, tab, backTab, backspace, delete, escape
    case up, down, left, right, home, end, pageUp, pageDown
    /// F1…F12.
    case function(Int)
    /// Ctrl+letter (lower-case letter).
    case control(Character)
}

/// Everything that can happen to the app.
public enum Event: Sendable {
    case key(Key)
    /// A finger or mouse press at a cell (the terminal reports press and
    /// click; the app acts on the first).
    case press(x: Int, y: Int)
    /// A code read by a card scanner: a line from the serial port, or a
    /// keyboard-mode scanner's burst told apart by the terminal (keys far
    /// faster than a person types, in a card's shape, ending in Enter).
    /// Its bytes are wiped once read (`ScanPayload`).
    case scan(ScanPayload)
    /// The serial scanner's state (nil: reading), with scans or alone.
    case scannerProblem(LocalizedText?)
    case resize(width: Int, height: Int)
    /// The clock: about once a second (idle timeout, "saved" mark, flushing).
    case tick(unixTime: Double)
    /// The result of an effect the runtime performed.
    case effectResult(EffectResult)
    /// What the upload worker last saw, read by the runtime every few seconds.
    case stationStatus(StationStatus)
    /// The forms and their lists, loaded after the first frame is on screen
    /// (the welcome screen does not need them).
    case formsLoaded(AppContext)
    /// The provincial server gave a dossier its official code (and due
    /// date, yyyy-mm-dd): the receipt on screen shows them at once.
    case officialCodeArrived(submissionID: String, code: String, dueDate: String?)
}

/// The station's connection and queue, for the status line.
public struct StationStatus: Sendable, Equatable {
    /// The provincial server answered lately (and a worker runs).
    public var online: Bool
    /// Dossiers waiting to be sent.
    public var waiting: Int
    /// Dossiers the server refused, waiting for a helper.
    public var needsAttention: Int
    /// Something at the station keeps every upload from getting through
    /// (token file, URL, TLS), in the clerk's words; nil when nothing does.
    public var problem: LocalizedText?

    public init(online: Bool, waiting: Int, needsAttention: Int, problem: LocalizedText? = nil) {
        self.online = online
        self.waiting = waiting
        self.needsAttention = needsAttention
        self.problem = problem
    }
}

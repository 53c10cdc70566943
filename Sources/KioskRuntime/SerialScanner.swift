import Foundation
import KioskCore
import KioskUI
#if canImport(Glibc)
import Glibc
#endif

/// A card scanner that presents a serial port (USB CDC, `/dev/ttyACM0`),
/// read beside the keyboard (issue 17): a thread of its own reads the
/// device, each line (ended by CR or LF) becomes a `.scan` event the UI
/// loop takes when it next looks; nothing it does can hold up a keystroke.
/// A device missing, unplugged or unreadable is said to the operator
/// (`.scannerProblem`) and tried again every few seconds. Lines are never
/// logged, nor made into Strings: each goes to the UI as a `ScanPayload`
/// (bytes wiped once read), and the reader's own buffers are wiped as it
/// goes. One longer than a card's code can be is dropped whole (garbage on
/// the line, a wrong baud rate).
public final class SerialScanner: @unchecked Sendable {
    public let device: String
    private let lock = NSLock()
    private var lines: [ScanPayload] = []
    private var problem: LocalizedText?
    /// Nothing known yet (the device not tried): no state reported.
    private var starting = true
    private var reported: LocalizedText?? = .none
    private var stopped = false
    private var thread: Thread?
    static let maxLine = 1024
    static let retrySeconds: UInt32 = 3

    public init(device: String) {
        self.device = device
    }

    public func start() {
        let t = Thread { [weak self] in self?.run() }
        t.name = "card scanner"
        thread = t
        t.start()
    }

    public func stop() {
        lock.lock()
        stopped = true
        lock.unlock()
    }

    /// What arrived since the last call: the scans, and the device's state
    /// when it changed (nil: reading again).
    public func events() -> [Event] {
        lock.lock()
        defer { lock.unlock() }
        var out = lines.map(Event.scan)
        lines = []
        if !starting, reported == .none || reported! != problem {
            out.insert(.scannerProblem(problem), at: 0)
            reported = .some(problem)
        }
        return out
    }

    private var isStopped: Bool {
        lock.lock()
        defer { lock.unlock() }
        return stopped
    }

    private func set(problem p: LocalizedText?) {
        lock.lock()
        problem = p
        starting = false
        lock.unlock()
    }

    private func run() {
        while !isStopped {
            let fd = open(device, O_RDONLY | O_NOCTTY | O_NONBLOCK)
            guard fd >= 0 else {
                set(problem: LocalizedText(vi: "Không mở được máy quét thẻ \(device): \(String(cString: strerror(errno))). Hãy cắm lại máy quét hoặc sửa [scanner] device trong kiosk.conf.",
                                           en: "The card scanner \(device) cannot be opened: \(String(cString: strerror(errno))). Plug the scanner in again or fix [scanner] device in kiosk.conf."))
                sleep(Self.retrySeconds)
                continue
            }
            Self.makeRaw(fd)
            set(problem: nil)
            readLines(fd)
            close(fd)
            if !isStopped {
                set(problem: LocalizedText(vi: "Máy quét thẻ \(device) đã ngắt. Hãy cắm lại.", en: "The card scanner \(device) was disconnected. Plug it in again."))
                sleep(Self.retrySeconds)
            }
        }
    }

    /// Reads until the device goes away (or the scanner is stopped).
    private func readLines(_ fd: Int32) {
        var current: [UInt8] = []
        current.reserveCapacity(Self.maxLine + 1)
        var dropping = false
        var buffer = [UInt8](repeating: 0, count: 512)
        // The line being read and the read buffer hold a card's bytes: wiped
        // when the device goes, as after each line and each read.
        defer { SecureMemory.zero(&buffer); SecureMemory.zero(&current) }
        while !isStopped {
            var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&p, 1, 200)
            if ready < 0 && errno != EINTR { return }
            if ready <= 0 { continue }
            if p.revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 && p.revents & Int16(POLLIN) == 0 { return }
            let n = read(fd, &buffer, buffer.count)
            if n == 0 { return }
            if n < 0 { if errno == EAGAIN || errno == EINTR { continue }; return }
            for byte in buffer[0..<n] {
                if byte == 13 || byte == 10 {
                    if !dropping, !current.isEmpty {
                        // Bytes that are not UTF-8 still make a line: the UI
                        // says it is not a card.
                        let line = ScanPayload(bytes: current)
                        lock.lock()
                        lines.append(line)
                        lock.unlock()
                    }
                    SecureMemory.zero(&current)
                    current.removeAll(keepingCapacity: true)
                    dropping = false
                } else if !dropping {
                    current.append(byte)
                    if current.count > Self.maxLine {
                        SecureMemory.zero(&current)
                        current.removeAll(keepingCapacity: true)
                        dropping = true
                    }
                }
            }
            // Cleared as it goes: the payload is personal data.
            SecureMemory.zero(&buffer)
        }
    }

    /// Raw mode: bytes as they come, no echo, no line editing.
    static func makeRaw(_ fd: Int32) {
        var t = termios()
        guard tcgetattr(fd, &t) == 0 else { return } // not a tty (a pipe in a test): read as is
        cfmakeraw(&t)
        _ = tcsetattr(fd, TCSANOW, &t)
    }
}

import Foundation
import CLinux
import Glibc
import KioskCore

/// How the station reaches its document scanner.
public struct ScannerSettings: Sendable {
    /// `[scanner] documents`: a SANE device name; empty: the first SANE
    /// finds; `none`: no scanning.
    public var device: String
    /// The scanimage program (found on the PATH).
    public var scanimage = "scanimage"
    /// Added to scanimage's environment: the tests' and the bench's
    /// `SANE_CONFIG_DIR` (SANE's test backend). Not a kiosk.conf setting.
    public var environment: [String: String] = [:]
    /// Added after the preset's options: the test backend's picture and
    /// faults (`--test-picture=Grid`, `--read-return-value=…`). Not a
    /// kiosk.conf setting.
    public var extraArguments: [String] = []
    /// After the cancel's SIGINT, how long scanimage gets to stop the
    /// scanner cleanly before SIGTERM (and as long again before SIGKILL).
    public var cancelGrace: Double = 3
    /// How long a scan may go without a byte or a progress line before it
    /// is stopped (a backend that hangs).
    public var stallSeconds: Double = 60
    /// How long `scanimage -L` may take to list devices.
    public var listTimeLimit: Double = 60

    public init(device: String) {
        self.device = device
    }

    public var isDisabled: Bool { device.lowercased() == "none" }
}

/// Scans through `scanimage` (Debian sane-utils), one page per run, rather
/// than libsane in our process: a backend that crashes or hangs takes down
/// a child, not the kiosk; cancelling is a signal; no SANE thread runs in
/// the kiosk; scanimage's `-p` reports progress on its standard error. The
/// page (PNM) is read from its standard output into memory.
public final class DocumentScanner: @unchecked Sendable {
    public let settings: ScannerSettings
    private let lock = NSLock()
    private var scanning = false
    private var cancelRequested = false
    /// The first device found, kept: listing USB devices takes seconds.
    private var found: String?

    public init(settings: ScannerSettings) {
        self.settings = settings
    }

    /// The devices SANE finds (`scanimage -f "%d%n"`: one name a line).
    public func devices() throws(ScanFailure) -> [String] {
        guard let tool = executablePath(settings.scanimage) else { throw .notInstalled }
        guard let out = ChildOutput.run(tool, ["-f", "%d%n"], environment: settings.environment, timeLimit: settings.listTimeLimit) else {
            throw .notInstalled
        }
        if out.timedOut { throw .stalled }
        let names = String(decoding: out.stdout, as: UTF8.self).split(separator: "\n").map(String.init).filter { !$0.isEmpty }
        return names
    }

    /// Asks the scan under way (if any) to stop: SIGINT (scanimage cancels
    /// the scanner), then SIGTERM and SIGKILL if it does not end.
    public func cancel() {
        lock.withLock { if scanning { cancelRequested = true } }
    }

    public var isScanning: Bool { lock.withLock { scanning } }

    /// Scans one page with the preset. `progress` is called (on this
    /// thread) with 0…1 as the page comes.
    public func scan(_ preset: ScanPreset, progress: (Double) -> Void = { _ in }) throws(ScanFailure) -> PNMImage {
        if settings.isDisabled { throw .disabled }
        let started = lock.withLock { () -> Bool in
            if scanning { return false }
            scanning = true
            cancelRequested = false
            return true
        }
        guard started else { throw .alreadyScanning }
        defer { lock.withLock { scanning = false; cancelRequested = false } }
        guard let tool = executablePath(settings.scanimage) else { throw .notInstalled }
        let named = settings.device.isEmpty ? nil : settings.device
        var device = named ?? lock.withLock { found }
        if device == nil {
            device = try devices().first
            guard device != nil else { throw .noScanner }
            lock.withLock { found = device }
        }
        if lock.withLock({ cancelRequested }) { throw .cancelled }
        let base = ["-d", device!, "--mode", preset.saneMode, "--resolution", String(preset.dpi), "--format=pnm", "-p"]
        // A4 where the device allows it; a device without these options is
        // scanned at its own full size (asked again without them).
        let a4 = ["-x", "210", "-y", "297"]
        var run = try runScanimage(tool, base + a4 + settings.extraArguments, expected: preset, progress: progress)
        if run.status == 1, run.stderr.contains("unrecognized option") || run.stderr.contains("invalid option") {
            run = try runScanimage(tool, base + settings.extraArguments, expected: preset, progress: progress)
        }
        if lock.withLock({ cancelRequested }) { throw .cancelled }
        if run.stalled { throw .stalled }
        // A fault said on standard error counts even when the exit status
        // was lost (seen under heavy load: waitpid found no child).
        if let said = ScanFailure.fromMessage(run.stderr) { throw said }
        // Unknown (not waited for): the page decides.
        let status = run.status ?? (run.lost ? 0 : -1)
        guard status >= 0 else { throw .other("scanimage stopped (signal)") }
        guard status == 0 else {
            if named == nil { lock.withLock { found = nil } }
            throw ScanFailure.from(exitStatus: status, stderr: run.stderr, device: named)
        }
        do {
            return try PNMImage(run.page)
        } catch {
            throw .badImage(error.message)
        }
    }

    private struct Run {
        var status: Int32?
        var page: [UInt8]
        var stderr: String
        var stalled: Bool
        /// Its exit status is not known (waitpid found no such child).
        var lost = false
    }

    private func runScanimage(_ tool: String, _ arguments: [String], expected preset: ScanPreset,
                              progress: (Double) -> Void) throws(ScanFailure) -> Run {
        let child: Piped
        switch Piped.spawn(tool, arguments, environment: settings.environment) {
        case .success(let started): child = started
        case .failure(let e): throw .other(String(cString: strerror(e.code)))
        }
        let out = child.stdout, err = child.stderr
        defer { close(out); close(err) }
        guard let pid = child.pid else { throw .notInstalled }

        // An A4 page at the preset, read into one buffer grown once.
        var page: [UInt8] = []
        page.reserveCapacity(Int(8.27 * Double(preset.dpi)) * Int(11.7 * Double(preset.dpi)) * (preset.saneMode == "Color" ? 3 : 1) + 64)
        var stderr: [UInt8] = []
        var line: [UInt8] = []
        var lastShown = -1.0
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var open = [out, err]
        var lastActivity = monotonicSeconds()
        var interruptedAt: Double?
        var terminated = false, killed = false, stalled = false
        while !open.isEmpty {
            var fds = open.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            let n = poll(&fds, nfds_t(fds.count), 100)
            if n < 0 && errno != EINTR { break }
            for f in fds where f.revents != 0 {
                let got = chunk.withUnsafeMutableBytes { read(f.fd, $0.baseAddress, $0.count) }
                if got > 0 {
                    lastActivity = monotonicSeconds()
                    if f.fd == out {
                        page += chunk[0..<got]
                        continue
                    }
                    for byte in chunk[0..<got] {
                        if stderr.count < 65536 { stderr.append(byte) }
                        // "Progress: 42.3%" lines, ended by a carriage return.
                        if byte == 13 || byte == 10 {
                            if let p = Self.progress(line), p - lastShown >= 0.02 || (p >= 1 && lastShown < 1) {
                                lastShown = p
                                progress(p)
                            }
                            line.removeAll(keepingCapacity: true)
                        } else if line.count < 200 {
                            line.append(byte)
                        }
                    }
                } else if got == 0 || (errno != EINTR && errno != EAGAIN) {
                    open.removeAll { $0 == f.fd }
                }
            }
            let now = monotonicSeconds()
            if lock.withLock({ cancelRequested }) {
                if let at = interruptedAt {
                    if !terminated, now - at > settings.cancelGrace { kill(pid, SIGTERM); terminated = true }
                    if !killed, now - at > 2 * settings.cancelGrace { kill(pid, SIGKILL); killed = true }
                } else {
                    kill(pid, SIGINT)
                    interruptedAt = now
                }
            }
            if !killed, now - lastActivity > settings.stallSeconds {
                kill(pid, SIGKILL)
                killed = true
                stalled = true
            }
        }
        var status: Int32 = 0
        var waited: pid_t = -1
        repeat { waited = waitpid(pid, &status, 0) } while waited < 0 && errno == EINTR
        // Exited, rather than killed by a signal; nil when it was not waited for.
        let exit: Int32? = waited == pid && status & 0x7F == 0 ? (status >> 8) & 0xFF : nil
        return Run(status: exit, page: page, stderr: String(decoding: stderr, as: UTF8.self), stalled: stalled, lost: waited != pid)
    }

    /// 0…1 from a "Progress: 42.3%" line.
    static func progress(_ line: [UInt8]) -> Double? {
        let text = String(decoding: line, as: UTF8.self)
        guard text.hasPrefix("Progress: "), text.hasSuffix("%"),
              let value = Double(text.dropFirst(10).dropLast()) else { return nil }
        return min(1, max(0, value / 100))
    }
}

import Foundation
import CLinux
import Glibc
import KioskCore

/// A tool run to its end with its output captured (pdfinfo, pdftoppm,
/// `scanimage -L`), killed when it takes longer than it may: a damaged
/// file must not hang the desk.
struct ChildOutput {
    var status: Int32?
    var stdout: [UInt8]
    var stderr: [UInt8]
    var timedOut: Bool
    /// More output than `maxOutput`: the rest was not read, the tool killed.
    var overflowed: Bool

    var stderrText: String { String(decoding: stderr, as: UTF8.self) }

    /// Runs `path`; `input`, when given, is passed as descriptor 3 (read it
    /// as /dev/fd/3), the tool's standard input being /dev/null.
    static func run(_ path: String, _ arguments: [String], environment: [String: String] = [:], input: Int32? = nil,
                    timeLimit: Double, maxOutput: Int = 64 << 20) -> ChildOutput? {
        guard case .success(let child) = Piped.spawn(path, arguments, environment: environment, input: input), let pid = child.pid else { return nil }
        let out = child.stdout, err = child.stderr
        defer { close(out); close(err) }
        var result = ChildOutput(status: nil, stdout: [], stderr: [], timedOut: false, overflowed: false)
        let deadline = monotonicSeconds() + timeLimit
        var open = [out, err]
        var chunk = [UInt8](repeating: 0, count: 65536)
        while !open.isEmpty {
            let left = deadline - monotonicSeconds()
            if left <= 0 { result.timedOut = true; break }
            var fds = open.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            let n = poll(&fds, nfds_t(fds.count), Int32(min(left, 1) * 1000) + 1)
            if n < 0 && errno != EINTR { break }
            for f in fds where f.revents != 0 {
                let got = chunk.withUnsafeMutableBytes { read(f.fd, $0.baseAddress, $0.count) }
                if got > 0 {
                    if f.fd == out { result.stdout += chunk[0..<got] } else if result.stderr.count < 65536 { result.stderr += chunk[0..<got] }
                } else if got == 0 || (errno != EINTR && errno != EAGAIN) {
                    open.removeAll { $0 == f.fd }
                }
            }
            if result.stdout.count > maxOutput { result.overflowed = true; break }
        }
        if result.timedOut || result.overflowed { kill(pid, SIGKILL) }
        var status: Int32 = 0
        var waited: pid_t = -1
        repeat { waited = waitpid(pid, &status, 0) } while waited < 0 && errno == EINTR
        if waited == pid, !result.timedOut, !result.overflowed, status & 0x7F == 0 { result.status = (status >> 8) & 0xFF }
        return result
    }
}

/// Seconds on a clock that never jumps (for time limits, never for dates).
func monotonicSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_MONOTONIC, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}

/// Where a tool is on the PATH (posix_spawn does not search it), or nil.
public func executablePath(_ name: String, searchPath: String? = ProcessInfo.processInfo.environment["PATH"]) -> String? {
    if name.contains("/") { return access(name, X_OK) == 0 ? name : nil }
    for dir in (searchPath ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":") {
        let candidate = "\(dir)/\(name)"
        if access(candidate, X_OK) == 0 { return candidate }
    }
    return nil
}

/// A child started with its standard output and error on pipes the caller
/// reads (and closes), standard input /dev/null, `input` as descriptor 3.
/// `pid` nil: it could not be started (the pipes are still the caller's).
struct Piped {
    var pid: pid_t?
    var stdout: Int32
    var stderr: Int32

    /// `.failure(errno)` when the pipes cannot be made.
    static func spawn(_ path: String, _ arguments: [String], environment: [String: String], input: Int32? = nil) -> Result<Piped, Errno> {
        var out: [Int32] = [-1, -1], err: [Int32] = [-1, -1]
        guard kiosk_pipe_cloexec(&out) == 0 else { return .failure(Errno(errno)) }
        guard kiosk_pipe_cloexec(&err) == 0 else {
            let code = errno
            close(out[0]); close(out[1])
            return .failure(Errno(code))
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, out[1], 1)
        posix_spawn_file_actions_adddup2(&actions, err[1], 2)
        if let input { posix_spawn_file_actions_adddup2(&actions, input, 3) }
        let pid = ChildProcess.spawn(path, [path] + arguments, actions: &actions, environment: environment)
        close(out[1]); close(err[1])
        return .success(Piped(pid: pid, stdout: out[0], stderr: err[0]))
    }

    struct Errno: Error {
        var code: Int32
        init(_ code: Int32) { self.code = code }
    }
}

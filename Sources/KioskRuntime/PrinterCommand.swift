import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs the configured printer command (`/bin/sh -c COMMAND`) with the
/// receipt on its standard input.
///
/// Through `ChildProcess`, not Foundation's `Process`: with the kiosk's
/// ignored SIGPIPE inherited, a printer pipeline such as `iconv … | lp`
/// would see write errors instead of stopping quietly when a later stage
/// exits.
enum PrinterCommand {
    /// True when the command read the text and exited with status 0.
    static func run(_ command: String, input: [UInt8]) -> Bool {
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { return false }
        // Neither end may stay open in a command started by another thread.
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, fds[0], 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)

        let pid = ChildProcess.spawn("/bin/sh", ["sh", "-c", command], actions: &actions)
        close(fds[0])
        guard let pid else {
            close(fds[1])
            return false
        }
        let written = write(input, to: fds[1])
        close(fds[1])
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        // Exited (not killed by a signal) with status 0.
        return written && status & 0x7F == 0 && (status >> 8) & 0xFF == 0
    }

    /// Writes everything, or stops at the first error. A command that exits
    /// without reading would send this thread SIGPIPE: it is blocked here and
    /// taken back, so that no host process dies of it.
    private static func write(_ bytes: [UInt8], to fd: Int32) -> Bool {
        var pipeSignal = sigset_t()
        sigemptyset(&pipeSignal)
        sigaddset(&pipeSignal, SIGPIPE)
        var previous = sigset_t()
        pthread_sigmask(SIG_BLOCK, &pipeSignal, &previous)
        defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if n > 0 {
                offset += n
            } else if n < 0 && errno == EINTR {
                continue
            } else {
                if errno == EPIPE {
                    var now = timespec()
                    _ = sigtimedwait(&pipeSignal, nil, &now)
                }
                return false
            }
        }
        return true
    }
}

import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Child processes of the kiosk (the printer command, the upload worker,
/// `kiosk-sync` for `kiosk sync` and `kiosk lookup`, `scanimage` and the
/// poppler tools for documents),
/// started with `posix_spawn` and every signal at its default, none blocked.
/// The kiosk ignores SIGPIPE (for its worker's pipe), and an ignored signal
/// is inherited across exec; Foundation's `Process` would pass it on.
public enum ChildProcess {
    /// Spawns `path` with `arguments` (argv[0] first) and the descriptors
    /// that `actions` set up. The child's pid, or nil. `environment`, when
    /// given, is added to the kiosk's own (a test's `SANE_CONFIG_DIR`).
    public static func spawn(_ path: String, _ arguments: [String], actions: inout posix_spawn_file_actions_t,
                             environment: [String: String] = [:]) -> pid_t? {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigfillset(&defaults)
        sigdelset(&defaults, SIGKILL)
        sigdelset(&defaults, SIGSTOP)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        if environment.isEmpty {
            return posix_spawn(&pid, path, &actions, &attributes, argv, environ) == 0 ? pid : nil
        }
        var merged = ProcessInfo.processInfo.environment
        for (k, v) in environment { merged[k] = v }
        let envp: [UnsafeMutablePointer<CChar>?] = merged.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { envp.forEach { free($0) } }
        return posix_spawn(&pid, path, &actions, &attributes, argv, envp) == 0 ? pid : nil
    }

    /// How a child's standard output and error are handled.
    public enum Output: Sendable {
        /// Into the kiosk's own (a command run for the operator).
        case inherit
        /// Thrown away (a printer that talks).
        case discard
    }

    /// Runs `path` to its end. `input`, when given, is written to its
    /// standard input through a pipe (else it reads the kiosk's own). The
    /// exit status (nil when it could not start or a signal ended it), and
    /// whether all of `input` was read.
    public static func run(_ path: String, _ arguments: [String], input: [UInt8]?, output: Output) -> (exitStatus: Int32?, inputRead: Bool) {
        var fds: [Int32] = [-1, -1]
        if input != nil {
            guard pipe(&fds) == 0 else { return (nil, false) }
            // Neither end may stay open in a child started by another thread.
            for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if input != nil { posix_spawn_file_actions_adddup2(&actions, fds[0], 0) }
        if output == .discard {
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        }
        let pid = spawn(path, arguments, actions: &actions)
        if input != nil { close(fds[0]) }
        guard let pid else {
            if input != nil { close(fds[1]) }
            return (nil, false)
        }
        var written = true
        if let input {
            written = write(input, to: fds[1])
            close(fds[1])
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        // Exited, rather than killed by a signal.
        return (status & 0x7F == 0 ? (status >> 8) & 0xFF : nil, written)
    }

    /// Writes everything, or stops at the first error. A child that exits
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

import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Child processes of the kiosk (the printer command, the upload worker),
/// started with `posix_spawn` and every signal at its default, none blocked.
/// The kiosk ignores SIGPIPE (for its worker's pipe), and an ignored signal
/// is inherited across exec; Foundation's `Process` would pass it on.
public enum ChildProcess {
    /// Spawns `path` with `arguments` (argv[0] first) and the descriptors
    /// that `actions` set up. The child's pid, or nil.
    public static func spawn(_ path: String, _ arguments: [String], actions: inout posix_spawn_file_actions_t) -> pid_t? {
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
        return posix_spawn(&pid, path, &actions, &attributes, argv, environ) == 0 ? pid : nil
    }
}

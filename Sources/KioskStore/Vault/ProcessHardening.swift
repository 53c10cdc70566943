import CSodium
import Glibc

/// What a process holding the data key does first: no core dumps (a crash
/// would otherwise write the key, and the personal data in memory, to a
/// file), and not dumpable (no ptrace or /proc/PID/mem by other processes of
/// the same user). The kiosk, `kiosk-sync` and every command that unlocks
/// call it before they read a key.
public enum ProcessHardening {
    @discardableResult
    public static func disableCoreDumps() -> Bool {
        var limit = rlimit(rlim_cur: 0, rlim_max: 0)
        let a = setrlimit(__rlimit_resource_t(RLIMIT_CORE.rawValue), &limit) == 0
        let b = kiosk_set_not_dumpable() == 0
        return a && b
    }
}

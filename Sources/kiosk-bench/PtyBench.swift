import Foundation

/// A program run in a pseudo-terminal, as a person's terminal would run it:
/// how long until its first frame is on screen, how long it takes to answer
/// a key, and how much memory it holds.
struct PtyRun {
    let pid: pid_t
    let master: Int32
    let started: UInt64
    var output: [UInt8] = []

    /// Starts `argv` on a new pty of `columns` x `rows`.
    static func start(_ argv: [String], environment: [String: String], columns: UInt16 = 80, rows: UInt16 = 24) -> PtyRun? {
        var master: Int32 = 0, slave: Int32 = 0
        var size = winsize(ws_row: rows, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0)
        guard openpty(&master, &slave, nil, nil, &size) == 0 else { return nil }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for fd in 0...2 { posix_spawn_file_actions_adddup2(&actions, slave, Int32(fd)) }
        posix_spawn_file_actions_addclose(&actions, master)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, 0x80) // POSIX_SPAWN_SETSID: a session of its own, like a login terminal
        let env = environment.map { "\($0.key)=\($0.value)" }
        let cArgs = argv.map { strdup($0) } + [nil]
        let cEnv = env.map { strdup($0) } + [nil]
        defer {
            cArgs.forEach { free($0) }
            cEnv.forEach { free($0) }
        }
        var pid: pid_t = 0
        let started = DispatchTime.now().uptimeNanoseconds
        guard posix_spawn(&pid, argv[0], &actions, &attributes, cArgs, cEnv) == 0 else {
            close(master)
            close(slave)
            return nil
        }
        close(slave)
        return PtyRun(pid: pid, master: master, started: started)
    }

    /// Reads what arrives within `timeout` seconds; returns the bytes read.
    @discardableResult
    mutating func read(timeout: Double) -> Int {
        var fds = [pollfd(fd: master, events: Int16(POLLIN), revents: 0)]
        guard poll(&fds, 1, Int32(timeout * 1000)) > 0 else { return 0 }
        var buffer = [UInt8](repeating: 0, count: 65536)
        let n = Glibc.read(master, &buffer, buffer.count)
        if n > 0 { output += buffer[0..<n] }
        return max(0, n)
    }

    /// Nanoseconds from the start until `marker` appears in the output and
    /// the program stops writing for a moment (its frame is complete).
    mutating func waitForFrame(containing marker: String, limit: Double = 10) -> UInt64? {
        let bytes = Array(marker.utf8)
        let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(limit * 1e9)
        while DispatchTime.now().uptimeNanoseconds < deadline {
            read(timeout: 0.05)
            if output.count >= bytes.count, contains(bytes) {
                let at = DispatchTime.now().uptimeNanoseconds
                while read(timeout: 0.002) > 0 {}
                return at - started
            }
        }
        return nil
    }

    private func contains(_ needle: [UInt8]) -> Bool {
        guard needle.count <= output.count else { return false }
        for i in 0...(output.count - needle.count) where output[i] == needle[0] {
            if Array(output[i..<(i + needle.count)]) == needle { return true }
        }
        return false
    }

    /// Nanoseconds from writing `key` until the program's answer starts to
    /// arrive (its next frame); nil when nothing comes within a second.
    mutating func keyLatency(_ key: [UInt8]) -> UInt64? {
        while read(timeout: 0.001) > 0 {}
        let t = DispatchTime.now().uptimeNanoseconds
        _ = key.withUnsafeBytes { write(master, $0.baseAddress, key.count) }
        var fds = [pollfd(fd: master, events: Int16(POLLIN), revents: 0)]
        guard poll(&fds, 1, 1000) > 0 else { return nil }
        let latency = DispatchTime.now().uptimeNanoseconds - t
        while read(timeout: 0.005) > 0 {}
        return latency
    }

    /// Resident memory (VmRSS) in megabytes.
    var residentMB: Double? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
              let kb = Double(line.split(separator: " ").dropFirst().first ?? "") else { return nil }
        return kb / 1024
    }

    func stop() {
        kill(pid, SIGKILL)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        close(master)
    }
}

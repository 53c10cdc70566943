import Foundation
import KioskCore
import KioskStore

/// `kiosk-sync watch`, started beside the UI: it uploads the outbox on its
/// own, and answers the UI's questions (earlier dossiers) over a pair of
/// pipes, one `WorkerMessage` per line (see kiosk-sync's QuestionServer). The
/// UI never loads the network stack itself.
final class SyncWorker: PriorDossierService, @unchecked Sendable {
    let pid: pid_t
    private let toWorker: FileHandle
    /// Questions are written, and the pipe closed, under this lock: a
    /// question must never go to a descriptor that was closed and reused.
    private let writeLock = NSLock()
    private var closed = false
    private let lock = NSCondition()
    private var answers: [Int: WorkerMessage.Body] = [:]
    private var nextID = 1
    private var ended = false
    /// How long a question may take (the worker gives up on the server
    /// sooner: see QuestionServer).
    let timeout: TimeInterval = 25

    /// Starts the worker (beside this executable), or nil when it is not
    /// there (then the kiosk stays offline; `swift build` builds it).
    static func start(config: KioskConfig, key: DataKey? = nil) -> SyncWorker? {
        guard let path = siblingExecutable("kiosk-sync"), let configPath = config.sourcePath else { return nil }
        var toChild: [Int32] = [0, 0], fromChild: [Int32] = [0, 0], keyPipe: [Int32] = [-1, -1]
        guard pipe(&toChild) == 0 else { return nil }
        guard pipe(&fromChild) == 0 else { close(toChild[0]); close(toChild[1]); return nil }
        // The station's data key, while dossiers are uploaded from their
        // sealed copies here: through a pipe of its own, as fd 3.
        if key != nil, pipe(&keyPipe) != 0 { keyPipe = [-1, -1] }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, toChild[0], 0)
        posix_spawn_file_actions_adddup2(&actions, fromChild[1], 1)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        if keyPipe[0] >= 0 { posix_spawn_file_actions_adddup2(&actions, keyPipe[0], 3) }
        // The child keeps only its ends, as 0, 1 (and 3).
        for fd in [toChild[0], toChild[1], fromChild[0], fromChild[1]] + keyPipe where fd >= 0 && fd != 3 {
            posix_spawn_file_actions_addclose(&actions, fd)
        }
        // Signals at their defaults: a restarted worker must not inherit
        // the SIGPIPE the kiosk ignores once its first worker runs.
        let pid = ChildProcess.spawn(path, [path, "--config", configPath, "watch"] + (keyPipe[0] >= 0 ? ["--key-fd"] : []), actions: &actions)
        close(toChild[0])
        close(fromChild[1])
        if keyPipe[0] >= 0 { close(keyPipe[0]) }
        if keyPipe[1] >= 0 {
            if pid != nil, let key { _ = key.write(to: keyPipe[1]) }
            close(keyPipe[1])
        }
        guard let pid else {
            close(toChild[1])
            close(fromChild[0])
            return nil
        }
        // A dead worker must not kill the kiosk with SIGPIPE on the next question.
        signal(SIGPIPE, SIG_IGN)
        let worker = SyncWorker(pid: pid, toWorker: FileHandle(fileDescriptor: toChild[1], closeOnDealloc: true))
        worker.readAnswers(from: FileHandle(fileDescriptor: fromChild[0], closeOnDealloc: true))
        return worker
    }

    private init(pid: pid_t, toWorker: FileHandle) {
        self.pid = pid
        self.toWorker = toWorker
    }

    private func readAnswers(from handle: FileHandle) {
        Thread.detachNewThread { [self] in
            var buffer = Data()
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                buffer.append(chunk)
                while let newline = buffer.firstIndex(of: 0x0A) {
                    let line = buffer[buffer.startIndex..<newline]
                    buffer = Data(buffer[(newline + 1)...])
                    guard let message = WorkerMessage(line: Data(line)) else { continue }
                    lock.withLock {
                        answers[message.id] = message.body
                        lock.broadcast()
                    }
                }
            }
            lock.withLock {
                ended = true
                lock.broadcast()
            }
        }
    }

    func find(code: String, verification: String) -> PriorServiceAnswer {
        let id: Int = lock.withLock {
            defer { nextID += 1 }
            return nextID
        }
        let data = WorkerMessage(id: id, .find(code: code, verify: verification)).line
        let written: Bool = writeLock.withLock {
            guard !closed else { return false }
            return (try? toWorker.write(contentsOf: data)) != nil
        }
        guard written else { return .offline }
        let deadline = Date().addingTimeInterval(timeout)
        let answer: WorkerMessage.Body? = lock.withLock {
            while answers[id] == nil && !ended {
                if !lock.wait(until: deadline) { break }
            }
            return answers.removeValue(forKey: id)
        }
        switch answer {
        case .found(let prior)?: return .found(prior)
        case .notFound?: return .notFound
        default: return .offline
        }
    }

    /// Whether the worker has gone (its answers pipe closed).
    var hasEnded: Bool { lock.withLock { ended } }

    /// Stops the worker and waits for it. Once only: a second signal could
    /// reach another process that got the same pid.
    func stop() {
        let first: Bool = writeLock.withLock {
            defer { closed = true }
            if !closed { try? toWorker.close() }
            return !closed
        }
        guard first else { return }
        kill(pid, SIGTERM)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
    }
}

/// Keeps a `kiosk-sync watch` worker beside the UI for as long as the kiosk
/// runs: started with the kiosk, started as soon as it appears if it was
/// not built yet, and started again when it ends (a crash, a token file
/// that cannot be read): 5 s after it ended, then twice as long each time,
/// at most 5 minutes; a worker that ran a minute starts the waits afresh.
/// Questions go to the current worker.
public final class SyncWorkerSupervisor: PriorDossierService, @unchecked Sendable {
    private let config: KioskConfig
    private let lock = NSLock()
    private var worker: SyncWorker?
    /// The data key handed to each worker started (set once unlocked).
    public var key: DataKey? {
        get { lock.withLock { _key } }
        set { lock.withLock { _key = newValue } }
    }
    private var _key: DataKey?
    private var startedAt = 0.0
    private var nextTry = 0.0
    private var wait = 5.0
    /// Workers started (spawned) so far; the tests count them.
    public private(set) var starts = 0

    public init(config: KioskConfig, key: DataKey? = nil) {
        self.config = config
        self._key = key
        check()
    }

    /// Whether a worker is running now.
    public var isRunning: Bool { lock.withLock { worker.map { !$0.hasEnded } ?? false } }

    /// Starts a worker if none runs and the wait is over; cheap otherwise.
    /// Called on the UI's status tick. Times are the monotonic clock's, so
    /// a wall clock set back cannot hold off a restart.
    public func check(now: Double = ProcessInfo.processInfo.systemUptime) {
        lock.lock()
        defer { lock.unlock() }
        if let w = worker {
            guard w.hasEnded else { return }
            // Reaped at once; the wait counts from its end. One that ran a
            // minute was working: the next gets the short wait again.
            w.stop()
            worker = nil
            if now - startedAt >= 60 { wait = 5 }
            deferStart(now)
        }
        guard now >= nextTry else { return }
        // Not built (yet): looked for again on the next tick, no wait.
        guard siblingExecutable("kiosk-sync") != nil else { return }
        worker = SyncWorker.start(config: config, key: _key)
        startedAt = now
        if worker == nil { deferStart(now) } else { starts += 1 }
    }

    private func deferStart(_ now: Double) {
        nextTry = now + wait
        wait = min(300, wait * 2)
    }

    public func find(code: String, verification: String) -> PriorServiceAnswer {
        guard let w = lock.withLock({ worker }) else { return .offline }
        return w.find(code: code, verification: verification)
    }

    public func stop() {
        lock.withLock {
            worker?.stop()
            worker = nil
        }
    }
}

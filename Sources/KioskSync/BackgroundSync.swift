import Foundation
import KioskCore
import KioskStore

/// The outbox worker beside the UI: its own thread and its own SQLite
/// connection, so that an upload never blocks a keystroke. The UI reads
/// `snapshot` on its tick and may `nudge` it after a finalize.
public final class BackgroundSync: @unchecked Sendable {
    public struct Snapshot: Sendable, Equatable {
        public var online = false
        public var waiting = 0
        public var lastProblem: String?
    }

    private let lock = NSLock()
    private var current = Snapshot()
    private let wake = DispatchSemaphore(value: 0)
    private var stopping = false
    private let makeStore: () throws -> KioskStore
    private let settings: SyncSettings
    private let datasets: DatasetCatalog

    public init(settings: SyncSettings, datasets: DatasetCatalog, makeStore: @escaping () throws -> KioskStore) {
        self.settings = settings
        self.datasets = datasets
        self.makeStore = makeStore
    }

    public var snapshot: Snapshot {
        lock.lock()
        defer { lock.unlock() }
        return current
    }

    public func start() {
        let thread = Thread { [self] in run() }
        thread.name = "kiosk-sync"
        thread.start()
    }

    /// Try now (a dossier was just finalized).
    public func nudge() { wake.signal() }

    public func stop() {
        lock.lock()
        stopping = true
        lock.unlock()
        wake.signal()
    }

    private func run() {
        guard let store = try? makeStore() else { return }
        let client = ProvincialClient(settings: settings)
        let engine = SyncEngine(store: store, client: client, datasets: datasets)
        while true {
            lock.lock()
            let stop = stopping
            lock.unlock()
            if stop { return }
            var snapshot = Snapshot()
            switch client.health() {
            case .success:
                snapshot.online = true
                let pass = engine.runOnce()
                snapshot.online = pass.stoppedBy == nil || pass.online
                snapshot.lastProblem = pass.stoppedBy
            case .failure(let e):
                snapshot.lastProblem = e.summary
            }
            snapshot.waiting = (try? store.waitingCount()) ?? 0
            lock.lock()
            current = snapshot
            lock.unlock()
            // Soon again while work waits and the server answers; otherwise
            // every half minute (the outbox keeps its own backoff per dossier).
            _ = wake.wait(timeout: .now() + (snapshot.online && snapshot.waiting > 0 ? 3 : 30))
        }
    }
}

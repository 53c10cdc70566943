import Foundation
import KioskCore
import KioskRuntime
import KioskStore
import KioskTerminal
import KioskUI

/// The kiosk in a real terminal: draw, read events (a tick at least once a
/// second), update, perform effects, until the app quits. The store is
/// opened first: until its data key is unlocked (the station's key file,
/// else the passphrase typed at the operator's screen) no citizen's screen
/// shows. The forms are loaded after the first frame is on screen.
func runTerminal(config: KioskConfig, language: Language?) -> ExitCode {
    let terminal: Terminal
    do {
        terminal = try Terminal(theme: config.theme)
    } catch {
        printError("kiosk: \(error)")
        return .failure
    }
    var terminalOpen = true
    defer { if terminalOpen { terminal.shutdown() } }

    let receipts = receiptsDirectory(config)
    var context = AppContext(stationName: config.stationName, forms: [], datasets: DatasetCatalog(datasets: [:]),
                             idleTimeout: Double(config.idleTimeoutSeconds), defaultLanguage: language ?? config.language,
                             inputMethod: config.inputMethod, toneStyle: config.toneStyle)
    let size = terminal.size
    var state = AppState(context: context, width: size.width, height: size.height)

    // The store: opened, purged of personal data past its retention (which
    // needs no key), then unlocked by the key file when there is one.
    let store: KioskStore
    var keyFileProblem: LocalizedText?
    do {
        store = try KioskStore.open(config: config)
        try store.purge()
    } catch {
        terminal.shutdown()
        terminalOpen = false
        printError("kiosk: " + error.userMessage.text(language ?? config.language))
        return .failure
    }
    if let keyFile = config.keyFilePath {
        do { try store.unlock(.keyFile(keyFile)) } catch { keyFileProblem = error.userMessage }
    }
    if store.isLocked {
        state.page = .unlock(UnlockState(creating: !store.isVaultSetUp, message: keyFileProblem))
    }
    terminal.draw(App.view(state))
    // Warnings (permissions tightened, documents missing) are for the
    // operator, not for a citizen at the screen: printed when the kiosk stops.
    var warnings = store.warnings
    defer {
        terminal.shutdown() // idempotent: the screen is restored before printing
        for w in warnings { printError("kiosk: " + w.text(language ?? config.language)) }
    }
    // The data key is wiped when the kiosk stops, however it stops here.
    defer { store.lock() }
    for event in StationWatch.events(store, online: false, awaitingOfficialCode: nil) { _ = App.update(&state, event) }

    // The installed form bundle when there is one (resolved), else the shipped forms.
    let formsPath = config.formsPath
    let catalog = FormCatalog.load(directory: formsPath)
    let formsSwitch = FormsSwitch(config: config, loadedPath: formsPath)
    // No form at all: the screen tells citizens to call the staff; the
    // operator reads the cause when the kiosk stops, and the exit code says
    // the station is not ready.
    if let reason = catalog.noFormsReason {
        warnings.append(LocalizedText(vi: "trạm này không có biểu mẫu nào để làm hồ sơ: " + reason.vi,
                                      en: "this station has no forms to make dossiers with: " + reason.text(.en)))
    }
    context = AppContext(config: config, catalog: catalog)
    context.defaultLanguage = language ?? config.language
    _ = App.update(&state, .formsLoaded(context))
    var runner = EffectRunner(store: store, context: context, printerCommand: config.printerCommand, receiptsDirectory: receipts)
    runner.asksInBackground = true
    runner.formUpdatesPath = config.formsUpdatesPath
    runner.documentSettings = DocumentSettings(config: config)

    // Uploads run beside the UI in a process of their own (kiosk-sync
    // watch); it writes whether the server answers into the store, and
    // answers the UI's questions about earlier dossiers. Started again if
    // it ends, or once it is built. While the station is locked it sends
    // what was sealed at finalization (no key needed); once unlocked it is
    // started again, handed the data key through a pipe, for dossiers that
    // must still be sealed from their answers.
    var worker: SyncWorkerSupervisor? = SyncWorkerSupervisor(config: config, key: store.unlockedKey)
    var workerHasKey = !store.isLocked
    runner.priorService = worker
    defer {
        worker?.stop()
        if siblingExecutable("kiosk-sync") == nil {
            // Printed with the other warnings, after the screen is restored.
            warnings.append(LocalizedText(vi: "không có kiosk-sync bên cạnh kiosk nên chưa gửi được hồ sơ (hồ sơ vẫn được giữ); chạy “swift build” để tạo kiosk-sync.",
                                          en: "kiosk-sync is not beside kiosk, so nothing was uploaded (the dossiers are kept); run “swift build” to build it."))
        }
    }
    /// Once unlocked: a key file named in kiosk.conf but not yet enrolled
    /// (the station was set up with its passphrase) is enrolled; receipts
    /// saved before the vault are sealed; saved receipts accepted while the
    /// kiosk was stopped are finished; the upload worker gets the key.
    func afterUnlock() {
        if let keyFile = config.keyFilePath, !store.hasKeyFile {
            do { try store.addKeyFile(keyFile) } catch { warnings.append(error.userMessage) }
        }
        runner.sealPlainReceipts()
        runner.finishPendingReceipts()
        if !workerHasKey {
            worker?.stop()
            worker = SyncWorkerSupervisor(config: config, key: store.unlockedKey)
            runner.priorService = worker
            workerHasKey = true
        }
    }
    var unlockedSeen = false
    if !store.isLocked {
        afterUnlock()
        unlockedSeen = true
    }

    /// Every event goes through `update`, and every effect it asks for is
    /// performed, its results fed back in turn. True when a dossier was
    /// finalized (the status line is then brought up to date at once).
    func dispatch(_ events: [Event]) -> Bool {
        var queue = events
        var finalized = false
        while !queue.isEmpty {
            let event = queue.removeFirst()
            if case .resize = event { terminal.invalidate() }
            for effect in App.update(&state, event) {
                if case .finalize = effect { finalized = true }
                queue += runner.perform(effect)
            }
        }
        return finalized
    }

    // A card scanner on a serial port, read on a thread of its own.
    let scanner = config.scannerDevice.isEmpty ? nil : SerialScanner(device: config.scannerDevice)
    scanner?.start()
    defer { scanner?.stop() }

    var lastStatus = 0.0
    var receiptsCheckedAtWaiting = -1
    while !state.quitting {
        terminal.draw(App.view(state))
        var events: [Event] = [.tick(unixTime: Date().timeIntervalSince1970)]
        // Poll often while a question to the server is out, so its answer
        // shows at once, and while a scanner may send a card.
        events += terminal.readEvents(timeoutMilliseconds: runner.isBusy || scanner != nil ? 50 : 1000)
        events += runner.finishedEvents()
        events += scanner?.events() ?? []
        let finalized = dispatch(events)
        if !unlockedSeen && !store.isLocked {
            afterUnlock()
            unlockedSeen = true
        }
        if finalized || state.now - lastStatus >= 2 {
            // The worker's view: whether the server answers, what waits, and
            // the official code of the receipt on screen once it is given.
            lastStatus = state.now
            worker?.check()
            // Without a worker nothing is uploaded, whatever the last one saw.
            let online = (worker?.isRunning ?? false) && ((try? store.isOnline()) ?? false)
            _ = dispatch(StationWatch.events(store, online: online, awaitingOfficialCode: state.awaitingOfficialCode))
            // Saved receipts whose official code has come are written again,
            // final: looked for at start and whenever the queue changes (an
            // acceptance shortens it), not every two seconds.
            // A form bundle kiosk-sync installed: taken at a safe moment
            // (the welcome screen), never in a citizen's form.
            if !runner.isBusy, let fresh = formsSwitch.newContext(for: state) {
                context = fresh
                _ = dispatch([.formsLoaded(fresh)])
                let next = EffectRunner(store: store, context: fresh, printerCommand: config.printerCommand, receiptsDirectory: receipts)
                next.asksInBackground = true
                next.formUpdatesPath = config.formsUpdatesPath
                next.documentSettings = DocumentSettings(config: config)
                next.priorService = worker
                runner = next
            }
            if state.waitingCount != receiptsCheckedAtWaiting {
                receiptsCheckedAtWaiting = state.waitingCount
                runner.finishPendingReceipts()
            }
        }
        // At most the last second of typing is exposed to a power cut.
        try? store.flushIfDue()
    }
    try? store.flush()
    return catalog.noFormsReason == nil ? .success : .failure
}

import Foundation
import KioskCore
import KioskStore
import KioskTerminal
import KioskUI

/// The kiosk in a real terminal: draw, read events (a tick at least once a
/// second), update, perform effects, until the app quits. The forms are
/// loaded after the first frame is on screen, since the welcome screen does
/// not need them.
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

    let receipts = ((config.databasePath as NSString).deletingLastPathComponent as NSString).appendingPathComponent("receipts")
    var context = AppContext(stationName: config.stationName, forms: [], datasets: DatasetCatalog(datasets: [:]),
                             idleTimeout: Double(config.idleTimeoutSeconds), defaultLanguage: language ?? config.language,
                             inputMethod: config.inputMethod, toneStyle: config.toneStyle)
    let size = terminal.size
    var state = AppState(context: context, width: size.width, height: size.height)
    terminal.draw(App.view(state))

    // Then the store: opened, purged of personal data past its retention.
    let store: KioskStore
    do {
        store = try KioskStore.open(config: config)
        try store.purge()
    } catch {
        terminal.shutdown()
        terminalOpen = false
        printError("kiosk: " + error.userMessage.text(language ?? config.language))
        return .failure
    }
    // Warnings (permissions tightened, documents missing) are for the
    // operator, not for a citizen at the screen: printed when the kiosk stops.
    var warnings = store.warnings
    defer {
        terminal.shutdown() // idempotent: the screen is restored before printing
        for w in warnings { printError("kiosk: " + w.text(language ?? config.language)) }
    }
    _ = App.update(&state, .stationStatus(stationStatus(store, online: false)))

    let catalog = FormCatalog.load(directory: config.formsPath)
    // No form at all: the screen tells citizens to call the staff; the
    // operator reads the cause when the kiosk stops, and the exit code says
    // the station is not ready.
    if let reason = catalog.noFormsReason {
        warnings.append(LocalizedText(vi: "trạm này không có biểu mẫu nào để làm hồ sơ: " + reason.vi,
                                      en: "this station has no forms to make dossiers with: " + reason.text(.en)))
    }
    context = AppContext(config: config, catalog: catalog)
    context.defaultLanguage = language ?? config.language
    state.context = context
    let runner = EffectRunner(store: store, context: context, printerCommand: config.printerCommand, receiptsDirectory: receipts)

    // Uploads run beside the UI in a process of their own (kiosk-sync
    // watch); it writes whether the server answers into the store, and
    // answers the UI's questions about earlier dossiers. Started again if
    // it ends, or once it is built.
    let worker = SyncWorkerSupervisor(config: config)
    defer {
        worker.stop()
        if siblingExecutable("kiosk-sync") == nil {
            // Printed with the other warnings, after the screen is restored.
            warnings.append(LocalizedText(vi: "không có kiosk-sync bên cạnh kiosk nên chưa gửi được hồ sơ (hồ sơ vẫn được giữ); chạy “swift build” để tạo kiosk-sync.",
                                          en: "kiosk-sync is not beside kiosk, so nothing was uploaded (the dossiers are kept); run “swift build” to build it."))
        }
    }
    runner.priorService = worker
    runner.asksInBackground = true

    var lastStatus = 0.0
    while !state.quitting {
        terminal.draw(App.view(state))
        var queue: [Event] = [.tick(unixTime: Date().timeIntervalSince1970)]
        // Poll often while a question to the server is out, so its answer shows at once.
        queue += terminal.readEvents(timeoutMilliseconds: runner.isBusy ? 50 : 1000)
        queue += runner.finishedEvents()
        var finalized = false
        while !queue.isEmpty {
            let event = queue.removeFirst()
            if case .resize = event { terminal.invalidate() }
            for effect in App.update(&state, event) {
                if case .quit = effect { state.quitting = true }
                if case .finalize = effect { finalized = true }
                queue += runner.perform(effect)
            }
        }
        if finalized || state.now - lastStatus >= 2 {
            // The worker's view: whether the server answers, what waits.
            lastStatus = state.now
            worker.check()
            // Without a worker nothing is uploaded, whatever the last one saw.
            let online = worker.isRunning && ((try? store.isOnline()) ?? false)
            _ = App.update(&state, .stationStatus(stationStatus(store, online: online)))
        }
        // The receipt shows the official code as soon as the server gives it.
        if case .receipt(let r) = state.page, r.receipt.officialCode == nil,
           let d = try? store.dossier(submissionID: r.receipt.submissionID), let code = d.officialCode {
            _ = App.update(&state, .officialCodeArrived(submissionID: d.submissionID, code: code, dueDate: d.dueDate))
        }
        // At most the last second of typing is exposed to a power cut.
        try? store.flushIfDue()
    }
    try? store.flush()
    return catalog.noFormsReason == nil ? .success : .failure
}

/// The status line's facts, as the store holds them (the upload worker
/// writes them there): cheap counts, since this runs every two seconds on
/// the UI's loop. A fault of the station itself is always shown; being
/// offline or a busy server only while dossiers wait (then the staff see
/// why they wait, a wrong address among the causes).
func stationStatus(_ store: KioskStore, online: Bool) -> StationStatus {
    let waiting = (try? store.waitingCount()) ?? 0
    let problem = ((try? store.syncProblem()) ?? nil).flatMap { p -> LocalizedText? in
        p.kind == .station || (waiting > 0 && !online) ? p.message : nil
    }
    return StationStatus(online: online, waiting: waiting, needsAttention: (try? store.needsAttentionCount()) ?? 0, problem: problem)
}

/// An executable of the package next to this one (.build/<config>/, or /usr/bin).
func siblingExecutable(_ name: String) -> String? {
    let me = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    let path = ((me as NSString).deletingLastPathComponent as NSString).appendingPathComponent(name)
    return FileManager.default.isExecutableFile(atPath: path) ? path : nil
}

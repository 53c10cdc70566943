import Foundation
import KioskCore
import KioskStore
import KioskSync
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
    let warnings = store.warnings
    defer {
        terminal.shutdown() // idempotent: the screen is restored before printing
        for w in warnings { printError("kiosk: " + w.text(language ?? config.language)) }
    }
    state.waitingCount = (try? store.waitingCount()) ?? 0

    let catalog = FormCatalog.load(directory: config.formsPath)
    context = AppContext(config: config, catalog: catalog)
    context.defaultLanguage = language ?? config.language
    state.context = context
    let runner = EffectRunner(store: store, context: context, printerCommand: config.printerCommand, receiptsDirectory: receipts)

    // Uploads run beside the UI, on their own thread and connection. With no
    // usable token or URL the kiosk simply stays offline.
    var worker: BackgroundSync?
    if case .success(let settings) = SyncSettings.from(config: config) {
        let w = BackgroundSync(settings: settings, datasets: catalog.datasets) { try KioskStore.open(config: config) }
        w.start()
        worker = w
    }
    defer { worker?.stop() }
    if !catalog.errors.isEmpty {
        state.overlay = .message(LocalizedText(
            vi: "\(catalog.errors.count) lỗi trong biểu mẫu; các thủ tục có lỗi không được hiển thị (kiosk forms check).",
            en: "\(catalog.errors.count) errors in the forms; procedures with errors are not shown (kiosk forms check)."))
    }

    while !state.quitting {
        terminal.draw(App.view(state))
        var queue: [Event] = [.tick(unixTime: Date().timeIntervalSince1970)]
        queue += terminal.readEvents(timeoutMilliseconds: 1000)
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
        if finalized {
            state.waitingCount = (try? store.waitingCount()) ?? state.waitingCount
            worker?.nudge()
        }
        if let snapshot = worker?.snapshot {
            state.online = snapshot.online
            if !finalized { state.waitingCount = snapshot.waiting }
        }
        // The receipt shows the official code as soon as the server gives it.
        if case .receipt(var r) = state.page, r.receipt.officialCode == nil,
           let d = try? store.dossier(submissionID: r.receipt.submissionID), let code = d.officialCode {
            r.receipt.officialCode = code
            if let due = d.dueDate.flatMap(CalendarDate.parseISO) { r.receipt.dueDate = due }
            state.page = .receipt(r)
        }
        // At most the last second of typing is exposed to a power cut.
        try? store.flushIfDue()
    }
    try? store.flush()
    return .success
}

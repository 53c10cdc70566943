import Foundation
import KioskCore
import KioskStore
import KioskSync

/// `kiosk sync`: one pass over the outbox, for cron or a systemd timer.
/// Exit 0 when the queue is empty afterwards, 3 when dossiers remain.
func sync(config: KioskConfig, language: Language) -> ExitCode {
    let vi = language == .vi
    let settings: SyncSettings
    switch SyncSettings.from(config: config) {
    case .success(let s): settings = s
    case .failure(let problem):
        printError("kiosk: " + problem.message.text(language))
        return .failure
    }
    guard let store = openStore(config, language: language) else { return .failure }
    let catalog = FormCatalog.load(directory: config.formsPath)
    let engine = SyncEngine(store: store, client: ProvincialClient(settings: settings), datasets: catalog.datasets)
    var total = SyncPass()
    // Passes until the queue is empty or a pass stops early (offline, busy).
    repeat {
        let pass = engine.runOnce()
        total.accepted += pass.accepted
        total.needsAttention += pass.needsAttention
        total.remaining = pass.remaining
        total.stoppedBy = pass.stoppedBy
        if pass.accepted + pass.needsAttention == 0 { break }
    } while total.stoppedBy == nil && total.remaining > 0
    let line = vi
        ? "đã gửi \(total.accepted), cần xử lý \(total.needsAttention), còn chờ \(total.remaining)" + (total.stoppedBy.map { " (dừng: \($0))" } ?? "")
        : "sent \(total.accepted), needing attention \(total.needsAttention), waiting \(total.remaining)" + (total.stoppedBy.map { " (stopped: \($0))" } ?? "")
    print(line)
    return total.remaining == 0 ? .success : .workRemains
}

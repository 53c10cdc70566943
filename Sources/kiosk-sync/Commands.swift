import Foundation
import KioskCore
import KioskStore
import KioskSync

/// Said when the worker has no key: it cannot read the dossiers it would send.
let stationLocked = LocalizedText(
    vi: "Trạm đang khoá (chưa có khoá dữ liệu): chưa gửi hay đọc được hồ sơ. Hãy mở khoá kiosk, hoặc đặt [security] key_file trong kiosk.conf.",
    en: "The station is locked (no data key): dossiers can be neither sent nor read. Unlock the kiosk, or set [security] key_file in kiosk.conf.")

/// Exit codes of `kiosk sync` (also in `kiosk --help` and the README).
enum SyncExit {
    static let done: Int32 = 0
    static let failure: Int32 = 1
    /// Dossiers still wait (offline, busy server): a later pass sends them.
    static let waiting: Int32 = 3
    /// A dossier the server refused waits for a helper: no later pass mends it.
    static let needsAttention: Int32 = 4
}

/// `kiosk sync [--now]`: passes over the outbox, for cron or a systemd timer.
/// Exit 0 when the queue is empty afterwards and nothing needs attention,
/// 4 when a dossier needs a helper, else 3 when dossiers remain. `--now`
/// makes every waiting dossier due first, whatever its backoff.
func syncOnce(config: KioskConfig, language: Language, now: Bool = false) -> Int32 {
    let vi = language == .vi
    guard let store = openStore(config, language: language, vault: workerVault(config)) else { return SyncExit.failure }
    let settings: SyncSettings
    switch SyncSettings.from(config: config) {
    case .success(let s): settings = s
    case .failure(let problem):
        try? store.setSyncProblem(problem.problem(at: store.timestamp))
        printError("kiosk: " + problem.message.text(language))
        return SyncExit.failure
    }
    if now { try? store.setOutboxDue(at: store.timestamp) }
    let catalog = FormCatalog.load(directory: config.formsPath)
    let client = ProvincialClient(settings: settings)
    let engine = SyncEngine(store: store, client: client, datasets: catalog.datasets)
    var total = SyncPass()
    // Passes until the queue is empty or a pass stops early (offline, busy).
    repeat {
        let pass = engine.runOnce()
        total.accepted += pass.accepted
        total.needsAttention += pass.needsAttention
        total.remaining = pass.remaining
        total.stoppedBy = pass.stoppedBy
        total.problem = pass.problem
        if pass.accepted + pass.needsAttention == 0 { break }
    } while total.stoppedBy == nil && total.remaining > 0
    // Nothing was tried (an empty queue): ask the server once, so that what
    // `kiosk status` says of the connection is today's, not a stale failure.
    if total.accepted + total.needsAttention == 0 && total.stoppedBy == nil {
        switch client.health() {
        case .success: try? store.setSyncProblem(nil)
        case .failure(let e): total.problem = e.problem(settings: settings, at: store.timestamp)
            try? store.setSyncProblem(total.problem)
        }
    }
    // A newer form bundle, when the server answers (its outcome is kept for kiosk status).
    if total.stoppedBy == nil && total.problem == nil {
        report(BundleUpdate.check(client: client, config: config, now: store.timestamp), language: language, quietWhenUpToDate: true)
    }
    // Every dossier needing a helper, not only this pass's: cron must see them until they are dealt with.
    let attention = (try? store.status().needsAttention) ?? total.needsAttention
    let line = vi
        ? "đã gửi \(total.accepted), cần xử lý \(attention), còn chờ \(total.remaining)" + (total.stoppedBy.map { " (dừng: \($0))" } ?? "")
        : "sent \(total.accepted), needing attention \(attention), waiting \(total.remaining)" + (total.stoppedBy.map { " (stopped: \($0))" } ?? "")
    print(line)
    if let problem = total.problem { printError("kiosk: " + problem.message.text(language)) }
    if attention > 0 { return SyncExit.needsAttention }
    return total.remaining == 0 ? SyncExit.done : SyncExit.waiting
}

/// Beside the kiosk's UI: passes while the server answers and work waits,
/// the state written where the UI reads it (the store's meta table), until
/// the kiosk that started it is gone.
func watch(config: KioskConfig) -> Int32 {
    guard let store = try? KioskStore.open(config: config, vault: workerVault(config)) else { return 1 }
    // Locked (no key came, no key file): what was sealed at finalization is
    // sent all the same; a dossier still to be sealed waits for the key.
    let settings: SyncSettings
    switch SyncSettings.from(config: config) {
    case .success(let s): settings = s
    case .failure(let problem):
        // Said where the clerk looks (kiosk status, the kiosk's status
        // line); the kiosk starts a worker again later, which reads the
        // settings afresh.
        try? store.setSyncProblem(problem.problem(at: store.timestamp))
        try? store.setSyncState(online: false)
        return 1
    }
    let parent = getppid()
    // Questions from the UI on standard input; when it closes, the kiosk is gone.
    QuestionServer(settings: settings).serve(onEnd: { exit(0) })
    let client = ProvincialClient(settings: settings)
    let engine = SyncEngine(store: store, client: client, datasets: FormCatalog.load(directory: config.formsPath).datasets)
    var sendNow = try? store.sendNowRequest()
    // Form bundles are asked for at start and every 15 minutes while the server answers.
    var bundleCheckedAt = 0
    while getppid() == parent {
        var online = false
        var stationFault = false
        switch client.health() {
        case .success:
            try? store.setSyncProblem(nil)
            if store.timestamp - bundleCheckedAt >= 15 * 60 {
                bundleCheckedAt = store.timestamp
                _ = BundleUpdate.check(client: client, config: config, now: store.timestamp)
            }
            let pass = engine.runOnce()
            online = pass.stoppedBy == nil || pass.online
            stationFault = pass.stoppedAtTheStation
        case .failure(let error):
            try? store.setSyncProblem(error.problem(settings: settings, at: store.timestamp))
        }
        try? store.setSyncState(online: online)
        let waiting = (try? store.waitingCount()) ?? 0
        // Soon again while work waits and the server answers; not while
        // the station cannot record answers (its disk is full).
        let rounds = stationFault ? 30 : (online && waiting > 0 ? 2 : (online ? 4 : 30))
        for _ in 0..<rounds where getppid() == parent {
            // "Send now" at the operator's screen: the next pass at once.
            if let asked = try? store.sendNowRequest(), asked != sendNow {
                sendNow = asked
                break
            }
            sleep(1)
        }
    }
    return 0
}

/// `kiosk lookup CODE` (the verification came on standard input): the
/// server's answer when online, else what this station knows.
func lookup(code input: String, verify: String, config: KioskConfig, language: Language) -> Int32 {
    let vi = language == .vi
    let reference: DossierReference
    switch DossierReference.parse(input) {
    case .success(let r): reference = r
    case .failure(let e):
        printError("kiosk: " + e.message.text(language))
        return 1
    }
    // Only read: a station whose store is read-only still answers offline.
    let store = FileManager.default.fileExists(atPath: config.databasePath)
        ? openStore(config, language: language, readOnly: true, vault: workerVault(config)) : nil
    // A receipt number is this station's own: the server knows official
    // codes only, so it is asked with the official code once the dossier
    // has one, and otherwise the station answers alone.
    var code = reference.description
    var askServer = true
    if case .receipt = reference {
        let d = (try? store?.dossier(receiptNumber: code)) ?? nil
        if let official = d?.officialCode { code = official } else { askServer = false }
    }
    if askServer, case .success(let settings) = SyncSettings.from(config: config) {
        switch ProvincialClient(settings: settings).lookup(dossierCode: code, verify: verify) {
        case .success(let remote?):
            print((vi ? "Mã hồ sơ:   " : "Dossier:    ") + remote.dossierCode)
            print((vi ? "Thủ tục:    " : "Procedure:  ") + remote.procedureName)
            print((vi ? "Tình trạng: " : "Status:     ") + ProvincialStatus.name(remote.status).text(language))
            if let due = remote.dueDate { print((vi ? "Hẹn trả:    " : "Due:        ") + due) }
            print(vi ? "(theo hệ thống tỉnh)" : "(from the provincial system)")
            return 0
        case .success(nil):
            print(vi ? "Không tìm thấy hồ sơ với mã và thông tin xác minh này." : "No dossier with this code and verification.")
            return 1
        case .failure:
            break // offline: what the station knows
        }
    }
    guard let store, let d = (try? store.dossier(officialCode: code)) ?? (try? store.dossier(receiptNumber: code)) ?? nil else {
        print(askServer ? (vi ? "Không có kết nối; trạm này không có hồ sơ với mã này." : "Offline, and this station has no dossier with this code.")
                        : (vi ? "Trạm này không có hồ sơ với số biên nhận này." : "This station has no dossier with this receipt number."))
        return 1
    }
    // Locally the verification is checked by its keyed hash against those
    // of the dossier's own answers, by the server's rule (an id number or
    // phone of whoever filed it): that needs the station unlocked.
    guard !store.isLocked else {
        print(stationLocked.text(language))
        return 1
    }
    guard (try? store.verifies(dossierID: d.id, verification: verify)) == true else {
        print(vi ? "Không tìm thấy hồ sơ với mã và thông tin xác minh này." : "No dossier with this code and verification.")
        return 1
    }
    print((vi ? "Mã hồ sơ:   " : "Dossier:    ") + (d.officialCode ?? (vi ? "chưa có (chưa gửi lên hệ thống tỉnh)" : "none yet (not sent to the provincial system)")))
    print((vi ? "Số biên nhận: " : "Receipt:    ") + d.receiptNumber)
    let names: [DossierStatus: (String, String)] = [
        .queued: ("đã nộp tại trạm, chờ gửi lên hệ thống tỉnh", "submitted here, waiting to be sent"),
        .accepted: ("đã được tiếp nhận", "accepted"),
        .needsAttention: ("cần cán bộ xử lý", "needs a helper's attention"),
        .purged: ("đã hết thời hạn lưu tại trạm", "erased after the retention period"),
        .withdrawn: ("đã rút (bị từ chối, không gửi lại)", "withdrawn (refused, not sent again)"),
        .replaced: ("đã được thay bằng hồ sơ sửa lại", "replaced by a corrected dossier"),
    ]
    let name = names[d.status].map { vi ? $0.0 : $0.1 } ?? d.status.rawValue
    print((vi ? "Tình trạng: " : "Status:     ") + name + (d.dueDate.map { (vi ? " · hẹn trả " : " · due ") + $0 } ?? ""))
    print(vi ? "(ngoại tuyến: theo dữ liệu tại trạm)" : "(offline: as this station knows it)")
    return 0
}

import Foundation
import KioskCore
import KioskStore
import KioskSync

/// Opens the store, printing what went wrong in the user's language.
func openStore(_ config: KioskConfig, language: Language) -> KioskStore? {
    do {
        return try KioskStore.open(config: config)
    } catch {
        printError("kiosk: " + error.userMessage.text(language))
        return nil
    }
}

/// `kiosk sync`: passes over the outbox, for cron or a systemd timer.
/// Exit 0 when the queue is empty afterwards, 3 when dossiers remain.
func syncOnce(config: KioskConfig, language: Language) -> Int32 {
    let vi = language == .vi
    let settings: SyncSettings
    switch SyncSettings.from(config: config) {
    case .success(let s): settings = s
    case .failure(let problem):
        printError("kiosk: " + problem.message.text(language))
        return 1
    }
    guard let store = openStore(config, language: language) else { return 1 }
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
    return total.remaining == 0 ? 0 : 3
}

/// Beside the kiosk's UI: passes while the server answers and work waits,
/// the state written where the UI reads it (the store's meta table), until
/// the kiosk that started it is gone.
func watch(config: KioskConfig) -> Int32 {
    guard case .success(let settings) = SyncSettings.from(config: config), let store = try? KioskStore.open(config: config) else { return 1 }
    let parent = getppid()
    // Questions from the UI on standard input; when it closes, the kiosk is gone.
    QuestionServer(settings: settings).serve(onEnd: { exit(0) })
    let client = ProvincialClient(settings: settings)
    let engine = SyncEngine(store: store, client: client, datasets: FormCatalog.load(directory: config.formsPath).datasets)
    while getppid() == parent {
        var online = false
        var stationFault = false
        if case .success = client.health() {
            let pass = engine.runOnce()
            online = pass.stoppedBy == nil || pass.online
            stationFault = pass.stoppedAtTheStation
        }
        try? store.setSyncState(online: online)
        let waiting = (try? store.waitingCount()) ?? 0
        // Soon again while work waits and the server answers; not while
        // the station cannot record answers (its disk is full).
        let rounds = stationFault ? 30 : (online && waiting > 0 ? 2 : (online ? 4 : 30))
        for _ in 0..<rounds where getppid() == parent { sleep(1) }
    }
    return 0
}

/// `kiosk lookup CODE` (the verification came on standard input): the
/// server's answer when online, else what this station knows.
func lookup(code input: String, verify: String, config: KioskConfig, language: Language) -> Int32 {
    let vi = language == .vi
    let code = input.uppercased()
    if case .failure(let e) = DossierCode.parse(code) {
        printError("kiosk: " + e.message.text(language))
        return 1
    }
    if case .success(let settings) = SyncSettings.from(config: config) {
        switch ProvincialClient(settings: settings).lookup(dossierCode: code, verify: verify) {
        case .success(let remote?):
            print((vi ? "Mã hồ sơ:   " : "Dossier:    ") + remote.dossierCode)
            print((vi ? "Thủ tục:    " : "Procedure:  ") + remote.procedureName)
            print((vi ? "Tình trạng: " : "Status:     ") + "\(remote.status) " + (RemoteDossier.statusNames[remote.status] ?? ""))
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
    guard let store = openStore(config, language: language), let d = try? store.dossier(officialCode: code) else {
        print(vi ? "Không có kết nối; trạm này không có hồ sơ với mã này." : "Offline, and this station has no dossier with this code.")
        return 1
    }
    // Locally the verification is checked against the dossier's own answers,
    // by the server's rule (an id number or phone of whoever filed it).
    guard let prior = try? store.priorDossier(officialCode: code), prior.isVerified(by: verify) else {
        print(vi ? "Không tìm thấy hồ sơ với mã và thông tin xác minh này." : "No dossier with this code and verification.")
        return 1
    }
    print((vi ? "Mã hồ sơ:   " : "Dossier:    ") + code)
    print((vi ? "Số biên nhận: " : "Receipt:    ") + d.receiptNumber)
    let names: [DossierStatus: (String, String)] = [
        .queued: ("đã nộp tại trạm, chờ gửi lên hệ thống tỉnh", "submitted here, waiting to be sent"),
        .accepted: ("đã được tiếp nhận", "accepted"),
        .needsAttention: ("cần cán bộ xử lý", "needs a helper's attention"),
        .purged: ("đã hết thời hạn lưu tại trạm", "erased after the retention period"),
    ]
    let name = names[d.status].map { vi ? $0.0 : $0.1 } ?? d.status.rawValue
    print((vi ? "Tình trạng: " : "Status:     ") + name + (d.dueDate.map { (vi ? " · hẹn trả " : " · due ") + $0 } ?? ""))
    print(vi ? "(ngoại tuyến: theo dữ liệu tại trạm)" : "(offline: as this station knows it)")
    return 0
}

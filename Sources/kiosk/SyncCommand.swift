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

/// `kiosk lookup CODE --verify ID`: the server's answer when online, else
/// what this station knows.
func lookup(_ inv: Invocation, config: KioskConfig, language: Language) throws(UsageError) -> ExitCode {
    guard inv.words.count == 2, let verify = inv.flags["--verify"] else {
        throw UsageError(message: "usage: kiosk lookup DOSSIER-CODE --verify ID-NUMBER-OR-PHONE")
    }
    let vi = language == .vi
    let code = inv.words[1].uppercased()
    if case .failure(let e) = DossierCode.parse(code) {
        printError("kiosk: " + e.message.text(language))
        return .failure
    }
    if case .success(let settings) = SyncSettings.from(config: config) {
        switch ProvincialClient(settings: settings).lookup(dossierCode: code, verify: verify) {
        case .success(let remote?):
            print((vi ? "Mã hồ sơ:   " : "Dossier:    ") + remote.dossierCode)
            print((vi ? "Thủ tục:    " : "Procedure:  ") + remote.procedureName)
            print((vi ? "Tình trạng: " : "Status:     ") + "\(remote.status) " + (RemoteDossier.statusNames[remote.status] ?? ""))
            if let due = remote.dueDate { print((vi ? "Hẹn trả:    " : "Due:        ") + due) }
            print(vi ? "(theo hệ thống tỉnh)" : "(from the provincial system)")
            return .success
        case .success(nil):
            print(vi ? "Không tìm thấy hồ sơ với mã và thông tin xác minh này." : "No dossier with this code and verification.")
            return .failure
        case .failure:
            break // offline: what the station knows
        }
    }
    guard let store = openStore(config, language: language), let d = try? store.dossier(officialCode: code) else {
        print(vi ? "Không có kết nối; trạm này không có hồ sơ với mã này." : "Offline, and this station has no dossier with this code.")
        return .failure
    }
    // Locally the verification is checked against the dossier's own answers.
    let answers = (try? store.dossierAnswers(id: d.id)) ?? []
    let digits = verify.filter(\.isNumber)
    guard answers.contains(where: { ($0.key == "applicant.id_number" || $0.key == "applicant.phone") && $0.value.filter(\.isNumber) == digits && !digits.isEmpty }) else {
        print(vi ? "Không tìm thấy hồ sơ với mã và thông tin xác minh này." : "No dossier with this code and verification.")
        return .failure
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
    return .success
}

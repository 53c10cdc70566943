import Foundation
import KioskCore
import KioskSync

/// `kiosk-sync enroll URL` (the code on standard input; `kiosk enroll URL CODE`
/// runs it): the station's identity, token and the province's keys.
func enroll(url: String, code: String, config: KioskConfig, language: Language) -> Int32 {
    let vi = language == .vi
    switch Enrolment.enrol(url: url, code: code, config: config) {
    case .failure(let e):
        printError("kiosk: " + e.message.text(language))
        return 1
    case .success(let a):
        print((vi ? "Đã đăng ký trạm: " : "Station enrolled: ") + "\(a.stationId) (\(a.agencyCode))")
        print((vi ? "Mã truy cập:     " : "Token:           ") + config.tokenFilePath + " (0600)")
        print((vi ? "Đăng ký:         " : "Enrolment:       ") + config.enrolmentFilePath)
        if (a.signPublicKey ?? "").isEmpty {
            printError(vi ? "kiosk: máy chủ tỉnh không đưa khoá ký biểu mẫu: trạm sẽ không nhận gói biểu mẫu nào cho đến khi đăng ký lại."
                          : "kiosk: the provincial server gave no form-signing key: the station takes no form bundle until enrolled again.")
        }
        if (a.sealPublicKey ?? "").isEmpty {
            printError(vi ? "kiosk: máy chủ tỉnh không đưa khoá niêm phong: hồ sơ được giữ ở trạm, chưa gửi đi."
                          : "kiosk: the provincial server gave no seal key: dossiers are kept at the station, not sent.")
        }
        return 0
    }
}

/// `kiosk-sync forms-update` (`kiosk forms update`): one check for a newer
/// signed form bundle now. Exit 0 when up to date or installed, 1 when
/// refused, 3 when the server could not be asked.
func formsUpdate(config: KioskConfig, language: Language) -> Int32 {
    let settings: SyncSettings
    switch SyncSettings.from(config: config) {
    case .success(let s): settings = s
    case .failure(let problem):
        printError("kiosk: " + problem.message.text(language))
        return 1
    }
    let outcome = BundleUpdate.check(client: ProvincialClient(settings: settings), config: config, now: Int(Date().timeIntervalSince1970))
    return report(outcome, language: language)
}

/// Says what a check did; the exit code of `formsUpdate`.
@discardableResult
func report(_ outcome: BundleUpdate.Outcome, language: Language, quietWhenUpToDate: Bool = false) -> Int32 {
    let vi = language == .vi
    switch outcome {
    case .upToDate(let version):
        if !quietWhenUpToDate {
            print(vi ? "Biểu mẫu đã mới nhất (\(version ?? "bản đi kèm kiosk"))." : "The forms are up to date (\(version ?? "as shipped with the kiosk")).")
        }
        return 0
    case .installed(let version):
        print(vi ? "Đã cài gói biểu mẫu \(version); kiosk dùng nó khi về màn hình chào."
                 : "Installed form bundle \(version); the kiosk uses it once back at its welcome screen.")
        return 0
    case .refused(let r):
        printError("kiosk: " + r.message.text(language) + (vi ? " Trạm tiếp tục dùng biểu mẫu hiện có." : " The station goes on with the forms it has."))
        return 1
    case .refusedBefore(let version):
        printError(vi ? "kiosk: gói biểu mẫu \(version) đã bị từ chối trước đây (kiosk status); trạm tiếp tục dùng biểu mẫu hiện có."
                      : "kiosk: form bundle \(version) was refused before (kiosk status); the station goes on with the forms it has.")
        return 1
    case .unreachable(let e):
        printError(vi ? "kiosk: chưa hỏi được máy chủ tỉnh về biểu mẫu mới (\(e.summary)); sẽ thử lại sau."
                      : "kiosk: could not ask the provincial server for new forms (\(e.summary)); it will be tried again later.")
        return 3
    }
}

import Foundation
import KioskCore
import KioskSync

/// `kiosk-sync doctor` (for `kiosk doctor`): the server's checks, printed in
/// doctor's format. The settings (token file, URL, CA file), then one
/// health request: reachable, TLS verified, the token accepted, and the
/// clock against the answer's `Date` header. Exit 1 on any problem.
enum ServerDoctor {
    /// More than this apart, the station's clock is said to be wrong:
    /// dossier times, receipts and TLS certificates depend on it.
    static let maximumSkewSeconds: TimeInterval = 120

    static func run(config: KioskConfig, language: Language, now: Date = Date()) -> Int32 {
        var problems = 0
        func say(_ finding: DoctorFinding) {
            if finding.level == .problem { problems += 1 }
            print(finding.text(language))
        }
        let name = DoctorCheck.server
        let enrol = LocalizedText(vi: "đăng ký lại trạm: kiosk enroll URL MÃ (mã mới do tỉnh cấp)",
                                  en: "enrol the station again: kiosk enroll URL CODE (a new code from the province)")
        let settings: SyncSettings
        switch SyncSettings.from(config: config) {
        case .success(let s): settings = s
        case .failure(let problem):
            let fix: LocalizedText
            if !FileManager.default.fileExists(atPath: config.tokenFilePath) {
                fix = LocalizedText(vi: "đăng ký trạm: kiosk enroll URL MÃ (mã do tỉnh cấp)", en: "enrol the station: kiosk enroll URL CODE (a code from the province)")
            } else {
                fix = LocalizedText(vi: "sửa như trên ([server] trong \(config.sourcePath ?? "kiosk.conf"))",
                                    en: "fix it as said ([server] in \(config.sourcePath ?? "kiosk.conf"))")
            }
            say(DoctorFinding(name, .problem, problem.message, fix: fix))
            return 1
        }
        let url = config.serverURL
        let https = settings.baseURL.scheme?.lowercased() == "https"
        switch ProvincialClient(settings: settings).healthAndDate() {
        case .success(let (answer, date)):
            let tls = https
                ? LocalizedText(vi: "chứng thư TLS hợp lệ" + (settings.caFile.map { " (theo \($0))" } ?? ""),
                                en: "TLS certificate valid" + (settings.caFile.map { " (by \($0))" } ?? ""))
                : LocalizedText(vi: "http không mã hoá, chỉ trên máy này", en: "plain http, to this machine only")
            say(DoctorFinding(name, .ok, LocalizedText(
                vi: "\(url) trả lời (\(answer.server ?? "?") \(answer.version ?? "")), nhận mã truy cập của trạm; " + tls.vi + ".",
                en: "\(url) answers (\(answer.server ?? "?") \(answer.version ?? "")) and accepts the station's token; " + tls.en + ".")))
            say(clock(server: date, now: now))
        case .failure(let error):
            say(finding(error, url: url, https: https, enrol: enrol))
        }
        return problems == 0 ? 0 : 1
    }

    /// The station's clock against the server's.
    static func clock(server: Date?, now: Date) -> DoctorFinding {
        let name = DoctorCheck.clock
        guard let server else {
            return DoctorFinding(name, .warning, LocalizedText(vi: "máy chủ không gửi giờ (tiêu đề Date): không so được đồng hồ.",
                                                               en: "the server sent no time (Date header): the clocks could not be compared."))
        }
        let skew = now.timeIntervalSince(server)
        let seconds = Int(abs(skew).rounded())
        if abs(skew) <= maximumSkewSeconds {
            return DoctorFinding(name, .ok, LocalizedText(vi: "lệch \(seconds) giây so với máy chủ.", en: "within \(seconds) s of the server's."))
        }
        let amount = duration(seconds)
        return DoctorFinding(name, .problem,
            LocalizedText(vi: "đồng hồ của máy này " + (skew > 0 ? "nhanh" : "chậm") + " \(amount.vi) so với máy chủ: giờ trên hồ sơ, biên nhận và việc kiểm tra chứng thư TLS phụ thuộc vào nó.",
                          en: "this machine's clock is \(amount.en) " + (skew > 0 ? "ahead of" : "behind") + " the server's: dossier times, receipts and TLS certificate checks depend on it."),
            fix: LocalizedText(vi: "bật đồng bộ giờ: timedatectl set-ntp true (hoặc đặt giờ: date -s 'YYYY-MM-DD HH:MM')",
                               en: "turn on time sync: timedatectl set-ntp true (or set it: date -s 'YYYY-MM-DD HH:MM')"))
    }

    static func duration(_ seconds: Int) -> LocalizedText {
        let days = seconds / 86_400, hours = seconds % 86_400 / 3600, minutes = seconds % 3600 / 60
        if days > 0 { return LocalizedText(vi: "\(days) ngày \(hours) giờ", en: "\(days) d \(hours) h") }
        if hours > 0 { return LocalizedText(vi: "\(hours) giờ \(minutes) phút", en: "\(hours) h \(minutes) min") }
        return LocalizedText(vi: "\(minutes) phút \(seconds % 60) giây", en: "\(minutes) min \(seconds % 60) s")
    }

    /// A failed health request in words, with what to do.
    static func finding(_ error: SyncError, url: String, https: Bool, enrol: LocalizedText) -> DoctorFinding {
        let name = DoctorCheck.server
        let wait = LocalizedText(vi: " Trong lúc đó hồ sơ được giữ ở trạm và gửi sau.", en: " Meanwhile dossiers are kept at the station and sent later.")
        switch error {
        case .offline(let why):
            return DoctorFinding(name, .problem,
                LocalizedText(vi: "\(url) không trả lời (\(why))." + wait.vi, en: "\(url) does not answer (\(why))." + wait.en),
                fix: LocalizedText(vi: "kiểm tra dây mạng / Wi-Fi, và [server] url trong kiosk.conf", en: "check the network cable or Wi-Fi, and [server] url in kiosk.conf"))
        case .tls(let why):
            return DoctorFinding(name, .problem,
                LocalizedText(vi: "kết nối an toàn (TLS) tới \(url) không được: \(why).", en: "the secure connection (TLS) to \(url) failed: \(why)."),
                fix: LocalizedText(vi: "kiểm tra giờ của máy (date); nếu tỉnh dùng CA riêng, đặt [server] ca_file trong kiosk.conf",
                                   en: "check this machine's clock (date); if the province runs its own CA, set [server] ca_file in kiosk.conf"))
        case .unauthorized:
            return DoctorFinding(name, .problem,
                LocalizedText(vi: "\(url) từ chối mã truy cập của trạm (401): mã sai, hết hạn hoặc đã bị thu hồi.",
                              en: "\(url) refuses the station's token (401): wrong, expired or revoked."),
                fix: enrol)
        case .notTheServer(let why):
            return DoctorFinding(name, .problem,
                LocalizedText(vi: "câu trả lời từ \(url) không phải của máy chủ tỉnh (\(why)): có thể là trang đăng nhập Wi-Fi.",
                              en: "what answers at \(url) is not the provincial server (\(why)): perhaps a Wi-Fi sign-in page."),
                fix: LocalizedText(vi: "đăng nhập mạng Wi-Fi bằng trình duyệt, hoặc kiểm tra [server] url", en: "sign in to the Wi-Fi in a browser, or check [server] url"))
        case .unavailable(let status, _):
            return DoctorFinding(name, .problem,
                LocalizedText(vi: "\(url) đang bận hoặc lỗi (HTTP \(status))." + wait.vi, en: "\(url) is busy or failing (HTTP \(status))." + wait.en),
                fix: LocalizedText(vi: "thử lại sau; nếu kéo dài, báo bộ phận CNTT của tỉnh", en: "try again later; if it lasts, tell the province's IT team"))
        default:
            return DoctorFinding(name, .problem, LocalizedText(vi: "\(url): \(error.summary).", en: "\(url): \(error.summary)."))
        }
    }
}

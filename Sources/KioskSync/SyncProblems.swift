import Foundation
import KioskCore
import KioskStore

// What the station records when uploads do not get through: the failure in
// words a post-office clerk can act on (which file, which setting, what to
// run), never personal data or the token.

extension SyncError {
    /// The problem to show the clerk, or nil for a refusal of one dossier
    /// (that dossier needs attention; the connection itself is fine).
    public func problem(settings: SyncSettings, at: Int) -> SyncProblem? {
        let url = settings.displayURL
        switch self {
        case .offline(let why):
            return SyncProblem(kind: .offline, message: LocalizedText(
                vi: "Không kết nối được máy chủ tỉnh \(url) (\(why)). Hồ sơ vẫn được giữ và sẽ tự gửi khi có mạng; nếu mạng vẫn tốt, kiểm tra [server] url trong kiosk.conf.",
                en: "Cannot reach the provincial server \(url) (\(why)). Dossiers are kept and sent when the network returns; if the network works, check [server] url in kiosk.conf."), at: at)
        case .notTheServer(let why):
            return SyncProblem(kind: .station, message: LocalizedText(
                vi: "\(url) không trả lời như máy chủ tỉnh (\(why)): mạng có thể đòi đăng nhập (wifi công cộng) hoặc [server] url trong kiosk.conf bị sai.",
                en: "\(url) does not answer as the provincial server does (\(why)): the network may want a sign-in (public wifi), or [server] url in kiosk.conf is wrong."), at: at)
        case .tls(let why):
            return SyncProblem(kind: .station, message: LocalizedText(
                vi: "Không lập được kết nối an toàn với \(url) (\(why)). Kiểm tra ngày giờ của máy và địa chỉ [server] url; nếu vẫn lỗi, báo cho bộ phận CNTT của tỉnh.",
                en: "No secure connection to \(url) (\(why)). Check this machine's date and time and [server] url; if it persists, tell the province's IT team."), at: at)
        case .unauthorized:
            return SyncProblem(kind: .station, message: LocalizedText(
                vi: "Máy chủ tỉnh từ chối mã truy cập của trạm (401). Xin mã mới từ bộ phận CNTT của tỉnh và ghi vào tệp [server] token_file.",
                en: "The provincial server refused this station's token (401). Ask the province's IT team for a new one and put it in the [server] token_file."), at: at)
        case .unavailable(let status, _):
            return SyncProblem(kind: .server, message: LocalizedText(
                vi: "Máy chủ tỉnh đang bận hoặc gặp sự cố (mã \(status)); trạm sẽ tự gửi lại.",
                en: "The provincial server is busy or failing (status \(status)); the station will send again by itself."), at: at)
        case .noSealKey:
            return SyncProblem(kind: .station, message: LocalizedText(
                vi: "Chưa có khoá công khai của tỉnh ([server] seal_public_key trong kiosk.conf): hồ sơ được giữ lại ở trạm và chưa gửi đi, vì chỉ gửi hồ sơ đã niêm phong cho tỉnh. Xin khoá từ bộ phận CNTT của tỉnh.",
                en: "No province public key ([server] seal_public_key in kiosk.conf): dossiers are kept at the station and not sent, since only dossiers sealed to the province are sent. Ask the province's IT team for the key."), at: at)
        case .stationLocked:
            return SyncProblem(kind: .station, message: LocalizedText(
                vi: "Trạm đang khoá: hồ sơ nộp trước khi có niêm phong cần mở khoá trạm (mật khẩu hoặc tệp khoá) để được niêm phong rồi gửi; hồ sơ vẫn được giữ.",
                en: "The station is locked: dossiers finalized before sealing need the station unlocked (passphrase or key file) to be sealed and sent; they are kept."), at: at)
        case .documentsIncomplete:
            return SyncProblem(kind: .server, message: LocalizedText(
                vi: "Máy chủ tỉnh chưa có đủ tệp đính kèm của một hồ sơ; trạm sẽ tự gửi lại các tệp rồi gửi hồ sơ.",
                en: "The provincial server does not hold all of a dossier's attached documents yet; the station sends them again, then the dossier."), at: at)
        case .refused, .tooLarge:
            return nil
        }
    }
}

extension SyncSettings {
    /// The server's address as a clerk may read it: without a user name or
    /// password, should kiosk.conf's URL carry them.
    var displayURL: String {
        guard var parts = URLComponents(url: baseURL, resolvingAgainstBaseURL: false) else { return baseURL.host ?? "" }
        parts.user = nil
        parts.password = nil
        parts.query = nil
        return parts.string ?? (baseURL.host ?? "")
    }
}

extension SyncSettings.Problem {
    /// A setting that keeps the station from sending anything.
    public func problem(at: Int) -> SyncProblem {
        SyncProblem(kind: .station, message: message, at: at)
    }
}

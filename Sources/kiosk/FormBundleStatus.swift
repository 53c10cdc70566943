import Foundation
import KioskCore
import KioskStore

/// What `kiosk status` says of enrolment and form bundles (written by
/// `kiosk enroll` and `kiosk-sync`): the station's enrolment, the forms in
/// use, and the last bundle refused, with why.
func formBundleLines(_ config: KioskConfig, language: Language) -> [String] {
    let vi = language == .vi
    let state = FormBundleState.read(updates: config.formsUpdatesPath)
    var lines: [String] = []
    let enrolled = config.isEnrolled
        ? (vi ? "có (\(config.stationID), \(config.agencyCode))" : "yes (\(config.stationID), \(config.agencyCode))")
        : (vi ? "chưa (kiosk enroll URL MÃ)" : "not yet (kiosk enroll URL CODE)")
    lines.append((vi ? "Đăng ký trạm:        " : "Enrolled:            ") + enrolled)
    let key = SigningKey(base64: config.signPublicKey).map(\.id) ?? (vi ? "chưa có" : "none")
    lines.append((vi ? "Khoá ký biểu mẫu:    " : "Form-signing key:    ") + key)
    let inUse = state.installed.map { vi ? "gói \($0)" : "bundle \($0)" } ?? (vi ? "bản đi kèm kiosk" : "as shipped with the kiosk")
    lines.append((vi ? "Biểu mẫu đang dùng:  " : "Forms in use:        ") + inUse + " — " + displayPath(config.formsPath))
    if let r = state.refused {
        lines.append((vi ? "Gói bị từ chối:      " : "Bundle refused:      ") + "\(r.version) · \(VietnamTime(unix: r.at).dateAndClock) · " + r.message.text(language))
    }
    return lines
}

/// `kiosk status --json` with `formBundle` (the state above) and `enrolled`
/// added beside the store's counts.
func addingFormBundle(_ json: Data, config: KioskConfig) -> Data? {
    guard var object = (try? JSONSerialization.jsonObject(with: json)) as? [String: Any] else { return nil }
    let state = FormBundleState.read(updates: config.formsUpdatesPath)
    if let data = try? JSONEncoder().encode(state), let value = try? JSONSerialization.jsonObject(with: data) { object["formBundle"] = value }
    object["enrolled"] = config.isEnrolled
    return try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
}

import Foundation
import KioskCore
import KioskStore

/// The database: intact (`PRAGMA integrity_check`, read without the data
/// key and without writing), and of a schema this kiosk can open.
enum DatabaseCheck {
    static func run(_ config: KioskConfig) -> DoctorFinding {
        let name = DoctorCheck.database
        let path = config.databasePath
        guard FileManager.default.fileExists(atPath: path) else {
            return DoctorFinding(name, .ok, LocalizedText(vi: "chưa có \(path): kiosk tạo ra khi chạy lần đầu.",
                                                          en: "no \(path) yet: the kiosk makes it at its first start."))
        }
        let moveAside = LocalizedText(
            vi: "dừng kiosk; giữ một bản sao (cp -a \(path)* NƠI-KHÁC); khôi phục bản sao lưu gần nhất, hoặc chuyển tệp sang chỗ khác để kiosk tạo tệp mới (hồ sơ chưa gửi sẽ mất: làm lại)",
            en: "stop the kiosk; keep a copy (cp -a \(path)* ELSEWHERE); restore the last backup, or move the file aside so the kiosk makes a new one (dossiers not yet sent are lost: file them again)")
        let health: DatabaseHealth
        do {
            health = try DatabaseHealth.check(path: path)
        } catch {
            return DoctorFinding(name, .problem, LocalizedText(vi: "\(path): " + error.userMessage.vi, en: "\(path): " + error.userMessage.en),
                                 fix: moveAside)
        }
        if health.version > health.latest {
            return DoctorFinding(name, .problem,
                LocalizedText(vi: "\(path) do phiên bản kiosk mới hơn tạo ra (lược đồ \(health.version), bản này biết đến \(health.latest)).",
                              en: "\(path) was made by a newer kiosk (schema \(health.version); this one knows \(health.latest))."),
                fix: LocalizedText(vi: "cài phiên bản kiosk mới nhất", en: "install the latest kiosk package"))
        }
        guard health.isIntact else {
            let first = health.integrity.split(separator: "\n").first.map(String.init) ?? health.integrity
            return DoctorFinding(name, .problem,
                LocalizedText(vi: "\(path) bị hỏng (integrity_check: \(first)); kiosk không ghi gì vào tệp hỏng.",
                              en: "\(path) is damaged (integrity_check: \(first)); the kiosk writes nothing to a damaged file."),
                fix: moveAside)
        }
        if health.version < health.latest {
            return DoctorFinding(name, .ok,
                LocalizedText(vi: "\(path) nguyên vẹn; lược đồ \(health.version) sẽ được nâng lên \(health.latest) khi kiosk chạy lần tới.",
                              en: "\(path) is intact; schema \(health.version) is migrated to \(health.latest) at the kiosk's next start."))
        }
        return DoctorFinding(name, .ok, LocalizedText(vi: "\(path) nguyên vẹn (lược đồ \(health.version)).",
                                                      en: "\(path) is intact (schema \(health.version))."))
    }
}

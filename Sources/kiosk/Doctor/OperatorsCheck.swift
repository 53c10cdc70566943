import Foundation
import KioskCore
import KioskStore

/// Whether anyone can work the operator's screens: without an operator, no
/// one at the station can quit the kiosk, see the queue or correct a refused
/// dossier. A warning, not a problem: a station being set up has none yet.
enum OperatorsCheck {
    static func run(_ config: KioskConfig) -> DoctorFinding? {
        let path = config.databasePath
        guard FileManager.default.fileExists(atPath: path),
              let count = (try? DatabaseHealth.check(path: path))?.operators else { return nil }
        if count == 0 {
            return DoctorFinding(DoctorCheck.operators, .warning,
                LocalizedText(vi: "chưa có người vận hành nào: không ai thoát được kiosk hay xem hàng đợi hồ sơ.",
                              en: "no operator is set up: nobody can quit the kiosk or see the queue."),
                fix: LocalizedText(vi: "kiosk operator add MÃ-NGƯỜI-VẬN-HÀNH", en: "kiosk operator add OPERATOR-ID"))
        }
        return DoctorFinding(DoctorCheck.operators, .ok,
                             LocalizedText(vi: "\(count) người vận hành.", en: "\(count) operator\(count == 1 ? "" : "s") set up."))
    }
}

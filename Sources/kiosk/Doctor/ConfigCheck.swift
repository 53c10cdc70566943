import Foundation
import KioskCore
import KioskStore

/// The configuration file: read and valid (every error of it, with its
/// line), not writable by others, and the province's seal key set.
enum ConfigCheck {
    static func run(path: String?) -> (KioskConfig?, [DoctorFinding]) {
        let name = DoctorCheck.configuration
        guard let path else {
            let cwd = FileManager.default.currentDirectoryPath
            return (KioskConfig(baseDirectory: cwd), [DoctorFinding(name, .warning,
                LocalizedText(vi: "không có kiosk.conf (ở thư mục này hay \(installedConfigPath)): dùng giá trị mặc định, dữ liệu ở \(cwd)/var.",
                              en: "no kiosk.conf (in this folder or \(installedConfigPath)): the defaults are used, data under \(cwd)/var."),
                fix: LocalizedText(vi: "chỉ định tệp: kiosk --config ĐƯỜNG-DẪN doctor", en: "name the file: kiosk --config PATH doctor"))])
        }
        let config: KioskConfig
        var findings: [DoctorFinding] = []
        do {
            let (loaded, warnings) = try KioskConfig.load(path: path)
            config = loaded
            let list = warnings.map { $0.text(.vi) }.joined(separator: "; ")
            let listEn = warnings.map { $0.text(.en) }.joined(separator: "; ")
            findings.append(warnings.isEmpty
                ? DoctorFinding(name, .ok, LocalizedText(vi: "\(path) đọc được, không có lỗi.", en: "\(path) reads without errors."))
                : DoctorFinding(name, .warning, LocalizedText(vi: "\(path): \(list)", en: "\(path): \(listEn)"),
                                fix: LocalizedText(vi: "sửa hoặc xoá các dòng được nêu", en: "correct or remove the lines named")))
        } catch {
            let vi = error.diagnostics.map { $0.text(.vi) }.joined(separator: "\n" + String(repeating: " ", count: 8))
            let en = error.diagnostics.map { $0.text(.en) }.joined(separator: "\n" + String(repeating: " ", count: 8))
            return (nil, [DoctorFinding(name, .problem, LocalizedText(vi: "tệp cấu hình có lỗi, kiosk không chạy được:\n        " + vi,
                                                                       en: "the configuration has errors; the kiosk will not start:\n        " + en),
                                        fix: LocalizedText(vi: "sửa các dòng được nêu trong \(path)", en: "correct the lines named in \(path)"))])
        }
        // Whoever can write it can send the station's dossiers elsewhere.
        var info = stat()
        if stat(path, &info) == 0, Int(info.st_mode) & 0o022 != 0 {
            let mode = String(Int(info.st_mode) & 0o777, radix: 8)
            findings.append(DoctorFinding(name, .problem,
                LocalizedText(vi: "người dùng khác sửa được \(path) (quyền \(mode)): họ có thể đổi máy chủ nhận hồ sơ.",
                              en: "other users can change \(path) (mode \(mode)): they could send the dossiers elsewhere."),
                fix: LocalizedText(vi: "chmod go-w \(path)", en: "chmod go-w \(path)")))
        }
        if config.sealPublicKey.isEmpty {
            findings.append(DoctorFinding(name, .warning,
                LocalizedText(vi: "chưa có khoá của tỉnh ([server] seal_public_key): hồ sơ được giữ ở trạm, không gửi đi.",
                              en: "no province key ([server] seal_public_key): dossiers are kept at the station, not sent."),
                fix: LocalizedText(vi: "đăng ký trạm: kiosk enroll URL MÃ (mã do tỉnh cấp)", en: "enrol the station: kiosk enroll URL CODE (a code from the province)")))
        } else if SealKey(base64: config.sealPublicKey)?.publicKey == SealKey(base64: SealKey.demonstrationPublicKey)?.publicKey {
            findings.append(DoctorFinding(name, .warning,
                LocalizedText(vi: "[server] seal_public_key là KHOÁ TRÌNH DIỄN (ai cũng có khoá bí mật của nó): chỉ dùng để thử.",
                              en: "[server] seal_public_key is the DEMONSTRATION KEY (its secret is public): for trying out only."),
                fix: LocalizedText(vi: "đăng ký trạm với tỉnh: kiosk enroll URL MÃ", en: "enrol the station with the province: kiosk enroll URL CODE")))
        }
        return (config, findings)
    }
}

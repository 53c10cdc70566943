import Foundation
import KioskCore
import KioskStore

/// `[security] key_file`, when set: there, readable, long enough and for
/// its owner only (what the vault checks before it uses it).
enum KeyFileCheck {
    static func run(_ config: KioskConfig) -> DoctorFinding? {
        guard let path = config.keyFilePath else { return nil }
        do {
            let material = try KeyFile.read(path)
            material.wipe()
            return DoctorFinding(DoctorCheck.keyFile, .ok, LocalizedText(vi: "\(path) dùng được.", en: "\(path) can be used."))
        } catch {
            return DoctorFinding(DoctorCheck.keyFile, .problem, error.userMessage,
                                 fix: LocalizedText(vi: "sửa tệp như trên, hoặc để trống [security] key_file để mở khoá bằng mật khẩu trạm",
                                                    en: "fix the file as said, or leave [security] key_file empty to unlock with the station passphrase"))
        }
    }
}

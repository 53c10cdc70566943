import Foundation
import KioskCore
import KioskStore

/// `[security] key_file`, when set: there, readable, long enough and for
/// its owner only (what the vault checks before it uses it), and, once the
/// station's vault is set up, the key that opens it (tried on the store
/// opened read-only: nothing is written, not even a failed try).
enum KeyFileCheck {
    static func run(_ config: KioskConfig) -> DoctorFinding? {
        guard let path = config.keyFilePath else { return nil }
        let name = DoctorCheck.keyFile
        let fix = LocalizedText(vi: "sửa tệp như trên, hoặc để trống [security] key_file để mở khoá bằng mật khẩu trạm",
                                en: "fix the file as said, or leave [security] key_file empty to unlock with the station passphrase")
        do {
            let material = try KeyFile.read(path)
            material.wipe()
        } catch {
            return DoctorFinding(name, .problem, error.userMessage, fix: fix)
        }
        guard FileManager.default.fileExists(atPath: config.databasePath),
              let store = try? KioskStore.open(config: config, readOnly: true, vault: .locked), store.isVaultSetUp else {
            return DoctorFinding(name, .ok, LocalizedText(vi: "\(path) dùng được; kiosk thiết lập kho dữ liệu mã hoá với tệp này khi chạy lần đầu.",
                                                          en: "\(path) can be used; the kiosk sets up the encrypted store with it at its first start."))
        }
        do {
            try store.unlock(.keyFile(path))
            store.lock()
            return DoctorFinding(name, .ok, LocalizedText(vi: "\(path) mở được dữ liệu của trạm.", en: "\(path) opens the station's data."))
        } catch {
            return DoctorFinding(name, .problem, error.userMessage,
                                 fix: LocalizedText(vi: "đặt lại đúng tệp khoá của trạm này (bản sao lưu của nó), hoặc để trống [security] key_file và mở khoá bằng mật khẩu trạm",
                                                    en: "put back this station's own key file (from its backup), or leave [security] key_file empty and unlock with the station passphrase"))
        }
    }
}

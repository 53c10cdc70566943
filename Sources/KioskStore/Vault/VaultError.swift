import KioskCore

/// Why the vault refused: each with a message for the operator, in both
/// languages. None of them ever leads to wiping anything.
public enum VaultError: Error, Sendable, Equatable {
    /// No key in memory: the station was not unlocked (or was locked again).
    case locked
    /// A ciphertext did not authenticate: changed on disk, moved to another
    /// row, or written under another key (another station's database).
    case tampered
    /// The passphrase does not open this station's key. Another try is
    /// accepted after `retryAfter` seconds.
    case wrongPassphrase(retryAfter: Int)
    /// Tries come too fast after wrong ones: wait this many seconds.
    case waitBeforeRetry(seconds: Int)
    /// The key file does not open this database (another station's
    /// database, or the wrong file).
    case wrongKeyFile(path: String)
    /// The key file cannot be used (missing, unreadable, too short, open to others).
    case keyFile(path: String, reason: LocalizedText)
    /// A key handed over by the kiosk (to its upload worker) is not this database's.
    case wrongKey
    /// A new passphrase that is too short, or typed differently twice.
    case weakPassphrase(minimum: Int)
    case passphrasesDiffer
    /// Unlocking by passphrase, when the station was set up with a key file only.
    case noPassphrase
    /// The database has no vault yet and cannot get one here (opened read-only).
    case notSetUp

    public var userMessage: LocalizedText {
        switch self {
        case .locked:
            return LocalizedText(vi: "Trạm đang khoá: cần mở khoá bằng mật khẩu của trạm (hoặc tệp khoá) trước khi đọc hay ghi hồ sơ.",
                                 en: "The station is locked: unlock it with the station passphrase (or its key file) before dossiers are read or written.")
        case .tampered:
            return LocalizedText(vi: "Dữ liệu lưu tại trạm không qua được kiểm tra toàn vẹn: đã bị sửa, hoặc thuộc cơ sở dữ liệu của trạm khác. Không đọc gì từ đó; hãy báo cán bộ phụ trách máy.",
                                 en: "Data stored at the station failed its integrity check: it was altered, or belongs to another station's database. Nothing was read from it; tell the station's operator.")
        case .wrongPassphrase(let wait):
            return LocalizedText(vi: "Mật khẩu không đúng. Không có dữ liệu nào bị xoá. Thử lại sau \(wait) giây.",
                                 en: "Wrong passphrase. Nothing was erased. Try again in \(wait) seconds.")
        case .waitBeforeRetry(let wait):
            return LocalizedText(vi: "Đã nhập sai mật khẩu; hãy chờ \(wait) giây rồi thử lại.",
                                 en: "After a wrong passphrase, wait \(wait) seconds before trying again.")
        case .wrongKeyFile(let path):
            return LocalizedText(vi: "Tệp khoá \(path) không mở được cơ sở dữ liệu này (tệp khác, hoặc cơ sở dữ liệu của trạm khác). Không có dữ liệu nào bị xoá.",
                                 en: "The key file \(path) does not open this database (a different file, or another station's database). Nothing was erased.")
        case .keyFile(let path, let reason):
            return LocalizedText(vi: "Không dùng được tệp khoá \(path): \(reason.vi)", en: "The key file \(path) cannot be used: \(reason.en)")
        case .wrongKey:
            return LocalizedText(vi: "Khoá được chuyển tới không phải khoá của cơ sở dữ liệu này.",
                                 en: "The key handed over is not this database's key.")
        case .weakPassphrase(let minimum):
            return LocalizedText(vi: "Mật khẩu cần ít nhất \(minimum) ký tự.", en: "The passphrase needs at least \(minimum) characters.")
        case .passphrasesDiffer:
            return LocalizedText(vi: "Hai lần nhập mật khẩu không giống nhau. Hãy nhập lại.", en: "The two passphrases differ. Type them again.")
        case .noPassphrase:
            return LocalizedText(vi: "Trạm này chưa đặt mật khẩu: nó được mở khoá bằng tệp khoá ([security] key_file).",
                                 en: "This station has no passphrase: it is unlocked with its key file ([security] key_file).")
        case .notSetUp:
            return LocalizedText(vi: "Trạm chưa được thiết lập khoá dữ liệu: hãy khởi động kiosk một lần (hoặc chạy “kiosk passphrase”) để đặt mật khẩu.",
                                 en: "The station's data key is not set up yet: start the kiosk once (or run “kiosk passphrase”) to set its passphrase.")
        }
    }
}

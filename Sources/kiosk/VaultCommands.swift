import Foundation
import KioskCore
import KioskRuntime
import KioskStore

/// How a command gets the station's data key: the key file of kiosk.conf,
/// else the passphrase, asked for at a terminal (not shown) or read from
/// the first line of standard input. Nil, with the reason printed, when
/// there is neither.
func stationVault(_ config: KioskConfig, language: Language) -> VaultAccess? {
    if let keyFile = config.keyFilePath { return .keyFile(keyFile) }
    let vi = language == .vi
    guard let passphrase = readSecret(prompt: vi ? "Mật khẩu của trạm (không hiện khi gõ): " : "Station passphrase (not shown as you type): ") else {
        printError(vi ? "kiosk: cần mật khẩu của trạm (được hỏi khi chạy trong terminal, nếu không thì là dòng đầu của đầu vào chuẩn), hoặc [security] key_file trong kiosk.conf"
                      : "kiosk: the station passphrase is needed (asked for at a terminal, else the first line of standard input), or [security] key_file in kiosk.conf")
        return nil
    }
    return .passphrase(passphrase)
}

/// The store, unlocked for a command that reads or writes personal data.
func openUnlockedStore(_ config: KioskConfig, language: Language) -> KioskStore? {
    guard let store = openStore(config, language: language) else { return nil }
    if !store.isVaultSetUp && config.keyFilePath == nil {
        printError("kiosk: " + VaultError.notSetUp.userMessage.text(language))
        return nil
    }
    guard let access = stationVault(config, language: language) else { return nil }
    do {
        try store.unlock(access)
        return store
    } catch {
        printError("kiosk: " + error.userMessage.text(language))
        return nil
    }
}

/// `kiosk passphrase`: sets the station passphrase, or changes it. Only the
/// wrapping of the data key changes; no dossier is encrypted again. The
/// current passphrase (or the key file) unlocks first; the new one is typed
/// twice.
func passphrase(config: KioskConfig, language: Language) -> ExitCode {
    let vi = language == .vi
    guard let store = openStore(config, language: language) else { return .failure }
    let setUp = store.isVaultSetUp
    if setUp {
        let access: VaultAccess
        if store.hasPassphrase {
            guard let current = readSecret(prompt: vi ? "Mật khẩu hiện tại của trạm: " : "Current station passphrase: ") else {
                printError(vi ? "kiosk: chưa có mật khẩu hiện tại" : "kiosk: no current passphrase given")
                return .failure
            }
            access = .passphrase(current)
        } else if let keyFile = config.keyFilePath {
            access = .keyFile(keyFile)
        } else {
            printError("kiosk: " + VaultError.noPassphrase.userMessage.text(language))
            return .failure
        }
        do { try store.unlock(access) } catch {
            printError("kiosk: " + error.userMessage.text(language))
            return .failure
        }
    }
    guard let new = readSecret(prompt: vi ? "Mật khẩu mới (ít nhất \(KioskStore.minimumPassphraseLength) ký tự): "
                                          : "New passphrase (at least \(KioskStore.minimumPassphraseLength) characters): "),
          let again = readSecret(prompt: vi ? "Nhập lại mật khẩu mới: " : "The new passphrase again: ") else {
        printError(vi ? "kiosk: chưa có mật khẩu mới (nhập hai lần)" : "kiosk: no new passphrase given (typed twice)")
        return .failure
    }
    guard new == again else {
        printError("kiosk: " + VaultError.passphrasesDiffer.userMessage.text(language))
        return .failure
    }
    do {
        if setUp {
            try store.changePassphrase(to: new)
        } else {
            try store.unlock(.newPassphrase(new, cost: .station))
        }
    } catch {
        printError("kiosk: " + error.userMessage.text(language))
        return .failure
    }
    store.lock()
    print(vi ? "Đã đặt mật khẩu mới của trạm. Dữ liệu không phải mã hoá lại; mật khẩu cũ không còn mở được trạm."
             : "The station's new passphrase is set. No data had to be encrypted again; the old passphrase no longer opens the station.")
    return .success
}

/// `kiosk receipt FILE`: a receipt or resume slip saved under receipts/
/// (sealed like everything the station keeps), printed as text.
func receipt(path: String, config: KioskConfig, language: Language) -> ExitCode {
    guard let store = openUnlockedStore(config, language: language) else { return .failure }
    defer { store.lock() }
    do {
        print(try ReceiptFiles.read(path, store: store), terminator: "")
        return .success
    } catch {
        printError("kiosk: " + error.userMessage.text(language))
        return .failure
    }
}

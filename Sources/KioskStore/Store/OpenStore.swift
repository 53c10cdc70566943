import Foundation
import KioskCore

/// Opens the store for a command of `kiosk` or `kiosk-sync`, printing what
/// went wrong (and the store's warnings) on stderr in the user's language,
/// prefixed with the program's name; nil when it cannot be opened.
///
/// - `toRead`: a command that only reads still reports from a file or
///   folder the station cannot write: it opens the store read-only, which
///   changes nothing (not even permissions), and says so.
/// - `readOnly`: opened read-only from the start (nothing checked or written).
/// - `vault`: how to unlock it (`.locked`: commands that read no personal data).
public func openStore(_ config: KioskConfig, language: Language, toRead: Bool = false, readOnly: Bool = false,
                      program: String = "kiosk", vault: VaultAccess = .locked) -> KioskStore? {
    let warning = language == .vi ? "cảnh báo: " : "warning: "
    do {
        let store = try KioskStore.open(config: config, readOnly: readOnly, vault: vault)
        for w in store.warnings { printError(warning + w.text(language)) }
        return store
    } catch {
        if toRead, !readOnly, case .readOnly = error, let store = try? KioskStore.open(config: config, readOnly: true, vault: vault) {
            printError(warning + error.userMessage.text(language) + " "
                       + (language == .vi ? "Đã mở chỉ để đọc: không thay đổi gì." : "The store was opened read-only: nothing is changed."))
            for w in store.warnings { printError(warning + w.text(language)) }
            return store
        }
        printError("\(program): " + error.userMessage.text(language))
        return nil
    }
}

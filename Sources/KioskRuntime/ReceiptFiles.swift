import Foundation
import KioskCore
import KioskStore
import KioskUI

/// Receipts and resume slips kept as files under `receipts/` beside the
/// database when no printer printed them: 0600 in a 0700 folder, written
/// whole or not at all, sealed under the station's data key
/// (`KioskStore.writeSealedFile`): `kiosk receipt FILE` prints one.
///
/// A receipt saved before its dossier had an official code ("Đang chờ gửi
/// lên hệ thống tỉnh", an expected due date) keeps what it was made from
/// beside it, `.NUMBER.pending.json`. Once the upload worker records the
/// server's acceptance in the store, `finishPending` writes the final
/// receipt over it (the official code, the server's due date) and drops
/// the pending file. The kiosk's runtime calls it at start and whenever
/// the queue it reads every two seconds changes; `kiosk sync` after its
/// passes. The kiosk side does it, not `kiosk-sync`: the receipt's words
/// and layout are the UI's (`Receipt`), and `kiosk-sync` links no UI.
public enum ReceiptFiles {
    struct Pending: Codable {
        var receipt: Receipt
        var language: Language
    }

    static func receiptPath(_ directory: String, _ number: String) -> String {
        (directory as NSString).appendingPathComponent("\(number).txt")
    }

    static func pendingPath(_ directory: String, _ number: String) -> String {
        (directory as NSString).appendingPathComponent(".\(number).pending.json")
    }

    /// Saves the receipt in 80 columns; while it waits for its official
    /// code, also what the final one is written from. Returns the name shown
    /// to the citizen (`receipts/NUMBER.txt`).
    static func save(_ receipt: Receipt, _ language: Language, in directory: String, store: KioskStore) throws(StoreError) -> String {
        let path = receiptPath(directory, receipt.receiptNumber)
        try store.writeSealedFile(Array(receipt.text(columns: 80, language: language).utf8), to: path)
        let pending = pendingPath(directory, receipt.receiptNumber)
        if receipt.officialCode == nil {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            if let data = try? encoder.encode(Pending(receipt: receipt, language: language)) {
                try store.writeSealedFile(Array(data), to: pending)
            }
        } else {
            unlink(pending)
        }
        return "receipts/" + (path as NSString).lastPathComponent
    }

    /// Rewrites every saved receipt whose dossier the server has accepted
    /// since it was saved; returns their receipt numbers. Cheap when none
    /// waits: one listing of the folder.
    @discardableResult
    public static func finishPending(in directory: String, store: KioskStore) -> [String] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return [] }
        var done: [String] = []
        for name in names.sorted() where name.hasPrefix(".") && name.hasSuffix(".pending.json") {
            let path = (directory as NSString).appendingPathComponent(name)
            guard let bytes = try? store.readSealedFile(path),
                  var pending = try? JSONDecoder().decode(Pending.self, from: Data(bytes)),
                  let dossier = (try? store.dossier(submissionID: pending.receipt.submissionID)) ?? nil,
                  let code = dossier.officialCode else { continue }
            pending.receipt.applyOfficial(code: code, dueDate: dossier.dueDate)
            if (try? save(pending.receipt, pending.language, in: directory, store: store)) != nil { done.append(pending.receipt.receiptNumber) }
        }
        return done
    }

    /// Saves a resume slip as `receipts/slip-CODE.txt`; the name shown.
    static func save(_ slip: ResumeSlip, _ language: Language, in directory: String, store: KioskStore) throws(StoreError) -> String {
        let path = (directory as NSString).appendingPathComponent("slip-\(slip.resumeCode).txt")
        try store.writeSealedFile(Array(slip.text(columns: 80, language: language).utf8), to: path)
        return "receipts/" + (path as NSString).lastPathComponent
    }

    /// The text of a saved receipt or slip (`kiosk receipt FILE`, the tests).
    public static func read(_ path: String, store: KioskStore) throws(StoreError) -> String {
        String(decoding: try store.readSealedFile(path), as: UTF8.self)
    }

    /// Receipts and slips saved before the vault, as plain text: sealed in
    /// place (each replaced whole), once the station is unlocked.
    @discardableResult
    public static func sealPlain(in directory: String, store: KioskStore) -> Int {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return 0 }
        var sealed = 0
        for name in names where name.hasSuffix(".txt") || name.hasSuffix(".pending.json") {
            let path = (directory as NSString).appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: path), (try? store.readSealedFile(path)) == nil,
                  !data.starts(with: Array("MCKVAULT".utf8)) else { continue }
            if (try? store.writeSealedFile(Array(data), to: path)) != nil { sealed += 1 }
        }
        return sealed
    }
}

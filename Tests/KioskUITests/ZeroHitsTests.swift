import Foundation
import XCTest
import KioskCore
import KioskRuntime
import KioskStore
@testable import KioskUI

/// Issue 15, section 1: a station that is off, or a copied folder, reveals no
/// one. Drafts typed at the screen (one paused, with its slip), dossiers
/// finalized with their receipts saved as files, one accepted and purged, a
/// document attached; then every byte of every file under the station's
/// folder (the database, its -wal and -shm, attachments, receipts) is
/// searched for the names and id numbers, in NFC, NFD and ASCII-folded form.
final class ZeroHitsTests: XCTestCase {
    // Distinctive, so that a hit is a leak and nothing else.
    let typedNFC = "Khổng Thị Xuyến Quyên"
    let typedNFD = "Lường Văn Thưởng".decomposedStringWithCanonicalMapping
    let finalizedASCII = "Hoang Thi Sua Ly"
    let purgedNFC = "Đinh Thị Ngọc Hường"
    let ids = ["068195077531", "068195077532", "068195077533", "068195077534"]

    /// The needles of a name: NFC, NFD, and folded to ASCII (searched without case).
    func forms(of name: String) -> [String] {
        [name.precomposedStringWithCanonicalMapping, name.decomposedStringWithCanonicalMapping, VietnameseText.fold(name)]
    }

    /// Every regular file under `dir`, with its bytes.
    func everyFile(under dir: String) -> [(String, [UInt8])] {
        var out: [(String, [UInt8])] = []
        let e = FileManager.default.enumerator(atPath: dir)
        while let p = e?.nextObject() as? String {
            var isDir: ObjCBool = false
            let path = dir + "/" + p
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDir), !isDir.boolValue,
               let data = FileManager.default.contents(atPath: path) { out.append((p, Array(data))) }
        }
        return out
    }

    /// Whether `needle` is in `haystack`, ASCII letters compared without case.
    func found(_ needle: String, in haystack: [UInt8]) -> Bool {
        func lower(_ b: UInt8) -> UInt8 { (65...90).contains(b) ? b + 32 : b }
        let n = Array(needle.utf8).map(lower)
        guard !n.isEmpty, haystack.count >= n.count else { return false }
        outer: for i in 0...(haystack.count - n.count) {
            for j in 0..<n.count where lower(haystack[i + j]) != n[j] { continue outer }
            return true
        }
        return false
    }

    /// Opens the birth registration, fills it from the sample with the
    /// mother's name and id number changed, and finalizes it as a person would.
    func finalizeBirth(_ h: UIHarness, mother: String, id: String) throws {
        h.startForm("khai sinh")
        try h.load(sample: "dang-ky-khai-sinh")
        guard case .form(var f) = h.app.state.page else { return XCTFail("no form") }
        _ = f.state.set("mother_full_name", mother)
        _ = f.state.set("mother_id_number", id)
        h.app.state.page = .form(f)
        for _ in 0..<50 { if case .fields? = h.session?.stage { h.nextPage() } else { break } }
        h.nextPage()
        let count = ReviewUpdate.answerPaths(h.session!).count
        for _ in 0..<500 { if let focus = h.session?.focus, focus < count { h.app.key(.down) } else { break } }
        h.app.key(.text(" "))
        h.app.key(.down)
        h.app.key(.enter)
        guard case .receipt = h.app.state.page else { return XCTFail("not finalized: \(h.text)") }
        h.app.key(.escape)
        if h.app.state.overlay != nil { h.app.key(.enter) }
    }

    func testNoNameOrIdNumberIsReadableInAnyFileTheStationWrites() throws {
        let h = try UIHarness()
        // A draft typed at the screen (NFC), with an id number, paused: its slip is saved.
        h.startForm("khai sinh")
        h.app.key(.text(typedNFC))
        XCTAssertEqual(h.raw("applicant_full_name"), typedNFC)
        h.focus("applicant_id_number")
        h.app.type(ids[0])
        h.app.key(.escape)
        h.app.key(.left) // "Tạm dừng"
        h.app.key(.enter)
        XCTAssertTrue(h.text.contains("Xin chào!"), h.text)
        // Two dossiers finalized, their receipts saved as files (no printer).
        try finalizeBirth(h, mother: finalizedASCII, id: ids[2])
        try finalizeBirth(h, mother: purgedNFC, id: ids[3])
        let dossiers = try h.store.db.query("SELECT submission_id FROM dossiers ORDER BY id") { $0.string(0) ?? "" }
        XCTAssertEqual(dossiers.count, 2)
        // The second is accepted, and purged once its retention is over
        // (the paused draft expires with it).
        try h.store.markAccepted(submissionID: dossiers[1], officialCode: "000.00.13.H36-261123-0002", dueDate: "2026-11-24")
        h.store.now = { Date(timeIntervalSince1970: mondayMorning + 31 * 86_400) }
        XCTAssertEqual(try h.store.purge().dossiersPurged, 1)

        // Another draft, typed later in decomposed form (another input method), paused.
        h.startForm("khai sinh")
        h.app.key(.text(typedNFD))
        let open = try XCTUnwrap(h.session?.draft)
        // A document whose content holds a name and an id number, attached to it.
        let sha = try h.store.storeDocument(Array("Giấy chứng sinh: \(typedNFC), \(ids[1])".utf8), mediaType: "text/plain")
        try h.store.saveAnswer(draftID: open.id, path: "doc_gcs", raw: "file:" + sha)
        h.app.key(.escape)
        h.app.key(.left)
        h.app.key(.enter)

        // What the station holds still reads back, through the store.
        XCTAssertEqual(try h.store.dossierAnswers(id: 1).first { $0.path == "mother_full_name" }?.value, finalizedASCII)
        XCTAssertTrue(try h.store.answers(draftID: open.id).contains { $0.raw == typedNFD.precomposedStringWithCanonicalMapping || $0.raw == typedNFD })
        XCTAssertEqual(try h.store.documentBytes(sha256: sha), Array("Giấy chứng sinh: \(typedNFC), \(ids[1])".utf8))

        // Every file the station wrote, searched byte by byte.
        let files = everyFile(under: h.dir)
        let names = files.map(\.0)
        XCTAssertEqual(names.filter { $0.hasPrefix("receipts/slip-") }.count, 2, "\(names)")
        for expected in ["kiosk.sqlite", "kiosk.sqlite-wal", "kiosk.sqlite-shm", "receipts/LH-01-20261123-0001.txt", "receipts/LH-01-20261123-0002.txt"] {
            XCTAssertTrue(names.contains(expected), "\(expected) is searched too: \(names.sorted())")
        }
        XCTAssertTrue(names.contains { $0.hasPrefix("attachments/") }, "\(names)")
        let needles = [typedNFC, typedNFD, finalizedASCII, purgedNFC].flatMap(forms) + ids
        var hits: [String] = []
        for (name, bytes) in files {
            for needle in needles where found(needle, in: bytes) { hits.append("\(name): \(needle)") }
        }
        XCTAssertEqual(hits, [], "readable personal data on disk")
    }

    /// Receipts and slips saved as plain text before the vault are sealed
    /// in place once the station is unlocked (the runtime does it after the
    /// unlock), and still read back whole.
    func testReceiptsSavedBeforeTheVaultAreSealedInPlace() throws {
        let h = try UIHarness()
        let receipts = h.dir + "/receipts"
        try FileManager.default.createDirectory(atPath: receipts, withIntermediateDirectories: true)
        let old = "BIÊN NHẬN\nNgười nộp: \(typedNFC)\nSố định danh: \(ids[0])\n"
        try old.write(toFile: receipts + "/LH-01-20261001-0001.txt", atomically: true, encoding: .utf8)
        try "{\"receipt\": \"\(ids[0])\"}".write(toFile: receipts + "/.LH-01-20261001-0001.pending.json", atomically: true, encoding: .utf8)
        h.app.runner?.sealPlainReceipts()
        XCTAssertEqual(try ReceiptFiles.read(receipts + "/LH-01-20261001-0001.txt", store: h.store), old)
        for (name, bytes) in everyFile(under: receipts) {
            for needle in forms(of: typedNFC) + [ids[0]] { XCTAssertFalse(found(needle, in: bytes), "\(name): \(needle)") }
        }
        // Done once: sealing again changes nothing.
        let before = everyFile(under: receipts).map(\.1)
        h.app.runner?.sealPlainReceipts()
        XCTAssertEqual(everyFile(under: receipts).map(\.1), before)
    }
}

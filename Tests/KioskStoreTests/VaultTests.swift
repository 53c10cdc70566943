import Foundation
import XCTest
import KioskCore
@testable import KioskStore
import KioskTestSupport

/// Issue 15: the station's data key and what it refuses. Real SQLite files;
/// the passphrase's Argon2id cost is the test-only one, named at each use.
final class VaultTests: StoreTestCase {
    let passphrase = "trạm Lâm Hà 2026"

    /// A store at `dbPath` opened with `vault`, its clock at `clock`.
    func open(_ vault: VaultAccess, at clock: Date = baseDate) throws -> KioskStore {
        try KioskStore(databasePath: dbPath, attachmentsPath: attachmentsPath, stationID: "KIOSK-01", retentionDays: 30,
                       now: { clock }, vault: vault)
    }

    func makeDraftWithSecret(_ store: KioskStore) throws -> Draft {
        let draft = try store.createDraft(formID: "thu-nghiem", formVersion: "3", formSource: testFormSource, verification: .pin("1234"))
        try store.saveAnswers(draftID: draft.id, [("applicant_full_name", secretName), ("applicant_id_number", secretIDNumber)])
        return draft
    }

    func vaultError<T>(_ body: @autoclosure () throws -> T, file: StaticString = #filePath, line: UInt = #line) -> VaultError? {
        guard let e = assertStoreError(try body(), file: file, line: line) else { return nil }
        guard case .vault(let v) = e else { XCTFail("not a vault error: \(e)", file: file, line: line); return nil }
        return v
    }

    // MARK: Passphrase

    func testAWrongPassphraseIsRefusedWithAGrowingDelayAndNothingIsWiped() throws {
        var store = try open(.newPassphrase(passphrase, cost: .testOnly))
        let draft = try makeDraftWithSecret(store)
        store.lock()
        XCTAssertEqual(vaultError(try store.answers(draftID: draft.id)), .locked, "locked: nothing personal is read")

        var clock = baseDate
        store = try open(.locked, at: clock)
        store.now = { clock }
        XCTAssertEqual(vaultError(try store.unlock(.passphrase("not the passphrase"))), .wrongPassphrase(retryAfter: 1))
        // Too soon: refused before the slow hash is even computed.
        XCTAssertEqual(vaultError(try store.unlock(.passphrase(passphrase))), .waitBeforeRetry(seconds: 1))
        clock += 1
        XCTAssertEqual(vaultError(try store.unlock(.passphrase("still wrong"))), .wrongPassphrase(retryAfter: 2))
        clock += 2
        XCTAssertEqual(vaultError(try store.unlock(.passphrase("wrong again"))), .wrongPassphrase(retryAfter: 4))
        // The count survives a restart of the kiosk.
        store = try open(.locked, at: clock)
        XCTAssertEqual(vaultError(try store.unlock(.passphrase(passphrase))), .waitBeforeRetry(seconds: 4))
        clock += 4
        store.now = { clock }
        try store.unlock(.passphrase(passphrase))
        XCTAssertFalse(store.isLocked)
        XCTAssertEqual(Dictionary(uniqueKeysWithValues: try store.answers(draftID: draft.id).map { ($0.name, $0.raw) })["applicant_full_name"],
                       secretName, "nothing was wiped by the wrong tries")
        // A right passphrase starts the delays afresh.
        store.lock()
        store = try open(.locked, at: clock)
        XCTAssertEqual(vaultError(try store.unlock(.passphrase("wrong"))), .wrongPassphrase(retryAfter: 1))

        // Each message says what happened, in both languages, without the passphrase.
        for e in [VaultError.wrongPassphrase(retryAfter: 4), .waitBeforeRetry(seconds: 4), .tampered, .locked, .wrongKeyFile(path: "/k")] {
            XCTAssertFalse(e.userMessage.vi.isEmpty)
            XCTAssertFalse(e.userMessage.en.isEmpty)
            XCTAssertNotEqual(e.userMessage.vi, e.userMessage.en)
            XCTAssertFalse(e.userMessage.en.contains(passphrase))
        }
        XCTAssertTrue(VaultError.wrongPassphrase(retryAfter: 4).userMessage.en.contains("Nothing was erased"))
    }

    func testTheFirstPassphraseMustBeLongEnoughAndAPlainPassphraseDoesNotSetUpAVault() throws {
        let store = try open(.locked)
        XCTAssertFalse(store.isVaultSetUp)
        XCTAssertEqual(vaultError(try store.unlock(.newPassphrase("short", cost: .testOnly))), .weakPassphrase(minimum: 8))
        XCTAssertEqual(vaultError(try store.unlock(.passphrase(passphrase))), .notSetUp, "the first one is typed twice: .newPassphrase")
        XCTAssertFalse(store.isVaultSetUp)
        try store.unlock(.newPassphrase(passphrase, cost: .testOnly))
        XCTAssertTrue(store.isVaultSetUp)
        XCTAssertTrue(store.hasPassphrase)
    }

    func testChangingThePassphraseReWrapsTheKeyWithoutReEncryptingData() throws {
        var store = try open(.newPassphrase(passphrase, cost: .testOnly))
        let draft = try makeDraftWithSecret(store)
        let raw = try rawConnection()
        func sealedValues() throws -> [[UInt8]] {
            try raw.query("SELECT value FROM draft_answers ORDER BY path") { $0.blob(0) ?? [] }
        }
        let before = try sealedValues()
        try store.changePassphrase(to: "một mật khẩu mới", cost: .testOnly)
        XCTAssertEqual(try sealedValues(), before, "the values are untouched: only the key's wrapping changed")
        store.lock()
        store = try open(.locked)
        XCTAssertEqual(vaultError(try store.unlock(.passphrase(passphrase))), .wrongPassphrase(retryAfter: 1), "the old one no longer opens")
        store = try open(.locked, at: baseDate + 5)
        try store.unlock(.passphrase("một mật khẩu mới"))
        XCTAssertEqual(try store.answers(draftID: draft.id).count, 2)
    }

    func testThePassphraseIsTakenInNFCWhateverTheInputMethodSent() throws {
        var store = try open(.newPassphrase(passphrase.precomposedStringWithCanonicalMapping, cost: .testOnly))
        store.lock()
        store = try open(.passphrase(passphrase.decomposedStringWithCanonicalMapping))
        XCTAssertFalse(store.isLocked)
    }

    // MARK: Key files

    func testAKeyFileAndAPassphraseBothUnlockTheSameData() throws {
        let keyFile = writeTestKeyFile(root + "/station.key")
        var store = try open(.newPassphrase(passphrase, cost: .testOnly))
        let draft = try makeDraftWithSecret(store)
        try store.addKeyFile(keyFile)
        store.lock()
        store = try open(.keyFile(keyFile))
        XCTAssertEqual(try store.answers(draftID: draft.id).count, 2)
        store = try open(.passphrase(passphrase))
        XCTAssertEqual(try store.answers(draftID: draft.id).count, 2)
    }

    func testAKeyFileOthersCanReadOrTooShortIsRefused() throws {
        let loose = writeTestKeyFile(root + "/loose.key")
        chmod(loose, 0o644)
        guard case .keyFile(_, let reason)? = vaultError(try open(.keyFile(loose))) else { return XCTFail("not refused") }
        XCTAssertTrue(reason.en.contains("chmod 600"), reason.en)
        let short = root + "/short.key"
        FileManager.default.createFile(atPath: short, contents: Data("abc".utf8), attributes: [.posixPermissions: 0o600])
        guard case .keyFile(_, let why)? = vaultError(try open(.keyFile(short))) else { return XCTFail("not refused") }
        XCTAssertTrue(why.en.contains("/dev/urandom"), why.en)
        guard case .keyFile? = vaultError(try open(.keyFile(root + "/missing.key"))) else { return XCTFail("not refused") }
    }

    // MARK: Another key, tampered bytes

    func testADatabaseOfAnotherKeyIsRefusedNotDecrypted() throws {
        let store = try openStore()
        _ = try makeDraftWithSecret(store)
        store.lock()
        // Another station's key file.
        let other = root + "/other.key"
        FileManager.default.createFile(atPath: other, contents: Data((0..<32).map { UInt8($0) }), attributes: [.posixPermissions: 0o600])
        XCTAssertEqual(vaultError(try open(.keyFile(other))), .wrongKeyFile(path: other))
        // Another station's data key handed over as the worker's key.
        let elsewhere = try KioskStore(databasePath: root + "/other.db", attachmentsPath: root + "/other-att", stationID: "X", retentionDays: 30,
                                       vault: .keyMaterial(SecretBytes(Array(repeating: 7, count: 32))))
        XCTAssertEqual(vaultError(try open(.key(elsewhere.unlockedKey!))), .wrongKey)
        // No passphrase was set on this one: said so, not "wrong".
        XCTAssertEqual(vaultError(try open(.passphrase(passphrase))), .noPassphrase)
    }

    func testAFlippedByteOrAMovedCiphertextIsRefusedAsTampered() throws {
        let form = try loadTestForm()
        let store = try openStore()
        let a = try makeDraftWithSecret(store)
        let b = try store.createDraft(formID: "thu-nghiem", formVersion: "3", formSource: testFormSource, verification: .pin("1234"))
        try store.saveAnswer(draftID: b.id, path: "applicant_full_name", raw: "Lê Văn Khác")
        let dossier = try store.finalize(form: form, formSource: testFormSource, state: completeState(form), draftID: nil)
        let raw = try rawConnection()

        // One byte flipped in a sealed answer.
        var value = try XCTUnwrap(try raw.query("SELECT value FROM draft_answers WHERE draft_id = ?1 AND path = 'applicant_full_name'",
                                                [.integer(a.id)]) { $0.blob(0) }.first ?? nil)
        value[value.count / 2] ^= 0x01
        try raw.execute("UPDATE draft_answers SET value = ?2 WHERE draft_id = ?1 AND path = 'applicant_full_name'", [.integer(a.id), .blob(value)])
        XCTAssertEqual(vaultError(try store.answers(draftID: a.id)), .tampered)

        // Draft b's sealed name copied into draft a's row: it opens only where it was sealed.
        let other = try XCTUnwrap(try raw.query("SELECT value FROM draft_answers WHERE draft_id = ?1", [.integer(b.id)]) { $0.blob(0) }.first ?? nil)
        try raw.execute("UPDATE draft_answers SET value = ?2 WHERE draft_id = ?1 AND path = 'applicant_full_name'", [.integer(a.id), .blob(other)])
        XCTAssertEqual(vaultError(try store.answers(draftID: a.id)), .tampered)
        XCTAssertEqual(try store.answers(draftID: b.id).first?.raw, "Lê Văn Khác", "the other draft still reads")

        // A plain value written around the vault is not taken as data either.
        try raw.execute("UPDATE dossiers SET applicant_name = 'Giả Mạo' WHERE id = ?1", [.integer(dossier.id)])
        XCTAssertEqual(vaultError(try store.dossier(submissionID: dossier.submissionID)), .tampered)

        // The message is the operator's, in both languages; never a crash, never garbage.
        let message = StoreError.vault(.tampered).userMessage
        XCTAssertTrue(message.vi.contains("toàn vẹn"))
        XCTAssertTrue(message.en.contains("integrity"))
    }

    func testAFlippedByteInADocumentFileIsReportedAsDamaged() throws {
        let store = try openStore()
        let sha = try store.storeDocument(Array("giấy khai sinh của \(secretName)".utf8), mediaType: "text/plain")
        let path = store.documentPath(sha256: sha)
        var bytes = self.bytes(path)
        bytes[bytes.count - 3] ^= 0x80
        FileManager.default.createFile(atPath: path, contents: Data(bytes), attributes: [.posixPermissions: 0o600])
        guard case .file(_, let reason)? = assertStoreError(try store.documentBytes(sha256: sha)) else { return XCTFail("not refused") }
        XCTAssertTrue(reason.contains("damaged"), reason)
    }

    func testALockedStoreKeepsTheQueueAndCountsButReadsNothingPersonal() throws {
        let form = try loadTestForm()
        var store = try openStore()
        let draft = try makeDraftWithSecret(store)
        let dossier = try store.finalize(form: form, formSource: testFormSource, state: completeState(form), draftID: nil)
        store.lock()
        store = try open(.locked)
        XCTAssertTrue(store.isLocked)
        XCTAssertEqual(try store.status().queued, 1)
        XCTAssertEqual(try store.dueOutbox().map(\.submissionID), [dossier.submissionID])
        XCTAssertEqual(try store.draftSummaries().map(\.id), [draft.id])
        try store.markAccepted(submissionID: dossier.submissionID, officialCode: "000.00.13.H36-261122-0001", dueDate: nil)
        XCTAssertEqual(vaultError(try store.answers(draftID: draft.id)), .locked)
        XCTAssertEqual(vaultError(try store.dossierAnswers(id: dossier.id)), .locked)
        XCTAssertEqual(vaultError(try store.saveAnswer(draftID: draft.id, path: "remark", raw: "x")), .locked)
        XCTAssertEqual(vaultError(try store.verifies(dossierID: dossier.id, verification: secretIDNumber)), .locked)
    }

    // MARK: Keyed hashes

    func testLookupsByIdNumberGoThroughKeyedHashes() throws {
        let form = try loadTestForm()
        let store = try openStore()
        let dossier = try store.finalize(form: form, formSource: testFormSource, state: completeState(form), draftID: nil)
        XCTAssertTrue(try store.verifies(dossierID: dossier.id, verification: secretIDNumber))
        XCTAssertTrue(try store.verifies(dossierID: dossier.id, verification: "079 301 000 123"), "normalised as the lookups normalise it")
        XCTAssertFalse(try store.verifies(dossierID: dossier.id, verification: "079301000124"))
        let raw = try rawConnection()
        XCTAssertEqual(try int(raw, "SELECT count(*) FROM dossier_verifiers WHERE dossier_id = ?1", [.integer(dossier.id)]), 1)
        XCTAssertFalse(contains(try raw.query("SELECT hash FROM dossier_verifiers") { $0.blob(0) ?? [] }.flatMap { $0 }, secretIDNumber))
        // Another vault hashes the same number differently.
        let other = try KioskStore(databasePath: root + "/o.db", attachmentsPath: root + "/o", stationID: "X", retentionDays: 30,
                                   vault: .keyMaterial(SecretBytes(Array(repeating: 9, count: 32))))
        XCTAssertNotEqual(try other.lookupHash(secretIDNumber), try store.lookupHash(secretIDNumber))
    }
}

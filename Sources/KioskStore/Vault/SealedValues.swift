import Foundation

/// Where a sealed value belongs: its column and its row's identity go into
/// the associated data, so a ciphertext copied to another row, another
/// column or another station's database does not open.
enum SealedColumn: String, Sendable {
    case draftAnswer = "draft_answers.value"
    case draftPrefill = "draft_prefills.value"
    case dossierAnswer = "dossier_answers.value"
    case summary = "dossiers.summary"
    case applicantName = "dossiers.applicant_name"
    /// The reason an operator typed for withdrawing a dossier (it may name people).
    case historyNote = "dossier_history.note"

    func ad(_ row: Int64, _ path: String = "") -> [UInt8] { Array("\(rawValue)|\(row)|\(path)".utf8) }
}

/// Files the store writes under its folders (documents, receipts, slips)
/// start with this, then the sealed bytes, bound to the file's name.
enum SealedFile {
    static let magic: [UInt8] = Array("MCKVAULT1\n".utf8)

    static func ad(name: String) -> [UInt8] { Array("file|\(name)".utf8) }

    static func isSealed(_ bytes: [UInt8]) -> Bool { bytes.count >= magic.count && Array(bytes[0..<magic.count]) == magic }
}

extension KioskStore {
    /// The data key, or `.locked`.
    func requireKey() throws(StoreError) -> DataKey {
        guard let key = dataKey, !key.isWiped else { throw .vault(.locked) }
        return key
    }

    /// A personal text sealed for its row: a BLOB (plain values were TEXT,
    /// which is how the migration of an old database finds what is left).
    func seal(_ text: String, _ column: SealedColumn, _ row: Int64, _ path: String = "") throws(StoreError) -> SQLValue {
        let key = try requireKey()
        var utf8 = Array(text.utf8)
        defer { utf8.withUnsafeMutableBytes { _ = $0.initializeMemory(as: UInt8.self, repeating: 0) } }
        do throws(VaultError) { return .blob(try key.seal(utf8, ad: column.ad(row, path))) } catch { throw .vault(error) }
    }

    func seal(optional text: String?, _ column: SealedColumn, _ row: Int64) throws(StoreError) -> SQLValue {
        guard let text else { return .null }
        return try seal(text, column, row)
    }

    /// The text of a sealed column of the current row; nil for NULL. A plain
    /// TEXT value (never written by a vaulted store) or a ciphertext that
    /// does not authenticate is refused as tampered, never returned.
    func open(_ s: Statement, _ index: Int32, _ column: SealedColumn, _ row: Int64, _ path: String = "") throws(StoreError) -> String? {
        if s.isNull(index) { return nil }
        guard s.isBlob(index) else { throw .vault(.tampered) }
        let key = try requireKey()
        do throws(VaultError) {
            let plain = try s.withBlob(index) { b throws(VaultError) in try key.open(b, ad: column.ad(row, path)) }
            return String(decoding: plain, as: UTF8.self)
        } catch {
            throw .vault(error)
        }
    }

    /// A file's bytes as the store keeps them: the magic, then the bytes
    /// sealed under the data key and bound to the file's name.
    func sealFile(_ bytes: [UInt8], name: String) throws(StoreError) -> [UInt8] {
        let key = try requireKey()
        do throws(VaultError) { return SealedFile.magic + (try key.seal(bytes, ad: SealedFile.ad(name: name))) } catch { throw .vault(error) }
    }

    func openFile(_ bytes: [UInt8], name: String) throws(StoreError) -> [UInt8] {
        guard SealedFile.isSealed(bytes) else { throw .vault(.tampered) }
        let key = try requireKey()
        let result = bytes.withUnsafeBytes { b in
            Result { () throws(VaultError) in try key.open(UnsafeRawBufferPointer(rebasing: b[SealedFile.magic.count...]), ad: SealedFile.ad(name: name)) }
        }
        do throws(VaultError) { return try result.get() } catch { throw .vault(error) }
    }

    /// Writes a file only the station's user can read (0600 in a 0700
    /// folder, whole or absent), sealed under the data key: a receipt or a
    /// resume slip kept when no printer printed it.
    public func writeSealedFile(_ bytes: [UInt8], to path: String) throws(StoreError) {
        try Self.writePrivateFile(try sealFile(bytes, name: (path as NSString).lastPathComponent), to: path)
    }

    /// The plain bytes of a file written by `writeSealedFile`.
    public func readSealedFile(_ path: String) throws(StoreError) -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else { throw .file(path: path, reason: "missing") }
        return try openFile(Array(data), name: (path as NSString).lastPathComponent)
    }

    /// The keyed hash a lookup by id number or phone goes through:
    /// BLAKE2b keyed with the data key's lookup subkey, of the value
    /// normalised as the lookups normalise it.
    func lookupHash(_ normalized: String) throws(StoreError) -> [UInt8] {
        let key = try requireKey()
        do throws(VaultError) { return try key.keyedHash(Array("verify|\(normalized)".utf8)) } catch { throw .vault(error) }
    }
}

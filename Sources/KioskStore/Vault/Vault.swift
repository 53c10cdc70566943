import CSodium
import Foundation
import KioskCore

/// How a store gets its data key when it is opened (or later, `unlock`).
public enum VaultAccess: @unchecked Sendable {
    /// No key: what needs no personal data works (the outbox, counts,
    /// drafts listed by code, purge); the rest fails as `.locked`.
    case locked
    /// The station passphrase the operator typed.
    case passphrase(String)
    /// First start: sets up the vault with this passphrase (typed twice
    /// before); on a vault already set up, the same as `.passphrase`.
    case newPassphrase(String, cost: KDFCost)
    /// `[security] key_file`: unlocks, and sets up the vault if it has none.
    case keyFile(String)
    /// A key file's bytes already read (the tests' fixed key material).
    case keyMaterial(SecretBytes)
    /// The data key itself, handed over by the kiosk to its upload worker
    /// (checked against the database before use).
    case key(DataKey)
}

/// One wrapping of the data key, as kept in `vault_keys`.
struct Wrapping {
    static let passphrase = "passphrase", keyFile = "key_file"
    var kind: String
    var salt: [UInt8]
    var cost: KDFCost
    var wrapped: [UInt8]
}

/// The station's vault, kept in the database itself (table `vault_keys`,
/// and `vault_id`, `vault_check` in `meta`): the wrapped key travels with
/// the data it opens, so a restored backup never meets a key file or a
/// passphrase of another day's vault, and a copied database alone opens
/// nothing.
extension KioskStore {
    public static let minimumPassphraseLength = 8

    /// Whether the data key is in memory.
    public var isLocked: Bool { dataKey == nil || dataKey!.isWiped }

    /// Whether the database has a vault (a first start sets one up).
    public var isVaultSetUp: Bool {
        ((try? db.scalar("SELECT count(*) FROM vault_keys")) ?? nil).map { $0 != .integer(0) } ?? false
    }

    /// Whether a passphrase is one of the ways to unlock this database.
    public var hasPassphrase: Bool {
        ((try? db.scalar("SELECT 1 FROM vault_keys WHERE kind = 'passphrase'")) ?? nil) != nil
    }

    /// The data key, while unlocked: for handing to the upload worker.
    public var unlockedKey: DataKey? { isLocked ? nil : dataKey }

    /// Wipes the data key from memory: until the next unlock, personal data
    /// can be neither read nor written.
    public func lock() {
        dataKey?.wipe()
        dataKey = nil
    }

    /// Gets the data key by `access` (see `VaultAccess`), then finishes the
    /// encryption of a database written before the vault, if unfinished.
    /// Nothing is ever erased by a failed try; a wrong passphrase makes the
    /// next try wait longer (1, 2, 4 … 300 s, counted in the database).
    public func unlock(_ access: VaultAccess) throws(StoreError) {
        if case .locked = access { return }
        if !isLocked { return }
        let wrappings: [Wrapping]
        let vaultID: String?
        do {
            wrappings = try readWrappings()
            vaultID = try meta("vault_id")
        } catch {
            // A database of an older kiosk, opened read-only: no vault yet.
            if readOnly { throw .vault(.notSetUp) }
            throw .database(error)
        }
        guard let vaultID, !wrappings.isEmpty else {
            try setUpVault(access)
            try finishPlainMigration()
            return
        }
        let key: DataKey
        switch access {
        case .locked: return
        case .passphrase(let p), .newPassphrase(let p, _):
            key = try unlockWithPassphrase(p, wrappings: wrappings, vaultID: vaultID)
        case .keyFile(let path):
            let material: SecretBytes
            do { material = try KeyFile.read(path) } catch { throw .vault(error) }
            defer { material.wipe() }
            key = try unlockWithKeyMaterial(material, wrappings: wrappings, vaultID: vaultID, name: path)
        case .keyMaterial(let material):
            key = try unlockWithKeyMaterial(material, wrappings: wrappings, vaultID: vaultID, name: "(key)")
        case .key(let given):
            guard try checkKey(given, vaultID: vaultID) else { throw .vault(.wrongKey) }
            key = given
        }
        dataKey = key
        try finishPlainMigration()
    }

    private func unlockWithPassphrase(_ passphrase: String, wrappings: [Wrapping], vaultID: String) throws(StoreError) -> DataKey {
        guard let w = wrappings.first(where: { $0.kind == Wrapping.passphrase }) else { throw .vault(.noPassphrase) }
        let t = timestamp
        let (failures, retryAt) = passphraseFailures()
        if t < retryAt { throw .vault(.waitBeforeRetry(seconds: retryAt - t)) }
        guard let kek = PassphraseKDF.derive(passphrase, salt: w.salt, cost: w.cost) else {
            throw .invalid(LocalizedText(vi: "Không đủ bộ nhớ để mở khoá.", en: "Not enough memory to unlock."))
        }
        guard let key = KeyWrap.unwrap(w.wrapped, under: kek, ad: KeyWrap.ad(vaultID: vaultID, kind: w.kind)) else {
            let wait = min(1 << min(failures, 9), 300)
            recordPassphraseFailure(failures + 1, retryAt: t + wait)
            throw .vault(.wrongPassphrase(retryAfter: wait))
        }
        guard try checkKey(key, vaultID: vaultID) else { throw .vault(.tampered) }
        if failures > 0 { recordPassphraseFailure(0, retryAt: 0) }
        return key
    }

    private func unlockWithKeyMaterial(_ material: SecretBytes, wrappings: [Wrapping], vaultID: String, name: String) throws(StoreError) -> DataKey {
        guard let w = wrappings.first(where: { $0.kind == Wrapping.keyFile }) else {
            // Set up with a passphrase; the key file is enrolled at the next unlock by passphrase.
            throw .vault(.keyFile(path: name, reason: LocalizedText(
                vi: "trạm này được thiết lập bằng mật khẩu và chưa ghi nhận tệp khoá này: hãy mở khoá kiosk một lần bằng mật khẩu (tệp khoá sẽ được ghi nhận).",
                en: "this station was set up with a passphrase and has not enrolled this key file yet: unlock the kiosk once with the passphrase (the key file is then enrolled).")))
        }
        let kek = KeyFile.derive(material, salt: w.salt)
        guard let key = KeyWrap.unwrap(w.wrapped, under: kek, ad: KeyWrap.ad(vaultID: vaultID, kind: w.kind)) else {
            throw .vault(.wrongKeyFile(path: name))
        }
        guard try checkKey(key, vaultID: vaultID) else { throw .vault(.tampered) }
        return key
    }

    /// A first start: a new random data key, wrapped as `access` says.
    private func setUpVault(_ access: VaultAccess) throws(StoreError) {
        guard !readOnly else { throw .vault(.notSetUp) }
        let key = DataKey.generate()
        var idBytes = [UInt8](repeating: 0, count: 16)
        randombytes_buf(&idBytes, idBytes.count)
        let vaultID = Crypto.hex(idBytes)
        let wrapping: Wrapping
        switch access {
        case .locked: return
        case .passphrase:
            // The first passphrase is typed twice: `.newPassphrase`.
            throw .vault(.notSetUp)
        case .newPassphrase(let p, let cost):
            wrapping = try passphraseWrapping(p, key: key, vaultID: vaultID, cost: cost)
        case .keyFile(let path):
            let material: SecretBytes
            do { material = try KeyFile.read(path) } catch { throw .vault(error) }
            defer { material.wipe() }
            wrapping = try keyFileWrapping(material, key: key, vaultID: vaultID)
        case .keyMaterial(let material):
            wrapping = try keyFileWrapping(material, key: key, vaultID: vaultID)
        case .key:
            throw .vault(.wrongKey)
        }
        let check: [UInt8]
        do { check = try key.seal(Array("motcua-vault-check".utf8), ad: Array("check|\(vaultID)".utf8)) } catch { throw .vault(error) }
        try write { () throws in
            try setMeta("vault_id", vaultID)
            try setMeta("vault_check", Crypto.hex(check))
            try saveWrapping(wrapping)
        }
        try flush()
        dataKey = key
    }

    /// Whether `key` is this vault's: it opens the check value sealed at set-up.
    private func checkKey(_ key: DataKey, vaultID: String) throws(StoreError) -> Bool {
        guard let hex = try mappingErrors({ () throws(DatabaseError) in try meta("vault_check") }), let sealed = Self.unhex(hex) else { return false }
        return (try? key.open(sealed, ad: Array("check|\(vaultID)".utf8))) == Array("motcua-vault-check".utf8)
    }

    // MARK: Re-wrapping (no data is re-encrypted)

    /// `kiosk passphrase`: the data key wrapped under a new passphrase,
    /// replacing the old wrapping. Needs the store unlocked.
    public func changePassphrase(to passphrase: String, cost: KDFCost = .station) throws(StoreError) {
        let key = try requireKey()
        guard let vaultID = try mappingErrors({ () throws(DatabaseError) in try meta("vault_id") }) else { throw .vault(.notSetUp) }
        let w = try passphraseWrapping(passphrase, key: key, vaultID: vaultID, cost: cost)
        try write { () throws in try saveWrapping(w) }
        recordPassphraseFailure(0, retryAt: 0)
        try flush()
    }

    /// Adds (or replaces) the key file's wrapping: the station then unlocks
    /// with its key file as well. Needs the store unlocked.
    public func addKeyFile(_ path: String) throws(StoreError) {
        let key = try requireKey()
        guard let vaultID = try mappingErrors({ () throws(DatabaseError) in try meta("vault_id") }) else { throw .vault(.notSetUp) }
        let material: SecretBytes
        do { material = try KeyFile.read(path) } catch { throw .vault(error) }
        defer { material.wipe() }
        let w = try keyFileWrapping(material, key: key, vaultID: vaultID)
        try write { () throws in try saveWrapping(w) }
        try flush()
    }

    /// Whether the key file's wrapping is there (else `addKeyFile` enrols it).
    public var hasKeyFile: Bool {
        ((try? db.scalar("SELECT 1 FROM vault_keys WHERE kind = 'key_file'")) ?? nil) != nil
    }

    private func passphraseWrapping(_ p: String, key: DataKey, vaultID: String, cost: KDFCost) throws(StoreError) -> Wrapping {
        guard p.count >= Self.minimumPassphraseLength else { throw .vault(.weakPassphrase(minimum: Self.minimumPassphraseLength)) }
        var salt = [UInt8](repeating: 0, count: PassphraseKDF.saltLength)
        randombytes_buf(&salt, salt.count)
        guard let kek = PassphraseKDF.derive(p, salt: salt, cost: cost) else {
            throw .invalid(LocalizedText(vi: "Không đủ bộ nhớ để đặt mật khẩu.", en: "Not enough memory to set the passphrase."))
        }
        let wrapped: [UInt8]
        do { wrapped = try KeyWrap.wrap(key, under: kek, ad: KeyWrap.ad(vaultID: vaultID, kind: Wrapping.passphrase)) } catch { throw .vault(error) }
        return Wrapping(kind: Wrapping.passphrase, salt: salt, cost: cost, wrapped: wrapped)
    }

    private func keyFileWrapping(_ material: SecretBytes, key: DataKey, vaultID: String) throws(StoreError) -> Wrapping {
        guard material.count >= KeyFile.minimumLength else {
            throw .vault(.keyFile(path: "(key)", reason: LocalizedText(vi: "quá ngắn.", en: "too short.")))
        }
        var salt = [UInt8](repeating: 0, count: KeyFile.saltLength)
        randombytes_buf(&salt, salt.count)
        let kek = KeyFile.derive(material, salt: salt)
        let wrapped: [UInt8]
        do { wrapped = try KeyWrap.wrap(key, under: kek, ad: KeyWrap.ad(vaultID: vaultID, kind: Wrapping.keyFile)) } catch { throw .vault(error) }
        return Wrapping(kind: Wrapping.keyFile, salt: salt, cost: KDFCost(opsLimit: 0, memLimit: 0), wrapped: wrapped)
    }

    private func readWrappings() throws(DatabaseError) -> [Wrapping] {
        try db.query("SELECT kind, salt, ops_limit, mem_limit, wrapped FROM vault_keys") { s throws(DatabaseError) in
            Wrapping(kind: s.string(0) ?? "", salt: s.blob(1) ?? [], cost: KDFCost(opsLimit: UInt64(s.int(2)), memLimit: s.int(3)),
                     wrapped: s.blob(4) ?? [])
        }
    }

    private func saveWrapping(_ w: Wrapping) throws(DatabaseError) {
        try db.execute("""
            INSERT INTO vault_keys (kind, salt, ops_limit, mem_limit, wrapped, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
            ON CONFLICT (kind) DO UPDATE SET salt = excluded.salt, ops_limit = excluded.ops_limit, mem_limit = excluded.mem_limit,
                wrapped = excluded.wrapped, created_at = excluded.created_at
            """, [.text(w.kind), .blob(w.salt), .integer(Int64(w.cost.opsLimit)), .int(w.cost.memLimit), .blob(w.wrapped), .int(timestamp)])
    }

    // MARK: Wrong passphrases: a growing delay, never a wipe

    private func passphraseFailures() -> (Int, Int) {
        let failures = ((try? meta("vault_failures")) ?? nil).flatMap { Int($0) } ?? memoryFailures.0
        let retryAt = ((try? meta("vault_retry_at")) ?? nil).flatMap { Int($0) } ?? memoryFailures.1
        return (max(failures, memoryFailures.0), max(retryAt, memoryFailures.1))
    }

    private func recordPassphraseFailure(_ failures: Int, retryAt: Int) {
        memoryFailures = (failures, retryAt)
        guard !readOnly else { return }
        try? write { () throws in
            try setMeta("vault_failures", String(failures))
            try setMeta("vault_retry_at", String(retryAt))
        }
    }

    static func unhex(_ s: String) -> [UInt8]? {
        let u = Array(s.utf8)
        guard u.count % 2 == 0 else { return nil }
        func v(_ c: UInt8) -> UInt8? {
            switch c {
            case 48...57: return c - 48
            case 97...102: return c - 87
            default: return nil
            }
        }
        var out: [UInt8] = []
        out.reserveCapacity(u.count / 2)
        var i = 0
        while i < u.count {
            guard let a = v(u[i]), let b = v(u[i + 1]) else { return nil }
            out.append(a << 4 | b)
            i += 2
        }
        return out
    }
}

import CSodium

/// The key-encryption key from the station passphrase: Argon2id
/// (`crypto_pwhash`, ALG_ARGON2ID13) over the passphrase and a random salt
/// kept with the wrapped key.
///
/// `.station` is libsodium's MODERATE: 3 passes over 256 MiB. About 0.5 s
/// on the reference machine (2 cores): under the 1 s an operator waits at
/// the start of the day, while every guess at a copied database costs an
/// attacker as much, and the 256 MiB make graphics cards and ASICs no
/// shortcut. The memory is taken only while unlocking. The limits are
/// stored with each wrapping, so a later version can raise them (a
/// `kiosk passphrase` re-wraps with the current ones).
public struct KDFCost: Sendable, Equatable {
    public var opsLimit: UInt64
    public var memLimit: Int

    public static let station = KDFCost(opsLimit: UInt64(crypto_pwhash_OPSLIMIT_MODERATE), memLimit: Int(crypto_pwhash_MEMLIMIT_MODERATE))

    /// For the tests only, which set up hundreds of vaults: the smallest
    /// cost libsodium accepts. Never a default anywhere: a test names it.
    public static let testOnly = KDFCost(opsLimit: UInt64(crypto_pwhash_OPSLIMIT_MIN), memLimit: Int(crypto_pwhash_MEMLIMIT_MIN))
}

enum PassphraseKDF {
    static let saltLength = Int(crypto_pwhash_SALTBYTES)

    /// The 32-byte key-encryption key, in locked memory. The passphrase is
    /// taken as NFC UTF-8, so that the same words typed with a composed or a
    /// decomposed input method give the same key.
    static func derive(_ passphrase: String, salt: [UInt8], cost: KDFCost) -> SecretBytes? {
        var bytes = Array(passphrase.precomposedStringWithCanonicalMapping.utf8)
        defer { sodium_memzero(&bytes, bytes.count) }
        let kek = SecretBytes(count: DataKey.length)
        let rc: Int32? = kek.withBytes { out in
            bytes.withUnsafeBufferPointer { p in
                p.baseAddress!.withMemoryRebound(to: CChar.self, capacity: max(p.count, 1)) { pw in
                    crypto_pwhash(out, UInt64(DataKey.length), pw, UInt64(p.count), salt, cost.opsLimit, cost.memLimit,
                                  crypto_pwhash_ALG_ARGON2ID13)
                }
            }
        }
        // Fails only when the memory cannot be had.
        return rc == 0 ? kek : nil
    }
}

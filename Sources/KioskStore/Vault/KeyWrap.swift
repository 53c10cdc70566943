import CSodium

/// The data key sealed under a key-encryption key (XChaCha20-Poly1305, a
/// random nonce), bound to the vault's id and the wrapping's kind: a
/// wrapping copied from another database, or from the passphrase's row to
/// the key file's, does not open.
enum KeyWrap {
    static func ad(vaultID: String, kind: String) -> [UInt8] { Array("motcua-vault-v1|\(vaultID)|\(kind)".utf8) }

    static func wrap(_ key: DataKey, under kek: SecretBytes, ad: [UInt8]) throws(VaultError) -> [UInt8] {
        let wrapper = DataKey(kek)
        let sealed: Result<[UInt8], VaultError>? = key.key.withBytes { k in
            Result { () throws(VaultError) in try wrapper.seal(UnsafeRawBufferPointer(start: k, count: DataKey.length), ad: ad) }
        }
        wrapper.wipe()
        guard let sealed else { throw .locked }
        return try sealed.get()
    }

    /// The data key, or nil when this key-encryption key does not open the
    /// wrapping (a wrong passphrase or key file).
    static func unwrap(_ wrapped: [UInt8], under kek: SecretBytes, ad: [UInt8]) -> DataKey? {
        let wrapper = DataKey(kek)
        defer { wrapper.wipe() }
        guard var plain = try? wrapper.open(wrapped, ad: ad), plain.count == DataKey.length else { return nil }
        defer { sodium_memzero(&plain, plain.count) }
        return DataKey(plain.withUnsafeBytes { SecretBytes.copy(of: $0) })
    }
}

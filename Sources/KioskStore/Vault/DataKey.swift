import CSodium
import Glibc

/// The station's data key: 32 random bytes that encrypt every personal
/// value and file the store writes (XChaCha20-Poly1305, IETF AEAD), and a
/// subkey derived from it for the keyed hashes that lookups use. Both live
/// only in locked memory (`SecretBytes`) and are wiped by `wipe()` (the
/// vault locked, the process ending).
public final class DataKey: @unchecked Sendable {
    public static let length = Int(crypto_aead_xchacha20poly1305_ietf_KEYBYTES)
    static let nonceLength = Int(crypto_aead_xchacha20poly1305_ietf_NPUBBYTES)
    static let tagLength = Int(crypto_aead_xchacha20poly1305_ietf_ABYTES)

    let key: SecretBytes
    /// BLAKE2b key of the lookup hashes (`crypto_kdf_derive_from_key`, id 1,
    /// context "MCKLOOKU"): a hash never reveals the data key, and the data
    /// key never serves as a hash key.
    let lookupKey: SecretBytes

    init(_ key: SecretBytes) {
        precondition(key.count == Self.length)
        self.key = key
        lookupKey = SecretBytes(count: Int(crypto_generichash_KEYBYTES))
        _ = key.withBytes { k in
            lookupKey.withBytes { out in
                crypto_kdf_derive_from_key(out, lookupKey.count, 1, "MCKLOOKU", k)
            }
        }
    }

    /// Hands the key to a child process through a pipe (the kiosk to its
    /// upload worker): the 32 bytes written to `fd`, never to a file, an
    /// argument or the environment. False when it could not be written.
    public func write(to fd: Int32) -> Bool {
        key.withBytes { p in
            var done = 0
            while done < Self.length {
                let n = Glibc.write(fd, p + done, Self.length - done)
                if n <= 0 { return false }
                done += n
            }
            return true
        } ?? false
    }

    /// The key handed over on `fd` (read straight into locked memory); nil
    /// when fewer than 32 bytes come. Check it with `.key` before use.
    public static func read(from fd: Int32) -> DataKey? {
        let s = SecretBytes(count: length)
        let got = s.withBytes { p in
            var done = 0
            while done < length {
                let n = Glibc.read(fd, p + done, length - done)
                if n <= 0 { break }
                done += n
            }
            return done
        } ?? 0
        guard got == length else { s.wipe(); return nil }
        return DataKey(s)
    }

    /// A new random data key (a new vault).
    static func generate() -> DataKey { DataKey(SecretBytes.random(count: length)) }

    public var isWiped: Bool { key.isWiped }

    /// Wipes the key and its subkey: every later use fails as locked.
    public func wipe() {
        key.wipe()
        lookupKey.wipe()
    }

    /// nonce ‖ ciphertext ‖ tag of `plain`, bound to `ad` (the row or file it
    /// belongs to): a random 24-byte nonce each time, so equal values never
    /// look equal.
    func seal(_ plain: UnsafeRawBufferPointer, ad: [UInt8]) throws(VaultError) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: Self.nonceLength + plain.count + Self.tagLength)
        let done: Bool? = out.withUnsafeMutableBufferPointer { o in
            randombytes_buf(o.baseAddress!, Self.nonceLength)
            return key.withBytes { k in
                ad.withUnsafeBufferPointer { a in
                    crypto_aead_xchacha20poly1305_ietf_encrypt(
                        o.baseAddress! + Self.nonceLength, nil,
                        plain.baseAddress?.assumingMemoryBound(to: UInt8.self), UInt64(plain.count),
                        a.baseAddress, UInt64(a.count), nil, o.baseAddress!, k) == 0
                }
            }
        }
        guard let done else { throw .locked }
        guard done else { throw .tampered }
        return out
    }

    func seal(_ plain: [UInt8], ad: [UInt8]) throws(VaultError) -> [UInt8] {
        try plain.withUnsafeBytes { b in Result { () throws(VaultError) in try seal(b, ad: ad) } }.get()
    }

    /// The plain bytes of what `seal` made with the same `ad`; `.tampered`
    /// when the bytes were changed, moved to another row, or sealed under
    /// another key: never anything decrypted wrongly.
    func open(_ sealed: UnsafeRawBufferPointer, ad: [UInt8]) throws(VaultError) -> [UInt8] {
        guard sealed.count >= Self.nonceLength + Self.tagLength else { throw .tampered }
        let n = sealed.count - Self.nonceLength - Self.tagLength
        var out = [UInt8](repeating: 0, count: n)
        let base = sealed.baseAddress!.assumingMemoryBound(to: UInt8.self)
        let ok: Bool? = out.withUnsafeMutableBufferPointer { o in
            key.withBytes { k in
                ad.withUnsafeBufferPointer { a in
                    crypto_aead_xchacha20poly1305_ietf_decrypt(
                        o.baseAddress, nil, nil, base + Self.nonceLength, UInt64(sealed.count - Self.nonceLength),
                        a.baseAddress, UInt64(a.count), base, k) == 0
                }
            }
        }
        guard let ok else { throw .locked }
        guard ok else { throw .tampered }
        return out
    }

    func open(_ sealed: [UInt8], ad: [UInt8]) throws(VaultError) -> [UInt8] {
        try sealed.withUnsafeBytes { b in Result { () throws(VaultError) in try open(b, ad: ad) } }.get()
    }

    /// BLAKE2b-256 of `bytes` keyed with the lookup subkey.
    func keyedHash(_ bytes: [UInt8]) throws(VaultError) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 32)
        let done: Int32? = lookupKey.withBytes { k in
            crypto_generichash(&out, 32, bytes, UInt64(bytes.count), k, lookupKey.count)
        }
        guard done != nil else { throw .locked }
        return out
    }
}

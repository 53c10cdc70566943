import CSodium
import Foundation

/// Hashing and randomness from libsodium: a well-kept library rather than
/// hand-written cryptography.
public enum Crypto {
    /// libsodium must be initialised once before use; sodium_init is safe to
    /// call repeatedly and from several threads.
    static let ready: Bool = sodium_init() >= 0

    /// SHA-256 of bytes, lower-case hex.
    public static func sha256(_ bytes: [UInt8]) -> String {
        precondition(ready, "libsodium failed to initialise")
        var digest = [UInt8](repeating: 0, count: Int(crypto_hash_sha256_BYTES))
        _ = bytes.withUnsafeBufferPointer { crypto_hash_sha256(&digest, $0.baseAddress, UInt64($0.count)) }
        return hex(digest)
    }

    /// SHA-256 of a file, read in chunks (documents may be large scans).
    public static func sha256(fileAt path: String) throws -> String {
        precondition(ready, "libsodium failed to initialise")
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: path])
        }
        defer { try? handle.close() }
        var state = crypto_hash_sha256_state()
        crypto_hash_sha256_init(&state)
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            _ = chunk.withUnsafeBytes { crypto_hash_sha256_update(&state, $0.bindMemory(to: UInt8.self).baseAddress, UInt64($0.count)) }
        }
        var digest = [UInt8](repeating: 0, count: Int(crypto_hash_sha256_BYTES))
        crypto_hash_sha256_final(&state, &digest)
        return hex(digest)
    }

    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(bytes.count * 2)
        for b in bytes {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Cost of the verification hash (Argon2id). A verification is only four
    /// digits, so the lock after five wrong tries is the real protection; the
    /// slow, salted hash keeps a copied database from giving the digits away
    /// instantly. 16 MiB and 3 passes take some tens of milliseconds here and
    /// keep the kiosk well under its memory target.
    static let opsLimit = UInt64(3)
    static let memLimit = 16 * 1024 * 1024

    /// Argon2id computations so far: the tests check that two paths that
    /// must cost the same (a resume with an unknown code and with a wrong
    /// PIN) do the same number.
    static let slowHashes = Counter()

    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var n = 0
        func add() { lock.withLock { n += 1 } }
        var value: Int { lock.withLock { n } }
    }

    /// A salted slow hash of a secret, as a self-describing string.
    public static func hashSecret(_ secret: String) -> String {
        precondition(ready, "libsodium failed to initialise")
        slowHashes.add()
        var out = [CChar](repeating: 0, count: Int(crypto_pwhash_STRBYTES))
        let rc = crypto_pwhash_str(&out, secret, UInt64(secret.utf8.count), opsLimit, memLimit)
        precondition(rc == 0, "crypto_pwhash_str failed (out of memory)")
        let end = out.firstIndex(of: 0) ?? out.count
        return String(decoding: out[..<end].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    public static func verifySecret(_ secret: String, against hash: String) -> Bool {
        precondition(ready, "libsodium failed to initialise")
        slowHashes.add()
        return crypto_pwhash_str_verify(hash, secret, UInt64(secret.utf8.count)) == 0
    }

    /// A uniformly random number below `bound`.
    public static func random(below bound: UInt32) -> UInt32 {
        precondition(ready, "libsodium failed to initialise")
        return randombytes_uniform(bound)
    }
}

import CSodium
import Foundation

/// The province's public key (X25519), to which a finalized dossier's
/// envelope and documents are sealed (libsodium sealed boxes,
/// `crypto_box_seal`): only the holder of the secret key opens them, and the
/// station that sealed them cannot (it keeps no ephemeral key). See
/// docs/protocol.md, "Sealed bodies".
public struct SealKey: Sendable, Equatable {
    public let publicKey: [UInt8]

    /// The demonstration key of the shipped kiosk.conf and the reference
    /// server's Tools/provincial-server/demo-seal.key. Its secret is public:
    /// `kiosk status` says so when a station uses it.
    public static let demonstrationPublicKey = "kygzgCXduXJf8nx8LNpP0uFnyOTNFmGPIy9CwE5uKg4="

    /// `[server] seal_public_key`: 32 bytes in base64; nil otherwise.
    public init?(base64: String) {
        guard let data = Data(base64Encoded: base64.trimmingCharacters(in: .whitespaces)),
              data.count == Int(crypto_box_PUBLICKEYBYTES) else { return nil }
        publicKey = Array(data)
    }

    public init?(publicKey: [UInt8]) {
        guard publicKey.count == Int(crypto_box_PUBLICKEYBYTES) else { return nil }
        self.publicKey = publicKey
    }

    /// Names the key without being it: the first 16 bytes of the public
    /// key's SHA-256, in hex. Sent as `X-Seal-Key-Id`, so that a server that
    /// no longer holds the key says so rather than failing to open.
    public var id: String { String(Crypto.sha256(publicKey).prefix(32)) }

    /// Bytes a sealed box adds (an ephemeral public key and a MAC).
    public static let overhead = Int(crypto_box_sealbytes())

    /// `bytes` sealed: random each time (a fresh ephemeral key pair), so
    /// the result is stored and resent as it is, never sealed again.
    public func seal(_ bytes: [UInt8]) -> [UInt8] {
        precondition(Crypto.ready, "libsodium failed to initialise")
        var out = [UInt8](repeating: 0, count: bytes.count + Self.overhead)
        // An empty message still needs a pointer.
        let input = bytes.isEmpty ? [0] : bytes
        let rc = input.withUnsafeBufferPointer { m in
            crypto_box_seal(&out, m.baseAddress!, UInt64(bytes.count), publicKey)
        }
        precondition(rc == 0, "crypto_box_seal failed")
        return out
    }

    /// Opens a sealed box with the key pair's secret half (the province's
    /// side; the tests and the benchmark use it). Nil when the box was
    /// sealed to another key or changed on the way.
    public static func open(_ sealed: [UInt8], secretKey: [UInt8]) -> [UInt8]? {
        precondition(Crypto.ready, "libsodium failed to initialise")
        guard sealed.count >= overhead, secretKey.count == Int(crypto_box_SECRETKEYBYTES) else { return nil }
        var publicKey = [UInt8](repeating: 0, count: Int(crypto_box_PUBLICKEYBYTES))
        guard crypto_scalarmult_base(&publicKey, secretKey) == 0 else { return nil }
        var out = [UInt8](repeating: 0, count: sealed.count - overhead)
        let rc = sealed.withUnsafeBufferPointer { c in
            crypto_box_seal_open(&out, c.baseAddress!, UInt64(c.count), publicKey, secretKey)
        }
        return rc == 0 ? out : nil
    }

    /// A fresh key pair (public, secret), for tests and `kiosk-bench`.
    public static func makePair() -> (publicKey: [UInt8], secretKey: [UInt8]) {
        precondition(Crypto.ready, "libsodium failed to initialise")
        var pk = [UInt8](repeating: 0, count: Int(crypto_box_PUBLICKEYBYTES))
        var sk = [UInt8](repeating: 0, count: Int(crypto_box_SECRETKEYBYTES))
        crypto_box_keypair(&pk, &sk)
        return (pk, sk)
    }
}

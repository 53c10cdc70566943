import CSodium
import Foundation

/// The province's form-signing public key (Ed25519, `[server] sign_public_key`,
/// given at enrolment): a form bundle is used only when its signature
/// (libsodium's `crypto_sign_detached`, made by the province) checks against it.
public struct SigningKey: Sendable, Equatable {
    public let publicKey: [UInt8]

    /// 32 bytes in base64; nil otherwise.
    public init?(base64: String) {
        guard let data = Data(base64Encoded: base64), data.count == Int(crypto_sign_PUBLICKEYBYTES) else { return nil }
        publicKey = Array(data)
    }

    /// Whether `signature` (64 bytes) is this key's over exactly `message`.
    public func verifies(_ signature: [UInt8], over message: ArraySlice<UInt8>) -> Bool {
        precondition(Crypto.ready, "libsodium failed to initialise")
        guard signature.count == Int(crypto_sign_BYTES) else { return false }
        return message.withUnsafeBufferPointer { m in
            crypto_sign_verify_detached(signature, m.baseAddress, UInt64(m.count), publicKey) == 0
        }
    }

    /// How `kiosk status` names the key: the first 16 bytes of its SHA-256, hex.
    public var id: String { String(Crypto.sha256(publicKey).prefix(32)) }
}

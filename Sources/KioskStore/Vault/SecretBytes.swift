import CSodium

/// Bytes that must not reach the disk: held in libsodium's guarded memory
/// (`sodium_malloc`: locked with mlock so it is never swapped, excluded from
/// core dumps where the system allows, fenced by guard pages), zeroed and
/// freed by `wipe()` or when the last reference goes.
///
/// Swift arrays and strings are copied freely and never wiped, so a key
/// lives only here; callers reach its bytes through `withBytes` for the one
/// libsodium call that needs them.
public final class SecretBytes: @unchecked Sendable {
    private var pointer: UnsafeMutableRawPointer?
    public let count: Int

    /// `count` zero bytes in locked memory. Fails (precondition) only when
    /// the system cannot lock memory at all.
    init(count: Int) {
        precondition(Crypto.ready, "libsodium failed to initialise")
        guard let p = sodium_malloc(count) else { preconditionFailure("sodium_malloc failed: no memory can be locked") }
        sodium_memzero(p, count)
        self.pointer = p
        self.count = count
    }

    /// A copy of `bytes` in locked memory (the caller's copy is its own to wipe).
    public convenience init(_ bytes: [UInt8]) {
        self.init(count: bytes.count)
        _ = withBytes { p in p.update(from: bytes, count: bytes.count) }
    }

    /// Random bytes (a new data key).
    static func random(count: Int) -> SecretBytes {
        let s = SecretBytes(count: count)
        randombytes_buf(s.pointer!, count)
        return s
    }

    /// A copy of `bytes` in locked memory; the caller wipes its own copy.
    static func copy(of bytes: UnsafeRawBufferPointer) -> SecretBytes {
        let s = SecretBytes(count: bytes.count)
        if let base = bytes.baseAddress { s.pointer!.copyMemory(from: base, byteCount: bytes.count) }
        return s
    }

    /// Whether the bytes were wiped (the vault was locked).
    public var isWiped: Bool { pointer == nil }

    /// The bytes, for one call; nil after `wipe()`.
    func withBytes<T>(_ body: (UnsafeMutablePointer<UInt8>) throws -> T) rethrows -> T? {
        guard let p = pointer else { return nil }
        return try body(p.assumingMemoryBound(to: UInt8.self))
    }

    /// Zeroes and frees the memory (sodium_free zeroes it before freeing).
    public func wipe() {
        if let p = pointer { sodium_free(p) }
        pointer = nil
    }

    deinit { wipe() }
}

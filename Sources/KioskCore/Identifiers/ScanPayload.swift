#if canImport(Glibc)
import Glibc
#endif

/// The bytes of one scanned code (a card's QR payload is personal data),
/// in memory this object owns, so that they can be wiped (issue 17: "cleared
/// from memory after use"). A Swift String cannot be wiped (it may be
/// copied, bridged or interned anywhere), so the payload is never made into
/// one: the serial reader and the terminal's keyboard burst write its bytes
/// here, `CitizenCard.parse` reads its fields from them, and the card scan
/// wipes them as soon as the card is read. What stays is the answers the
/// card fills (and the Strings made of them), as long as the form does.
/// Wiped again, and freed, when the last reference goes.
public final class ScanPayload: @unchecked Sendable {
    private var storage: UnsafeMutableRawBufferPointer
    public private(set) var count = 0

    public init(capacity: Int = 256) {
        storage = .allocate(byteCount: max(1, capacity), alignment: 1)
        storage.initializeMemory(as: UInt8.self, repeating: 0)
    }

    public convenience init<C: Collection>(bytes: C) where C.Element == UInt8 {
        self.init(capacity: bytes.count)
        append(contentsOf: bytes)
    }

    /// A payload made from text: tests, and codes that already are text.
    public convenience init(_ text: String) {
        self.init(bytes: Array(text.utf8))
    }

    deinit {
        wipe()
        storage.deallocate()
    }

    public func append(_ byte: UInt8) {
        if count == storage.count {
            // Grown into a new buffer; the old one is wiped before it is freed.
            let bigger = UnsafeMutableRawBufferPointer.allocate(byteCount: storage.count * 2, alignment: 1)
            bigger.initializeMemory(as: UInt8.self, repeating: 0)
            bigger.copyMemory(from: UnsafeRawBufferPointer(storage))
            SecureMemory.zero(storage)
            storage.deallocate()
            storage = bigger
        }
        storage[count] = byte
        count += 1
    }

    public func append<C: Collection>(contentsOf bytes: C) where C.Element == UInt8 {
        for b in bytes { append(b) }
    }

    /// Reads the bytes (valid only inside `body`).
    public func withBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try body(UnsafeRawBufferPointer(rebasing: storage[0..<count]))
    }

    /// Zeroes every byte and empties the payload.
    public func wipe() {
        SecureMemory.zero(storage)
        count = 0
    }

    /// Every byte of the buffer is zero (tests: the payload was wiped).
    public var isWiped: Bool { count == 0 && storage.allSatisfy { $0 == 0 } }
}

/// Zeroing that the compiler may not remove as a dead store (memory about
/// to be freed or reused is exactly what an optimiser drops writes to):
/// glibc's `explicit_bzero`, the counterpart of libsodium's
/// `sodium_memzero`, which KioskCore does not link.
public enum SecureMemory {
    public static func zero(_ buffer: UnsafeMutableRawBufferPointer) {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return }
        #if canImport(Glibc)
        explicit_bzero(base, buffer.count)
        #else
        // Each byte written through a pointer the optimiser cannot see
        // past (an opaque function), then read back.
        for i in 0..<buffer.count { opaqueStore(base + i) }
        #endif
    }

    public static func zero(_ bytes: inout [UInt8]) {
        bytes.withUnsafeMutableBytes { zero($0) }
    }

    #if !canImport(Glibc)
    @inline(never) @_optimize(none)
    static func opaqueStore(_ p: UnsafeMutableRawPointer) { p.storeBytes(of: 0, as: UInt8.self) }
    #endif
}

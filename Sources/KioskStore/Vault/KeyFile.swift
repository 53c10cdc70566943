import CSodium
import Foundation
import KioskCore

/// The key-encryption key from a key file, for a station that unlocks with
/// nobody at it: `[security] key_file` in kiosk.conf names a file of at
/// least 32 random bytes (a systemd credential, a removable stick, a
/// TPM-sealed secret decrypted by systemd-creds; see docs/architecture.md).
/// Its bytes are already a key's worth of randomness, so no slow hash is
/// needed: BLAKE2b-256 of them keyed with the wrapping's random salt.
public enum KeyFile {
    public static let minimumLength = 32
    static let saltLength = Int(crypto_generichash_KEYBYTES)

    /// The file's bytes in locked memory, checked: present, readable, long
    /// enough, and not readable by others (then it would protect nothing).
    public static func read(_ path: String) throws(VaultError) -> SecretBytes {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw .keyFile(path: path, reason: LocalizedText(vi: "không có tệp này (\(String(cString: strerror(errno)))).",
                                                             en: "it is missing (\(String(cString: strerror(errno))))."))
        }
        if Int(info.st_mode) & 0o077 != 0 {
            throw .keyFile(path: path, reason: LocalizedText(
                vi: "người dùng khác đọc được tệp (quyền \(String(Int(info.st_mode) & 0o777, radix: 8))); hãy chạy chmod 600.",
                en: "other users can read it (mode \(String(Int(info.st_mode) & 0o777, radix: 8))); run chmod 600 on it."))
        }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw .keyFile(path: path, reason: LocalizedText(vi: "không đọc được (\(String(cString: strerror(errno)))).",
                                                             en: "it cannot be read (\(String(cString: strerror(errno))))."))
        }
        defer { close(fd) }
        // Read into locked memory directly: at most 4 KiB of key material.
        let buffer = SecretBytes(count: 4096)
        var total = 0
        _ = buffer.withBytes { p in
            while total < 4096 {
                let n = Glibc.read(fd, p + total, 4096 - total)
                if n <= 0 { break }
                total += n
            }
        }
        guard total >= minimumLength else {
            throw .keyFile(path: path, reason: LocalizedText(
                vi: "cần ít nhất \(minimumLength) byte ngẫu nhiên (tệp có \(total)); tạo bằng: head -c 64 /dev/urandom > tệp",
                en: "it needs at least \(minimumLength) random bytes (it has \(total)); make one with: head -c 64 /dev/urandom > FILE"))
        }
        let material = SecretBytes(count: total)
        _ = buffer.withBytes { src in material.withBytes { dst in dst.update(from: src, count: total) } }
        buffer.wipe()
        return material
    }

    /// BLAKE2b-256(material) keyed with `salt`.
    static func derive(_ material: SecretBytes, salt: [UInt8]) -> SecretBytes {
        let kek = SecretBytes(count: DataKey.length)
        _ = kek.withBytes { out in
            material.withBytes { m in
                crypto_generichash(out, DataKey.length, m, UInt64(material.count), salt, salt.count)
            }
        }
        return kek
    }
}

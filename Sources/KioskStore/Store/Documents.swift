import Foundation
import KioskCore

extension KioskStore {
    /// Where a document's file lives: attachments/ab/abcdef… (two-level, so
    /// that no folder grows huge).
    public func documentPath(sha256: String) -> String {
        (attachmentsPath as NSString).appendingPathComponent("\(sha256.prefix(2))/\(sha256)")
    }

    /// Keeps a document, content-addressed: the same bytes are stored once,
    /// however many dossiers use them. The file is written to a temporary
    /// name, synced and renamed, so a crash never leaves half a document
    /// under its hash. Its content is sealed under the data key, bound to
    /// its name (the SHA-256 of the plain bytes, which the dossier and the
    /// province use to name it too).
    @discardableResult
    public func storeDocument(_ bytes: [UInt8], mediaType: String) throws(StoreError) -> String {
        let sha = Crypto.sha256(bytes)
        let path = documentPath(sha256: sha)
        let sealed = try sealFile(bytes, name: sha)
        // The row first, in a transaction that commits only once the file is
        // in place: a store that cannot write leaves no stray file, and a
        // file that cannot be written leaves no row. Attaching again renews
        // the date retention counts from.
        try write { () throws in
            try db.execute("""
                INSERT INTO documents (sha256, size, media_type, stored_at) VALUES (?1, ?2, ?3, ?4)
                ON CONFLICT (sha256) DO UPDATE SET stored_at = excluded.stored_at
                """, [.text(sha), .int(bytes.count), .text(mediaType), .int(timestamp)])
            // Present and whole: nothing to write. Missing or damaged: (re)write it.
            if (try? documentBytes(sha256: sha)) == nil {
                var notes: [LocalizedText] = []
                try Self.ensurePrivateFolder(attachmentsPath, warnings: &notes)
                try Self.ensurePrivateFolder((path as NSString).deletingLastPathComponent, warnings: &notes)
                try writeDurably(sealed, to: path)
            }
        }
        return sha
    }

    /// A stored document's bytes, checked against its hash (a damaged file
    /// is reported, not sent).
    public func documentBytes(sha256: String) throws(StoreError) -> [UInt8] {
        let path = documentPath(sha256: sha256)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .file(path: path, reason: "missing")
        }
        let bytes: [UInt8]
        do {
            bytes = try openFile(Array(data), name: sha256)
        } catch {
            if case .vault(.locked) = error { throw error }
            throw .file(path: path, reason: "damaged: it does not open with this station's key (altered, or another station's)")
        }
        guard Crypto.sha256(bytes) == sha256 else { throw .file(path: path, reason: "damaged: its content no longer matches its hash") }
        return bytes
    }
}

extension KioskStore {
    /// Writes a file that only the station's user can read, whatever the
    /// umask: 0600, in a folder made 0700 if missing (a receipt kept when
    /// the printer fails). Written like a document, so it is whole or
    /// absent, and a file already there is replaced, its permissions with it.
    public static func writePrivateFile(_ bytes: [UInt8], to path: String) throws(StoreError) {
        var notes: [LocalizedText] = []
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty { try ensurePrivateFolder(folder, warnings: &notes) }
        try writeDurably(bytes, to: path)
    }
}

/// Writes a file under a temporary name (made 0600: open(2) is given the
/// mode, which a umask can only narrow, and fchmod sets it exactly), syncs
/// it, renames it into place and syncs the folder: after a crash or power
/// cut the file is either whole or absent.
private func writeDurably(_ bytes: [UInt8], to path: String) throws(StoreError) {
    let folder = (path as NSString).deletingLastPathComponent
    let temp = folder + "/.\((path as NSString).lastPathComponent).\(UUID().uuidString).part"
    let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL, 0o600)
    guard fd >= 0 else { throw .file(path: folder, errno: errno) }
    fchmod(fd, 0o600)
    var written = 0
    let ok = bytes.withUnsafeBytes { buffer -> Bool in
        while written < buffer.count {
            let n = write(fd, buffer.baseAddress! + written, buffer.count - written)
            if n <= 0 { return false }
            written += n
        }
        return fsync(fd) == 0
    }
    let failure = ok ? "" : String(cString: strerror(errno))
    close(fd)
    guard ok else {
        unlink(temp)
        throw .file(path: path, reason: failure)
    }
    guard rename(temp, path) == 0 else {
        let reason = String(cString: strerror(errno))
        unlink(temp)
        throw .file(path: path, reason: reason)
    }
    let dirfd = open(folder, O_RDONLY)
    if dirfd >= 0 {
        fsync(dirfd)
        close(dirfd)
    }
}

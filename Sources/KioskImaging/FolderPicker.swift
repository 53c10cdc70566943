import Foundation
import Glibc
import KioskCore

/// The attach picker's backend: lists folders only under the roots the
/// operator allows (`[documents] folders`), and takes a file from there.
/// Paths are resolved (symbolic links followed) before anything is shown or
/// read: whatever really lies outside every root is neither listed nor taken.
public struct FolderPicker: Sendable {
    /// The allowed roots as configured (absolute).
    public var roots: [String]
    /// The largest file taken, in bytes (`[documents] max_file_mb`).
    public var maxBytes: Int64

    public init(roots: [String], maxBytes: Int64) {
        self.roots = roots
        self.maxBytes = maxBytes
    }

    var limitMB: Int { Int(maxBytes >> 20) }

    /// The roots that exist, as real paths (with the name configured).
    var realRoots: [(shown: String, real: String)] {
        roots.compactMap { root in realPath(root).map { (root, $0) } }
    }

    /// Whether a real (resolved) path is one of the roots or inside one.
    func isInside(_ real: String) -> Bool {
        realRoots.contains { real == $0.real || real.hasPrefix($0.real == "/" ? "/" : $0.real + "/") }
    }

    /// The roots (nil) or a folder under one: folders first, then files,
    /// each by name; hidden entries, links leading out and anything that is
    /// neither a folder nor a plain file left out.
    public func list(_ path: String?) throws(AttachFailure) -> FolderListing {
        guard let path else {
            let entries = realRoots.map { root in
                FolderEntry(name: root.shown, path: root.shown, isFolder: true, size: 0, modified: modified(root.real))
            }
            return FolderListing(path: nil, parent: nil, entries: entries)
        }
        guard let real = realPath(path) else { throw .notFound }
        guard isInside(real) else { throw .outsideRoots }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: real, isDirectory: &isDirectory), isDirectory.boolValue else { throw .notAFile }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: real)
        } catch {
            throw access(real, R_OK | X_OK) != 0 && errno == EACCES ? .noPermission : .notFound
        }
        var entries: [FolderEntry] = []
        for name in names where !name.hasPrefix(".") {
            let shown = (path as NSString).appendingPathComponent(name)
            guard let target = realPath(shown), isInside(target) else { continue }
            var st = stat()
            guard stat(target, &st) == 0 else { continue }
            let kind = st.st_mode & S_IFMT
            guard kind == S_IFDIR || kind == S_IFREG else { continue }
            entries.append(FolderEntry(name: name, path: shown, isFolder: kind == S_IFDIR, size: kind == S_IFREG ? Int64(st.st_size) : 0,
                                       modified: Double(st.st_mtim.tv_sec)))
        }
        entries.sort { a, b in
            if a.isFolder != b.isFolder { return a.isFolder }
            return Self.precedes(a.name, b.name)
        }
        // Up from a root shows the roots.
        let atRoot = realRoots.contains { $0.real == real }
        return FolderListing(path: path, parent: atRoot ? nil : (path as NSString).deletingLastPathComponent, entries: entries)
    }

    /// Vietnamese-aware order: by the letters without tone marks first
    /// (so "Đơn" sorts with "Don", "Ảnh" with "Anh"), then as written.
    static func precedes(_ a: String, _ b: String) -> Bool {
        let fa = VietnameseText.fold(a), fb = VietnameseText.fold(b)
        return fa != fb ? fa < fb : a < b
    }

    /// A file chosen in the picker, read whole (at most the limit) and
    /// told by its content. A 2 GB file is refused by its size, unread.
    public func take(_ path: String) throws(AttachFailure) -> TakenFile {
        guard let real = realPath(path) else { throw .notFound }
        guard isInside(real) else { throw .outsideRoots }
        // Non-blocking: a FIFO put where a file was does not hang the desk.
        let fd = open(real, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)
        guard fd >= 0 else { throw Self.failure(errno) }
        defer { close(fd) }
        // What was opened, checked again: a folder on the way swapped for a
        // link between the check and the open cannot lead outside the roots.
        guard let opened = realPath("/proc/self/fd/\(fd)"), isInside(opened) else { throw .outsideRoots }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw Self.failure(errno) }
        guard st.st_mode & S_IFMT == S_IFREG else { throw .notAFile }
        let size = Int64(st.st_size)
        guard size <= maxBytes else { throw .tooLarge(bytes: size, limitMB: limitMB) }
        guard size > 0 else { throw .empty }
        var bytes = [UInt8](repeating: 0, count: Int(size))
        var got = 0
        while got < bytes.count {
            let n = bytes.withUnsafeMutableBytes { read(fd, $0.baseAddress! + got, $0.count - got) }
            if n < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                throw Self.failure(errno)
            }
            // Shorter than it said: the file was cut, or the stick went.
            if n == 0 { throw .stickRemoved }
            got += n
        }
        guard let kind = DocumentKind.sniff(bytes.prefix(8)) else { throw .notAccepted }
        return TakenFile(name: (path as NSString).lastPathComponent, kind: kind, bytes: bytes)
    }

    static func failure(_ code: Int32) -> AttachFailure {
        switch code {
        case ENOENT, ENOTDIR: .notFound
        case EACCES, EPERM: .noPermission
        case EIO, ENODEV, ENXIO, ESTALE, ENOMEDIUM: .stickRemoved
        case EISDIR: .notAFile
        default: .unreadable(String(cString: strerror(code)))
        }
    }

    private func modified(_ path: String) -> Double {
        var st = stat()
        return stat(path, &st) == 0 ? Double(st.st_mtim.tv_sec) : 0
    }
}

/// A file read from the picker: its bytes, told by their content.
public struct TakenFile: Sendable {
    public var name: String
    public var kind: DocumentKind
    public var bytes: [UInt8]
}

/// The real path (links followed, `..` resolved), or nil when it does not exist.
func realPath(_ path: String) -> String? {
    guard let resolved = realpath(path, nil) else { return nil }
    defer { free(resolved) }
    return String(cString: resolved)
}

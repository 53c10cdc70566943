import Foundation
import KioskCore
import KioskStore

/// Installs a checked form bundle beside the forms in use, atomically:
///
///     <updates>/.staging-<version>-<pid>/   written and checked (FormCatalog: `kiosk forms check`)
///     <updates>/<version>/                  renamed from staging once it loads
///     <updates>/current -> <version>        a new link renamed over the old one
///
/// A reader (the kiosk, `kiosk forms list`) follows `current` and finds
/// either the old version or the new one, whole. Refused bundles never get
/// a folder of their own; only the previous version is kept besides the
/// current one. The kiosk changes to the new forms when it is back at its
/// welcome screen (never in a citizen's form).
public struct BundleInstaller: Sendable {
    public let updates: String
    public let key: SigningKey?

    public init(updates: String, key: SigningKey?) {
        self.updates = updates
        self.key = key
    }

    var currentLink: String { (updates as NSString).appendingPathComponent("current") }

    /// The version `current` points at, if any.
    public var installedVersion: String? {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: currentLink)).map { ($0 as NSString).lastPathComponent }
    }

    /// Checks `bytes` (as announced by `info`) and installs them; the version installed.
    public func install(_ bytes: [UInt8], info: BundleInfo) -> Result<String, BundleRefusal> {
        guard bytes.count == info.size, Crypto.sha256(bytes) == info.sha256 else {
            return .failure(.incomplete(expected: info.size, got: bytes.count))
        }
        guard let key else { return .failure(.noSigningKey) }
        let bundle: FormBundle
        switch FormBundle.open(bytes, key: key) {
        case .success(let b): bundle = b
        case .failure(let refusal): return .failure(refusal)
        }
        // The signed version is what counts, not what the server said of it.
        if let installed = installedVersion, !FormBundleState.isNewer(bundle.version, than: installed) {
            return .failure(.older(offered: bundle.version, installed: installed))
        }
        let fm = FileManager.default
        let staging = (updates as NSString).appendingPathComponent(".staging-\(bundle.version)-\(getpid())")
        defer { try? fm.removeItem(atPath: staging) }
        do {
            try fm.createDirectory(atPath: updates, withIntermediateDirectories: true)
            try? fm.removeItem(atPath: staging)
            try fm.createDirectory(atPath: (staging as NSString).appendingPathComponent("datasets"), withIntermediateDirectories: true)
            for (file, chunk) in bundle.files {
                try writeSynced(Array(chunk), to: (staging as NSString).appendingPathComponent(file.path))
            }
            syncFolder((staging as NSString).appendingPathComponent("datasets"))
            syncFolder(staging)
        } catch {
            return .failure(.cannotInstall("\(error.localizedDescription)"))
        }
        // The same checks as `kiosk forms check`: every form loads, or none is used.
        let catalog = FormCatalog.load(directory: staging)
        if !catalog.errors.isEmpty || catalog.noFormsReason != nil {
            let first = catalog.errors.prefix(2).map { d -> String in
                var shown = d
                shown.file = (d.file as NSString).lastPathComponent
                return shown.text(.en)
            }
            return .failure(.formsDoNotLoad(errors: max(1, catalog.errors.count), first: first.joined(separator: "; ")))
        }
        let final = (updates as NSString).appendingPathComponent(bundle.version)
        let link = (updates as NSString).appendingPathComponent(".current-\(getpid())")
        do {
            // A folder of that version left by an install that stopped before its link: replaced.
            if fm.fileExists(atPath: final) { try fm.removeItem(atPath: final) }
            try fm.moveItem(atPath: staging, toPath: final)
            try? fm.removeItem(atPath: link)
            try fm.createSymbolicLink(atPath: link, withDestinationPath: bundle.version)
            guard rename(link, currentLink) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
            syncFolder(updates)
        } catch {
            try? fm.removeItem(atPath: link)
            return .failure(.cannotInstall("\(error.localizedDescription)"))
        }
        prune(keeping: bundle.version)
        return .success(bundle.version)
    }

    /// Keeps the version in use and the one before it (for a province that
    /// wants to go back by publishing it again under a higher number).
    func prune(keeping current: String) {
        let fm = FileManager.default
        let versions = ((try? fm.contentsOfDirectory(atPath: updates)) ?? [])
            .filter { FormBundleState.versionParts($0) != nil && $0 != current }
            .sorted { FormBundleState.isNewer($1, than: $0) }
        for old in versions.dropLast(1) { try? fm.removeItem(atPath: (updates as NSString).appendingPathComponent(old)) }
    }

    private func writeSynced(_ bytes: [UInt8], to path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        defer { close(fd) }
        var written = 0
        try bytes.withUnsafeBytes { buffer in
            while written < buffer.count {
                let n = write(fd, buffer.baseAddress! + written, buffer.count - written)
                guard n > 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
                written += n
            }
        }
        guard fsync(fd) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
    }

    private func syncFolder(_ path: String) {
        let fd = open(path, O_RDONLY)
        if fd >= 0 { fsync(fd); close(fd) }
    }
}

import Foundation
import KioskCore
import KioskStore

/// One check for a newer form bundle: ask the server what it offers,
/// download it when it is newer than the version in use and not already
/// refused, install it (`BundleInstaller`), and record the outcome in
/// `[forms] updates`/state.json for `kiosk status` and the operator.
/// Whatever happens, the station keeps the forms it has.
public enum BundleUpdate {
    public enum Outcome: Sendable, Equatable {
        /// The server offers nothing newer (or nothing at all).
        case upToDate(String?)
        case installed(String)
        case refused(BundleRefusal)
        /// This very bundle was refused before: not downloaded again.
        case refusedBefore(String)
        /// The server could not be asked, or the download failed: later.
        case unreachable(SyncError)
    }

    public static func check(client: ProvincialClient, config: KioskConfig, now: Int) -> Outcome {
        let updates = config.formsUpdatesPath
        // One check at a time (the kiosk's worker and a `kiosk sync` from cron may meet here):
        // the second waits for the first, then finds its version installed.
        try? FileManager.default.createDirectory(atPath: updates, withIntermediateDirectories: true)
        let lock = open((updates as NSString).appendingPathComponent(".lock"), O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        if lock >= 0 { flock(lock, LOCK_EX) }
        defer { if lock >= 0 { flock(lock, LOCK_UN); close(lock) } }
        let installer = BundleInstaller(updates: updates, key: SigningKey(base64: config.signPublicKey))
        var state = FormBundleState.read(updates: updates)
        defer { try? state.write(updates: updates) }
        let info: BundleInfo
        switch client.bundleInfo() {
        case .failure(let e): return .unreachable(e)
        case .success(nil):
            state.checkedAt = now
            return .upToDate(installer.installedVersion)
        case .success(let i?): info = i
        }
        state.checkedAt = now
        state.installed = installer.installedVersion
        func refuse(_ r: BundleRefusal) -> Outcome {
            state.refused = FormBundleState.Refusal(version: info.version, sha256: info.sha256, message: r.message, at: now, permanent: r.isPermanent)
            return .refused(r)
        }
        if let installed = installer.installedVersion {
            if info.version == installed { return .upToDate(installed) }
            if !FormBundleState.isNewer(info.version, than: installed) { return refuse(.older(offered: info.version, installed: installed)) }
        } else if FormBundleState.versionParts(info.version) == nil {
            return refuse(.broken(LocalizedText(vi: "phiên bản “\(info.version)” không hợp lệ", en: "the version “\(info.version)” is not valid")))
        }
        if let r = state.refused, r.sha256 == info.sha256, r.permanent { return .refusedBefore(info.version) }
        // No key, no use downloading: said, and asked again once enrolled.
        if installer.key == nil { return refuse(.noSigningKey) }
        let bytes: [UInt8]
        switch client.downloadBundle(info) {
        case .failure(let e): return .unreachable(e)
        case .success(let b): bytes = b
        }
        switch installer.install(bytes, info: info) {
        case .success(let version):
            state.installed = version
            state.installedAt = now
            state.refused = nil
            return .installed(version)
        case .failure(let r):
            return refuse(r)
        }
    }
}

import Foundation
import KioskCore
import KioskStore

// The one way tests get an unlocked store: every store they open is sealed
// under a vault set up with this fixed key material (a key file's worth of
// bytes, no slow hash), so the suite needs no input and a store reopened by
// another process of the test (the crash writer) opens too. Not used by the
// kiosk: a station's key comes from its passphrase or its own key file.

/// 32 fixed bytes: the tests' key file.
public let testKeyMaterial: [UInt8] = Array("motcua-tests-only-key-material-0".utf8)

/// A new `.keyMaterial` access with the test key.
public func testVaultAccess() -> VaultAccess { .keyMaterial(SecretBytes(testKeyMaterial)) }

/// Writes the test key as a key file (0600), for a kiosk.conf of a test
/// (`[security] key_file`) or a child process; returns its path.
@discardableResult
public func writeTestKeyFile(_ path: String) -> String {
    FileManager.default.createFile(atPath: path, contents: Data(testKeyMaterial), attributes: [.posixPermissions: 0o600])
    chmod(path, 0o600)
    return path
}

/// A store unlocked with the test key (its vault set up on first open).
public func testStore(databasePath: String, attachmentsPath: String, stationID: String, retentionDays: Int,
                      readOnly: Bool = false, now: @escaping () -> Date = Date.init) throws(StoreError) -> KioskStore {
    try KioskStore(databasePath: databasePath, attachmentsPath: attachmentsPath, stationID: stationID, retentionDays: retentionDays,
                   readOnly: readOnly, now: now, vault: testVaultAccess())
}

/// `KioskStore.open(config:)` unlocked with the test key.
public func testStore(config: KioskConfig, readOnly: Bool = false) throws(StoreError) -> KioskStore {
    try KioskStore.open(config: config, readOnly: readOnly, vault: testVaultAccess())
}

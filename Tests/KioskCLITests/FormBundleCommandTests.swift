import Foundation
import XCTest
import KioskCore
import KioskTestSupport

/// Signed form bundles against the reference server on 127.0.0.1: one is
/// fetched, checked and installed beside the shipped forms; an unsigned,
/// wrongly signed, older, broken or cut-off one is refused, kept out of use
/// and reported by `kiosk status`, and the station goes on with what it has.
final class FormBundleCommandTests: XCTestCase {
    private var dir = ""
    private var signKey: String { dir + "/sign.key" }
    private var published: String { dir + "/published.bundle" }

    override func setUpWithError() throws {
        dir = NSTemporaryDirectory() + "kiosk-bundle-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: dir)
    }

    /// A copy of the shipped forms whose birth registration is `formVersion`,
    /// plus `extra` files; its folder.
    private func forms(_ name: String, formVersion: String, extra: [String: String] = [:]) throws -> String {
        let folder = dir + "/" + name
        try FileManager.default.copyItem(atPath: packageRoot + "/Forms", toPath: folder)
        let birth = folder + "/dang-ky-khai-sinh.json"
        let shipped = try XCTUnwrap(FormCatalog.load(directory: packageRoot + "/Forms").form(id: "dang-ky-khai-sinh")).version
        let text = try String(contentsOfFile: birth, encoding: .utf8)
        try text.replacingOccurrences(of: "\"version\": \"\(shipped)\"", with: "\"version\": \"\(formVersion)\"")
            .write(toFile: birth, atomically: true, encoding: .utf8)
        for (file, content) in extra { try content.write(toFile: folder + "/" + file, atomically: true, encoding: .utf8) }
        return folder
    }

    /// Signs `folder` as `version` with `key` and publishes it (the server reads the file again).
    private func publish(_ folder: String, version: String, key: String? = nil, edit: ((inout [UInt8]) -> Void)? = nil) throws {
        let out = dir + "/b-\(UUID().uuidString).bundle"
        let signed = try provinceCommand(["sign-bundle", "--key", key ?? signKey, "--version", version, "--out", out, folder])
        XCTAssertEqual(signed.status, 0, signed.stderr)
        if let edit {
            var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: out)))
            edit(&bytes)
            try Data(bytes).write(to: URL(fileURLWithPath: out))
        }
        XCTAssertEqual(rename(out, published), 0)
    }

    private func update(_ conf: String) throws -> KioskOutput {
        try runKiosk(["--config", conf, "--lang", "en", "forms", "update"])
    }

    private func birthVersion(_ conf: String) throws -> String? {
        let list = try runKiosk(["--config", conf, "forms", "list"])
        return list.stdout.split(separator: "\n").first { $0.hasPrefix("1.001193") }?.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first.map(String.init)
    }

    func testABundleIsInstalledAndEveryBadOneRefused() throws {
        let made = try provinceCommand(["make-sign-key", signKey])
        XCTAssertEqual(made.status, 0, made.stderr)
        let signPublic = made.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        try publish(try forms("v1", formVersion: "9999.1"), version: "2026.12.1")
        guard let server = ReferenceServer(flags: ["--bundle", published]) else { throw XCTSkip("the reference server did not start") }
        let conf = try writeStationConfig(server, dir: dir)
        try "\n[server]\nsign_public_key = \(signPublic)\n[forms]\nupdates = \(dir)/station-forms\n".write(toFile: conf + ".more", atomically: true, encoding: .utf8)
        try (String(contentsOfFile: conf, encoding: .utf8) + (try String(contentsOfFile: conf + ".more", encoding: .utf8))).write(toFile: conf, atomically: true, encoding: .utf8)

        // Installed beside the shipped forms, and used from then on.
        let installed = try update(conf)
        XCTAssertEqual(installed.status, 0, installed.stdout + installed.stderr)
        XCTAssertTrue(installed.stdout.contains("Installed form bundle 2026.12.1"), installed.stdout)
        XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: dir + "/station-forms/current"), "2026.12.1")
        XCTAssertEqual(try birthVersion(conf), "9999.1")
        XCTAssertEqual(try update(conf).stdout, "The forms are up to date (2026.12.1).\n")

        // Each bad kind: refused, said, reported by kiosk status, the forms in use unchanged.
        let otherKey = dir + "/other.key"
        XCTAssertEqual(try provinceCommand(["make-sign-key", otherKey]).status, 0)
        let good = try forms("v2", formVersion: "9999.2")
        let bad: [(String, () throws -> Void, String)] = [
            ("unsigned", { try self.publish(good, version: "2026.12.2") { bytes in
                // Without its signature line.
                let first = bytes.firstIndex(of: 10)!, second = bytes[(first + 1)...].firstIndex(of: 10)!
                bytes.removeSubrange((first + 1)...second)
            } }, "carries no signature of the province"),
            ("signed by another key", { try self.publish(good, version: "2026.12.3", key: otherKey) }, "does not match the province's signing key"),
            ("a byte changed after signing", { try self.publish(good, version: "2026.12.4") { bytes in bytes[bytes.count - 2] ^= 1 } },
             "does not match the province's signing key"),
            ("older", { try self.publish(good, version: "2026.11.9") }, "older than 2026.12.1 in use"),
            ("forms that do not load", { try self.publish(try self.forms("v5", formVersion: "9999.5", extra: ["hong.json": "{\"id\": "]), version: "2026.12.5") },
             "The bundle's forms have"),
        ]
        for (kind, make, said) in bad {
            try make()
            let refused = try update(conf)
            XCTAssertEqual(refused.status, 1, kind)
            XCTAssertTrue(refused.stderr.contains(said), "\(kind): \(refused.stderr)")
            XCTAssertTrue(refused.stderr.contains("The station goes on with the forms it has"), kind)
            XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: dir + "/station-forms/current"), "2026.12.1", kind)
            XCTAssertEqual(try birthVersion(conf), "9999.1", kind)
            let status = try runKiosk(["--config", conf, "--lang", "en", "status"])
            XCTAssertTrue(status.stdout.contains("Bundle refused:"), status.stdout)
            XCTAssertTrue(status.stdout.contains(said), "\(kind): \(status.stdout)")
            XCTAssertTrue(status.stdout.contains("Forms in use:        bundle 2026.12.1"), status.stdout)
            // Refused bundles leave no folder behind.
            let entries = try FileManager.default.contentsOfDirectory(atPath: dir + "/station-forms").sorted()
            XCTAssertEqual(entries, [".lock", "2026.12.1", "current", "state.json"], kind)
        }
        // The same refused bundle is not downloaded again.
        let again = try update(conf)
        XCTAssertTrue(again.stderr.contains("was refused before"), again.stderr)

        // A newer good one installs; the refusal is cleared; kiosk status --json says so.
        try publish(good, version: "2026.12.6")
        XCTAssertEqual(try update(conf).status, 0)
        XCTAssertEqual(try birthVersion(conf), "9999.2")
        let json = try runKiosk(["--config", conf, "status", "--json"])
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any], json.stdout)
        let bundle = try XCTUnwrap(object["formBundle"] as? [String: Any])
        XCTAssertEqual(bundle["installed"] as? String, "2026.12.6")
        XCTAssertNil(bundle["refused"])
        XCTAssertNotNil(object["drafts"], "the store's counts are still there")
        // The version before is kept; none older.
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir + "/station-forms").sorted(), [".lock", "2026.12.1", "2026.12.6", "current", "state.json"])
    }

    /// `kiosk sync` (cron, a timer) looks for a newer bundle once the server answers.
    func testKioskSyncInstallsANewerBundle() throws {
        let made = try provinceCommand(["make-sign-key", signKey])
        try publish(try forms("v1", formVersion: "9999.1"), version: "2026.12.1")
        guard let server = ReferenceServer(flags: ["--bundle", published]) else { throw XCTSkip("the reference server did not start") }
        let conf = try writeStationConfig(server, dir: dir)
        try (String(contentsOfFile: conf, encoding: .utf8)
             + "\n[server]\nsign_public_key = \(made.stdout.trimmingCharacters(in: .whitespacesAndNewlines))\n[forms]\nupdates = \(dir)/station-forms\n")
            .write(toFile: conf, atomically: true, encoding: .utf8)
        let sync = try runKiosk(["--config", conf, "--lang", "en", "sync"])
        XCTAssertEqual(sync.status, 0, sync.stdout + sync.stderr)
        XCTAssertTrue(sync.stdout.contains("Installed form bundle 2026.12.1"), sync.stdout)
        XCTAssertEqual(try birthVersion(conf), "9999.1")
        // Once installed, a pass says nothing more of it.
        let quiet = try runKiosk(["--config", conf, "--lang", "en", "sync"])
        XCTAssertFalse(quiet.stdout.contains("bundle"), quiet.stdout)
    }

    func testADownloadCutOffIsRefusedAndTriedAgain() throws {
        let made = try provinceCommand(["make-sign-key", signKey])
        let signPublic = made.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        try publish(try forms("v1", formVersion: "9999.1"), version: "2026.12.1")
        guard let server = ReferenceServer(flags: ["--bundle", published, "--bundle-truncate", "4096"]) else { throw XCTSkip("the reference server did not start") }
        let conf = try writeStationConfig(server, dir: dir)
        try (String(contentsOfFile: conf, encoding: .utf8) + "\n[server]\nsign_public_key = \(signPublic)\n[forms]\nupdates = \(dir)/station-forms\n")
            .write(toFile: conf, atomically: true, encoding: .utf8)
        for _ in 0..<2 {
            let cut = try update(conf)
            XCTAssertEqual(cut.status, 1)
            XCTAssertTrue(cut.stderr.contains("incomplete (4096 of"), cut.stderr)
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir + "/station-forms/current"))
        XCTAssertEqual(try birthVersion(conf), try XCTUnwrap(FormCatalog.load(directory: packageRoot + "/Forms").form(id: "dang-ky-khai-sinh")).version,
                       "the shipped forms stay in use")
        // A station that was never enrolled (no signing key) takes none.
        let unkeyed = try writeStationConfig(server, dir: dir, file: "plain.conf")
        let refused = try update(unkeyed)
        XCTAssertTrue(refused.stderr.contains("no form-signing key"), refused.stderr)
    }
}

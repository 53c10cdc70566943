import Foundation
import XCTest
import KioskCore
import KioskStore
@testable import KioskSync
import KioskTestSupport

/// `FormBundle.open`: bundles signed by the province's key (made here with
/// the reference server's own signing code) whose manifests lie: each is
/// refused with its reason, whatever the signature says.
final class FormBundleTests: XCTestCase {
    private var dir = ""
    private var key: SigningKey!

    override func setUpWithError() throws {
        dir = NSTemporaryDirectory() + "kiosk-fb-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let made = try python(["-c", "import sys; sys.path.insert(0, sys.argv[1]); import bundles; print(bundles.make_sign_key(sys.argv[2]))",
                               packageRoot + "/Tools/provincial-server", dir + "/sign.key"])
        key = try XCTUnwrap(SigningKey(base64: String(decoding: made, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)))
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: dir)
    }

    private func python(_ args: [String], input: Data = Data()) throws -> Data {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3"] + args
        let out = Pipe(), inp = Pipe()
        p.standardOutput = out
        p.standardInput = inp
        do { try p.run() } catch { throw XCTSkip("python3 is not there") }
        inp.fileHandleForWriting.write(input)
        try inp.fileHandleForWriting.close()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { throw XCTSkip("python3 with libsodium is not there") }
        return data
    }

    /// A bundle of `files` under `manifest` (its "files" as given), signed.
    private func signed(version: String = "2026.12.1", entries: [[String: Any]], payload: [UInt8]) throws -> [UInt8] {
        let manifest = try JSONSerialization.data(withJSONObject: ["format": 1, "version": version, "files": entries], options: [.sortedKeys])
        let body = Array(manifest) + [10] + payload
        let script = "import sys, base64; sys.path.insert(0, sys.argv[1]); import bundles; _, s = bundles.read_sign_key(sys.argv[2]); d = sys.stdin.buffer.read(); "
            + "sys.stdout.buffer.write(bundles.MAGIC + b'signature ' + base64.b64encode(bundles.sign(s, d)) + b'\\n' + d)"
        return Array(try python(["-c", script, packageRoot + "/Tools/provincial-server", dir + "/sign.key"], input: Data(body)))
    }

    private func entry(_ path: String, _ bytes: [UInt8]) -> [String: Any] {
        ["path": path, "size": bytes.count, "sha256": Crypto.sha256(bytes)]
    }

    func testASoundBundleOpens() throws {
        let form = Array("{}".utf8), csv = Array("a,b\n".utf8)
        let bundle = try FormBundle.open(try signed(entries: [entry("x.json", form), entry("datasets/y.csv", csv)], payload: form + csv), key: key).get()
        XCTAssertEqual(bundle.version, "2026.12.1")
        XCTAssertEqual(bundle.files.map(\.file.path), ["x.json", "datasets/y.csv"])
        XCTAssertEqual(Array(bundle.files[1].bytes), csv)
    }

    func testSignedManifestsThatLieAreRefused() throws {
        let form = Array("{}".utf8)
        let cases: [(String, [[String: Any]], [UInt8])] = [
            ("climbs out", [entry("../evil.json", form)], form),
            ("climbs out of datasets", [entry("datasets/../../evil.csv", form)], form),
            ("not a form or dataset", [entry("run.sh", form)], form),
            ("hidden", [entry(".x.json", form)], form),
            ("twice", [entry("x.json", form), entry("x.json", form)], form + form),
            ("longer than the bundle", [["path": "x.json", "size": 99, "sha256": Crypto.sha256(form)]], form),
            ("another hash", [["path": "x.json", "size": 2, "sha256": String(repeating: "0", count: 64)]], form),
            ("bytes after the files", [entry("x.json", form)], form + [1]),
        ]
        for (why, entries, payload) in cases {
            let result = FormBundle.open(try signed(entries: entries, payload: payload), key: key)
            guard case .failure(.broken(let reason)) = result else { return XCTFail("\(why): \(result)") }
            XCTAssertFalse(reason.en.isEmpty, why)
        }
        guard case .failure(.broken) = FormBundle.open(try signed(version: "v2", entries: [entry("x.json", form)], payload: form), key: key) else {
            return XCTFail("a version that is not numbers")
        }
        // Another key, and a byte changed: the signature.
        let good = try signed(entries: [entry("x.json", form)], payload: form)
        let other = try XCTUnwrap(SigningKey(base64: Data(repeating: 9, count: 32).base64EncodedString()))
        XCTAssertEqual(FormBundle.open(good, key: other).failureValue, .badSignature)
        var changed = good
        changed[changed.count - 1] ^= 1
        XCTAssertEqual(FormBundle.open(changed, key: key).failureValue, .badSignature)
        XCTAssertEqual(FormBundle.open(Array("<html>".utf8), key: key).failureValue, .notABundle)
    }
}

private extension Result {
    var failureValue: Failure? {
        if case .failure(let f) = self { return f }
        return nil
    }
}

import Foundation
import KioskCore
import KioskStore
import XCTest

/// `[server] seal_public_key` through the command line: a station that has
/// it seals what it finalizes (the store opened from kiosk.conf), and
/// `kiosk status` says which key it is, the demonstration one, or none.
final class SealKeyCommandTests: XCTestCase {
    private var dir = ""

    override func setUpWithError() throws {
        dir = NSTemporaryDirectory() + "kiosk-seal-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: dir)
    }

    private func config(key: String) throws -> String {
        let path = dir + "/k.conf"
        try """
        [station]
        id = TEST-01
        [server]
        seal_public_key = \(key)
        [storage]
        database = \(dir)/kiosk.sqlite
        attachments = \(dir)/attachments
        [security]
        key_file = \(writeTestKeyFile(dir + "/test.key"))
        [forms]
        directory = \(packageRoot)/Forms
        """.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    private func finalizeSample(_ conf: String) throws -> Dossier {
        let fixture = packageRoot + "/Tests/Fixtures/answers/dang-ky-khai-sinh.json"
        let run = try runKiosk(["--config", conf, "fill", "dang-ky-khai-sinh", "--answers", fixture, "--finalize"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let id = try XCTUnwrap(run.stdout.split(separator: "\n").first { $0.hasPrefix("Mã nộp:") }?.split(separator: " ").last)
        let store = try testStore(databasePath: dir + "/kiosk.sqlite", attachmentsPath: dir + "/attachments", stationID: "TEST-01", retentionDays: 30)
        return try XCTUnwrap(try store.dossier(submissionID: String(id)))
    }

    func testAStationWithTheKeySealsWhatItFinalizesAndSaysWhichKey() throws {
        let pair = SealKey.makePair()
        let key = try XCTUnwrap(SealKey(publicKey: pair.publicKey))
        let conf = try config(key: Data(pair.publicKey).base64EncodedString())
        let dossier = try finalizeSample(conf)
        let store = try testStore(databasePath: dir + "/kiosk.sqlite", attachmentsPath: dir + "/attachments", stationID: "TEST-01", retentionDays: 30)
        let upload = try XCTUnwrap(try store.sealedUpload(dossierID: dossier.id), "sealed when `kiosk fill --finalize` finalized it")
        XCTAssertEqual(upload.keyID, key.id)
        XCTAssertNotNil(SealKey.open(upload.envelope, secretKey: pair.secretKey))
        let status = try runKiosk(["--config", conf, "status", "--lang", "en"])
        XCTAssertTrue(status.stdout.contains("Province key:        \(key.id)\n"), status.stdout)
        XCTAssertFalse(status.stdout.contains("DEMONSTRATION"))
    }

    func testTheDemonstrationKeyAndNoKeyAreSaid() throws {
        var status = try runKiosk(["--config", try config(key: SealKey.demonstrationPublicKey), "status", "--lang", "en"])
        XCTAssertTrue(status.stdout.contains("DEMONSTRATION KEY, not for a real province"), status.stdout)

        let conf = try config(key: "")
        let dossier = try finalizeSample(conf)
        let store = try testStore(databasePath: dir + "/kiosk.sqlite", attachmentsPath: dir + "/attachments", stationID: "TEST-01", retentionDays: 30)
        XCTAssertNil(try store.sealedUpload(dossierID: dossier.id))
        status = try runKiosk(["--config", conf, "status", "--lang", "en"])
        XCTAssertTrue(status.stdout.contains("none ([server] seal_public_key in kiosk.conf): 1 dossiers are kept at the station, not sent"), status.stdout)
        status = try runKiosk(["--config", conf, "status"])
        XCTAssertTrue(status.stdout.contains("Khoá của tỉnh:       chưa có"), status.stdout)
    }
}

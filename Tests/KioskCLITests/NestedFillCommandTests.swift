import Foundation
import KioskCore
import KioskStore
import XCTest

/// `kiosk fill` with a form whose repeat group holds a repeat group
/// (Tests/Fixtures/nested): the answers file's inner lists become inner
/// items, and a name with the wrong number of items is reported at its place.
final class NestedFillCommandTests: XCTestCase {
    private var dir = ""
    private var config = ""

    override func setUpWithError() throws {
        dir = NSTemporaryDirectory() + "kiosk-nested-fill-\(UUID().uuidString)"
        let forms = dir + "/Forms"
        try FileManager.default.createDirectory(atPath: forms, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: nestedFormPath, toPath: forms + "/ke-khai-dia-diem.json")
        try FileManager.default.createSymbolicLink(atPath: forms + "/datasets", withDestinationPath: packageRoot + "/Forms/datasets")
        config = try writeOfflineStationConfig(dir: dir, forms: forms)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: dir)
    }

    func testInnerListsAreFilledAndFinalized() throws {
        let final = try runKiosk(["--config", config, "fill", "ke-khai-dia-diem", "--answers", nestedAnswersPath, "--finalize"])
        XCTAssertEqual(final.status, 0, final.stdout + final.stderr)
        let id = try XCTUnwrap(final.stdout.split(separator: "\n").first { $0.hasPrefix("Mã nộp:") }?.split(separator: " ").last)
        let store = try testStore(databasePath: dir + "/kiosk.sqlite", attachmentsPath: dir + "/attachments", stationID: "TEST-01", retentionDays: 30)
        let dossier = try XCTUnwrap(try store.dossier(submissionID: String(id)))
        let stored = try store.dossierAnswers(id: dossier.id)
        XCTAssertEqual(stored.filter { $0.path.hasPrefix("line_code") }.map { "\($0.path)=\($0.value)" },
                       ["line_code[1][1]=5610", "line_code[1][2]=4722", "line_code[2][1]=4711"])
        XCTAssertEqual(dossier.summary, "Kê khai 2 địa điểm của Trần Thị Lan")

        // A second main line at the first location: the check of that location's lines fails.
        let wrong = dir + "/wrong.json"
        try String(contentsOfFile: nestedAnswersPath, encoding: .utf8)
            .replacingOccurrences(of: "\"line_code\": \"4722\", \"line_is_main\": false", with: "\"line_code\": \"4722\", \"line_is_main\": true")
            .write(toFile: wrong, atomically: true, encoding: .utf8)
        let refused = try runKiosk(["--config", config, "--lang", "en", "fill", "ke-khai-dia-diem", "--answers", wrong, "--finalize"])
        XCTAssertEqual(refused.status, 1)
        XCTAssertTrue(refused.stdout.contains("lines[1] (Business line): Each location has exactly one main business line."), refused.stdout + refused.stderr)
    }

    func testANameWithTheWrongNumberOfItemsIsReportedAtItsPlace() throws {
        let answers = dir + "/a.json"
        try "{\n  \"owner_name\": \"Lan\",\n  \"line_code[2]\": \"4711\"\n}\n".write(toFile: answers, atomically: true, encoding: .utf8)
        let r = try runKiosk(["--config", config, "--lang", "en", "fill", "ke-khai-dia-diem", "--answers", answers])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains("a.json:3:3: “line_code[2]”: write line_code[2][3] (the item's number, from 1: the outer group's item, then the inner group's)"), r.stderr)
        // Beyond what the inner group allows: not placed, nothing saved.
        try "{ \"owner_name\": \"Lan\", \"line_code[1][5]\": \"4711\" }".write(toFile: answers, atomically: true, encoding: .utf8)
        let full = try runKiosk(["--config", config, "--lang", "en", "fill", "ke-khai-dia-diem", "--answers", answers])
        XCTAssertEqual(full.status, 1)
        XCTAssertTrue(full.stderr.contains("cannot place “line_code[1][5]”"), full.stderr)
    }
}

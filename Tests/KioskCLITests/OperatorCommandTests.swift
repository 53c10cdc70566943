import Foundation
import XCTest
import KioskCore
import KioskStore

/// `kiosk operator add/remove/list` (the PIN twice on standard input, as a
/// script gives it; never on the command line) and `kiosk stats`.
final class OperatorCommandTests: XCTestCase {
    private var dir = ""
    private var conf: [String] { ["--config", dir + "/k.conf", "--lang", "en"] }

    override func setUpWithError() throws {
        dir = NSTemporaryDirectory() + "kiosk-operator-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try writeOfflineStationConfig(dir: dir, id: "LH-01")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: dir)
    }

    func testOperatorsAreAddedWithThePINTwiceListedAndRemoved() throws {
        let added = try runKiosk(conf + ["operator", "add", "lan.nguyen"], stdin: "482913\n482913\n")
        XCTAssertEqual(added.status, 0, added.stderr)
        XCTAssertTrue(added.stdout.contains("Operator lan.nguyen saved."), added.stdout)
        let differ = try runKiosk(conf + ["operator", "add", "tuan"], stdin: "1357\n1375\n")
        XCTAssertEqual(differ.status, 1)
        XCTAssertTrue(differ.stderr.contains("the two PINs differ; nothing changed"), differ.stderr)
        let short = try runKiosk(conf + ["operator", "add", "tuan"], stdin: "12\n12\n")
        XCTAssertEqual(short.status, 1)
        XCTAssertTrue(short.stderr.contains("a PIN needs 4 to 12 digits"), short.stderr)
        let badID = try runKiosk(conf + ["operator", "add", "Lan Nguyễn"], stdin: "1234\n1234\n")
        XCTAssertEqual(badID.status, 1)
        let list = try runKiosk(conf + ["operator", "list"])
        XCTAssertEqual(list.status, 0, list.stderr)
        XCTAssertTrue(list.stdout.hasPrefix("lan.nguyen"), list.stdout)
        XCTAssertFalse(list.stdout.contains("tuan"), list.stdout)
        XCTAssertFalse(list.stdout.contains("482913") || list.stderr.contains("482913"))
        XCTAssertEqual(try runKiosk(conf + ["operator", "remove", "tuan"]).status, 1)
        XCTAssertEqual(try runKiosk(conf + ["operator", "remove", "lan.nguyen"]).status, 0)
        XCTAssertTrue(try runKiosk(conf + ["operator", "list"]).stdout.contains("No operators yet"))
        XCTAssertEqual(try runKiosk(conf + ["operator", "rename", "x"]).status, 2)
    }

    func testStatsGivesTheDayAndTheMonthAsTextAndJSON() throws {
        // Two dossiers finalized on 23/11/2026 (times given, not the clock's), one with an operator.
        do {
            let (config, _) = try KioskConfig.load(path: dir + "/k.conf")
            let store = try testStore(config: config)
            store.now = { Date(timeIntervalSince1970: 1_795_398_060) }
            let form = try XCTUnwrap(FormCatalog.load(directory: packageRoot + "/Forms").form(id: "dang-ky-khai-sinh"))
            let data = try Data(contentsOf: URL(fileURLWithPath: packageRoot + "/Tests/Fixtures/answers/dang-ky-khai-sinh.json"))
            for op in ["lan.nguyen", nil] {
                store.operatorID = op
                var state = FormState(form: form, today: CalendarDate(year: 2026, month: 11, day: 23))
                state.load(answers: AnswerImport.read(Array(data), for: form).answers)
                _ = try store.finalize(form: form, state: state, draftID: nil)
            }
        }
        let text = try runKiosk(conf + ["stats", "--date", "2026-11-23"])
        XCTAssertEqual(text.status, 0, text.stderr)
        XCTAssertTrue(text.stdout.hasPrefix("Day 23/11/2026"), text.stdout)
        XCTAssertTrue(text.stdout.contains("Birth registration"), text.stdout)
        XCTAssertTrue(text.stdout.contains("  lan.nguyen"), text.stdout)
        XCTAssertTrue(text.stdout.contains("  (no operator)"), text.stdout)
        let json = try runKiosk(conf + ["stats", "--month", "--date", "2026-11-30", "--json"])
        XCTAssertEqual(json.status, 0, json.stderr)
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(object["period"] as? String, "month")
        XCTAssertEqual(object["from"] as? String, "01/11/2026")
        XCTAssertEqual((object["total"] as? [String: Int])?["finished"], 2)
        XCTAssertEqual(((object["byOperator"] as? [String: Any])?["lan.nguyen"] as? [String: Int])?["finished"], 1)
        let nextDay = try runKiosk(conf + ["stats", "--date", "2026-11-24", "--json"])
        XCTAssertTrue(nextDay.stdout.contains("\"finished\" : 0"), nextDay.stdout)
        XCTAssertEqual(try runKiosk(conf + ["stats", "--date", "23/11/2026"]).status, 2)
    }
}

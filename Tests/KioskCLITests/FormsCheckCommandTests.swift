import Foundation
import XCTest

/// `kiosk forms check`: its exit codes, and messages in one language only.
final class FormsCheckCommandTests: XCTestCase {
    private var dir = ""

    override func setUpWithError() throws {
        dir = NSTemporaryDirectory() + "kiosk-formscheck-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: dir)
    }

    /// A one-page form with these fields (a JSON list body).
    private func form(id: String, fields: String) -> String {
        """
        {
          "format": 1, "id": "\(id)", "version": "1",
          "procedure": {
            "code": "1.001193", "title": { "vi": "Thử", "en": "Test" }, "domain": { "code": "HT", "name": "Hộ tịch" },
            "level": "full", "fee": { "amount": 0 }, "processing_days": 1, "delivery": ["desk"], "basis": "Test basis, Article 1"
          },
          "pages": [{ "id": "p1", "title": "Trang 1", "fields": [
            \(fields)
          ] }]
        }
        """
    }

    private func write(_ name: String, _ text: String) throws {
        let path = dir + "/" + name
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    private func hasVietnameseLetter(_ s: Substring) -> Bool {
        s.unicodeScalars.contains { !$0.isASCII && $0.properties.isAlphabetic }
    }

    func testEveryMessageIsInTheLanguageAsked() throws {
        try write("a.json", form(id: "a", fields: """
        { "id": "owner_name", "type": "text", "label": "Tên", "visibel_if": "true" },
        { "id": "birth", "type": "date", "label": "Ngày sinh", "required": "yes", "constraints": [{ "check": ". <= 2025", "message": "Sai" }] },
        { "id": "twice", "type": "integer", "label": "Hai lần", "compute": "owner_name * 2" },
        { "id": "shown", "type": "text", "label": "Hiện", "visible_if": "owner_name" },
        { "id": "members", "type": "repeat", "label": "Thành viên", "fields": [{ "id": "member_name", "type": "text", "label": "Tên" }] },
        { "id": "head", "type": "text", "label": "Chủ hộ", "visible_if": "member_name = 'A'" },
        { "id": "kind", "type": "choice", "label": "Loại", "options": [{ "value": "a", "label": "A" }], "filter": "owner_name" }
        """))
        try write("b.json", "{ \"format\": 1,\n  \"id\": \"b\",\n}")
        try write("datasets/e.csv", "code,name\nK,Kinh\nK,Tày\n")

        let en = try runKiosk(["--lang", "en", "forms", "check", dir])
        XCTAssertEqual(en.status, 1, en.stdout + en.stderr)
        let lines = en.stdout.split(separator: "\n")
        XCTAssertGreaterThanOrEqual(lines.count, 10, en.stdout)
        for line in lines { XCTAssertFalse(hasVietnameseLetter(line), String(line)) }
        XCTAssertTrue(lines.contains { $0.hasSuffix("unknown key “visibel_if” in field; did you mean “visible_if”?") }, en.stdout)
        XCTAssertTrue(lines.contains { $0.hasSuffix("“<=” compares a date with a number, which is always false; to compare the year, "
                                                    + "write year(.) <= 2025, or compare with a date: date('yyyy-mm-dd')") }, en.stdout)
        XCTAssertTrue(lines.contains("\(dir)/b.json:3:1: invalid JSON: a comma before } is not allowed in JSON"), en.stdout)
        XCTAssertEqual(lines.last.map(String.init), "\(lines.count - 1) errors; forms with errors will not be used")

        let vi = try runKiosk(["--lang", "vi", "forms", "check", dir])
        XCTAssertEqual(vi.status, 1)
        let viLines = vi.stdout.split(separator: "\n")
        XCTAssertEqual(viLines.count, lines.count)
        for line in viLines { XCTAssertTrue(hasVietnameseLetter(line), String(line)) }
        XCTAssertTrue(viLines.contains("\(dir)/b.json:3:1: JSON sai: JSON không cho phép dấu phẩy trước }"), vi.stdout)
        XCTAssertEqual(viLines.last.map(String.init), "\(lines.count - 1) lỗi; biểu mẫu có lỗi sẽ không được dùng")
    }

    func testExitCodesAndCountsInTheSingular() throws {
        // Valid, with one warning: exit 0.
        try write("a.json", form(id: "a", fields: "{ \"id\": \"a\", \"type\": \"text\", \"label\": \"A\", \"key\": \"child.shoe_size\" }"))
        let valid = try runKiosk(["--lang", "en", "forms", "check", dir])
        XCTAssertEqual(valid.status, 0, valid.stdout + valid.stderr)
        XCTAssertEqual(valid.stdout.split(separator: "\n").last, "1 form, 0 datasets: valid (1 warning)")

        // One error: exit 1, said in the singular.
        try write("a.json", form(id: "a", fields: "{ \"id\": \"a\", \"type\": \"text\", \"label\": \"A\", \"visible_if\": \"a * 2 > 1\" }"))
        let broken = try runKiosk(["--lang", "en", "forms", "check", dir])
        XCTAssertEqual(broken.status, 1, broken.stdout + broken.stderr)
        let lines = broken.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines, ["\(dir)/a.json:8:63: “*” takes numbers; a is a text; if the text holds a number, use number(a)",
                               "1 error; forms with errors will not be used"])

        // A wrong command line: exit 2.
        XCTAssertEqual(try runKiosk(["forms", "check", dir, "extra"]).status, 2)
    }
}

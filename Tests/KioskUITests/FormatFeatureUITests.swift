import Foundation
import XCTest
import KioskCore
import KioskRuntime
@testable import KioskUI

/// What issue 14 section 3 added to the format, driven with keys and read
/// on the screen: codes in a dataset picker, text built from answers, money
/// grouped as it is typed, hidden calculations, choice filters, and a fee
/// computed from the answers on the review and the receipt.
final class FormatFeatureUITests: XCTestCase {
    /// A business-line list of four rows, with codes people type.
    private let lines = Dataset(name: "lines-test", rows: [
        DatasetRow(code: "4711", name: "Bán lẻ lương thực, thực phẩm trong cửa hàng tổng hợp", extra: ["level": "4"]),
        DatasetRow(code: "4722", name: "Bán lẻ thực phẩm trong cửa hàng chuyên doanh", extra: ["level": "4"]),
        DatasetRow(code: "5610", name: "Nhà hàng 47 món và dịch vụ ăn uống", extra: ["level": "4"]),
        DatasetRow(code: "56", name: "Dịch vụ ăn uống", extra: ["level": "2"]),
    ])

    private let json = """
    {
      "format": 1, "id": "thu-dinh-dang", "version": "1",
      "procedure": {
        "code": "9.999998", "title": { "vi": "Thử định dạng mới", "en": "Format test" },
        "domain": { "code": "HT", "name": "Thử" }, "level": "partial",
        "fee": { "amount": "8000 * copies", "note": { "vi": "8.000 đồng/bản", "en": "8,000 VND a copy" } },
        "processing_days": 0, "delivery": ["desk"], "documents": []
      },
      "pages": [{ "id": "p1", "title": "Trang 1", "fields": [
        { "id": "capital", "type": "money", "label": "Vốn kinh doanh" },
        { "id": "capital_words", "type": "note", "text": "Bằng chữ: ${money_words(capital)}" },
        { "id": "capital_check", "type": "calculate", "compute": "capital > 0" },
        { "id": "line", "type": "choice", "label": "Ngành ${if(is_empty(line), '', '(đã chọn)')}", "dataset": "lines-test",
          "show_codes": true, "choice_filter": "row('level') = '4'" },
        { "id": "kind", "type": "choice", "label": "Loại", "choice_filter": "row('value') != 'big' or capital > 100000000",
          "options": [ { "value": "small", "label": "Nhỏ" }, { "value": "big", "label": "Lớn" }, { "value": "other", "label": "Khác" },
                       { "value": "none", "label": "Không rõ" }, { "value": "mixed", "label": "Hỗn hợp" } ] },
        { "id": "copies", "type": "integer", "label": "Số bản", "required": true, "min": 1, "max": 10 }
      ] }]
    }
    """

    private func harness() throws -> UIHarness {
        var all = catalog.datasets.datasets
        all["lines-test"] = lines
        let datasets = DatasetCatalog(datasets: all)
        let (loaded, diagnostics) = FormLoader.load(bytes: Array(json.utf8), file: "thu.json", datasets: datasets)
        let form = try XCTUnwrap(loaded, "\(diagnostics)")
        let h = try UIHarness(width: 100, height: 30)
        h.app.state.context.forms = [form]
        h.app.state.context.datasets = datasets
        let runner = EffectRunner(store: h.store, context: h.app.state.context, printerCommand: "", receiptsDirectory: h.dir)
        h.app = HeadlessApp(state: h.app.state, runner: runner)
        h.startForm("thu dinh dang")
        XCTAssertNotNil(h.session, h.text)
        return h
    }

    /// The screen's lines without the frame.
    private func lines(_ h: UIHarness) -> [String] {
        h.text.split(separator: "\n").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "│ ")) }
    }

    func testMoneyIsGroupedWhileTypedAndItsWordsFollow() throws {
        let h = try harness()
        h.focus("capital")
        h.app.type("150000000")
        XCTAssertEqual(h.raw("capital"), "150000000", "the answer keeps the digits")
        XCTAssertTrue(h.text.contains("[ 150.000.000"), h.text)
        XCTAssertTrue(lines(h).contains("Bằng chữ: Một trăm năm mươi triệu đồng"), h.text)
        // The caret stays after the last digit typed.
        let row = try XCTUnwrap(h.text.split(separator: "\n").firstIndex { $0.contains("150.000.000") })
        let rowText = Array(String(h.text.split(separator: "\n")[row]))
        let end = try XCTUnwrap(rowText.indices.last { rowText[$0] == "0" })
        XCTAssertEqual(h.app.screen.cursor?.y, row)
        XCTAssertEqual(h.app.screen.cursor?.x, end + 1)
        // Backspace takes a digit, never a dot.
        h.app.key(.backspace)
        XCTAssertEqual(h.raw("capital"), "15000000")
        XCTAssertTrue(h.text.contains("[ 15.000.000"), h.text)
        XCTAssertTrue(lines(h).contains("Bằng chữ: Mười lăm triệu đồng"), h.text)
        // In the middle: three digits back, then Backspace.
        h.app.key(.left, times: 3)
        h.app.key(.backspace)
        XCTAssertEqual(h.raw("capital"), "1500000")
        XCTAssertTrue(h.text.contains("[ 1.500.000"), h.text)
        let caretRow = Array(String(h.text.split(separator: "\n")[h.app.screen.cursor!.y]))
        XCTAssertEqual(String(caretRow[(h.app.screen.cursor!.x - 4)..<h.app.screen.cursor!.x]), "500.", "the caret stands after the dot, before the digits 000")
        // Pasted with dots and a unit: only the digits stay.
        h.app.key(.control("u"))
        h.app.send(.key(.text("2.500.000 đ")))
        XCTAssertEqual(h.raw("capital"), "2500000")
        XCTAssertTrue(h.text.contains("[ 2.500.000"), h.text)
        // Left, the field shows the amount grouped too.
        h.focus("copies")
        XCTAssertTrue(h.text.contains("[ 2.500.000"), h.text)
    }

    func testPickerShowsAndSearchesCodes() throws {
        let h = try harness()
        h.focus("line")
        // The choice_filter keeps level-4 rows only; each shows its code.
        XCTAssertTrue(lines(h).contains { $0.hasPrefix("▶ 4711 Bán lẻ lương thực, thực phẩm") }, h.text)
        XCTAssertTrue(lines(h).contains { $0.hasPrefix("4722 Bán lẻ thực phẩm") }, h.text)
        XCTAssertFalse(h.text.contains("56 Dịch vụ ăn uống"), "a level-2 row is filtered out\n\(h.text)")
        // A typed code finds its rows first, before a name that holds it.
        h.app.type("56")
        XCTAssertTrue(lines(h).contains { $0.hasPrefix("▶ 5610 Nhà hàng 47 món") }, h.text)
        h.app.key(.backspace, times: 2)
        h.app.type("47")
        let listed = lines(h).filter { $0.hasPrefix("▶ ") || $0.first?.isNumber == true }
        XCTAssertEqual(listed.map { String($0.prefix(6)) }, ["▶ 4711", "4722 B", "5610 N"], h.text)
        h.app.key(.down)
        h.app.key(.enter)
        XCTAssertEqual(h.raw("line"), "4722")
        XCTAssertTrue(h.text.contains("4722 Bán lẻ thực phẩm trong cửa hàng chuyên doanh"), "the answer shows its code\n\(h.text)")
        XCTAssertTrue(lines(h).contains { $0.hasPrefix("Ngành (đã chọn)") }, "the label follows the answer\n\(h.text)")
    }

    func testChoiceFilterFollowsOtherAnswers() throws {
        let h = try harness()
        h.focus("kind")
        XCTAssertFalse(lines(h).contains { $0.contains("Lớn") }, "no capital: “Lớn” is not offered\n\(h.text)")
        h.focus("capital")
        h.app.type("200000000")
        h.focus("kind")
        XCTAssertTrue(lines(h).contains { $0.contains("Lớn") }, h.text)
    }

    func testHiddenCalculationAndComputedFee() throws {
        let h = try harness()
        XCTAssertFalse(h.session!.rows.contains { $0.path?.field == h.session!.form.fieldIndexByID["capital_check"] }, "never a row")
        h.focus("capital")
        h.app.type("150000000")
        h.focus("line")
        h.app.key(.enter)
        h.focus("copies")
        h.app.type("3")
        h.nextPage()
        h.nextPage()
        XCTAssertTrue(lines(h).contains("Lệ phí phải nộp: 24.000 đ"), h.text)
        XCTAssertTrue(h.text.contains("150.000.000 đ"), "money on the review is grouped\n\(h.text)")
        XCTAssertFalse(h.text.contains("capital_check"), "a calculation has no line in the review\n\(h.text)")
        let count = ReviewUpdate.answerPaths(h.session!).count
        while let f = h.session?.focus, f < count { h.app.key(.down) }
        h.app.key(.text(" "))
        h.app.key(.down)
        h.app.key(.enter)
        XCTAssertTrue(lines(h).contains("Lệ phí: 24.000 đồng"), h.text)
        guard case .receipt(let r) = h.app.state.page else { return XCTFail("no receipt:\n\(h.text)") }
        XCTAssertEqual(r.receipt.fee, 24000)
        let dossier = try XCTUnwrap(try h.store.dossier(submissionID: r.receipt.submissionID))
        let answers = Dictionary(uniqueKeysWithValues: try h.store.dossierAnswers(id: dossier.id).map { ($0.path, $0.value) })
        XCTAssertEqual(answers["capital_check"], "yes", "the hidden calculation is sent")
        XCTAssertEqual(answers["capital"], "150000000")
    }
}

/// The shipped household-business registration: its codes, its words and
/// its "exactly one main business line" check, read on the screen.
final class HouseholdBusinessUITests: XCTestCase {
    private func lines(_ h: UIHarness) -> [String] {
        h.text.split(separator: "\n").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "│ ")) }
    }

    private func goTo(_ page: String, _ h: UIHarness) {
        while let f = h.session, f.stage == .fields, f.form.pages[f.page].id != page { h.nextPage() }
        XCTAssertEqual(h.session.map { $0.form.pages[$0.page].id }, page, h.text)
    }

    func testCapitalInWordsCodesAndOneMainLine() throws {
        let h = try UIHarness(width: 100, height: 40)
        h.startForm("ho kinh doanh")
        XCTAssertEqual(h.session?.form.id, "dang-ky-ho-kinh-doanh", h.text)
        try h.load(sample: "dang-ky-ho-kinh-doanh")

        goTo("business", h)
        XCTAssertTrue(h.text.contains("[ 150.000.000"), h.text)
        XCTAssertTrue(lines(h).contains("Bằng chữ: Một trăm năm mươi triệu đồng"), h.text)
        XCTAssertTrue(lines(h).contains("Tên đầy đủ: HỘ KINH DOANH BÁNH CUỐN BÀ LAN"), h.text)

        goTo("lines", h)
        XCTAssertTrue(h.text.contains("[ 5610 Nhà hàng và các dịch vụ ăn uống"), "codes before names\n\(h.text)")
        XCTAssertTrue(h.text.contains("4722 Bán lẻ thực phẩm"), h.text)
        // A second main line: the group's check fails, and leaving the page asks.
        h.focus("line_is_main", item: 1)
        h.app.key(.left)
        XCTAssertEqual(h.raw("line_is_main", item: 1), "yes")
        h.app.key(.pageDown)
        guard case .leavePage(let problems, _)? = h.app.state.overlay else { return XCTFail("not asked:\n\(h.text)") }
        XCTAssertEqual(problems, 1)
        h.app.key(.enter) // fix it now
        XCTAssertTrue(lines(h).contains { $0.contains("! Chọn đúng một ngành, nghề kinh doanh chính") }, h.text)
        // Back to one main line: the message goes.
        h.focus("line_is_main", item: 1)
        h.app.key(.right)
        XCTAssertEqual(h.raw("line_is_main", item: 1), "no")
        XCTAssertFalse(h.text.contains("Chọn đúng một ngành"), h.text)

        // Typing the start of a code lists the codes that begin with it first.
        h.focus("line_code", item: 1)
        h.app.type("472")
        let listed = lines(h).filter { $0.hasPrefix("▶ 47") || $0.hasPrefix("47") }
        XCTAssertEqual(listed.map { String($0.prefix(6)) }, ["▶ 4721", "4722 B", "4723 B", "4724 B"], h.text)
        h.app.key(.down, times: 2)
        h.app.key(.enter)
        XCTAssertEqual(h.raw("line_code", item: 1), "4723")
    }
}

import XCTest
import KioskCore
import KioskRuntime
import KioskStore
@testable import KioskUI

/// Every list on screen that can be empty says why it is: no forms at the
/// station, nothing matching what was typed, a choice to make first, a list
/// the station lacks; never "type fewer letters" when typing is not the
/// cause.
final class EmptyListTests: XCTestCase {
    /// A station without forms: "Làm hồ sơ mới" says so and sends for the
    /// staff, in both languages.
    func testAStationWithoutFormsSaysSoAndCallsTheStaff() throws {
        let h = try UIHarness()
        use([], datasets: catalog.datasets, in: h)
        h.app.type("1")
        XCTAssertTrue(h.text.contains("Trạm này chưa có biểu mẫu thủ tục nào."), h.text)
        XCTAssertTrue(h.text.contains("Xin gọi cán bộ hỗ trợ."), h.text)
        XCTAssertFalse(h.text.contains("Hãy gõ ít chữ hơn"), h.text)
        h.app.type("khai sinh")
        XCTAssertTrue(h.text.contains("Trạm này chưa có biểu mẫu thủ tục nào."), "typing changes nothing: \(h.text)")
        h.app.key(.enter)
        guard case .choose = h.app.state.page else { return XCTFail("nothing to start: \(h.text)") }

        let en = try UIHarness(language: .en)
        use([], datasets: catalog.datasets, in: en)
        en.app.type("1")
        XCTAssertTrue(en.text.contains("This station has no procedure forms yet. Please call a staff member."), en.text)
    }

    /// With forms, a search that matches nothing still asks for fewer letters.
    func testASearchThatMatchesNothingAsksForFewerLetters() throws {
        let h = try UIHarness()
        h.app.type("1")
        h.app.type("zzzz")
        XCTAssertTrue(h.text.contains("Không tìm thấy thủ tục nào. Hãy gõ ít chữ hơn."), h.text)
        XCTAssertFalse(h.text.contains("biểu mẫu thủ tục nào"), h.text)
    }

    /// The pickers of a form: a commune before its province, nothing under
    /// the province chosen, a list that is empty at this station, a choice
    /// filtered by a field not yet answered, and typing that matches nothing.
    func testEachEmptyPickerSaysWhatIsMissing() throws {
        let datasets = DatasetCatalog(datasets: [
            "provinces-2025": Dataset(name: "provinces-2025", rows: [DatasetRow(code: "68", name: "Tỉnh Lâm Đồng"), DatasetRow(code: "99", name: "Tỉnh Thử")]),
            "communes-2025": Dataset(name: "communes-2025", rows: [DatasetRow(code: "24781", name: "Phường Xuân Hương - Đà Lạt", parent: "68")]),
            "ethnic-groups": Dataset(name: "ethnic-groups", rows: []),
        ])
        let json = """
        {
          "format": 1, "id": "thu-danh-sach", "version": "1",
          "procedure": {
            "code": "9.999999", "title": { "vi": "Thử danh sách", "en": "List test" },
            "domain": { "code": "HT", "name": "Hộ tịch" }, "level": "full", "fee": { "amount": 0 },
            "processing_days": 1, "delivery": ["desk"], "documents": []
          },
          "pages": [{ "id": "p1", "title": "Trang 1", "fields": [
            { "id": "home", "type": "address", "label": "Nơi ở" },
            { "id": "province", "type": "choice", "label": "Tỉnh cấp", "dataset": "provinces-2025" },
            { "id": "commune", "type": "choice", "label": "Xã cấp", "dataset": "communes-2025", "filter": "province" },
            { "id": "ethnicity", "type": "choice", "label": "Dân tộc", "dataset": "ethnic-groups" },
            { "id": "color", "type": "choice", "label": "Màu", "options": [
              { "value": "1", "label": "Đỏ" }, { "value": "2", "label": "Xanh" }, { "value": "3", "label": "Vàng" },
              { "value": "4", "label": "Trắng" }, { "value": "5", "label": "Đen" }
            ] }
          ] }]
        }
        """
        let (loaded, diagnostics) = FormLoader.load(bytes: Array(json.utf8), file: "thu.json", datasets: datasets)
        let form = try XCTUnwrap(loaded, "\(diagnostics)")
        let h = try UIHarness(width: 100, height: 30)
        use([form], datasets: datasets, in: h)
        // The procedure's documents to have at hand: none.
        h.app.type("1")
        h.app.type("thu danh sach")
        XCTAssertTrue(shows(h, "Cần chuẩn bị: không cần giấy tờ nào"), h.text)
        h.app.key(.enter)
        h.app.type("1234")
        h.app.key(.enter)
        h.app.type("1234")
        h.app.key(.enter)
        XCTAssertNotNil(h.session, h.text)

        // The commune before the province.
        h.focus("home", part: 1)
        XCTAssertTrue(shows(h, "Hãy chọn tỉnh/thành phố trước."), h.text)
        XCTAssertFalse(h.text.contains("Hãy gõ ít chữ hơn"), h.text)
        // Typing that matches nothing.
        h.focus("home", part: 0)
        h.app.type("zzz")
        XCTAssertTrue(shows(h, "Không có lựa chọn nào khớp với “zzz”. Thử gõ tên khác hoặc mã."), h.text)
        h.app.key(.backspace, times: 3)
        // A province the station has no communes for.
        h.app.type("tinh thu")
        h.app.key(.enter)
        XCTAssertEqual(h.raw("home"), "99||")
        XCTAssertTrue(shows(h, "Trạm này chưa có danh sách xã, phường của tỉnh/thành phố đã chọn."), h.text)
        XCTAssertTrue(shows(h, "Xin gọi cán bộ hỗ trợ."), h.text)
        // A choice filtered by another that is not answered yet.
        h.focus("commune")
        XCTAssertTrue(shows(h, "Hãy chọn “Tỉnh cấp” trước."), h.text)
        // A list this station has empty.
        h.focus("ethnicity")
        XCTAssertTrue(shows(h, "Trạm này chưa có danh sách để chọn mục này."), h.text)
        // Options of the form itself, filtered by typing.
        h.focus("color")
        h.app.type("tim")
        XCTAssertTrue(shows(h, "Không có lựa chọn nào khớp với “tim”. Thử gõ tên khác hoặc mã."), h.text)
        h.app.key(.backspace, times: 3)

        // The documents page of a procedure that needs none.
        h.nextPage()
        guard let f = h.session, f.stage == .documents else { return XCTFail("not on the documents page: \(h.text)") }
        XCTAssertTrue(shows(h, "Thủ tục này không cần nộp kèm giấy tờ nào."), h.text)
        XCTAssertFalse(h.text.contains("Mang bản giấy đến quầy"), h.text)
    }

    /// Whether the screen shows `sentence`, perhaps wrapped over lines (the
    /// frame and the indentation of each line left out).
    private func shows(_ h: UIHarness, _ sentence: String) -> Bool {
        let lines = h.text.split(separator: "\n").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "│ ")) }
        return lines.joined(separator: " ").contains(sentence)
    }

    /// Puts `forms` (and their datasets) in the harness's kiosk.
    private func use(_ forms: [FormDefinition], datasets: DatasetCatalog, in h: UIHarness) {
        h.app.state.context.forms = forms
        h.app.state.context.datasets = datasets
        let runner = EffectRunner(store: h.store, context: h.app.state.context, printerCommand: "", receiptsDirectory: h.dir)
        h.app = HeadlessApp(state: h.app.state, runner: runner)
    }
}

import XCTest
@testable import KioskCore

/// `province_rule('column')`: a figure the station's province sets, from
/// `datasets/province-rules.csv` (the least floor area per person of a rented
/// home, Luật Cư trú 2020, Điều 20 khoản 3).
final class ProvinceRuleTests: XCTestCase {
    private let fields = """
    { "id": "people", "type": "integer", "label": "Số người" },
    { "id": "minimum", "type": "decimal", "label": "Tối thiểu", "compute": "coalesce(province_rule('min_floor_area_m2'), 8) * people" },
    { "id": "note", "type": "text", "label": "Ghi chú", "compute": "province_rule('basis')" },
    { "id": "area", "type": "decimal", "label": "Diện tích",
      "constraints": [{ "check": ". >= coalesce(province_rule('min_floor_area_m2'), 8) * people", "message": "Chật quá" }] }
    """

    /// The shipped datasets, with Hà Nội's row set to 15 m² as its council might.
    private func form() throws -> FormDefinition {
        var sets = realDatasets.datasets
        sets["province-rules"] = Dataset(name: "province-rules", rows: [
            DatasetRow(code: "01", name: "Thành phố Hà Nội", extra: ["min_floor_area_m2": "15", "basis": "Nghị quyết ví dụ"]),
            DatasetRow(code: "22", name: "Tỉnh Quảng Ninh", extra: ["min_floor_area_m2": "8,5", "basis": ""]),
        ])
        let (form, diagnostics) = FormLoader.load(bytes: Array(formJSON(fields: fields).utf8), file: "t.json", datasets: DatasetCatalog(datasets: sets))
        XCTAssertEqual(diagnostics.filter(\.isError).map(\.description), [])
        return try XCTUnwrap(form)
    }

    func testTheStationsProvinceRowIsRead() throws {
        let form = try form()
        var hanoi = FormState(form: form, today: fixedToday, stationProvince: "01")
        _ = hanoi.set("people", "3")
        XCTAssertEqual(hanoi.value(try XCTUnwrap(hanoi.path(named: "minimum"))), .number(45))
        XCTAssertEqual(hanoi.value(try XCTUnwrap(hanoi.path(named: "note"))), .text("Nghị quyết ví dụ"))
        let area = try XCTUnwrap(hanoi.path(named: "area"))
        _ = hanoi.set("area", "40")
        XCTAssertEqual(hanoi.issues(area).map(\.vi), ["Chật quá"], "40 m² for 3 people is less than 15 each")
        _ = hanoi.set("area", "45")
        XCTAssertEqual(hanoi.issues(area), [])

        var quangNinh = FormState(form: form, today: fixedToday, stationProvince: "22")
        _ = quangNinh.set("people", "2")
        XCTAssertEqual(quangNinh.value(try XCTUnwrap(quangNinh.path(named: "minimum"))), .number(17), "a decimal comma reads as a number")
        XCTAssertEqual(quangNinh.value(try XCTUnwrap(quangNinh.path(named: "note"))), .null, "an empty cell is no value")
    }

    func testWithoutARowTheRuleIsEmpty() throws {
        let form = try form()
        for province: String? in [nil, "79", "99"] {
            var state = FormState(form: form, today: fixedToday, stationProvince: province)
            _ = state.set("people", "3")
            XCTAssertEqual(state.provinceRule("min_floor_area_m2"), .null, "\(province ?? "none")")
            XCTAssertEqual(state.value(try XCTUnwrap(state.path(named: "minimum"))), .number(24), "the form's own fallback")
        }
        let state = FormState(form: form, today: fixedToday, stationProvince: "01")
        XCTAssertEqual(state.provinceRule("no_such_column"), .null)
        XCTAssertEqual(state.provinceRule("MIN_FLOOR_AREA_M2"), .number(15), "column names are read as the header, lower-case")
    }

    func testItTakesOneArgument() {
        let errors = loadErrors(formJSON(fields: #"{ "id": "x", "type": "decimal", "label": "X", "compute": "province_rule()" }"#))
        XCTAssertEqual(errors.map(\.message.en), ["province_rule takes 1 argument(s), got 0"])
    }

    /// The shipped file has a row for every province of 2025, none below
    /// the national floor of 8 m², each with its basis.
    func testTheShippedRulesCoverEveryProvince() throws {
        let rules = try XCTUnwrap(realDatasets["province-rules"])
        let provinces = try XCTUnwrap(realDatasets["provinces-2025"])
        XCTAssertEqual(rules.rows.map(\.code), provinces.rows.map(\.code))
        for row in rules.rows {
            let area = try XCTUnwrap(Double(row.extra["min_floor_area_m2"] ?? ""), row.code)
            XCTAssertGreaterThanOrEqual(area, 8, row.code)
            XCTAssertFalse(row.extra["basis", default: ""].isEmpty, row.code)
        }
    }
}

import XCTest
@testable import KioskCore

/// `suggest` on a text field: dataset rows offered while typing, the text a
/// chosen one writes, the answers it fills, and the loader's checks.
final class SuggestionTests: XCTestCase {
    /// The shipped datasets, with two facilities (one with a commune code
    /// that does not exist, for the loader's check).
    private func datasets(badCommune: Bool = false) -> DatasetCatalog {
        var sets = realDatasets.datasets
        sets["facilities"] = Dataset(name: "facilities", rows: [
            DatasetRow(code: "A", name: "Bệnh viện Đa khoa tỉnh Lâm Đồng", parent: "68", aliases: ["BVĐK Lâm Đồng"],
                       extra: ["commune": "24787", "address": "Số 1 đường Phạm Ngọc Thạch", "kind": "hospital"], line: 2),
            DatasetRow(code: "B", name: "Trạm Y tế xã Đức Trọng", parent: "68",
                       extra: ["commune": badCommune ? "99999" : "24958", "address": "", "kind": "station"], line: 3),
        ], columns: ["code", "name", "parent", "aliases", "commune", "address", "kind"])
        return DatasetCatalog(datasets: sets)
    }

    private let fields = """
    { "id": "facility", "type": "text", "label": "Cơ sở y tế",
      "suggest": { "dataset": "facilities", "fill": { "place": "address", "facility_kind": "kind" } } },
    { "id": "place", "type": "address", "label": "Địa chỉ nơi sinh" },
    { "id": "facility_kind", "type": "text", "label": "Loại" },
    { "id": "hometown", "type": "text", "label": "Quê quán",
      "suggest": { "dataset": "communes-2025", "text": "${row('name')}, ${lookup('provinces-2025', row('parent'), 'name')}" } }
    """

    private func load(_ fields: String, badCommune: Bool = false) -> (FormDefinition?, [FormDiagnostic]) {
        FormLoader.load(bytes: Array(formJSON(fields: fields).utf8), file: "t.json", datasets: datasets(badCommune: badCommune))
    }

    func testRowsAreFoundByWhatIsTypedWithoutAccentsAndByAlias() throws {
        let (form, diagnostics) = load(fields)
        XCTAssertEqual(diagnostics.filter(\.isError).map(\.description), [])
        let state = FormState(form: try XCTUnwrap(form), today: fixedToday)
        let facility = try XCTUnwrap(state.path(named: "facility"))
        XCTAssertEqual(state.suggestions(for: facility, typed: "da khoa").map(\.row.code), ["A"])
        XCTAssertEqual(state.suggestions(for: facility, typed: "tram").map(\.row.code), ["B"])
        XCTAssertEqual(state.suggestions(for: facility, typed: "bvdk").first?.alias, "BVĐK Lâm Đồng")
        XCTAssertEqual(state.suggestions(for: facility, typed: "  ").count, 0, "nothing typed, nothing offered")
        XCTAssertEqual(state.suggestions(for: facility, typed: "xyz").count, 0)
    }

    func testAChosenRowWritesItsTextAndFillsFromItsColumns() throws {
        let form = try XCTUnwrap(load(fields).0)
        let state = FormState(form: form, today: fixedToday)
        let facility = try XCTUnwrap(state.path(named: "facility"))
        let row = try XCTUnwrap(form.datasets["facilities"]?.row(code: "A"))
        XCTAssertEqual(state.suggestionText(row, for: facility), "Bệnh viện Đa khoa tỉnh Lâm Đồng", "no text: the row's name")
        let fills = state.suggestionFills(row, for: facility).map { (state.name(of: $0.path), $0.raw) }
        XCTAssertEqual(fills.map(\.0), ["place", "facility_kind"])
        XCTAssertEqual(fills.map(\.1), ["68|24787|Số 1 đường Phạm Ngọc Thạch", "hospital"],
                       "an address: the commune's province, the commune, the street")

        let hometown = try XCTUnwrap(state.path(named: "hometown"))
        let commune = try XCTUnwrap(form.datasets["communes-2025"]?.row(code: "24958"))
        XCTAssertEqual(state.suggestionText(commune, for: hometown), "Xã Đức Trọng, Tỉnh Lâm Đồng")
        XCTAssertEqual(state.suggestions(for: hometown, typed: "duc trong").first?.row.code, "24958")
    }

    func testARowWithNoStreetStillGivesItsCommune() throws {
        let form = try XCTUnwrap(load(fields).0)
        let state = FormState(form: form, today: fixedToday)
        let row = try XCTUnwrap(form.datasets["facilities"]?.row(code: "B"))
        let fills = state.suggestionFills(row, for: try XCTUnwrap(state.path(named: "facility")))
        XCTAssertEqual(fills.map(\.raw), ["68|24958|", "station"])
    }

    func testTheLoaderNamesEachMistake() {
        func errors(_ suggest: String, extra: String = "") -> [String] {
            let fields = """
            { "id": "facility", "type": "text", "label": "Cơ sở", "suggest": \(suggest) },
            { "id": "place", "type": "address", "label": "Nơi" },
            { "id": "total", "type": "integer", "label": "Tổng", "compute": "1" },
            { "id": "pick", "type": "choice", "label": "Chọn", "options": [{ "value": "x", "label": "X" }] }\(extra)
            """
            return load(fields).1.filter(\.isError).map(\.message.en)
        }
        XCTAssertEqual(errors(#""facilities""#), [], "a dataset name alone will do")
        XCTAssert(errors(#""no-such""#).contains { $0.contains("no dataset “no-such”") })
        XCTAssert(errors(#"{ "dataset": "facilities", "fill": { "plaec": "address" } }"#).contains { $0.contains("did you mean “place”") })
        XCTAssert(errors(#"{ "dataset": "facilities", "fill": { "place": "street" } }"#).contains { $0.contains("has no column “street”") })
        XCTAssert(errors(#"{ "dataset": "facilities", "fill": { "total": "kind" } }"#).contains { $0.contains("cannot be filled") })
        XCTAssert(errors(#"{ "dataset": "facilities", "fill": { "facility": "kind" } }"#).contains { $0.contains("cannot be filled") })
        XCTAssert(errors(#"{ "dataset": "facilities", "fill": { "pick": "kind" } }"#).contains { $0.contains("row 2 of “facilities” (A)") },
                  "a value the choice does not offer")
        XCTAssert(errors(#"{ "dataset": "facilities", "text": "plain" }"#).contains { $0.contains("must use the chosen row's columns") })
        XCTAssert(errors(#"{ "dataset": "facilities", "text": "${row('nmae')}" }"#).contains { $0.contains("nmae") })
        XCTAssert(errors(#"{ "dataset": "facilities", "other": 1 }"#).count == 1)

        let bad = load("""
        { "id": "facility", "type": "text", "label": "Cơ sở", "suggest": { "dataset": "facilities", "fill": { "place": "address" } } },
        { "id": "place", "type": "address", "label": "Nơi" }
        """, badCommune: true).1.filter(\.isError).map(\.message.en)
        XCTAssertEqual(bad.count, 1)
        XCTAssert(bad.first?.contains("row 3 of “facilities” (B)") == true, "a commune code that does not exist: \(bad)")

        XCTAssert(loadErrors(formJSON(fields: #"{ "id": "n", "type": "integer", "label": "N", "suggest": "communes-2025" }"#))
            .contains { $0.message.en.contains("“suggest” does not apply to type integer") })
    }

    func testTheShippedBirthFormsSuggestFacilitiesAndHomeTowns() throws {
        for id in ["dang-ky-khai-sinh", "lien-thong-khai-sinh-thuong-tru-bhyt"] {
            let bytes = try XCTUnwrap(FileManager.default.contents(atPath: formsDirectory + "/\(id).json"))
            let (form, diagnostics) = FormLoader.load(bytes: Array(bytes), file: id, datasets: realDatasets)
            XCTAssertEqual(diagnostics.filter(\.isError).map(\.description), [])
            let f = try XCTUnwrap(form)
            let facility = try XCTUnwrap(f.fields.first { $0.id == "child_birth_facility_name" })
            XCTAssertEqual(facility.suggest?.dataset, "health-facilities")
            XCTAssertEqual(facility.suggest?.fill.map { f.fields[$0.field].id }, ["child_birth_place"])
            XCTAssertEqual(f.fields.first { $0.id == "child_hometown" }?.suggest?.dataset, "communes-2025")
        }
        // Every facility shipped gives a birth place the address field takes.
        let facilities = try XCTUnwrap(realDatasets["health-facilities"])
        XCTAssertFalse(facilities.rows.isEmpty)
        for row in facilities.rows {
            XCTAssertNotNil(realDatasets["communes-2025"]?.row(code: row.column("commune") ?? ""), row.code)
            XCTAssertNotNil(realDatasets["provinces-2025"]?.row(code: row.parent), row.code)
            XCTAssertFalse((row.column("source") ?? "").isEmpty, "\(row.code) says where it was checked")
        }
    }
}

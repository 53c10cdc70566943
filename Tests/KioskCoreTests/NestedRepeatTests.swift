import Foundation
import XCTest
@testable import KioskCore

/// A repeat group inside a repeat group (issue 14, section 3): locations of
/// a household business, each with its business lines (the fixture form
/// Tests/Fixtures/nested), and household members with their past residences.
final class NestedRepeatTests: XCTestCase {
    private func fixture() throws -> FormDefinition {
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: nestedFormPath)))
        let (form, diagnostics) = FormLoader.load(bytes: bytes, file: "ke-khai-dia-diem.json", datasets: realDatasets)
        XCTAssertEqual(diagnostics.filter(\.isError).map(\.description), [])
        return try XCTUnwrap(form)
    }

    private func index(_ form: FormDefinition, _ id: String) -> Int { form.fieldIndexByID[id]! }

    // MARK: Loading

    func testOneLevelLoadsTwoLevelsAreRefusedWithTheirPlace() throws {
        let form = try fixture()
        let locations = index(form, "locations"), lines = index(form, "lines")
        XCTAssertEqual(form.fields[lines].group, locations)
        XCTAssertEqual(form.field("line_code")?.group, lines)
        XCTAssertEqual(form.depth(of: index(form, "line_code")), 2)
        XCTAssertEqual(form.depth(of: lines), 1)
        XCTAssertEqual(form.innerGroups(of: locations), [lines])

        let json = formJSON(fields: """
        { "id": "g", "type": "repeat", "label": "G", "fields": [
          { "id": "h", "type": "repeat", "label": "H", "fields": [
            { "id": "k", "type": "repeat", "label": "K", "fields": [ { "id": "x", "type": "text", "label": "X" } ] } ] } ] }
        """)
        let errors = loadErrors(json)
        XCTAssertEqual(errors.count, 1)
        XCTAssertEqual(errors[0].description, "test.json:17:5: repeat groups nest only one level deep: this group is inside “h”, which is itself inside “g”")
        XCTAssertEqual(errors[0].message.vi, "nhóm lặp lại chỉ lồng được một cấp: nhóm này nằm trong “h”, mà “h” đã nằm trong “g”")
        let line = json.split(separator: "\n", omittingEmptySubsequences: false)[16]
        XCTAssertTrue(line.dropFirst(4).hasPrefix("{ \"id\": \"k\""), String(line))

        // {m} is the outer item's number: meaningless for a group at the top.
        let topM = formJSON(fields: """
        { "id": "g", "type": "repeat", "label": "G", "item_label": "Mục {n} của {m}", "fields": [ { "id": "x", "type": "text", "label": "X" } ] }
        """)
        XCTAssertEqual(loadErrors(topM).first?.message.en, "“{m}” (the outer item's number) is only for a group inside another group")
    }

    // MARK: Items, names and counts

    func testInnerItemsAreAddedAndRemovedPerOuterItemAndNamedWithTwoIndices() throws {
        let form = try fixture()
        var state = FormState(form: form, today: fixedToday)
        let locations = index(form, "locations"), lines = index(form, "lines"), code = index(form, "line_code")
        XCTAssertEqual(state.itemCount(locations), 1)
        XCTAssertEqual(state.itemCount(lines, in: 0), 1, "min_count inner items come with each outer item")

        XCTAssertNotNil(state.addItem(locations))
        XCTAssertEqual(state.itemCount(lines, in: 1), 1)
        let added = try XCTUnwrap(state.addItem(lines, in: 1))
        XCTAssertTrue(added.showsOrHides, "a new inner item's rows appear")
        XCTAssertTrue(added.paths.contains(FieldPath(field: code, item: 1, subItem: 1)))
        XCTAssertNil(state.addItem(lines), "an inner group needs its outer item")
        XCTAssertEqual(state.itemCount(lines, in: 1), 2)
        XCTAssertEqual(state.itemCount(lines), 3, "all inner items together")

        state.set(FieldPath(field: code, item: 1, subItem: 1), raw: "4711")
        XCTAssertEqual(state.name(of: FieldPath(field: code, item: 1, subItem: 1)), "line_code[2][2]")
        XCTAssertEqual(state.path(named: "line_code[2][2]"), FieldPath(field: code, item: 1, subItem: 1))
        XCTAssertNil(state.path(named: "line_code[2]"), "an inner field needs both items")
        XCTAssertNil(state.path(named: "location_name[1][1]"), "an outer field takes one")
        XCTAssertEqual(FormState.indices(answerName: "line_code[2][3]")?.indices, [2, 3])
        XCTAssertEqual(FormState.split(answerName: "member_name[2]")?.item, 2, "the one-index names of before are unchanged")
        XCTAssertNil(FormState.indices(answerName: "x[1][2][3]"))
        XCTAssertNil(FormState.indices(answerName: "x[0]"))

        // At most max_count inner items in one outer item; at least min_count.
        for _ in 0..<2 { XCTAssertNotNil(state.addItem(lines, in: 1)) }
        XCTAssertNil(state.addItem(lines, in: 1), "max_count 4")
        XCTAssertNotNil(state.addItem(lines, in: 0), "the other location has its own count")
        for _ in 0..<3 { XCTAssertNotNil(state.removeItem(lines, at: 0, in: 1)) }
        XCTAssertNil(state.removeItem(lines, at: 0, in: 1), "min_count 1")
        XCTAssertEqual(state.raw(FieldPath(field: code, item: 1, subItem: 0)), "",
                       "the items after a removed one move up: 4711 was item 2, removed with the first three")

        // Removing an outer item removes its inner items; the next moves up.
        state.set(FieldPath(field: code, item: 1, subItem: 0), raw: "5610")
        state.set(FieldPath(field: code, item: 0, subItem: 0), raw: "4722")
        XCTAssertNotNil(state.removeItem(locations, at: 0))
        XCTAssertEqual(state.itemCount(locations), 1)
        XCTAssertEqual(state.itemCount(lines, in: 0), 1)
        XCTAssertEqual(state.raw(FieldPath(field: code, item: 0, subItem: 0)), "5610")
        XCTAssertEqual(state.typedAnswers.map(\.name), ["line_code[1][1]"])
    }

    // MARK: Expressions

    /// Inside an inner item: its own fields, and the enclosing outer item's.
    /// From an outer item: the list of its inner answers. From the top:
    /// every inner answer of every outer item, and every inner item counted.
    func testExpressionsReadTheItemsAroundThem() throws {
        let form = try fixture()
        var state = FormState(form: form, today: fixedToday)
        let answers = AnswerImport.read(Array(try Data(contentsOf: URL(fileURLWithPath: nestedAnswersPath))), for: form)
        XCTAssertEqual(answers.problems, [])
        state.load(answers: answers.answers)
        func v(_ id: String, _ i: Int? = nil, _ j: Int? = nil) -> ExprValue { state.value(FieldPath(field: index(form, id), item: i, subItem: j)) }

        // Same inner item: line_note shows only where the line is the main one.
        XCTAssertTrue(state.isVisible(FieldPath(field: index(form, "line_note"), item: 0, subItem: 0)))
        XCTAssertFalse(state.isVisible(FieldPath(field: index(form, "line_note"), item: 0, subItem: 1)))
        // The enclosing outer item's answer.
        XCTAssertEqual(v("line_place", 0, 1), .text("Chợ Lâm Hà"))
        XCTAssertEqual(v("line_place", 1, 0), .text("Thôn 5"))
        // From the outer item: that item's inner answers (count, sum).
        XCTAssertEqual(v("location_line_count", 0), .number(2))
        XCTAssertEqual(v("location_line_count", 1), .number(1))
        XCTAssertEqual(v("location_workers", 0), .number(3))
        XCTAssertEqual(v("location_workers", 1), .number(3))
        // From the top: all of them.
        XCTAssertEqual(v("total_lines"), .number(3))
        XCTAssertEqual(v("total_workers"), .number(6))
        XCTAssertEqual(state.summary, "Kê khai 2 địa điểm của Trần Thị Lan")
        XCTAssertEqual(state.allIssues().map(\.message.en), [])

        // Changes follow: a worker more in one line changes its location's
        // total and the form's, not the other location's.
        let changes = state.set(FieldPath(field: index(form, "line_workers"), item: 1, subItem: 0), raw: "5")
        XCTAssertEqual(v("location_workers", 1), .number(5))
        XCTAssertEqual(v("location_workers", 0), .number(3))
        XCTAssertEqual(v("total_workers"), .number(8))
        XCTAssertTrue(changes.paths.contains(FieldPath(field: index(form, "location_workers"), item: 1)))
        XCTAssertFalse(changes.paths.contains(FieldPath(field: index(form, "location_workers"), item: 0)))
        // Renaming a location changes its lines' line_place only.
        state.set(FieldPath(field: index(form, "location_name"), item: 0), raw: "Chợ mới")
        XCTAssertEqual(v("line_place", 0, 0), .text("Chợ mới"))
        XCTAssertEqual(v("line_place", 0, 1), .text("Chợ mới"))
        XCTAssertEqual(v("line_place", 1, 0), .text("Thôn 5"))
        // A new inner item counts at once, in its location and at the top.
        _ = state.addItem(index(form, "lines"), in: 1)
        XCTAssertEqual(v("location_line_count", 1), .number(2))
        XCTAssertEqual(v("total_lines"), .number(4))
        XCTAssertEqual(v("line_place", 1, 1), .text("Thôn 5"), "a new inner item reads its outer item at once")
        _ = state.removeItem(index(form, "locations"), at: 0)
        XCTAssertEqual(v("total_lines"), .number(2))
        XCTAssertEqual(v("total_workers"), .number(5))
    }

    /// An inner group's checks run in each outer item: `count_if` counts
    /// that item's inner items, `unique` looks at that item's answers, `.`
    /// is that item's number of inner items.
    func testInnerGroupChecksRunPerOuterItem() throws {
        let form = try fixture()
        var state = FormState(form: form, today: fixedToday)
        let lines = index(form, "lines"), code = index(form, "line_code"), main = index(form, "line_is_main")
        _ = state.addItem(index(form, "locations"))
        state.set("owner_name", "Trần Thị Lan")
        state.set("location_name", "A", item: 0)
        state.set("location_name", "B", item: 1)
        _ = state.addItem(lines, in: 0)
        for (i, j, c, m) in [(0, 0, "5610", "yes"), (0, 1, "4722", "yes"), (1, 0, "5610", "no")] {
            state.set(FieldPath(field: code, item: i, subItem: j), raw: c)
            state.set(FieldPath(field: main, item: i, subItem: j), raw: m)
        }
        let exactlyOne = "Each location has exactly one main business line."
        XCTAssertEqual(state.issues(FieldPath(field: lines, item: 0)).map(\.en), [exactlyOne], "two main lines at A")
        XCTAssertEqual(state.issues(FieldPath(field: lines, item: 1)).map(\.en), [exactlyOne], "none at B")
        state.set(FieldPath(field: main, item: 0, subItem: 1), raw: "no")
        state.set(FieldPath(field: main, item: 1, subItem: 0), raw: "yes")
        XCTAssertEqual(state.allIssues().map(\.message.en), [], "the same code at two locations is fine")
        state.set(FieldPath(field: code, item: 0, subItem: 1), raw: "5610")
        XCTAssertEqual(state.allIssues().map { "\(state.name(of: $0.path)): \($0.message.en)" },
                       ["lines[1]: A line code appears twice at this location."])
        XCTAssertTrue(state.pageHasIssues(1))

        // `.` is the inner count of that outer item; count_if and `contains` read the outer item's lines.
        let json = formJSON(fields: """
        { "id": "members", "type": "repeat", "label": "Thành viên", "min_count": 2, "fields": [
          { "id": "member_name", "type": "text", "label": "Tên" },
          { "id": "moved_often", "type": "yesno", "label": "Nhiều nơi", "compute": "count_if(residences, residence_years < 2) >= 2" },
          { "id": "lived_hanoi", "type": "yesno", "label": "Hà Nội", "compute": "contains(residence_place, 'Hà Nội')" },
          { "id": "residences", "type": "repeat", "label": "Nơi ở trước đây", "min_count": 0, "max_count": 5,
            "constraints": [ { "check": ". <= 2", "message": "Tối đa hai nơi" } ],
            "fields": [
              { "id": "residence_place", "type": "text", "label": "Nơi ở" },
              { "id": "residence_years", "type": "integer", "label": "Số năm" },
              { "id": "residence_owner", "type": "text", "label": "Chủ hộ", "compute": "member_name" }
            ] }
        ] },
        { "id": "people_moved_often", "type": "integer", "label": "Số người", "compute": "count_if(members, moved_often)" },
        { "id": "short_stays", "type": "integer", "label": "Số lần", "compute": "count_if(residences, residence_years < 2)" },
        { "id": "all_places", "type": "text", "label": "Nơi", "compute": "text(count(residence_place))" }
        """)
        let members = try XCTUnwrap(loadForm(json))
        var s = FormState(form: members, today: fixedToday)
        let residences = index(members, "residences")
        XCTAssertEqual(s.itemCount(residences, in: 0), 0)
        for _ in 0..<3 { _ = s.addItem(residences, in: 0) }
        _ = s.addItem(residences, in: 1)
        s.set("member_name", "An", item: 0)
        for (j, place, years) in [(0, "Hà Nội", "1"), (1, "Huế", "1"), (2, "Đà Lạt", "5")] {
            s.set("residence_place", place, item: 0, subItem: j)
            s.set("residence_years", years, item: 0, subItem: j)
        }
        s.set("residence_place", "Huế", item: 1, subItem: 0)
        s.set("residence_years", "1", item: 1, subItem: 0)
        func value(_ id: String, _ i: Int? = nil, _ j: Int? = nil) -> ExprValue { s.value(FieldPath(field: index(members, id), item: i, subItem: j)) }
        XCTAssertEqual(value("moved_often", 0), .bool(true))
        XCTAssertEqual(value("moved_often", 1), .bool(false))
        XCTAssertEqual(value("lived_hanoi", 0), .bool(true))
        XCTAssertEqual(value("lived_hanoi", 1), .bool(false))
        XCTAssertEqual(value("residence_owner", 0, 2), .text("An"))
        XCTAssertEqual(value("people_moved_often"), .number(1))
        XCTAssertEqual(value("short_stays"), .number(3), "count_if over an inner group from the top counts every inner item")
        XCTAssertEqual(value("all_places"), .text("4"))
        XCTAssertEqual(s.issues(FieldPath(field: residences, item: 0)).map(\.vi), ["Tối đa hai nơi"])
        XCTAssertEqual(s.issues(FieldPath(field: residences, item: 1)).map(\.vi), [])
        // A change in one inner item re-counts its outer item's count_if.
        s.set("residence_years", "9", item: 0, subItem: 1)
        XCTAssertEqual(value("moved_often", 0), .bool(false))
        XCTAssertEqual(value("people_moved_often"), .number(0))
        XCTAssertEqual(value("short_stays"), .number(2))
    }

    /// Referring to a field of a group from where it has no single answer
    /// still compiles (it is a list), and the loader names the right group
    /// in its scope: a field of another outer group is a list there too.
    func testReferencesAcrossGroupsResolveAsDocumented() throws {
        let json = formJSON(fields: """
        { "id": "a", "type": "repeat", "label": "A", "fields": [
          { "id": "a_x", "type": "integer", "label": "x" },
          { "id": "inner", "type": "repeat", "label": "I", "fields": [
            { "id": "i_y", "type": "integer", "label": "y" },
            { "id": "i_sum_b", "type": "integer", "label": "s", "compute": "sum(b_z)" }
          ] },
          { "id": "other", "type": "repeat", "label": "O", "fields": [
            { "id": "o_count", "type": "integer", "label": "c", "compute": "count(i_y)" },
            { "id": "o_inner", "type": "integer", "label": "n", "compute": "inner" }
          ] }
        ] },
        { "id": "b", "type": "repeat", "label": "B", "fields": [
          { "id": "b_z", "type": "integer", "label": "z" },
          { "id": "b_all_y", "type": "integer", "label": "y", "compute": "sum(i_y)" }
        ] }
        """)
        let form = try XCTUnwrap(loadForm(json))
        func ref(_ name: String, from here: String?) -> FieldRef {
            GroupNesting.reference(to: form.fieldIndexByID[name]!, from: here.map { form.fieldIndexByID[$0]! }, in: form.fields)
        }
        let i = form.fieldIndexByID
        XCTAssertEqual(ref("i_y", from: "inner"), .sameInnerItem(i["i_y"]!))
        XCTAssertEqual(ref("a_x", from: "inner"), .sameItem(i["a_x"]!))
        XCTAssertEqual(ref("i_y", from: "a"), .innerItems(i["i_y"]!))
        XCTAssertEqual(ref("i_y", from: "other"), .innerItems(i["i_y"]!), "a sibling inner group reads this outer item's")
        XCTAssertEqual(ref("i_y", from: nil), .allItems(i["i_y"]!))
        XCTAssertEqual(ref("i_y", from: "b"), .allItems(i["i_y"]!))
        XCTAssertEqual(ref("b_z", from: "inner"), .allItems(i["b_z"]!))
        XCTAssertEqual(ref("inner", from: "a"), .innerItemCount(i["inner"]!))
        XCTAssertEqual(ref("inner", from: "inner"), .innerItemCount(i["inner"]!))
        XCTAssertEqual(ref("inner", from: nil), .itemCount(i["inner"]!))
        XCTAssertEqual(ref("a", from: "inner"), .itemCount(i["a"]!))

        var s = FormState(form: form, today: fixedToday)
        _ = s.addItem(i["a"]!)
        _ = s.addItem(i["a"]!)
        _ = s.addItem(i["b"]!)
        _ = s.addItem(i["inner"]!, in: 0)
        _ = s.addItem(i["inner"]!, in: 0)
        _ = s.addItem(i["inner"]!, in: 1)
        _ = s.addItem(i["other"]!, in: 0)
        s.set("i_y", "2", item: 0, subItem: 0)
        s.set("i_y", "3", item: 0, subItem: 1)
        s.set("i_y", "4", item: 1, subItem: 0)
        s.set("b_z", "7", item: 0)
        XCTAssertEqual(s.value(FieldPath(field: i["b_all_y"]!, item: 0)), .number(9))
        XCTAssertEqual(s.value(FieldPath(field: i["o_count"]!, item: 0, subItem: 0)), .number(2))
        XCTAssertEqual(s.value(FieldPath(field: i["o_inner"]!, item: 0, subItem: 0)), .number(2))
        XCTAssertEqual(s.value(FieldPath(field: i["i_sum_b"]!, item: 1, subItem: 0)), .number(7))
        _ = s.addItem(i["inner"]!, in: 0)
        XCTAssertEqual(s.value(FieldPath(field: i["o_inner"]!, item: 0, subItem: 0)), .number(3), "a sibling group's count follows")
    }

    /// The type checker reads names as evaluation does: a yes/no of the
    /// enclosing outer item is one value in an inner item, and in the
    /// condition of count_if over the inner group from the top; an inner
    /// field read from its outer item or from the top is a list.
    func testTheTypeCheckerScopesNamesAsEvaluationDoes() throws {
        func form(_ extra: String = "", inner: String = "", outer: String = "") -> String {
            formJSON(fields: """
            { "id": "locations", "type": "repeat", "label": "L", "fields": [
              { "id": "location_open", "type": "yesno", "label": "Mở" },
              { "id": "lines", "type": "repeat", "label": "N", "fields": [
                { "id": "line_main", "type": "yesno", "label": "Chính" },
                { "id": "line_note", "type": "text", "label": "Ghi chú", "visible_if": "location_open and line_main" }\(inner)
              ] }\(outer)
            ] }\(extra)
            """)
        }
        XCTAssertNotNil(loadForm(form(
            ", { \"id\": \"open_mains\", \"type\": \"integer\", \"label\": \"S\", \"compute\": \"count_if(lines, line_main and location_open)\" }",
            outer: ", { \"id\": \"mains\", \"type\": \"integer\", \"label\": \"M\", \"compute\": \"count_if(lines, line_main)\" }")))
        let fromOuter = loadErrors(form(outer: ", { \"id\": \"x\", \"type\": \"text\", \"label\": \"X\", \"visible_if\": \"line_main\" }"))
        XCTAssertEqual(fromOuter.count, 1)
        XCTAssertTrue(fromOuter.first?.message.en.contains("line_main is a list of yes/no values (the answers of every item of the repeat group “lines”, read from outside it)") ?? false,
                      fromOuter.map(\.message.en).joined())
        let fromTop = loadErrors(form(", { \"id\": \"y\", \"type\": \"text\", \"label\": \"Y\", \"visible_if\": \"location_open\" }"))
        XCTAssertEqual(fromTop.count, 1, "an outer field from the top is a list")
    }

    /// Whatever is done, in whatever order, the incremental updates agree
    /// with evaluating everything again from the typed answers.
    func testIncrementalUpdatesAgreeWithAFreshEvaluation() throws {
        let json = formJSON(fields: """
        { "id": "gate", "type": "yesno", "label": "g" },
        { "id": "base", "type": "integer", "label": "b" },
        { "id": "outer", "type": "repeat", "label": "O", "max_count": 4, "fields": [
          { "id": "o_n", "type": "integer", "label": "n" },
          { "id": "o_flag", "type": "yesno", "label": "f" },
          { "id": "o_sum", "type": "integer", "label": "s", "compute": "sum(i_n) + o_n" },
          { "id": "o_main", "type": "integer", "label": "m", "compute": "count_if(inner, i_main)" },
          { "id": "inner", "type": "repeat", "label": "I", "max_count": 4, "visible_if": "o_flag", "fields": [
            { "id": "i_n", "type": "integer", "label": "n" },
            { "id": "i_main", "type": "yesno", "label": "m" },
            { "id": "i_plus", "type": "integer", "label": "p", "compute": "i_n + o_n + base" },
            { "id": "i_rank", "type": "integer", "label": "r", "compute": "count_if(inner, i_n > 2)" },
            { "id": "i_shown", "type": "text", "label": "s", "visible_if": "i_main and gate" }
          ] }
        ] },
        { "id": "t_count", "type": "integer", "label": "c", "compute": "count(inner)" },
        { "id": "t_sum", "type": "integer", "label": "s", "compute": "sum(i_plus)" },
        { "id": "t_main", "type": "integer", "label": "m", "compute": "count_if(inner, i_main)" },
        { "id": "t_outer", "type": "integer", "label": "o", "compute": "count_if(outer, o_main > 0)" }
        """)
        let form = try XCTUnwrap(loadForm(json))
        let outer = form.fieldIndexByID["outer"]!, inner = form.fieldIndexByID["inner"]!
        var rng = SplitMix64(seed: 14)
        for round in 0..<30 {
            var state = FormState(form: form, today: fixedToday)
            for _ in 0..<60 {
                switch Int.random(in: 0..<10, using: &rng) {
                case 0: _ = state.addItem(outer)
                case 1: if state.itemCount(outer) > 0 { _ = state.removeItem(outer, at: Int.random(in: 0..<state.itemCount(outer), using: &rng)) }
                case 2, 3:
                    if state.itemCount(outer) > 0 { _ = state.addItem(inner, in: Int.random(in: 0..<state.itemCount(outer), using: &rng)) }
                case 4:
                    let i = state.itemCount(outer) > 0 ? Int.random(in: 0..<state.itemCount(outer), using: &rng) : 0
                    if state.itemCount(inner, in: i) > 0 { _ = state.removeItem(inner, at: Int.random(in: 0..<state.itemCount(inner, in: i), using: &rng), in: i) }
                case 5: state.set("gate", Bool.random(using: &rng) ? "yes" : "no")
                case 6: state.set("base", "\(Int.random(in: 0..<5, using: &rng))")
                default:
                    let all = state.allPaths
                    let paths = all.filter { form.fields[$0.field].isEditable }
                    guard let p = paths.randomElement(using: &rng) else { continue }
                    let f = form.fields[p.field]
                    // The changes name every answer whose value or visibility is another.
                    let before = (all + state.allGroupPaths).map { ($0, state.isVisible($0), state.value($0)) }
                    let changes = state.set(p, raw: f.type == .yesno ? (Bool.random(using: &rng) ? "yes" : "no") : "\(Int.random(in: 0..<5, using: &rng))")
                    for (q, visible, value) in before where state.isVisible(q) != visible || state.value(q) != value {
                        XCTAssertTrue(changes.paths.contains(q), "round \(round): \(state.name(of: q)) changed, not said")
                        if state.isVisible(q) != visible { XCTAssertTrue(changes.shownOrHidden.contains(q), "round \(round): \(state.name(of: q)) shown or hidden, not said") }
                    }
                }
            }
            var fresh = FormState(form: form, today: fixedToday)
            // Items without a typed answer are not in typedAnswers: make them first.
            for i in 0..<state.itemCount(outer) {
                if fresh.itemCount(outer) <= i { _ = fresh.addItem(outer) }
                while fresh.itemCount(inner, in: i) < state.itemCount(inner, in: i) { _ = fresh.addItem(inner, in: i) }
            }
            fresh.load(answers: state.typedAnswers)
            for p in state.allPaths + state.allGroupPaths {
                XCTAssertEqual(state.isVisible(p), fresh.isVisible(p), "round \(round): visibility of \(state.name(of: p))")
                XCTAssertEqual(state.value(p), fresh.value(p), "round \(round): value of \(state.name(of: p))")
            }
            XCTAssertEqual(state.allPaths.count, fresh.allPaths.count)
        }
    }

    // MARK: Answers in and out

    func testAnswerFilesTakeInnerListsAndTwoIndexNames() throws {
        let form = try fixture()
        let json = """
        {
          "owner_name": "Trần Thị Lan",
          "locations": [
            { "location_name": "Chợ", "lines": [ { "line_code": "5610", "line_is_main": true }, { "line_code": "4722" } ] },
            { "location_name": "Thôn 5", "lines": [] }
          ],
          "line_code[2][1]": "4711",
          "line_code[2]": "4711",
          "locations_x": [],
          "locations": [ { "lines": [ { "nope": 1 } ] } ]
        }
        """
        let (answers, problems) = AnswerImport.read(Array(json.utf8), for: form)
        XCTAssertEqual(answers.map { "\($0.name)=\($0.raw)" }, [
            "owner_name=Trần Thị Lan", "location_name[1]=Chợ", "line_code[1][1]=5610", "line_is_main[1][1]=yes", "line_code[1][2]=4722",
            "location_name[2]=Thôn 5", "line_code[2][1]=4711",
        ])
        XCTAssertEqual(problems.map { "\($0.location.line): \($0.message.en)" }, [
            "8: “line_code[2]”: write line_code[2][3] (the item's number, from 1: the outer group's item, then the inner group's)",
            "9: no field “locations_x” in form ke-khai-dia-diem",
            "10: group lines has no field “nope”",
        ])
        var state = FormState(form: form, today: fixedToday)
        XCTAssertEqual(state.load(answers: answers), [])
        XCTAssertEqual(state.itemCount(form.fieldIndexByID["lines"]!, in: 1), 1)
        XCTAssertEqual(state.raw(FieldPath(field: form.fieldIndexByID["line_code"]!, item: 1, subItem: 0)), "4711")
        // Beyond max_count: reported by the state, not placed.
        XCTAssertEqual(state.load(answers: [("line_code[1][5]", "4711"), ("line_code[6][1]", "4711")]), ["line_code[1][5]", "line_code[6][1]"])
    }

    /// An earlier dossier fills the outer group's answers by key, never an
    /// item whose inner items were typed in, and not the inner answers.
    func testAnEarlierDossierFillsOuterItemsNotInnerOnes() throws {
        let form = try fixture()
        var state = FormState(form: form, today: fixedToday)
        _ = state.addItem(form.fieldIndexByID["locations"]!)
        state.set("line_code", "4711", item: 1, subItem: 0)
        let prior = PriorDossier(code: "000.00.00.H49-261123-0001", procedureCode: "9.999901", procedureName: "", answers: [
            "applicant.full_name": ["Trần Thị Lan"], "business.name": ["Chợ", "Kho"], "business.lines": ["5610"],
        ], origin: .station)
        let plan = Autofill.plan(prior: prior, offers: Autofill.offers(prior: prior, form: form), state: state)
        XCTAssertEqual(plan.prefills.map { "\($0.name)=\($0.raw)" }.sorted(), ["location_name[1]=Chợ", "owner_name=Trần Thị Lan"],
                       "the second location has a line typed; line_code is not filled")
    }

    func testDraftsOfAnOlderVersionKeepTheirInnerAnswers() throws {
        let old = try fixture()
        // The new version allows fewer lines per location and drops line_note.
        let text = try String(contentsOfFile: nestedFormPath, encoding: .utf8)
            .replacingOccurrences(of: "\"min_count\": 1, \"max_count\": 4", with: "\"min_count\": 1, \"max_count\": 2")
            .replacingOccurrences(of: "\"version\": \"2026.1\"", with: "\"version\": \"2026.2\"")
            .replacingOccurrences(of: "\"id\": \"line_note\"", with: "\"id\": \"line_remark\"")
        let new = try XCTUnwrap(loadForm(text))
        let answers = [("location_name[1]", "Chợ"), ("line_code[1][1]", "5610"), ("line_code[1][3]", "4722"), ("line_note[1][1]", "Bánh cuốn")]
        let m = AnswerMigration(answers: answers, from: old, to: new)
        XCTAssertEqual(m.moved.map { "\($0.from)→\($0.to)" }, ["location_name[1]→location_name[1]", "line_code[1][1]→line_code[1][1]"])
        XCTAssertEqual(m.notMoved.map { "\($0.name): \($0.reason.en)" }, [
            "line_code[1][3]: the group allows fewer items in the new form",
            "line_note[1][1]: the new form no longer has this field",
        ])

        // A form of before, with the lines directly in each location: its
        // answers keep their names where the fields did not move, and a
        // field that went into the inner group says so.
        let flat = formJSON(fields: """
        { "id": "locations", "type": "repeat", "label": "Địa điểm", "fields": [
          { "id": "location_name", "type": "text", "label": "Tên" },
          { "id": "line_code", "type": "choice", "dataset": "vsic-2025", "label": "Mã" } ] }
        """)
        let before = try XCTUnwrap(loadForm(flat))
        let moved = AnswerMigration(answers: [("location_name[2]", "Kho"), ("line_code[2]", "4711")], from: before, to: old)
        XCTAssertEqual(moved.moved.map(\.to), ["location_name[2]"])
        XCTAssertEqual(moved.notMoved.map { "\($0.name): \($0.reason.en)" }, ["line_code[2]: the field moved into or out of a repeat group in the new form"])
    }
}

extension SplitMix64: RandomNumberGenerator {}

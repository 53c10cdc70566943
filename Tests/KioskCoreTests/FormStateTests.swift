import XCTest
@testable import KioskCore

final class FormStateTests: XCTestCase {
    private func path(_ form: FormDefinition, _ id: String, _ item: Int? = nil) -> FieldPath {
        FieldPath(field: form.fieldIndexByID[id]!, item: item)
    }

    func testVisibilityFollowsAnswersAtOnce() throws {
        let form = try XCTUnwrap(loadForm(formJSON(fields: """
        { "id": "father_known", "type": "yesno", "label": "Có thông tin cha" },
        { "id": "father_name", "type": "text", "label": "Tên cha", "visible_if": "father_known = true", "required": true }
        """)))
        var state = FormState(form: form, today: fixedToday)
        let name = path(form, "father_name")
        XCTAssertFalse(state.isVisible(name))
        XCTAssertEqual(state.issues(name), [], "a hidden field has no issues")
        let changes = state.set("father_known", "yes")
        XCTAssertTrue(changes.paths.contains(name))
        XCTAssertEqual(changes.shownOrHidden, [name])
        XCTAssertEqual(changes.pages, [])
        XCTAssertTrue(state.isVisible(name))
        XCTAssertEqual(state.issues(name).map(\.en), ["Please fill in this field."])
        let typed = state.set("father_name", "Trần Văn B")
        XCTAssertEqual(typed.paths, [name], "nothing reads the name")
        XCTAssertFalse(typed.showsOrHides, "a keystroke there leaves the rows as they are")
        XCTAssertEqual(state.value(name), .text("Trần Văn B"))
        state.set("father_known", "no")
        XCTAssertEqual(state.value(name), .null, "a hidden answer reads as empty")
        XCTAssertEqual(state.raw(name), "Trần Văn B", "but what was typed is kept")
        XCTAssertFalse(state.canonicalAnswers.contains { $0.name == "father_name" }, "and not sent")
    }

    func testComputedValuesChainAndPages() throws {
        let form = try XCTUnwrap(loadForm(formJSON(pages: """
        [ { "id": "p1", "title": "A", "fields": [
            { "id": "birth", "type": "date", "label": "Ngày sinh" },
            { "id": "age_years", "type": "integer", "label": "Tuổi", "compute": "age(birth)" },
            { "id": "is_minor", "type": "yesno", "label": "Vị thành niên", "compute": "age_years < 18" } ] },
          { "id": "p2", "title": "B", "visible_if": "is_minor", "fields": [
            { "id": "guardian", "type": "text", "label": "Người giám hộ", "required": true } ] } ]
        """)))
        var state = FormState(form: form, today: fixedToday)
        XCTAssertEqual(state.value(path(form, "age_years")), .null)
        XCTAssertFalse(state.isPageVisible(1))
        let changes = state.set("birth", "23/11/2008")
        XCTAssertEqual(state.value(path(form, "age_years")), .number(17))
        XCTAssertEqual(state.value(path(form, "is_minor")), .bool(true))
        XCTAssertTrue(state.isPageVisible(1))
        XCTAssertEqual(changes.paths, [path(form, "birth"), path(form, "age_years"), path(form, "is_minor"), path(form, "guardian")])
        XCTAssertEqual(changes.pages, [1])
        XCTAssertEqual(changes.shownOrHidden, [path(form, "guardian")], "the page's answers were shown")
        XCTAssertTrue(changes.showsOrHides)
        // Another birth date of a minor: the age is another, nothing appears or goes.
        let again = state.set("birth", "23/11/2009")
        XCTAssertEqual(again.paths, [path(form, "birth"), path(form, "age_years")])
        XCTAssertFalse(again.showsOrHides)
        state.set("birth", "23/11/2008")
        XCTAssertEqual(state.pagesWithIssues(), [1])
        state.set("birth", "22/11/2008")
        XCTAssertFalse(state.isPageVisible(1))
        XCTAssertEqual(state.pagesWithIssues(), [])
        XCTAssertEqual(state.set(path(form, "age_years"), raw: "3"), .init(), "computed fields cannot be typed into")
    }

    func testRepeatGroupsCountAndPerItemConditions() throws {
        let form = try XCTUnwrap(loadForm(formJSON(fields: """
        { "id": "owner", "type": "text", "label": "Chủ hộ" },
        { "id": "members", "type": "repeat", "label": "Thành viên", "min_count": 1, "max_count": 3, "fields": [
          { "id": "m_name", "type": "text", "label": "Tên", "required": true },
          { "id": "m_pages", "type": "integer", "label": "Số trang" },
          { "id": "m_is_owner", "type": "yesno", "label": "Là chủ hộ", "compute": "m_name = owner" },
          { "id": "m_note", "type": "text", "label": "Ghi chú", "visible_if": "m_pages > 10" } ] },
        { "id": "total_pages", "type": "integer", "label": "Tổng", "compute": "sum(m_pages)" },
        { "id": "member_count", "type": "integer", "label": "Số người", "compute": "count(members)" }
        """)))
        var state = FormState(form: form, today: fixedToday)
        let group = form.fieldIndexByID["members"]!
        XCTAssertEqual(state.itemCount(group), 1, "min_count items exist from the start")
        XCTAssertEqual(state.value(path(form, "member_count")), .number(1))
        XCTAssertEqual(state.addItem(group)?.showsOrHides, true, "a new item's rows appear")
        XCTAssertNotNil(state.addItem(group))
        XCTAssertNil(state.addItem(group), "max_count is enforced")
        XCTAssertEqual(state.value(path(form, "member_count")), .number(3))
        XCTAssertFalse(state.set(path(form, "m_pages", 0), raw: "4").showsOrHides)
        let shown = state.set(path(form, "m_pages", 2), raw: "12")
        XCTAssertEqual(shown.shownOrHidden, [path(form, "m_note", 2)], "the note of that item only")
        XCTAssertTrue(shown.paths.isSuperset(of: [path(form, "m_pages", 2), path(form, "total_pages"), path(form, "m_note", 2)]))
        XCTAssertEqual(state.value(path(form, "total_pages")), .number(16))
        XCTAssertFalse(state.isVisible(path(form, "m_note", 0)))
        XCTAssertTrue(state.isVisible(path(form, "m_note", 2)), "conditions are per item")
        state.set(path(form, "m_name", 1), raw: "Lê Thị C")
        state.set("owner", "Lê Thị C")
        XCTAssertEqual(state.value(path(form, "m_is_owner", 1)), .bool(true), "a top-level change reaches every item")
        XCTAssertEqual(state.value(path(form, "m_is_owner", 0)), .bool(false))
        XCTAssertNotNil(state.removeItem(group, at: 0))
        XCTAssertEqual(state.value(path(form, "total_pages")), .number(12))
        XCTAssertEqual(state.raw(path(form, "m_name", 0)), "Lê Thị C", "later items move up")
        XCTAssertEqual(state.name(of: path(form, "m_name", 0)), "m_name[1]")
        XCTAssertEqual(state.path(named: "m_name[2]"), path(form, "m_name", 1))
    }

    func testTypeChecksAndCrossCheckMessages() throws {
        let form = try XCTUnwrap(loadForm(formJSON(fields: """
        { "id": "birth", "type": "date", "label": "Ngày sinh" },
        { "id": "gender", "type": "choice", "label": "Giới tính", "options": [
          { "value": "male", "label": "Nam" }, { "value": "female", "label": "Nữ" } ] },
        { "id": "id_no", "type": "id_number", "label": "Số định danh", "cross_check": { "birth_date": "birth", "gender": "gender" } },
        { "id": "phone", "type": "phone", "label": "Điện thoại" },
        { "id": "copies", "type": "integer", "label": "Số bản", "min": 1, "max": 10 },
        { "id": "province", "type": "choice", "label": "Tỉnh", "dataset": "provinces-2025" },
        { "id": "commune", "type": "choice", "label": "Xã", "dataset": "communes-2025", "filter": "province" },
        { "id": "home", "type": "address", "label": "Nơi cư trú" },
        { "id": "nick", "type": "text", "label": "Tên gọi", "max_length": 5,
          "constraints": [ { "check": "not contains(., 'x')", "message": { "vi": "Không có x", "en": "No x" } } ] }
        """)))
        var state = FormState(form: form, today: fixedToday)
        func issues(_ id: String) -> [String] { state.issues(path(form, id)).map(\.en) }
        state.set("id_no", "00108701234")
        XCTAssertEqual(issues("id_no"), ["The personal id number must have 12 digits (you typed 11)."])
        state.set("id_no", "001 087 012 345")
        XCTAssertEqual(issues("id_no"), [])
        state.set("birth", "01/05/1978")
        XCTAssertEqual(issues("id_no").count, 1, "the id's year digits disagree with the birth date")
        state.set("birth", "01/05/1987")
        state.set("gender", "female")
        XCTAssertEqual(issues("id_no").count, 1, "the century/gender digit says male")
        state.set("gender", "male")
        XCTAssertEqual(issues("id_no"), [])
        state.set("birth", "30/02/1987")
        XCTAssertEqual(issues("birth"), ["The date 30/02/1987 does not exist (check day and month)."])
        state.set("phone", "+84 912 345 678")
        XCTAssertEqual(issues("phone"), [])
        XCTAssertTrue(state.canonicalAnswers.contains { $0 == ("phone", "0912345678") })
        state.set("copies", "0")
        XCTAssertEqual(issues("copies"), ["Must be at least 1."])
        state.set("copies", "hai")
        XCTAssertEqual(issues("copies"), ["Enter a whole number, e.g. 2."])
        state.set("province", "22")
        state.set("commune", "00004") // a ward of Hà Nội (01), not of province 22
        XCTAssertEqual(issues("commune"), ["This does not belong to the choice above; choose again."])
        state.set("home", "01|00004|Số 1 phố Hoè")
        XCTAssertEqual(state.value(path(form, "home")), .text("Số 1 phố Hoè, Phường Ba Đình, Thành phố Hà Nội"))
        state.set("home", "22|00004|x")
        XCTAssertEqual(issues("home").count, 1)
        state.set("nick", "abcdef")
        XCTAssertEqual(issues("nick"), ["Too long: at most 5 characters (now 6)."])
        state.set("nick", "axe")
        XCTAssertEqual(issues("nick"), ["No x"])
    }

    func testTextIsStoredNFC() throws {
        let form = try XCTUnwrap(loadForm(formJSON(fields: textField("a"))))
        var state = FormState(form: form, today: fixedToday)
        state.set("a", "Nguye\u{0302}\u{0303}n") // decomposed ễ
        XCTAssertEqual(state.raw(path(form, "a")).unicodeScalars.count, 6)
        XCTAssertEqual(state.raw(path(form, "a")), "Nguyễn")
    }

    /// The incremental engine must end where a fresh evaluation of the same
    /// answers ends: random edits on a real form, compared field by field.
    func testIncrementalEvaluationMatchesFullEvaluation() throws {
        let catalog = FormCatalog.load(directory: formsDirectory)
        var rng = SplitMix64(seed: 2026)
        for form in catalog.forms {
            var state = FormState(form: form, today: fixedToday)
            let editable = form.fields.filter { $0.isEditable }
            for _ in 0..<300 {
                let f = editable[Int(rng.next() % UInt64(editable.count))]
                if let g = f.group {
                    if state.itemCount(g) == 0 || rng.next() % 8 == 0 { _ = state.addItem(g) }
                    if state.itemCount(g) > 1 && rng.next() % 16 == 0 { _ = state.removeItem(g, at: 0) }
                    guard state.itemCount(g) > 0 else { continue }
                    setAndCheckChanges(&state, FieldPath(field: f.index, item: Int(rng.next() % UInt64(state.itemCount(g)))), sample(f, &rng))
                } else {
                    setAndCheckChanges(&state, FieldPath(field: f.index), sample(f, &rng))
                }
            }
            var fresh = FormState(form: form, today: fixedToday)
            for f in form.fields where f.type == .repeat {
                while fresh.itemCount(f.index) < state.itemCount(f.index) { _ = fresh.addItem(f.index) }
            }
            fresh.load(answers: state.typedAnswers)
            for p in state.allPaths {
                XCTAssertEqual(state.isVisible(p), fresh.isVisible(p), "\(form.id) \(state.name(of: p)) visibility")
                XCTAssertEqual(state.value(p), fresh.value(p), "\(form.id) \(state.name(of: p)) value")
            }
            for p in form.pages.indices {
                XCTAssertEqual(state.isPageVisible(p), fresh.isPageVisible(p), "\(form.id) page \(p)")
            }
        }
    }

    /// Sets an answer and checks that its `Changes` name everything that
    /// changed: every answer whose value or visibility is another, every
    /// page shown or hidden, every answer shown or hidden.
    private func setAndCheckChanges(_ state: inout FormState, _ path: FieldPath, _ raw: String) {
        let paths = state.allPaths
        let before = paths.map { (state.isVisible($0), state.value($0)) }
        let pagesBefore = state.form.pages.indices.map { state.isPageVisible($0) }
        let changes = state.set(path, raw: raw)
        for (p, (visible, value)) in zip(paths, before) {
            if state.isVisible(p) != visible {
                XCTAssertTrue(changes.shownOrHidden.contains(p), "\(state.form.id) \(state.name(of: p)) shown or hidden, not said")
            }
            if state.isVisible(p) != visible || state.value(p) != value {
                XCTAssertTrue(changes.paths.contains(p), "\(state.form.id) \(state.name(of: p)) changed, not said")
            }
        }
        for (p, visible) in pagesBefore.enumerated() where state.isPageVisible(p) != visible {
            XCTAssertTrue(changes.pages.contains(p), "\(state.form.id) page \(p) shown or hidden, not said")
        }
    }

    private func sample(_ f: FieldDefinition, _ rng: inout SplitMix64) -> String {
        let r = Int(rng.next() % 1000)
        if r % 7 == 0 { return "" }
        switch f.type {
        case .yesno: return r % 2 == 0 ? "yes" : "no"
        case .integer, .money, .decimal: return String(r % 30)
        case .date: return String(format: "%02d/%02d/%04d", r % 28 + 1, r % 12 + 1, 1930 + r % 96)
        case .choice:
            if let d = f.dataset, let rows = realDatasets[d]?.rows, !rows.isEmpty { return rows[r % rows.count].code }
            return f.options.isEmpty ? "" : f.options[r % f.options.count].value
        case .multichoice: return f.options.prefix(r % 3).map(\.value).joined(separator: " ")
        case .id_number: return "0010\(String(format: "%02d", r % 100))012345"
        case .address: return "01|00004|Số \(r)"
        default: return "Giá trị \(r)"
        }
    }
}

/// A small deterministic generator (tests must not depend on the clock).
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E3779B97F4A7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
        z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
        return z ^ (z >> 31)
    }
}

final class StressFormTests: XCTestCase {
    /// The benchmark's form has the size the targets speak of, and its
    /// incremental answers agree with a fresh evaluation.
    func testStressFormShapeAndConsistency() throws {
        let form = try XCTUnwrap(loadForm(StressForm.json()))
        XCTAssertGreaterThanOrEqual(form.fields.count, 2000)
        XCTAssertGreaterThanOrEqual(form.fields.filter { $0.visibleIf != nil }.count, 500)
        XCTAssertGreaterThanOrEqual(form.fields.filter { $0.compute != nil }.count, 300)
        var state = FormState(form: form, today: fixedToday)
        let group = form.fieldIndexByID["group"]!
        for _ in 0..<200 { XCTAssertNotNil(state.addItem(group)) }
        let numbers = form.fields.filter { $0.isEditable && $0.type == .integer && $0.group == nil }
        var rng = SplitMix64(seed: 7)
        for n in 0..<400 {
            let r = Int(rng.next() % 1000)
            if n % 3 == 0 {
                state.set(FieldPath(field: form.fieldIndexByID["g_amount"]!, item: r % 200), raw: String(r))
            } else {
                state.set(FieldPath(field: numbers[r % numbers.count].index), raw: String(r % 40))
            }
        }
        var fresh = FormState(form: form, today: fixedToday)
        for _ in 0..<200 { _ = fresh.addItem(group) }
        fresh.load(answers: state.typedAnswers)
        for p in state.allPaths {
            XCTAssertEqual(state.value(p), fresh.value(p), state.name(of: p))
            XCTAssertEqual(state.isVisible(p), fresh.isVisible(p), state.name(of: p))
        }
        XCTAssertEqual(state.value(FieldPath(field: form.fieldIndexByID["total"]!)), fresh.value(FieldPath(field: form.fieldIndexByID["total"]!)))
    }
}

final class AnswerMigrationTests: XCTestCase {
    func testMovesByIdThenKeyAndListsWhatCannotMove() throws {
        let old = try XCTUnwrap(loadForm(formJSON(fields: """
        { "id": "name", "key": "applicant.full_name", "type": "text", "label": "Tên" },
        { "id": "old_phone", "key": "applicant.phone", "type": "text", "label": "Điện thoại" },
        { "id": "age", "type": "integer", "label": "Tuổi" },
        { "id": "extra", "key": "applicant.email", "type": "text", "label": "Thư" },
        { "id": "members", "type": "repeat", "label": "Thành viên", "max_count": 5, "fields": [
          { "id": "m_name", "type": "text", "label": "Tên" } ] }
        """)))
        let new = try XCTUnwrap(loadForm(formJSON(fields: """
        { "id": "name", "key": "applicant.full_name", "type": "text", "label": "Tên" },
        { "id": "phone", "key": "applicant.phone", "type": "text", "label": "Điện thoại" },
        { "id": "age", "type": "date", "label": "Ngày sinh" },
        { "id": "email", "key": "applicant.email", "type": "text", "label": "Thư" },
        { "id": "extra", "key": "applicant.email", "type": "text", "label": "Thư 2" },
        { "id": "members", "type": "repeat", "label": "Thành viên", "max_count": 2, "fields": [
          { "id": "m_name", "type": "text", "label": "Tên" } ] }
        """)))
        let m = AnswerMigration(answers: [("name", "A"), ("old_phone", "0912"), ("age", "7"), ("extra", "x@y.vn"),
                                          ("m_name[1]", "B"), ("m_name[3]", "C")], from: old, to: new)
        XCTAssertEqual(m.moved.map { "\($0.from)->\($0.to)" }, ["name->name", "old_phone->phone", "extra->extra", "m_name[1]->m_name[1]"])
        XCTAssertEqual(m.notMoved.map(\.name), ["age", "m_name[3]"])
        XCTAssertEqual(m.notMoved[0].reason.en, "the field changed type in the new form")
        XCTAssertEqual(m.notMoved[1].reason.en, "the group allows fewer items in the new form")
    }

    func testTwoAnswersNeverLandOnOneField() throws {
        let old = try XCTUnwrap(loadForm(formJSON(fields: """
        { "id": "x", "key": "applicant.phone", "type": "text", "label": "X" },
        { "id": "y", "type": "text", "label": "Y" }
        """)))
        let new = try XCTUnwrap(loadForm(formJSON(fields: """
        { "id": "y", "key": "applicant.phone", "type": "text", "label": "Y" }
        """)))
        let m = AnswerMigration(answers: [("x", "from x"), ("y", "from y")], from: old, to: new)
        XCTAssertEqual(m.moved.map(\.raw), ["from y"])
        XCTAssertEqual(m.notMoved.map(\.name), ["x"])
    }

    /// A choice the new version no longer offers is listed, not carried into
    /// a list that cannot show it; what was typed wrong before moves as it is.
    func testAChoiceNoLongerOfferedIsListed() throws {
        let old = try XCTUnwrap(loadForm(formJSON(fields: """
        { "id": "who", "type": "choice", "label": "Quan hệ", "dataset": "relationships" },
        { "id": "when", "type": "date", "label": "Ngày" }
        """)))
        let new = try XCTUnwrap(loadForm(formJSON(fields: """
        { "id": "who", "type": "choice", "label": "Quan hệ", "options": [
          { "value": "father", "label": "Cha" }, { "value": "mother", "label": "Mẹ" } ] },
        { "id": "when", "type": "date", "label": "Ngày" }
        """)))
        let m = AnswerMigration(answers: [("who", "wife"), ("when", "31/02")], from: old, to: new)
        XCTAssertEqual(m.notMoved.map(\.name), ["who"])
        XCTAssertEqual(m.notMoved[0].reason.en, "this choice is no longer offered")
        XCTAssertEqual(m.moved.map(\.raw), ["31/02"])
        XCTAssertEqual(AnswerMigration(answers: [("who", "mother")], from: old, to: new).moved.map(\.raw), ["mother"])
    }
}

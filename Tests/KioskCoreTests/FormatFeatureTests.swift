import XCTest
@testable import KioskCore

/// What issue 14 section 3 lets a form say: hidden calculations, checks
/// over a repeat group, dataset look-ups and choice labels, choice filters
/// by expression, codes in a list, a fee computed from the answers, text
/// built from answers, amounts and dates in words.
final class FormatFeatureTests: XCTestCase {
    private func path(_ form: FormDefinition, _ id: String, _ item: Int? = nil) -> FieldPath {
        FieldPath(field: form.fieldIndexByID[id]!, item: item)
    }

    private func messages(_ json: String) -> [String] {
        loadErrors(json).map { "\($0.location.line):\($0.location.column): \($0.message.en)" }
    }

    // MARK: calculate

    func testCalculateIsHiddenComputedAndSent() throws {
        let form = try XCTUnwrap(loadForm(formJSON(fields: """
        { "id": "copies", "type": "integer", "label": "Số bản" },
        { "id": "total", "type": "calculate", "compute": "copies * 8000" },
        { "id": "words", "type": "calculate", "compute": "money_words(total)", "label": "Bằng chữ" },
        { "id": "over", "type": "yesno", "label": "Nhiều", "compute": "total > 20000" }
        """)))
        let total = path(form, "total")
        XCTAssertFalse(form.fields[total.field].type.isShown)
        XCTAssertFalse(form.fields[total.field].isEditable, "never focusable")
        XCTAssertEqual(form.fields[total.field].label.vi, "total", "no label needed: the id stands for it")
        var state = FormState(form: form, today: fixedToday)
        state.set("copies", "3")
        XCTAssertEqual(state.value(total), .number(24000))
        XCTAssertEqual(state.value(path(form, "words")), .text("Hai mươi tư nghìn đồng"))
        XCTAssertEqual(state.value(path(form, "over")), .bool(true), "usable in other expressions")
        XCTAssertEqual(state.set(total, raw: "1"), FormState.Changes(), "cannot be typed into")
        let sent = Dictionary(uniqueKeysWithValues: state.canonicalAnswers.map { ($0.name, $0.value) })
        XCTAssertEqual(sent["total"], "24000", "sent with the dossier like any answer")
        XCTAssertEqual(sent["words"], "Hai mươi tư nghìn đồng")
        XCTAssertFalse(state.typedAnswers.contains { $0.name == "total" }, "a draft keeps what was typed, not what is computed")
    }

    func testCalculateNeedsComputeAndRefusesAnswerKeys() {
        let errors = messages(formJSON(fields: """
        { "id": "total", "type": "calculate", "compute": "1", "required": true, "default": "2" }
        """))
        XCTAssertTrue(errors.contains { $0.contains("“required” does not apply to type calculate") }, "\(errors)")
        XCTAssertTrue(errors.contains { $0.contains("“default” does not apply to type calculate") }, "\(errors)")
        XCTAssertTrue(messages(formJSON(fields: "{ \"id\": \"total\", \"type\": \"calculate\" }")).contains { $0.hasSuffix("a calculate field needs “compute”") })
    }

    // MARK: count_if and unique over a repeat group

    private let businessLines = """
    { "id": "business_lines", "type": "repeat", "label": "Ngành nghề", "min_count": 1,
      "constraints": [
        { "check": "count_if(business_lines, line_is_main) = 1", "message": { "vi": "Chọn đúng một ngành chính.", "en": "Choose exactly one main line." } },
        { "check": "unique(line_code)", "message": { "vi": "Một ngành ghi hai lần.", "en": "A line appears twice." } } ],
      "fields": [
        { "id": "line_code", "type": "text", "label": "Mã ngành" },
        { "id": "line_is_main", "type": "yesno", "label": "Ngành chính" },
        { "id": "mains_so_far", "type": "integer", "label": "Số ngành chính", "compute": "count_if(business_lines, line_is_main)" } ] },
    { "id": "main_count", "type": "calculate", "compute": "count_if(business_lines, line_is_main and line_code != null)" }
    """

    func testCountIfAndUniqueCheckAGroup() throws {
        let form = try XCTUnwrap(loadForm(formJSON(fields: businessLines)))
        var state = FormState(form: form, today: fixedToday)
        let group = path(form, "business_lines")
        XCTAssertEqual(state.issues(group).map(\.en), ["Choose exactly one main line."], "no main line yet")
        state.set("line_code", "4711", item: 0)
        state.set("line_is_main", "yes", item: 0)
        XCTAssertEqual(state.issues(group), [])
        XCTAssertEqual(state.value(path(form, "main_count")), .number(1))
        _ = state.addItem(group.field)
        state.set("line_code", "5610", item: 1)
        state.set("line_is_main", "yes", item: 1)
        XCTAssertEqual(state.issues(group).map(\.en), ["Choose exactly one main line."], "two main lines")
        XCTAssertEqual(state.value(path(form, "main_count")), .number(2))
        XCTAssertEqual(state.value(path(form, "mains_so_far", 0)), .number(2),
                       "a field of the group that counts its own group changes in every item")
        state.set("line_is_main", "no", item: 1)
        XCTAssertEqual(state.value(path(form, "mains_so_far", 0)), .number(1))
        XCTAssertEqual(state.issues(group), [])
        state.set("line_code", "4711", item: 1)
        XCTAssertEqual(state.issues(group).map(\.en), ["A line appears twice."])
        XCTAssertTrue(state.allIssues().contains { $0.path == group })
        _ = state.removeItem(group.field, at: 1)
        XCTAssertEqual(state.issues(group), [])
        XCTAssertEqual(state.value(path(form, "main_count")), .number(1), "removing an item counts again")
    }

    func testCountIfNeedsAGroup() {
        let errors = messages(formJSON(fields: """
        { "id": "a", "type": "integer", "label": "A" },
        { "id": "n", "type": "calculate", "compute": "count_if(a, a > 1)" }
        """))
        XCTAssertEqual(errors.count, 1)
        XCTAssertTrue(errors[0].hasSuffix("the first argument of count_if must be a repeat group, e.g. count_if(members, age(member_birth) < 18)"), errors[0])
    }

    func testUniqueIgnoresEmptyValues() throws {
        let form = try XCTUnwrap(loadForm(formJSON(fields: """
        { "id": "members", "type": "repeat", "label": "Thành viên", "fields": [
            { "id": "member_id", "type": "id_number", "label": "Số định danh" } ] },
        { "id": "ids_unique", "type": "calculate", "compute": "unique(member_id)" }
        """)))
        var state = FormState(form: form, today: fixedToday)
        let group = form.fieldIndexByID["members"]!
        for _ in 0..<3 { _ = state.addItem(group) }
        state.set("member_id", "001090012345", item: 0)
        XCTAssertEqual(state.value(path(form, "ids_unique")), .bool(true), "two empty answers are not the same id")
        state.set("member_id", "001090012345", item: 2)
        XCTAssertEqual(state.value(path(form, "ids_unique")), .bool(false))
    }

    // MARK: lookup and choice_label

    func testLookupReadsAnotherColumnCheckedAtLoad() throws {
        let form = try XCTUnwrap(loadForm(formJSON(fields: """
        { "id": "commune", "type": "choice", "dataset": "communes-2025", "label": "Xã" },
        { "id": "commune_type", "type": "calculate", "compute": "lookup('communes-2025', commune, 'type')" },
        { "id": "province_name", "type": "calculate", "compute": "lookup('provinces-2025', lookup('communes-2025', commune, 'parent'), 'name')" },
        { "id": "nothing", "type": "calculate", "compute": "lookup('provinces-2025', '99', 'name')" }
        """)))
        var state = FormState(form: form, today: fixedToday)
        state.set("commune", "00004")
        XCTAssertEqual(state.value(path(form, "commune_type")), .text("Phường"))
        XCTAssertEqual(state.value(path(form, "province_name")), .text("Thành phố Hà Nội"))
        XCTAssertEqual(state.value(path(form, "nothing")), .null, "no row with that code")
        let badColumn = messages(formJSON(fields: """
        { "id": "x", "type": "calculate", "compute": "lookup('provinces-2025', '01', 'level')" }
        """))
        XCTAssertEqual(badColumn.count, 1)
        XCTAssertTrue(badColumn[0].contains("dataset “provinces-2025” has no column “level”; columns: aliases, code, name, name_en"), badColumn[0])
        let computedName = messages(formJSON(fields: """
        { "id": "d", "type": "text", "label": "D" },
        { "id": "x", "type": "calculate", "compute": "lookup(d, '01', 'name')" }
        """))
        XCTAssertTrue(computedName[0].hasSuffix("the dataset of lookup() must be written in the form, e.g. lookup('vsic-2025', code, 'level')"), computedName[0])
        let missing = messages(formJSON(fields: "{ \"id\": \"x\", \"type\": \"calculate\", \"compute\": \"lookup('vsic-1999', '01', 'name')\" }"))
        XCTAssertTrue(missing[0].hasSuffix("no dataset “vsic-1999” in Forms/datasets"), missing[0])
    }

    func testChoiceLabelIsVietnamese() throws {
        let form = try XCTUnwrap(loadForm(formJSON(fields: """
        { "id": "gender", "type": "choice", "label": "Giới tính", "options": [
            { "value": "male", "label": { "vi": "Nam", "en": "Male" } }, { "value": "female", "label": { "vi": "Nữ", "en": "Female" } } ] },
        { "id": "ethnicity", "type": "choice", "dataset": "ethnic-groups", "label": "Dân tộc" },
        { "id": "sentence", "type": "calculate", "compute": "'Giới tính ' + choice_label(gender) + ', dân tộc ' + choice_label(ethnicity)" },
        { "id": "nothing", "type": "calculate", "compute": "choice_label(gender)" }
        """)))
        var state = FormState(form: form, today: fixedToday)
        XCTAssertEqual(state.value(path(form, "nothing")), .null, "no choice yet")
        state.set("gender", "female")
        state.set("ethnicity", "02")
        XCTAssertEqual(state.value(path(form, "sentence")), .text("Giới tính Nữ, dân tộc Tày"))
        let notChoice = messages(formJSON(fields: """
        { "id": "name", "type": "text", "label": "Tên" },
        { "id": "x", "type": "calculate", "compute": "choice_label(name)" }
        """))
        XCTAssertTrue(notChoice[0].hasSuffix("“name” is not a choice or multichoice field"), notChoice[0])
    }

    // MARK: choice_filter and show_codes

    func testChoiceFilterByExpression() throws {
        let form = try XCTUnwrap(loadForm(formJSON(fields: """
        { "id": "province", "type": "choice", "dataset": "provinces-2025", "label": "Tỉnh" },
        { "id": "ward_only", "type": "yesno", "label": "Chỉ phường" },
        { "id": "commune", "type": "choice", "dataset": "communes-2025", "label": "Xã",
          "choice_filter": "row('parent') = province and (ward_only != true or row('type') = 'Phường')" },
        { "id": "relation", "type": "choice", "label": "Quan hệ", "choice_filter": "row('value') != 'self' or ward_only = true",
          "options": [ { "value": "self", "label": "Bản thân" }, { "value": "child", "label": "Con" } ] }
        """)))
        var state = FormState(form: form, today: fixedToday)
        let commune = form.fields[form.fieldIndexByID["commune"]!]
        let all = realDatasets["communes-2025"]!.rows
        XCTAssertEqual(state.offered(all, field: commune, item: nil), [], "no province chosen: nothing is offered")
        state.set("province", "01")
        let hanoi = state.offered(all, field: commune, item: nil)
        XCTAssertEqual(hanoi.count, all.filter { $0.parent == "01" }.count)
        state.set("ward_only", "yes")
        let wards = state.offered(all, field: commune, item: nil)
        XCTAssertTrue(!wards.isEmpty && wards.count < hanoi.count && wards.allSatisfy { $0.extra["type"] == "Phường" })
        state.set("commune", "00004")
        XCTAssertEqual(state.issues(path(form, "commune")), [])
        state.set("province", "04")
        XCTAssertEqual(state.issues(path(form, "commune")).map(\.en), ["This choice no longer fits the answers above; choose again."])
        let relation = form.fields[form.fieldIndexByID["relation"]!]
        XCTAssertEqual(state.offeredOptions(field: relation, item: nil).map(\.value), ["self", "child"])
        state.set("ward_only", "no")
        XCTAssertEqual(state.offeredOptions(field: relation, item: nil).map(\.value), ["child"], "row('value') of an option")
        state.set("relation", "self")
        XCTAssertFalse(state.issues(path(form, "relation")).isEmpty)
    }

    func testChoiceFilterChecksItsColumnsAndPlace() {
        let badColumn = messages(formJSON(fields: """
        { "id": "c", "type": "choice", "dataset": "provinces-2025", "label": "Tỉnh", "choice_filter": "row('level') = '4'" }
        """))
        XCTAssertEqual(badColumn.count, 1)
        XCTAssertTrue(badColumn[0].hasSuffix("no column “level”; columns: aliases, code, name, name_en"), badColumn[0])
        let outside = messages(formJSON(fields: """
        { "id": "x", "type": "calculate", "compute": "row('code')" }
        """))
        XCTAssertTrue(outside[0].hasSuffix("row() is only allowed in a choice_filter"), outside[0])
        let onText = messages(formJSON(fields: """
        { "id": "x", "type": "text", "label": "X", "show_codes": true }
        """))
        XCTAssertTrue(onText[0].hasSuffix("“show_codes” does not apply to type text"), onText[0])
        let onOptions = messages(formJSON(fields: """
        { "id": "x", "type": "choice", "label": "X", "show_codes": true, "options": [ { "value": "a", "label": "A" } ] }
        """))
        XCTAssertTrue(onOptions[0].hasSuffix("“show_codes” only applies with a “dataset”"), onOptions[0])
    }

    func testCodesFirstInSearch() {
        let rows = [DatasetRow(code: "4711", name: "Bán lẻ lương thực"), DatasetRow(code: "5610", name: "Nhà hàng 47 món"),
                    DatasetRow(code: "4722", name: "Bán lẻ thực phẩm")]
        let d = Dataset(name: "t", rows: rows)
        XCTAssertEqual(d.search("47").map(\.code), ["4722", "4711", "5610"], "without codes: a code's start ranks as a name's start, the shorter name first")
        XCTAssertEqual(d.search("47", codesFirst: true).map(\.code), ["4711", "4722", "5610"], "codes that start with what is typed first")
        XCTAssertEqual(d.search("ban le", codesFirst: true).map(\.code), ["4722", "4711"], "names are still found, the shorter first")
    }

    // MARK: the fee

    private func feeForm(_ fee: String) -> String {
        formJSON(fields: """
        { "id": "pages", "type": "integer", "label": "Số trang" },
        { "id": "exempt", "type": "yesno", "label": "Miễn phí" }
        """).replacingOccurrences(of: "\"fee\": { \"amount\": 0 }", with: "\"fee\": \(fee)")
    }

    func testFeeComputedFromAnswers() throws {
        let form = try XCTUnwrap(loadForm(feeForm("""
        { "amount": "if(exempt, 0, 2000 * min(pages, 2) + 1000 * max(pages - 2, 0))", "note": "2.000 đồng/trang" }
        """)))
        XCTAssertNotNil(form.procedure.feeExpression)
        XCTAssertEqual(form.procedure.feeAmount, 0)
        var state = FormState(form: form, today: fixedToday)
        state.set("pages", "1")
        XCTAssertEqual(state.fee, 2000)
        state.set("pages", "5")
        XCTAssertEqual(state.fee, 7000)
        state.set("exempt", "yes")
        XCTAssertEqual(state.fee, 0)
        let perCopy = try XCTUnwrap(loadForm(feeForm("{ \"amount\": \"8000 * pages\" }")))
        var copies = FormState(form: perCopy, today: fixedToday)
        XCTAssertNil(copies.fee, "nothing to compute from yet")
        copies.set("pages", "3")
        XCTAssertEqual(copies.fee, 24000)
        let flat = try XCTUnwrap(loadForm(feeForm("{ \"amount\": 15000 }")))
        XCTAssertEqual(FormState(form: flat, today: fixedToday).fee, 15000)
        let broken = messages(feeForm("{ \"amount\": \"2000 * pagez\" }"))
        XCTAssertEqual(broken.count, 1)
        XCTAssertTrue(broken[0].hasSuffix("no field “pagez”; did you mean “pages”?"), broken[0])
    }

    // MARK: text built from answers

    func testTemplatesInLabelsHelpAndNotes() throws {
        let form = try XCTUnwrap(loadForm(formJSON(fields: """
        { "id": "capital", "type": "money", "label": "Vốn" },
        { "id": "capital_note", "type": "note", "text": { "vi": "Bằng chữ: ${money_words(capital)}", "en": "In words: ${money_words(capital)}" } },
        { "id": "name", "type": "text", "label": "Tên", "help": "Vốn ${capital} đồng, ${if(capital > 1000000000, 'trên', 'dưới')} 1 tỷ" },
        { "id": "members", "type": "repeat", "label": "Thành viên", "fields": [
            { "id": "member_name", "type": "text", "label": "Họ tên thành viên ${member_name}" } ] }
        """)))
        var state = FormState(form: form, today: fixedToday)
        let note = path(form, "capital_note")
        XCTAssertEqual(state.noteText(of: note), LocalizedText(vi: "Bằng chữ:", en: "In words:"), "an empty answer is an empty string, no space left at the end")
        state.set("capital", "150.000.000")
        XCTAssertEqual(state.noteText(of: note), LocalizedText(vi: "Bằng chữ: Một trăm năm mươi triệu đồng",
                                                               en: "In words: Một trăm năm mươi triệu đồng"))
        XCTAssertEqual(state.help(of: path(form, "name"))?.vi, "Vốn 150000000 đồng, dưới 1 tỷ")
        XCTAssertEqual(state.label(of: path(form, "name")).vi, "Tên", "a label without ${ } is itself")
        _ = state.addItem(form.fieldIndexByID["members"]!)
        _ = state.addItem(form.fieldIndexByID["members"]!)
        state.set("member_name", "An", item: 1)
        XCTAssertEqual(state.label(of: path(form, "member_name", 1)).vi, "Họ tên thành viên An", "the item's own answer")
        XCTAssertEqual(state.label(of: path(form, "member_name", 0)).vi, "Họ tên thành viên")
    }

    func testTemplateMistakesAreReportedWhereTheyStand() {
        let errors = messages(formJSON(fields: """
        { "id": "capital", "type": "money", "label": "Vốn ${money_wrds(capital)}" },
        { "id": "other", "type": "text", "label": { "vi": "Khác ${capital", "en": "Other" } }
        """))
        XCTAssertEqual(errors.count, 2, "\(errors)")
        XCTAssertTrue(errors[0].contains("unknown function “money_wrds”"), errors[0])
        XCTAssertTrue(errors[1].hasSuffix("missing } to close ${"), errors[1])
    }

    // MARK: business keys

    func testBusinessRoleIsInTheDictionary() {
        for attribute in ["name", "address", "lines", "capital", "phone", "email", "tax_code", "registration_number"] {
            XCTAssertTrue(SemanticKeys.attributes.contains(attribute), attribute)
        }
        XCTAssertTrue(SemanticKeys.roles.contains("business"))
        let warnings = FormLoader.load(bytes: Array(formJSON(fields: """
        { "id": "business_name", "key": "business.name", "type": "text", "label": "Tên hộ kinh doanh" }
        """).utf8), file: "t.json", datasets: realDatasets).1
        XCTAssertEqual(warnings, [], "no warning: the key is in the dictionary")
    }
}

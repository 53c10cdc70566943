import XCTest
@testable import KioskCore

/// The mistakes that used to load without a word and fail only when a
/// citizen used the form: each is an error at load, at its place inside the
/// expression, saying what was expected, in both languages.
final class FormCheckerTests: XCTestCase {
    /// The first error of a form, and the form's text from its line and
    /// column to the end of that line (where it points).
    private func firstError(_ json: String, file: StaticString = #filePath, line: UInt = #line) throws -> (diagnostic: FormDiagnostic, at: String) {
        let e = try XCTUnwrap(loadErrors(json).first, "the form loaded without an error", file: file, line: line)
        let lines = json.split(separator: "\n", omittingEmptySubsequences: false)
        let text = Array(lines[e.location.line - 1].unicodeScalars)
        var rest = String.UnicodeScalarView()
        rest.append(contentsOf: text.dropFirst(e.location.column - 1))
        return (e, String(rest))
    }

    private func loads(_ fields: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertNotNil(loadForm(formJSON(fields: fields), file: file, line: line))
    }

    private let group = """
    { "id": "members", "type": "repeat", "label": "M", "fields": [
      { "id": "member_name", "type": "text", "label": "N" },
      { "id": "member_fee", "type": "money", "label": "F" },
      { "id": "member_birth", "type": "date", "label": "B" },
      { "id": "member_head", "type": "yesno", "label": "H" }
    ] }
    """

    // MARK: The silent mistakes of issue 14

    func testADateComparedWithANumberIsAnError() throws {
        let json = formJSON(fields: """
        { "id": "birth", "type": "date", "label": "B", "constraints": [ { "check": ". <= 2025", "message": "x" } ] }
        """)
        let (e, at) = try firstError(json)
        XCTAssertEqual(e.location.line, 15)
        XCTAssertTrue(at.hasPrefix("<= 2025"), at)
        XCTAssertEqual(e.message.en, "“<=” compares a date with a number, which is always false; to compare the year, write year(.) <= 2025, "
                       + "or compare with a date: date('yyyy-mm-dd')")
        XCTAssertTrue(e.message.vi.hasPrefix("“<=” so sánh một ngày với một số: luôn sai"), e.message.vi)
        loads("""
        { "id": "birth", "type": "date", "label": "B", "constraints": [
          { "check": ". <= today()", "message": "x" }, { "check": "year(.) <= 2025", "message": "x" },
          { "check": ". <= date('2025-12-31') and . > add_years(today(), -150)", "message": "x" } ] }
        """)
    }

    func testArithmeticOnATextIsAnError() throws {
        let json = formJSON(fields: textField("owner_name") + ",\n" + """
        { "id": "twice", "type": "integer", "label": "T", "compute": "1 + owner_name * 2" }
        """)
        let (e, at) = try firstError(json)
        XCTAssertEqual(e.location.line, 16)
        XCTAssertTrue(at.hasPrefix("owner_name * 2"), at)
        XCTAssertEqual(e.message.en, "“*” takes numbers; owner_name is a text; if the text holds a number, use number(owner_name)")
        XCTAssertEqual(e.message.vi, "“*” cần số; owner_name là một văn bản; nếu văn bản là một số, dùng number(owner_name)")
        // `+` joins texts, but a number written as text (a choice's value) would be joined, not added.
        let copies = formJSON(fields: """
        { "id": "copies", "type": "choice", "label": "C", "options": [ { "value": "1", "label": "1" }, { "value": "2", "label": "2" } ] },
        { "id": "total", "type": "integer", "label": "T", "compute": "copies + 1" }
        """)
        let (e2, at2) = try firstError(copies)
        XCTAssertTrue(at2.hasPrefix("copies + 1"), at2)
        XCTAssertTrue(e2.message.en.hasPrefix("“+” joins texts: copies is a text holding a number"), e2.message.en)
        loads(textField("owner_name") + ",\n" + """
        { "id": "copies", "type": "choice", "label": "C", "options": [ { "value": "1", "label": "1" }, { "value": "2", "label": "2" } ] },
        { "id": "total", "type": "integer", "label": "T", "compute": "number(copies) + 1", "visible_if": "copies = 2 or copies > 1" },
        { "id": "title", "type": "text", "label": "T", "compute": "'Ông ' + owner_name + ' (' + text(number(copies) * 2) + ')'" }
        """)
    }

    func testAConditionMustBeYesOrNo() throws {
        let json = formJSON(fields: textField("owner_name") + ",\n" + textField("other", "\"visible_if\": \"owner_name\""))
        let (e, at) = try firstError(json)
        XCTAssertTrue(at.hasPrefix("owner_name\""), at)
        XCTAssertEqual(e.message.en, "“visible_if” must be a yes/no condition; owner_name is a text: a text is never true; write e.g. not is_empty(owner_name)")
        XCTAssertEqual(e.message.vi, "“visible_if” phải là một điều kiện có/không; owner_name là một văn bản: một văn bản không bao giờ đúng; "
                       + "ví dụ viết not is_empty(owner_name)")

        // Every place a condition stands: required, a check, if(), and, or, not, a page.
        let fields = textField("owner_name") + ",\n" + "{ \"id\": \"age\", \"type\": \"integer\", \"label\": \"A\" },\n"
        func error(_ field: String) throws -> (String, String) {
            let (e, at) = try firstError(formJSON(fields: fields + field))
            return (e.message.en, at)
        }
        var (message, at2) = try error(textField("x", "\"required\": \"age\""))
        XCTAssertTrue(message.hasPrefix("“required” must be a yes/no condition; age is a number: a number is never true; write e.g. age > 0"), message)
        XCTAssertTrue(at2.hasPrefix("age\""), at2)
        (message, at2) = try error(textField("x", "\"constraints\": [{ \"check\": \"len(.)\", \"message\": \"m\" }]"))
        XCTAssertTrue(message.hasPrefix("“check” must be a yes/no condition; len(…) is a number"), message)
        (message, at2) = try error(textField("x", "\"visible_if\": \"if(owner_name, true, false)\""))
        XCTAssertTrue(message.hasPrefix("if() takes a yes/no condition as its 1st argument; owner_name is a text"), message)
        XCTAssertTrue(at2.hasPrefix("owner_name, true"), at2)
        (message, at2) = try error(textField("x", "\"visible_if\": \"age > 1 and owner_name\""))
        XCTAssertTrue(message.hasPrefix("“and” joins yes/no conditions; owner_name is a text"), message)
        XCTAssertTrue(at2.hasPrefix("owner_name\""), at2)
        (message, at2) = try error(textField("x", "\"visible_if\": \"owner_name or age > 1\""))
        XCTAssertTrue(message.hasPrefix("“or” joins yes/no conditions; owner_name is a text"), message)
        (message, at2) = try error(textField("x", "\"visible_if\": \"not age\""))
        XCTAssertTrue(message.hasPrefix("“not” takes a yes/no condition; age is a number"), message)
        XCTAssertTrue(at2.hasPrefix("age\""), at2)
        (message, _) = try error(textField("x", "\"visible_if\": \"null\""))
        XCTAssertEqual(message, "“visible_if” must be a yes/no condition; null is never true")
        let page = formJSON(pages: "[{ \"id\": \"p1\", \"title\": \"P\", \"visible_if\": \"1 + 1\", \"fields\": [\(textField("a"))] }]")
        XCTAssertTrue(try firstError(page).diagnostic.message.en.hasPrefix("“visible_if” must be a yes/no condition; this value is a number"))

        loads(fields + textField("x", """
        "visible_if": "not is_empty(owner_name) and (age > 1 or age = null)", "required": "if(age > 18, true, false)",
        "constraints": [{ "check": "len(.) <= 3 and not contains(., owner_name)", "message": "m" }]
        """))
    }

    func testAGroupsFieldReadFromOutsideIsAListNotOneValue() throws {
        let json = formJSON(fields: group + ",\n" + textField("x", "\"visible_if\": \"member_name = 'A'\""))
        let (e, at) = try firstError(json)
        XCTAssertTrue(at.hasPrefix("= 'A'"), at)
        XCTAssertEqual(e.message.en, "“=” compares a list of texts with a text, which is always false; member_name is a list of texts "
                       + "(the answers of every item of the repeat group “members”, read from outside it); use contains(member_name, 'A')")
        XCTAssertTrue(e.message.vi.contains("nhóm lặp “members”"), e.message.vi)

        for (expression, fix) in [("member_fee > 100", "sum(member_fee)"), ("member_head", "count(member_head) > 0"),
                                  ("age(member_birth) < 18", "age() takes a date")] {
            let (e2, _) = try firstError(formJSON(fields: group + ",\n" + textField("x", "\"visible_if\": \"\(expression)\"")))
            XCTAssertTrue(e2.message.en.contains(fix), "\(expression): \(e2.message.en)")
        }
        let money = formJSON(fields: group + ",\n" + "{ \"id\": \"t\", \"type\": \"money\", \"label\": \"T\", \"compute\": \"member_fee\" }")
        XCTAssertEqual(try firstError(money).diagnostic.message.en,
                       "“compute” of a field of type money must give a number; member_fee gives a list of numbers; use sum(…)")

        // Lists are what count, sum, contains, min, max, len and is_empty take;
        // inside the group, a field of the same group is one answer.
        loads(group.replacingOccurrences(of: "\"label\": \"F\"", with: "\"label\": \"F\", \"visible_if\": \"member_name = 'A' and member_head\"")
              + ",\n" + """
        { "id": "n", "type": "integer", "label": "N", "compute": "count(members) + count(member_name) + len(member_name)" },
        { "id": "total", "type": "money", "label": "T", "compute": "sum(member_fee) + max(member_fee, 0)" },
        { "id": "eldest", "type": "date", "label": "E", "compute": "min(member_birth)" },
        { "id": "x", "type": "text", "label": "X", "visible_if": "contains(member_name, 'A') or contains(member_head, true) or is_empty(member_fee)" }
        """)
    }

    func testAFilterThatRefusesEveryChoiceIsAnError() throws {
        func filterError(_ fields: String) throws -> (String, String) {
            let (e, at) = try firstError(formJSON(fields: fields))
            return (e.message.en, at)
        }
        let province = "{ \"id\": \"province\", \"type\": \"choice\", \"label\": \"P\", \"dataset\": \"provinces-2025\" },\n"
        var (message, at) = try filterError(province + """
        { "id": "ethnic", "type": "choice", "label": "E", "dataset": "ethnic-groups", "filter": "province" }
        """)
        XCTAssertEqual(message, "the dataset “ethnic-groups” has no parent column (or it is empty): with “filter”, every choice would be refused")
        XCTAssertTrue(at.hasPrefix("\"province\" }"), at)
        (message, _) = try filterError(province + """
        { "id": "kind", "type": "choice", "label": "K", "options": [ { "value": "a", "label": "A" } ], "filter": "province" }
        """)
        XCTAssertEqual(message, "“filter” works with a “dataset” (by its parent column), not with “options”")
        (message, _) = try filterError("""
        { "id": "country", "type": "choice", "label": "C", "dataset": "nationalities" },
        { "id": "commune", "type": "choice", "label": "X", "dataset": "communes-2025", "filter": "country" }
        """)
        XCTAssertEqual(message, "no row of “communes-2025” has a parent among the values of “country”: with “filter”, every choice would be refused")

        loads(province + """
        { "id": "commune", "type": "choice", "label": "X", "dataset": "communes-2025", "filter": "province" },
        { "id": "home", "type": "address", "label": "H" },
        { "id": "commune2", "type": "choice", "label": "Y", "dataset": "communes-2025", "filter": "home" }
        """)
    }

    func testAConditionalDocumentNoFieldOffersIsAnError() throws {
        let documents = """
        [{ "code": "UQ", "name": "Giấy uỷ quyền", "required": "agent = true" }]
        """
        let agent = "{ \"id\": \"agent\", \"type\": \"yesno\", \"label\": \"A\" }"
        let json = formJSON(pages: "[{ \"id\": \"p1\", \"title\": \"P\", \"fields\": [\(agent)] }]", documents: documents)
        let (e, at) = try firstError(json)
        XCTAssertTrue(at.hasPrefix("agent = true"), at)
        XCTAssertEqual(e.message.en, "document component “UQ” is required on a condition, but no document field (outside repeat groups) offers it, "
                       + "so the kiosk can never ask for it; add a field { \"type\": \"document\", \"component\": \"UQ\" }")
        XCTAssertTrue(e.message.vi.hasPrefix("thành phần hồ sơ “UQ” bắt buộc theo điều kiện"), e.message.vi)
        // Not a yes/no condition either: said as for a field.
        let text = formJSON(pages: "[{ \"id\": \"p1\", \"title\": \"P\", \"fields\": [\(agent), \(textField("name"))] }]",
                            documents: documents.replacingOccurrences(of: "agent = true", with: "name"))
        XCTAssertTrue(try firstError(text).diagnostic.message.en.hasPrefix("“required” must be a yes/no condition; name is a text"))

        let offered = formJSON(pages: """
        [{ "id": "p1", "title": "P", "fields": [\(agent), { "id": "uq", "type": "document", "label": "U", "component": "UQ" }] }]
        """, documents: documents)
        XCTAssertNotNil(loadForm(offered))
    }

    func testRequiredYesInQuotesSaysWhatToWrite() throws {
        let json = formJSON(fields: textField("a", "\"required\": \"yes\""))
        let (e, at) = try firstError(json)
        XCTAssertTrue(at.hasPrefix("yes\""), at)
        XCTAssertEqual(e.message.en, "“required” is true, false or an expression, not the text \"yes\"; write \"required\": true (without quotes)")
        XCTAssertEqual(e.message.vi, "“required” là true, false hoặc một biểu thức, không phải chuỗi \"yes\"; viết \"required\": true (không có ngoặc kép)")
        let no = formJSON(fields: textField("a", "\"required\": \"Không\""))
        XCTAssertTrue(try firstError(no).diagnostic.message.en.hasSuffix("write \"required\": false (without quotes)"))
        // A field that is really called `yes` is a condition like any other.
        loads("{ \"id\": \"yes\", \"type\": \"yesno\", \"label\": \"Y\" },\n" + textField("a", "\"required\": \"yes\""))
    }

    func testAComputedValueMustBeOfItsFieldsType() throws {
        let base = "{ \"id\": \"birth\", \"type\": \"date\", \"label\": \"B\" },\n{ \"id\": \"n\", \"type\": \"integer\", \"label\": \"N\" },\n"
        for (field, expected) in [
            ("{ \"id\": \"c\", \"type\": \"date\", \"label\": \"C\", \"compute\": \"n * 2\" }",
             "“compute” of a field of type date must give a date; this expression gives a number"),
            ("{ \"id\": \"c\", \"type\": \"integer\", \"label\": \"C\", \"compute\": \"birth\" }",
             "“compute” of a field of type integer must give a number; birth gives a date"),
            ("{ \"id\": \"c\", \"type\": \"text\", \"label\": \"C\", \"compute\": \"n\" }",
             "“compute” of a field of type text must give a text; n gives a number; use text(…)"),
            ("{ \"id\": \"c\", \"type\": \"yesno\", \"label\": \"C\", \"compute\": \"n\" }",
             "“compute” of a field of type yesno must give a yes/no value; n gives a number"),
            ("{ \"id\": \"c\", \"type\": \"money\", \"label\": \"C\", \"compute\": \"'200000'\" }",
             "“compute” of a field of type money must give a number; '200000' gives a text; use number(…)"),
        ] {
            let (e, at) = try firstError(formJSON(fields: base + field))
            XCTAssertEqual(e.message.en, expected)
            XCTAssertEqual(e.location.line, 17)
            XCTAssertTrue(field.contains(at.prefix(while: { $0 != "\"" })), at)
        }
        // The default is read as an answer of the field's type.
        let badDefault = formJSON(fields: "{ \"id\": \"n\", \"type\": \"integer\", \"label\": \"N\", \"default\": \"two\" }")
        XCTAssertEqual(try firstError(badDefault).diagnostic.message.en, "invalid default: Enter a whole number, e.g. 2.")
        loads(base + """
        { "id": "c1", "type": "date", "label": "C", "compute": "add_days(birth, n)" },
        { "id": "c2", "type": "integer", "label": "C", "compute": "age(birth)" },
        { "id": "c3", "type": "text", "label": "C", "compute": "text(n) + ' năm'" },
        { "id": "c4", "type": "yesno", "label": "C", "compute": "age(birth) >= 18" },
        { "id": "c5", "type": "money", "label": "C", "compute": "if(n > 2, 2000 * n, null)" },
        { "id": "c6", "type": "decimal", "label": "C", "compute": "coalesce(n, 0) / 3" }
        """)
    }

    // MARK: Other types

    func testFunctionArgumentsAndBranchesAreChecked() throws {
        let base = "{ \"id\": \"birth\", \"type\": \"date\", \"label\": \"B\" },\n{ \"id\": \"n\", \"type\": \"integer\", \"label\": \"N\" },\n"
        for (expression, expected, pointsAt) in [
            ("age(n) > 1", "age() takes a date as its 1st argument; n is a number", "n) > 1"),
            ("if(n > 1, 1, 'x') > 0", "if() takes a number as its 3rd argument; 'x' is a text", "if(n > 1"),
            ("coalesce(birth, 0) > 0", "coalesce() takes a date as its 2nd argument; 0 is a number", "coalesce("),
            ("upper(n) = 'A'", "upper() takes a text as its 1st argument; n is a number", "n) = 'A'"),
            ("add_days(birth, birth) > today()", "add_days() takes a number as its 2nd argument; birth is a date", "birth) > today"),
            ("birth + birth > today()", "“+” adds numbers (or days to a date) or joins texts; birth is a date", "birth > today"),
            ("-birth < 0", "“-” takes numbers (or dates); birth is a date", "birth < 0"),
            ("n = true", "“=” compares a number with a yes/no value, which is always false; n is a number; true is a yes/no value", "= true"),
        ] {
            let (e, at) = try firstError(formJSON(fields: base + textField("x", "\"visible_if\": \"\(expression)\"")))
            XCTAssertEqual(e.message.en, expected, expression)
            XCTAssertTrue(at.hasPrefix(pointsAt), "\(expression): \(at)")
        }
        let summary = formJSON(pages: "[{ \"id\": \"p1\", \"title\": \"P\", \"fields\": [\(textField("a"))] }]", summary: "a = 'x'")
        XCTAssertEqual(try firstError(summary).diagnostic.message.en, "“summary” must give a text; this expression gives a yes/no value; use text(…)")
    }

    /// Inside `count_if(group, condition)`, a field of that group is the
    /// answer of the item being counted, as the compiler resolves it; a
    /// field of another group is still the list of its answers.
    func testCountIfReadsTheCountedGroupsFieldsOneItemAtATime() throws {
        let others = """
        { "id": "others", "type": "repeat", "label": "O", "fields": [ { "id": "other_name", "type": "text", "label": "N" } ] }
        """
        // On the group itself (its own check), on a field outside it, and on a field of another group.
        loads(group.replacingOccurrences(of: "\"label\": \"M\",", with: """
        "label": "M", "constraints": [ { "check": "count_if(members, member_head) = 1 and . >= count_if(members, member_name = 'A')", "message": "m" } ],
        """) + ",\n" + others + ",\n" + """
        { "id": "minors", "type": "integer", "label": "N", "compute": "count_if(members, age(member_birth) < 18 and member_fee > 0)" },
        { "id": "x", "type": "text", "label": "X", "visible_if": "count_if(members, contains(other_name, member_name)) > 0 and count(member_head) > 0" }
        """)

        func error(_ fields: String) throws -> (String, String) {
            let (e, at) = try firstError(formJSON(fields: group + ",\n" + others + ",\n" + fields))
            return (e.message.en, at)
        }
        // The condition must still be yes/no: one item's text is a text, not a list.
        var (message, at) = try error(textField("x", "\"visible_if\": \"count_if(members, member_name) > 0\""))
        XCTAssertEqual(message, "count_if() takes a yes/no condition as its 2nd argument; member_name is a text: a text is never true; "
                       + "write e.g. not is_empty(member_name)")
        XCTAssertTrue(at.hasPrefix("member_name) > 0"), at)
        // Another group's field inside the condition is a list.
        (message, at) = try error(textField("x", "\"visible_if\": \"count_if(members, other_name = member_name) > 0\""))
        XCTAssertTrue(message.hasPrefix("“=” compares a list of texts with a text, which is always false; other_name is a list of texts "
                                        + "(the answers of every item of the repeat group “others”"), message)
        // After count_if, the group's field is read from outside again.
        (message, at) = try error(textField("x", "\"visible_if\": \"count_if(members, member_head) > 0 and member_head\""))
        XCTAssertTrue(message.hasPrefix("“and” joins yes/no conditions; member_head is a list of yes/no values"), message)
        XCTAssertTrue(at.hasPrefix("member_head\""), at)
        // Inside another group, count_if's group is the one in scope: the
        // field's own group is read as a list there (the compiler reads all its items).
        let nested = group.replacingOccurrences(of: "\"label\": \"H\" }", with: """
        "label": "H", "visible_if": "count_if(others, other_name = member_name) > 0" }
        """)
        let (e, _) = try firstError(formJSON(fields: others + ",\n" + nested))
        XCTAssertTrue(e.message.en.contains("member_name is a list of texts"), e.message.en)
    }

    /// The functions of the new format: what they take and give.
    func testTheNewFunctionsTakeAndGiveTheirTypes() throws {
        let base = group + ",\n" + """
        { "id": "n", "type": "integer", "label": "N" },
        { "id": "birth", "type": "date", "label": "B" },
        { "id": "name", "type": "text", "label": "T" },
        { "id": "kind", "type": "choice", "label": "K", "options": [ { "value": "a", "label": "A" }, { "value": "b", "label": "B" } ] },
        { "id": "kinds", "type": "multichoice", "label": "K", "options": [ { "value": "1", "label": "A" }, { "value": "2", "label": "B" } ] },
        { "id": "line", "type": "choice", "label": "L", "dataset": "vsic-2025", "show_codes": true },

        """
        loads(base + """
        { "id": "c1", "type": "yesno", "label": "C", "compute": "unique(member_name) and unique(kinds) and count_if(members, member_head) <= 1" },
        { "id": "c2", "type": "text", "label": "C", "compute": "money_words(n * 1000) + ' ' + date_words(birth) + choice_label(kind) + lookup('vsic-2025', line, 'name')" },
        { "id": "c3", "type": "yesno", "label": "C", "compute": "contains(choice_label(kinds), 'A') and lookup('vsic-2025', line, 'division') = 47" },
        { "id": "c4", "type": "decimal", "label": "C", "compute": "coalesce(province_rule('min_floor_area_m2'), 8) * n" },
        { "id": "c5", "type": "choice", "label": "C", "dataset": "vsic-2025", "choice_filter": "row('division') != '84' and row('code') > 100 and row('name') != name" },
        { "id": "c6", "type": "choice", "label": "C", "options": [ { "value": "1", "label": "A" } ], "choice_filter": "row('value') < n and row('label') != kind" }
        """)

        for (expression, expected, pointsAt) in [
            ("unique(n)", "unique() takes a list as its 1st argument; n is a number", "n)"),
            ("money_words(name) = ''", "money_words() takes a number as its 1st argument; name is a text", "name)"),
            ("date_words(n) = ''", "date_words() takes a date as its 1st argument; n is a number", "n)"),
            ("choice_label(kinds) = 'A'", "“=” compares a list of texts with a text, which is always false; choice_label(…) is a list of texts", "= 'A'"),
            ("choice_label(member_name) = 'A'", "“member_name” is not a choice or multichoice field", "member_name)"),
            ("lookup('vsic-2025', line, 'name') * 2 > 1", "“*” takes numbers; lookup(…) is a text", "lookup("),
            ("lookup('vsic-2025', line, 'nam') = ''", "dataset “vsic-2025” has no column “nam”; columns: aliases, code, division, level, name", "lookup("),
            ("province_rule('min_floor_area_m2') = 'x'", "“=” compares a number with a text, which is always false", "= 'x'"),
            ("province_rule('basis') > 3", "“>” compares a text with a number, which is always false", "> 3"),
            ("province_rule('min_floor_area') > 3", "datasets/province-rules.csv has no column “min_floor_area”, so province_rule() is always empty; "
             + "columns: basis, min_floor_area_m2", "province_rule("),
            ("province_rule(name) > 3", "province_rule() takes a text written in the form (in quotes) as its 1st argument; name is a text", "name)"),
            ("count_if(members, member_head) = 'x'", "“=” compares a number with a text, which is always false", "= 'x'"),
            ("count_if(n, true) > 0", "the first argument of count_if must be a repeat group", "count_if("),
            ("row('code') = ''", "row() is only allowed in a choice_filter", "row("),
        ] {
            let (e, at) = try firstError(formJSON(fields: base + textField("x", "\"visible_if\": \"\(expression)\"")))
            XCTAssertTrue(e.message.en.hasPrefix(expected), "\(expression): \(e.message.en)")
            XCTAssertTrue(at.hasPrefix(pointsAt), "\(expression): \(at)")
        }
        // row() reads the candidate's columns: a name is a text.
        let filter = formJSON(fields: base + """
        { "id": "c", "type": "choice", "label": "C", "dataset": "vsic-2025", "choice_filter": "row('name') > 4" }
        """)
        XCTAssertTrue(try firstError(filter).diagnostic.message.en.hasPrefix("“>” compares a text with a number"))
    }

    /// A `calculate` field holds whatever its compute gives: expressions
    /// read it as that type, whichever comes first in the file.
    func testACalculateFieldIsOfItsComputesType() throws {
        let fields = group.replacingOccurrences(of: "{ \"id\": \"member_head\"", with: """
        { "id": "member_double", "type": "calculate", "compute": "member_fee * 2" },
          { "id": "member_head"
        """) + ",\n" + textField("name") + ",\n" + """
        { "id": "later", "type": "calculate", "compute": "total + 1" },
        { "id": "total", "type": "calculate", "compute": "sum(member_double) + 1000" },
        { "id": "one_head", "type": "calculate", "compute": "count_if(members, member_head) = 1" },
        { "id": "words", "type": "calculate", "compute": "money_words(total)" },

        """
        loads(fields + textField("x", """
        "visible_if": "total > 5000 and later >= total and one_head and words != '' and sum(member_double) > 0"
        """))
        for (expression, expected) in [
            ("total = 'x'", "“=” compares a number with a text, which is always false; total is a number"),
            ("later > date('2020-01-01')", "“>” compares a number with a date, which is always false"),
            ("one_head > 1", "“>” cannot order yes/no values"),
            ("words * 2 > 1", "“*” takes numbers; words is a text"),
            ("member_double > 1", "“>” compares a list of numbers with a number, which is always false; member_double is a list of numbers"),
        ] {
            let (e, _) = try firstError(formJSON(fields: fields + textField("x", "\"visible_if\": \"\(expression)\"")))
            XCTAssertTrue(e.message.en.hasPrefix(expected), "\(expression): \(e.message.en)")
        }
        // A compute with a mistake is reported once, at the compute, not again where it is read.
        let wrong = loadErrors(formJSON(fields: textField("name") + ",\n" + """
        { "id": "bad", "type": "calculate", "compute": "name * 2" },
        { "id": "x", "type": "text", "label": "X", "visible_if": "bad > 1 and bad = 'a'" }
        """))
        XCTAssertEqual(wrong.map(\.message.en), ["“*” takes numbers; name is a text; if the text holds a number, use number(name)"])
        // A cycle is the dependency graph's error, whatever the types.
        let cycle = loadErrors(formJSON(fields: """
        { "id": "a", "type": "calculate", "compute": "b + 1" }, { "id": "b", "type": "calculate", "compute": "a + 1" }
        """))
        XCTAssertEqual(cycle.count, 1)
        XCTAssertTrue(cycle[0].message.en.contains("cycle"), cycle[0].message.en)
    }

    /// Every place an expression stands says what it must give: a
    /// `choice_filter`, a document's `looked_up` and a linked procedure's
    /// `included_if` are conditions, `fee.amount` a number, a repeat group's
    /// check reads `.` as its number of items, and `${…}` in a text may be
    /// any value, its parts checked like any expression.
    func testEachPlaceOfAnExpressionSaysWhatItMustGive() throws {
        let fields = group + ",\n" + textField("name") + ",\n" + "{ \"id\": \"n\", \"type\": \"integer\", \"label\": \"N\" }"
        func error(_ json: String) throws -> (String, String) {
            let (e, at) = try firstError(json)
            return (e.message.en, at)
        }
        var (message, at) = try error(formJSON(fields: fields + ",\n" + """
        { "id": "c", "type": "choice", "label": "C", "dataset": "vsic-2025", "choice_filter": "row('level')" }
        """))
        XCTAssertEqual(message, "“choice_filter” must be a yes/no condition; row(…) is a text: a text is never true")
        XCTAssertTrue(at.hasPrefix("row('level')"), at)

        func fee(_ amount: String) -> String {
            formJSON(fields: fields).replacingOccurrences(of: "\"fee\": { \"amount\": 0 }", with: "\"fee\": { \"amount\": \"\(amount)\" }")
        }
        (message, at) = try error(fee("'8000'"))
        XCTAssertEqual(message, "“fee.amount” must give a number; '8000' gives a text; use number(…)")
        (message, at) = try error(fee("member_fee"))
        XCTAssertEqual(message, "“fee.amount” must give a number; member_fee gives a list of numbers; use sum(…)")
        (message, at) = try error(fee("8000 * name"))
        XCTAssertTrue(message.hasPrefix("“*” takes numbers; name is a text"), message)
        XCTAssertTrue(at.hasPrefix("name\""), at)
        XCTAssertNotNil(loadForm(fee("8000 * coalesce(n, 1) + sum(member_fee) + if(count(members) > 2, 1000, 0)")))

        func documents(_ json: String) -> String {
            formJSON(pages: "[{ \"id\": \"p1\", \"title\": \"P\", \"fields\": [\(fields)] }]", documents: json)
        }
        (message, _) = try error(documents("[{ \"code\": \"X\", \"name\": \"X\", \"looked_up\": \"name\" }]"))
        XCTAssertTrue(message.hasPrefix("“looked_up” must be a yes/no condition; name is a text"), message)
        (message, _) = try error(formJSON(fields: fields).replacingOccurrences(of: "\"delivery\": [\"desk\"],", with: """
        "delivery": ["desk"], "linked": [{ "code": "1.004194", "title": "T", "processing_days": 1, "included_if": "count(members)" }],
        """))
        XCTAssertTrue(message.hasPrefix("“included_if” must be a yes/no condition; count(…) is a number"), message)

        // A repeat group's own check: `.` is how many items it has.
        func groupCheck(_ check: String) -> String {
            formJSON(fields: group.replacingOccurrences(of: "\"label\": \"M\",", with: """
            "label": "M", "constraints": [ { "check": "\(check)", "message": "m" } ],
            """))
        }
        XCTAssertNotNil(loadForm(groupCheck(". >= 1 and . <= 10 and unique(member_name) and count_if(members, member_head) = 1")))
        (message, at) = try error(groupCheck(". = 'two'"))
        XCTAssertEqual(message, "“=” compares a number with a text, which is always false; “.” is a number; 'two' is a text")
        (message, _) = try error(groupCheck("member_head"))
        XCTAssertTrue(message.hasPrefix("“check” must be a yes/no condition; member_head is a list of yes/no values"), message)

        // ${…}: any value (a list reads as its values, yes/no as có/không), at its place in the text.
        XCTAssertNotNil(loadForm(formJSON(fields: fields + ",\n" + """
        { "id": "t", "type": "note", "text": { "vi": "${count(members)} người: ${member_name}, ${n > 1} ${upper(name)}", "en": "${member_birth}" } }
        """)))
        let template = formJSON(fields: fields + ",\n" + textField("t", "\"label\": { \"vi\": \"Tên ${name * 2}\", \"en\": \"Name\" }"))
        (message, at) = try error(template.replacingOccurrences(of: "\"label\": \"t\", ", with: ""))
        XCTAssertTrue(message.hasPrefix("“*” takes numbers; name is a text"), message)
        XCTAssertTrue(at.hasPrefix("name * 2}"), at)
    }

    /// Each builtin has a signature of its own arity, and a line in the
    /// functions table of docs/forms.md.
    func testEveryBuiltinHasASignatureAndIsDocumented() throws {
        let docs = try String(contentsOfFile: packageRoot + "/docs/forms.md", encoding: .utf8)
        for fn in Builtin.allCases {
            let s = fn.signature
            let (lo, hi) = fn.arity
            XCTAssertEqual(s.parameters.count, s.variadic ? lo : hi, "\(fn)")
            XCTAssertEqual(s.variadic, hi == nil, "\(fn)")
            XCTAssertTrue(docs.contains("`\(fn.rawValue)("), "\(fn) is in docs/forms.md")
        }
    }

    // MARK: Languages

    /// Broken forms of every kind: the English messages hold no Vietnamese
    /// letter, the Vietnamese ones are Vietnamese.
    func testEveryMessageIsInTheReadersLanguage() {
        let option = "{ \"id\": \"c\", \"type\": \"choice\", \"label\": \"C\", \"options\": [ { \"value\": \"a\", \"lable\": \"A\" } ] }"
        let broken: [String] = [
            formJSON(fields: textField("a", "\"visibel_if\": \"true\"")),
            formJSON(pages: "[{ \"id\": \"p1\", \"title\": \"P\", \"feilds\": [] }]"),
            formJSON(fields: option),
            formJSON(fields: textField("a", "\"constraints\": [{ \"chek\": \"true\", \"message\": \"m\" }]")),
            formJSON(fields: textField("a", "\"label\": { \"vi\": \"A\", \"fr\": \"A\" }")),
            formJSON(fields: "{ \"id\": \"i\", \"type\": \"id_number\", \"label\": \"I\", \"cross_check\": { \"birth\": \"x\" } }"),
            formJSON(fields: textField("a")).replacingOccurrences(of: "\"level\": \"full\"", with: "\"levle\": \"full\""),
            formJSON(fields: textField("a")).replacingOccurrences(of: "\"fee\": { \"amount\": 0 }", with: "\"fee\": { \"amount\": 0, \"not\": \"x\" }"),
            formJSON(fields: textField("a")).replacingOccurrences(of: "\"code\": \"HT\"", with: "\"code\": \"HT\", \"nam\": \"x\""),
            formJSON(pages: "[{ \"id\": \"p1\", \"title\": \"P\", \"fields\": [\(textField("a"))] }]",
                     documents: "[{ \"code\": \"UQ\", \"name\": \"U\", \"requird\": true }]"),
            formJSON(fields: textField("a")).replacingOccurrences(of: "\"format\": 1,", with: "\"format\": 1, \"role_mappings\": [{ \"from\": \"x\" }], \"extra\": 1,"),
            formJSON(fields: "{ \"id\": \"a\", \"type\": \"txet\", \"label\": \"A\" }"),
            formJSON(fields: textField("a") + "," + textField("a")),
            formJSON(fields: textField("a", "\"required\": \"yes\"")),
            formJSON(fields: textField("a", "\"visible_if\": \"a * 2 > 1\"")),
            formJSON(fields: group + "," + textField("a", "\"visible_if\": \"member_name\"")),
            formJSON(fields: "{ \"id\": \"e\", \"type\": \"choice\", \"label\": \"E\", \"dataset\": \"ethnic-groups\", \"filter\": \"e2\" },"
                     + "{ \"id\": \"e2\", \"type\": \"choice\", \"label\": \"E\", \"dataset\": \"ethnic-groups\" }"),
            formJSON(fields: "{ \"id\": \"d\", \"type\": \"date\", \"label\": \"D\", \"default\": \"31/02/2020\", \"min\": 1 }"),
            formJSON(fields: textField("a")).replacingOccurrences(of: "\"delivery\": [\"desk\"],",
                                                                  with: "\"delivery\": [\"desk\"], \"linked\": [{ \"code\": \"x\", \"titel\": \"T\" }],"),
            formJSON(pages: "[{ \"id\": \"p1\", \"title\": \"P\", \"fields\": [\(textField("a"))] }]",
                     documents: "[{ \"code\": \"X\", \"name\": \"X\", \"looked_up\": 3 }, { \"code\": \"Y\", \"name\": \"Y\", \"looked_up\": \"a\" }]"),
            formJSON(fields: textField("a", "\"visible_if\": \"province_rule('floor') > 1 and province_rule(a) > 1\"")),
            formJSON(fields: group + "," + textField("a", "\"visible_if\": \"count_if(members, member_name) > 0\"")),
            formJSON(fields: "{ \"id\": \"c\", \"type\": \"choice\", \"label\": \"C\", \"dataset\": \"vsic-2025\", \"choice_filter\": \"row('name')\" }"),
            formJSON(fields: textField("a")).replacingOccurrences(of: "\"fee\": { \"amount\": 0 }", with: "\"fee\": { \"amount\": \"a\" }"),
            formJSON(fields: textField("a") + ", { \"id\": \"w\", \"type\": \"calculate\", \"compute\": \"money_words(a)\" }"),
            "{ \"format\": 1, ",
            "{ 'format': 1 }",
            "",
            "[1]",
        ]
        var checked = 0
        for json in broken {
            let errors = loadErrors(json)
            XCTAssertFalse(errors.isEmpty, json)
            for e in errors {
                XCTAssertFalse(Self.hasVietnameseLetter(e.text(.en)), e.text(.en))
                XCTAssertTrue(Self.hasVietnameseLetter(e.message.vi), e.message.vi)
                checked += 1
            }
        }
        XCTAssertGreaterThan(checked, 25)
        let (_, csv) = DatasetCatalog.parseCSV(Array("code,name\nK,Kinh\nK,Tay\nX\n".utf8), name: "e", file: "e.csv")
        XCTAssertEqual(csv.count, 2)
        for e in csv {
            XCTAssertFalse(Self.hasVietnameseLetter(e.text(.en)), e.text(.en))
            XCTAssertTrue(Self.hasVietnameseLetter(e.message.vi), e.message.vi)
        }
    }

    /// An answers file (`kiosk fill`) with a JSON mistake: the message is in
    /// the reader's language throughout, not English inside Vietnamese.
    func testAnAnswersFilesJSONMistakeIsInTheReadersLanguage() throws {
        let form = try XCTUnwrap(loadForm(formJSON(fields: textField("a"))))
        let (answers, problems) = AnswerImport.read(Array("{ \"a\": \"x\", }".utf8), for: form)
        XCTAssertTrue(answers.isEmpty)
        let p = try XCTUnwrap(problems.first)
        XCTAssertEqual(p.message.en, "invalid JSON: a comma before } is not allowed in JSON")
        XCTAssertEqual(p.message.vi, "JSON sai: JSON không cho phép dấu phẩy trước }")
    }

    /// A letter outside ASCII (ă, ê, đ, ữ…); quotes and arrows are not letters.
    static func hasVietnameseLetter(_ s: String) -> Bool {
        s.unicodeScalars.contains { !$0.isASCII && $0.properties.isAlphabetic }
    }
}

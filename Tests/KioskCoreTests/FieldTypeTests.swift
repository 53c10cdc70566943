import XCTest
@testable import KioskCore

/// The rules of each field type (Sources/KioskCore/Forms/FieldTypes).
final class FieldTypeTests: XCTestCase {
    func testEveryTypeSpecificKeyBelongsToSomeTypeAndNoOtherKeyDoes() {
        let taken = FieldType.allCases.reduce(into: Set<String>()) { $0.formUnion($1.rules.attributes) }
        XCTAssertEqual(taken, Set(FieldType.typeSpecificKeys))
        XCTAssertTrue(Set(FieldType.commonKeys).isDisjoint(with: FieldType.typeSpecificKeys))
        for type in FieldType.allCases {
            XCTAssertTrue(Set(type.rules.refusedKeys).isSubset(of: FieldType.commonKeys), "\(type)")
        }
    }

    func testTheInputMethodIsOffExactlyInFieldsOfDigitsAndCodes() {
        XCTAssertEqual(Set(FieldType.allCases.filter(\.isLatinOnly)), [.integer, .decimal, .money, .date, .id_number, .phone, .email])
        XCTAssertEqual(Set(FieldType.allCases.filter { !$0.holdsAnswer }), [.repeat, .note])
    }

    func testAKeyOfAnotherTypeOrARefusedKeyIsAnErrorAtItsPlace() {
        func errors(_ field: String) -> [String] { loadErrors(formJSON(fields: field)).map(\.message.en) }
        XCTAssertEqual(errors(#"{ "id": "a", "type": "text", "label": "A", "precision": ["year"] }"#),
                       ["“precision” does not apply to type text"])
        XCTAssertEqual(errors(#"{ "id": "a", "type": "date", "label": "A", "max_length": 3, "min": 1 }"#),
                       ["“max_length” does not apply to type date", "“min” does not apply to type date"])
        XCTAssertEqual(errors(#"{ "id": "a", "type": "multichoice", "label": "A", "options": [{ "value": "x", "label": "X" }], "filter": "a" }"#),
                       ["“filter” does not apply to type multichoice"])
        XCTAssertEqual(errors(#"{ "id": "a", "type": "note", "text": "T", "required": true, "key": "applicant.full_name" }"#),
                       ["“required” does not apply to type note", "“key” does not apply to type note"])
        XCTAssertEqual(errors(#"{ "id": "a", "type": "document", "label": "A", "compute": "1" }"#).first,
                       "a document field cannot be computed")
        // A group takes a semantic key, not a requirement.
        XCTAssertEqual(errors(#"{ "id": "g", "type": "repeat", "label": "G", "key": "member.full_name", "required": true, "fields": [ { "id": "m", "type": "text", "label": "M" } ] }"#),
                       ["“required” does not apply to type repeat"])
        let line = loadErrors(formJSON(fields: #"{ "id": "a", "type": "text", "label": "A", "precision": ["year"] }"#)).first?.location.line
        XCTAssertEqual(line, 15, "the error points at the key")
    }

    func testEachTypeReadsItsAnswer() throws {
        let form = try XCTUnwrap(loadForm(formJSON(fields: """
        { "id": "n", "type": "integer", "label": "N", "min": 1, "max": 10 },
        { "id": "d", "type": "decimal", "label": "D" },
        { "id": "m", "type": "money", "label": "M" },
        { "id": "y", "type": "date", "label": "Y", "precision": ["year"] },
        { "id": "b", "type": "yesno", "label": "B" },
        { "id": "c", "type": "choice", "label": "C", "options": [{ "value": "x", "label": "X" }] },
        { "id": "t", "type": "text", "label": "T", "max_length": 3 }
        """)))
        func read(_ id: String, _ raw: String) -> (ExprValue, String?) {
            let (value, problem) = FieldValueParser.read(raw, for: form.field(id)!, datasets: form.datasets)
            return (value, problem?.en)
        }
        XCTAssertEqual(read("n", " 7 ").0, .number(7))
        XCTAssertEqual(read("n", "11").1, "Must be at most 10.")
        XCTAssertEqual(read("n", "2.5").1, "Enter a whole number, e.g. 2.")
        XCTAssertEqual(read("d", "2,5").0, .number(2.5))
        XCTAssertEqual(read("m", "200.000 đ").0, .number(200_000))
        XCTAssertEqual(read("y", "1950").0, .date(CalendarDate(year: 1950)))
        XCTAssertEqual(read("y", "14/11/1950").1, "Write the date as the year only (1950).")
        XCTAssertEqual(read("b", "Không").0, .bool(false))
        XCTAssertEqual(read("c", "z").1, "Choose an item from the list.")
        XCTAssertEqual(read("t", "abcd").1, "Too long: at most 3 characters (now 4).")
        XCTAssertEqual(read("t", "   ").0, .null, "blank is no answer, and no problem")
        XCTAssertEqual(FieldValueParser.canonical(" 200.000 ", for: form.field("m")!, datasets: form.datasets), "200000")
        XCTAssertEqual(FieldValueParser.canonical(" abc ", for: form.field("t")!, datasets: form.datasets), "abc")
    }

    func testComputedValuesTakeTheirFieldsType() throws {
        let form = try XCTUnwrap(loadForm(formJSON(fields: """
        { "id": "x", "type": "decimal", "label": "X" },
        { "id": "whole", "type": "integer", "label": "W", "compute": "x * 2" },
        { "id": "fee", "type": "money", "label": "F", "compute": "x * 1000" },
        { "id": "exact", "type": "decimal", "label": "E", "compute": "x * 2" },
        { "id": "big", "type": "yesno", "label": "B", "compute": "x > 2" }
        """)))
        var state = FormState(form: form, today: fixedToday)
        state.set("x", "1,3")
        func value(_ id: String) -> ExprValue { state.value(FieldPath(field: form.fieldIndexByID[id]!)) }
        XCTAssertEqual(value("whole"), .number(3), "an integer rounds 2.6")
        XCTAssertEqual(value("fee"), .number(1300))
        XCTAssertEqual(value("exact"), .number(2.6))
        XCTAssertEqual(value("big"), .bool(false))
        XCTAssertEqual(state.raw(FieldPath(field: form.fieldIndexByID["big"]!)), "no")
        state.set("x", "2,5")
        XCTAssertEqual(state.raw(FieldPath(field: form.fieldIndexByID["big"]!)), "yes")
    }
}

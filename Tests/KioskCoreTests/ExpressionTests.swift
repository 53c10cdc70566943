import XCTest
@testable import KioskCore

/// A context with named top-level values, for expressions alone.
private struct Values: ExpressionContext {
    var values: [Int: ExprValue]
    var today = fixedToday
    func value(of ref: FieldRef, item: Int?, subItem: Int?) -> ExprValue { values[ref.field] ?? .null }
}

final class ExpressionTests: XCTestCase {
    private let names = ["a": 0, "b": 1, "d": 2, "s": 3, "l": 4]

    private func eval(_ source: String, _ values: [String: ExprValue] = [:], current: ExprValue = .null) throws -> ExprValue {
        let syntax = try ExpressionParser.parse(source)
        let names = self.names
        let compiled = try CompiledExpr.compile(syntax, allowCurrent: true) { (name, offset) throws(ExpressionError) -> FieldRef in
            guard let i = names[name] else { throw ExpressionError("?", "no field \(name)", at: offset) }
            return .top(i)
        }
        var byIndex: [Int: ExprValue] = [:]
        for (k, v) in values { byIndex[names[k]!] = v }
        return compiled.evaluate(Values(values: byIndex), item: nil, current: current)
    }

    private func error(_ source: String) -> ExpressionError? {
        do {
            let syntax = try ExpressionParser.parse(source)
            let names = self.names
            _ = try CompiledExpr.compile(syntax, allowCurrent: false) { (name, offset) throws(ExpressionError) -> FieldRef in
                guard let i = names[name] else { throw ExpressionError("?", "no field \(name)", at: offset) }
                return .top(i)
            }
            return nil
        } catch {
            return error
        }
    }

    func testArithmeticAndPrecedence() throws {
        XCTAssertEqual(try eval("1 + 2 * 3"), .number(7))
        XCTAssertEqual(try eval("(1 + 2) * 3"), .number(9))
        XCTAssertEqual(try eval("10 / 4"), .number(2.5))
        XCTAssertEqual(try eval("10 % 4"), .number(2))
        XCTAssertEqual(try eval("-a + 1", ["a": .number(3)]), .number(-2))
        XCTAssertEqual(try eval("1 / 0"), .null, "division by zero is empty, not a crash")
        XCTAssertEqual(try eval("a + 1"), .null, "arithmetic with an empty answer is empty")
        XCTAssertEqual(try eval("'Ông ' + s", ["s": .text("Nguyễn Văn A")]), .text("Ông Nguyễn Văn A"))
        XCTAssertEqual(try eval("'x' + 2"), .text("x2"))
    }

    func testLogicAndComparisonWithEmptyAnswers() throws {
        XCTAssertEqual(try eval("a < 18"), .bool(false), "a comparison with an empty answer is false")
        XCTAssertEqual(try eval("not a < 18"), .bool(true))
        XCTAssertEqual(try eval("a = null"), .bool(true))
        XCTAssertEqual(try eval("a != null", ["a": .number(1)]), .bool(true))
        XCTAssertEqual(try eval("a > 1 and b > 1", ["a": .number(2), "b": .number(2)]), .bool(true))
        XCTAssertEqual(try eval("a > 1 and b > 1", ["a": .number(2)]), .bool(false))
        XCTAssertEqual(try eval("a > 1 or b > 1", ["b": .number(2)]), .bool(true))
        XCTAssertEqual(try eval("not (a = 1 or a = 2)", ["a": .number(3)]), .bool(true))
        XCTAssertEqual(try eval("a == 2", ["a": .number(2)]), .bool(true), "== is accepted as =")
        XCTAssertEqual(try eval("a <> 2", ["a": .number(2)]), .bool(false))
        XCTAssertEqual(try eval("s = 2", ["s": .text("2")]), .bool(true), "a numeric option value equals the number")
        XCTAssertEqual(try eval("s = 'Nam'", ["s": .text("Nam")]), .bool(true))
    }

    func testDates() throws {
        let birth = ExprValue.date(CalendarDate(year: 2008, month: 11, day: 23))
        XCTAssertEqual(try eval("age(d)", ["d": birth]), .number(17), "the 18th birthday is tomorrow")
        XCTAssertEqual(try eval("age(d)", ["d": .date(CalendarDate(year: 2008, month: 11, day: 22))]), .number(18))
        XCTAssertEqual(try eval("age(d)", ["d": .date(CalendarDate(year: 1950))]), .number(76), "a year-only birth date")
        XCTAssertEqual(try eval("d <= today()", ["d": birth]), .bool(true))
        XCTAssertEqual(try eval("add_days(date('2024-02-28'), 1)"), .date(CalendarDate(year: 2024, month: 2, day: 29)))
        XCTAssertEqual(try eval("add_months(date('2024-01-31'), 1)"), .date(CalendarDate(year: 2024, month: 2, day: 29)))
        XCTAssertEqual(try eval("add_years(date('2024-02-29'), 1)"), .date(CalendarDate(year: 2025, month: 2, day: 28)))
        XCTAssertEqual(try eval("days_between(date('2025-12-31'), date('2026-01-02'))"), .number(2))
        XCTAssertEqual(try eval("years_between(date('2000-03-01'), date('2020-02-29'))"), .number(19))
        XCTAssertEqual(try eval("d - date('2008-11-20')", ["d": birth]), .number(3))
        XCTAssertEqual(try eval("year(d) + month(d) + day(d)", ["d": birth]), .number(2008 + 11 + 23))
        XCTAssertEqual(try eval("month(d)", ["d": .date(CalendarDate(year: 1950))]), .null)
        XCTAssertEqual(try eval("d + 7", ["d": birth]), .date(CalendarDate(year: 2008, month: 11, day: 30)))
    }

    func testFunctions() throws {
        XCTAssertEqual(try eval("if(a > 1, 'big', 'small')", ["a": .number(2)]), .text("big"))
        XCTAssertEqual(try eval("if(a > 1, 'big', 'small')"), .text("small"))
        XCTAssertEqual(try eval("len(s)", ["s": .text("Nguyễn")]), .number(6), "letters with marks count once")
        XCTAssertEqual(try eval("len(s)"), .number(0))
        XCTAssertEqual(try eval("contains(s, 'khai sinh')", ["s": .text("ĐĂNG KÝ KHAI SINH")]), .bool(true))
        XCTAssertEqual(try eval("contains(l, 'x')", ["l": .list([.text("x"), .text("y")])]), .bool(true))
        XCTAssertEqual(try eval("contains(l, 'z')", ["l": .list([.text("x")])]), .bool(false))
        XCTAssertEqual(try eval("matches(s, '[0-9]{9}')", ["s": .text("123456789")]), .bool(true))
        XCTAssertEqual(try eval("matches(s, '[0-9]{9}')", ["s": .text("1234567890")]), .bool(false), "the whole answer must match")
        XCTAssertEqual(try eval("count(l)", ["l": .list([.text("x"), .null, .text("y")])]), .number(2))
        XCTAssertEqual(try eval("count(a)", ["a": .number(3)]), .number(3), "a repeat group reads as its item count")
        XCTAssertEqual(try eval("sum(l)", ["l": .list([.number(2), .null, .number(3)])]), .number(5))
        XCTAssertEqual(try eval("min(3, 1, 2) + max(l)", ["l": .list([.number(7), .number(9)])]), .number(10))
        XCTAssertEqual(try eval("coalesce(a, b, 'x')", ["b": .text("y")]), .text("y"))
        XCTAssertEqual(try eval("is_empty(s) and not is_empty(b)", ["b": .number(0)]), .bool(true))
        XCTAssertEqual(try eval("upper(s) + lower(s) + trim('  x ')", ["s": .text("Đa")]), .text("ĐAđax"))
        XCTAssertEqual(try eval("number('12') + 1"), .number(13))
        XCTAssertEqual(try eval("text(12) + 'a'"), .text("12a"))
        XCTAssertEqual(try eval("len(.) <= 3", current: .text("abc")), .bool(true))
    }

    func testIdentifierCrossCheckFunction() throws {
        // 001 (Hà Nội) · 0 = male born 1900s · 87 = 1987.
        let id = ExprValue.text("001087012345")
        XCTAssertEqual(try eval("id_agrees(s, d, 'male')", ["s": id, "d": .date(CalendarDate(year: 1987, month: 5, day: 1))]), .bool(true))
        XCTAssertEqual(try eval("id_agrees(s, d, 'female')", ["s": id, "d": .date(CalendarDate(year: 1987, month: 5, day: 1))]), .bool(false))
        XCTAssertEqual(try eval("id_agrees(s, d, null)", ["s": id, "d": .date(CalendarDate(year: 1978, month: 5, day: 1))]), .bool(false))
        XCTAssertEqual(try eval("id_agrees(s, null, null)", ["s": id]), .bool(true))
    }

    func testErrorsHaveOffsets() {
        XCTAssertEqual(error("a +")?.offset, 3)
        XCTAssertEqual(error("a + zz")?.offset, 4, "an unknown field points at its name")
        XCTAssertEqual(error("frob(a)")?.offset, 0)
        XCTAssertEqual(error("(a + 1")?.offset, 6)
        XCTAssertEqual(error("'abc")?.offset, 0)
        XCTAssertEqual(error("a & b")?.offset, 2)
        XCTAssertEqual(error("len(a, b)")?.offset, 0, "wrong argument count")
        XCTAssertEqual(error("matches(a, '[')")?.offset, 0, "an invalid regex is found at load")
        XCTAssertEqual(error("matches(a, s)")?.offset, 0, "the regex must be literal")
        XCTAssertEqual(error("date('2025-02-30')")?.offset, 0)
        XCTAssertEqual(error("a < b < 1")?.offset, 6, "chained comparisons are refused")
        XCTAssertEqual(error(". = 1")?.offset, 0, "`.` only in constraints")
        XCTAssertEqual(error("")?.offset, 0)
        XCTAssertEqual(error("a b")?.offset, 2)
        XCTAssertNotNil(error(String(repeating: "(", count: 200) + "1" + String(repeating: ")", count: 200)), "deep nesting is an error, not a stack overflow")
        XCTAssertNotNil(error(String(repeating: "1+", count: 3000) + "1"), "an absurdly long expression is refused")
        XCTAssertNil(error("'it''s' = s"), "a doubled quote inside a text")
    }
}

import Foundation
import XCTest
import KioskCore
@testable import KioskUI

/// A repeat group inside a repeat group on screen, driven with keys: the
/// business lines of each location (Tests/Fixtures/nested).
final class NestedGroupUITests: XCTestCase {
    private func lines(_ h: UIHarness) -> [String] {
        h.text.split(separator: "\n", omittingEmptySubsequences: false).map {
            String($0).trimmingCharacters(in: CharacterSet(charactersIn: "│ "))
        }
    }

    private let locations = nestedForm.fieldIndexByID["locations"]!
    private let lineGroup = nestedForm.fieldIndexByID["lines"]!

    private func path(_ id: String, _ item: Int? = nil, _ subItem: Int? = nil) -> FieldPath {
        FieldPath(field: nestedForm.fieldIndexByID[id]!, item: item, subItem: subItem)
    }

    /// Tab or Shift-Tab until `row` has the focus, as a person would.
    private func tab(to row: FormRow, _ h: UIHarness, file: StaticString = #filePath, line: UInt = #line) {
        guard let target = h.session?.focusableRows.firstIndex(of: row) else {
            return XCTFail("\(row) is not on the page:\n\(h.text)", file: file, line: line)
        }
        // Bounded: a dialog that takes the keys must fail the test, not hang it.
        for _ in 0..<200 {
            guard let focus = h.session?.focus, focus != target, h.app.state.overlay == nil else { break }
            h.app.key(focus < target ? .tab : .backTab)
        }
        if h.session?.focus != target { XCTFail("could not reach \(row):\n\(h.text)", file: file, line: line) }
    }

    func testOuterAndInnerItemsAreAddedFilledAndRemovedWithKeys() throws {
        let h = try UIHarness(forms: [nestedForm])
        h.startForm("ke khai")
        XCTAssertEqual(h.session?.form.id, "ke-khai-dia-diem", h.text)
        h.app.type("Lan")
        h.nextPage()
        // The inner group shows inside its outer item, indented, with its own title and button.
        let screen = lines(h)
        XCTAssertTrue(screen.contains { $0.hasPrefix("── Địa điểm 1 ──") }, h.text)
        XCTAssertTrue(h.text.contains("│   ── Ngành nghề 1 của địa điểm 1 ──"), h.text)
        XCTAssertTrue(h.text.contains("│    Mã ngành *"), "inner labels are indented\n\(h.text)")
        XCTAssertTrue(screen.contains { $0.hasPrefix("[ + Thêm ngành nghề ]") }, h.text)
        XCTAssertTrue(screen.contains { $0.hasPrefix("[ + Thêm địa điểm ]") }, h.text)
        XCTAssertEqual(h.session?.focusedRow, .field(path("location_name", 0)))

        h.app.type("Kho A")
        h.app.key(.tab)
        XCTAssertEqual(h.session?.focusedRow, .field(path("line_code", 0, 0)), "Tab goes from the outer item's field into its inner item")
        h.app.type("5610")
        h.app.key(.enter)
        XCTAssertEqual(h.raw("line_code", item: 0, subItem: 0), "5610")
        h.focus("line_is_main", item: 0, subItem: 0)
        h.app.type("1")
        XCTAssertEqual(h.raw("line_is_main", item: 0, subItem: 0), "yes")

        // Enter on "+ Thêm ngành nghề": a second line of this location, its first field focused.
        tab(to: .addItem(group: lineGroup, outer: 0), h)
        h.app.key(.enter)
        XCTAssertEqual(h.session?.state.itemCount(lineGroup, in: 0), 2)
        XCTAssertEqual(h.session?.focusedRow, .field(path("line_code", 0, 1)), h.text)
        XCTAssertTrue(h.text.contains("── Ngành nghề 2 của địa điểm 1 ──"), h.text)
        h.app.type("4711")
        h.app.key(.enter)
        XCTAssertEqual(h.raw("line_code", item: 0, subItem: 1), "4711")
        XCTAssertEqual(h.session?.state.value(path("location_line_count", 0)), .number(2))

        // Enter on "+ Thêm địa điểm": a second location with its one line, its name focused.
        tab(to: .addItem(group: locations), h)
        h.app.key(.enter)
        XCTAssertEqual(h.session?.state.itemCount(locations), 2)
        XCTAssertEqual(h.session?.state.itemCount(lineGroup, in: 1), 1)
        XCTAssertEqual(h.session?.focusedRow, .field(path("location_name", 1)), h.text)
        XCTAssertTrue(lines(h).contains { $0.hasPrefix("── Địa điểm 2 ──") }, h.text)
        h.app.type("Kho B")
        h.app.key(.tab)
        XCTAssertEqual(h.session?.focusedRow, .field(path("line_code", 1, 0)))
        XCTAssertTrue(h.text.contains("── Ngành nghề 1 của địa điểm 2 ──"), h.text)
        h.app.type("4722")
        h.app.key(.enter)
        XCTAssertEqual(h.session?.state.value(path("total_lines")), .number(3))

        // The buttons of a group that holds groups say which item they remove.
        tab(to: .removeItem(group: locations, item: 0), h)
        XCTAssertTrue(lines(h).contains { $0.hasPrefix("[ − Xoá Địa điểm 1 ]") }, h.text)
        XCTAssertTrue(lines(h).contains { $0.hasPrefix("[ − Xoá Ngành nghề 2 của địa điểm 1 ]") }, h.text)
        // Removing an outer item removes its inner items; the next one moves up.
        // It has answers, so the kiosk asks first, the focus on "Không xoá".
        h.app.key(.enter)
        guard case .confirmRemoveItem(_, 0, nil, let name)? = h.app.state.overlay else { return XCTFail("not asked\n\(h.text)") }
        XCTAssertEqual(name.vi, "Địa điểm 1")
        h.app.key(.left)
        h.app.key(.enter)
        XCTAssertNil(h.app.state.overlay)
        XCTAssertEqual(h.session?.state.itemCount(locations), 1)
        XCTAssertEqual(h.raw("location_name", item: 0), "Kho B")
        XCTAssertEqual(h.session?.state.itemCount(lineGroup, in: 0), 1)
        XCTAssertEqual(h.raw("line_code", item: 0, subItem: 0), "4722")
        XCTAssertEqual(h.session?.state.value(path("total_lines")), .number(1))
        let draft = try h.store.answers(draftID: h.session!.draft.id)
        XCTAssertEqual(draft.filter { $0.name.hasPrefix("line_code") }.map { "\($0.name)=\($0.raw)" }, ["line_code[1][1]=4722"],
                       "the removed location's lines are gone from the draft")

        // An inner item removed by its own button; the other stays.
        tab(to: .addItem(group: lineGroup, outer: 0), h)
        h.app.key(.enter)
        h.app.type("5610")
        h.app.key(.enter)
        tab(to: .removeItem(group: lineGroup, item: 0, outer: 0), h)
        h.app.key(.enter)
        guard case .confirmRemoveItem(_, 0, 0, let inner)? = h.app.state.overlay else { return XCTFail("not asked\n\(h.text)") }
        XCTAssertEqual(inner.vi, "Ngành nghề 1 của địa điểm 1")
        h.app.key(.left)
        h.app.key(.enter)
        XCTAssertEqual(h.session?.state.itemCount(lineGroup, in: 0), 1)
        XCTAssertEqual(h.raw("line_code", item: 0, subItem: 0), "5610")
        XCTAssertEqual(try h.store.answers(draftID: h.session!.draft.id).filter { $0.name.hasPrefix("line_code") }.map { "\($0.name)=\($0.raw)" },
                       ["line_code[1][1]=5610"])

        // No main line at this location: leaving the page asks; the problem shows under the inner group's button.
        h.app.key(.pageDown)
        guard case .leavePage(let problems, _)? = h.app.state.overlay else { return XCTFail("not asked:\n\(h.text)") }
        XCTAssertEqual(problems, 1)
        h.app.key(.enter) // fix it now
        XCTAssertEqual(h.session?.focusedRow, .addItem(group: lineGroup, outer: 0), h.text)
        XCTAssertTrue(lines(h).contains { $0.contains("! Mỗi địa điểm có đúng một ngành nghề") }, h.text)
        h.focus("line_is_main", item: 0, subItem: 0)
        h.app.type("1")
        XCTAssertFalse(h.text.contains("! Mỗi địa điểm"), h.text)

        // The review names each inner answer by its items.
        h.nextPage(times: 2)
        XCTAssertEqual(h.session?.stage, .review, h.text)
        h.app.key(.down, times: 3)
        XCTAssertTrue(lines(h).contains { $0.hasPrefix("Mã ngành (1.1)") && $0.contains("5610") }, h.text)
    }
}

import XCTest
import KioskCore
@testable import KioskUI

/// One key model on every page: keys never change an answer by surprise.
final class KeyModelTests: XCTestCase {
    func testTabAndArrowsNeverLeaveThePageSilently() throws {
        let h = try UIHarness()
        h.startForm("khai sinh")
        let last = try XCTUnwrap(h.session?.focusableRows.count) - 1
        h.app.key(.tab, times: last + 3)
        XCTAssertEqual(h.session?.page, 0)
        XCTAssertEqual(h.session?.focus, last)
        XCTAssertTrue(h.text.contains("Đây là mục cuối của trang"), h.text)
        h.app.key(.up, times: last + 3)
        XCTAssertEqual(h.session?.page, 0)
        XCTAssertTrue(h.text.contains("Đây là mục đầu của trang"), h.text)
    }

    func testEscPausesOnEveryStepWithKeepGoingFocusedAndArrowsMoveBetweenButtons() throws {
        let h = try UIHarness()
        h.startForm("khai sinh")
        try h.load(sample: "dang-ky-khai-sinh")
        for step in ["fields", "documents", "review"] {
            if step != "fields" { h.nextPage() }
            if step == "documents" { while case .fields? = h.session?.stage { h.nextPage() } }
            h.app.key(.escape)
            XCTAssertEqual(h.app.state.overlay, .confirmPause, step)
            XCTAssertEqual(h.app.state.dialogFocus, 1, "\(step): Làm tiếp is focused")
            h.app.key(.left)
            XCTAssertEqual(h.app.state.dialogFocus, 0, step)
            h.app.key(.tab)
            XCTAssertEqual(h.app.state.dialogFocus, 1, step)
            h.app.key(.enter) // Làm tiếp: nothing changes
            XCTAssertNil(h.app.state.overlay, step)
            XCTAssertNotNil(h.session, step)
        }
        XCTAssertEqual(h.session?.stage, .review)
    }

    func testEnterNeverTicksADocumentOrTheDeclarationSpaceDoes() throws {
        let h = try UIHarness()
        h.startForm("khai sinh")
        try h.load(sample: "dang-ky-khai-sinh")
        while case .fields? = h.session?.stage { h.nextPage() }
        guard let f = h.session else { return XCTFail() }
        let docs = DocumentsUpdate.fields(f)
        let before = docs.map { f.state.raw(FieldPath(field: $0.index)) }
        h.app.key(.enter, times: docs.count)
        XCTAssertEqual(docs.map { h.session!.state.raw(FieldPath(field: $0.index)) }, before, "Enter only moves on")
        XCTAssertEqual(h.session?.focus, docs.count, "on Back, after the documents")
        h.app.key(.up)
        h.app.key(.text(" "))
        XCTAssertNotEqual(h.session!.state.raw(FieldPath(field: docs.last!.index)), before.last!, "Space ticks")
        h.nextPage()
        h.app.key(.end)
        XCTAssertEqual(h.session?.focus, ReviewUpdate.answerPaths(h.session!).count, "End: the declaration")
        h.app.key(.enter)
        XCTAssertEqual(h.session?.declared, false, "Enter moves on from the declaration")
        h.app.key(.up)
        h.app.key(.text(" "))
        XCTAssertEqual(h.session?.declared, true)
    }

    func testTheReceiptsButtonsTakeArrowsAndTab() throws {
        let h = try UIHarness()
        try h.finalizeSample("khai sinh", sample: "dang-ky-khai-sinh")
        guard case .receipt(let r) = h.app.state.page else { return XCTFail(h.text) }
        XCTAssertEqual(r.focus, 1)
        for key in [Key.left, .right, .tab, .backTab] {
            let before = { if case .receipt(let r) = h.app.state.page { return r.focus }; return -1 }()
            h.app.key(key)
            guard case .receipt(let now) = h.app.state.page else { return XCTFail() }
            XCTAssertNotEqual(now.focus, before, "\(key) moves between Print and Done")
        }
    }

    func testComputedFieldsTakeNoFocus() throws {
        let h = try UIHarness()
        h.startForm("chung thuc")
        h.nextPage()
        guard let f = h.session else { return XCTFail() }
        let computed = f.rows.compactMap(\.path).filter { !f.form.fields[$0.field].isEditable }
        XCTAssertFalse(computed.isEmpty, "the page shows a computed value")
        for p in computed { XCTAssertFalse(f.focusableRows.contains(.field(p)), f.form.fields[p.field].id) }
    }

    func testKeysTypedWhileTheWindowIsTooSmallAreNotTaken() throws {
        let h = try UIHarness()
        h.startForm("khai sinh")
        h.app.type("Nam")
        h.app.send(.resize(width: 40, height: 10))
        h.app.type("abc")
        h.app.send(.resize(width: 80, height: 24))
        XCTAssertEqual(h.raw("applicant_full_name"), "Nam")
    }
}

/// Problems show when they help, not while the answer is being given.
final class ProblemTimingTests: XCTestCase {
    func testAnAddressSaysNothingAboutItsCommuneWhileTheCommuneIsBeingChosen() throws {
        let h = try UIHarness()
        h.startForm("khai sinh")
        h.app.key(.pageDown)
        h.app.key(.enter) // Sửa ngay: the page's problems show
        h.focus("applicant_residence", part: 0)
        h.app.type("lam d")
        h.app.key(.enter)
        XCTAssertTrue(h.text.contains("Xã/phường"), h.text)
        h.app.type("xuan h")
        XCTAssertFalse(h.text.contains("Chọn xã, phường"), h.text)
        h.app.key(.enter)
        h.app.type("So61 12")
        h.app.key(.tab)
        XCTAssertFalse(h.text.contains("Chọn xã, phường"), h.text)
    }
}

/// A tap does what the key does, on the screens of a few inputs and buttons.
final class FocusOrderPressTests: XCTestCase {
    func press(_ h: UIHarness, _ target: HitTarget) throws {
        let area = try XCTUnwrap(h.app.screen.hitAreas.last { $0.target == target }, "\(target) on screen:\n\(h.text)")
        h.app.press(x: area.x, y: area.y)
    }

    func testTapsFocusInputsAndPressButtons() throws {
        for (item, focusOf) in [("2", { (p: Page) -> Int? in if case .resume(let r) = p { return r.focus }; return nil }),
                                ("3", { (p: Page) -> Int? in if case .prior(let r) = p { return r.focus }; return nil }),
                                ("4", { (p: Page) -> Int? in if case .lookup(let r) = p { return r.focus }; return nil })] {
            let h = try UIHarness()
            h.app.type(item)
            try press(h, .field(1))
            XCTAssertEqual(focusOf(h.app.state.page), 1, "screen \(item): the second input is focused")
            try press(h, .button("back"))
            guard case .welcome = h.app.state.page else { return XCTFail("screen \(item): Back goes back\n\(h.text)") }
        }
    }
}

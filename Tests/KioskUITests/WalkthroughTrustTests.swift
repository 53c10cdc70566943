import XCTest
import KioskCore
@testable import KioskUI

/// What a first-time user's walkthrough found on the form screens: nothing
/// typed is lost by surprise, refused keys are named, documents are asked
/// once, messages come and go when they help.
final class WalkthroughTrustTests: XCTestCase {
    private func goTo(_ page: String, _ h: UIHarness) {
        while let f = h.session, f.stage == .fields, f.form.pages[f.page].id != page { h.nextPage() }
        XCTAssertEqual(h.session.map { $0.form.pages[$0.page].id }, page, h.text)
    }

    private func itemCount(_ h: UIHarness, _ group: String) -> Int {
        guard let f = h.session, let g = f.form.fieldIndexByID[group] else { return -1 }
        return f.state.itemCount(g)
    }

    /// Tab (or Shift-Tab) until the focus is on an item's remove button.
    private func tabToRemove(_ h: UIHarness, item: Int) {
        guard let f = h.session, let at = f.focusableRows.firstIndex(where: { if case .removeItem(_, item, _) = $0 { return true }; return false })
        else { return XCTFail("no remove button for item \(item)\n\(h.text)") }
        while let current = h.session?.focus, current != at { h.app.key(current < at ? .tab : .backTab) }
    }

    func testEnterAfterAnItemsLastFieldPassesOverRemove() throws {
        let h = try UIHarness(width: 100, height: 40)
        h.startForm("ho kinh doanh")
        try h.load(sample: "dang-ky-ho-kinh-doanh")
        goTo("members", h)
        h.focus("member_relationship", item: 0)
        h.app.key(.enter)
        h.app.key(.enter)
        XCTAssertEqual(itemCount(h, "household_members"), 2, "a double Enter removes nothing")
        XCTAssertNil(h.app.state.overlay)
        if case .removeItem? = h.session?.focusedRow { XCTFail("Enter landed on remove\n\(h.text)") }
        // After the last item's last field, Enter goes to "+ Thêm".
        h.focus("member_relationship", item: 1)
        h.app.key(.enter)
        guard case .addItem? = h.session?.focusedRow else { return XCTFail("not on + Thêm\n\(h.text)") }
    }

    func testRemovingAnItemWithAnswersAsksFirstAndKeepsItByDefault() throws {
        let h = try UIHarness(width: 100, height: 40)
        h.startForm("ho kinh doanh")
        try h.load(sample: "dang-ky-ho-kinh-doanh")
        goTo("members", h)
        tabToRemove(h, item: 0)
        h.app.key(.enter)
        guard case .confirmRemoveItem? = h.app.state.overlay else { return XCTFail("not asked\n\(h.text)") }
        XCTAssertTrue(h.text.contains("Xoá Thành viên 1 và các câu trả lời của mục này?"), h.text)
        XCTAssertTrue(h.text.contains("Không xoá"), h.text)
        h.app.key(.enter) // the focus is on "Không xoá"
        XCTAssertNil(h.app.state.overlay)
        XCTAssertEqual(itemCount(h, "household_members"), 2)
        h.app.key(.enter)
        h.app.key(.escape) // Esc keeps it too
        XCTAssertNil(h.app.state.overlay)
        XCTAssertEqual(itemCount(h, "household_members"), 2)
        XCTAssertEqual(h.raw("member_full_name", item: 0), "Nguyễn Văn Hùng")
        h.app.key(.enter)
        h.app.key(.left)
        h.app.key(.enter) // "Xoá mục này"
        XCTAssertEqual(itemCount(h, "household_members"), 1)
        XCTAssertEqual(h.raw("member_full_name", item: 0), "Nguyễn Văn Minh")
    }

    func testAnEmptyItemIsRemovedAtOnceAndTheDialogSpeaksEnglish() throws {
        let h = try UIHarness(width: 100, height: 40, language: .en)
        h.startForm("ho kinh doanh")
        try h.load(sample: "dang-ky-ho-kinh-doanh")
        goTo("members", h)
        while h.session?.focusedRow.map({ if case .addItem = $0 { return false }; return true }) ?? false { h.app.key(.tab) }
        h.app.key(.enter) // + Add: a third, empty item
        XCTAssertEqual(itemCount(h, "household_members"), 3)
        tabToRemove(h, item: 2)
        h.app.key(.enter)
        XCTAssertNil(h.app.state.overlay, "nothing to lose: no question")
        XCTAssertEqual(itemCount(h, "household_members"), 2)
        tabToRemove(h, item: 1)
        h.app.key(.enter)
        XCTAssertTrue(h.text.contains("Remove Member 2 and its answers?"), h.text)
        XCTAssertTrue(h.text.contains("Keep it"), h.text)
    }

    func testRefusedKeysInMoneyNumberAndDateFieldsAreNamed() throws {
        let h = try UIHarness(width: 120, height: 40)
        h.startForm("ho kinh doanh")
        goTo("business", h)
        h.focus("business_capital")
        h.app.type("150 trieu")
        XCTAssertEqual(h.raw("business_capital"), "150")
        XCTAssertTrue(h.text.contains("“u” không dùng được ở đây"), h.text)
        h.app.key(.control("u"))
        h.app.type("1,5")
        XCTAssertEqual(h.raw("business_capital"), "15")
        XCTAssertTrue(h.text.contains("Số tiền gõ bằng chữ số"), h.text)
        XCTAssertTrue(h.text.contains("“,” không dùng được ở đây"), h.text)
        // A leading zero is dropped, and said.
        h.app.key(.control("u"))
        h.app.type("01122026")
        XCTAssertEqual(h.raw("business_capital"), "1122026")
        XCTAssertTrue(h.text.contains("[ 1.122.026"), h.text)
        XCTAssertFalse(h.text.contains("01.122.026"), h.text)

        h.focus("business_workers")
        h.app.type("ba")
        XCTAssertEqual(h.raw("business_workers"), "")
        XCTAssertTrue(h.text.contains("Ô này chỉ nhận chữ số; “a” không dùng được ở đây."), h.text)
        h.app.type("3")
        XCTAssertTrue(h.text.contains("“a” không dùng được"), "said until the field is left\n\(h.text)")
        h.app.key(.tab)
        XCTAssertFalse(h.text.contains("không dùng được"), h.text)

        h.focus("business_start_date")
        h.app.type("Lan")
        XCTAssertEqual(h.raw("business_start_date"), "")
        XCTAssertTrue(h.text.contains("Ngày ghi bằng chữ số, như 15/11/2026; “n” không dùng được ở đây."), h.text)
    }

    func testRefusedKeyMessageInEnglish() throws {
        let h = try UIHarness(width: 120, height: 40, language: .en)
        h.startForm("ho kinh doanh")
        goTo("business", h)
        h.focus("business_capital")
        h.app.type("5k")
        XCTAssertEqual(h.raw("business_capital"), "5")
        XCTAssertTrue(h.text.contains("Type the amount in đồng, digits only (150 million: 150000000); “k” cannot be used here."), h.text)
    }
}

/// Documents are asked once, on the documents step.
final class DocumentsAskedOnceTests: XCTestCase {
    func testAFormsOwnDocumentsPageIsNotAFieldsPage() throws {
        let h = try UIHarness()
        h.startForm("ho kinh doanh")
        try h.load(sample: "dang-ky-ho-kinh-doanh")
        XCTAssertTrue(h.text.contains("Bước 1/6:"), h.text)
        XCTAssertTrue(h.text.contains("Trang: 1• 2  3  4  "), h.text)
        let strip = h.text.split(separator: "\n").first { $0.contains("Trang:") } ?? ""
        XCTAssertFalse(strip.contains("5"), "four pages in the strip: \(strip)")
        var titles: [String] = []
        while case .fields? = h.session?.stage {
            titles.append(h.session!.form.pages[h.session!.page].id)
            XCTAssertFalse(h.session!.focusableRows.contains { $0.path.map { h.session!.form.fields[$0.field].type == .document } ?? false })
            h.nextPage()
        }
        XCTAssertEqual(titles, ["owner", "business", "lines", "members"])
        XCTAssertTrue(h.text.contains("Bước 5/6: Giấy tờ kèm theo"), h.text)
        XCTAssertEqual(h.session?.stage, .documents)
        // Back from the documents: the last page of fields, not the documents page.
        h.app.key(.pageUp)
        XCTAssertEqual(h.session.map { $0.form.pages[$0.page].id }, "members")
    }

    func testTheReviewJumpsToAMissingDocumentOnTheDocumentsStep() throws {
        let h = try UIHarness()
        h.startForm("ho kinh doanh")
        try h.load(sample: "dang-ky-ho-kinh-doanh")
        guard var f = h.session, let doc = f.form.fieldIndexByID["doc_bbh"] else { return XCTFail() }
        f.state.set(FieldPath(field: doc), raw: "")
        h.app.state.page = .form(f)
        while case .fields? = h.session?.stage { h.nextPage() }
        h.nextPage()
        XCTAssertEqual(h.session?.stage, .review)
        let paths = ReviewUpdate.answerPaths(h.session!)
        let at = try XCTUnwrap(paths.firstIndex(of: FieldPath(field: doc)), h.text)
        while let focus = h.session?.focus, focus < at { h.app.key(.down) }
        h.app.key(.enter)
        XCTAssertEqual(h.session?.stage, .documents)
        XCTAssertEqual(h.session.map { DocumentsUpdate.fields($0)[$0.focus].id }, "doc_bbh")
    }
}

/// Messages come when they help and go when they are answered.
final class MessageTimingTests: XCTestCase {
    func testTheDeclarationMessageGoesOnceTheBoxIsTicked() throws {
        let h = try UIHarness()
        h.startForm("ho kinh doanh")
        try h.load(sample: "dang-ky-ho-kinh-doanh")
        for _ in 0..<20 { if let stage = h.session?.stage, stage != .review { h.nextPage() } }
        h.app.key(.end)
        h.app.key(.down)
        h.app.key(.enter) // submit, not declared
        XCTAssertTrue(h.text.contains("Hãy đánh dấu lời cam đoan trước khi nộp."), h.text)
        h.app.key(.text(" "))
        XCTAssertEqual(h.session?.declared, true)
        XCTAssertFalse(h.text.contains("Hãy đánh dấu lời cam đoan"), h.text)
    }

    func testAGroupsCountCheckWaitsUntilThePageIsLeft() throws {
        let h = try UIHarness(width: 100, height: 40)
        h.startForm("ho kinh doanh")
        for _ in 0..<10 { if let f = h.session, f.form.pages[f.page].id != "members" { h.nextPage() } }
        XCTAssertEqual(h.session.map { $0.form.pages[$0.page].id }, "members", h.text)
        h.focus("founded_by")
        h.app.type("thanh vien")
        h.app.key(.enter)
        XCTAssertEqual(h.raw("founded_by"), "household", h.text)
        h.app.key(.tab)
        XCTAssertTrue(h.text.contains("+ Thêm"), h.text)
        XCTAssertFalse(h.text.contains("Thêm ít nhất một thành viên"), "no chance to add one yet\n\(h.text)")
        h.app.key(.pageDown)
        guard case .leavePage? = h.app.state.overlay else { return XCTFail("not asked\n\(h.text)") }
        h.app.key(.enter) // Sửa ngay
        XCTAssertTrue(h.text.contains("Thêm ít nhất một thành viên"), h.text)
    }

    func testTheReviewSaysAMissingDocumentIsNotChosen() throws {
        for (language, words) in [(Language.vi, "Chưa chọn cách nộp giấy tờ này"), (.en, "Choose how this document is given")] {
            let h = try UIHarness(width: 100, height: 40, language: language)
            h.startForm("ho kinh doanh")
            try h.load(sample: "dang-ky-ho-kinh-doanh")
            guard var f = h.session, let doc = f.form.fieldIndexByID["doc_bbh"] else { return XCTFail() }
            f.state.set(FieldPath(field: doc), raw: "")
            h.app.state.page = .form(f)
            for _ in 0..<20 { if let stage = h.session?.stage, stage != .review { h.nextPage() } }
            h.app.key(.end) // the documents are listed last, before the declaration
            XCTAssertTrue(h.text.contains(words), h.text)
            XCTAssertFalse(h.text.contains("Vui lòng điền mục này") || h.text.contains("Please fill in this field"), h.text)
        }
    }
}

/// F1 says what the keys do now.
final class HelpMatchesKeysTests: XCTestCase {
    func testHelpSaysEnterGoesOnToTheNextPage() throws {
        for (language, says, never) in [(Language.vi, "ở mục cuối trang thì sang trang", "Không tự sang trang"),
                                        (.en, "Enter : confirm and go to the next field; on the page's last field,", "never unticks")] {
            let h = try UIHarness(language: language)
            h.startForm("khai sinh")
            h.app.key(.function(1))
            XCTAssertEqual(h.app.state.overlay, .help)
            // The dialog's lines as one text: its frame and wrapping gone.
            let text = h.text.replacingOccurrences(of: "│", with: " ").split(whereSeparator: \.isWhitespace).joined(separator: " ")
            XCTAssertTrue(text.contains(says), text)
            XCTAssertFalse(text.contains(never), text)
        }
    }
}

/// A long receipt scrolls on screen, its buttons always in view.
final class ReceiptScrollTests: XCTestCase {
    func testALongReceiptScrollsWithItsButtonsInView() throws {
        let h = try UIHarness()
        try h.finalizeSample("ho kinh doanh", sample: "dang-ky-ho-kinh-doanh")
        guard case .receipt = h.app.state.page else { return XCTFail(h.text) }
        let done = S.done.text(.vi)
        XCTAssertTrue(h.text.contains("▼ còn nữa"), h.text)
        XCTAssertFalse(h.text.contains("Tra cứu:"), h.text)
        XCTAssertTrue(h.text.contains(done), h.text)
        for _ in 0..<10 where !h.text.contains("Tra cứu:") { h.app.key(.pageDown) }
        XCTAssertTrue(h.text.contains("Tra cứu:"), h.text)
        XCTAssertTrue(h.text.contains("▲ phần trên"), h.text)
        XCTAssertFalse(h.text.contains("▼ còn nữa"), "at the end\n\(h.text)")
        XCTAssertTrue(h.text.contains(done), h.text)
        let end = h.text
        h.app.key(.down)
        XCTAssertEqual(h.text, end, "no further than the end")
        h.app.key(.up)
        XCTAssertTrue(h.text.contains("▼ còn nữa"), h.text)
        h.app.key(.home)
        XCTAssertFalse(h.text.contains("▲ phần trên"), h.text)
        // ← → still move between the buttons.
        guard case .receipt(let r) = h.app.state.page else { return XCTFail() }
        h.app.key(.left)
        guard case .receipt(let now) = h.app.state.page else { return XCTFail() }
        XCTAssertNotEqual(now.focus, r.focus)
    }
}

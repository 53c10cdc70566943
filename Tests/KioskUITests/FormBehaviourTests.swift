import XCTest
import KioskCore
import KioskRuntime
import KioskStore
@testable import KioskUI

/// Driving the app with events and asserting what it does and draws.
final class FormBehaviourTests: XCTestCase {
    func testSearchIgnoresMarksAndCaseAndStartsTheChosenProcedure() throws {
        // Tall enough for the list under the chosen procedure's documents.
        let h = try UIHarness(height: 30)
        h.app.key(.enter)
        h.app.type("KET HON")
        XCTAssertTrue(h.text.contains("▶ Đăng ký kết hôn"), h.text)
        XCTAssertFalse(h.text.contains("Đăng ký khai sinh"))
        h.app.key(.control("u"))
        h.app.type("dang ky")
        XCTAssertTrue(h.text.contains("Đăng ký khai sinh"))
        h.app.type("zzz")
        XCTAssertTrue(h.text.contains("Không tìm thấy thủ tục nào"))
    }

    func testTypingSavesEveryKeystrokeAndTelexComposes() throws {
        let h = try UIHarness()
        h.startForm("khai sinh")
        let draft = try XCTUnwrap(h.session?.draft)
        XCTAssertEqual(draft.resumeCode, "K7M4QX")
        XCTAssertTrue(h.text.contains("Mã tiếp tục: K7M4QX"))
        let before = h.app.effects.count
        h.app.type("Nguyeenx Vawn An")
        XCTAssertEqual(h.raw("applicant_full_name"), "Nguyễn Văn An")
        // One save per key, each with the answer as it stood.
        let saves = h.app.effects.dropFirst(before).compactMap { e -> String? in
            if case .saveAnswers(_, let a) = e { return a.first?.raw }
            return nil
        }
        XCTAssertEqual(saves.count, "Nguyeenx Vawn An".count)
        XCTAssertEqual(saves.last, "Nguyễn Văn An")
        XCTAssertEqual(try h.store.answers(draftID: draft.id).first { $0.name == "applicant_full_name" }?.raw, "Nguyễn Văn An")
        XCTAssertTrue(h.text.contains("[ Nguyễn Văn An"))
        XCTAssertTrue(h.text.contains("✓ đã lưu"))
    }

    func testInputMethodSwitchesAndStaysOffInNumberFields() throws {
        let h = try UIHarness()
        h.startForm("khai sinh")
        XCTAssertFalse(h.text.contains("VNI"), h.text)
        h.app.key(.function(2))
        XCTAssertEqual(h.app.state.inputMethod, .vni)
        // The form's footer has room for "F2" only: the help says which method is on.
        h.app.key(.function(1))
        XCTAssertTrue(h.text.contains("VNI: 6=â ê ô"), h.text)
        XCTAssertFalse(h.text.contains("Telex: aa=â"), h.text)
        h.app.key(.escape)
        XCTAssertNil(h.app.state.overlay)
        h.app.type("Vie65t")
        XCTAssertEqual(h.raw("applicant_full_name"), "Việt")
        h.focus("applicant_id_number")
        h.app.type("068 092 004512")
        XCTAssertEqual(h.raw("applicant_id_number"), "068 092 004512", "digits are never marks in an id field")
        h.app.key(.function(2))
        XCTAssertEqual(h.app.state.inputMethod, .off)
        h.focus("applicant_full_name")
        h.app.key(.control("u"))
        h.app.type("Vieetj")
        XCTAssertEqual(h.raw("applicant_full_name"), "Vieetj")
    }

    func testComposedTextFromTheSystemInputMethodIsTakenAsItIs() throws {
        let h = try UIHarness()
        h.startForm("khai sinh")
        // A system IME sends composed (here decomposed, NFD) text in one piece.
        h.app.send(.key(.text("Nguye\u{0302}\u{0303}n\u{0007} Thi\u{0323}")))
        XCTAssertEqual(h.raw("applicant_full_name"), "Nguyễn Thị")
    }

    func testDateSeparatorsFillThemselvesIn() throws {
        let h = try UIHarness()
        h.startForm("khai sinh")
        h.nextPage()
        h.focus("child_birth_date")
        h.app.type("14112026")
        XCTAssertEqual(h.raw("child_birth_date"), "14/11/2026")
    }

    func testProblemsShowAfterLeavingAFieldAndPagesAreMarked() throws {
        let h = try UIHarness()
        h.startForm("khai sinh")
        h.focus("applicant_id_number")
        h.app.type("06809200451")
        XCTAssertFalse(h.text.contains("bạn đã gõ 11"), "no message while typing")
        h.app.key(.tab)
        XCTAssertTrue(h.text.contains("! Số định danh phải có đủ 12 chữ số"), h.text)
        XCTAssertFalse(h.text.contains("! Vui lòng điền mục này."), "fields passed by stay quiet: \(h.text)")
        // Leaving the page with problems asks first; "Sửa ngay" is focused.
        h.app.key(.pageDown)
        XCTAssertTrue(h.text.contains("Trang này còn mục chưa đúng"), h.text)
        h.app.key(.enter)
        XCTAssertEqual(h.session?.page, 0)
        XCTAssertTrue(h.text.contains("! Vui lòng điền mục này."), "fix it now: every problem of the page shows: \(h.text)")
        // Asked once per page: the next Page Down goes on.
        h.app.key(.pageDown)
        XCTAssertNil(h.app.state.overlay)
        XCTAssertTrue(h.text.contains("Trang: 1!"), h.text)
    }

    func testAPagePassedByShowsNoProblemUntilSomethingIsTypedOrItIsChecked() throws {
        let h = try UIHarness()
        h.startForm("khai sinh")
        h.nextPage() // asked, and gone on anyway
        h.app.key(.pageUp)
        XCTAssertEqual(h.session?.page, 0)
        XCTAssertFalse(h.text.contains("Vui lòng điền mục này"), h.text)
        XCTAssertTrue(h.text.contains("Trang: 1•"), h.text)
        // Typing in a field shows nothing under it until it is left.
        h.focus("applicant_id_number")
        h.app.type("0680")
        XCTAssertFalse(h.text.contains("Số định danh phải có đủ 12 chữ số"), h.text)
        h.app.key(.tab)
        XCTAssertTrue(h.text.contains("Số định danh phải có đủ 12 chữ số"), h.text)
    }

    func testFieldsAppearAndDisappearAtOnce() throws {
        let h = try UIHarness()
        h.startForm("khai sinh")
        h.nextPage(times: 3)
        XCTAssertTrue(h.text.contains("Người cha"), h.text)
        h.focus("father_known")
        h.app.type("k")
        XCTAssertEqual(h.raw("father_known"), "no")
        XCTAssertFalse(h.text.contains("Năm sinh (hoặc"), h.text)
        h.app.type("c")
        XCTAssertEqual(h.raw("father_known"), "yes")
        XCTAssertTrue(h.text.contains("Năm sinh (hoặc"), h.text)
    }

    func testPickersFilterByTypingAndCommunesFollowTheProvince() throws {
        let h = try UIHarness()
        h.startForm("khai sinh")
        h.focus("applicant_residence", part: 0)
        h.app.type("lam dong")
        XCTAssertTrue(h.text.contains("▶ Tỉnh Lâm Đồng"), h.text)
        h.app.key(.enter)
        XCTAssertEqual(h.raw("applicant_residence"), "68||")
        // Focus moved to the commune, offered only from Lâm Đồng.
        h.app.type("xuan huong")
        XCTAssertTrue(h.text.contains("Phường Xuân Hương - Đà Lạt"), h.text)
        h.app.key(.enter)
        XCTAssertTrue(h.raw("applicant_residence").hasPrefix("68|"))
        XCTAssertNotEqual(FieldValueParser.addressParts(h.raw("applicant_residence")).commune, "")
        h.app.type("Soos 12 Traanf Phus")
        XCTAssertTrue(h.raw("applicant_residence").hasSuffix("|Số 12 Trần Phú"), h.raw("applicant_residence"))
    }

    func testRepeatGroupsAddAndRemoveItemsAndComputedValuesFollow() throws {
        let h = try UIHarness()
        h.startForm("chung thuc")
        h.nextPage()
        guard let f = h.session else { return XCTFail() }
        let group = try XCTUnwrap(f.form.fields.first { $0.type == .repeat }?.index)
        func value(_ id: String, item: Int? = nil) -> ExprValue? {
            h.session.map { $0.state.value(FieldPath(field: $0.form.fieldIndexByID[id]!, item: item)) }
        }
        XCTAssertEqual(f.state.itemCount(group), 1)
        h.focus(f.form.fields[f.form.fields[group].children[0]].id, item: 0)
        h.app.type("Bang tot nghieepj")
        // 3 pages, one copy (the default): 2 × 2,000 + 1 × 1,000 đồng.
        h.focus("doc_pages", item: 0)
        h.app.type("3")
        XCTAssertEqual(value("doc_fee", item: 0), .number(5000))
        XCTAssertEqual(value("dossier_total_fee"), .number(5000))
        // Tab to the add button and press it.
        while let row = h.session?.focusedRow, row != .addItem(group: group) { h.app.key(.tab) }
        h.app.key(.enter)
        XCTAssertEqual(h.session?.state.itemCount(group), 2)
        XCTAssertTrue(h.text.contains("Giấy tờ 2"), "the new item has its header: \(h.text)")
        // The new item counts in the totals as soon as it has pages: 2 pages, 2 copies.
        h.focus("doc_pages", item: 1)
        h.app.type("2")
        h.focus("doc_copies", item: 1)
        h.app.key(.backspace)
        h.app.type("2")
        XCTAssertEqual(value("doc_fee", item: 1), .number(8000))
        XCTAssertEqual(value("dossier_total_fee"), .number(13000))
        while let row = h.session?.focusedRow, row != .removeItem(group: group, item: 0) { h.app.key(.backTab) }
        h.app.key(.enter)
        // The item holds answers: asked first, "Không xoá" focused.
        guard case .confirmRemoveItem? = h.app.state.overlay else { return XCTFail("not asked\n\(h.text)") }
        h.app.key(.left)
        h.app.key(.enter)
        XCTAssertEqual(h.session?.state.itemCount(group), 1)
        // The first item is gone: only the second's fee is left.
        XCTAssertEqual(h.raw("doc_pages", item: 0), "2")
        XCTAssertEqual(value("dossier_total_fee"), .number(8000))
        let answers = try h.store.answers(draftID: h.session!.draft.id)
        XCTAssertFalse(answers.contains { $0.raw == "Bằng tốt nghiệp" }, "the removed item's answers are gone from the draft: \(answers)")
    }

    func testPauseResumeByCodeAndPinBringsEveryValueBack() throws {
        let h = try UIHarness()
        h.startForm("khai sinh", pin: "2468")
        h.app.type("Traanf Vawn Hungf")
        h.focus("applicant_id_number")
        h.app.type("068092004512")
        h.app.key(.escape)
        XCTAssertTrue(h.text.contains("Tạm dừng hồ sơ?"), h.text)
        XCTAssertTrue(h.text.contains("K7M4QX"))
        // The focus is on "Làm tiếp": Enter by mistake keeps the form open.
        h.app.key(.enter)
        XCTAssertNil(h.app.state.overlay)
        XCTAssertNotNil(h.session)
        h.app.key(.escape)
        h.app.key(.left)
        h.app.key(.enter)
        XCTAssertTrue(h.text.contains("Xin chào!"))
        XCTAssertFalse(h.text.contains("Trần"), "nothing of the citizen stays on screen")

        h.app.key(.down)
        h.app.key(.enter)
        h.app.type("k7m4qx")
        h.app.key(.tab)
        h.app.type("1111")
        h.app.key(.enter)
        XCTAssertTrue(h.text.contains("Mã tiếp tục hoặc thông tin xác minh không đúng."), h.text)
        h.app.type("2468")
        h.app.key(.enter)
        XCTAssertNotNil(h.session, h.text)
        XCTAssertEqual(h.raw("applicant_full_name"), "Trần Văn Hùng")
        XCTAssertEqual(h.raw("applicant_id_number"), "068092004512")
        XCTAssertTrue(h.text.contains("Mã tiếp tục: K7M4QX"))
    }

    func testIdleTimeoutSavesAndClearsTheScreen() throws {
        let h = try UIHarness()
        h.startForm("khai sinh")
        h.app.type("Bis maatj")
        h.app.send(.tick(unixTime: mondayMorning + 100))
        XCTAssertTrue(h.text.contains("Bạn còn đó không?"), h.text)
        XCTAssertTrue(h.text.contains("sau 20 giây"), h.text)
        h.app.key(.text("x"))
        XCTAssertFalse(h.text.contains("Bạn còn đó không?"), "a key cancels the countdown")
        XCTAssertEqual(h.raw("applicant_full_name"), "Bí mật", "and is not typed")
        h.app.send(.tick(unixTime: mondayMorning + 100 + 121))
        XCTAssertTrue(h.text.contains("Xin chào!"), h.text)
        XCTAssertFalse(h.text.contains("Bí mật"))
        XCTAssertTrue(h.app.effects.contains { if case .flush = $0 { return true } else { return false } })
    }

    func testTouchPressesButtonsFieldsAndOptions() throws {
        let h = try UIHarness()
        // "[ 4  Tra cứu …" on the welcome screen.
        let area = try XCTUnwrap(h.app.screen.hitAreas.first { $0.target == .listItem(3) })
        h.app.press(x: area.x + 3, y: area.y)
        XCTAssertTrue(h.text.contains("Tra cứu hồ sơ"), h.text)
        let back = try XCTUnwrap(h.app.screen.hitAreas.first { $0.target == .button("back") })
        h.app.press(x: back.x, y: back.y)
        XCTAssertTrue(h.text.contains("Xin chào!"))
        h.startForm("khai sinh")
        h.nextPage()
        let gender = try XCTUnwrap(h.session?.form.fieldIndexByID["child_gender"])
        let row = try XCTUnwrap(h.session?.focusableRows.firstIndex(of: .field(FieldPath(field: gender))))
        let field = try XCTUnwrap(h.app.screen.hitAreas.first { $0.target == .field(row) })
        h.app.press(x: field.x, y: field.y)
        let female = try XCTUnwrap(h.app.screen.hitAreas.first { $0.target == .listItem(1) })
        h.app.press(x: female.x + 1, y: female.y)
        XCTAssertEqual(h.raw("child_gender"), "female")
        let help = try XCTUnwrap(h.app.screen.hitAreas.first { $0.target == .button("help") })
        h.app.press(x: help.x, y: help.y)
        XCTAssertTrue(h.text.contains("Trợ giúp"))
    }

    func testEnglishEverywhere() throws {
        let h = try UIHarness()
        h.app.key(.up)
        h.app.key(.enter)
        XCTAssertTrue(h.text.contains("Hello! What would you like to do today?"), h.text)
        h.startForm("birth")
        XCTAssertEqual(h.session?.form.id, "dang-ky-khai-sinh")
        XCTAssertTrue(h.text.contains("Resume code: K7M4QX"), h.text)
        XCTAssertTrue(h.text.contains("Step 1/"), h.text)
        XCTAssertFalse(h.text.contains("Mã tiếp tục"))
    }

    func testFinalizeLeavesWithAReceipt() throws {
        let h = try UIHarness()
        h.startForm("khai sinh")
        try h.load(sample: "dang-ky-khai-sinh")
        while case .fields? = h.session?.stage { h.nextPage() }
        XCTAssertTrue(h.text.contains("Giấy chứng sinh"), h.text)
        h.nextPage()
        XCTAssertTrue(h.text.contains("Xem lại"), h.text)
        // Submit without the declaration: refused, with the reason.
        let paths = ReviewUpdate.answerPaths(h.session!)
        while let f = h.session?.focus, f < paths.count + 1 { h.app.key(.down) }
        h.app.key(.enter)
        XCTAssertTrue(h.text.contains("Hãy đánh dấu lời cam đoan"), h.text)
        XCTAssertEqual(h.session?.focus, paths.count, "the focus is on the declaration the message names")
        h.app.key(.text(" "))
        h.app.key(.down)
        h.app.key(.enter)
        XCTAssertTrue(h.text.contains("BIÊN NHẬN HỒ SƠ"), h.text)
        XCTAssertTrue(h.text.contains("LH-01-20261123-0001"), h.text)
        XCTAssertTrue(h.text.contains("Đang chờ gửi lên hệ thống tỉnh"))
        XCTAssertTrue(h.text.contains("Hẹn trả (dự kiến): 23/11/2026"), "same-day procedure, counted here: \(h.text)")
        XCTAssertTrue(FileManager.default.fileExists(atPath: h.dir + "/receipts/LH-01-20261123-0001.txt"), "no printer: saved as a file")
        XCTAssertEqual(try h.store.status().queued, 1)
        XCTAssertEqual(try h.store.status().drafts, 0)
    }

    func testResizeAndTooSmall() throws {
        let h = try UIHarness()
        h.app.send(.resize(width: 60, height: 20))
        XCTAssertTrue(h.text.contains("Cửa sổ quá nhỏ"), h.text)
        h.app.send(.resize(width: 160, height: 50))
        XCTAssertEqual(h.app.screen.width, 160)
        XCTAssertTrue(h.text.contains("Xin chào!"))
    }

    func testQuitIsTheOperatorsAndAsksFirst() throws {
        let h = try UIHarness()
        // A citizen's F10 and Ctrl-Q do nothing, and the footer offers neither.
        h.app.key(.function(10))
        h.app.key(.control("q"))
        XCTAssertFalse(h.text.contains("Thoát kiosk?"))
        XCTAssertFalse(h.text.contains("F10"), h.text)
        try h.signInOperator()
        XCTAssertTrue(h.text.contains("F9 Đăng xuất   F1   F2 Telex   F10"), h.text)
        h.app.key(.function(10))
        XCTAssertTrue(h.text.contains("Thoát kiosk?"))
        h.app.key(.escape)
        XCTAssertFalse(h.app.state.quitting)
        h.app.key(.function(10))
        h.app.key(.enter)
        XCTAssertTrue(h.app.state.quitting)
    }
}

final class ReceiptPrintingTests: XCTestCase {
    func testPrinterCommandGetsA42ColumnReceipt() throws {
        let h = try UIHarness()
        let printed = h.dir + "/printed.txt"
        let runner = EffectRunner(store: h.store, context: h.app.state.context, printerCommand: "cat > '\(printed)'", receiptsDirectory: h.dir + "/receipts")
        h.app = HeadlessApp(state: h.app.state, runner: runner)
        try h.finalizeSample("khai sinh", sample: "dang-ky-khai-sinh")
        XCTAssertTrue(h.text.contains("Đã in biên nhận."), h.text)
        let text = try String(contentsOfFile: printed, encoding: .utf8)
        XCTAssertTrue(text.contains("BIÊN NHẬN HỒ SƠ"))
        XCTAssertTrue(text.contains("LH-01-20261123-0001"))
        for line in text.split(separator: "\n") {
            XCTAssertLessThanOrEqual(VietnameseText.displayWidth(String(line)), 42, String(line))
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: h.dir + "/receipts"), "printed, so not saved as a file")
    }
}

final class ReceiptFileTests: XCTestCase {
    private func mode(_ path: String) -> Int {
        var info = stat()
        return stat(path, &info) == 0 ? Int(info.st_mode) & 0o7777 : -1
    }

    /// Finalizes the birth registration's sample answers: the receipt follows.
    private func finalize(_ h: UIHarness) throws {
        try h.finalizeSample("khai sinh", sample: "dang-ky-khai-sinh")
        XCTAssertTrue(h.text.contains("BIÊN NHẬN HỒ SƠ"), h.text)
    }

    func testASavedReceiptIsPrivateWhateverTheUmask() throws {
        // umask 000: files made with the defaults would be 0666, folders 0777.
        let saved = umask(0)
        defer { umask(saved) }
        for printer in ["", "exit 1"] {
            let h = try UIHarness()
            let runner = EffectRunner(store: h.store, context: h.app.state.context, printerCommand: printer, receiptsDirectory: h.dir + "/receipts")
            h.app = HeadlessApp(state: h.app.state, runner: runner)
            try finalize(h)
            XCTAssertTrue(h.text.contains("Đã lưu biên nhận vào tệp receipts/LH-01-20261123-0001.txt"), "printer “\(printer)”: \(h.text)")
            XCTAssertEqual(String(mode(h.dir + "/receipts/LH-01-20261123-0001.txt"), radix: 8), "600", "printer “\(printer)”: the receipt")
            XCTAssertEqual(String(mode(h.dir + "/receipts"), radix: 8), "700", "printer “\(printer)”: its folder")
            for file in ["kiosk.sqlite", "kiosk.sqlite-wal", "kiosk.sqlite-shm"] {
                XCTAssertEqual(String(mode(h.dir + "/" + file), radix: 8), "600", file)
            }
            // Printed again (the receipt's first button): saved again, private again.
            chmod(h.dir + "/receipts/LH-01-20261123-0001.txt", 0o644)
            h.app.key(.backTab)
            h.app.key(.enter)
            XCTAssertTrue(h.text.contains("BIÊN NHẬN HỒ SƠ"), h.text)
            XCTAssertEqual(String(mode(h.dir + "/receipts/LH-01-20261123-0001.txt"), radix: 8), "600", "printer “\(printer)”: saved again")
        }
    }
}

final class FaultBehaviourTests: XCTestCase {
    func testOddDigitsOnAChoiceRowDoNothing() throws {
        let h = try UIHarness()
        h.startForm("khai sinh")
        h.nextPage(times: 3)
        h.focus("father_known")
        for odd in ["½", "²", "٣", "①"] { h.app.send(.key(.text(odd))) }
        XCTAssertEqual(h.raw("father_known"), "")
        h.app.type("1")
        XCTAssertEqual(h.raw("father_known"), "yes")
    }

    func testAnswersTypedWhileTheDiskWasFullAreSavedOnceItIsNot() throws {
        let h = try UIHarness()
        h.startForm("khai sinh")
        let draft = try XCTUnwrap(h.session?.draft)
        // Fill the database to its limit: the next saves fail.
        let pages = try XCTUnwrap({ () -> Int64? in if case .integer(let n) = try h.store.db.scalar("PRAGMA page_count") { return n }; return nil }())
        try h.store.db.execute("PRAGMA max_page_count = \(pages + 2)")
        // Rows of the same table, so that its own pages are full too.
        var n = 0
        while (try? h.store.db.execute("INSERT INTO draft_answers VALUES (\(draft.id), 'filler_\(n)', hex(randomblob(40)))")) != nil { n += 1 }
        while (try? h.store.db.execute("INSERT INTO draft_answers VALUES (\(draft.id), 'fill_\(n)', 'x')")) != nil { n += 1 }
        h.app.type(String(repeating: "b", count: 60))
        XCTAssertTrue(h.text.contains("Đĩa đã đầy"), h.text)
        XCTAssertTrue(h.text.contains("! Không lưu được"), h.text)
        XCTAssertEqual(h.raw("applicant_full_name").count, 60, "no key is swallowed by the failure")
        // Room again: the next key saves every answer, the unsaved ones too.
        try h.store.db.execute("PRAGMA max_page_count = 1073741823")
        h.focus("applicant_phone")
        h.app.type("0912345678")
        // The filler rows were written around the vault (plain): a draft
        // holding them is refused as tampered, so they go before it is read.
        try h.store.db.execute("DELETE FROM draft_answers WHERE path LIKE 'fill%'")
        let stored = Dictionary(uniqueKeysWithValues: try h.store.answers(draftID: draft.id).map { ($0.name, $0.raw) })
        XCTAssertEqual(stored["applicant_full_name"], h.raw("applicant_full_name"))
        XCTAssertEqual(stored["applicant_phone"], "0912345678")
        XCTAssertTrue(h.text.contains("✓ đã lưu"), h.text)
    }

    func testPauseGivesTheNextPersonTheStationsSettings() throws {
        let h = try UIHarness()
        h.app.key(.up)
        h.app.key(.enter) // English
        h.app.key(.down)
        h.startForm("birth")
        h.app.key(.function(2)) // VNI
        h.app.key(.escape)
        h.app.key(.left) // "Tạm dừng"
        h.app.key(.enter)
        XCTAssertEqual(h.app.state.language, .vi)
        XCTAssertEqual(h.app.state.inputMethod, .telex)
        XCTAssertTrue(h.text.contains("Xin chào!"))
    }
}

/// Ticking a document on the documents step keeps the focus on it, however
/// few rows the last page of fields has.
final class DocumentsStepTests: XCTestCase {
    func testTickingADocumentLeavesTheFocusOnIt() throws {
        for search in ["khai sinh", "ket hon"] {
            let h = try UIHarness()
            h.startForm(search)
            guard var f = h.session else { return XCTFail(search) }
            let docs = DocumentsUpdate.fields(f)
            guard docs.count >= 2 else { continue }
            // The documents step comes after the last page shown, which
            // depends on the answers: the one with the fewest rows here.
            f.page = f.visiblePages.min { a, b in
                var x = f, y = f
                x.page = a
                y.page = b
                return x.focusableRows.count < y.focusableRows.count
            }!
            XCTAssertLessThan(f.focusableRows.count, docs.count + 1, search)
            f.stage = .documents
            f.focus = 0
            h.app.state.page = .form(f)
            for i in 0..<docs.count {
                let before = h.session?.state.raw(FieldPath(field: docs[i].index))
                h.app.key(.text(" "))
                XCTAssertEqual(h.session?.focus, i, "\(search): the focus stays on document \(i)")
                XCTAssertNotEqual(h.session?.state.raw(FieldPath(field: docs[i].index)), before, "\(search): document \(i) ticked or unticked")
                h.app.key(.down)
            }
        }
    }
}

import Foundation
import XCTest
import KioskCore
import KioskStore
@testable import KioskUI

/// Operator mode driven by keys, reading the screen: the hidden sign-in,
/// today at this station, the queue and "send now", needs attention (the
/// server's reasons against the answers, correcting with the citizen,
/// withdrawing), the drafts kept here, and quitting as the operator's act.
final class OperatorUITests: XCTestCase {
    /// The birth registration sample, finalized here (no keys: the queue's
    /// content), as `operatorID` helped.
    func finalizeBirthSample(_ h: UIHarness, operatorID: String? = nil) throws -> Dossier {
        let form = try XCTUnwrap(catalog.form(id: "dang-ky-khai-sinh"))
        let data = try Data(contentsOf: URL(fileURLWithPath: packageRoot + "/Tests/Fixtures/answers/dang-ky-khai-sinh.json"))
        var state = FormState(form: form, today: sampleToday)
        state.load(answers: AnswerImport.read(Array(data), for: form).answers)
        let before = h.store.operatorID
        h.store.operatorID = operatorID
        defer { h.store.operatorID = before }
        return try h.store.finalize(form: form, state: state, draftID: nil)
    }

    func testTheHiddenKeyAsksForTheOperatorAndFiveWrongPINsLock() throws {
        let h = try UIHarness()
        try h.store.addOperator(id: "lan.nguyen", pin: "482913")
        // Nothing on the citizen's screen tells of it.
        XCTAssertFalse(h.text.contains("Ctrl"), h.text)
        XCTAssertFalse(h.text.contains("F12"), h.text)
        h.app.key(.control("o"))
        XCTAssertTrue(h.text.contains("Đăng nhập cán bộ"), h.text)
        h.app.key(.enter)
        h.app.key(.enter)
        XCTAssertTrue(h.text.contains("Hãy nhập mã cán bộ và mã PIN."), h.text)
        XCTAssertFalse(h.text.contains("F10"), "no quitting before the sign-in")
        h.app.type("lan.nguyen")
        h.app.key(.enter)
        h.app.type("111111")
        XCTAssertFalse(h.text.contains("111111"), "the PIN is never shown")
        h.app.key(.enter)
        XCTAssertTrue(h.text.contains("Mã cán bộ hoặc mã PIN không đúng (còn 4 lần thử)."), h.text)
        XCTAssertTrue(h.text.contains("lan.nguyen"), "the id typed stays")
        for _ in 0..<4 {
            h.app.type("111111")
            h.app.key(.enter)
        }
        XCTAssertTrue(h.text.contains("Đăng nhập tạm khoá vì nhập sai nhiều lần. Hãy thử lại sau 15 phút."), h.text)
        h.app.type("482913")
        h.app.key(.enter)
        XCTAssertTrue(h.text.contains("tạm khoá"), "locked even for the right PIN")
        XCTAssertNil(h.app.state.operatorID)
        // Esc: back to the citizen's welcome; F12 is the same key.
        h.app.key(.escape)
        XCTAssertTrue(h.text.contains("Xin chào!"), h.text)
        h.app.key(.function(12))
        XCTAssertTrue(h.text.contains("Đăng nhập cán bộ"), h.text)
    }

    func testTodayAtThisStationByProcedureAndOperatorInEnglishToo() throws {
        let h = try UIHarness()
        _ = try finalizeBirthSample(h, operatorID: "lan.nguyen")
        _ = try finalizeBirthSample(h)
        try h.signInOperator()
        let today = h.text
        assertSnapshot(today, "operator-today")
        XCTAssertTrue(today.contains("Cán bộ: lan.nguyen"), today)
        XCTAssertTrue(today.contains("Trong ngày 23/11/2026"), today)
        XCTAssertTrue(today.contains("Bắt đầu  Hoàn tất    Đã gửi Cần xử lý"), today)
        XCTAssertTrue(today.contains("│ Cả trạm                                0         2         0         0       │"), today)
        XCTAssertTrue(today.contains("│  Đăng ký khai sinh                     0         2         0         0       │"), today)
        XCTAssertTrue(today.contains("│  (không có cán bộ)                     0         1         0         0       │"), today)
        XCTAssertTrue(today.contains("│  lan.nguyen                            0         1         0         0       │"), today)
        XCTAssertTrue(today.contains("Thời gian trung vị từ lúc bắt đầu đến biên nhận: chưa có hồ sơ hoàn tất"), today)
        XCTAssertTrue(today.contains("Esc Người dân · F9 Đăng xuất   F1   F2 Telex   F10"), today)
        h.app.key(.right)
        XCTAssertTrue(h.text.contains("Trong tháng 11/2026"), h.text)
        h.app.state.language = .en
        XCTAssertTrue(h.text.contains("Month 11/2026"), h.text)
        XCTAssertTrue(h.text.contains("Median time from start to receipt: no dossier finished yet"), h.text)
        XCTAssertFalse(h.text.contains("Cán bộ"), "English throughout")
    }

    func testTheQueueSaysWhyInWordsAndSendNowMakesEverythingDue() throws {
        let h = try UIHarness()
        let first = try finalizeBirthSample(h)
        let second = try finalizeBirthSample(h)
        try h.store.recordAttempt(dossierID: first.id, error: "offline: connection refused", nextAttemptAt: Int(mondayMorning) + 600)
        try h.store.recordAttempt(dossierID: second.id, error: "401: the station token was refused", nextAttemptAt: Int(mondayMorning) + 600)
        try h.signInOperator()
        h.app.type("2")
        let queue = h.text
        XCTAssertTrue(queue.contains("▶ \(first.receiptNumber) · Đăng ký khai sinh · 08:41 23/11/2026"), queue)
        XCTAssertTrue(queue.contains("1 lần thử · không kết nối được tới hệ thống tỉnh · thử lại lúc 08:51"), queue)
        XCTAssertTrue(queue.contains("hệ thống tỉnh không nhận mã trạm (token)"), queue)
        XCTAssertTrue(try h.store.dueOutbox().isEmpty)
        h.app.type("g")
        XCTAssertTrue(h.text.contains("Đã yêu cầu gửi ngay: trạm gửi mọi hồ sơ đang chờ trong vài giây khi có mạng."), h.text)
        XCTAssertEqual(try h.store.dueOutbox().map(\.submissionID), [first.submissionID, second.submissionID])
        assertSnapshot(h.text, "operator-queue")
        // The worker sent one meanwhile: the list follows the station's status.
        try h.store.markAccepted(submissionID: first.submissionID, officialCode: "000.00.00.H49-261123-0001", dueDate: nil)
        h.app.send(.stationStatus(StationStatus(online: true, waiting: 1, needsAttention: 0)))
        XCTAssertFalse(h.text.contains(first.receiptNumber), h.text)
        XCTAssertTrue(h.text.contains(second.receiptNumber), h.text)
    }

    func testALongQueueScrollsToTheChosenDossier() throws {
        let h = try UIHarness()
        var receipts: [String] = []
        for _ in 0..<9 { receipts.append(try finalizeBirthSample(h).receiptNumber) }
        try h.signInOperator()
        h.app.type("2")
        XCTAssertTrue(h.text.contains("▶ \(receipts[0])"), h.text)
        XCTAssertFalse(h.text.contains(receipts[8]), h.text)
        XCTAssertTrue(h.text.contains("▼ 4 hồ sơ nữa ở dưới (↓)"), h.text)
        h.app.key(.up)  // round to the last
        XCTAssertTrue(h.text.contains("▶ \(receipts[8])"), h.text)
        XCTAssertFalse(h.text.contains(receipts[0]), h.text)
        XCTAssertFalse(h.text.contains("▼"), h.text)
    }

    func testNeedsAttentionShowsTheReasonsAgainstTheAnswersAndACorrectionReplacesTheDossier() throws {
        let h = try UIHarness()
        let refused = try finalizeBirthSample(h)
        try h.store.markNeedsAttention(submissionID: refused.submissionID,
                                       reasons: "Fields.child_full_name: Họ tên của trẻ khác với Giấy chứng sinh; MaDoiTuong: Số định danh không có trong CSDL quốc gia về dân cư")
        h.app.send(.stationStatus(StationStatus(online: true, waiting: 0, needsAttention: 1)))
        try h.signInOperator()
        h.app.type("3")
        let attention = h.text
        assertSnapshot(attention, "operator-attention")
        XCTAssertTrue(attention.contains("▶ \(refused.receiptNumber) · Đăng ký khai sinh"), attention)
        XCTAssertTrue(attention.contains("• Họ, chữ đệm và tên (đã gửi: “Trần Gia Bảo”) — Họ tên của trẻ khác"), attention)
        XCTAssertTrue(attention.contains("• Số định danh cá nhân (đã gửi: “068092004512”) — Số định danh không"), attention)
        // Corrected with the citizen: the answers open in the form screens,
        // on the page of the first answer named.
        h.app.type("s")
        let session = try XCTUnwrap(h.session)
        XCTAssertTrue(h.text.contains("Trần Gia Bảo"), h.text)
        XCTAssertTrue(h.text.contains("Hệ thống tỉnh yêu cầu sửa: Họ, chữ đệm và tên — Họ tên của trẻ khác"), h.text)
        XCTAssertEqual(h.raw("child_full_name"), "Trần Gia Bảo")
        h.focus("child_full_name")
        h.app.key(.backspace, times: 3)
        h.app.type("Ngoc")
        XCTAssertEqual(h.raw("child_full_name"), "Trần Gia Ngoc")
        // Through the documents and review, as a person finishes a form.
        for _ in 0..<50 { if case .fields? = h.session?.stage { h.nextPage() } else { break } }
        h.nextPage()
        let count = ReviewUpdate.answerPaths(h.session!).count
        for _ in 0..<500 { if let f = h.session?.focus, f < count { h.app.key(.down) } else { break } }
        h.app.key(.text(" "))
        h.app.key(.down)
        h.app.key(.enter)
        guard case .receipt(let r) = h.app.state.page else { return XCTFail("no receipt:\n\(h.text)") }
        let corrected = try XCTUnwrap(try h.store.dossier(submissionID: r.receipt.submissionID))
        XCTAssertNotEqual(corrected.submissionID, refused.submissionID, "a new submission id")
        XCTAssertEqual(corrected.replaces, refused.submissionID)
        XCTAssertEqual(corrected.operatorID, "lan.nguyen")
        XCTAssertEqual(try h.store.dossier(submissionID: refused.submissionID)?.status, .replaced)
        XCTAssertEqual(try h.store.dossierAnswers(id: corrected.id).first { $0.path == "child_full_name" }?.value, "Trần Gia Ngoc")
        XCTAssertNil(try h.store.draft(id: session.draft.id))
        // Back at the desk: nothing needs attention any more.
        h.app.key(.control("o"))
        h.app.type("3")
        XCTAssertTrue(h.text.contains("Không có hồ sơ nào bị hệ thống tỉnh từ chối."), h.text)
    }

    func testWithdrawingARefusedDossierNeedsAReasonAndKeepsTheTyping() throws {
        let h = try UIHarness()
        let refused = try finalizeBirthSample(h)
        try h.store.markNeedsAttention(submissionID: refused.submissionID, reasons: "Mã nộp hồ sơ này đã được dùng cho một hồ sơ có nội dung khác.")
        try h.signInOperator()
        h.app.type("3")
        XCTAssertTrue(h.text.contains("• Mã nộp hồ sơ này đã được dùng cho một hồ sơ có nội dung khác."), h.text)
        h.app.type("r")
        XCTAssertTrue(h.text.contains("Lý do rút hồ sơ (Enter xác nhận, Esc huỷ):"), h.text)
        h.app.key(.enter)
        XCTAssertTrue(h.text.contains("Hãy ghi lý do rút hồ sơ."), h.text)
        h.app.type("Nguwowif daan noopj taij xax")
        XCTAssertTrue(h.text.contains("Người dân nộp tại xã"), h.text)
        h.app.key(.enter)
        XCTAssertTrue(h.text.contains("Đã rút hồ sơ; hồ sơ sẽ không được gửi lại."), h.text)
        XCTAssertTrue(h.text.contains("Không có hồ sơ nào bị hệ thống tỉnh từ chối."), h.text)
        XCTAssertEqual(try h.store.dossier(submissionID: refused.submissionID)?.status, .withdrawn)
        XCTAssertEqual(try h.store.history(dossierID: refused.id).last?.note, "Người dân nộp tại xã")
    }

    func testADraftIsErasedOnlyWithTheCitizensConsent() throws {
        let h = try UIHarness()
        h.startForm("khai sinh")
        let code = try XCTUnwrap(h.session?.draft.resumeCode)
        h.app.key(.escape)
        h.app.type("c")  // paused: the slip is printed
        try h.signInOperator()
        h.app.type("4")
        XCTAssertTrue(h.text.contains("▶ \(code) · Đăng ký khai sinh"), h.text)
        XCTAssertTrue(h.text.contains("lan.nguyen") || true)
        h.app.type("x")
        XCTAssertTrue(h.text.contains("Người dân có đồng ý xoá hồ sơ đang làm dở này không?"), h.text)
        h.app.type("k")
        XCTAssertEqual(try h.store.draftSummaries().count, 1, "no consent, nothing erased")
        h.app.type("x")
        h.app.type("c")
        XCTAssertTrue(h.text.contains("Đã xoá hồ sơ đang làm dở."), h.text)
        XCTAssertTrue(h.text.contains("Không có hồ sơ đang làm dở nào tại trạm."), h.text)
        XCTAssertTrue(try h.store.draftSummaries().isEmpty)
    }

    func testARefusedFormBundleIsShownUnderFormUpdates() throws {
        let h = try UIHarness()
        let updates = h.dir + "/updates"
        h.app.runner?.formUpdatesPath = updates
        try h.signInOperator()
        h.app.type("5")
        XCTAssertTrue(h.text.contains("Không có bản cập nhật biểu mẫu nào bị từ chối."), h.text)
        try FormBundleState(refused: .init(version: "2026.12.1", sha256: String(repeating: "a", count: 64),
                                           message: LocalizedText(vi: "Chữ ký không đúng.", en: "The signature is wrong."),
                                           at: Int(mondayMorning), permanent: true)).write(updates: updates)
        h.app.type("l")
        XCTAssertTrue(h.text.contains("⚠ Gói biểu mẫu 2026.12.1 bị từ chối: Chữ ký không đúng. Trạm vẫn dùng"), h.text)
        XCTAssertTrue(h.text.contains("mẫu đi kèm kiosk."), h.text)
    }

    func testAnOperatorWhoWalksAwayIsSignedOutAndDraftsRecordWhoHelped() throws {
        let h = try UIHarness()
        try h.signInOperator()
        // Esc: the citizens' screens, still signed in to help.
        h.app.key(.escape)
        XCTAssertTrue(h.text.contains("Xin chào!"), h.text)
        XCTAssertFalse(h.text.contains("F10"), h.text)
        h.startForm("khai sinh")
        XCTAssertEqual(try h.store.draftSummaries().first?.operatorID, "lan.nguyen")
        // The hidden key does nothing over a citizen's form.
        h.app.key(.control("o"))
        XCTAssertNotNil(h.session)
        // Idle: the form closes and the operator is signed out.
        h.app.send(.tick(unixTime: mondayMorning + 200))
        XCTAssertTrue(h.text.contains("Xin chào!"), h.text)
        XCTAssertNil(h.app.state.operatorID)
        XCTAssertNil(h.store.operatorID)
        h.app.key(.control("o"))
        XCTAssertTrue(h.text.contains("Đăng nhập cán bộ"), h.text)
    }
}

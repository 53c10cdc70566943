import XCTest
import KioskCore
@testable import KioskUI

/// Every screen drawn as text and compared with Tests/KioskUITests/Snapshots
/// (RECORD_SNAPSHOTS=1 rewrites them after a deliberate change).
final class ScreenSnapshotTests: XCTestCase {
    func testWelcome() throws {
        let h = try UIHarness()
        assertSnapshot(h.text, "welcome-80x24")
        h.app.send(.resize(width: 160, height: 50))
        assertSnapshot(h.text, "welcome-160x50")
        let en = try UIHarness(language: .en)
        assertSnapshot(en.text, "welcome-80x24-en")
    }

    func testTheStatusLineTellsTheStaffWhatWaitsAndWhatIsWrong() throws {
        let h = try UIHarness()
        XCTAssertFalse(h.text.contains("cần xử lý"))
        let problem = LocalizedText(vi: "Tệp mã truy cập /etc/kiosk/token để người khác đọc được; hãy chạy: chmod 600 /etc/kiosk/token",
                                    en: "The token file /etc/kiosk/token is readable by others; run: chmod 600 /etc/kiosk/token")
        h.app.send(.stationStatus(StationStatus(online: false, waiting: 3, needsAttention: 2, problem: problem)))
        assertSnapshot(h.text, "welcome-station-problem-80x24")
        XCTAssertTrue(h.text.contains("3 chờ gửi · ⚠ 2 cần xử lý"), h.text)
        // The whole instruction is on screen, wrapped, never cut.
        let joined = h.text.split(separator: "\n").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "│ ")) }.joined(separator: " ")
        XCTAssertTrue(joined.contains("chmod 600 /etc/kiosk/token"), h.text)
        // Once the worker sees the server again, the warning goes.
        h.app.send(.stationStatus(StationStatus(online: true, waiting: 0, needsAttention: 2)))
        XCTAssertFalse(h.text.contains("Chưa gửi được"), h.text)
        XCTAssertTrue(h.text.contains("● Trực tuyến · ⚠ 2 cần xử lý"), h.text)
    }

    func testTheOfficialCodeArrivesOnTheReceiptAsAnEvent() throws {
        let h = try UIHarness()
        try h.finalizeSample("khai sinh", sample: "dang-ky-khai-sinh")
        guard case .receipt(let r) = h.app.state.page else { return XCTFail("no receipt:\n\(h.text)") }
        XCTAssertNil(r.receipt.officialCode)
        let code = "000.00.13.H36-261123-0001"
        // Another dossier's code never lands on this receipt.
        h.app.send(.officialCodeArrived(submissionID: "another", code: code, dueDate: "2026-11-30"))
        XCTAssertFalse(h.text.contains(code), h.text)
        h.app.send(.officialCodeArrived(submissionID: r.receipt.submissionID, code: code, dueDate: "2026-11-30"))
        XCTAssertTrue(h.text.contains(code), h.text)
        XCTAssertTrue(h.text.contains("30/11/2026"), h.text)
    }

    func testTooSmall() throws {
        let h = try UIHarness(width: 70, height: 20)
        assertSnapshot(h.text, "too-small-70x20")
    }

    func testChooseProcedure() throws {
        let h = try UIHarness()
        h.app.type("1")
        assertSnapshot(h.text, "choose-all")
        h.app.type("khai sinh")
        assertSnapshot(h.text, "choose-khai-sinh")
        h.app.key(.enter)
        assertSnapshot(h.text, "pin")
    }

    func testFormPages() throws {
        let h = try UIHarness()
        h.startForm("khai sinh")
        h.app.type("Nguyeenx Vawn An")
        h.app.key(.tab, times: 2)
        h.app.type("0680920045")
        h.app.key(.tab)
        assertSnapshot(h.text, "form-applicant-picker-open")
        h.app.type("lam d")
        assertSnapshot(h.text, "form-applicant-picker-filtered")
        h.nextPage()
        assertSnapshot(h.text, "form-child-empty")
        try h.load(sample: "dang-ky-khai-sinh")
        assertSnapshot(h.text, "form-child-filled")
        let big = try UIHarness(width: 160, height: 50)
        big.startForm("khai sinh")
        try big.load(sample: "dang-ky-khai-sinh")
        big.nextPage()
        assertSnapshot(big.text, "form-child-160x50")
    }

    func testRepeatGroupPage() throws {
        let h = try UIHarness()
        h.startForm("thuong tru")
        try h.load(sample: "dang-ky-thuong-tru")
        while let f = h.session, !f.rows.contains(where: { if case .groupHeader = $0 { return true } else { return false } }), f.stage == .fields {
            h.nextPage()
        }
        assertSnapshot(h.text, "form-repeat-group")
    }

    func testDocumentsReviewReceipt() throws {
        let h = try UIHarness()
        h.startForm("khai sinh")
        try h.load(sample: "dang-ky-khai-sinh")
        while case .fields? = h.session?.stage { h.nextPage() }
        assertSnapshot(h.text, "documents")
        h.nextPage()
        assertSnapshot(h.text, "review")
        let count = ReviewUpdate.answerPaths(h.session!).count
        while let f = h.session?.focus, f < count { h.app.key(.down) }
        h.app.key(.text(" "))
        h.app.key(.down)
        assertSnapshot(h.text, "review-declared")
        h.app.key(.enter)
        assertSnapshot(h.text, "receipt")
    }

    func testResumeLookupPriorHelpIdle() throws {
        let h = try UIHarness()
        h.app.type("2")
        h.app.type("ABC")
        assertSnapshot(h.text, "resume")
        h.app.key(.escape)
        h.app.type("4")
        h.app.type("LH-01-20261123-0009")
        h.app.key(.enter) // to the verification, left empty
        h.app.key(.enter)
        assertSnapshot(h.text, "lookup-not-found")
        h.app.key(.escape)
        h.app.type("3")
        h.app.type("000.00.00.H49-251345-0001")
        h.app.key(.enter)
        assertSnapshot(h.text, "prior-bad-date")
        h.app.key(.function(1))
        assertSnapshot(h.text, "help")
        h.app.key(.escape)
        h.app.key(.escape)
        h.startForm("khai sinh")
        h.app.send(.tick(unixTime: mondayMorning + 105))
        assertSnapshot(h.text, "idle-countdown")
    }
}

import Foundation
import XCTest
import KioskCore
import KioskRuntime
import KioskStore
@testable import KioskUI

/// Issue 13, section 5: a receipt the citizen can trust. Each test drives
/// the app with keys and reads the screen (or the saved file) it leaves.
final class ReceiptTrustTests: XCTestCase {
    private func mode(_ path: String) -> Int {
        var info = stat()
        return stat(path, &info) == 0 ? Int(info.st_mode) & 0o7777 : -1
    }

    func testASameDayProcedureFinalizedOnSaturdayIsExpectedOnMondayUntilTheServerSays() throws {
        let h = try UIHarness(now: saturdayMorning)
        try h.finalizeSample("khai sinh", sample: "dang-ky-khai-sinh")
        XCTAssertTrue(h.text.contains("Nộp lúc: 08:41 05/12/2026"), h.text)
        XCTAssertTrue(h.text.contains("Hẹn trả (dự kiến): 07/12/2026"), "the next working day, marked expected: \(h.text)")
        let file = h.dir + "/receipts/LH-01-20261205-0001.txt"
        XCTAssertTrue(try ReceiptFiles.read(file, store: h.store).contains("Đang chờ gửi lên hệ thống tỉnh"))

        // The server accepts it: the worker records that in the store, the
        // runtime sees it, the receipt on screen changes and offers the final one.
        guard case .receipt(let r) = h.app.state.page else { return XCTFail(h.text) }
        let code = "000.00.13.H36-261207-0003"
        try h.store.markAccepted(submissionID: r.receipt.submissionID, officialCode: code, dueDate: "2026-12-07")
        for event in StationWatch.events(h.store, online: true, awaitingOfficialCode: h.app.state.awaitingOfficialCode) { h.app.send(event) }
        XCTAssertTrue(h.text.contains("Mã hồ sơ: \(code)"), h.text)
        XCTAssertTrue(h.text.contains("Hẹn trả: 07/12/2026"), h.text)
        XCTAssertFalse(h.text.contains("dự kiến"), h.text)
        XCTAssertTrue(h.text.contains("Đã có mã hồ sơ chính thức: hãy in biên nhận chính thức."), h.text)
        XCTAssertTrue(h.text.contains("[ In biên nhận chính thức ]"), h.text)

        // The saved file is written again, final, and stays private.
        XCTAssertEqual(h.app.runner?.finishPendingReceipts(), ["LH-01-20261205-0001"])
        let saved = try ReceiptFiles.read(file, store: h.store)
        XCTAssertTrue(saved.contains(code), saved)
        XCTAssertTrue(saved.contains("Hẹn trả: 07/12/2026"), saved)
        XCTAssertFalse(saved.contains("Đang chờ gửi"), saved)
        XCTAssertEqual(String(mode(file), radix: 8), "600")
        XCTAssertEqual(h.app.runner?.finishPendingReceipts(), [], "once final, nothing more to do")

        // Enter prints (here: saves) the final receipt.
        h.app.key(.enter)
        XCTAssertTrue(h.text.contains("Đã lưu biên nhận vào tệp receipts/LH-01-20261205-0001.txt"), h.text)
    }

    func testAReceiptWhoseCodeComesAfterTheCitizenLeftIsRewrittenToo() throws {
        let h = try UIHarness(language: .en)
        try h.finalizeSample("birth", sample: "dang-ky-khai-sinh")
        guard case .receipt(let r) = h.app.state.page else { return XCTFail(h.text) }
        h.app.key(.escape)
        XCTAssertTrue(h.text.contains("Hello!"), h.text)
        XCTAssertEqual(h.app.runner?.finishPendingReceipts(), [], "no code yet")
        try h.store.markAccepted(submissionID: r.receipt.submissionID, officialCode: "000.00.13.H36-261123-0001", dueDate: "2026-11-24")
        XCTAssertEqual(h.app.runner?.finishPendingReceipts(), ["LH-01-20261123-0001"])
        let saved = try ReceiptFiles.read(h.dir + "/receipts/LH-01-20261123-0001.txt", store: h.store)
        XCTAssertTrue(saved.contains("Dossier code: 000.00.13.H36-261123-0001"), "in the citizen's language: \(saved)")
        XCTAssertTrue(saved.contains("Due: 24/11/2026"), saved)
        XCTAssertFalse(FileManager.default.fileExists(atPath: h.dir + "/receipts/.LH-01-20261123-0001.pending.json"))
    }

    func testEveryDocumentBroughtToTheDeskIsListedAndTheFeeIsShown() throws {
        let h = try UIHarness()
        h.startForm("chung thuc")
        try h.load(sample: "chung-thuc-ban-sao")
        // Every document the citizen brings to the desk, optional ones too.
        guard case .form(var f) = h.app.state.page else { return XCTFail(h.text) }
        let optional = f.form.procedure.documents.filter { !f.state.isRequired(document: $0) }
        for d in optional {
            guard let field = f.form.fields.first(where: { $0.component == d.code && $0.group == nil }) else { continue }
            _ = f.state.set(FieldPath(field: field.index), raw: "desk")
        }
        h.app.state.page = .form(f)
        let fee = f.state.value(FieldPath(field: f.form.fieldIndexByID["dossier_total_fee"]!))
        while case .fields? = h.session?.stage { h.nextPage() }
        h.nextPage()
        let count = ReviewUpdate.answerPaths(h.session!).count
        while let focus = h.session?.focus, focus < count { h.app.key(.down) }
        h.app.key(.text(" ")) // the declaration
        h.app.key(.down)
        h.app.key(.enter)
        guard case .receipt(let r) = h.app.state.page else { return XCTFail(h.text) }
        for d in f.form.procedure.documents {
            let field = f.form.fields.first { $0.component == d.code && $0.group == nil }
            if field.map({ f.state.raw(FieldPath(field: $0.index)) == "desk" }) ?? false {
                XCTAssertTrue(r.receipt.bring.contains(d.name), "\(d.name.vi) was brought to the desk: \(r.receipt.bring)")
            }
        }
        // The computed fee, not the procedure's per-page amount.
        guard case .number(let amount) = fee else { return XCTFail("no computed fee") }
        let shown = Receipt.money(Int(amount), .vi)
        XCTAssertTrue(h.text.contains("Lệ phí: \(shown)"), "\(shown): \(h.text)")
        XCTAssertEqual(Receipt.money(15000, .vi), "15.000 đồng")
        XCTAssertEqual(Receipt.money(1_200_000, .en), "1,200,000 VND")
    }

    func testTheProcedureFeeWhenNothingIsComputed() throws {
        let h = try UIHarness(language: .en)
        try h.finalizeSample("temporary residence", sample: "dang-ky-tam-tru")
        XCTAssertTrue(h.text.contains("Fee: 15,000 VND"), h.text)
        XCTAssertTrue(h.text.contains("Due (expected): 26/11/2026"), "3 working days after Monday: \(h.text)")
    }

    func testTheReceiptNumberIsAcceptedWhereADossierCodeIsAsked() throws {
        let h = try UIHarness()
        try h.finalizeSample("khai sinh", sample: "dang-ky-khai-sinh")
        guard case .receipt(let r) = h.app.state.page else { return XCTFail(h.text) }
        h.app.key(.escape)
        // The autofill entry: not "Phần đầu của mã hồ sơ … chưa đúng".
        h.app.type("3")
        h.app.type("lh-01-20261123-0001")
        h.app.key(.tab)
        h.app.type("079301001234") // not given in the dossier
        h.app.key(.enter)
        XCTAssertFalse(h.text.contains("Phần đầu"), h.text)
        XCTAssertTrue(h.text.contains("Không tìm thấy hồ sơ với mã và thông tin xác minh này"), h.text)
        // With the applicant's id number: found, but it has no official code yet.
        let applicant = try XCTUnwrap(try h.store.priorDossier(receiptNumber: r.receipt.receiptNumber)?.answers["applicant.id_number"]?.first)
        h.app.type(applicant)
        h.app.key(.enter)
        XCTAssertTrue(h.text.contains("chưa được hệ thống tỉnh tiếp nhận"), h.text)
        // Once accepted, the receipt number finds it by its official code.
        try h.store.markAccepted(submissionID: r.receipt.submissionID, officialCode: "000.00.13.H36-261123-0001", dueDate: nil)
        h.app.type(applicant)
        h.app.key(.enter)
        XCTAssertTrue(h.text.contains("Đã tìm thấy"), h.text)
        XCTAssertEqual(h.app.state.page.prior?.found.first?.code, "000.00.13.H36-261123-0001")
    }

    func testStatusWordsNeverTheNumber() throws {
        struct Province: PriorDossierService {
            func find(code: String, verification: String) -> PriorServiceAnswer {
                var p = PriorDossier(code: code, procedureCode: "1.001193", procedureName: "Đăng ký khai sinh", answers: [:], origin: .server)
                p.status = 10
                p.dueDate = "2026-11-24"
                return .found(p)
            }
        }
        let h = try UIHarness()
        h.app.runner?.priorService = Province()
        h.app.type("4")
        h.app.type("000.00.13.H36-261120-0007")
        h.app.key(.tab)
        h.app.type("068198003417")
        h.app.key(.enter)
        XCTAssertTrue(h.text.contains("Đã trả kết quả"), h.text)
        XCTAssertFalse(h.text.contains("10 Đã trả kết quả"), h.text)
    }
}

extension Page {
    var prior: PriorState? {
        if case .prior(let p) = self { return p }
        return nil
    }
}

/// A document whose field is hidden by the answers (the authorization
/// letter when a parent asks; the household's papers when one person
/// founds the business) is not on the list of what to bring.
final class ReceiptBringListTests: XCTestCase {
    private func bring(_ formID: String, _ change: (inout FormState) -> Void) throws -> [String] {
        let form = try XCTUnwrap(catalog.form(id: formID))
        let data = try Data(contentsOf: URL(fileURLWithPath: packageRoot + "/Tests/Fixtures/answers/\(formID).json"))
        var state = FormState(form: form, today: CalendarDate(year: 2026, month: 11, day: 23))
        XCTAssertEqual(state.load(answers: AnswerImport.read(Array(data), for: form).answers), [])
        change(&state)
        return Receipt.documentsToBring(form: form, state: state).map(\.vi)
    }

    func testHiddenDocumentsAreNotToBring() throws {
        let extract = try bring("cap-ban-sao-trich-luc-ho-tich") { _ in }
        XCTAssertFalse(extract.contains("Văn bản ủy quyền"), "the mother asks herself: \(extract)")
        let authorized = try bring("cap-ban-sao-trich-luc-ho-tich") { _ = $0.set("applicant_relationship", "authorized") }
        XCTAssertTrue(authorized.contains("Văn bản ủy quyền"), "\(authorized)")

        let household = try bring("dang-ky-ho-kinh-doanh") { _ in }
        let alone = try bring("dang-ky-ho-kinh-doanh") { _ = $0.set("founded_by", "individual") }
        XCTAssertGreaterThan(household.count, alone.count, "\(household) / \(alone)")
        XCTAssertEqual(alone.count, 1, "only the owner's identity document: \(alone)")
    }
}

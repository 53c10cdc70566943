import Foundation
import XCTest
import KioskCore
import KioskRuntime
@testable import KioskUI

/// Money, copies and the name of the charge read the same on every screen
/// of one language (`--lang en`): "24,000 VND" on the procedure screen, the
/// review and the receipt; "Phí" / "Service charge" for a fee for a service.
final class EnglishMoneyUITests: XCTestCase {
    private func lines(_ h: UIHarness) -> [String] {
        h.text.split(separator: "\n").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "│ ")) }
    }

    private func goTo(_ stage: (FormSession) -> Bool, _ h: UIHarness) {
        for _ in 0..<12 where !(h.session.map(stage) ?? true) { h.nextPage() }
    }

    func testTheExtractInEnglishFromTheProcedureScreenToTheReceipt() throws {
        let h = try UIHarness(width: 100, height: 40, language: .en)
        h.app.type("1")
        h.app.type("extract")
        XCTAssertTrue(h.text.contains("Service charge: 8,000 VND per copy"), h.text)
        h.app.key(.control("u"))
        h.app.type("criminal")
        XCTAssertTrue(h.text.contains("200,000 VND"), h.text)
        XCTAssertNil(h.text.range(of: "[0-9] đ", options: .regularExpression), "no amount in đồng on an English screen")

        let e = try UIHarness(width: 100, height: 40, language: .en)
        let printed = e.dir + "/printed.txt"
        e.app = HeadlessApp(state: e.app.state, runner: EffectRunner(store: e.store, context: e.app.state.context, printerCommand: "cat > '\(printed)'",
                                                                      receiptsDirectory: e.dir + "/receipts"))
        e.startForm("extract")
        try e.load(sample: "cap-ban-sao-trich-luc-ho-tich") // 3 copies
        XCTAssertTrue(e.text.contains("Service charge: 8,000 VND × 3; in words (Vietnamese): Hai mươi tư nghìn đồng."), e.text)
        goTo({ $0.stage == .documents }, e)
        XCTAssertTrue(e.text.contains("(original, 1 copy)"), e.text)
        XCTAssertFalse(e.text.contains("1 copies"), e.text)
        e.nextPage()
        XCTAssertTrue(lines(e).contains("Service charge to pay: 24,000 VND"), e.text)
        let count = ReviewUpdate.answerPaths(e.session!).count
        while let f = e.session?.focus, f < count { e.app.key(.down) }
        e.app.key(.text(" "))
        e.app.key(.down)
        e.app.key(.enter)
        // The receipt on screen, and as printed.
        XCTAssertTrue(e.text.contains("Service charge") && e.text.contains("24,000 VND"), e.text)
        let receipt = (try? String(contentsOfFile: printed, encoding: .utf8)) ?? "(not printed)\n\(e.text)"
        XCTAssertTrue(receipt.contains("Service charge"), receipt)
        XCTAssertTrue(receipt.contains("24,000 VND"), receipt)
    }

    func testTheExtractInVietnameseSaysPhi() throws {
        let h = try UIHarness(width: 100, height: 40)
        h.app.type("1")
        h.app.type("trich luc")
        XCTAssertTrue(lines(h).contains { $0.hasPrefix("Phí: Phí cấp bản sao") }, h.text)
        h.app.key(.control("u"))
        h.app.type("ket hon")
        XCTAssertTrue(lines(h).contains { $0.hasPrefix("Lệ phí:") }, "a lệ phí by default\n\(h.text)")
    }

    func testHouseholdBusinessInEnglish() throws {
        let h = try UIHarness(width: 100, height: 40, language: .en)
        h.startForm("household business")
        XCTAssertEqual(h.session?.form.id, "dang-ky-ho-kinh-doanh", h.text)
        try h.load(sample: "dang-ky-ho-kinh-doanh")
        while let f = h.session, f.stage == .fields, f.form.pages[f.page].id != "business" { h.nextPage() }
        XCTAssertTrue(h.text.contains("[ 150,000,000"), "grouped as English writes numbers\n\(h.text)")
        XCTAssertTrue(h.text.contains("In words (Vietnamese): Một trăm năm mươi triệu đồng"), h.text)
        while let f = h.session, f.stage == .fields, f.form.pages[f.page].id != "lines" { h.nextPage() }
        XCTAssertTrue(h.text.contains("[ + Add a business line ]"), h.text)
    }
}

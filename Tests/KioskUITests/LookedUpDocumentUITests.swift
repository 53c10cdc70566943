import Foundation
import XCTest
import KioskCore
import KioskRuntime
import KioskStore
@testable import KioskUI

/// Documents the office looks up itself are never asked for (Nghị định
/// 07/2025/NĐ-CP): a birth registration without a foreign parent, from the
/// procedure screen to the receipt, never asks for the parents' marriage
/// certificate (issue 14, section 1).
final class LookedUpDocumentUITests: XCTestCase {
    static let marriageCertificate = "Giấy chứng nhận kết hôn của cha, mẹ"

    func testABirthWithoutAForeignParentNeverAsksForTheMarriageCertificate() throws {
        let h = try UIHarness(width: 100, height: 32)
        // The procedure screen: not to prepare, looked up (unless a parent is foreign).
        h.app.type("1")
        h.app.type("khai sinh")
        let procedure = h.text
        let prepare = try XCTUnwrap(procedure.range(of: "Cần chuẩn bị:"))
        let lookedUp = try XCTUnwrap(procedure.range(of: "Không cần mang, cơ quan tự tra cứu:"), procedure)
        XCTAssertFalse(procedure[prepare.upperBound..<lookedUp.lowerBound].contains("kết hôn"), procedure)
        XCTAssertTrue(procedure[lookedUp.upperBound...].contains(Self.marriageCertificate), procedure)
        XCTAssertTrue(procedure.contains("trừ một số trường hợp"), procedure)

        // The documents step: marked as looked up, nothing to do.
        h.app.key(.enter)
        for _ in 0..<2 { h.app.type("1357"); h.app.key(.enter) }
        try h.load(sample: "dang-ky-khai-sinh")
        while case .fields? = h.session?.stage { h.nextPage() }
        XCTAssertEqual(h.session?.stage, .documents)
        let documents = h.text
        let row = try XCTUnwrap(documents.split(separator: "\n").first { $0.contains(Self.marriageCertificate) }, documents)
        XCTAssertTrue(row.contains("cơ quan tự tra cứu"), documents)
        XCTAssertTrue(row.contains("— không cần"), "not needed unless the office asks: \(documents)")
        XCTAssertFalse(row.contains("chưa có"), documents)

        // The receipt: not in what to bring; said apart.
        h.nextPage()
        let count = ReviewUpdate.answerPaths(h.session!).count
        while let focus = h.session?.focus, focus < count { h.app.key(.down) }
        h.app.key(.text(" "))
        h.app.key(.down)
        h.app.key(.enter)
        guard case .receipt(let r) = h.app.state.page else { return XCTFail(h.text) }
        XCTAssertFalse(r.receipt.bring.map(\.vi).contains(Self.marriageCertificate), "\(r.receipt.bring)")
        XCTAssertEqual(r.receipt.lookedUp?.map(\.vi), [Self.marriageCertificate])
        let paper = r.receipt.text(columns: 48, language: .vi)
        let bring = try XCTUnwrap(paper.split(separator: "\n").first { $0.contains("Mang theo khi nhận") }, paper)
        XCTAssertFalse(bring.contains("kết hôn"), paper)
        XCTAssertTrue(paper.contains("Cơ quan tự tra cứu, chỉ mang khi được yêu cầu"), paper)
    }

    func testAForeignParentBringsTheMarriageCertificate() throws {
        let h = try UIHarness(width: 100, height: 32)
        h.startForm("khai sinh")
        try h.load(sample: "dang-ky-khai-sinh")
        guard case .form(var f) = h.app.state.page else { return XCTFail() }
        for (id, raw) in [("mother_nationality", "CN"), ("mother_id_type", "HCNN"), ("mother_id_other_number", "E12345678"),
                          ("has_foreign_element", "yes"), ("foreign_parent", "mother"), ("foreign_nationality_agreed", "yes")] {
            _ = f.state.set(id, raw)
        }
        h.app.state.page = .form(f)
        while case .fields? = h.session?.stage { h.nextPage() }
        let documents = h.text
        let row = try XCTUnwrap(documents.split(separator: "\n").first { $0.contains(Self.marriageCertificate) }, documents)
        XCTAssertTrue(row.contains("! chưa có"), "required now: \(documents)")
        XCTAssertFalse(row.contains("cơ quan tự tra cứu"), documents)
    }
}

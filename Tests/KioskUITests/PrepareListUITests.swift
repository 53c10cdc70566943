import Foundation
import XCTest
import KioskCore
@testable import KioskUI

/// "Cần chuẩn bị" on the procedure screen: the documents always required,
/// then those required only in some cases, marked so.
final class PrepareListUITests: XCTestCase {
    /// The procedure screen's text from "Cần chuẩn bị" on, lines joined.
    private func prepare(_ search: String, language: Language = .vi) throws -> String {
        let h = try UIHarness(width: 100, height: 40, language: language)
        h.app.type("1")
        h.app.type(search)
        let lines = h.text.split(separator: "\n").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "│ ")) }
        let label = language == .vi ? "Cần chuẩn bị:" : "Have at hand:"
        guard let start = lines.firstIndex(where: { $0.hasPrefix(label) }) else { XCTFail(h.text); return "" }
        return lines[start...].prefix { !$0.isEmpty && !$0.hasPrefix("─") && !$0.hasPrefix("┌") }.joined(separator: " ")
    }

    func testConditionalDocumentsComeLastMarked() throws {
        let household = try prepare("ho kinh doanh")
        XCTAssertTrue(household.hasPrefix("Cần chuẩn bị: Giấy tờ pháp lý của cá nhân của chủ hộ kinh doanh ·"), household)
        XCTAssertTrue(household.contains("các thành viên hộ gia đình tham gia (tùy trường hợp)"), household)
        let extract = try prepare("trich luc")
        XCTAssertTrue(extract.contains("Văn bản ủy quyền (bản chính, tùy trường hợp)"), extract)
        XCTAssertFalse(extract.contains("Giấy tờ tùy thân của người yêu cầu (tùy"), "always required\n\(extract)")
    }

    func testInEnglish() throws {
        let extract = try prepare("extract", language: .en)
        XCTAssertTrue(extract.contains("Authorization (original, in some cases)"), extract)
    }
}

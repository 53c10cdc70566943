import XCTest
import KioskCore
@testable import KioskUI

/// What the citizen declares is shown whole: labels, the declaration,
/// options and answers wrap instead of being cut.
final class WholeTextTests: XCTestCase {
    /// The text of one column of the screen, from the line where `marker`
    /// starts to the first line where the column is empty, its lines
    /// joined: a sentence wrapped over lines reads as one.
    func column(_ screen: String, from marker: String, to end: String? = nil) -> String {
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0) }
        guard let start = lines.firstIndex(where: { String($0).contains(marker) }) else { return "" }
        let first = String(lines[start])
        let x0 = first.range(of: marker).map { first[..<$0.lowerBound].count } ?? 0
        let x1 = end.flatMap { first.range(of: $0) }.map { first[..<$0.lowerBound].count } ?? lines[start].count - 1
        var out: [String] = []
        for line in lines[start...] {
            let part = String(line[min(x0, line.count)..<min(x1, line.count)]).trimmingCharacters(in: .whitespaces)
            if part.isEmpty { break }
            out.append(part)
        }
        return out.joined(separator: " ")
    }

    func testTheDeclarationTheCitizenSwearsToIsWholeInTheWordsOfTheForm() throws {
        for (w, h) in [(80, 24), (160, 50)] {
            let harness = try UIHarness(width: w, height: h)
            harness.startForm("khai sinh")
            try harness.load(sample: "dang-ky-khai-sinh")
            guard var f = harness.session else { return XCTFail() }
            _ = DocumentsUpdate.toReview(&f)
            harness.app.state.page = .form(f)
            // End goes straight to the declaration, as a person would.
            harness.app.key(.end)
            let text = column(harness.text, from: "[ ] Tôi cam đoan", to: nil)
            XCTAssertTrue(text.contains("Tôi cam đoan nội dung đề nghị đăng ký khai sinh trên đây là đúng sự thật, được sự thỏa thuận nhất trí của các bên liên quan theo quy định pháp luật; tôi chịu hoàn toàn trách nhiệm trước pháp luật về nội dung cam đoan của mình."),
                          "\(w)x\(h):\n\(harness.text)")
            XCTAssertFalse(harness.text.contains("Tôi cam đoan những thông tin trên là đúng sự thật."), "once, in the form's own words: \(harness.text)")
            XCTAssertFalse(text.contains("…"), text)
        }
    }

    func testTheReviewShowsEveryAnswerWhole() throws {
        let h = try UIHarness()
        h.startForm("khai sinh")
        try h.load(sample: "dang-ky-khai-sinh")
        guard var f = h.session else { return XCTFail() }
        // An applicant without an id number gives a residence: a long address.
        _ = f.state.set("applicant_id_number", "")
        _ = f.state.set("applicant_residence", "68|24781|Số 12 đường Trần Phú")
        _ = DocumentsUpdate.toReview(&f)
        h.app.state.page = .form(f)
        // (The next answers follow in the same column.)
        XCTAssertTrue(column(h.text, from: "Số 12 đường").hasPrefix("Số 12 đường Trần Phú, Phường Xuân Hương - Đà Lạt, Tỉnh Lâm Đồng "), h.text)
        XCTAssertTrue(column(h.text, from: "Quan hệ với", to: "Cha").hasPrefix("Quan hệ với người được khai sinh "), h.text)
    }
}

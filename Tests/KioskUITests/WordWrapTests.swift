import XCTest
import KioskCore
@testable import KioskUI

/// The one word-wrap of the screens and the printed receipt.
final class WordWrapTests: XCTestCase {
    func testLinesBreakAtSpacesAndParagraphs() {
        XCTAssertEqual(WordWrap.lines("Tôi cam đoan nội dung đề nghị trên là đúng", width: 16),
                       ["Tôi cam đoan nội", "dung đề nghị", "trên là đúng"])
        XCTAssertEqual(WordWrap.lines("một\n\nhai ba", width: 10), ["một", "", "hai ba"])
    }

    func testAHangingIndentFollowsALabel() {
        XCTAssertEqual(WordWrap.lines("Phường Xuân Hương - Đà Lạt, Lâm Đồng", width: 24, first: "Địa chỉ: ", indent: "         "),
                       ["Địa chỉ: Phường Xuân", "         Hương - Đà Lạt,", "         Lâm Đồng"])
    }

    func testAWordTooLongIsCutIntoPiecesAndNothingIsLost() {
        let code = "000.00.00.H49-250715-0007"
        let lines = WordWrap.lines("Mã: " + code, width: 10)
        XCTAssertTrue(lines.allSatisfy { VietnameseText.displayWidth($0) <= 10 }, "\(lines)")
        XCTAssertEqual(lines.joined().replacingOccurrences(of: " ", with: ""), "Mã:" + code)
        // After a label, a code that fits a line of its own goes there whole.
        XCTAssertEqual(WordWrap.lines(code, width: 30, first: "Mã hồ sơ: ", indent: "  "), ["Mã hồ sơ:", "  " + code])
    }

    func testEveryLineFitsWhateverTheWidth() {
        let text = "Giấy tờ tùy thân của người đi làm thủ tục (bản chính, 1 bản) 068092004512 Đà Lạt"
        for width in 1...40 {
            let lines = WordWrap.lines(text, width: width, first: "Giấy tờ: ", indent: "   ")
            for line in lines { XCTAssertLessThanOrEqual(VietnameseText.displayWidth(line), width, "width \(width): \(lines)") }
            XCTAssertEqual(lines.joined().filter { $0 != " " }, ("Giấy tờ:" + text).filter { $0 != " " }, "width \(width)")
        }
    }
}

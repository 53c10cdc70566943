import XCTest
@testable import KioskCore

final class VietnameseTextTests: XCTestCase {

    // MARK: normalize / clean

    func testNormalize() {
        XCTAssertEqual(Array(VietnameseText.normalize("e\u{0302}\u{0301}").unicodeScalars), ["ế"])
        XCTAssertEqual(VietnameseText.normalize("Vie\u{0323}\u{0302}t Nam"), "Việt Nam")
        XCTAssertEqual(VietnameseText.normalize("plain"), "plain")
        XCTAssertEqual(VietnameseText.normalize(""), "")
    }

    func testClean() {
        XCTAssertEqual(VietnameseText.clean("a\tb\nc\r\nd\u{07}e\u{7F}f\u{85}g"), "a b c def g")
        XCTAssertEqual(VietnameseText.clean("x\u{0}y\u{1B}[0mz\u{9B}"), "xy[0mz")
        XCTAssertEqual(VietnameseText.clean("a\n\nb"), "a  b")               // each break is one space
        XCTAssertEqual(VietnameseText.clean("  Hà  Nội "), "  Hà  Nội ")      // no other change
        XCTAssertEqual(Array(VietnameseText.clean("Nguye\u{0302}\u{0303}n").unicodeScalars),
                       Array("Nguyễn".unicodeScalars))
        // A control between a letter and its mark: removed first, then NFC.
        XCTAssertEqual(Array(VietnameseText.clean("e\u{01}\u{0301}").unicodeScalars), ["é"])
        XCTAssertEqual(VietnameseText.clean("\u{2028}a\u{2029}"), " a ")
        XCTAssertEqual(VietnameseText.clean("😀 中文"), "😀 中文")
    }

    func testCleanMultiline() {
        XCTAssertEqual(VietnameseText.cleanMultiline("a\r\nb\rc\td\ne"), "a\nb\nc d\ne")
        XCTAssertEqual(VietnameseText.cleanMultiline("x\u{0}\u{1F}y\u{7F}"), "xy")
        XCTAssertEqual(VietnameseText.cleanMultiline("\r\n\r\n"), "\n\n")
        XCTAssertEqual(VietnameseText.cleanMultiline("Đi\u{2028}về"), "Đi\nvề")
    }

    // MARK: fold / matches

    func testFold() {
        XCTAssertEqual(VietnameseText.fold("Đăng Ký KHAI SINH"), "dang ky khai sinh")
        XCTAssertEqual(VietnameseText.fold("  Hà   Nội \t\n"), "ha noi")
        XCTAssertEqual(VietnameseText.fold("Nguyễn Thị Ánh Tuyết"), "nguyen thi anh tuyet")
        XCTAssertEqual(VietnameseText.fold("ĐỒNG THÁP"), "dong thap")
        XCTAssertEqual(VietnameseText.fold("Đ"), "d")
        XCTAssertEqual(VietnameseText.fold("đ"), "d")
        XCTAssertEqual(VietnameseText.fold("Ê-đê"), "e-de")
        XCTAssertEqual(VietnameseText.fold("H'Mông"), "h'mong")
        XCTAssertEqual(VietnameseText.fold("ƯỚC MƠ ở ĂN"), "uoc mo o an")
        XCTAssertEqual(VietnameseText.fold(""), "")
        XCTAssertEqual(VietnameseText.fold("   "), "")
        XCTAssertEqual(VietnameseText.fold("Ba\u{00A0}Đình"), "ba dinh")         // no-break space
        XCTAssertEqual(VietnameseText.fold("Crème Brûlée"), "creme brulee")
        XCTAssertEqual(VietnameseText.fold("中文 Ａ"), "中文 ａ")
        XCTAssertEqual(VietnameseText.fold("zero\u{200B}width"), "zerowidth")
    }

    func testFoldNFD() {
        let nfc = "Đăng ký khai sinh, Thừa Thiên Huế, Quảng Ngãi, Bắc Kạn, Thủ Đức"
        let nfd = nfc.decomposedStringWithCanonicalMapping
        XCTAssertNotEqual(Array(nfc.unicodeScalars), Array(nfd.unicodeScalars))
        XCTAssertEqual(VietnameseText.fold(nfd), VietnameseText.fold(nfc))
        XCTAssertEqual(VietnameseText.fold(nfd), "dang ky khai sinh, thua thien hue, quang ngai, bac kan, thu duc")
        XCTAssertEqual(VietnameseText.fold("D\u{0323}"), "d")
    }

    func testFoldAllVietnameseLetters() {
        let lower = "aáàảãạăắằẳẵặâấầẩẫậeéèẻẽẹêếềểễệiíìỉĩịoóòỏõọôốồổỗộơớờởỡợuúùủũụưứừửữựyýỳỷỹỵđ"
        let expected = String(repeating: "a", count: 18) + String(repeating: "e", count: 12)
            + String(repeating: "i", count: 6) + String(repeating: "o", count: 18)
            + String(repeating: "u", count: 12) + String(repeating: "y", count: 6) + "d"
        XCTAssertEqual(VietnameseText.fold(lower), expected)
        XCTAssertEqual(VietnameseText.fold(lower.uppercased()), expected)
        XCTAssertEqual(VietnameseText.fold(lower.decomposedStringWithCanonicalMapping), expected)
    }

    func testMatches() {
        let h = "Đăng ký khai sinh"
        XCTAssertTrue(VietnameseText.matches(h, query: "khai sinh"))
        XCTAssertTrue(VietnameseText.matches(h, query: "KHAI SINH"))
        XCTAssertTrue(VietnameseText.matches(h, query: "dang ky"))
        XCTAssertTrue(VietnameseText.matches(h, query: "đăng"))
        XCTAssertTrue(VietnameseText.matches(h, query: "sinh khai"))      // word order free
        XCTAssertTrue(VietnameseText.matches(h, query: "d k s"))          // word prefixes
        XCTAssertTrue(VietnameseText.matches(h, query: "ai sin"))         // substring
        XCTAssertTrue(VietnameseText.matches(h, query: ""))
        XCTAssertTrue(VietnameseText.matches(h, query: "   "))
        XCTAssertTrue(VietnameseText.matches(h, query: "  khai   SINH "))
        XCTAssertTrue(VietnameseText.matches(h.decomposedStringWithCanonicalMapping, query: "Ký"))
        XCTAssertFalse(VietnameseText.matches(h, query: "ket hon"))
        XCTAssertFalse(VietnameseText.matches(h, query: "khai tu"))
        XCTAssertFalse(VietnameseText.matches(h, query: "inh khai x"))
        XCTAssertFalse(VietnameseText.matches("", query: "a"))
        XCTAssertTrue(VietnameseText.matches("Phường Bến Nghé", query: "ben nghe"))
        XCTAssertTrue(VietnameseText.matches("Xã Đắk Glei", query: "dak"))
        XCTAssertTrue(VietnameseText.matchesFolded("dang ky khai sinh", foldedQuery: "kh si"))
    }

    // MARK: width / truncate / pad

    func testCharacterWidth() {
        let w = VietnameseText.displayWidth as (Character) -> Int
        XCTAssertEqual(w("a"), 1)
        XCTAssertEqual(w("ệ"), 1)
        XCTAssertEqual(w("e\u{0323}\u{0302}"), 1)      // base + combining marks
        XCTAssertEqual(w("Đ"), 1)
        XCTAssertEqual(w("\u{0301}"), 0)                // lone combining mark
        XCTAssertEqual(w("\u{200B}"), 0)                // zero-width space
        XCTAssertEqual(w("\u{FEFF}"), 0)
        XCTAssertEqual(w("\u{07}"), 0)
        XCTAssertEqual(w("\u{1B}"), 0)
        XCTAssertEqual(w("\u{7F}"), 0)
        XCTAssertEqual(w("\u{85}"), 0)
        XCTAssertEqual(w("\r\n"), 0)
        XCTAssertEqual(w("中"), 2)
        XCTAssertEqual(w("한"), 2)
        XCTAssertEqual(w("あ"), 2)
        XCTAssertEqual(w("Ａ"), 2)                       // fullwidth
        XCTAssertEqual(w("ｱ"), 1)                       // halfwidth katakana
        XCTAssertEqual(w("😀"), 2)
        XCTAssertEqual(w("👍🏽"), 2)
        XCTAssertEqual(w("👨‍👩‍👧"), 2)
        XCTAssertEqual(w("🇻🇳"), 2)
        XCTAssertEqual(w("❤️"), 2)                       // emoji presentation selector
        XCTAssertEqual(w("❤"), 1)                        // text presentation by default
        XCTAssertEqual(w("1️⃣"), 2)
        XCTAssertEqual(w("…"), 1)
        XCTAssertEqual(w("€"), 1)
    }

    func testStringWidth() {
        XCTAssertEqual(VietnameseText.displayWidth(""), 0)
        XCTAssertEqual(VietnameseText.displayWidth("Việt Nam"), 8)
        XCTAssertEqual(VietnameseText.displayWidth("Việt Nam".decomposedStringWithCanonicalMapping), 8)
        XCTAssertEqual(VietnameseText.displayWidth("中文abc"), 7)
        XCTAssertEqual(VietnameseText.displayWidth("ok😀"), 4)
        XCTAssertEqual(VietnameseText.displayWidth("a\u{200B}b"), 2)
        XCTAssertEqual(VietnameseText.displayWidth("a\tb"), 2)
    }

    func testTruncate() {
        XCTAssertEqual(VietnameseText.truncate("abc", toWidth: 3), "abc")
        XCTAssertEqual(VietnameseText.truncate("abcd", toWidth: 3), "ab…")
        XCTAssertEqual(VietnameseText.truncate("abcd", toWidth: 1), "…")
        XCTAssertEqual(VietnameseText.truncate("abc", toWidth: 0), "")
        XCTAssertEqual(VietnameseText.truncate("abc", toWidth: -2), "")
        XCTAssertEqual(VietnameseText.truncate("", toWidth: 5), "")
        XCTAssertEqual(VietnameseText.truncate("Nguyễn Văn An", toWidth: 8), "Nguyễn …")
        XCTAssertEqual(VietnameseText.truncate("中文字", toWidth: 4), "中…")
        XCTAssertEqual(VietnameseText.truncate("中文字", toWidth: 5), "中文…")
        XCTAssertEqual(VietnameseText.truncate("😀😀😀", toWidth: 4), "😀…")
        // Never splits a cluster: NFD letters stay whole.
        let nfd = "e\u{0301}e\u{0301}e\u{0301}"
        let t = VietnameseText.truncate(nfd, toWidth: 2)
        XCTAssertEqual(Array(t.unicodeScalars), ["e", "\u{0301}", "…"])
        XCTAssertEqual(VietnameseText.truncate(nfd, toWidth: 3), nfd)
        for width in 0...12 {
            XCTAssertLessThanOrEqual(VietnameseText.displayWidth(VietnameseText.truncate("Hà Nội 中文 😀 x", toWidth: width)), width)
        }
    }

    func testPad() {
        XCTAssertEqual(VietnameseText.pad("ab", toWidth: 4), "ab  ")
        XCTAssertEqual(VietnameseText.pad("Hà", toWidth: 3), "Hà ")
        XCTAssertEqual(VietnameseText.pad("中", toWidth: 3), "中 ")
        XCTAssertEqual(VietnameseText.pad("中文字", toWidth: 4), "中… ")
        XCTAssertEqual(VietnameseText.pad("abcdef", toWidth: 4), "abc…")
        XCTAssertEqual(VietnameseText.pad("abc", toWidth: 0), "")
        XCTAssertEqual(VietnameseText.pad("", toWidth: 2), "  ")
        for width in 0...10 {
            XCTAssertEqual(VietnameseText.displayWidth(VietnameseText.pad("Đường 中 😀", toWidth: width)), width)
        }
    }

    func testTablesArePrecomposed() {
        for row in VietnameseText.VNTables.lowerRows + VietnameseText.VNTables.upperRows {
            XCTAssertEqual(row.unicodeScalars.count, 6, row)
            XCTAssertEqual(row, row.precomposedStringWithCanonicalMapping)
        }
    }
}

import XCTest
@testable import KioskCore

/// Amounts and dates in words (Text/VietnameseNumberWords.swift), as the
/// `money_words` and `date_words` functions of forms give them.
final class VietnameseNumberWordsTests: XCTestCase {
    func testMoneyVectors() {
        let vectors: [(Int, String)] = [
            (0, "Không đồng"),
            (1, "Một đồng"),
            (4, "Bốn đồng"),
            (5, "Năm đồng"),
            (10, "Mười đồng"),
            (11, "Mười một đồng"),
            (14, "Mười bốn đồng"),
            (15, "Mười lăm đồng"),
            (20, "Hai mươi đồng"),
            (21, "Hai mươi mốt đồng"),
            (24, "Hai mươi tư đồng"),
            (25, "Hai mươi lăm đồng"),
            (55, "Năm mươi lăm đồng"),
            (99, "Chín mươi chín đồng"),
            (100, "Một trăm đồng"),
            (101, "Một trăm linh một đồng"),
            (104, "Một trăm linh bốn đồng"),
            (105, "Một trăm linh năm đồng"),
            (110, "Một trăm mười đồng"),
            (115, "Một trăm mười lăm đồng"),
            (121, "Một trăm hai mươi mốt đồng"),
            (1000, "Một nghìn đồng"),
            (1005, "Một nghìn không trăm linh năm đồng"),
            (1010, "Một nghìn không trăm mười đồng"),
            (1015, "Một nghìn không trăm mười lăm đồng"),
            (1100, "Một nghìn một trăm đồng"),
            (8000, "Tám nghìn đồng"),
            (15_000, "Mười lăm nghìn đồng"),
            (21_000, "Hai mươi mốt nghìn đồng"),
            (200_000, "Hai trăm nghìn đồng"),
            (1_000_005, "Một triệu không trăm linh năm đồng"),
            (1_010_000, "Một triệu không trăm mười nghìn đồng"),
            (2_050_000, "Hai triệu không trăm năm mươi nghìn đồng"),
            (10_000_000, "Mười triệu đồng"),
            (150_000_000, "Một trăm năm mươi triệu đồng"),
            (305_000_000, "Ba trăm linh năm triệu đồng"),
            (1_000_000_000, "Một tỷ đồng"),
            (1_000_000_005, "Một tỷ không trăm linh năm đồng"),
            (1_500_000_000, "Một tỷ năm trăm triệu đồng"),
            (2_025_000_000, "Hai tỷ không trăm hai mươi lăm triệu đồng"),
            (1_000_000_000_000, "Một nghìn tỷ đồng"),
            (2_500_000_000_000, "Hai nghìn năm trăm tỷ đồng"),
        ]
        for (n, words) in vectors {
            XCTAssertEqual(VietnameseNumberWords.money(n), words, "\(n)")
        }
        XCTAssertNil(VietnameseNumberWords.money(-1))
        XCTAssertNil(VietnameseNumberWords.money(VietnameseNumberWords.maximum + 1))
        XCTAssertNotNil(VietnameseNumberWords.money(VietnameseNumberWords.maximum))
    }

    func testDateVectors() {
        let vectors: [(CalendarDate, String)] = [
            (CalendarDate(year: 2026, month: 11, day: 15), "Ngày mười lăm tháng mười một năm hai nghìn không trăm hai mươi sáu"),
            (CalendarDate(year: 2016, month: 4, day: 3), "Ngày ba tháng tư năm hai nghìn không trăm mười sáu"),
            (CalendarDate(year: 2005, month: 1, day: 1), "Ngày một tháng một năm hai nghìn không trăm linh năm"),
            (CalendarDate(year: 1990, month: 12, day: 31), "Ngày ba mươi mốt tháng mười hai năm một nghìn chín trăm chín mươi"),
            (CalendarDate(year: 2000, month: 2, day: 24), "Ngày hai mươi tư tháng hai năm hai nghìn"),
            (CalendarDate(year: 2010, month: 10, day: 25), "Ngày hai mươi lăm tháng mười năm hai nghìn không trăm mười"),
            (CalendarDate(year: 2019, month: 3), "Tháng ba năm hai nghìn không trăm mười chín"),
            (CalendarDate(year: 1950), "Năm một nghìn chín trăm năm mươi"),
        ]
        for (d, words) in vectors {
            XCTAssertEqual(VietnameseNumberWords.date(d), words, d.description)
        }
    }

    func testGrouping() {
        XCTAssertEqual(VietnameseNumberWords.grouped(0), "0")
        XCTAssertEqual(VietnameseNumberWords.grouped(999), "999")
        XCTAssertEqual(VietnameseNumberWords.grouped(1000), "1.000")
        XCTAssertEqual(VietnameseNumberWords.grouped(150_000_000), "150.000.000")
        XCTAssertEqual(VietnameseNumberWords.grouped(-15000), "-15.000")
        XCTAssertEqual(VietnameseNumberWords.grouped(1_500_000, separator: ","), "1,500,000")
    }
}

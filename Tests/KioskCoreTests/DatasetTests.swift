import XCTest
@testable import KioskCore

final class DatasetTests: XCTestCase {
    func testShippedDatasets() throws {
        XCTAssertEqual(realDatasets["provinces-2025"]?.rows.count, 34)
        XCTAssertEqual(realDatasets["communes-2025"]?.rows.count, 3321)
        XCTAssertEqual(realDatasets["provinces-before-2025"]?.rows.count, 63)
        XCTAssertEqual(realDatasets["ethnic-groups"]?.rows.count, 54)
        let ethnic = try XCTUnwrap(realDatasets["ethnic-groups"])
        XCTAssertEqual(ethnic.row(code: "01")?.name, "Kinh")
        XCTAssertEqual(ethnic.row(code: "04")?.name, "Mường", "codes of Quyết định 1019/QĐ-TCTK, not the 1979 list")
        XCTAssertEqual(ethnic.search("meo").first?.code, "08", "an other name (Mèo) finds H'Mông")
        let communes = try XCTUnwrap(realDatasets["communes-2025"])
        let provinces = try XCTUnwrap(realDatasets["provinces-2025"])
        for c in communes.rows { XCTAssertNotNil(provinces.row(code: c.parent), c.code) }
        XCTAssertEqual(communes.rows(parent: "01").count, communes.rows.filter { $0.parent == "01" }.count)
        XCTAssertEqual(provinces.search("HA NOI").first?.code, "01")
        XCTAssertEqual(communes.search("ba dinh", parent: "01").first?.name, "Phường Ba Đình")
        XCTAssertEqual(realDatasets["nationalities"]?.row(code: "VN")?.name, "Việt Nam")
    }

    func testCSVQuotingCommentsAndErrors() {
        let csv = "# source: test\ncode,name,aliases\n1,\"Một, hai\",\"a;b\"\n2,\"Dòng \"\"trích\"\"\",\n3,Thiếu\n,Trống,\n1,Trùng,\n"
        let (dataset, problems) = DatasetCatalog.parseCSV(Array(csv.utf8), name: "t", file: "t.csv")
        XCTAssertEqual(dataset.rows.map(\.name), ["Một, hai", "Dòng \"trích\""])
        XCTAssertEqual(dataset.rows[0].aliases, ["a", "b"])
        XCTAssertEqual(problems.map(\.location.line), [5, 6, 7])
        XCTAssertEqual(problems.map(\.message.en), ["the line has 2 columns, the header 3", "code or name is empty", "code 1 repeats line 3"])

        // Spreadsheets save with a byte order mark and CRLF line ends.
        let excel = "\u{FEFF}code,name\r\n1,Một\r\n"
        XCTAssertEqual(DatasetCatalog.parseCSV(Array(excel.utf8), name: "x", file: "x.csv").0.rows.map(\.code), ["1"])
        XCTAssertEqual(DatasetCatalog.parseCSV([0x63, 0xFF], name: "x", file: "x.csv").1.first?.message.en, "the file is not UTF-8 (save it as CSV UTF-8)")
        XCTAssertEqual(DatasetCatalog.parseCSV(Array("id,label\n".utf8), name: "x", file: "x.csv").1.first?.message.en, "the header must have the columns code and name")
    }

    /// A byte that is not UTF-8 is reported where it is (line and column), not
    /// at the start of the file: a province's editor must find it among
    /// thousands of rows.
    func testInvalidUTF8IsReportedOnItsLine() {
        // A Windows-1258 "ố" (0xF4) on line 18, after a quoted field that
        // spans two lines and a comment: lines count newlines, not records.
        var bytes = Array("\u{FEFF}# source: test\ncode,name\n1,\"Một\nhai\"\n".utf8)
        for i in 2...14 { bytes += Array("\(i),Tên \(i)\n".utf8) }
        bytes += Array("18,Ph".utf8) + [0xF4] + Array("\n19,Cuối\n".utf8)
        let problems = DatasetCatalog.parseCSV(bytes, name: "x", file: "x.csv").1
        XCTAssertEqual(problems.count, 1)
        XCTAssertEqual(problems.first?.text(.en), "x.csv:18:6: the file is not UTF-8 (save it as CSV UTF-8)")
        // On the first line, after a letter of two bytes: column 3.
        XCTAssertEqual(DatasetCatalog.parseCSV(Array("cộ".utf8) + [0xFF], name: "x", file: "x.csv").1.first?.location,
                       SourceLocation(line: 1, column: 3))
    }
}

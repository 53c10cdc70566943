import Foundation
import XCTest
import KioskCore
@testable import KioskUI

/// A first-time user searching a dataset picker: the words typed, in order,
/// rank first; a common name (an alias) finds its row and the list says which
/// name matched; an old province name finds today's province.
final class PickerSearchUITests: XCTestCase {
    private func lines(_ h: UIHarness) -> [String] {
        h.text.split(separator: "\n").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "│ ")) }
    }

    /// The highlighted line of the open list.
    private func first(_ h: UIHarness) -> String {
        lines(h).first { $0.hasPrefix("▶ ") } ?? "(no list)\n\(h.text)"
    }

    /// Escape empties the search, then `text` is typed (Telex is off: plain letters).
    private func retype(_ text: String, _ h: UIHarness) {
        h.app.key(.escape)
        h.app.type(text)
    }

    func testBusinessLinesRankWordsInOrderAndCommonNames() throws {
        let h = try UIHarness(width: 100, height: 40)
        h.startForm("ho kinh doanh")
        try h.load(sample: "dang-ky-ho-kinh-doanh")
        while let f = h.session, f.stage == .fields, f.form.pages[f.page].id != "lines" { h.nextPage() }
        h.focus("line_code", item: 1)
        h.app.key(.function(2))
        h.app.type("an uong")
        XCTAssertTrue(first(h).hasPrefix("▶ 5610 Nhà hàng và các dịch vụ ăn uống"), first(h))
        retype("quan an", h)
        XCTAssertTrue(first(h).hasPrefix("▶ quán ăn → 5610 Nhà hàng"), first(h))
        retype("banh cuon", h)
        XCTAssertTrue(first(h).hasPrefix("▶ bánh cuốn → 5610 Nhà hàng"), first(h))
        retype("tap hoa", h)
        XCTAssertTrue(first(h).hasPrefix("▶ tạp hóa → 4711 Bán lẻ tổng hợp"), first(h))
        retype("sua xe may", h)
        XCTAssertTrue(first(h).hasPrefix("▶ 9532 Sửa chữa, bảo dưỡng mô tô, xe máy"), h.text)
        retype("cat toc", h)
        h.app.key(.enter)
        XCTAssertEqual(h.raw("line_code", item: 1), "9621")
    }

    func testOldProvinceNamesAndCommunesInOrder() throws {
        let h = try UIHarness(width: 100, height: 40)
        h.startForm("ho kinh doanh")
        h.focus("owner_residence", part: 0)
        h.app.key(.function(2))
        h.app.type("dak nong")
        XCTAssertEqual(first(h), "▶ Đắk Nông (cũ) → Tỉnh Lâm Đồng")
        retype("ha tay", h)
        XCTAssertEqual(first(h), "▶ Hà Tây (cũ) → Thành phố Hà Nội")
        retype("binh duong", h)
        XCTAssertEqual(first(h), "▶ Bình Dương (cũ) → Thành phố Hồ Chí Minh")
        retype("lam dong", h)
        XCTAssertEqual(first(h), "▶ Tỉnh Lâm Đồng", "a name that matches itself shows no alias")
        h.app.key(.enter)
        XCTAssertTrue(h.raw("owner_residence").contains("68"), h.raw("owner_residence"))
        h.focus("owner_residence", part: 1)
        h.app.type("xuan truong")
        XCTAssertEqual(first(h), "▶ Phường Xuân Trường - Đà Lạt", "the words in order before “Xã Trường Xuân”")
        XCTAssertTrue(h.text.contains("Xã Trường Xuân"), "the other order is still listed\n\(h.text)")
        retype("zzz", h)
        XCTAssertTrue(h.text.contains("Thử gõ tên khác"), h.text)
    }

    func testRankingInOrder() {
        let rows = [DatasetRow(code: "1", name: "Xã Trường Xuân", extra: ["type": "Xã"]),
                    DatasetRow(code: "2", name: "Phường Xuân Trường - Đà Lạt", extra: ["type": "Phường"]),
                    DatasetRow(code: "3", name: "Phường Xuân Trường", extra: ["type": "Phường"]),
                    DatasetRow(code: "4", name: "Xã Tân Xuân Trường Hải", extra: ["type": "Xã"]),
                    DatasetRow(code: "5", name: "Xã Xuânn Trườngg", extra: ["type": "Xã"])]
        let d = Dataset(name: "t", rows: rows)
        // At the start (after the type), shorter first; then in order further on;
        // then as word starts in any order; no alias shown for a name match.
        XCTAssertEqual(d.search("xuan truong").map(\.code), ["3", "2", "4", "1", "5"])
        XCTAssertEqual(d.searchMatches("xuan").map(\.alias), [nil, nil, nil, nil, nil])
        XCTAssertEqual(Dataset(name: "t", rows: [DatasetRow(code: "a", name: "Bán gạo", aliases: ["tạp hóa"]),
                                                 DatasetRow(code: "b", name: "Hóa chất tạp")]).searchMatches("tap hoa").map { "\($0.row.code) \($0.alias ?? "")" },
                       ["a tạp hóa", "b "], "an alias in order before a name's words out of order")
        XCTAssertEqual(VietnameseText.matchRank("nha hang an uong", foldedQuery: "an uo"), 1, "the last word may be partly typed")
        XCTAssertEqual(VietnameseText.matchRank("san xuat duong", foldedQuery: "an uong"), 3, "inside words is last")
        XCTAssertNil(VietnameseText.matchRank("san xuat", foldedQuery: "an uong"))
    }
}

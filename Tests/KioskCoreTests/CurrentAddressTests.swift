import XCTest
@testable import KioskCore

/// Addresses in the units in force from 1 July 2025, as a card issued from
/// then on writes them (issue 17): a 2025 commune and province, no district.
final class CurrentAddressTests: XCTestCase {
    func read(_ text: String) -> String? { CurrentAddress.read(text, datasets: realDatasets) }

    func testACommuneAndProvinceOfTodayAreRead() {
        XCTAssertEqual(read("Tổ 5, Phường Cam Ly - Đà Lạt, Lâm Đồng"), "68|24787|Tổ 5")
        XCTAssertEqual(read("Số 3, P. Ngọc Hà, TP. Hà Nội"), "01|00008|Số 3")
        // Without the commune's type word, and the province written twice.
        XCTAssertEqual(read("Tập thể 6, Ngọc Hà, Hà Nội, Hà Nội"), "01|00008|Tập thể 6")
        XCTAssertEqual(read("so 3 phuong ngoc ha thanh pho ha noi"), "01|00008|so 3")
    }

    func testOldUnitsOrNothingKnownAreNotRead() {
        XCTAssertNil(read("Thôn 3, Xã Tân Hà, Huyện Lâm Hà, Lâm Đồng"), "a district: old units")
        XCTAssertNil(read("Số 8, Phường 2, Hà Tĩnh"))
        XCTAssertNil(read("Lâm Đồng"), "no commune")
        XCTAssertNil(read(""))
    }

    /// The same words read as old units (a card issued before July 2025):
    /// the old Phường Ngọc Hà, divided between Ba Đình and Ngọc Hà.
    func testTheSameWordsInOldUnitsAreAChoice() {
        guard case .choose(let c) = OldAddress.convert("Số 3, Phường Ngọc Hà, Thành phố Hà Nội", datasets: realDatasets) else { return XCTFail() }
        XCTAssertEqual(c.options.map(\.communeName), ["Phường Ba Đình", "Phường Ngọc Hà"])
    }
}

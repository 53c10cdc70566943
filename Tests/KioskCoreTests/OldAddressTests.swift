import Foundation
import XCTest
@testable import KioskCore

/// Old addresses (before 1 July 2025, with a district) read into today's
/// units (issue 17): every old commune of the legacy table, and addresses
/// written the way people write them.
final class OldAddressTests: XCTestCase {
    struct Legacy {
        var province: String, district: String, commune: String, code: String, new: [String]
    }

    /// The shared legacy table, one entry per old commune (its 2025 communes,
    /// the default first).
    static let legacy: [Legacy] = {
        let path = formsDirectory + "/datasets/reference/communes-before-2025.csv"
        let (dataset, problems) = DatasetCatalog.parseCSV(Array(FileManager.default.contents(atPath: path) ?? Data()), name: "x", file: path)
        precondition(problems.isEmpty, "\(problems)")
        let provinces = realDatasets["provinces-before-2025"]!
        return dataset.rows.map { r in
            Legacy(province: provinces.row(code: r.parent)!.name, district: r.column("district")!, commune: r.name, code: r.code,
                   new: r.column("communes_2025")!.split(separator: ";").map(String.init))
        }
    }()

    func read(_ text: String) -> [OldAddressReading] { OldAddress.read(text, datasets: realDatasets) }

    func testEveryOldCommuneConvertsToItsListedCommune() {
        XCTAssertEqual(Self.legacy.count, 10_035)
        XCTAssertEqual(Self.legacy.filter { $0.new.count > 1 }.count, 471, "divided communes")
        var wrong: [String] = []
        var ambiguous = 0
        for l in Self.legacy {
            let text = "Thôn 1, \(l.commune), \(l.district), \(l.province)"
            let readings = read(text)
            guard let r = readings.first(where: { $0.oldCommuneCode == l.code }) else { wrong.append(text); continue }
            if readings.count > 1 { ambiguous += 1 }
            if r.communes != l.new || r.street != "Thôn 1" { wrong.append(text + " → \(r.communes) \(r.street)") }
        }
        XCTAssertEqual(wrong.prefix(10), [], "\(wrong.count) wrong")
        // Two communes of the same name in one district are offered both.
        XCTAssertEqual(ambiguous, 0, "names alike are told apart by the type and the marks written")
    }

    func testTheStreetIsKeptAndTheProvinceOfTodayProposed() throws {
        let r = try XCTUnwrap(read("Số 12 Trần Phú, Phường 6, Thành phố Đà Lạt, Tỉnh Lâm Đồng").first)
        XCTAssertEqual(r.street, "Số 12 Trần Phú")
        XCTAssertEqual(r.oldCommuneName, "Phường 6")
        XCTAssertEqual(r.oldDistrictName, "Thành phố Đà Lạt")
        XCTAssertEqual(r.province, "68")
        XCTAssertEqual(r.communes, ["24787"], "Phường Cam Ly - Đà Lạt")
        XCTAssertEqual(r.raw, "68|24787|Số 12 Trần Phú")
        XCTAssertFalse(r.isDivided)
    }

    func testADividedCommuneOffersTheOthers() throws {
        let r = try XCTUnwrap(read("Phường Cống Vị, Quận Ba Đình, Thành phố Hà Nội").first)
        XCTAssertEqual(r.communes, ["00008", "00025"], "Ngọc Hà first, Giảng Võ offered")
        XCTAssertTrue(r.isDivided)
        XCTAssertEqual(r.street, "")
    }

    /// A divided old commune is not taken unseen: its 2025 communes are
    /// offered, the table's default first, each with the street kept.
    func testADividedCommuneIsAChoiceWithTheDefaultFirst() throws {
        let text = "Số 12 Ngõ 5, P. Cống Vị, Q. Ba Đình, Hà Nội"
        guard case .choose(let c) = OldAddress.convert(text, datasets: realDatasets) else { return XCTFail("a choice") }
        XCTAssertTrue(c.proposesFirst)
        XCTAssertEqual(c.options.map(\.raw), ["01|00008|Số 12 Ngõ 5", "01|00025|Số 12 Ngõ 5"])
        XCTAssertEqual(c.options.map(\.communeName), ["Phường Ngọc Hà", "Phường Giảng Võ"])
        XCTAssertEqual(c.options[0].provinceName, "Thành phố Hà Nội")
        XCTAssertEqual(c.options[0].oldCommuneName, "Phường Cống Vị")
        XCTAssertEqual(c.keptWhole, "||" + text)
        XCTAssertEqual(OldAddress.convert(text, datasets: realDatasets).provisional, "||" + text, "as written until chosen")
    }

    /// Words that name two old communes (the district left out) offer
    /// both, each one's 2025 communes, nothing proposed.
    func testSeveralOldCommunesAreOfferedEach() throws {
        guard case .choose(let c) = OldAddress.convert("Thôn 2, Xã Tân Minh, Thành phố Hà Nội", datasets: realDatasets) else { return XCTFail("a choice") }
        XCTAssertFalse(c.proposesFirst)
        XCTAssertEqual(Set(c.options.map(\.oldDistrictName)), ["Huyện Sóc Sơn", "Huyện Thường Tín"])
        XCTAssertEqual(Set(c.options.map(\.raw)), ["01|00376|Thôn 2", "01|10231|Thôn 2"])
    }

    func testOneCommuneConvertsAndNoneIsKeptWhole() {
        guard case .converted(let r) = OldAddress.convert("Thôn 3, xã Tân Hà, huyện Lâm Hà, Lâm Đồng", datasets: realDatasets) else { return XCTFail("converted") }
        XCTAssertEqual(r.raw, "68|24916|Thôn 3")
        XCTAssertEqual(OldAddress.convert("Số 8, phường 2, quận 3, Hà Tĩnh", datasets: realDatasets), .keptWhole("||Số 8, phường 2, quận 3, Hà Tĩnh"))
    }

    /// 200 addresses written as people write them, made from the table by
    /// rule: abbreviations, no marks, no commas, leading zeros, the province
    /// or the unit words left out, upper case.
    func testAddressesWrittenAsPeopleWriteThem() {
        var generator = SplitMix(seed: 17)
        let abbreviations: [(String, String)] = [("Phường ", "P. "), ("Xã ", "X. "), ("Thị trấn ", "TT. "), ("Quận ", "Q."), ("Huyện ", "H. "),
                                                 ("Thị xã ", "TX. "), ("Thành phố ", "TP. "), ("Tỉnh ", "")]
        var failures: [String] = []
        var tried = 0
        while tried < 200 {
            let l = Self.legacy[Int(generator.next() % UInt64(Self.legacy.count))]
            let rule = Int(generator.next() % 6)
            var parts = ["12 đường số 5", l.commune, l.district, l.province]
            switch rule {
            case 0: // abbreviations
                parts = parts.map { p in abbreviations.reduce(p) { $0.hasPrefix($1.0) ? $1.1 + $0.dropFirst($1.0.count) : $0 } }
            case 1: // no marks
                parts = parts.map(VietnameseText.fold)
            case 2: // no commas, no marks, lower case
                parts = [parts.map(VietnameseText.fold).joined(separator: " ")]
            case 3: // leading zeros on numbered units ("Phường 02")
                parts = parts.map { p in p.replacingOccurrences(of: #"(Phường|Quận) (\d)$"#, with: "$1 0$2", options: .regularExpression) }
            case 4: // upper case, dashes
                parts = [parts.map { $0.uppercased() }.joined(separator: " - ")]
            default: // the province without its unit word
                parts[3] = parts[3].replacingOccurrences(of: "Tỉnh ", with: "").replacingOccurrences(of: "Thành phố ", with: "TP ")
            }
            let text = parts.joined(separator: ", ")
            tried += 1
            let readings = read(text)
            guard let r = readings.first(where: { $0.oldCommuneCode == l.code }) else { failures.append(text); continue }
            if r.communes != l.new { failures.append(text + " → \(r.communes)") }
            if VietnameseText.fold(r.street).filter({ $0.isLetter || $0.isNumber }) != "12duongso5" { failures.append(text + " street “\(r.street)”") }
        }
        XCTAssertEqual(failures, [], "\(failures.count) of \(tried)")
    }

    func testCommonShortForms() throws {
        XCTAssertEqual(read("45 Lê Lợi, P.Bến Nghé, Q.1, TP.HCM").first?.oldCommuneName, "Phường Bến Nghé")
        XCTAssertEqual(read("P2 Q3 TPHCM").first?.oldCommuneName, "Phường 2")
        XCTAssertEqual(read("thon 3 xa nam ban huyen lam ha tinh lam dong").first?.street, "thon 3")
        // No province: the district finds it.
        XCTAssertEqual(read("Thị trấn Nam Ban, Huyện Lâm Hà").first?.oldProvinceCode, "68")
    }

    func testNothingIsGuessed() {
        XCTAssertEqual(read(""), [])
        XCTAssertEqual(read("Số 12 Trần Phú"), [], "no unit named")
        XCTAssertEqual(read("Phường 2"), [], "a number without district or province names nothing")
        XCTAssertEqual(read("https://example.com/a|b"), [])
        // A house number is not a ward: "12, Quận 3, TP HCM" names no commune.
        XCTAssertEqual(read("12, Quận 3, TP HCM"), [])
    }
}

/// A small deterministic generator for test variety (no clock, no system randomness).
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

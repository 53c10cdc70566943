import Foundation
import XCTest

@testable import KioskCore

// MARK: - Personal id number

final class IdentifierPersonalIDTests: XCTestCase {
    struct Valid {
        let input: String
        let digits: String
        let province: String
        let gender: Gender
        let century: Int
        let year: Int
        let line: UInt
        init(_ input: String, _ digits: String, _ province: String, _ gender: Gender, _ century: Int, _ year: Int, line: UInt = #line) {
            self.input = input; self.digits = digits; self.province = province
            self.gender = gender; self.century = century; self.year = year; self.line = line
        }
    }

    func testValidNumbers() {
        let cases: [Valid] = [
            Valid("001087012345", "001087012345", "001", .male, 1900, 1987),
            Valid("079301000123", "079301000123", "079", .female, 2000, 2001),
            Valid("096199001234", "096199001234", "096", .female, 1900, 1999),
            Valid("001 087 012345", "001087012345", "001", .male, 1900, 1987),
            Valid("001 087 012 345", "001087012345", "001", .male, 1900, 1987),
            Valid("001.087.012.345", "001087012345", "001", .male, 1900, 1987),
            Valid("001 . 087 012 345", "001087012345", "001", .male, 1900, 1987),
            Valid("  001087012345\n", "001087012345", "001", .male, 1900, 1987),
            Valid("\t001  087  012345 ", "001087012345", "001", .male, 1900, 1987),
            Valid("001\u{00A0}087\u{00A0}012345", "001087012345", "001", .male, 1900, 1987),
            Valid("\u{FEFF}001087\u{200B}012345", "001087012345", "001", .male, 1900, 1987),
            Valid("００１０８７０１２３４５", "001087012345", "001", .male, 1900, 1987),
            // Century digit boundaries, year 00 and 99.
            Valid("001000001234", "001000001234", "001", .male, 1900, 1900),
            Valid("001100001234", "001100001234", "001", .female, 1900, 1900),
            Valid("001099001234", "001099001234", "001", .male, 1900, 1999),
            Valid("001200001234", "001200001234", "001", .male, 2000, 2000),
            Valid("001300001234", "001300001234", "001", .female, 2000, 2000),
            Valid("001299001234", "001299001234", "001", .male, 2000, 2099),
            Valid("001400001234", "001400001234", "001", .male, 2100, 2100),
            Valid("001599001234", "001599001234", "001", .female, 2100, 2199),
            Valid("001600001234", "001600001234", "001", .male, 2200, 2200),
            Valid("001700001234", "001700001234", "001", .female, 2200, 2200),
            Valid("001800001234", "001800001234", "001", .male, 2300, 2300),
            Valid("001999001234", "001999001234", "001", .female, 2300, 2399),
        ]
        for c in cases {
            switch PersonalIDNumber.parse(c.input) {
            case .success(let id):
                XCTAssertEqual(id.digits, c.digits, line: c.line)
                XCTAssertEqual(id.description, c.digits, line: c.line)
                XCTAssertEqual(id.provinceCode, c.province, line: c.line)
                XCTAssertEqual(id.gender, c.gender, line: c.line)
                XCTAssertEqual(id.century, c.century, line: c.line)
                XCTAssertEqual(id.birthYear, c.year, line: c.line)
            case .failure(let e):
                XCTFail("\(c.input) rejected: \(e)", line: c.line)
            }
        }
    }

    func testInvalidNumbers() {
        let cases: [(String, PersonalIDError, UInt)] = [
            ("", .empty, #line),
            ("   ", .empty, #line),
            ("\u{200B}\n", .empty, #line),
            ("00108701234", .wrongLength(11), #line),
            ("0010870123456", .wrongLength(13), #line),
            ("001087012", .wrongLength(9), #line),
            ("0", .wrongLength(1), #line),
            ("00108701234A", .notDigits, #line),
            ("O01087012345", .notDigits, #line),
            ("00l087012345", .notDigits, #line),
            ("001-087-012345", .notDigits, #line),
            ("001/087/012345", .notDigits, #line),
            (".001087012345", .notDigits, #line),
            ("001087012345.", .notDigits, #line),
            ("001..087012345", .notDigits, #line),
            ("+001087012345", .notDigits, #line),
            ("001087012345\u{0301}", .notDigits, #line),  // combining mark glued to a digit
            ("...", .notDigits, #line),
            ("003087012345", .unknownProvince("003"), #line),
            ("097087012345", .unknownProvince("097"), #line),
            ("000087012345", .unknownProvince("000"), #line),
            ("100087012345", .unknownProvince("100"), #line),
            ("003 087 012 345", .unknownProvince("003"), #line),
            // Country codes run from 101 to 295; nothing else opens a number.
            ("296087012345", .unknownProvince("296"), #line),
            ("999087012345", .unknownProvince("999"), #line),
            ("500087012345", .unknownProvince("500"), #line),
        ]
        for (input, expected, line) in cases {
            switch PersonalIDNumber.parse(input) {
            case .success(let id): XCTFail("\(input) accepted as \(id)", line: line)
            case .failure(let e): XCTAssertEqual(e, expected, "\(input)", line: line)
            }
        }
    }

    /// A birth registered abroad opens the number with the country's code
    /// (Nghị định 137/2015/NĐ-CP, Điều 7): accepted, and said to be a country.
    func testCountryCodesOfBirthsRegisteredAbroad() throws {
        let korea = try PersonalIDNumber.parse("174 199 001234").get()
        XCTAssertEqual(korea.provinceCode, "174")
        XCTAssertEqual(korea.birthYear, 1999)
        XCTAssertEqual(korea.gender, .female)
        XCTAssertEqual(korea.provinceName, "", "no province: the birth was registered abroad")
        XCTAssertEqual(korea.birthPlace, .country(CountryPrefix(code: "174", name: "Hàn Quốc", nameEN: "South Korea")))
        XCTAssertEqual(korea.birthPlace.description.vi, "mã quốc gia 174 — Hàn Quốc (đăng ký khai sinh ở nước ngoài)")
        XCTAssertEqual(korea.birthPlace.description.en, "country code 174 — South Korea (birth registered abroad)")
        for first in ["101087012345", "295087012345", "279301000123"] {
            XCTAssertNotNil(PersonalIDNumber(first), first)
        }
        XCTAssertEqual(PersonalIDNumber("279301000123")?.birthPlace.description.vi.contains("Trung Quốc"), true)
    }

    /// A province of before the 2025 merger says what it is part of now; one
    /// the merger left alone says its name only.
    func testProvincePlaceNamesTheProvinceOfNow() {
        let cases: [(String, String, String)] = [
            ("064087012345", "mã tỉnh 064 — Gia Lai (cũ), nay là tỉnh Gia Lai", "province code 064 — Gia Lai (former), now Gia Lai Province"),
            ("052087012345", "mã tỉnh 052 — Bình Định (cũ), nay là tỉnh Gia Lai", "province code 052 — Binh Dinh (former), now Gia Lai Province"),
            ("067087012345", "mã tỉnh 067 — Đắk Nông (cũ), nay là tỉnh Lâm Đồng", "province code 067 — Dak Nong (former), now Lam Dong Province"),
            ("079301000123", "mã tỉnh 079 — Hồ Chí Minh (cũ), nay là thành phố Hồ Chí Minh", "province code 079 — Ho Chi Minh (former), now Ho Chi Minh City"),
            ("001087012345", "mã tỉnh 001 — Thành phố Hà Nội", "province code 001 — Ha Noi City"),
            ("046087012345", "mã tỉnh 046 — Thành phố Huế", "province code 046 — Hue City"),
        ]
        for (input, vi, en) in cases {
            let place = PersonalIDNumber(input)?.birthPlace.description
            XCTAssertEqual(place?.vi, vi, input)
            XCTAssertEqual(place?.en, en, input)
        }
    }

    /// The birth year of digits 4–6 may not be after the year of the day
    /// given (the form's today, never the clock).
    func testBirthYearAfterThisYearIsRefused() {
        let today = CalendarDate(year: 2026, month: 11, day: 22)
        XCTAssertEqual(PersonalIDNumber.parse("001227001234", today: today), .failure(.birthYearInFuture(2027)))
        XCTAssertEqual(PersonalIDNumber.parse("174999001234", today: today), .failure(.birthYearInFuture(2399)))
        XCTAssertNotNil(try? PersonalIDNumber.parse("001226001234", today: today).get(), "born this year")
        XCTAssertNotNil(try? PersonalIDNumber.parse("001227001234", today: CalendarDate(year: 2027, month: 1, day: 1)).get())
        XCTAssertEqual(PersonalIDNumber.parse("003227001234", today: today), .failure(.unknownProvince("003")), "the prefix is checked first")
        let message = PersonalIDError.birthYearInFuture(2027).message
        XCTAssertEqual(message.vi, "Chữ số thứ 4–6 của số định danh cho biết năm sinh 2027, sau năm nay. Hãy kiểm tra lại số trên thẻ căn cước.")
        XCTAssertTrue(message.en.contains("2027") && message.en.contains("after this year"), message.en)
    }

    func testProvinceNamesArePre2025() {
        let cases: [(String, String)] = [
            ("001087012345", "Thành phố Hà Nội"),
            ("079301000123", "Thành phố Hồ Chí Minh"),
            ("096199001234", "Tỉnh Cà Mau"),
            ("046087012345", "Thành phố Huế"),
            ("002087012345", "Tỉnh Hà Giang"),
            ("077087012345", "Tỉnh Bà Rịa - Vũng Tàu"),
        ]
        for (input, name) in cases {
            XCTAssertEqual(PersonalIDNumber(input)?.provinceName, name, input)
        }
    }

    func testAgreement() {
        let id = PersonalIDNumber("001087012345")!  // male, 1987
        let cases: [(Int?, Gender?, PersonalIDMismatch?, UInt)] = [
            (1987, .male, nil, #line),
            (nil, nil, nil, #line),
            (1987, nil, nil, #line),
            (nil, .male, nil, #line),
            (1978, .male, .birthYear(inID: 1987, entered: 1978), #line),
            (1978, nil, .birthYear(inID: 1987, entered: 1978), #line),
            (2087, .male, .birthYear(inID: 1987, entered: 2087), #line),
            (1987, .female, .gender(inID: .male, entered: .female), #line),
            (nil, .female, .gender(inID: .male, entered: .female), #line),
            (1978, .female, .birthYearAndGender(yearInID: 1987, enteredYear: 1978, genderInID: .male, enteredGender: .female), #line),
        ]
        for (year, gender, expected, line) in cases {
            XCTAssertEqual(id.agrees(birthYear: year, gender: gender), expected, line: line)
        }
        let woman2001 = PersonalIDNumber("079301000123")!
        XCTAssertNil(woman2001.agrees(birthYear: 2001, gender: .female))
        XCTAssertEqual(woman2001.agrees(birthYear: 1901, gender: .female), .birthYear(inID: 2001, entered: 1901))
    }

    func testMismatchFlagsAndMessages() {
        let year = PersonalIDMismatch.birthYear(inID: 1987, entered: 1978)
        XCTAssertTrue(year.concernsBirthYear)
        XCTAssertFalse(year.concernsGender)
        XCTAssertEqual(year.message.vi, "Chữ số thứ 4–6 của số định danh cho biết năm sinh 1987, khác với ngày sinh đã nhập (1978).")
        XCTAssertTrue(year.message.en.contains("1987"))
        let gender = PersonalIDMismatch.gender(inID: .male, entered: .female)
        XCTAssertFalse(gender.concernsBirthYear)
        XCTAssertTrue(gender.concernsGender)
        XCTAssertTrue(gender.message.vi.contains("nam"))
        XCTAssertTrue(gender.message.vi.contains("(nữ)"))
        let both = PersonalIDMismatch.birthYearAndGender(yearInID: 1987, enteredYear: 1978, genderInID: .male, enteredGender: .female)
        XCTAssertTrue(both.concernsBirthYear && both.concernsGender)
        XCTAssertTrue(both.message.vi.hasPrefix(year.message.vi))
        XCTAssertTrue(both.message.en.hasSuffix(gender.message.en))
    }

    func testErrorMessages() {
        XCTAssertEqual(PersonalIDError.wrongLength(11).message.vi, "Số định danh phải có đủ 12 chữ số (bạn đã gõ 11).")
        XCTAssertEqual(PersonalIDError.wrongLength(11).message.en, "The personal id number must have 12 digits (you typed 11).")
        XCTAssertTrue(PersonalIDError.wrongLength(9).message.vi.contains("9 số"))
        XCTAssertTrue(PersonalIDError.unknownProvince("003").message.vi.contains("003"))
        for e in [PersonalIDError.empty, .notDigits, .wrongLength(3), .unknownProvince("003")] {
            XCTAssertFalse(e.message.vi.isEmpty)
            XCTAssertNotEqual(e.message.vi, e.message.en)
        }
    }

    func testCenturyGenderDigitRoundTrip() {
        let cases: [(Int, Gender, Int?)] = [
            (1900, .male, 0), (1999, .female, 1), (2000, .male, 2), (2099, .female, 3),
            (2100, .male, 4), (2250, .female, 7), (2399, .male, 8), (1899, .male, nil), (2400, .female, nil),
        ]
        for (year, gender, digit) in cases {
            XCTAssertEqual(PersonalIDNumber.centuryGenderDigit(birthYear: year, gender: gender), digit, "\(year)")
        }
    }

    func testGroupedMaskedAndCodable() throws {
        let id = PersonalIDNumber("001.087.012.345")!
        XCTAssertEqual(id.grouped, "001 087 012 345")
        XCTAssertEqual(id.masked, "••••••••2345")
        XCTAssertEqual(id.centuryGenderDigit, 0)
        let data = try JSONEncoder().encode([id])
        XCTAssertEqual(String(decoding: data, as: UTF8.self), "[\"001087012345\"]")
        XCTAssertEqual(try JSONDecoder().decode([PersonalIDNumber].self, from: data), [id])
        XCTAssertThrowsError(try JSONDecoder().decode([PersonalIDNumber].self, from: Data("[\"003087012345\"]".utf8)))
        XCTAssertEqual(PersonalIDNumber("001 087 012345"), PersonalIDNumber("001087012345"))
    }
}

// MARK: - Province table

final class IdentifierProvincePrefixTests: XCTestCase {
    func testTable() {
        XCTAssertEqual(ProvincePrefixes.all.count, 63)
        XCTAssertEqual(Set(ProvincePrefixes.all.map(\.code)).count, 63)
        for p in ProvincePrefixes.all {
            XCTAssertEqual(p.code.count, 2)
            XCTAssertEqual(p.name, p.name.precomposedStringWithCanonicalMapping, "\(p.code) not NFC")
            XCTAssertEqual(ProvincePrefixes.province(idPrefix: p.idPrefix), p)
        }
        XCTAssertEqual(ProvincePrefixes.province(idPrefix: "001")?.name, "Thành phố Hà Nội")
        XCTAssertEqual(ProvincePrefixes.province(code: "79")?.name, "Thành phố Hồ Chí Minh")
        XCTAssertEqual(ProvincePrefixes.province(code: "96")?.idPrefix, "096")
        XCTAssertNil(ProvincePrefixes.province(idPrefix: "003"))
        XCTAssertNil(ProvincePrefixes.province(code: "03"))
    }

    /// The tables in code are the datasets province staff read: the 63
    /// prefixes with their province of 2025, and the 34 provinces of 2025.
    func testTablesAgreeWithTheDatasets() throws {
        let before = try XCTUnwrap(realDatasets["provinces-before-2025"])
        XCTAssertEqual(before.rows.map(\.code), ProvincePrefixes.all.map(\.code))
        for (row, p) in zip(before.rows, ProvincePrefixes.all) {
            XCTAssertEqual(row.name, p.name, p.code)
            XCTAssertEqual(row.nameEN, p.nameEN, p.code)
            XCTAssertEqual(row.extra["province_2025"], p.currentCode, p.code)
        }
        let now = try XCTUnwrap(realDatasets["provinces-2025"])
        XCTAssertEqual(now.rows.map { "\($0.code) \($0.name) \($0.nameEN)" }, Province2025.all.map { "\($0.code) \($0.name) \($0.nameEN)" })
        XCTAssertEqual(Set(ProvincePrefixes.all.map(\.currentCode)), Set(Province2025.all.map(\.code)), "every province of 2025 has its old ones")
        XCTAssertEqual(ProvincePrefixes.all.filter { !$0.wasMerged }.count, 11, "the 11 provinces the merger left alone")
    }

    func testCountryTable() {
        XCTAssertEqual(CountryPrefixes.all.map(\.code), (101...295).map(String.init))
        for c in CountryPrefixes.all {
            XCTAssertNil(ProvincePrefixes.province(idPrefix: c.code), "\(c.code) is no province")
            XCTAssertEqual(c.name, c.name.precomposedStringWithCanonicalMapping, "\(c.code) not NFC")
            XCTAssertFalse(c.name.isEmpty || c.nameEN.isEmpty, c.code)
        }
        XCTAssertEqual(CountryPrefixes.country(idPrefix: "175")?.name, "Hoa Kỳ")
        XCTAssertEqual(CountryPrefixes.country(idPrefix: "232")?.nameEN, "Japan")
        XCTAssertNil(CountryPrefixes.country(idPrefix: "064"))
    }
}

// MARK: - Agency code

final class IdentifierAgencyCodeTests: XCTestCase {
    func testValid() {
        let cases: [(String, String)] = [
            ("000.00.00.H49", "000.00.00.H49"),
            ("000.25.01.H49", "000.25.01.H49"),
            (" 000.00.00.h49 ", "000.00.00.H49"),
            ("123.45.67.A01", "123.45.67.A01"),
            ("000. 00. 00. H38", "000.00.00.H38"),
            ("０００.００.００.Ｈ４９", "000.00.00.H49"),
        ]
        for (input, canonical) in cases {
            switch AgencyCode.parse(input) {
            case .success(let code): XCTAssertEqual(code.description, canonical, input)
            case .failure(let e): XCTFail("\(input) rejected: \(e)")
            }
        }
    }

    func testInvalid() {
        let cases: [(String, AgencyCodeError, UInt)] = [
            ("", .empty, #line),
            ("000.00.00", .wrongGroupCount(3), #line),
            ("000.00.00.H49.1", .wrongGroupCount(5), #line),
            ("00000H49", .wrongGroupCount(1), #line),
            ("00.00.00.H49", .badLevel(.level4, found: "00"), #line),
            ("0000.00.00.H49", .badLevel(.level4, found: "0000"), #line),
            ("000.0.00.H49", .badLevel(.level3, found: "0"), #line),
            ("000.00.0A.H49", .badLevel(.level2, found: "0A"), #line),
            ("000.00.00.49", .badLevel(.level1, found: "49"), #line),
            ("000.00.00.HH9", .badLevel(.level1, found: "HH9"), #line),
            ("000.00.00.Đ49", .badLevel(.level1, found: "Đ49"), #line),
            ("000.00.00.", .badLevel(.level1, found: ""), #line),
        ]
        for (input, expected, line) in cases {
            switch AgencyCode.parse(input) {
            case .success(let code): XCTFail("\(input) accepted as \(code)", line: line)
            case .failure(let e): XCTAssertEqual(e, expected, "\(input)", line: line)
            }
        }
    }

    func testLevels() {
        let code = AgencyCode("000.25.01.H49")!
        XCTAssertEqual(code.levels, ["000", "25", "01", "H49"])
        XCTAssertEqual(code[.level1], "H49")
        XCTAssertEqual(code[.level2], "01")
        XCTAssertEqual(code[.level3], "25")
        XCTAssertEqual(code[.level4], "000")
        XCTAssertTrue(code.isZeroFilled(.level4))
        XCTAssertFalse(code.isZeroFilled(.level2))
        let msg = AgencyCodeError.badLevel(.level1, found: "H4").message
        XCTAssertTrue(msg.vi.contains("cấp 1"))
        XCTAssertTrue(msg.vi.contains("“H4”"))
        XCTAssertTrue(msg.en.contains("Level 1"))
    }
}

// MARK: - Dossier code

final class IdentifierDossierCodeTests: XCTestCase {
    func testValid() {
        let cases: [(String, String, Int, Int, Int, Int, UInt)] = [
            ("000.25.01.H49-250715-0007", "000.25.01.H49-250715-0007", 2025, 7, 15, 7, #line),
            ("  000.25.01.h49-250715-0007 \n", "000.25.01.H49-250715-0007", 2025, 7, 15, 7, #line),
            ("000.00.00.H49-240229-0001", "000.00.00.H49-240229-0001", 2024, 2, 29, 1, #line),
            ("000.00.00.H49-000229-0001", "000.00.00.H49-000229-0001", 2000, 2, 29, 1, #line),
            ("000.00.00.H49-991231-9999", "000.00.00.H49-991231-9999", 2099, 12, 31, 9999, #line),
            ("000.00.00.H49-250101-0000", "000.00.00.H49-250101-0000", 2025, 1, 1, 0, #line),
            ("000.00.00.H49 – 250715 – 0007", "000.00.00.H49-250715-0007", 2025, 7, 15, 7, #line),
            ("000.00.00.H49\u{2212}250715\u{2014}0007", "000.00.00.H49-250715-0007", 2025, 7, 15, 7, #line),
            ("000.25.01.H49\u{200B}-250715-0007", "000.25.01.H49-250715-0007", 2025, 7, 15, 7, #line),
            ("０００.２５.０１.Ｈ４９－２５０７１５－０００７", "000.25.01.H49-250715-0007", 2025, 7, 15, 7, #line),
        ]
        for (input, canonical, year, month, day, seq, line) in cases {
            switch DossierCode.parse(input) {
            case .success(let code):
                XCTAssertEqual(code.description, canonical, line: line)
                XCTAssertEqual(code.year, year, line: line)
                XCTAssertEqual(code.month, month, line: line)
                XCTAssertEqual(code.day, day, line: line)
                XCTAssertEqual(code.sequence, seq, line: line)
            case .failure(let e):
                XCTFail("\(input) rejected: \(e)", line: line)
            }
        }
    }

    func testInvalid() {
        let cases: [(String, DossierCodeError, UInt)] = [
            ("", .empty, #line),
            (" \n ", .empty, #line),
            ("000.25.01.H49-250230-0007", .impossibleDate("250230"), #line),
            ("000.25.01.H49-250229-0007", .impossibleDate("250229"), #line),
            ("000.25.01.H49-251301-0007", .impossibleDate("251301"), #line),
            ("000.25.01.H49-250001-0007", .impossibleDate("250001"), #line),
            ("000.25.01.H49-250700-0007", .impossibleDate("250700"), #line),
            ("000.25.01.H49-250431-0007", .impossibleDate("250431"), #line),
            ("000.25.01.H49-25071-0007", .dateNotSixDigits("25071"), #line),
            ("000.25.01.H49-25O715-0007", .dateNotSixDigits("25O715"), #line),
            ("000.25.01.H49--250715-0007", .dateNotSixDigits(""), #line),
            ("000.25.01.H49-", .dateNotSixDigits(""), #line),
            ("000.25.01.H49-2507", .dateNotSixDigits("2507"), #line),
            ("000.25.01.H49-250715-007", .sequenceNotFourDigits("007"), #line),
            ("000.25.01.H49-250715-00071", .sequenceNotFourDigits("00071"), #line),
            ("000.25.01.H49-250715-", .sequenceNotFourDigits(""), #line),
            ("000.25.01.H49-250715-O007", .sequenceNotFourDigits("O007"), #line),
            ("000.25.01.H49-250715-0007X", .extraCharacters("X"), #line),
            ("000.25.01.H49-250715-0007-1", .extraCharacters("-1"), #line),
            ("000.25.01.H49250715-0007", .missingDashAfterAgency, #line),
            ("000.25.01.H492507150007", .missingDashAfterAgency, #line),
            ("000.25.01.H49", .missingDashAfterAgency, #line),
            ("000.25.01.H49-2507150007", .missingDashAfterDate, #line),
            ("000.25.01.H49-250715", .missingDashAfterDate, #line),
            ("000.25.01.H4-250715-0007", .agency(.badLevel(.level1, found: "H4")), #line),
            ("000.25.1.H49-250715-0007", .agency(.badLevel(.level2, found: "1")), #line),
            ("000.2.01.H49-250715-0007", .agency(.badLevel(.level3, found: "2")), #line),
            ("00.25.01.H49-250715-0007", .agency(.badLevel(.level4, found: "00")), #line),
            ("000.25.01-250715-0007", .agency(.wrongGroupCount(3)), #line),
            ("-250715-0007", .agency(.empty), #line),
            ("hello", .agency(.wrongGroupCount(1)), #line),
        ]
        for (input, expected, line) in cases {
            switch DossierCode.parse(input) {
            case .success(let code): XCTFail("\(input) accepted as \(code)", line: line)
            case .failure(let e): XCTAssertEqual(e, expected, "\(input)", line: line)
            }
        }
    }

    func testMake() {
        let agency = AgencyCode("000.25.01.H49")!
        let made = DossierCode.make(agency: agency, year: 2025, month: 7, day: 15, sequence: 7)
        guard case .success(let code) = made else { return XCTFail("\(made)") }
        XCTAssertEqual(code.description, "000.25.01.H49-250715-0007")
        XCTAssertEqual(code.dateCode, "250715")
        XCTAssertEqual(code.sequenceCode, "0007")
        XCTAssertEqual(DossierCode(code.description), code)

        let cases: [(Int, Int, Int, Int, DossierCodeError?, UInt)] = [
            (2024, 2, 29, 1, nil, #line),
            (2000, 2, 29, 1, nil, #line),
            (2099, 12, 31, 9999, nil, #line),
            (2025, 2, 29, 1, .impossibleDate("250229"), #line),
            (2025, 13, 1, 1, .impossibleDate("251301"), #line),
            (2025, 6, 31, 1, .impossibleDate("250631"), #line),
            (1999, 1, 1, 1, .yearOutOfRange(1999), #line),
            (2100, 1, 1, 1, .yearOutOfRange(2100), #line),
            (2025, 1, 1, 10000, .sequenceOutOfRange(10000), #line),
            (2025, 1, 1, -1, .sequenceOutOfRange(-1), #line),
        ]
        for (y, m, d, s, expected, line) in cases {
            switch DossierCode.make(agency: agency, year: y, month: m, day: d, sequence: s) {
            case .success(let code):
                XCTAssertNil(expected, "made \(code)", line: line)
                XCTAssertEqual(DossierCode(code.description), code, line: line)
            case .failure(let e):
                XCTAssertEqual(e, expected, line: line)
            }
        }
    }

    func testMessagesAndCodable() throws {
        let errors: [DossierCodeError] = [
            .empty, .agency(.wrongGroupCount(3)), .missingDashAfterAgency, .missingDashAfterDate,
            .dateNotSixDigits("2507"), .impossibleDate("250230"), .sequenceNotFourDigits("007"),
            .extraCharacters("X"), .yearOutOfRange(1999), .sequenceOutOfRange(10000),
        ]
        for e in errors {
            XCTAssertFalse(e.message.vi.isEmpty)
            XCTAssertFalse(e.message.en.isEmpty)
            XCTAssertNotEqual(e.message.vi, e.message.en)
        }
        XCTAssertTrue(DossierCodeError.impossibleDate("250230").message.vi.contains("250230"))
        XCTAssertTrue(DossierCodeError.agency(.badLevel(.level1, found: "H4")).message.vi.contains("cấp 1"))

        let code = DossierCode("000.25.01.H49-250715-0007")!
        let data = try JSONEncoder().encode([code])
        XCTAssertEqual(String(decoding: data, as: UTF8.self), "[\"000.25.01.H49-250715-0007\"]")
        XCTAssertEqual(try JSONDecoder().decode([DossierCode].self, from: data), [code])
        XCTAssertThrowsError(try JSONDecoder().decode([DossierCode].self, from: Data("[\"000.25.01.H49-250230-0007\"]".utf8)))
    }
}

// MARK: - Phone number

final class IdentifierPhoneNumberTests: XCTestCase {
    func testValid() {
        let cases: [(String, String, PhoneNumberKind, UInt)] = [
            ("0912345678", "0912345678", .mobile, #line),
            ("0912 345 678", "0912345678", .mobile, #line),
            ("0912.345.678", "0912345678", .mobile, #line),
            ("0912-345-678", "0912345678", .mobile, #line),
            ("(091) 234 5678", "0912345678", .mobile, #line),
            ("+84912345678", "0912345678", .mobile, #line),
            ("+84 912 345 678", "0912345678", .mobile, #line),
            ("84912345678", "0912345678", .mobile, #line),
            ("0084 912 345 678", "0912345678", .mobile, #line),
            ("+840912345678", "0912345678", .mobile, #line),  // redundant 0 dropped on purpose
            ("+84 (0) 912 345 678", "0912345678", .mobile, #line),
            ("(+84) 912345678", "0912345678", .mobile, #line),
            ("  0912345678\u{200B} ", "0912345678", .mobile, #line),
            ("０９１２３４５６７８", "0912345678", .mobile, #line),
            ("0321234567", "0321234567", .mobile, #line),
            ("0521234567", "0521234567", .mobile, #line),
            ("0551234567", "0551234567", .mobile, #line),
            ("0591234567", "0591234567", .mobile, #line),
            ("0701234567", "0701234567", .mobile, #line),
            ("0871234567", "0871234567", .mobile, #line),
            ("0991234567", "0991234567", .mobile, #line),
            ("0841234567", "0841234567", .mobile, #line),
            ("84841234567", "0841234567", .mobile, #line),
            ("02438251234", "02438251234", .landline, #line),
            ("024 3825 1234", "02438251234", .landline, #line),
            ("+84 24 3825 1234", "02438251234", .landline, #line),
            ("028 3822 1234", "02838221234", .landline, #line),
            ("0203 382 5123", "02033825123", .landline, #line),
            ("(0236) 382 1234", "02363821234", .landline, #line),
            ("0299.382.1234", "02993821234", .landline, #line),
        ]
        for (input, national, kind, line) in cases {
            switch PhoneNumber.parse(input) {
            case .success(let n):
                XCTAssertEqual(n.national, national, line: line)
                XCTAssertEqual(n.international, "+84" + national.dropFirst(), line: line)
                XCTAssertEqual(n.kind, kind, line: line)
            case .failure(let e):
                XCTFail("\(input) rejected: \(e)", line: line)
            }
        }
    }

    func testInvalid() {
        let cases: [(String, PhoneNumberError, UInt)] = [
            ("", .empty, #line),
            ("   ", .empty, #line),
            ("()", .wrongLength(kind: nil, count: 0), #line),
            ("0", .wrongLength(kind: nil, count: 1), #line),
            ("0912 345 67a", .invalidCharacter("a"), #line),
            ("0912+345678", .invalidCharacter("+"), #line),
            ("0912345678 #1", .invalidCharacter("#"), #line),
            ("091234567", .wrongLength(kind: .mobile, count: 9), #line),
            ("09123456789", .wrongLength(kind: .mobile, count: 11), #line),
            ("+8491234567", .wrongLength(kind: .mobile, count: 9), #line),
            ("0243825123", .wrongLength(kind: .landline, count: 10), #line),
            ("020338251234", .wrongLength(kind: .landline, count: 12), #line),
            ("0951234567", .unknownMobilePrefix("095"), #line),
            ("0301234567", .unknownMobilePrefix("030"), #line),
            ("0571234567", .unknownMobilePrefix("057"), #line),
            ("0801234567", .unknownMobilePrefix("080"), #line),
            ("+84 95 123 4567", .unknownMobilePrefix("095"), #line),
            ("0411234567", .unknownPrefix("041"), #line),
            ("0691234567", .unknownPrefix("069"), #line),
            ("0123456789", .unknownPrefix("0123"), #line),
            ("1900 1234", .unknownPrefix("1900"), #line),
            ("02012345678", .unknownAreaCode("0201"), #line),
            ("02171234567", .unknownAreaCode("0217"), #line),
            ("02401234567", .unknownAreaCode("0240"), #line),
            ("01681234567", .oldMobilePrefix(old: "0168", suggestion: "0381234567"), #line),
            ("0121 123 4567", .oldMobilePrefix(old: "0121", suggestion: "0791234567"), #line),
            ("912345678", .missingLeadingZero, #line),
            ("2438251234", .missingLeadingZero, #line),
            ("+1 415 555 0100", .foreignNumber, #line),
            ("0044 20 7946 0958", .foreignNumber, #line),
        ]
        for (input, expected, line) in cases {
            switch PhoneNumber.parse(input) {
            case .success(let n): XCTFail("\(input) accepted as \(n)", line: line)
            case .failure(let e): XCTAssertEqual(e, expected, "\(input)", line: line)
            }
        }
    }

    func testGroupingMessagesCodable() throws {
        XCTAssertEqual(PhoneNumber("0912345678")?.grouped, "0912 345 678")
        XCTAssertEqual(PhoneNumber("02438251234")?.grouped, "024 3825 1234")
        XCTAssertEqual(PhoneNumber("02033825123")?.grouped, "0203 382 5123")
        XCTAssertEqual(PhoneNumber("+84912345678"), PhoneNumber("0912 345 678"))
        XCTAssertTrue(PhoneNumberError.oldMobilePrefix(old: "0168", suggestion: "0381234567").message.vi.contains("0381234567"))
        XCTAssertTrue(PhoneNumberError.wrongLength(kind: .mobile, count: 9).message.vi.contains("10 chữ số"))
        let errors: [PhoneNumberError] = [
            .empty, .invalidCharacter("a"), .foreignNumber, .missingLeadingZero,
            .wrongLength(kind: nil, count: 2), .wrongLength(kind: .mobile, count: 9), .wrongLength(kind: .landline, count: 10),
            .unknownMobilePrefix("095"), .unknownAreaCode("0201"), .oldMobilePrefix(old: "0168", suggestion: "0381234567"),
            .unknownPrefix("041"),
        ]
        for e in errors { XCTAssertNotEqual(e.message.vi, e.message.en) }
        let n = PhoneNumber("+84 912 345 678")!
        let data = try JSONEncoder().encode([n])
        XCTAssertEqual(String(decoding: data, as: UTF8.self), "[\"0912345678\"]")
        XCTAssertEqual(try JSONDecoder().decode([PhoneNumber].self, from: data), [n])
    }
}

// MARK: - E-mail

final class IdentifierEmailTests: XCTestCase {
    func testValid() {
        let cases: [(String, String, UInt)] = [
            ("nguyen.van.a@gmail.com", "nguyen.van.a@gmail.com", #line),
            ("  Nguyen.Van.A@Gmail.COM \n", "Nguyen.Van.A@gmail.com", #line),
            ("a+tag@sub.example.vn", "a+tag@sub.example.vn", #line),
            ("o'brien@example.co.uk", "o'brien@example.co.uk", #line),
            ("user_name-1@my-domain.gov.vn", "user_name-1@my-domain.gov.vn", #line),
            ("x@xn--vit-nam-vva.xn--p1ai", "x@xn--vit-nam-vva.xn--p1ai", #line),
            ("\u{200B}an@example.com", "an@example.com", #line),
            ("a@b.co", "a@b.co", #line),
            (String(repeating: "a", count: 64) + "@example.com", String(repeating: "a", count: 64) + "@example.com", #line),
        ]
        for (input, expected, line) in cases {
            switch EmailAddress.validate(input) {
            case .success(let s): XCTAssertEqual(s, expected, line: line)
            case .failure(let e): XCTFail("\(input) rejected: \(e)", line: line)
            }
        }
    }

    func testInvalid() {
        let longLabel = String(repeating: "d", count: 64)
        let longAddress = "a@" + Array(repeating: String(repeating: "d", count: 60), count: 5).joined(separator: ".") + ".com"
        let cases: [(String, EmailError, UInt)] = [
            ("", .empty, #line),
            ("  \t", .empty, #line),
            ("nguyen van a@gmail.com", .containsSpace, #line),
            ("nguyễn@gmail.com", .nonASCIICharacter("ễ"), #line),
            ("nguye\u{0302}\u{0303}n@gmail.com", .nonASCIICharacter("ễ"), #line),  // NFD input
            ("nguyen＠gmail.com", .nonASCIICharacter("＠"), #line),
            ("an@gmail.cơm", .nonASCIICharacter("ơ"), #line),
            ("nguyengmail.com", .missingAt, #line),
            ("a@b@c.com", .multipleAt, #line),
            ("@gmail.com", .emptyLocalPart, #line),
            (String(repeating: "a", count: 65) + "@example.com", .localPartTooLong(65), #line),
            (longAddress, .tooLong(longAddress.count), #line),
            ("a(b)@gmail.com", .invalidCharacter("("), #line),
            ("a,b@gmail.com", .invalidCharacter(","), #line),
            ("a@gmail,com", .invalidCharacter(","), #line),
            ("a@gmail_com.vn", .invalidCharacter("_"), #line),
            (".a@gmail.com", .misplacedDot, #line),
            ("a.@gmail.com", .misplacedDot, #line),
            ("a..b@gmail.com", .misplacedDot, #line),
            ("a@", .emptyDomain, #line),
            ("a@gmail", .domainWithoutDot, #line),
            ("a@gmail.com.", .invalidDomainLabel(""), #line),
            ("a@.gmail.com", .invalidDomainLabel(""), #line),
            ("a@gmail..com", .invalidDomainLabel(""), #line),
            ("a@-gmail.com", .invalidDomainLabel("-gmail"), #line),
            ("a@gmail-.com", .invalidDomainLabel("gmail-"), #line),
            ("a@\(longLabel).com", .invalidDomainLabel(longLabel), #line),
            ("a@gmail.c", .invalidTopLevelDomain("c"), #line),
            ("a@gmail.123", .invalidTopLevelDomain("123"), #line),
        ]
        for (input, expected, line) in cases {
            switch EmailAddress.validate(input) {
            case .success(let s): XCTFail("\(input) accepted as \(s)", line: line)
            case .failure(let e): XCTAssertEqual(e, expected, "\(input)", line: line)
            }
        }
        XCTAssertGreaterThan(longAddress.count, 254)
    }

    func testMessages() {
        XCTAssertTrue(EmailAddress.isValid("a@b.vn"))
        XCTAssertFalse(EmailAddress.isValid("a@b"))
        XCTAssertTrue(EmailError.nonASCIICharacter("ễ").message.vi.contains("bộ gõ"))
        let errors: [EmailError] = [
            .empty, .containsSpace, .nonASCIICharacter("ễ"), .tooLong(300), .missingAt, .multipleAt,
            .emptyLocalPart, .localPartTooLong(65), .invalidCharacter(","), .misplacedDot, .emptyDomain,
            .domainWithoutDot, .invalidDomainLabel(""), .invalidDomainLabel("-x"), .invalidTopLevelDomain("c"),
        ]
        for e in errors {
            XCTAssertFalse(e.message.vi.isEmpty)
            XCTAssertNotEqual(e.message.vi, e.message.en)
        }
    }
}

// MARK: - Id numbers on a form

final class IdentifierOnFormTests: XCTestCase {
    /// Every id number field refuses a birth year after the form's today,
    /// with or without a `cross_check`, in both languages.
    func testAnIDNumberFieldRefusesABirthYearAfterTheFormsToday() throws {
        let fields = """
        { "id": "plain", "type": "id_number", "label": "Số định danh" },
        { "id": "birth", "type": "date", "label": "Ngày sinh" },
        { "id": "checked", "type": "id_number", "label": "Số định danh", "cross_check": { "birth_date": "birth" } }
        """
        let form = try XCTUnwrap(loadForm(formJSON(fields: fields)))
        var state = FormState(form: form, today: fixedToday)
        let plain = try XCTUnwrap(state.path(named: "plain")), checked = try XCTUnwrap(state.path(named: "checked"))

        _ = state.set("plain", "001227001234")
        XCTAssertEqual(state.issues(plain).map(\.vi), [PersonalIDError.birthYearInFuture(2027).message.vi])
        XCTAssertEqual(state.issues(plain).map(\.en), [PersonalIDError.birthYearInFuture(2027).message.en])
        _ = state.set("checked", "001227001234")
        _ = state.set("birth", "01/01/2027")
        XCTAssertEqual(state.issues(checked).map(\.en), [PersonalIDError.birthYearInFuture(2027).message.en], "one message, not a mismatch too")

        _ = state.set("plain", "001226001234")
        XCTAssertEqual(state.issues(plain), [], "born this year")
        var nextYear = FormState(form: form, today: CalendarDate(year: 2027, month: 1, day: 2))
        _ = nextYear.set("plain", "001227001234")
        XCTAssertEqual(nextYear.issues(plain), [])

        _ = state.set("plain", "174199001234")
        XCTAssertEqual(state.issues(plain), [], "a country code of a birth registered abroad")
    }
}

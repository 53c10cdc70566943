/// One province as it was before the July 2025 merger: the two-digit code of
/// the statistics office, the official name at that time, and the province of
/// 2025 it became part of.
public struct ProvincePrefix: Sendable, Hashable {
    /// Two-digit pre-2025 province code, e.g. "01".
    public let code: String
    /// Official pre-2025 name, e.g. "Thành phố Hà Nội".
    public let name: String
    /// English name, e.g. "Gia Lai Province".
    public let nameEN: String
    /// Two-digit code of the province of 2025 it is part of now (Quyết định
    /// 19/2025/QĐ-TTg), e.g. "52" for Gia Lai (064), merged with Bình Định.
    public let currentCode: String

    public init(code: String, name: String, nameEN: String = "", currentCode: String = "") {
        self.code = code
        self.name = name
        self.nameEN = nameEN
        self.currentCode = currentCode.isEmpty ? code : currentCode
    }

    /// Three-digit prefix of a personal id number: "0" + code, e.g. "001".
    public var idPrefix: String { "0" + code }

    /// The province of 2025 it is part of.
    public var current: Province2025? { Province2025.all.first { $0.code == currentCode } }

    /// Whether it was merged with others in 2025 (its province of 2025 is
    /// more than this one, or bears another name).
    public var wasMerged: Bool {
        ProvincePrefixes.all.contains { $0.code != code && $0.currentCode == currentCode } || current?.name != name
    }
}

/// One of the 34 provinces and cities in force from 1 July 2025.
public struct Province2025: Sendable, Hashable {
    public let code: String
    /// Official name, e.g. "Tỉnh Gia Lai".
    public let name: String
    /// English name, e.g. "Gia Lai Province".
    public let nameEN: String

    public init(code: String, name: String, nameEN: String) {
        self.code = code
        self.name = name
        self.nameEN = nameEN
    }

    /// Source: Forms/datasets/provinces-2025.csv (a test keeps them equal).
    public static let all: [Province2025] = [
        Province2025(code: "01", name: "Thành phố Hà Nội", nameEN: "Ha Noi City"),
        Province2025(code: "04", name: "Tỉnh Cao Bằng", nameEN: "Cao Bang Province"),
        Province2025(code: "08", name: "Tỉnh Tuyên Quang", nameEN: "Tuyen Quang Province"),
        Province2025(code: "11", name: "Tỉnh Điện Biên", nameEN: "Dien Bien Province"),
        Province2025(code: "12", name: "Tỉnh Lai Châu", nameEN: "Lai Chau Province"),
        Province2025(code: "14", name: "Tỉnh Sơn La", nameEN: "Son La Province"),
        Province2025(code: "15", name: "Tỉnh Lào Cai", nameEN: "Lao Cai Province"),
        Province2025(code: "19", name: "Tỉnh Thái Nguyên", nameEN: "Thai Nguyen Province"),
        Province2025(code: "20", name: "Tỉnh Lạng Sơn", nameEN: "Lang Son Province"),
        Province2025(code: "22", name: "Tỉnh Quảng Ninh", nameEN: "Quang Ninh Province"),
        Province2025(code: "24", name: "Tỉnh Bắc Ninh", nameEN: "Bac Ninh Province"),
        Province2025(code: "25", name: "Tỉnh Phú Thọ", nameEN: "Phu Tho Province"),
        Province2025(code: "31", name: "Thành phố Hải Phòng", nameEN: "Hai Phong City"),
        Province2025(code: "33", name: "Tỉnh Hưng Yên", nameEN: "Hung Yen Province"),
        Province2025(code: "37", name: "Tỉnh Ninh Bình", nameEN: "Ninh Binh Province"),
        Province2025(code: "38", name: "Tỉnh Thanh Hóa", nameEN: "Thanh Hoa Province"),
        Province2025(code: "40", name: "Tỉnh Nghệ An", nameEN: "Nghe An Province"),
        Province2025(code: "42", name: "Tỉnh Hà Tĩnh", nameEN: "Ha Tinh Province"),
        Province2025(code: "44", name: "Tỉnh Quảng Trị", nameEN: "Quang Tri Province"),
        Province2025(code: "46", name: "Thành phố Huế", nameEN: "Hue City"),
        Province2025(code: "48", name: "Thành phố Đà Nẵng", nameEN: "Da Nang City"),
        Province2025(code: "51", name: "Tỉnh Quảng Ngãi", nameEN: "Quang Ngai Province"),
        Province2025(code: "52", name: "Tỉnh Gia Lai", nameEN: "Gia Lai Province"),
        Province2025(code: "56", name: "Tỉnh Khánh Hòa", nameEN: "Khanh Hoa Province"),
        Province2025(code: "66", name: "Tỉnh Đắk Lắk", nameEN: "Dak Lak Province"),
        Province2025(code: "68", name: "Tỉnh Lâm Đồng", nameEN: "Lam Dong Province"),
        Province2025(code: "75", name: "Tỉnh Đồng Nai", nameEN: "Dong Nai Province"),
        Province2025(code: "79", name: "Thành phố Hồ Chí Minh", nameEN: "Ho Chi Minh City"),
        Province2025(code: "80", name: "Tỉnh Tây Ninh", nameEN: "Tay Ninh Province"),
        Province2025(code: "82", name: "Tỉnh Đồng Tháp", nameEN: "Dong Thap Province"),
        Province2025(code: "86", name: "Tỉnh Vĩnh Long", nameEN: "Vinh Long Province"),
        Province2025(code: "91", name: "Tỉnh An Giang", nameEN: "An Giang Province"),
        Province2025(code: "92", name: "Thành phố Cần Thơ", nameEN: "Can Tho City"),
        Province2025(code: "96", name: "Tỉnh Cà Mau", nameEN: "Ca Mau Province"),
    ]
}

/// Short form of an official name: "Tỉnh Gia Lai" → "Gia Lai",
/// "Thành phố Hà Nội" → "Hà Nội", "Gia Lai Province" → "Gia Lai".
func shortProvinceName(_ name: String) -> String {
    for prefix in ["Thành phố ", "Tỉnh "] where name.hasPrefix(prefix) { return String(name.dropFirst(prefix.count)) }
    for suffix in [" Province", " City"] where name.hasSuffix(suffix) { return String(name.dropLast(suffix.count)) }
    return name
}

/// The 63 pre-2025 provinces, whose codes open the personal id number of a
/// birth registered in Viet Nam. Numbers were not reissued after the 2025
/// merger, so a prefix names the province where the birth was registered,
/// never today's province (its province of 2025 is shown beside it).
/// Source: Forms/datasets/provinces-before-2025.csv (a test keeps them equal).
public enum ProvincePrefixes {
    public static let all: [ProvincePrefix] = [
        ProvincePrefix(code: "01", name: "Thành phố Hà Nội", nameEN: "Ha Noi City", currentCode: "01"),
        ProvincePrefix(code: "02", name: "Tỉnh Hà Giang", nameEN: "Ha Giang Province", currentCode: "08"),
        ProvincePrefix(code: "04", name: "Tỉnh Cao Bằng", nameEN: "Cao Bang Province", currentCode: "04"),
        ProvincePrefix(code: "06", name: "Tỉnh Bắc Kạn", nameEN: "Bac Kan Province", currentCode: "19"),
        ProvincePrefix(code: "08", name: "Tỉnh Tuyên Quang", nameEN: "Tuyen Quang Province", currentCode: "08"),
        ProvincePrefix(code: "10", name: "Tỉnh Lào Cai", nameEN: "Lao Cai Province", currentCode: "15"),
        ProvincePrefix(code: "11", name: "Tỉnh Điện Biên", nameEN: "Dien Bien Province", currentCode: "11"),
        ProvincePrefix(code: "12", name: "Tỉnh Lai Châu", nameEN: "Lai Chau Province", currentCode: "12"),
        ProvincePrefix(code: "14", name: "Tỉnh Sơn La", nameEN: "Son La Province", currentCode: "14"),
        ProvincePrefix(code: "15", name: "Tỉnh Yên Bái", nameEN: "Yen Bai Province", currentCode: "15"),
        ProvincePrefix(code: "17", name: "Tỉnh Hòa Bình", nameEN: "Hoa Binh Province", currentCode: "25"),
        ProvincePrefix(code: "19", name: "Tỉnh Thái Nguyên", nameEN: "Thai Nguyen Province", currentCode: "19"),
        ProvincePrefix(code: "20", name: "Tỉnh Lạng Sơn", nameEN: "Lang Son Province", currentCode: "20"),
        ProvincePrefix(code: "22", name: "Tỉnh Quảng Ninh", nameEN: "Quang Ninh Province", currentCode: "22"),
        ProvincePrefix(code: "24", name: "Tỉnh Bắc Giang", nameEN: "Bac Giang Province", currentCode: "24"),
        ProvincePrefix(code: "25", name: "Tỉnh Phú Thọ", nameEN: "Phu Tho Province", currentCode: "25"),
        ProvincePrefix(code: "26", name: "Tỉnh Vĩnh Phúc", nameEN: "Vinh Phuc Province", currentCode: "25"),
        ProvincePrefix(code: "27", name: "Tỉnh Bắc Ninh", nameEN: "Bac Ninh Province", currentCode: "24"),
        ProvincePrefix(code: "30", name: "Tỉnh Hải Dương", nameEN: "Hai Duong Province", currentCode: "31"),
        ProvincePrefix(code: "31", name: "Thành phố Hải Phòng", nameEN: "Hai Phong City", currentCode: "31"),
        ProvincePrefix(code: "33", name: "Tỉnh Hưng Yên", nameEN: "Hung Yen Province", currentCode: "33"),
        ProvincePrefix(code: "34", name: "Tỉnh Thái Bình", nameEN: "Thai Binh Province", currentCode: "33"),
        ProvincePrefix(code: "35", name: "Tỉnh Hà Nam", nameEN: "Ha Nam Province", currentCode: "37"),
        ProvincePrefix(code: "36", name: "Tỉnh Nam Định", nameEN: "Nam Dinh Province", currentCode: "37"),
        ProvincePrefix(code: "37", name: "Tỉnh Ninh Bình", nameEN: "Ninh Binh Province", currentCode: "37"),
        ProvincePrefix(code: "38", name: "Tỉnh Thanh Hóa", nameEN: "Thanh Hoa Province", currentCode: "38"),
        ProvincePrefix(code: "40", name: "Tỉnh Nghệ An", nameEN: "Nghe An Province", currentCode: "40"),
        ProvincePrefix(code: "42", name: "Tỉnh Hà Tĩnh", nameEN: "Ha Tinh Province", currentCode: "42"),
        ProvincePrefix(code: "44", name: "Tỉnh Quảng Bình", nameEN: "Quang Binh Province", currentCode: "44"),
        ProvincePrefix(code: "45", name: "Tỉnh Quảng Trị", nameEN: "Quang Tri Province", currentCode: "44"),
        ProvincePrefix(code: "46", name: "Thành phố Huế", nameEN: "Hue City", currentCode: "46"),
        ProvincePrefix(code: "48", name: "Thành phố Đà Nẵng", nameEN: "Da Nang City", currentCode: "48"),
        ProvincePrefix(code: "49", name: "Tỉnh Quảng Nam", nameEN: "Quang Nam Province", currentCode: "48"),
        ProvincePrefix(code: "51", name: "Tỉnh Quảng Ngãi", nameEN: "Quang Ngai Province", currentCode: "51"),
        ProvincePrefix(code: "52", name: "Tỉnh Bình Định", nameEN: "Binh Dinh Province", currentCode: "52"),
        ProvincePrefix(code: "54", name: "Tỉnh Phú Yên", nameEN: "Phu Yen Province", currentCode: "66"),
        ProvincePrefix(code: "56", name: "Tỉnh Khánh Hòa", nameEN: "Khanh Hoa Province", currentCode: "56"),
        ProvincePrefix(code: "58", name: "Tỉnh Ninh Thuận", nameEN: "Ninh Thuan Province", currentCode: "56"),
        ProvincePrefix(code: "60", name: "Tỉnh Bình Thuận", nameEN: "Binh Thuan Province", currentCode: "68"),
        ProvincePrefix(code: "62", name: "Tỉnh Kon Tum", nameEN: "Kon Tum Province", currentCode: "51"),
        ProvincePrefix(code: "64", name: "Tỉnh Gia Lai", nameEN: "Gia Lai Province", currentCode: "52"),
        ProvincePrefix(code: "66", name: "Tỉnh Đắk Lắk", nameEN: "Dak Lak Province", currentCode: "66"),
        ProvincePrefix(code: "67", name: "Tỉnh Đắk Nông", nameEN: "Dak Nong Province", currentCode: "68"),
        ProvincePrefix(code: "68", name: "Tỉnh Lâm Đồng", nameEN: "Lam Dong Province", currentCode: "68"),
        ProvincePrefix(code: "70", name: "Tỉnh Bình Phước", nameEN: "Binh Phuoc Province", currentCode: "75"),
        ProvincePrefix(code: "72", name: "Tỉnh Tây Ninh", nameEN: "Tay Ninh Province", currentCode: "80"),
        ProvincePrefix(code: "74", name: "Tỉnh Bình Dương", nameEN: "Binh Duong Province", currentCode: "79"),
        ProvincePrefix(code: "75", name: "Tỉnh Đồng Nai", nameEN: "Dong Nai Province", currentCode: "75"),
        ProvincePrefix(code: "77", name: "Tỉnh Bà Rịa - Vũng Tàu", nameEN: "Ba Ria - Vung Tau Province", currentCode: "79"),
        ProvincePrefix(code: "79", name: "Thành phố Hồ Chí Minh", nameEN: "Ho Chi Minh City", currentCode: "79"),
        ProvincePrefix(code: "80", name: "Tỉnh Long An", nameEN: "Long An Province", currentCode: "80"),
        ProvincePrefix(code: "82", name: "Tỉnh Tiền Giang", nameEN: "Tien Giang Province", currentCode: "82"),
        ProvincePrefix(code: "83", name: "Tỉnh Bến Tre", nameEN: "Ben Tre Province", currentCode: "86"),
        ProvincePrefix(code: "84", name: "Tỉnh Trà Vinh", nameEN: "Tra Vinh Province", currentCode: "86"),
        ProvincePrefix(code: "86", name: "Tỉnh Vĩnh Long", nameEN: "Vinh Long Province", currentCode: "86"),
        ProvincePrefix(code: "87", name: "Tỉnh Đồng Tháp", nameEN: "Dong Thap Province", currentCode: "82"),
        ProvincePrefix(code: "89", name: "Tỉnh An Giang", nameEN: "An Giang Province", currentCode: "91"),
        ProvincePrefix(code: "91", name: "Tỉnh Kiên Giang", nameEN: "Kien Giang Province", currentCode: "91"),
        ProvincePrefix(code: "92", name: "Thành phố Cần Thơ", nameEN: "Can Tho City", currentCode: "92"),
        ProvincePrefix(code: "93", name: "Tỉnh Hậu Giang", nameEN: "Hau Giang Province", currentCode: "92"),
        ProvincePrefix(code: "94", name: "Tỉnh Sóc Trăng", nameEN: "Soc Trang Province", currentCode: "92"),
        ProvincePrefix(code: "95", name: "Tỉnh Bạc Liêu", nameEN: "Bac Lieu Province", currentCode: "96"),
        ProvincePrefix(code: "96", name: "Tỉnh Cà Mau", nameEN: "Ca Mau Province", currentCode: "96"),
    ]

    private static let byIDPrefix: [String: ProvincePrefix] =
        Dictionary(uniqueKeysWithValues: all.map { ($0.idPrefix, $0) })

    /// Province for a three-digit id prefix ("001"), nil when unknown.
    public static func province(idPrefix: String) -> ProvincePrefix? {
        byIDPrefix[idPrefix]
    }

    /// Province for a two-digit pre-2025 code ("01"), nil when unknown.
    public static func province(code: String) -> ProvincePrefix? {
        byIDPrefix["0" + code]
    }
}

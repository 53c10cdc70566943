/// One province as it was before the July 2025 merger: the two-digit code of
/// the statistics office and the official name at that time.
public struct ProvincePrefix: Sendable, Hashable {
    /// Two-digit pre-2025 province code, e.g. "01".
    public let code: String
    /// Official pre-2025 name, e.g. "Thành phố Hà Nội".
    public let name: String

    public init(code: String, name: String) {
        self.code = code
        self.name = name
    }

    /// Three-digit prefix of a personal id number: "0" + code, e.g. "001".
    public var idPrefix: String { "0" + code }
}

/// The 63 pre-2025 provinces, whose codes open every personal id number.
/// Numbers were not reissued after the 2025 merger, so a prefix names the
/// province where the birth was registered, never today's province.
/// Source: shared/data/provinces-before-2025.csv.
public enum ProvincePrefixes {
    public static let all: [ProvincePrefix] = [
        ProvincePrefix(code: "01", name: "Thành phố Hà Nội"),
        ProvincePrefix(code: "02", name: "Tỉnh Hà Giang"),
        ProvincePrefix(code: "04", name: "Tỉnh Cao Bằng"),
        ProvincePrefix(code: "06", name: "Tỉnh Bắc Kạn"),
        ProvincePrefix(code: "08", name: "Tỉnh Tuyên Quang"),
        ProvincePrefix(code: "10", name: "Tỉnh Lào Cai"),
        ProvincePrefix(code: "11", name: "Tỉnh Điện Biên"),
        ProvincePrefix(code: "12", name: "Tỉnh Lai Châu"),
        ProvincePrefix(code: "14", name: "Tỉnh Sơn La"),
        ProvincePrefix(code: "15", name: "Tỉnh Yên Bái"),
        ProvincePrefix(code: "17", name: "Tỉnh Hòa Bình"),
        ProvincePrefix(code: "19", name: "Tỉnh Thái Nguyên"),
        ProvincePrefix(code: "20", name: "Tỉnh Lạng Sơn"),
        ProvincePrefix(code: "22", name: "Tỉnh Quảng Ninh"),
        ProvincePrefix(code: "24", name: "Tỉnh Bắc Giang"),
        ProvincePrefix(code: "25", name: "Tỉnh Phú Thọ"),
        ProvincePrefix(code: "26", name: "Tỉnh Vĩnh Phúc"),
        ProvincePrefix(code: "27", name: "Tỉnh Bắc Ninh"),
        ProvincePrefix(code: "30", name: "Tỉnh Hải Dương"),
        ProvincePrefix(code: "31", name: "Thành phố Hải Phòng"),
        ProvincePrefix(code: "33", name: "Tỉnh Hưng Yên"),
        ProvincePrefix(code: "34", name: "Tỉnh Thái Bình"),
        ProvincePrefix(code: "35", name: "Tỉnh Hà Nam"),
        ProvincePrefix(code: "36", name: "Tỉnh Nam Định"),
        ProvincePrefix(code: "37", name: "Tỉnh Ninh Bình"),
        ProvincePrefix(code: "38", name: "Tỉnh Thanh Hóa"),
        ProvincePrefix(code: "40", name: "Tỉnh Nghệ An"),
        ProvincePrefix(code: "42", name: "Tỉnh Hà Tĩnh"),
        ProvincePrefix(code: "44", name: "Tỉnh Quảng Bình"),
        ProvincePrefix(code: "45", name: "Tỉnh Quảng Trị"),
        ProvincePrefix(code: "46", name: "Thành phố Huế"),
        ProvincePrefix(code: "48", name: "Thành phố Đà Nẵng"),
        ProvincePrefix(code: "49", name: "Tỉnh Quảng Nam"),
        ProvincePrefix(code: "51", name: "Tỉnh Quảng Ngãi"),
        ProvincePrefix(code: "52", name: "Tỉnh Bình Định"),
        ProvincePrefix(code: "54", name: "Tỉnh Phú Yên"),
        ProvincePrefix(code: "56", name: "Tỉnh Khánh Hòa"),
        ProvincePrefix(code: "58", name: "Tỉnh Ninh Thuận"),
        ProvincePrefix(code: "60", name: "Tỉnh Bình Thuận"),
        ProvincePrefix(code: "62", name: "Tỉnh Kon Tum"),
        ProvincePrefix(code: "64", name: "Tỉnh Gia Lai"),
        ProvincePrefix(code: "66", name: "Tỉnh Đắk Lắk"),
        ProvincePrefix(code: "67", name: "Tỉnh Đắk Nông"),
        ProvincePrefix(code: "68", name: "Tỉnh Lâm Đồng"),
        ProvincePrefix(code: "70", name: "Tỉnh Bình Phước"),
        ProvincePrefix(code: "72", name: "Tỉnh Tây Ninh"),
        ProvincePrefix(code: "74", name: "Tỉnh Bình Dương"),
        ProvincePrefix(code: "75", name: "Tỉnh Đồng Nai"),
        ProvincePrefix(code: "77", name: "Tỉnh Bà Rịa - Vũng Tàu"),
        ProvincePrefix(code: "79", name: "Thành phố Hồ Chí Minh"),
        ProvincePrefix(code: "80", name: "Tỉnh Long An"),
        ProvincePrefix(code: "82", name: "Tỉnh Tiền Giang"),
        ProvincePrefix(code: "83", name: "Tỉnh Bến Tre"),
        ProvincePrefix(code: "84", name: "Tỉnh Trà Vinh"),
        ProvincePrefix(code: "86", name: "Tỉnh Vĩnh Long"),
        ProvincePrefix(code: "87", name: "Tỉnh Đồng Tháp"),
        ProvincePrefix(code: "89", name: "Tỉnh An Giang"),
        ProvincePrefix(code: "91", name: "Tỉnh Kiên Giang"),
        ProvincePrefix(code: "92", name: "Thành phố Cần Thơ"),
        ProvincePrefix(code: "93", name: "Tỉnh Hậu Giang"),
        ProvincePrefix(code: "94", name: "Tỉnh Sóc Trăng"),
        ProvincePrefix(code: "95", name: "Tỉnh Bạc Liêu"),
        ProvincePrefix(code: "96", name: "Tỉnh Cà Mau"),
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

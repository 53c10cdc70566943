/// The few ways the helper can scan a page, named for what they are for.
/// The default is the smallest file that stays readable (issue 18: under
/// 150 KB for a grey A4 page).
public enum ScanPreset: String, Sendable, CaseIterable, Codable {
    /// Grey, 150 dpi: papers with ordinary print (the default).
    case grey150
    /// Grey, 300 dpi: small print, faint stamps, old papers.
    case grey300
    /// Colour, 150 dpi: photos, coloured stamps, cards.
    case colour150

    public static let standard: ScanPreset = .grey150

    /// SANE's `--mode` value.
    public var saneMode: String { self == .colour150 ? "Color" : "Gray" }
    public var dpi: Int { self == .grey300 ? 300 : 150 }
    /// A grey page is kept as 16 grey levels (a PNG: text stays sharp and
    /// small); a colour page as a JPEG.
    public var keepsGreyLevels: Bool { self != .colour150 }
    /// libjpeg quality (0–100) a colour page is kept at.
    public var jpegQuality: Int { 70 }

    public var label: LocalizedText {
        switch self {
        case .grey150: LocalizedText(vi: "Xám, thường (khuyên dùng)", en: "Grey, standard (recommended)")
        case .grey300: LocalizedText(vi: "Xám, nét (chữ nhỏ, dấu mờ)", en: "Grey, fine (small print, faint stamps)")
        case .colour150: LocalizedText(vi: "Màu (ảnh, dấu màu)", en: "Colour (photos, coloured stamps)")
        }
    }
}

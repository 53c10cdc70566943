import KioskCore

/// A raw page as `scanimage --format=pnm` writes it: P5 (grey) or P6 (RGB),
/// 8 bits a sample. The pixels are not copied: they stay in the bytes read
/// from the scanner, so a page is held once.
public struct PNMImage {
    public let width: Int
    public let height: Int
    /// 1 (grey) or 3 (RGB).
    public let channels: Int
    /// The whole file as read.
    public let bytes: [UInt8]
    /// Where the pixels start in `bytes`.
    public let pixelOffset: Int

    public var stride: Int { width * channels }

    public init(_ bytes: [UInt8]) throws(PNMError) {
        guard bytes.count >= 2, bytes[0] == UInt8(ascii: "P") else { throw .notPNM }
        switch bytes[1] {
        case UInt8(ascii: "5"): channels = 1
        case UInt8(ascii: "6"): channels = 3
        case UInt8(ascii: "4"), UInt8(ascii: "1"): throw .lineArt
        default: throw .notPNM
        }
        var i = 2
        func number() throws(PNMError) -> Int {
            // Whitespace and comments (# to the end of the line) between numbers.
            while i < bytes.count {
                if bytes[i] == UInt8(ascii: "#") {
                    while i < bytes.count, bytes[i] != 10, bytes[i] != 13 { i += 1 }
                } else if bytes[i] == 32 || (9...13).contains(bytes[i]) {
                    i += 1
                } else { break }
            }
            var value = 0
            var digits = 0
            while i < bytes.count, (48...57).contains(bytes[i]), digits < 9 {
                value = value * 10 + Int(bytes[i] - 48)
                i += 1
                digits += 1
            }
            guard digits > 0 else { throw .notPNM }
            return value
        }
        width = try number()
        height = try number()
        let maxValue = try number()
        guard maxValue <= 255 else { throw .sixteenBit }
        guard maxValue > 0, width > 0, height > 0 else { throw .notPNM }
        // Exactly one whitespace byte before the pixels.
        i += 1
        pixelOffset = i
        guard bytes.count - i >= width * height * channels else { throw .truncated }
        self.bytes = bytes
    }
}

/// Why scanned bytes are not a page the kiosk keeps.
public enum PNMError: Error, Equatable {
    case notPNM
    /// 1-bit (line art): the presets scan grey or colour.
    case lineArt
    /// 16 bits a sample: the presets scan 8.
    case sixteenBit
    /// Fewer pixels than the header says.
    case truncated

    public var message: LocalizedText {
        switch self {
        case .notPNM, .truncated:
            LocalizedText(vi: "Máy quét trả về ảnh không đọc được. Hãy quét lại trang này.",
                          en: "The scanner returned a picture that cannot be read. Scan this page again.")
        case .lineArt:
            LocalizedText(vi: "Máy quét trả về ảnh đen trắng 1 bit, trạm không giữ loại này. Hãy chọn chế độ xám hoặc màu.",
                          en: "The scanner returned a 1-bit black-and-white picture, which the station does not keep. Choose grey or colour.")
        case .sixteenBit:
            LocalizedText(vi: "Máy quét trả về ảnh 16 bit, trạm chỉ giữ ảnh 8 bit. Hãy đặt độ sâu màu 8 bit cho máy quét.",
                          en: "The scanner returned a 16-bit picture; the station keeps 8-bit ones. Set the scanner to 8-bit depth.")
        }
    }
}

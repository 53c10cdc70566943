import CJPEG
import Glibc
import KioskCore

/// JPEG in memory through libjpeg(-turbo): scanned pages are kept as JPEG,
/// and attached JPEGs are decoded for their preview (scaled down by the
/// decoder itself, so a large photo is never held at full size).
public enum JPEG {
    /// What a JPEG's header says.
    public struct Info: Sendable, Equatable {
        public var width: Int
        public var height: Int
        public var channels: Int
        /// Dots per inch from the JFIF header, nil when it gives none.
        public var dpi: Double?
    }

    /// Encodes 8-bit rows (grey or RGB) at `quality`, its header saying `dpi`.
    public static func encode(_ pixels: UnsafeRawBufferPointer, width: Int, height: Int, channels: Int, stride: Int,
                              quality: Int, dpi: Int) throws(ImageError) -> [UInt8] {
        var out: UnsafeMutablePointer<UInt8>? = nil
        var size: UInt = 0
        var message = [CChar](repeating: 0, count: Int(KIOSK_JPEG_MESSAGE_LENGTH))
        let status = kiosk_jpeg_encode(pixels.bindMemory(to: UInt8.self).baseAddress, Int32(width), Int32(height), Int32(channels),
                                       stride, Int32(quality), Int32(dpi), &out, &size, &message)
        defer { free(out) }
        guard status == 0, let out else { throw .encode(String(cString: message)) }
        return Array(UnsafeBufferPointer(start: out, count: Int(size)))
    }

    /// A scanned page as a JPEG.
    public static func encode(_ page: PNMImage, quality: Int, dpi: Int) throws(ImageError) -> [UInt8] {
        let result: Result<[UInt8], ImageError> = page.bytes.withUnsafeBytes { raw in
            do throws(ImageError) {
                return .success(try encode(UnsafeRawBufferPointer(rebasing: raw[page.pixelOffset...]), width: page.width,
                                           height: page.height, channels: page.channels, stride: page.stride,
                                           quality: quality, dpi: dpi))
            } catch { return .failure(error) }
        }
        return try result.get()
    }

    public static func info(_ bytes: [UInt8]) throws(ImageError) -> Info {
        var info = kiosk_jpeg_info()
        var message = [CChar](repeating: 0, count: Int(KIOSK_JPEG_MESSAGE_LENGTH))
        var w: Int32 = 0, h: Int32 = 0, c: Int32 = 0
        let status = bytes.withUnsafeBufferPointer {
            kiosk_jpeg_decode($0.baseAddress, UInt($0.count), 0, 0, 1, &info, nil, &w, &h, &c, &message)
        }
        guard status == 0 else { throw .decode(String(cString: message)) }
        return Info(width: Int(info.width), height: Int(info.height), channels: Int(info.components), dpi: dpi(info))
    }

    /// The preview of a JPEG (decoded at 1/2, 1/4 or 1/8 where that is
    /// still larger than the preview).
    public static func preview(_ bytes: [UInt8]) throws(ImageError) -> PreviewImage {
        var info = kiosk_jpeg_info()
        var message = [CChar](repeating: 0, count: Int(KIOSK_JPEG_MESSAGE_LENGTH))
        var pixels: UnsafeMutablePointer<UInt8>? = nil
        var w: Int32 = 0, h: Int32 = 0, c: Int32 = 0
        let status = bytes.withUnsafeBufferPointer {
            kiosk_jpeg_decode($0.baseAddress, UInt($0.count), Int32(Preview.maxWidth), Int32(Preview.maxHeight), 0,
                              &info, &pixels, &w, &h, &c, &message)
        }
        defer { free(pixels) }
        guard status == 0, let pixels, c == 1 || c == 3 else { throw .decode(String(cString: message)) }
        let raw = UnsafeRawBufferPointer(start: pixels, count: Int(w) * Int(h) * Int(c))
        return Preview.fit(raw, width: Int(w), height: Int(h), channels: Int(c), stride: Int(w) * Int(c))
    }

    private static func dpi(_ info: kiosk_jpeg_info) -> Double? {
        guard info.x_density > 0 else { return nil }
        switch info.density_unit {
        case 1: return Double(info.x_density)
        case 2: return Double(info.x_density) * 2.54
        default: return nil
        }
    }
}

/// A picture that cannot be encoded or read.
public enum ImageError: Error, Equatable {
    case encode(String)
    case decode(String)
    /// Larger than the station decodes (width x height x colours).
    case tooLarge(width: Int, height: Int)

    public var message: LocalizedText {
        switch self {
        case .encode:
            LocalizedText(vi: "Không nén được ảnh trang. Hãy quét lại trang này.",
                          en: "The page's picture could not be compressed. Scan this page again.")
        case .decode:
            LocalizedText(vi: "Tệp ảnh bị hỏng hoặc không đọc được. Hãy chọn tệp khác.",
                          en: "The picture file is damaged or cannot be read. Choose another file.")
        case .tooLarge(let w, let h):
            LocalizedText(vi: "Ảnh quá lớn (\(w)×\(h) điểm ảnh). Hãy chọn ảnh nhỏ hơn hoặc quét giấy tờ.",
                          en: "The picture is too large (\(w)×\(h) pixels). Choose a smaller one, or scan the paper.")
        }
    }
}

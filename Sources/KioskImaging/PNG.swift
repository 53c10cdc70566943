import CPNG
import KioskCore

/// PNG pictures attached from a stick, read through libpng's simplified
/// API (errors come back as a status, not a jump).
public enum PNG {
    /// The most a decoded PNG may take in memory (width x height x colours):
    /// a page at 600 dpi fits; a 2 GB bitmap bomb does not.
    public static let maxDecodedBytes = 64 << 20

    /// Its size, from the header alone.
    public static func size(_ bytes: [UInt8]) throws(ImageError) -> (width: Int, height: Int, colour: Bool) {
        var image = png_image()
        image.version = UInt32(PNG_IMAGE_VERSION)
        defer { png_image_free(&image) }
        let ok = bytes.withUnsafeBufferPointer { png_image_begin_read_from_memory(&image, $0.baseAddress, $0.count) }
        guard ok != 0 else { throw .decode(message(image)) }
        return (Int(image.width), Int(image.height), image.format & UInt32(PNG_FORMAT_FLAG_COLOR) != 0)
    }

    /// The preview of a PNG: decoded whole (grey, or RGB for a colour one,
    /// over white where it is transparent), then fitted.
    public static func preview(_ bytes: [UInt8]) throws(ImageError) -> PreviewImage {
        var image = png_image()
        image.version = UInt32(PNG_IMAGE_VERSION)
        defer { png_image_free(&image) }
        let begun = bytes.withUnsafeBufferPointer { png_image_begin_read_from_memory(&image, $0.baseAddress, $0.count) }
        guard begun != 0 else { throw .decode(message(image)) }
        let colour = image.format & UInt32(PNG_FORMAT_FLAG_COLOR) != 0
        let channels = colour ? 3 : 1
        let width = Int(image.width), height = Int(image.height)
        guard width * height * channels <= maxDecodedBytes else { throw .tooLarge(width: width, height: height) }
        image.format = colour ? UInt32(PNG_FORMAT_RGB) : UInt32(PNG_FORMAT_GRAY)
        var pixels = [UInt8](repeating: 0, count: width * height * channels)
        var white = png_color(red: 255, green: 255, blue: 255)
        let done = pixels.withUnsafeMutableBytes { png_image_finish_read(&image, &white, $0.baseAddress, 0, nil) }
        guard done != 0 else { throw .decode(message(image)) }
        return pixels.withUnsafeBytes {
            Preview.fit($0, width: width, height: height, channels: channels, stride: width * channels)
        }
    }

    /// A scanned grey page kept as 16 grey levels (4 bits a pixel) in a PNG:
    /// print and handwriting stay sharp (JPEG smears their edges and costs
    /// three times the bytes on a page of text), and what is nearly white
    /// (the paper, its grain) or nearly black becomes white or black, which
    /// Flate then packs well. A colour page is made grey first.
    public static func encodeGreyLevels(_ page: PNMImage, dpi: Int) throws(ImageError) -> [UInt8] {
        let count = page.width * page.height
        var levels = [UInt8](repeating: 0, count: count)
        page.bytes.withUnsafeBufferPointer { raw in
            let px = raw.baseAddress! + page.pixelOffset
            for i in 0..<count {
                let grey: Int
                if page.channels == 3 {
                    let p = px + i * 3
                    grey = (Int(p[0]) * 77 + Int(p[1]) * 150 + Int(p[2]) * 29) >> 8
                } else {
                    grey = Int(px[i])
                }
                levels[i] = grey >= whiteFrom ? 15 : grey <= blackTo ? 0 : UInt8((grey * 15 + 127) / 255)
            }
        }
        var out: UnsafeMutablePointer<UInt8>? = nil
        var size = 0
        var message = [CChar](repeating: 0, count: 200)
        let status = levels.withUnsafeBufferPointer {
            kiosk_png_encode_grey4($0.baseAddress, Int32(page.width), Int32(page.height), page.width, Int32(dpi), &out, &size, &message)
        }
        defer { free(out) }
        guard status == 0, let out else { throw .encode(String(cString: message)) }
        return Array(UnsafeBufferPointer(start: out, count: size))
    }

    /// Grey at or above this is paper (white); at or below `blackTo`, ink (black).
    static let whiteFrom = 224
    static let blackTo = 40

    /// The density a PNG states (its pHYs chunk in pixels per metre), in dots
    /// per inch; nil when it states none.
    public static func dpi(_ bytes: [UInt8]) -> Double? {
        // The signature, then chunks: length (4), type (4), data, CRC (4).
        var i = 8
        while i + 8 <= bytes.count {
            let length = bytes[i..<i + 4].reduce(0) { $0 << 8 | Int($1) }
            let type = String(decoding: bytes[i + 4..<i + 8], as: UTF8.self)
            if type == "pHYs", length == 9, i + 17 <= bytes.count {
                let x = bytes[i + 8..<i + 12].reduce(0) { $0 << 8 | Int($1) }
                // Pixels per metre are a rounded dpi: back to the whole dpi it was.
                return bytes[i + 16] == 1 && x > 0 ? (Double(x) * 0.0254).rounded() : nil
            }
            if type == "IDAT" || type == "IEND" { return nil }
            i += 12 + length
        }
        return nil
    }

    private static func message(_ image: png_image) -> String {
        withUnsafeBytes(of: image.message) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
    }
}

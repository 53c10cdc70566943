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

    private static func message(_ image: png_image) -> String {
        withUnsafeBytes(of: image.message) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
    }
}

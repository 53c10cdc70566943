/// What a phone or a camera writes into a JPEG besides the picture: EXIF
/// (where and when it was taken, the device, a thumbnail), XMP, ICC and
/// maker notes (APP1–APP13, APP15) and comments. A picture attached at the
/// desk goes to the province without them: the citizen gives a page, not
/// where they stood. APP0 (JFIF: the density) and APP14 (Adobe: how the
/// colours are coded, needed to decode some files) stay; so does all that
/// follows the start of the scan, byte for byte.
extension JPEG {
    public static func withoutMetadata(_ bytes: [UInt8]) -> [UInt8] {
        guard bytes.count > 4, bytes[0] == 0xFF, bytes[1] == 0xD8 else { return bytes }
        var out: [UInt8] = [0xFF, 0xD8]
        out.reserveCapacity(bytes.count)
        var i = 2
        while i + 4 <= bytes.count {
            guard bytes[i] == 0xFF else { return bytes }  // not a marker: leave the file as it was
            let marker = bytes[i + 1]
            if marker == 0xFF { i += 1; continue }        // fill byte
            if marker == 0xDA {                           // start of scan: the rest as it is
                out += bytes[i...]
                return out
            }
            let length = Int(bytes[i + 2]) << 8 | Int(bytes[i + 3])
            guard length >= 2, i + 2 + length <= bytes.count else { return bytes }
            let drop = (0xE1...0xED).contains(marker) || marker == 0xEF || marker == 0xFE
            if !drop { out += bytes[i..<(i + 2 + length)] }
            i += 2 + length
        }
        return bytes
    }
}

import KioskCore

/// Previews of pages for the terminal: the page scaled to fit a box
/// (about 240x320, a portrait A4's proportions), each preview pixel the
/// average of the page pixels it covers (a box filter: text stays grey
/// rather than vanishing, as it would when pixels are just skipped).
public enum Preview {
    public static let maxWidth = 240
    public static let maxHeight = 320

    /// Fits rows of 8-bit pixels (`stride` bytes apart) into the box.
    public static func fit(_ pixels: UnsafeRawBufferPointer, width: Int, height: Int, channels: Int, stride: Int,
                           maxWidth: Int = maxWidth, maxHeight: Int = maxHeight) -> PreviewImage {
        let scale = max(1.0, Double(width) / Double(maxWidth), Double(height) / Double(maxHeight))
        let ow = max(1, min(maxWidth, Int((Double(width) / scale).rounded())))
        let oh = max(1, min(maxHeight, Int((Double(height) / scale).rounded())))
        // Which source columns each output column covers, computed once.
        let x0 = (0...ow).map { $0 * width / ow }
        var out = [UInt8](repeating: 0, count: ow * oh * channels)
        var sums = [Int](repeating: 0, count: ow * channels)
        let src = pixels.bindMemory(to: UInt8.self)
        for oy in 0..<oh {
            let yFrom = oy * height / oh
            let yTo = max(yFrom + 1, (oy + 1) * height / oh)
            for k in 0..<sums.count { sums[k] = 0 }
            for y in yFrom..<yTo {
                let row = y * stride
                for ox in 0..<ow {
                    for x in x0[ox]..<max(x0[ox] + 1, x0[ox + 1]) {
                        let p = row + x * channels
                        for c in 0..<channels { sums[ox * channels + c] += Int(src[p + c]) }
                    }
                }
            }
            for ox in 0..<ow {
                let n = (yTo - yFrom) * max(1, x0[ox + 1] - x0[ox])
                for c in 0..<channels {
                    out[(oy * ow + ox) * channels + c] = UInt8(sums[ox * channels + c] / n)
                }
            }
        }
        return PreviewImage(width: ow, height: oh, channels: channels, pixels: out)
    }

    /// The preview of a scanned page.
    public static func of(_ page: PNMImage) -> PreviewImage {
        page.bytes.withUnsafeBytes { raw in
            fit(UnsafeRawBufferPointer(rebasing: raw[page.pixelOffset...]), width: page.width, height: page.height,
                channels: page.channels, stride: page.stride)
        }
    }
}

/// A small picture of a page for the terminal's preview: at most a few
/// hundred pixels a side, grey (one byte a pixel) or colour (three: RGB),
/// rows top to bottom. Made by the runtime from the scanned or attached
/// page; drawn by the UI with half-block characters.
public struct PreviewImage: Sendable, Equatable {
    public var width: Int
    public var height: Int
    /// 1 (grey) or 3 (RGB).
    public var channels: Int
    public var pixels: [UInt8]

    public init(width: Int, height: Int, channels: Int, pixels: [UInt8]) {
        precondition(channels == 1 || channels == 3)
        precondition(pixels.count == width * height * channels)
        self.width = width
        self.height = height
        self.channels = channels
        self.pixels = pixels
    }

    /// The colour of a pixel as RGB (grey repeated).
    public func rgb(x: Int, y: Int) -> (r: UInt8, g: UInt8, b: UInt8) {
        let i = (y * width + x) * channels
        if channels == 1 { return (pixels[i], pixels[i], pixels[i]) }
        return (pixels[i], pixels[i + 1], pixels[i + 2])
    }

    /// Turned clockwise by quarter turns (any integer; 4 is a whole turn).
    public func rotated(quarterTurns: Int) -> PreviewImage {
        let turns = ((quarterTurns % 4) + 4) % 4
        guard turns != 0 else { return self }
        let (w, h) = turns == 2 ? (width, height) : (height, width)
        var out = [UInt8](repeating: 0, count: pixels.count)
        for y in 0..<height {
            for x in 0..<width {
                let (nx, ny): (Int, Int)
                switch turns {
                case 1: (nx, ny) = (height - 1 - y, x)
                case 2: (nx, ny) = (width - 1 - x, height - 1 - y)
                default: (nx, ny) = (y, width - 1 - x)
                }
                let from = (y * width + x) * channels
                let to = (ny * w + nx) * channels
                for c in 0..<channels { out[to + c] = pixels[from + c] }
            }
        }
        return PreviewImage(width: w, height: h, channels: channels, pixels: out)
    }
}

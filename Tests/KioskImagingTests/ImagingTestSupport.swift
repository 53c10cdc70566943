import Foundation
import KioskCore
import KioskImaging
import KioskTestSupport

/// Scanner settings for the SANE test backend, with its options.
func testScanner(_ extra: [String] = saneGridPicture, device: String = "", config: String = saneTestConfigDir) -> DocumentScanner {
    var settings = ScannerSettings(device: device)
    settings.environment = saneTestEnvironment(config)
    settings.extraArguments = extra
    settings.cancelGrace = 1
    settings.stallSeconds = 5
    return DocumentScanner(settings: settings)
}

/// SANE's test backend now and then deadlocks inside scanimage (its reader
/// thread and the main one both wait on a futex; seen mostly with a fault
/// status, once in tens of scans on a loaded machine): the scanner's
/// watchdog kills it (`.stalled`), which is the kiosk's own behaviour for a
/// hung backend. Tests scan again, up to three times, on a stall only.
func scanning(_ scanner: DocumentScanner, _ preset: ScanPreset, progress: (Double) -> Void = { _ in }) throws -> PNMImage {
    for _ in 0..<2 {
        do {
            return try scanner.scan(preset, progress: progress)
        } catch ScanFailure.stalled {
            continue
        }
    }
    return try scanner.scan(preset, progress: progress)
}

/// A fresh folder under the system's temporary one.
func temporaryFolder(_ name: String = #function) -> String {
    let dir = NSTemporaryDirectory() + "kiosk-imaging-\(name.filter { $0.isLetter })-\(UUID().uuidString.prefix(8))"
    try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    return dir
}

/// Runs a tool, its standard output as text (pdfinfo, pdftoppm in tests).
/// A grey page drawn in memory (black strokes on white, like text), as a JPEG.
func strokesJPEG(width: Int = 400, height: Int = 566, dpi: Int = 50) throws -> [UInt8] {
    var pixels = [UInt8](repeating: 255, count: width * height)
    for y in stride(from: 20, to: height - 20, by: 12) {
        for x in 20..<(width - 20) where (x / 7) % 3 != 0 {
            pixels[y * width + x] = 0
            pixels[(y + 1) * width + x] = 0
        }
    }
    return try pixels.withUnsafeBytes {
        try JPEG.encode($0, width: width, height: height, channels: 1, stride: width, quality: 70, dpi: dpi)
    }
}

/// A PNG made by poppler from a one-page PDF (the station only reads PNGs).
func samplePNG(in dir: String) throws -> [UInt8] {
    let pdf = try PDFMaker.make(pageCount: 1) { _ in PDFMaker.Page(bytes: try strokesJPEG(), kind: .jpeg, rotation: 0) }
    FileManager.default.createFile(atPath: dir + "/one.pdf", contents: Data(pdf))
    try runTool("pdftoppm", ["-png", "-r", "20", "-singlefile", dir + "/one.pdf", dir + "/one"])
    return Array(try Data(contentsOf: URL(fileURLWithPath: dir + "/one.png")))
}

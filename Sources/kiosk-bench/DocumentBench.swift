import CHaru
import Foundation
import KioskCore
import KioskImaging
import KioskRuntime
import KioskStore
import KioskTestSupport

// Issue 18: documents at the desk. Bytes per page at the default preset
// (SANE's test backend, and a text-like page drawn here, both through the
// same JPEG path), the time from the end of a scan to the page stored and
// previewed, and resident memory while a 20-page document is scanned,
// stored, made into a PDF and opened again.

/// A4 at `dpi`, grey: lines of glyph-like black strokes on white paper
/// between 25 mm margins, about 12-point print (x-height 2 mm, advance
/// 2 mm, leading 6 mm, strokes 0.3 mm), softened by a 3x3 box as a
/// scanner's optics soften edges; a PNM the way scanimage writes it.
/// `seed` changes the glyphs (so that each page is stored as one of its own).
func textLikePage(dpi: Int = 150, seed: UInt64 = 1) -> PNMImage {
    let width = Int(8.27 * Double(dpi)), height = Int(11.69 * Double(dpi))
    let mm = Double(dpi) / 25.4
    let margin = Int(25 * mm), advance = Int(2 * mm), xHeight = Int(2 * mm), lineStep = Int(6 * mm), pen = max(2, Int(0.3 * mm))
    var ink = [UInt8](repeating: 245, count: width * height)
    var r = seed
    func next() -> Int {
        r = r &* 6364136223846793005 &+ 1442695040888963407
        return Int(r >> 33)
    }
    func dot(_ x: Int, _ y: Int) { if x >= 0, x < width, y >= 0, y < height { ink[y * width + x] = 25 } }
    var y = margin
    while y + xHeight < height - margin {
        var x = margin
        let lineEnd = width - margin - next() % (width / 4)
        while x + advance < lineEnd {
            if next() % 6 == 0 { x += advance; continue }  // a space between words
            // A letter: a stem, a bowl or a bar, sometimes an ascender or a tone mark.
            let kind = next() % 4
            let top = next() % 3 == 0 ? y - xHeight * 3 / 4 : y
            for t in 0..<pen {
                for yy in top..<(y + xHeight) where kind != 2 { dot(x + t, yy) }
                for xx in x..<(x + advance - pen) where kind != 0 { dot(xx, y + t); dot(xx, y + xHeight - 1 - t) }
                if kind == 3 { for yy in y..<(y + xHeight) { dot(x + advance - pen - 1 - t, yy) } }
            }
            if next() % 5 == 0 { for xx in (x + 1)..<(x + advance - pen) { dot(xx, y - xHeight / 2) } }
            x += advance
        }
        y += lineStep
    }
    let header = Array("P5\n\(width) \(height)\n255\n".utf8)
    var bytes = header + [UInt8](repeating: 245, count: width * height)
    for yy in 1..<(height - 1) {
        for xx in 1..<(width - 1) {
            var sum = 0
            for dy in -1...1 { for dx in -1...1 { sum += Int(ink[(yy + dy) * width + xx + dx]) } }
            bytes[header.count + yy * width + xx] = UInt8(sum / 9)
        }
    }
    return try! PNMImage(bytes)
}

/// A page of real print: an A4 PDF of 11-point Helvetica text between
/// 25 mm margins (libharu), rendered grey at `dpi` by pdftoppm, as a
/// scanner would give it (anti-aliased glyphs on white). Nil when pdftoppm
/// is missing.
func printedPage(dpi: Int = 150, seed: Int = 0) -> PNMImage? {
    guard let pdf = HPDF_New(nil, nil) else { return nil }
    defer { HPDF_Free(pdf) }
    let page = HPDF_AddPage(pdf)
    HPDF_Page_SetSize(page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT)
    let font = HPDF_GetFont(pdf, "Helvetica", nil)
    let words = ("Cong hoa xa hoi chu nghia Viet Nam Doc lap Tu do Hanh phuc to khai dang ky khai sinh "
        + "ho va ten ngay thang nam sinh noi sinh gioi tinh dan toc quoc tich noi cu tru giay to tuy than "
        + "so dinh danh ca nhan quan he voi nguoi duoc khai sinh can cu Nghi dinh Thong tu dieu khoan").split(separator: " ")
    HPDF_Page_BeginText(page)
    HPDF_Page_SetFontAndSize(page, font, 11)
    var line = 0
    var n = seed
    while 842 - 71 - Double(line) * 15 > 71 {
        var text = ""
        while true {
            let word = String(words[n % words.count])
            n += 7
            if Double(HPDF_Page_TextWidth(page, text + " " + word)) > 453 { break }
            text += (text.isEmpty ? "" : " ") + word
        }
        HPDF_Page_TextOut(page, 71, HPDF_REAL(842 - 71 - Double(line) * 15), text)
        line += 1
    }
    HPDF_Page_EndText(page)
    let path = NSTemporaryDirectory() + "kiosk-bench-page-\(getpid()).pdf"
    defer { unlink(path) }
    guard HPDF_SaveToFile(pdf, path) == HPDF_OK else { return nil }
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/pdftoppm")
    p.arguments = ["-gray", "-r", String(dpi), "-singlefile", path]
    let pipe = Pipe()
    p.standardOutput = pipe
    guard (try? p.run()) != nil else { return nil }
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return try? PNMImage(Array(data))
}

/// A raw page with one pixel changed: the same picture, a page of its own.
func variant(_ page: PNMImage, _ n: Int) -> PNMImage {
    var bytes = page.bytes
    bytes[page.pixelOffset + n % (page.width * page.height)] ^= 0x55
    return try! PNMImage(bytes)
}

/// VmHWM and VmRSS of this process, in MB.
func residentMemory() -> (peak: Double, now: Double) {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return (0, 0) }
    func kb(_ key: String) -> Double {
        guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix(key) }) else { return 0 }
        return Double(line.split(separator: " ").dropFirst().first ?? "") ?? 0
    }
    return (kb("VmHWM:") / 1024, kb("VmRSS:") / 1024)
}

/// A scan, again after a stall: SANE's test backend now and then deadlocks
/// inside scanimage (its two threads waiting on each other), which the
/// watchdog stops (docs/architecture.md, "Documents at the desk").
func scanning(_ scanner: DocumentScanner, _ preset: ScanPreset) throws -> PNMImage {
    for _ in 0..<2 {
        do { return try scanner.scan(preset) } catch ScanFailure.stalled { continue }
    }
    return try scanner.scan(preset)
}

func documentFigures(dir: String) throws -> [Figure] {
    var out: [Figure] = []
    let store = try testStore(databasePath: dir + "/documents.sqlite", attachmentsPath: dir + "/documents-attachments",
                              stationID: "BENCH-01", retentionDays: 30)
    var settings = ScannerSettings(device: "")
    settings.environment = saneTestEnvironment()
    settings.extraArguments = saneGridPicture
    settings.stallSeconds = 5
    let scanner = DocumentScanner(settings: settings)
    let preset = ScanPreset.standard

    // Bytes per page: an A4 page (Tests/Fixtures/sane/test.conf widens the
    // test backend's bed to take one) of its Grid picture.
    let grid = try scanning(scanner, preset)
    let gridPage = try ScannedPage(grid, preset: preset)
    out.append(Figure(name: "document page, grey 150 dpi, test backend Grid, A4", value: Double(gridPage.image.count) / 1000, unit: "KB", target: 150))
    let text = textLikePage(dpi: preset.dpi)
    let textPage = try ScannedPage(text, preset: preset)
    out.append(Figure(name: "document page, grey 150 dpi, text-like A4 page drawn by the bench", value: Double(textPage.image.count) / 1000, unit: "KB", target: nil))
    if let printed = printedPage(dpi: preset.dpi) {
        let page = try ScannedPage(printed, preset: preset)
        out.append(Figure(name: "document page, grey 150 dpi, A4 of 11-pt print (libharu, pdftoppm)", value: Double(page.image.count) / 1000, unit: "KB", target: 150))
    }
    let fine = try ScannedPage(textLikePage(dpi: 300), preset: .grey300)
    out.append(Figure(name: "document page, grey 300 dpi, text-like A4 page", value: Double(fine.image.count) / 1000, unit: "KB", target: nil))
    var colourSettings = settings
    colourSettings.extraArguments = ["--test-picture=Color pattern"]
    let colour = try ScannedPage(try scanning(DocumentScanner(settings: colourSettings), .colour150), preset: .colour150)
    out.append(Figure(name: "document page, colour 150 dpi, test backend Color pattern, A4", value: Double(colour.image.count) / 1000, unit: "KB", target: nil))

    // From the end of a scan to the page stored (sealed, synced) and its
    // preview made: JPEG, preview, storeDocument. Each page differs by a pixel.
    var samples: [UInt64] = []
    for n in 0..<10 {
        let raw = variant(grid, n)
        let t = now()
        let page = try ScannedPage(raw, preset: preset)
        _ = try store.storeDocument(page.image, mediaType: page.kind.mediaType)
        samples.append(now() - t)
    }
    let stored = percentiles(samples)
    out.append(Figure(name: "end of scan to page stored and previewed, grey 150 dpi, p50", value: stored.p50 / 1e6, unit: "ms", target: nil))
    out.append(Figure(name: "end of scan to page stored and previewed, grey 150 dpi, max of 10", value: Double(samples.max()!) / 1e6, unit: "ms", target: 1000))
    samples = []
    for n in 0..<5 {
        let raw = textLikePage(dpi: 300, seed: UInt64(n + 10))
        let t = now()
        let page = try ScannedPage(raw, preset: .grey300)
        _ = try store.storeDocument(page.image, mediaType: page.kind.mediaType)
        samples.append(now() - t)
    }
    out.append(Figure(name: "end of scan to page stored and previewed, grey 300 dpi A4, max of 5", value: Double(samples.max()!) / 1e6, unit: "ms", target: nil))

    // 20 pages scanned (one raw page at a time), stored and previewed, made
    // into one PDF, opened again. The peak is reset first (clear_refs 5).
    let desk = DocumentDesk(store: store, settings: DocumentSettings(scanner: settings))
    FileManager.default.createFile(atPath: "/proc/self/clear_refs", contents: Data("5".utf8))
    let before = residentMemory()
    var pages: [DocumentPage] = []
    for n in 0..<20 {
        let raw = variant(try scanning(scanner, n % 4 == 3 ? .grey300 : preset), 1000 + n)
        let scanned = try ScannedPage(raw, preset: n % 4 == 3 ? .grey300 : preset)
        guard case .pageScanned(let page) = desk.keep(.success(scanned)) else { throw NSError(domain: "bench", code: 1) }
        pages.append(page)
    }
    guard case .documentMade(let made) = desk.make(pages) else { throw NSError(domain: "bench", code: 2) }
    guard case .documentOpened(let opened) = desk.open(made.sha256), opened.pages.count == 20 else { throw NSError(domain: "bench", code: 3) }
    let after = residentMemory()
    out.append(Figure(name: "20-page document (scan, store, preview, PDF, open): PDF size", value: Double(made.bytes) / 1e6, unit: "MB", target: nil))
    out.append(Figure(name: "20-page document: resident memory before", value: before.now, unit: "MB", target: nil))
    out.append(Figure(name: "20-page document: peak resident memory (VmHWM)", value: after.peak, unit: "MB", target: 100))
    out.append(Figure(name: "20-page document: resident memory after (VmRSS)", value: after.now, unit: "MB", target: nil))
    return out
}

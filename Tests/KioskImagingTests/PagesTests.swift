import Foundation
import KioskCore
import KioskImaging
import KioskTestSupport
import XCTest

final class PagesTests: XCTestCase {
    func testPNMHeadersAndRefusals() throws {
        let grey = Array("P5\n# a comment\n3 2\n255\n".utf8) + [0, 50, 100, 150, 200, 250]
        let image = try PNMImage(grey)
        XCTAssertEqual([image.width, image.height, image.channels], [3, 2, 1])
        XCTAssertEqual(image.bytes[image.pixelOffset], 0)
        XCTAssertThrowsError(try PNMImage(Array("P5\n3 2\n65535\n".utf8) + [UInt8](repeating: 0, count: 12))) {
            XCTAssertEqual($0 as? PNMError, .sixteenBit)
        }
        XCTAssertThrowsError(try PNMImage(Array("P4\n8 1\n".utf8) + [0])) { XCTAssertEqual($0 as? PNMError, .lineArt) }
        XCTAssertThrowsError(try PNMImage(Array("P6\n3 2\n255\n".utf8) + [1, 2, 3])) { XCTAssertEqual($0 as? PNMError, .truncated) }
        XCTAssertThrowsError(try PNMImage(Array("GIF89a".utf8))) { XCTAssertEqual($0 as? PNMError, .notPNM) }
        XCTAssertTrue(PNMError.sixteenBit.message.en.contains("8-bit"))
    }

    func testPreviewBoxFilterAverages() {
        // 4x2 pixels, black and white columns: fitted into 2x1, each preview
        // pixel the average of the four it covers.
        let pixels: [UInt8] = [0, 255, 0, 255, 0, 255, 0, 255]
        let preview = pixels.withUnsafeBytes { Preview.fit($0, width: 4, height: 2, channels: 1, stride: 4, maxWidth: 2, maxHeight: 2) }
        XCTAssertEqual(preview.width, 2)
        XCTAssertEqual(preview.height, 1)
        XCTAssertEqual(preview.pixels, [127, 127])
    }

    func testJPEGAndPNGPreviews() throws {
        let jpeg = try strokesJPEG(width: 1200, height: 1700)
        let preview = try JPEG.preview(jpeg)
        XCTAssertLessThanOrEqual(preview.width, 240)
        XCTAssertEqual(preview.height, 320)
        XCTAssertThrowsError(try JPEG.preview(Array(jpeg.prefix(100)))) {
            guard case .decode = $0 as? ImageError else { return XCTFail("\($0)") }
        }
        let dir = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let png = try samplePNG(in: dir)
        XCTAssertEqual(DocumentKind.sniff(png.prefix(8)), .png)
        let pngPreview = try PNG.preview(png)
        XCTAssertLessThanOrEqual(pngPreview.height, 320)
        XCTAssertGreaterThan(pngPreview.width, 0)
    }

    /// Three pages, the second turned a quarter clockwise: pdfinfo sees
    /// three pages and the turn as the page's rotation.
    func testPDFOfThreePagesOneTurned() throws {
        let dir = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let jpeg = try strokesJPEG()
        let png = try samplePNG(in: dir)
        let pages = [PDFMaker.Page(bytes: jpeg, kind: .jpeg, rotation: 0), PDFMaker.Page(bytes: jpeg, kind: .jpeg, rotation: 1),
                     PDFMaker.Page(bytes: png, kind: .png, rotation: 0)]
        let pdf = try PDFMaker.make(pageCount: 3) { pages[$0] }
        XCTAssertEqual(DocumentKind.sniff(pdf.prefix(8)), .pdf)
        // The JPEG is embedded as it is (no re-encoding).
        XCTAssertNotNil(pdf.firstRange(of: jpeg.prefix(400)))
        let path = dir + "/made.pdf"
        FileManager.default.createFile(atPath: path, contents: Data(pdf))
        let info = try runTool("pdfinfo", ["-f", "1", "-l", "3", path])
        XCTAssertEqual(info.status, 0)
        XCTAssertTrue(info.output.contains("Pages:           3"), info.output)
        XCTAssertTrue(info.output.contains("Page    1 rot:   0\n"), info.output)
        XCTAssertTrue(info.output.contains("Page    2 rot:   90\n"), info.output)
        XCTAssertTrue(info.output.contains("Page    3 rot:   0\n"), info.output)
        // 400 x 566 pixels at 50 dpi: 576 x 815 points.
        XCTAssertTrue(info.output.contains("Page    1 size:  576 x 815.04 pts"), info.output)
        // A PNG page has no dpi: fitted to A4.
        XCTAssertTrue(info.output.contains("Page    3 size:  593.403 x 841.89 pts (A4)"), info.output)
        XCTAssertEqual(try PDFCheck.pageCount(pdf), 3)
        XCTAssertEqual(try PDFCheck.previews(pdf, pages: 3).count, 3)
        XCTAssertThrowsError(try PDFMaker.make(pageCount: 0) { _ in pages[0] })
        // Made again of the same pages: the same bytes (the same SHA-256).
        XCTAssertEqual(try PDFMaker.make(pageCount: 3) { pages[$0] }, pdf)
    }

    /// A grey page is kept as 16 grey levels: paper grain white, ink black,
    /// the edges between in levels; smaller than its JPEG on a page of
    /// strokes; in the PDF at its true size (from the PNG's density) as a
    /// 4-bit grey image.
    func testAGreyPageIsKeptAsSixteenGreyLevels() throws {
        let width = 1240, height = 1754
        var header = Array("P5\n\(width) \(height)\n255\n".utf8)
        var pixels = [UInt8](repeating: 236, count: width * height)  // paper, a little grey
        for y in stride(from: 40, to: height - 40, by: 18) {
            for x in 40..<(width - 40) where (x / 9) % 4 != 0 {
                pixels[y * width + x] = 12          // ink
                pixels[(y + 1) * width + x] = 120   // an edge
            }
        }
        header += pixels
        let raw = try PNMImage(header)
        let page = try ScannedPage(raw, preset: .grey150)
        XCTAssertEqual(page.kind, .png)
        let jpeg = try JPEG.encode(raw, quality: 70, dpi: 150)
        XCTAssertLessThan(page.image.count, jpeg.count / 2, "PNG \(page.image.count) bytes, JPEG \(jpeg.count)")

        let decoded = try PNG.preview(page.image)
        XCTAssertEqual(decoded.pixels.max(), 255, "the paper's grain became white")

        let dir = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/grey.pdf"
        let pdf = try PDFMaker.make(pageCount: 1) { _ in PDFMaker.Page(bytes: page.image, kind: .png, rotation: 0) }
        XCTAssertLessThan(pdf.count, page.image.count * 2, "the page compressed in the PDF too")
        FileManager.default.createFile(atPath: path, contents: Data(pdf))
        let info = try runTool("pdfinfo", [path])
        XCTAssertTrue(info.output.contains("Page size:       595.2 x 841.92 pts (A4)"), info.output)
        let images = try runTool("pdfimages", ["-list", path])
        // page num type width height color comp bpc ...
        let row = try XCTUnwrap(images.output.split(separator: "\n").dropFirst(2).first).split(separator: " ")
        XCTAssertEqual(Array(row[3...7]), ["1240", "1754", "gray", "1", "4"], images.output)
    }

    /// A phone photo's EXIF (here with a place), a comment and XMP are left
    /// out of a JPEG attached; JFIF, the picture itself and what decodes it
    /// stay, so it previews the same.
    func testAnAttachedJPEGLosesItsMetadataNotItsPicture() throws {
        let jpeg = try strokesJPEG()
        func segment(_ marker: UInt8, _ text: String) -> [UInt8] {
            let body = Array(text.utf8)
            return [0xFF, marker, UInt8((body.count + 2) >> 8), UInt8((body.count + 2) & 0xFF)] + body
        }
        let exif = segment(0xE1, "Exif\0\0GPS 11.9404N 108.4583E Samsung")
        let xmp = segment(0xE1, "http://ns.adobe.com/xap/1.0/\0<x:xmpmeta/>")
        let comment = segment(0xFE, "chup tai nha")
        let withMetadata = Array(jpeg[0..<2]) + exif + xmp + comment + Array(jpeg[2...])
        let cleaned = JPEG.withoutMetadata(withMetadata)
        XCTAssertEqual(cleaned, jpeg, "exactly the picture as encoded")
        XCTAssertNil(cleaned.firstRange(of: Array("GPS".utf8)))
        XCTAssertEqual(try JPEG.preview(cleaned), try JPEG.preview(withMetadata))
        // Not a JPEG's structure: left as it was (the content check refuses it elsewhere).
        XCTAssertEqual(JPEG.withoutMetadata([0xFF, 0xD8, 0x00, 0x01, 0x02]), [0xFF, 0xD8, 0x00, 0x01, 0x02])
    }
}

import CHaru
import KioskCore

/// One PDF made of page pictures with libharu. A JPEG page is embedded as
/// it is (DCT, never re-encoded); a PNG page is embedded losslessly. A
/// page the helper turned gets the PDF's /Rotate, not a turned picture.
public enum PDFMaker {
    /// A page to put in: its picture's bytes, kind and clockwise quarter turns.
    public struct Page: Sendable {
        public var bytes: [UInt8]
        public var kind: DocumentKind
        public var rotation: Int

        public init(bytes: [UInt8], kind: DocumentKind, rotation: Int) {
            self.bytes = bytes
            self.kind = kind
            self.rotation = rotation
        }
    }

    /// A4 in points (1/72 inch).
    static let a4 = (width: 595.276, height: 841.89)

    /// The PDF's bytes. `page(i)` gives page i (0-based) when it is put in,
    /// so that only the PDF being made and one picture are loaded at a time.
    public static func make(pageCount: Int, page: (Int) throws -> Page) throws -> [UInt8] {
        guard pageCount > 0 else { throw PDFError.noPages }
        guard let pdf = HPDF_New(nil, nil) else { throw PDFError.library(0) }
        defer { HPDF_Free(pdf) }
        func check(_ status: HPDF_STATUS) throws {
            if status != HPDF_OK { throw PDFError.library(UInt(HPDF_GetError(pdf))) }
        }
        try check(HPDF_SetInfoAttr(pdf, HPDF_INFO_CREATOR, "Mot Cua kiosk"))
        // libharu decodes a PNG to raw pixels: without Flate on images a grey
        // page of 16 levels would go in at 1 MB instead of about 100 KB.
        try check(HPDF_SetCompressionMode(pdf, HPDF_UINT(HPDF_COMP_ALL)))
        for i in 0..<pageCount {
            let p = try page(i)
            let image: HPDF_Image? = p.bytes.withUnsafeBufferPointer { buffer in
                switch p.kind {
                case .jpeg: HPDF_LoadJpegImageFromMem(pdf, buffer.baseAddress, HPDF_UINT(buffer.count))
                case .png: HPDF_LoadPngImageFromMem(pdf, buffer.baseAddress, HPDF_UINT(buffer.count))
                case .pdf: nil
                }
            }
            guard let image else { throw PDFError.badPage(i + 1) }
            let pixels = (width: Double(HPDF_Image_GetWidth(image)), height: Double(HPDF_Image_GetHeight(image)))
            let size = pageSize(pixels: pixels, dpi: p.kind == .jpeg ? (try? JPEG.info(p.bytes))?.dpi : PNG.dpi(p.bytes))
            guard let pdfPage = HPDF_AddPage(pdf) else { throw PDFError.library(UInt(HPDF_GetError(pdf))) }
            try check(HPDF_Page_SetWidth(pdfPage, HPDF_REAL(size.width)))
            try check(HPDF_Page_SetHeight(pdfPage, HPDF_REAL(size.height)))
            try check(HPDF_Page_DrawImage(pdfPage, image, 0, 0, HPDF_REAL(size.width), HPDF_REAL(size.height)))
            let turns = ((p.rotation % 4) + 4) % 4
            if turns != 0 { try check(HPDF_Page_SetRotate(pdfPage, HPDF_UINT16(turns * 90))) }
        }
        try check(HPDF_SaveToStream(pdf))
        let size = Int(HPDF_GetStreamSize(pdf))
        var out = [UInt8](repeating: 0, count: size)
        var read = HPDF_UINT32(size)
        let status = out.withUnsafeMutableBufferPointer { HPDF_ReadFromStream(pdf, $0.baseAddress, &read) }
        // The whole stream read in one go ends with "end of stream".
        guard status == HPDF_OK || status == HPDF_STREAM_EOF, Int(read) == size else { throw PDFError.library(UInt(status)) }
        return out
    }

    /// The page's size in points: the picture at its dpi when it says one
    /// (a scanned page: its true size), else fitted to A4 (portrait, or
    /// landscape for a wide picture).
    static func pageSize(pixels: (width: Double, height: Double), dpi: Double?) -> (width: Double, height: Double) {
        if let dpi, dpi >= 50, dpi <= 2400 {
            return (pixels.width * 72 / dpi, pixels.height * 72 / dpi)
        }
        let box = pixels.width > pixels.height ? (a4.height, a4.width) : (a4.width, a4.height)
        let scale = min(box.0 / pixels.width, box.1 / pixels.height)
        return (pixels.width * scale, pixels.height * scale)
    }
}

public enum PDFError: Error, Equatable {
    case noPages
    /// Page n's picture could not be put in.
    case badPage(Int)
    /// libharu's error code.
    case library(UInt)

    public var message: LocalizedText {
        switch self {
        case .noPages:
            LocalizedText(vi: "Chưa có trang nào để tạo giấy tờ.", en: "There are no pages to make the document from.")
        case .badPage(let n):
            LocalizedText(vi: "Trang \(n) không đưa được vào tệp PDF. Hãy xóa và quét lại trang đó.",
                          en: "Page \(n) could not be put into the PDF. Delete it and scan it again.")
        case .library(let code):
            LocalizedText(vi: "Không tạo được tệp PDF (lỗi libharu 0x\(String(code, radix: 16))).",
                          en: "The PDF could not be made (libharu error 0x\(String(code, radix: 16))).")
        }
    }
}

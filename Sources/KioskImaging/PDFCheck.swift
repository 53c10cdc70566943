import CLinux
import Glibc
import KioskCore

/// PDFs from elsewhere (a stick), checked and previewed with poppler's
/// tools (Debian poppler-utils) in child processes with a time limit: a
/// damaged or hostile PDF can only take a child down. The PDF is handed to
/// them in memory (a memfd read as /dev/fd/3), never written plain to disk.
public enum PDFCheck {
    static let pdfinfo = "pdfinfo"
    static let pdftoppm = "pdftoppm"
    /// Previews made for at most this many pages (the rest are not shown).
    public static let maxPreviewPages = 40

    /// How many pages the PDF has; throws when poppler cannot open it.
    public static func pageCount(_ pdf: [UInt8], timeLimit: Double = 15) throws(AttachFailure) -> Int {
        guard let tool = executablePath(pdfinfo) else { throw .toolMissing("poppler-utils") }
        let fd = try memoryFile(pdf)
        defer { close(fd) }
        guard let out = ChildOutput.run(tool, ["/dev/fd/3"], input: fd, timeLimit: timeLimit) else { throw .toolMissing("poppler-utils") }
        if out.timedOut { throw .notRealPDF }
        guard out.status == 0 else {
            if out.stderrText.contains("Incorrect password") { throw .passwordProtected }
            throw .notRealPDF
        }
        for line in String(decoding: out.stdout, as: UTF8.self).split(separator: "\n") where line.hasPrefix("Pages:") {
            if let n = Int(line.dropFirst(6).trimmingCharacters(in: .whitespaces)), n > 0 { return n }
        }
        throw .notRealPDF
    }

    /// Grey previews of the first pages (each fitted to the preview box).
    public static func previews(_ pdf: [UInt8], pages: Int, timeLimit: Double = 30) throws(AttachFailure) -> [PreviewImage] {
        guard let tool = executablePath(pdftoppm) else { throw .toolMissing("poppler-utils") }
        let fd = try memoryFile(pdf)
        defer { close(fd) }
        let last = min(pages, maxPreviewPages)
        guard let out = ChildOutput.run(tool, ["-gray", "-scale-to", String(Preview.maxHeight), "-f", "1", "-l", String(last), "/dev/fd/3"],
                                        input: fd, timeLimit: timeLimit) else { throw .toolMissing("poppler-utils") }
        guard !out.timedOut, out.status == 0 else { throw .notRealPDF }
        // pdftoppm without an output name writes the pages one after another.
        var previews: [PreviewImage] = []
        var rest = out.stdout[...]
        while !rest.isEmpty, previews.count < last {
            guard let page = try? PNMImage(Array(rest)) else { break }
            previews.append(Preview.of(page))
            rest = rest.dropFirst(page.pixelOffset + page.width * page.height * page.channels)
        }
        guard !previews.isEmpty else { throw .notRealPDF }
        return previews
    }

    private static func memoryFile(_ bytes: [UInt8]) throws(AttachFailure) -> Int32 {
        let fd = kiosk_memory_file("kiosk-document")
        guard fd >= 0 else { throw .unreadable(String(cString: strerror(errno))) }
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + written, $0.count - written) }
            if n <= 0 {
                close(fd)
                throw .unreadable(String(cString: strerror(errno)))
            }
            written += n
        }
        lseek(fd, 0, SEEK_SET)
        return fd
    }
}

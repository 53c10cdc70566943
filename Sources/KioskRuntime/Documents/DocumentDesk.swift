import Foundation
import KioskCore
import KioskImaging
import KioskStore
import KioskUI

/// The station side of the documents step: scans pages, takes files from
/// the picker, makes one PDF of pages and opens a document again, against
/// the store (every page and document kept sealed, content-addressed).
///
/// Work that may be slow and needs no store (a scan, reading a stick,
/// poppler) is done by `scan` and `check`, on any thread; what touches the
/// store (`keep`, `make`, `open`, `list`) runs on the main thread.
public final class DocumentDesk: @unchecked Sendable {
    let store: KioskStore
    public let settings: DocumentSettings
    public let scanner: DocumentScanner
    let picker: FolderPicker

    public init(store: KioskStore, settings: DocumentSettings) {
        self.store = store
        self.settings = settings
        self.scanner = DocumentScanner(settings: settings.scanner)
        self.picker = FolderPicker(roots: settings.folders, maxBytes: settings.maxFileBytes)
    }

    // MARK: Off the main thread

    /// Scans a page and makes its JPEG and preview; the raw page is let go
    /// before this returns.
    public func scan(_ preset: ScanPreset, progress: (Double) -> Void) -> Result<ScannedPage, ScanFailure> {
        let raw: PNMImage
        do throws(ScanFailure) { raw = try scanner.scan(preset, progress: progress) } catch { return .failure(error) }
        do throws(ImageError) { return .success(try ScannedPage(raw, preset: preset)) } catch { return .failure(.badImage(error.message)) }
    }

    /// Reads a file chosen in the picker and checks it by its content.
    public func check(path: String) -> Result<CheckedFile, AttachFailure> {
        do throws(AttachFailure) { return .success(try CheckedFile(try picker.take(path))) } catch { return .failure(error) }
    }

    // MARK: On the main thread

    public func list(_ path: String?) -> EffectResult {
        do throws(AttachFailure) { return .folderListed(try picker.list(path)) } catch { return .folderFailed(error.message) }
    }

    /// A scanned page stored sealed: the page, or why not (a full disk).
    public func keep(_ scanned: Result<ScannedPage, ScanFailure>) -> EffectResult {
        switch scanned {
        case .failure(let failure):
            return .scanFailed(failure.message)
        case .success(let page):
            do {
                let sha = try store.storeDocument(page.image, mediaType: page.kind.mediaType)
                return .pageScanned(DocumentPage(sha256: sha, preview: page.preview, bytes: page.image.count))
            } catch {
                return .scanFailed(Self.notStored(error))
            }
        }
    }

    /// A checked file stored sealed: a PDF as a whole document, a picture
    /// as one page to add.
    public func keep(_ checked: Result<CheckedFile, AttachFailure>) -> EffectResult {
        switch checked {
        case .failure(let failure):
            return .attachFailed(failure.message)
        case .success(let file):
            do {
                let sha = try store.storeDocument(file.bytes, mediaType: file.kind.mediaType)
                if file.kind == .pdf {
                    let pages = file.previews.map { DocumentPage(sha256: "", preview: $0, bytes: 0) }
                    return .fileAttached(MadeDocument(sha256: sha, kind: .pdf, bytes: file.bytes.count, pages: pages, editable: false))
                }
                let page = DocumentPage(sha256: sha, preview: file.previews[0], bytes: file.bytes.count)
                return .fileAttached(MadeDocument(sha256: sha, kind: file.kind, bytes: file.bytes.count, pages: [page], editable: true))
            } catch {
                return .attachFailed(Self.notStored(error))
            }
        }
    }

    /// One PDF of the pages, each turned as given, stored sealed, with the
    /// record of its pages.
    public func make(_ pages: [DocumentPage]) -> EffectResult {
        switch readPages(pages) {
        case .failure(let failed): return failed.result
        case .success(let pictures): return store(Self.makePDF(pictures), of: pages)
        }
    }

    /// A failure on the way to a PDF, as the UI gets it.
    public struct MakeFailure: Error, Sendable {
        public var result: EffectResult
    }

    /// The pages' pictures, read from the store (main thread): the part of
    /// making a PDF that touches the store.
    public func readPages(_ pages: [DocumentPage]) -> Result<[PDFMaker.Page], MakeFailure> {
        guard !pages.isEmpty else { return .failure(MakeFailure(result: .documentFailed(PDFError.noPages.message))) }
        var out: [PDFMaker.Page] = []
        for (i, page) in pages.enumerated() {
            do {
                let bytes = try store.documentBytes(sha256: page.sha256)
                guard let kind = DocumentKind.sniff(bytes.prefix(8)), kind != .pdf else {
                    return .failure(MakeFailure(result: .documentFailed(PDFError.badPage(i + 1).message)))
                }
                out.append(PDFMaker.Page(bytes: bytes, kind: kind, rotation: page.rotation))
            } catch {
                return .failure(MakeFailure(result: .documentFailed(Self.missing(error))))
            }
        }
        return .success(out)
    }

    /// The PDF of pictures read (any thread: libharu, no store).
    public static func makePDF(_ pictures: [PDFMaker.Page]) -> Result<[UInt8], MakeFailure> {
        do {
            return .success(try PDFMaker.make(pageCount: pictures.count) { pictures[$0] })
        } catch let e as PDFError {
            return .failure(MakeFailure(result: .documentFailed(e.message)))
        } catch {
            return .failure(MakeFailure(result: .documentFailed(PDFError.library(0).message)))
        }
    }

    /// A PDF made, stored sealed with the record of its pages (main thread).
    public func store(_ made: Result<[UInt8], MakeFailure>, of pages: [DocumentPage]) -> EffectResult {
        let pdf: [UInt8]
        switch made {
        case .failure(let failed): return failed.result
        case .success(let bytes): pdf = bytes
        }
        do {
            let sha = try store.storeDocument(pdf, mediaType: DocumentKind.pdf.mediaType)
            try store.recordDocumentPages(document: sha, pages: pages.map { StoredPage(sha256: $0.sha256, rotation: $0.rotation) })
            return .documentMade(MadeDocument(sha256: sha, kind: .pdf, bytes: pdf.count, pages: pages, editable: true))
        } catch {
            return .documentFailed(Self.notStored(error))
        }
    }

    /// A document given earlier: the pages it was made of (previews made
    /// again from the stored pictures), or, for a file attached whole, the
    /// previews of its pages.
    public func open(_ sha256: String) -> EffectResult {
        switch beginOpening(sha256) {
        case .done(let result): return result
        case .needsPreviews(let file): return finishOpening(file, previews: Self.previews(file))
        }
    }

    /// A stored file whose previews are still to be made (poppler for a
    /// PDF: on another thread in the terminal).
    public struct FileToPreview: Sendable {
        public var sha256: String
        public var kind: DocumentKind
        public var bytes: [UInt8]
    }

    public enum Opening: Sendable {
        case done(EffectResult)
        case needsPreviews(FileToPreview)
    }

    /// The first part of `open`, on the main thread: a document made here
    /// is opened at once from its pages; a file attached whole is read and
    /// waits for its previews.
    public func beginOpening(_ sha256: String) -> Opening {
        do {
            let stored = try store.documentPages(document: sha256)
            if !stored.isEmpty {
                var pages: [DocumentPage] = []
                for page in stored {
                    let bytes = try store.documentBytes(sha256: page.sha256)
                    guard let kind = DocumentKind.sniff(bytes.prefix(8)) else { return .done(.documentFailed(Self.damaged)) }
                    let preview = try CheckedFile.previews(kind: kind, bytes: bytes)[0]
                    pages.append(DocumentPage(sha256: page.sha256, rotation: page.rotation, preview: preview, bytes: bytes.count))
                }
                let size = (try? store.documentBytes(sha256: sha256).count) ?? 0
                return .done(.documentOpened(MadeDocument(sha256: sha256, kind: .pdf, bytes: size, pages: pages, editable: true)))
            }
            let bytes = try store.documentBytes(sha256: sha256)
            guard let kind = DocumentKind.sniff(bytes.prefix(8)) else { return .done(.documentFailed(Self.damaged)) }
            return .needsPreviews(FileToPreview(sha256: sha256, kind: kind, bytes: bytes))
        } catch let e as AttachFailure {
            return .done(.documentFailed(e.message))
        } catch let e as StoreError {
            return .done(.documentFailed(Self.missing(e)))
        } catch {
            return .done(.documentFailed(Self.damaged))
        }
    }

    /// The previews of a file attached whole (any thread).
    public static func previews(_ file: FileToPreview) -> Result<[PreviewImage], AttachFailure> {
        do throws(AttachFailure) { return .success(try CheckedFile.previews(kind: file.kind, bytes: file.bytes)) } catch { return .failure(error) }
    }

    /// The second part of `open`: a PDF attached whole is shown, not
    /// edited; a picture attached whole is one page.
    public func finishOpening(_ file: FileToPreview, previews: Result<[PreviewImage], AttachFailure>) -> EffectResult {
        switch previews {
        case .failure(let failure):
            return .documentFailed(failure.message)
        case .success(let previews):
            if file.kind == .pdf {
                let pages = previews.map { DocumentPage(sha256: "", preview: $0, bytes: 0) }
                return .documentOpened(MadeDocument(sha256: file.sha256, kind: .pdf, bytes: file.bytes.count, pages: pages, editable: false))
            }
            let page = DocumentPage(sha256: file.sha256, preview: previews[0], bytes: file.bytes.count)
            return .documentOpened(MadeDocument(sha256: file.sha256, kind: file.kind, bytes: file.bytes.count, pages: [page], editable: true))
        }
    }

    // MARK: Messages

    static let damaged = LocalizedText(vi: "Giấy tờ lưu ở trạm bị hỏng, không mở được. Hãy quét hoặc đính kèm lại.",
                                       en: "The document kept at the station is damaged and does not open. Scan or attach it again.")

    /// A stored document that cannot be read back.
    static func missing(_ error: StoreError) -> LocalizedText {
        if case .vault = error { return error.userMessage }
        if case .file(_, let reason) = error, reason == "missing" {
            return LocalizedText(vi: "Giấy tờ này không còn ở trạm (đã xóa theo thời hạn lưu). Hãy quét hoặc đính kèm lại.",
                                 en: "This document is no longer kept at the station (erased after its retention time). Scan or attach it again.")
        }
        return damaged
    }

    /// Why something could not be stored: a full disk said as such.
    static func notStored(_ error: any Error) -> LocalizedText {
        let said = "\(error)"
        if said.contains("No space left") || said.contains("disk is full") || said.contains("database or disk is full") {
            return LocalizedText(vi: "Ổ đĩa của trạm đã đầy nên chưa lưu được trang này (các trang trước vẫn còn). Hãy báo cán bộ phụ trách trạm giải phóng chỗ trống rồi làm lại.",
                                 en: "The station's disk is full, so this page was not saved (earlier pages are kept). Ask the station's operator to free some space, then try again.")
        }
        if let e = error as? StoreError { return e.userMessage }
        return LocalizedText(vi: "Không lưu được giấy tờ: \(said)", en: "The document could not be saved: \(said)")
    }
}

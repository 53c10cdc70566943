import KioskCore

/// A scanned page ready to store: a grey page as 16 grey levels in a PNG,
/// a colour one as a JPEG at the preset's quality; and its preview. The raw
/// page it came from can be let go once this exists.
public struct ScannedPage: Sendable {
    public var image: [UInt8]
    public var kind: DocumentKind
    public var preview: PreviewImage

    public init(_ raw: PNMImage, preset: ScanPreset) throws(ImageError) {
        if preset.keepsGreyLevels {
            image = try PNG.encodeGreyLevels(raw, dpi: preset.dpi)
            kind = .png
        } else {
            image = try JPEG.encode(raw, quality: preset.jpegQuality, dpi: preset.dpi)
            kind = .jpeg
        }
        preview = Preview.of(raw)
    }
}

/// A file from the picker, checked and previewed: a PDF (every page's
/// preview, up to a limit) or one picture.
public struct CheckedFile: Sendable {
    public var kind: DocumentKind
    public var bytes: [UInt8]
    public var previews: [PreviewImage]

    public init(_ file: TakenFile) throws(AttachFailure) {
        kind = file.kind
        // A photo's EXIF (place, time, device) is not the province's to have.
        bytes = file.kind == .jpeg ? JPEG.withoutMetadata(file.bytes) : file.bytes
        previews = try Self.previews(kind: file.kind, bytes: bytes)
    }

    /// The previews of stored bytes of a kind (a PDF's pages, or the picture).
    public static func previews(kind: DocumentKind, bytes: [UInt8]) throws(AttachFailure) -> [PreviewImage] {
        do {
            switch kind {
            case .pdf: return try PDFCheck.previews(bytes, pages: try PDFCheck.pageCount(bytes))
            case .jpeg: return [try JPEG.preview(bytes)]
            case .png: return [try PNG.preview(bytes)]
            }
        } catch let e as AttachFailure {
            throw e
        } catch let e as ImageError {
            throw .picture(e)
        } catch {
            throw .unreadable("\(error)")
        }
    }
}

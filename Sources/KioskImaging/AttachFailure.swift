import KioskCore

/// Why a folder or a file from the picker cannot be used, in words a
/// helper can act on.
public enum AttachFailure: Error, Equatable, Sendable {
    /// Not under any of the allowed folders (a link leading out, a path typed).
    case outsideRoots
    case notFound
    /// A folder, a device, a pipe: not a plain file.
    case notAFile
    case tooLarge(bytes: Int64, limitMB: Int)
    case empty
    /// Not a PDF, JPEG or PNG by its content, whatever its name.
    case notAccepted
    /// Starts like a PDF but poppler cannot open it.
    case notRealPDF
    case passwordProtected
    /// The stick went away while reading (EIO, ENODEV, ENOENT…).
    case stickRemoved
    case noPermission
    case picture(ImageError)
    case toolMissing(String)
    case unreadable(String)

    public var message: LocalizedText {
        switch self {
        case .outsideRoots:
            LocalizedText(vi: "Chỉ được lấy tệp trong các thư mục trạm cho phép (USB, thư mục giấy tờ).",
                          en: "Files can only be taken from the folders this station allows (USB sticks, the documents folder).")
        case .notFound:
            LocalizedText(vi: "Không còn thấy tệp hoặc thư mục này (USB đã rút ra?). Hãy cắm lại và chọn lại.",
                          en: "This file or folder is no longer there (was the USB stick removed?). Plug it back in and choose again.")
        case .notAFile:
            LocalizedText(vi: "Đây không phải một tệp giấy tờ. Hãy chọn tệp PDF, JPEG hoặc PNG.",
                          en: "This is not a document file. Choose a PDF, JPEG or PNG file.")
        case .tooLarge(let bytes, let limit):
            LocalizedText(vi: "Tệp quá lớn (\(megabytes(bytes, ",")) MB; tối đa \(limit) MB). Hãy quét giấy tờ hoặc chọn tệp nhỏ hơn.",
                          en: "The file is too large (\(megabytes(bytes, ".")) MB; at most \(limit) MB). Scan the paper, or choose a smaller file.")
        case .empty:
            LocalizedText(vi: "Tệp rỗng. Hãy chọn tệp khác.", en: "The file is empty. Choose another file.")
        case .notAccepted:
            LocalizedText(vi: "Tệp này không phải PDF, JPEG hay PNG (xét theo nội dung, không theo tên). Hãy chọn tệp khác hoặc quét giấy tờ.",
                          en: "This file is not a PDF, JPEG or PNG (by its content, not its name). Choose another file, or scan the paper.")
        case .notRealPDF:
            LocalizedText(vi: "Tệp có đuôi PDF nhưng không mở được (hỏng hoặc không phải PDF thật). Hãy chọn tệp khác hoặc quét giấy tờ.",
                          en: "The file looks like a PDF but does not open (damaged, or not a real PDF). Choose another file, or scan the paper.")
        case .passwordProtected:
            LocalizedText(vi: "Tệp PDF có mật khẩu nên không mở được. Hãy dùng bản không có mật khẩu hoặc quét giấy tờ.",
                          en: "The PDF is password-protected, so it cannot be opened. Use a copy without a password, or scan the paper.")
        case .stickRemoved:
            LocalizedText(vi: "Không đọc hết được tệp: USB bị rút ra hoặc hỏng. Hãy cắm lại USB rồi chọn lại tệp.",
                          en: "The file could not be read to the end: the USB stick was removed or is faulty. Plug it back in and choose the file again.")
        case .noPermission:
            LocalizedText(vi: "Trạm không có quyền đọc tệp này. Hãy chép tệp sang USB khác hoặc quét giấy tờ.",
                          en: "The station may not read this file. Copy it to another stick, or scan the paper.")
        case .picture(let error):
            error.message
        case .toolMissing(let package):
            LocalizedText(vi: "Chưa cài gói \(package) để đọc tệp PDF. Hãy báo cán bộ phụ trách trạm.",
                          en: "The package \(package), needed to read PDFs, is not installed. Tell the station's operator.")
        case .unreadable(let reason):
            LocalizedText(vi: "Không đọc được tệp (\(reason)). Hãy chọn tệp khác.",
                          en: "The file cannot be read (\(reason)). Choose another file.")
        }
    }
}

private func megabytes(_ bytes: Int64, _ point: String) -> String {
    let tenths = (bytes / 1024 * 10 + 512) / 1024
    return "\(tenths / 10)\(point)\(tenths % 10)"
}

import KioskCore

extension S {
    static func attachTitle(_ name: String) -> LocalizedText { t("Đính kèm tệp: \(name)", "Attach a file: \(name)") }
    static let attachRoots = t("Chọn nơi lấy tệp (USB, thư mục được phép):", "Choose where the file is (USB stick, allowed folders):")
    static let attachNoRoots = t("Không có USB hay thư mục nào để lấy tệp. Hãy cắm USB, hoặc nhờ cán bộ cho phép một thư mục.",
                                 "No USB stick or folder to take files from. Plug a stick in, or ask the operator to allow a folder.")
    static let attachEmpty = t("Thư mục này không có tệp nào.", "This folder has no files.")
    static let attachLoading = t("Đang đọc thư mục…", "Reading the folder…")
    static let attachTaking = t("Đang kiểm tra tệp…", "Checking the file…")
    static let attachUp = t("◀ Lên trên", "◀ Up")
    static let attachBack = t("Quay lại", "Back")
    static let attachKeys = t("↑ ↓ chọn · Enter: mở thư mục / lấy tệp · ← lên trên · Esc quay lại · nhận PDF, JPEG, PNG",
                              "↑ ↓ choose · Enter: open a folder / take a file · ← up · Esc back · PDF, JPEG, PNG")
    static let attachUse = t("Dùng tệp này", "Use this file")
    static let attachOther = t("Chọn tệp khác", "Choose another file")
    static let attachPDFKeys = t("← → trang · Enter bấm nút · Esc chọn tệp khác", "← → pages · Enter presses · Esc another file")
    static let attachPDFNotAPage = t("Tệp PDF không thêm làm trang được: chọn ảnh JPEG, PNG, hoặc đính kèm PDF từ danh sách giấy tờ.",
                                     "A PDF cannot be added as a page: choose a JPEG or PNG picture, or attach the PDF from the documents list.")
    static func attachImageAdded(page: Int) -> LocalizedText { t("Đã thêm ảnh làm trang \(page).", "Picture added as page \(page).") }
    static let folderMark = t("thư mục", "folder")
    static let helpAttach = t("""
        Đính kèm tệp: chỉ lấy được tệp trong USB và các thư mục cán bộ cho phép. ↑ ↓ chọn, Enter mở thư mục hoặc lấy tệp, ← hoặc Backspace lên thư mục trên, Esc quay lại. Nhận tệp PDF, JPEG, PNG (xét theo nội dung tệp). Tệp PDF được xem từng trang rồi chọn «Dùng tệp này»; ảnh được thêm làm một trang để xoay, xoá.
        """, """
        Attach a file: only files on a USB stick or in the folders the operator allows. ↑ ↓ choose, Enter opens a folder or takes a file, ← or Backspace goes up, Esc goes back. PDF, JPEG and PNG files are taken (by their content). A PDF is shown page by page, then “Use this file”; a picture becomes a page to turn or delete.
        """)
}

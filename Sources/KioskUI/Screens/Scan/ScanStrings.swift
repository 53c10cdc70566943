import KioskCore

extension S {
    static func scanTitle(_ name: String) -> LocalizedText { t("Quét giấy tờ: \(name)", "Scanning: \(name)") }
    static func viewTitle(_ name: String) -> LocalizedText { t("Xem giấy tờ: \(name)", "Viewing: \(name)") }
    static let scanPreset = t("Chế độ quét:", "Scan mode:")
    static let scanPage = t("Quét trang", "Scan a page")
    static let scanRescan = t("Quét lại trang này", "Re-scan this page")
    static let scanRotate = t("Xoay (R)", "Turn (R)")
    static let scanDelete = t("Xoá trang (Del)", "Delete page (Del)")
    static let scanAddImage = t("Thêm ảnh từ tệp", "Add a picture file")
    static let scanDone = t("Xong (X)", "Done (D)")
    static let scanCancel = t("Huỷ", "Cancel")
    static let scanClose = t("Đóng", "Close")
    static func scanPageOf(_ n: Int, _ count: Int) -> LocalizedText { t("Trang \(n)/\(count)", "Page \(n)/\(count)") }
    static let scanNoPages = t("Chưa có trang nào. Đặt giấy lên máy quét, chọn «Quét trang».",
                               "No page yet. Put the paper on the scanner and choose “Scan a page”.")
    static func scanTurnedNote(_ degrees: Int) -> LocalizedText { t("đã xoay \(degrees)°", "turned \(degrees)°") }
    static func scanScanning(page: Int) -> LocalizedText { t("Đang quét trang \(page)…", "Scanning page \(page)…") }
    static func scanRescanning(page: Int) -> LocalizedText { t("Đang quét lại trang \(page)…", "Re-scanning page \(page)…") }
    static let scanProgressHint = t("Esc: huỷ", "Esc: cancel")
    static let scanCancelled = t("Đã huỷ lần quét. Các trang đã quét vẫn còn.", "Scan cancelled. The pages already scanned are kept.")
    static func scanDone(page: Int) -> LocalizedText { t("Đã quét trang \(page). Kiểm tra trang có đúng chiều, rõ chữ.", "Page \(page) scanned. Check it is the right way up and readable.") }
    static func scanReplaced(page: Int) -> LocalizedText { t("Đã quét lại trang \(page).", "Page \(page) scanned again.") }
    static func scanTurned(page: Int, degrees: Int) -> LocalizedText { t("Trang \(page): xoay \(degrees)°.", "Page \(page): turned \(degrees)°.") }
    static func scanDeleted(page: Int) -> LocalizedText { t("Đã xoá trang \(page).", "Page \(page) deleted.") }
    static let scanNoPageYet = t("Chưa có trang nào: hãy quét trước (Q).", "No page yet: scan one first (S).")
    static let scanMaking = t("Đang lưu giấy tờ…", "Saving the document…")
    static let scanLoading = t("Đang mở giấy tờ…", "Opening the document…")
    static let scanKeys = t("← → trang · R xoay · Del xoá trang · Q quét · X xong · Esc huỷ", "← → pages · R turn · Del delete page · S scan · D done · Esc cancel")
    static let viewKeys = t("← → trang · Esc đóng", "← → pages · Esc close")
    static func deletePageTitle(_ page: Int) -> LocalizedText { t("Xoá trang \(page)?", "Delete page \(page)?") }
    static let deletePageBody = t("Trang đã quét sẽ bị bỏ; các trang khác giữ nguyên.", "The scanned page is dropped; the other pages stay.")
    static let deletePageYes = t("Xoá trang", "Delete it")
    static let deletePageNo = t("Không xoá", "Keep it")
    static let discardPagesTitle = t("Bỏ các trang vừa quét?", "Drop the pages just scanned?")
    static let discardPagesBody = t("Các trang chưa được lưu thành giấy tờ (chọn «Xong» để lưu).",
                                    "The pages are not saved as a document yet (choose “Done” to save them).")
    static let discardPagesYes = t("Bỏ các trang", "Drop them")
    static let discardPagesNo = t("Quay lại quét", "Back to scanning")
    static let helpScan = t("""
        Quét: ↑ ↓ chọn chế độ hoặc nút, Enter bấm. Q quét một trang; ← → xem trang trước, sau; R xoay trang; Del xoá trang (hỏi trước); «Quét lại trang này» thay trang đang xem; «Xong» (X) lưu các trang thành một giấy tờ. Đang quét: Esc huỷ, các trang đã quét vẫn giữ.
        """, """
        Scanning: ↑ ↓ choose a mode or a button, Enter presses it. S scans a page; ← → previous, next page; R turns the page; Del deletes it (asked first); “Re-scan this page” replaces the page shown; “Done” (D) saves the pages as one document. While scanning: Esc cancels, the pages already scanned are kept.
        """)
}

import KioskCore

/// Every fixed string the screens show, in Vietnamese and English. Form
/// texts come from the forms themselves.
enum S {
    static func t(_ vi: String, _ en: String) -> LocalizedText { LocalizedText(vi: vi, en: en) }

    // Header, footer, common
    static let appName = t("MỘT CỬA", "ONE-STOP")
    static let online = t("● Trực tuyến", "● Online")
    static let offline = t("○ Ngoại tuyến", "○ Offline")
    static let waiting = t("chờ gửi", "waiting")
    static let needsAttention = t("cần xử lý", "need attention")
    static let uploadsStopped = t("Chưa gửi được hồ sơ lên tỉnh", "Dossiers cannot be sent")
    static let keyHelp = t("F1 Trợ giúp", "F1 Help")
    static let keyIME = t("F2 Gõ tiếng Việt", "F2 Vietnamese input")
    static let keyQuit = t("F10 Thoát", "F10 Quit")
    static let back = t("Quay lại", "Back")
    static let ok = t("Đồng ý", "OK")
    static let cancel = t("Huỷ", "Cancel")
    static let yes = t("Có", "Yes")
    static let no = t("Không", "No")
    static let close = t("Đóng", "Close")
    static let tooSmall = t("Cửa sổ quá nhỏ. Hãy phóng to cửa sổ (ít nhất 80 cột × 24 dòng).",
                            "The window is too small. Please enlarge it (at least 80 columns × 24 lines).")
    static let weekdays = [t("Chủ Nhật", "Sunday"), t("Thứ Hai", "Monday"), t("Thứ Ba", "Tuesday"), t("Thứ Tư", "Wednesday"),
                           t("Thứ Năm", "Thursday"), t("Thứ Sáu", "Friday"), t("Thứ Bảy", "Saturday")]
    static let imeNames: [InputMethodKind: LocalizedText] = [.telex: t("Telex", "Telex"), .vni: t("VNI", "VNI"), .off: t("tắt", "off")]

    static let keepGoing = t("Làm tiếp", "Keep going")

    // Idle, help, quit
    static let idleTitle = t("Bạn còn đó không?", "Are you still there?")
    static let idleBody = t("Để bảo vệ thông tin của bạn, màn hình sẽ tự đóng sau", "To protect your information, the screen closes itself in")
    static let seconds = t("giây", "seconds")
    static let idleTouch = t("Nhấn phím bất kỳ hoặc chạm màn hình để tiếp tục.", "Press any key or touch the screen to continue.")
    static let quitTitle = t("Thoát kiosk?", "Quit the kiosk?")
    static let quitBody = t("Những gì đã nhập đều đã được lưu.", "Everything typed has been saved.")
    static let quit = t("Thoát", "Quit")
    static let helpTitle = t("Trợ giúp", "Help")
    static let helpCommon = t("""
        Tab, ↓ : mục sau; Shift-Tab, ↑ : mục trước; không rời trang.
        Enter : xác nhận và sang mục sau; ở mục cuối trang thì sang trang sau. Trên một nút, Enter bấm nút đó, nhưng Enter không dừng ở nút «Xoá mục này» và không đánh dấu giấy tờ hay lời cam đoan.
        Phím cách : chọn; đánh dấu hoặc bỏ dấu (giấy tờ, lời cam đoan).
        Danh sách dưới ô: ↓ ↑ chọn dòng, Enter lấy; gợi ý chỉ lấy khi đã ↓.
        PgDn, PgUp (hoặc «Tiếp ▶», «◀ Trước») : trang sau, trang trước; trang còn mục chưa đúng thì hỏi trước.
        Esc : tạm dừng hồ sơ (hỏi trước; nút «Làm tiếp» được chọn sẵn).
        Trong hộp thoại: ← → hoặc Tab chọn nút, Enter bấm nút, Esc đóng mà không đổi gì.
        F2 : đổi kiểu gõ tiếng Việt (Telex → VNI → tắt). Mọi nút đều chạm được bằng ngón tay.
        """, """
        Tab, ↓ : next field; Shift-Tab, ↑ : previous field; they never leave the page.
        Enter : confirm and go to the next field; on the page's last field, to the next page. On a button Enter presses it, but Enter never stops on “Remove this item” and never ticks a document or the declaration.
        Space : choose; tick or untick (documents, the declaration).
        A list under a field: ↓ ↑ choose a line, Enter takes it; a suggestion only after ↓.
        PgDn, PgUp (or “Next ▶”, “◀ Back”) : next page, previous page; asked first when the page has something to fix.
        Esc : pause the dossier (asked first; “Keep going” is selected).
        In a dialog: ← → or Tab choose a button, Enter presses it, Esc closes it changing nothing.
        F2 : change Vietnamese typing (Telex → VNI → off). Every button can be pressed with a finger.
        """)
    static let helpTelex = t("Telex: aa=â aw=ă dd=đ ee=ê oo=ô ow=ơ uw=ư; dấu: s sắc, f huyền, r hỏi, x ngã, j nặng, z xoá dấu.",
                             "Telex: aa=â aw=ă dd=đ ee=ê oo=ô ow=ơ uw=ư; tones: s, f, r, x, j; z removes the tone.")
    static let helpVNI = t("VNI: 6=â ê ô, 7=ơ ư, 8=ă, 9=đ; dấu: 1 sắc, 2 huyền, 3 hỏi, 4 ngã, 5 nặng, 0 xoá dấu.",
                           "VNI: 6=â ê ô, 7=ơ ư, 8=ă, 9=đ; tones: 1–5; 0 removes the tone.")
    static let fixNow = t("Sửa ngay", "Fix it now")
    static let leaveAnyway = t("Vẫn sang trang", "Go on anyway")
    static let leavePageTitle = t("Trang này còn mục chưa đúng", "This page still has problems")
    static func leavePageBody(_ n: Int) -> LocalizedText {
        t("Còn \(n) mục cần điền hoặc sửa trên trang này (đánh dấu !). Có thể sửa ngay, hoặc sang trang và sửa trước khi nộp.",
          "\(n) field\(n == 1 ? "" : "s") on this page need\(n == 1 ? "s" : "") filling in or fixing (marked !). Fix them now, or go on and fix them before submitting.")
    }
}

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

    // Welcome
    static let greeting = t("Xin chào! Bạn muốn làm gì hôm nay?", "Hello! What would you like to do today?")
    static let newDossier = t("Làm hồ sơ mới", "Start a new dossier")
    static let continueDraft = t("Tiếp tục hồ sơ đang làm dở", "Continue an unfinished dossier")
    static let continueHint = t("(có mã tiếp tục)", "(with a resume code)")
    static let priorCode = t("Tôi đã có mã hồ sơ cũ — điền sẵn thông tin", "I have an earlier dossier code — fill in what is known")
    static let lookup = t("Tra cứu tình trạng hồ sơ", "Look up a dossier")
    static let otherLanguage = t("English", "Tiếng Việt")

    // Choose the procedure
    static let searchLabel = t("Tìm thủ tục:", "Find a procedure:")
    static let searchHint = t("(gõ không dấu cũng được)", "(accents optional)")
    static let noMatch = t("Không tìm thấy thủ tục nào. Hãy gõ ít chữ hơn.", "No procedure found. Try fewer letters.")
    static let level = t("Mức độ", "Level")
    static let fee = t("Lệ phí", "Fee")
    static let free = t("Miễn phí", "Free")
    static let processing = t("Thời hạn giải quyết", "Processing time")
    static let sameDay = t("trong ngày", "the same day")
    static let workingDays = t("ngày làm việc", "working days")
    static let delivery = t("Nhận kết quả", "Result delivered")
    static let prepare = t("Cần chuẩn bị", "Have at hand")
    static let start = t("Bắt đầu", "Start")
    static let copies = t("bản", "copies")
    static let original = t("bản chính", "original")
    static let optionalDoc = t("nếu có", "if any")

    // PIN
    static let pinTitle = t("Chọn 4 chữ số bí mật", "Choose 4 secret digits")
    static let pinExplain = t("Nếu phải dừng giữa chừng, bạn sẽ cần mã tiếp tục và 4 chữ số này để làm tiếp. Có thể dùng 4 số cuối số định danh của bạn.",
                              "If you have to stop half-way, you will need the resume code and these 4 digits to continue. You may use the last 4 digits of your id number.")
    static let pinLabel = t("4 chữ số", "4 digits")
    static let pinWrong = t("Cần đúng 4 chữ số.", "Exactly 4 digits are needed.")

    // The form
    static let step = t("Bước", "Step")
    static let resumeCode = t("Mã tiếp tục", "Resume code")
    static let saved = t("✓ đã lưu", "✓ saved")
    static let saving = t("… đang lưu", "… saving")
    static let previous = t("◀ Trước", "◀ Back")
    static let next = t("Tiếp ▶", "Next ▶")
    static let pages = t("Trang", "Pages")
    static let addItem = t("+ Thêm", "+ Add")
    static let removeItem = t("− Xoá mục này", "− Remove this item")
    static let item = t("Mục", "Item")
    static let required = t("*", "*")
    static let fixBefore = t("Còn mục chưa đúng trên trang này (đánh dấu !).", "Some fields on this page need fixing (marked !).")
    static let computed = t("(tự tính)", "(computed)")
    static let chooseProvince = t("Tỉnh/thành phố", "Province/city")
    static let chooseCommune = t("Xã/phường", "Commune/ward")
    static let addressDetail = t("Số nhà, đường, thôn", "House, street, village")
    static let typeToFilter = t("gõ để tìm", "type to search")
    static let documentDesk = t("Mang bản giấy đến quầy", "Bring the paper to the desk")
    static let pauseTitle = t("Tạm dừng hồ sơ?", "Pause this dossier?")
    static let pauseBody = t("Hồ sơ đã được lưu. Để làm tiếp, dùng mã tiếp tục", "The dossier is saved. To continue later, use the resume code")
    static let pauseConfirm = t("Tạm dừng", "Pause")
    static let keepGoing = t("Làm tiếp", "Keep going")
    static let saveFailed = t("Không lưu được", "Could not save")

    // Documents, review, receipt
    static let documentsTitle = t("Giấy tờ kèm theo", "Documents")
    static let attached = t("đã đính kèm", "attached")
    static let reused = t("dùng lại từ hồ sơ cũ", "reused from an earlier dossier")
    static let atDesk = t("nộp tại quầy", "to show at the desk")
    static let missing = t("chưa có", "missing")
    static let reviewTitle = t("Xem lại", "Review")
    static let reviewHint = t("Chọn một dòng để sửa.", "Choose a line to change it.")
    static let declaration = t("Tôi cam đoan những thông tin trên là đúng sự thật.", "I declare that the information above is true.")
    static let finalize = t("Nộp hồ sơ", "Submit")
    static let declarationNeeded = t("Hãy đánh dấu lời cam đoan trước khi nộp.", "Tick the declaration before submitting.")
    static let issuesLeft = t("Còn mục cần sửa; chọn để sửa.", "Some fields need fixing; choose one to fix it.")
    static let receiptTitle = t("BIÊN NHẬN HỒ SƠ", "DOSSIER RECEIPT")
    static let procedure = t("Thủ tục", "Procedure")
    static let receiptNumber = t("Số biên nhận tạm", "Receipt number")
    static let dossierCode = t("Mã hồ sơ", "Dossier code")
    static let submittedAt = t("Nộp lúc", "Submitted")
    static let dueDate = t("Hẹn trả", "Due")
    static let bring = t("Mang theo khi nhận", "Bring when collecting")
    static let lookupHint = t("Tra cứu: kiosk bất kỳ, mục 4, nhập mã hồ sơ", "Look up: any kiosk, item 4, enter the dossier code")
    static let pendingUpload = t("Đang chờ gửi lên hệ thống tỉnh", "Waiting to be sent to the provincial system")
    static let print = t("In biên nhận", "Print receipt")
    static let done = t("Xong", "Done")

    // Resume, lookup
    static let resumeTitle = t("Tiếp tục hồ sơ đang làm dở", "Continue an unfinished dossier")
    static let resumeCodeLabel = t("Mã tiếp tục (6 ký tự)", "Resume code (6 characters)")
    static let verificationLabel = t("4 chữ số bí mật", "The 4 secret digits")
    static let continueButton = t("Tiếp tục", "Continue")
    static let lookupTitle = t("Tra cứu hồ sơ", "Look up a dossier")
    static let lookupLabel = t("Mã hồ sơ hoặc số biên nhận", "Dossier code or receipt number")
    static let search = t("Tìm", "Search")
    static let notFound = t("Trạm này không có hồ sơ với mã đó.", "This station has no dossier with that code.")
    static let status = t("Tình trạng", "Status")
    static let priorTitle = t("Điền sẵn từ hồ sơ cũ", "Fill in from an earlier dossier")
    static let priorExplain = t("Nhập mã hồ sơ cũ (in trên biên nhận, dạng 000.00.00.H49-250715-0007). Thông tin đã khai sẽ được điền sẵn để bạn kiểm tra.",
                                "Enter the earlier dossier code (on its receipt, like 000.00.00.H49-250715-0007). What you gave then will be filled in for you to check.")
    static let priorNotYet = t("Trạm này chưa tìm được hồ sơ cũ theo mã. Hãy chọn “Làm hồ sơ mới”.",
                               "This station cannot fill from an earlier dossier yet. Choose “Start a new dossier”.")
    static let statusNames: [String: LocalizedText] = [
        "queued": t("Đã nộp tại trạm, đang chờ gửi lên hệ thống tỉnh", "Submitted here, waiting to be sent to the province"),
        "accepted": t("Đã được tiếp nhận", "Accepted"),
        "needs_attention": t("Cần cán bộ xử lý", "Needs a helper's attention"),
        "purged": t("Đã hết thời hạn lưu dữ liệu tại trạm", "Personal data erased after the retention period"),
    ]

    // A draft of an older form version
    static let migrateTitle = t("Biểu mẫu đã được cập nhật", "The form has been updated")
    static let migrateBody = t("Hồ sơ này được làm theo bản cũ của biểu mẫu. Có thể chuyển các câu trả lời sang bản mới", "This draft was made with an older version of the form. Its answers can move to the new version")
    static let migrateMoved = t("câu trả lời sẽ được chuyển", "answers will move")
    static let migrateNotMoved = t("Không chuyển được", "Cannot move")
    static let migrateYes = t("Chuyển sang bản mới", "Move to the new version")
    static let migrateNo = t("Giữ bản cũ", "Keep the old version")

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
        Tab hoặc ↓ : mục tiếp theo; Shift-Tab hoặc ↑ : mục trước.
        Enter : chọn, xác nhận; Esc : quay lại.
        PgDn, PgUp : trang sau, trang trước.
        F2 : đổi kiểu gõ tiếng Việt (Telex → VNI → tắt).
        F10 : thoát. Mọi nút đều có thể chạm bằng ngón tay.
        """, """
        Tab or ↓ : next field; Shift-Tab or ↑ : previous field.
        Enter : choose, confirm; Esc : back.
        PgDn, PgUp : next page, previous page.
        F2 : change Vietnamese typing (Telex → VNI → off).
        F10 : quit. Every button can be pressed with a finger.
        """)
    static let helpTelex = t("Telex: aa=â aw=ă dd=đ ee=ê oo=ô ow=ơ uw=ư; dấu: s sắc, f huyền, r hỏi, x ngã, j nặng, z xoá dấu.",
                             "Telex: aa=â aw=ă dd=đ ee=ê oo=ô ow=ơ uw=ư; tones: s, f, r, x, j; z removes the tone.")
    static let helpVNI = t("VNI: 6=â ê ô, 7=ơ ư, 8=ă, 9=đ; dấu: 1 sắc, 2 huyền, 3 hỏi, 4 ngã, 5 nặng, 0 xoá dấu.",
                           "VNI: 6=â ê ô, 7=ơ ư, 8=ă, 9=đ; tones: 1–5; 0 removes the tone.")
}

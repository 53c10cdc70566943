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
    static let noProcedureMatch = t("Không tìm thấy thủ tục nào. Hãy gõ ít chữ hơn.", "No procedure found. Try fewer letters.")
    static let noForms = t("Trạm này chưa có biểu mẫu thủ tục nào. Xin gọi cán bộ hỗ trợ.",
                           "This station has no procedure forms yet. Please call a staff member.")
    static let level = t("Mức độ", "Level")
    static let fee = t("Lệ phí", "Fee")
    static let free = t("Miễn phí", "Free")
    static let processing = t("Thời hạn giải quyết", "Processing time")
    static let sameDay = t("trong ngày", "the same day")
    static let workingDays = t("ngày làm việc", "working days")
    static let delivery = t("Nhận kết quả", "Result delivered")
    static let prepare = t("Cần chuẩn bị", "Have at hand")
    static let prepareNothing = t("không cần giấy tờ nào", "no documents needed")
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
    // Why a list of choices is empty: each cause its own sentence.
    static func noChoiceMatch(_ typed: String) -> LocalizedText {
        t("Không có lựa chọn nào khớp với “\(typed)”. Hãy gõ ít chữ hơn.", "Nothing matches “\(typed)”. Try fewer letters.")
    }
    static let chooseProvinceFirst = t("Hãy chọn tỉnh/thành phố trước.", "Choose the province or city first.")
    static func chooseFirst(_ label: LocalizedText) -> LocalizedText {
        t("Hãy chọn “\(label.vi)” trước.", "Choose “\(label.text(.en))” first.")
    }
    static let noCommunesHere = t("Trạm này chưa có danh sách xã, phường của tỉnh/thành phố đã chọn. Xin gọi cán bộ hỗ trợ.",
                                  "This station has no list of the communes of the province chosen. Please call a staff member.")
    static func nothingUnder(_ label: LocalizedText) -> LocalizedText {
        t("Danh sách ở trạm này không có lựa chọn nào cho “\(label.vi)” đã chọn. Xin gọi cán bộ hỗ trợ.",
          "The list at this station has nothing for the “\(label.text(.en))” chosen. Please call a staff member.")
    }
    static let listMissing = t("Trạm này chưa có danh sách để chọn mục này. Xin gọi cán bộ hỗ trợ.",
                               "This station does not have the list for this answer. Please call a staff member.")
    static let documentDesk = t("Mang bản giấy đến quầy", "Bring the paper to the desk")
    static let pauseTitle = t("Tạm dừng hồ sơ?", "Pause this dossier?")
    static let pauseBody = t("Hồ sơ đã được lưu. Để làm tiếp, dùng mã tiếp tục", "The dossier is saved. To continue later, use the resume code")
    static let pauseConfirm = t("Tạm dừng", "Pause")
    static let keepGoing = t("Làm tiếp", "Keep going")
    static let saveFailed = t("Không lưu được", "Could not save")

    // Documents, review, receipt
    static let documentsTitle = t("Giấy tờ kèm theo", "Documents")
    static let noDocuments = t("Thủ tục này không cần nộp kèm giấy tờ nào. Chọn “Tiếp ▶” để xem lại hồ sơ.",
                               "This procedure needs no documents. Choose “Next ▶” to review the dossier.")
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
    static let priorExplain = t("Bạn đã từng làm thủ tục? Nhập mã hồ sơ cũ (in trên biên nhận, dạng 000.00.00.H49-250715-0007) và số định danh cá nhân hoặc số điện thoại đã khai trong hồ sơ đó. Thông tin đã khai sẽ được điền sẵn để bạn kiểm tra.",
                                "Done a procedure before? Enter the earlier dossier code (on its receipt, like 000.00.00.H49-250715-0007) and the personal id number or phone number given in it. What you gave then will be filled in for you to check.")
    static let priorEntry = t("Bạn đã từng làm thủ tục? Nhập mã hồ sơ để điền sẵn", "Done a procedure before? Enter its dossier code to fill in")
    static let priorVerification = t("Số định danh hoặc số điện thoại", "Id number or phone number")
    static let priorNeedBoth = t("Nhập mã hồ sơ và số định danh (hoặc số điện thoại) đã khai trong hồ sơ đó.",
                                 "Enter the dossier code and the id number (or phone number) given in that dossier.")
    static let priorNotFound = t("Không tìm thấy hồ sơ với mã và thông tin xác minh này. Kiểm tra lại mã trên biên nhận và số đã khai.",
                                 "No dossier with this code and verification. Check the code on the receipt and the number given.")
    static let priorNotFoundOffline = t("Trạm này không có hồ sơ với mã và thông tin xác minh này, và hiện chưa kết nối được hệ thống tỉnh. Kiểm tra lại, hoặc thử lại khi có mạng.",
                                        "This station has no dossier with this code and verification, and the provincial system cannot be reached now. Check them, or try again when the network is back.")
    static func priorLocked(minutes: Int) -> LocalizedText {
        t("Đã thử mã này quá nhiều lần. Hãy thử lại sau \(minutes) phút, hoặc nhờ cán bộ giúp.",
          "Too many tries with this code. Try again in \(minutes) minutes, or ask a helper.")
    }
    static let remoteOffline = t("Chưa hỏi được hệ thống tỉnh (không có kết nối); dưới đây là những gì trạm này biết.",
                                 "The provincial system cannot be asked now (no connection); below is what this station knows.")
    static let lookupVerification = t("Số định danh hoặc số điện thoại (để hỏi hệ thống tỉnh)", "Id number or phone (to ask the provincial system)")
    static let atProvince = t("Trên hệ thống tỉnh", "At the provincial system")
    static let atStation = t("Tại trạm này", "At this station")
    static let provinceStatusNames = ProvincialStatus.names
    static let priorTooManyTries = t("Đã thử quá nhiều lần. Hãy nhờ cán bộ giúp.", "Too many tries. Please ask a helper.")
    static let priorSearching = t("Đang tìm…", "Searching…")
    static let priorFoundTitle = t("Đã tìm thấy", "Found")
    static let priorMore = t("Có thể nhập thêm mã hồ sơ khác, hoặc chọn Tiếp tục.", "You may enter another dossier code, or choose Continue.")
    static let priorChooseNext = t("Tiếp theo: chọn thủ tục cần làm.", "Next: choose the procedure.")
    static let offerTitle = t("Điền sẵn từ hồ sơ cũ", "Fill in from earlier dossiers")
    static let offerExplain = t("Mỗi người trong hồ sơ cũ là ai trong hồ sơ này? Dùng ← → để chọn. Thông tin sẽ được điền sẵn để bạn kiểm tra; bạn vẫn sửa được.",
                                "Who is each person of the earlier dossier in this one? Use ← → to choose. Their details will be filled in for you to check; you can still change them.")
    static let offerNotUsed = t("không dùng", "not used")
    static let offerApply = t("Điền sẵn", "Fill in")
    static let offerSkip = t("Bỏ qua", "Skip")
    static let offerWillFill = t("Sẽ điền sẵn", "Will fill in")
    static let offerItems = t("mục", "answers")
    static let offerReuse = t("Dùng lại giấy tờ", "Reuses documents")
    static let offerNobody = t("Hồ sơ cũ không có thông tin dùng được cho thủ tục này.", "The earlier dossier has nothing this procedure can use.")
    static func prefilledCount(_ n: Int, unusable: Int) -> LocalizedText {
        var vi = "Đã điền sẵn \(n) mục từ hồ sơ cũ (dấu ◆): hãy kiểm tra từng mục."
        var en = "\(n) answers filled from earlier dossiers (marked ◆): please check each."
        if unusable > 0 {
            vi += " \(unusable) mục không dùng được, cần nhập lại."
            en += " \(unusable) could not be used and must be entered again."
        }
        return t(vi, en)
    }
    static let prefilledFrom = t("◆ Điền sẵn từ hồ sơ", "◆ Filled from dossier")
    static let prefilledCheck = t("hãy kiểm tra, sửa nếu cần", "check it, change it if needed")
    static let oldAddress = t("◆ Địa chỉ ghi trước 7/2025 (còn huyện): hãy chọn lại tỉnh và xã, phường hiện nay.",
                              "◆ Address written before July 2025 (with a district): choose today's province and commune.")
    static let reviewPrefilled = t("Điền sẵn từ hồ sơ cũ — xin kiểm tra kỹ", "Filled from earlier dossiers — please check")
    static let copyFromApplicant = t("= Giống người đi làm thủ tục", "= Same as the applicant")
    static let copyAddressAbove = t("= Giống địa chỉ ở trên", "= Same as the address above")
    static func copied(_ n: Int) -> LocalizedText { t("Đã chép \(n) mục; hãy kiểm tra.", "Copied \(n) answers; please check them.") }
    static let nothingToCopy = t("Không có gì để chép: các mục đã có câu trả lời.", "Nothing to copy: these answers are already given.")
    static let roleNames: [String: LocalizedText] = [
        "applicant": t("Người đi làm thủ tục", "Applicant"), "child": t("Trẻ", "Child"), "mother": t("Mẹ", "Mother"),
        "father": t("Cha", "Father"), "bride": t("Bên nữ", "Bride"), "groom": t("Bên nam", "Groom"),
        "deceased": t("Người đã mất", "Deceased"), "subject": t("Người được xác nhận", "Person concerned"),
        "spouse": t("Vợ hoặc chồng", "Spouse"), "host": t("Chủ hộ", "Head of household"), "member": t("Thành viên hộ", "Household members"),
    ]
    static func role(_ r: String) -> LocalizedText { roleNames[r] ?? LocalizedText(r) }
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

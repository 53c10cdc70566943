import KioskCore

extension S {
    // The operator's screens
    static let operatorParts = [t("Hôm nay", "Today"), t("Hàng đợi", "Queue"), t("Cần xử lý", "Attention"),
                                t("Hồ sơ dở", "Drafts"), t("Cập nhật biểu mẫu", "Form updates")]
    static let operatorHeader = t("Cán bộ", "Operator")
    static let operatorFooter = t("Esc Người dân · F9 Đăng xuất", "Esc Citizens · F9 Sign out")
    static let loading = t("Đang tải…", "Loading…")
    // Today
    static let statsDay = t("Trong ngày", "Day")
    static let statsMonth = t("Trong tháng", "Month")
    static let statsSwitch = t("← → ngày / tháng", "← → day / month")
    static let statsColumns = [t("Bắt đầu", "Started"), t("Hoàn tất", "Finished"), t("Đã gửi", "Uploaded"), t("Cần xử lý", "Attention")]
    static let statsTotal = t("Cả trạm", "Station")
    static let statsByProcedure = t("Theo thủ tục", "By procedure")
    static let statsByOperator = t("Theo cán bộ", "By operator")
    static let statsNoOperator = t("(không có cán bộ)", "(no operator)")
    static let statsMedian = t("Thời gian trung vị từ lúc bắt đầu đến biên nhận", "Median time from start to receipt")
    static let minutes = t("phút", "minutes")
    static let statsNoMedian = t("chưa có hồ sơ hoàn tất", "no dossier finished yet")
    // Queue
    static let queueEmpty = t("Không có hồ sơ nào chờ gửi.", "No dossier is waiting to be sent.")
    static let queueSendNow = t("G Gửi ngay", "G Send now")
    static let queueNotTried = t("chưa gửi lần nào", "not tried yet")
    static let queueAttempts = t("lần thử", "tries")
    static let queueNext = t("thử lại lúc", "next try at")
    static let queueSent = t("Đã yêu cầu gửi ngay: trạm gửi mọi hồ sơ đang chờ trong vài giây khi có mạng.",
                             "Every waiting dossier is due now; the station sends them within seconds when it is online.")
    // Needs attention
    static let attentionEmpty = t("Không có hồ sơ nào bị hệ thống tỉnh từ chối.", "No dossier was refused by the provincial system.")
    static let attentionKeys = t("S / Enter sửa cùng người dân · R rút hồ sơ (ghi lý do)", "S / Enter correct with the citizen · R withdraw (with a reason)")
    static let attentionAnswer = t("đã gửi", "sent")
    static let withdrawPrompt = t("Lý do rút hồ sơ (Enter xác nhận, Esc huỷ)", "Reason for withdrawing (Enter confirms, Esc cancels)")
    static let withdrawNeedsReason = t("Hãy ghi lý do rút hồ sơ.", "Give the reason for withdrawing the dossier.")
    static let withdrawn = t("Đã rút hồ sơ; hồ sơ sẽ không được gửi lại.", "The dossier was withdrawn; it will not be sent again.")
    // Drafts
    static let draftsEmpty = t("Không có hồ sơ đang làm dở nào tại trạm.", "No unfinished dossier is kept at this station.")
    static let draftsKeys = t("X xoá hồ sơ dở (khi người dân đồng ý)", "X erase a draft (with the citizen's consent)")
    static let draftsAnswered = t("đã trả lời", "answered")
    static let draftsUpdated = t("sửa lúc", "last change")
    static let eraseConsent = t("Người dân có đồng ý xoá hồ sơ đang làm dở này không? Mọi thông tin đã nhập sẽ bị xoá hẳn. C: Có, đồng ý xoá · K: Không",
                                "Does the citizen agree to erase this unfinished dossier? Everything typed in it is erased for good. Y: Yes, erase · N: No")
    static let erased = t("Đã xoá hồ sơ đang làm dở.", "The draft was erased.")
    // Form updates
    static let updatesNone = t("Không có bản cập nhật biểu mẫu nào bị từ chối. Trạm dùng bộ biểu mẫu hiện có.",
                               "No form update was refused. The station uses the forms it has.")
    static let refresh = t("L làm mới", "L refresh")
    static let moreBelow = t("hồ sơ nữa ở dưới (↓)", "more below (↓)")
}

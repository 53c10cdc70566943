import KioskCore

extension S {
    static let receiptMoreBelow = t("▼ còn nữa (↓, PgDn để xem tiếp)", "▼ more below (↓, PgDn to read on)")
    static let receiptMoreAbove = t("▲ phần trên (↑, PgUp)", "▲ above (↑, PgUp)")
    static let receiptTitle = t("BIÊN NHẬN HỒ SƠ", "DOSSIER RECEIPT")
    static let procedure = t("Thủ tục", "Procedure")
    static let receiptNumber = t("Số biên nhận tạm", "Receipt number")
    static let dossierCode = t("Mã hồ sơ", "Dossier code")
    static let submittedAt = t("Nộp lúc", "Submitted")
    static let dueDate = t("Hẹn trả", "Due")
    static let dueDateExpected = t("Hẹn trả (dự kiến)", "Due (expected)")
    static let linkedProcedure = t("Liên thông", "Also handled")
    static let linkedDue = t("hẹn", "due")
    static let documentGiven = t("Giấy tờ gửi kèm", "Document sent")
    static let bring = t("Mang theo khi nhận", "Bring when collecting")
    static let lookedUp = t("Cơ quan tự tra cứu, chỉ mang khi được yêu cầu", "Looked up by the office; bring only if asked")
    static let lookupHint = t("Tra cứu: kiosk bất kỳ, mục 4, nhập mã hồ sơ", "Look up: any kiosk, item 4, enter the dossier code")
    static let lookupHintReceipt = t("Tra cứu: kiosk này, mục 4, nhập số biên nhận tạm",
                                     "Look up: this kiosk, item 4, enter the receipt number")
    static let pendingUpload = t("Đang chờ gửi lên hệ thống tỉnh", "Waiting to be sent to the provincial system")
    static let print = t("In biên nhận", "Print receipt")
    static let printFinal = t("In biên nhận chính thức", "Print the final receipt")
    static let finalReady = t("Đã có mã hồ sơ chính thức: hãy in biên nhận chính thức.",
                              "The official dossier code has come: print the final receipt.")
    static let done = t("Xong", "Done")
    static let anotherProcedure = t("Thủ tục khác, dùng lại giấy tờ vừa quét", "Another procedure, reusing the documents scanned")
}

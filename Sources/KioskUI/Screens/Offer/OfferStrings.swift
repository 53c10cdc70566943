import KioskCore

extension S {
    static let offerTitle = t("Điền sẵn từ hồ sơ cũ", "Fill in from earlier dossiers")
    static let offerExplain = t("Mỗi người trong hồ sơ cũ là ai trong hồ sơ này? Dùng ← → để chọn. Thông tin sẽ được điền sẵn để bạn kiểm tra; bạn vẫn sửa được.",
                                "Who is each person of the earlier dossier in this one? Use ← → to choose. Their details will be filled in for you to check; you can still change them.")
    static let offerNotUsed = t("không dùng", "not used")
    static let offerUndecided = t("chọn ai", "choose who")
    /// Fill in pressed while a person's role is still to choose.
    static func offerChooseEach(_ people: [LocalizedText]) -> LocalizedText {
        t("Chọn vai trò cho từng người bằng ← →; chưa chọn: " + people.map(\.vi).joined(separator: ", ") + ". Chọn “không dùng” nếu người đó không có trong hồ sơ này.",
          "Choose a role for each person with ← →; not chosen yet: " + people.map(\.en).joined(separator: ", ") + ". Choose “not used” if that person is not in this dossier.")
    }
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
    static let roleNames: [String: LocalizedText] = [
        "applicant": t("Người đi làm thủ tục", "Applicant"), "child": t("Trẻ", "Child"), "mother": t("Mẹ", "Mother"),
        "father": t("Cha", "Father"), "bride": t("Bên nữ", "Bride"), "groom": t("Bên nam", "Groom"),
        "deceased": t("Người đã mất", "Deceased"), "subject": t("Người được xác nhận", "Person concerned"),
        "spouse": t("Vợ hoặc chồng", "Spouse"), "host": t("Chủ hộ", "Head of household"), "member": t("Thành viên hộ", "Household members"),
        "business": t("Hộ kinh doanh", "Household business"),
    ]
    static func role(_ r: String) -> LocalizedText { roleNames[r] ?? LocalizedText(r) }
}

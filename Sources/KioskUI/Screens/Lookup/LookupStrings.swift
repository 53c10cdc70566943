import KioskCore

extension S {
    static let lookupTitle = t("Tra cứu hồ sơ", "Look up a dossier")
    static let lookupLabel = t("Mã hồ sơ hoặc số biên nhận", "Dossier code or receipt number")
    static let search = t("Tìm", "Search")
    static let notFound = t("Trạm này không có hồ sơ với mã đó.", "This station has no dossier with that code.")
    static let status = t("Tình trạng", "Status")
    static let remoteOffline = t("Chưa hỏi được hệ thống tỉnh (không có kết nối); dưới đây là những gì trạm này biết.",
                                 "The provincial system cannot be asked now (no connection); below is what this station knows.")
    static let lookupVerification = t("Số định danh hoặc số điện thoại (để hỏi hệ thống tỉnh)", "Id number or phone (to ask the provincial system)")
    static let atProvince = t("Trên hệ thống tỉnh", "At the provincial system")
    static let atStation = t("Tại trạm này", "At this station")
    static let statusNames: [String: LocalizedText] = [
        "queued": t("Đã nộp tại trạm, đang chờ gửi lên hệ thống tỉnh", "Submitted here, waiting to be sent to the province"),
        "accepted": t("Đã được tiếp nhận", "Accepted"),
        "needs_attention": t("Cần cán bộ xử lý", "Needs a helper's attention"),
        "purged": t("Đã hết thời hạn lưu dữ liệu tại trạm", "Personal data erased after the retention period"),
        "withdrawn": t("Đã rút hồ sơ (bị từ chối, không gửi lại)", "Withdrawn (refused, not sent again)"),
        "replaced": t("Đã được thay bằng hồ sơ sửa lại", "Replaced by a corrected dossier"),
    ]
}

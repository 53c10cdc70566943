import KioskCore

extension S {
    // Choose the procedure
    static let searchLabel = t("Tìm thủ tục:", "Find a procedure:")
    static let searchHint = t("(gõ không dấu cũng được)", "(accents optional)")
    static let inSomeCases = t("tùy trường hợp", "in some cases")
    static let noProcedureMatch = t("Không tìm thấy thủ tục nào. Hãy gõ ít chữ hơn.", "No procedure found. Try fewer letters.")
    static let noForms = t("Trạm này chưa có biểu mẫu thủ tục nào. Xin gọi cán bộ hỗ trợ.",
                           "This station has no procedure forms yet. Please call a staff member.")
    static let level = t("Mức độ", "Level")
    static let free = t("Miễn phí", "Free")
    /// A fee the form computes from the answers (per copy, per page…).
    static let feeComputed = t("Phí theo hồ sơ", "Fee varies")
    static let processing = t("Thời hạn giải quyết", "Processing time")
    static let sameDay = t("trong ngày", "the same day")
    static let workingDays = t("ngày làm việc", "working days")
    static let delivery = t("Nhận kết quả", "Result delivered")
    static let prepare = t("Cần chuẩn bị", "Have at hand")
    static let lookedUpToPrepare = t("Không cần mang, cơ quan tự tra cứu", "No need to bring, the office looks them up")
    static let lookedUpExceptSome = t("trừ một số trường hợp", "except in some cases")
    static let linkedWith = t("Làm cùng lúc (liên thông)", "Done in the same sitting")
    static let prepareNothing = t("không cần giấy tờ nào", "no documents needed")
    static let start = t("Bắt đầu", "Start")
    static func copies(_ n: Int) -> LocalizedText { t("\(n) bản", n == 1 ? "1 copy" : "\(n) copies") }
    static let original = t("bản chính", "original")
    static let optionalDoc = t("nếu có", "if any")
    /// Procedures the list has no room for: "▼ 2 thủ tục nữa (↓)".
    static func moreProcedures(above: Int, below: Int) -> LocalizedText {
        let vi = [above > 0 ? "▲ \(above) thủ tục ở trên" : nil, below > 0 ? "▼ \(below) thủ tục nữa ở dưới" : nil].compactMap { $0 }
        let en = [above > 0 ? "▲ \(above) more above" : nil, below > 0 ? "▼ \(below) more below" : nil].compactMap { $0 }
        return t(vi.joined(separator: " · ") + " (dùng ↑ ↓)", en.joined(separator: " · ") + " (use ↑ ↓)")
    }
}

import KioskCore

extension S {
    static let priorTitle = t("Điền sẵn từ hồ sơ cũ", "Fill in from an earlier dossier")
    static let priorExplain = t("Bạn đã từng làm thủ tục? Nhập mã hồ sơ cũ (in trên biên nhận, dạng 000.00.00.H49-250715-0007) và số định danh cá nhân hoặc số điện thoại đã khai trong hồ sơ đó. Thông tin đã khai sẽ được điền sẵn để bạn kiểm tra.",
                                "Done a procedure before? Enter the earlier dossier code (on its receipt, like 000.00.00.H49-250715-0007) and the personal id number or phone number given in it. What you gave then will be filled in for you to check.")
    static let priorEntry = t("Bạn đã từng làm thủ tục? Nhập mã hồ sơ để điền sẵn", "Done a procedure before? Enter its dossier code to fill in")
    /// Under the code while it is typed, when this station's own prefix is filled in.
    static let priorPrefixHint = t("Hồ sơ làm tại đây: chỉ gõ phần sau. Hồ sơ nơi khác, số biên nhận tạm: gõ cả mã.",
                                   "Filed here: type the rest. Filed elsewhere, or a receipt number: type it whole.")
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
    static func priorMiss(_ miss: PriorMiss) -> LocalizedText {
        switch miss {
        case .notFound: return priorNotFound
        case .offline: return priorNotFoundOffline
        case .locked(let minutes): return priorLocked(minutes: minutes)
        case .notYetAccepted: return priorNotYetAccepted
        }
    }
    static let priorNotYetAccepted = t("Hồ sơ của số biên nhận này chưa được hệ thống tỉnh tiếp nhận nên chưa dùng để điền sẵn được. Hãy thử lại khi đã có mã hồ sơ.",
                                       "The dossier of this receipt number has not been accepted by the provincial system yet, so it cannot fill a form. Try again once it has its dossier code.")
    static let priorTooManyTries = t("Đã thử quá nhiều lần. Hãy nhờ cán bộ giúp.", "Too many tries. Please ask a helper.")
    static let priorSearching = t("Đang tìm…", "Searching…")
    static let priorFoundTitle = t("Đã tìm thấy", "Found")
    static let priorMore = t("Có thể nhập thêm mã hồ sơ khác, hoặc chọn Tiếp tục.", "You may enter another dossier code, or choose Continue.")
    static let priorChooseNext = t("Tiếp theo: chọn thủ tục cần làm.", "Next: choose the procedure.")
}

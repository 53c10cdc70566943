import KioskCore

extension S {
    // PIN
    static let pinTitle = t("Chọn 4 chữ số bí mật", "Choose 4 secret digits")
    static let pinExplain = t("Nếu phải dừng giữa chừng, bạn sẽ cần mã tiếp tục và 4 chữ số này để làm tiếp. Có thể dùng 4 số cuối số định danh của bạn.",
                              "If you have to stop half-way, you will need the resume code and these 4 digits to continue. You may use the last 4 digits of your id number.")
    static let pinLabel = t("4 chữ số", "4 digits")
    static let pinConfirmLabel = t("Nhập lại 4 chữ số", "The 4 digits again")
    static let pinConfirmHint = t("Nhập lại đúng 4 chữ số vừa chọn để chắc chắn không gõ nhầm.", "Type the same 4 digits again, to be sure of them.")
    static let pinOffered = t("Nhấn Enter để dùng 4 số cuối của số giấy tờ vừa nhập khi tìm hồ sơ cũ, hoặc gõ 4 chữ số khác.",
                              "Press Enter to use the last 4 digits of the id number just given to find the earlier dossier, or type 4 other digits.")
    static let pinOfferedOther = t("Đang chọn 4 chữ số khác (xoá hết để dùng 4 số cuối của số giấy tờ vừa nhập).",
                                   "Choosing 4 other digits (clear them to use the last 4 digits of the id number just given).")
    static let pinWrong = t("Cần đúng 4 chữ số.", "Exactly 4 digits are needed.")
    static let pinMismatch = t("Hai lần nhập không giống nhau. Hãy chọn lại 4 chữ số.", "The two entries differ. Please choose the 4 digits again.")
}

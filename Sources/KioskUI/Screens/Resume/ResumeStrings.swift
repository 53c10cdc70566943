import KioskCore

extension S {
    static let resumeTitle = t("Tiếp tục hồ sơ đang làm dở", "Continue an unfinished dossier")
    static let resumeCodeLabel = t("Mã tiếp tục (6 ký tự)", "Resume code (6 characters)")
    static let verificationLabel = t("4 chữ số bí mật", "The 4 secret digits")
    static let continueButton = t("Tiếp tục", "Continue")
}

extension S {
    // The slip left with a paused draft
    static let slipTitle = t("PHIẾU TIẾP TỤC HỒ SƠ", "RESUME SLIP")
    static let resumeCodeShort = t("Mã tiếp tục", "Resume code")
    static let slipMadeAt = t("Tạm dừng lúc", "Paused at")
    static let slipHowTo = t("Để làm tiếp: tại kiosk này, chọn mục 2 “Tiếp tục hồ sơ đang làm dở”, nhập mã tiếp tục và 4 chữ số bí mật bạn đã chọn. Phiếu không ghi 4 chữ số đó.",
                             "To continue: at this kiosk, choose item 2 “Continue an unfinished dossier”, type the resume code and the 4 secret digits you chose. The slip does not show those digits.")
    static let idleResumeCode = t("Mã tiếp tục của bạn", "Your resume code")
    static let slipWillPrint = t("Phiếu ghi mã này sẽ được in ra.", "A slip with this code will be printed.")
}

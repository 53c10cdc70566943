import KioskCore

extension S {
    static let resumeTitle = t("Tiếp tục hồ sơ đang làm dở", "Continue an unfinished dossier")
    static let resumeCodeLabel = t("Mã tiếp tục (6 ký tự)", "Resume code (6 characters)")
    static let verificationLabel = t("4 chữ số bí mật", "The 4 secret digits")
    static let continueButton = t("Tiếp tục", "Continue")
}

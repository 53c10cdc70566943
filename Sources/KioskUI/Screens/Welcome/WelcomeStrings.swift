import KioskCore

extension S {
    // Welcome
    static let greeting = t("Xin chào! Bạn muốn làm gì hôm nay?", "Hello! What would you like to do today?")
    static let newDossier = t("Làm hồ sơ mới", "Start a new dossier")
    static let continueDraft = t("Tiếp tục hồ sơ đang làm dở", "Continue an unfinished dossier")
    static let continueHint = t("(có mã tiếp tục)", "(with a resume code)")
    static let priorCode = t("Tôi đã có mã hồ sơ cũ — điền sẵn thông tin", "I have an earlier dossier code — fill in what is known")
    static let lookup = t("Tra cứu tình trạng hồ sơ", "Look up a dossier")
    static let otherLanguage = t("English", "Tiếng Việt")

}

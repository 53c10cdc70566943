import KioskCore

/// Amounts of money as each language writes them: the one formatter of the
/// procedure screen, the form, the review and the receipt. Vietnamese
/// groups with dots, "100.000 đồng" (the short "100.000 đ" where room is
/// short: the procedure screen, answers, the review); English with commas,
/// always "100,000 VND".
enum Money {
    static func separator(_ language: Language) -> String { language == .en ? "," : "." }

    static func text(_ amount: Int, _ language: Language, short: Bool = false) -> String {
        let digits = VietnameseNumberWords.grouped(amount, separator: separator(language))
        return language == .en ? digits + " VND" : digits + (short ? " đ" : " đồng")
    }
}

extension S {
    /// What a procedure's charge is called: "Lệ phí" / "Fee" (the default),
    /// "Phí" / "Service charge" for a fee for a service (`fee.kind` `phi`).
    static func fee(_ kind: FeeKind) -> LocalizedText {
        kind == .phi ? t("Phí", "Service charge") : t("Lệ phí", "Fee")
    }

    static func feeToPay(_ kind: FeeKind) -> LocalizedText {
        kind == .phi ? t("Phí phải nộp", "Service charge to pay") : t("Lệ phí phải nộp", "Fee to pay")
    }
}

import KioskCore

/// A document answer in plain words, for its row on the documents step,
/// the review page and the receipt: what was given, and how.
enum DocumentText {
    /// "180 KB", "1,4 MB" (Vietnamese decimal comma), "1.4 MB" in English.
    static func size(_ bytes: Int, _ language: Language) -> String {
        if bytes < 1_000_000 { return "\(max(1, (bytes + 999) / 1000)) KB" }
        let tenths = (bytes + 50_000) / 100_000
        let text = "\(tenths / 10)" + (tenths % 10 == 0 ? "" : (language == .vi ? "," : ".") + "\(tenths % 10)")
        return text + " MB"
    }

    /// What a `file:` document is: "đã quét 2 trang · 180 KB", "tệp PDF · 3
    /// trang · 1,2 MB"; "đã đính kèm tệp" when only its hash is known (a
    /// resumed draft, before it is opened).
    static func file(_ doc: MadeDocument?, _ language: Language) -> String {
        guard let doc else { return S.attached.text(language) }
        let size = Self.size(doc.bytes, language)
        if doc.editable { return S.docScanned(pages: doc.pages.count).text(language) + " · " + size }
        return S.docPDF(pages: doc.pages.count).text(language) + " · " + size
    }

    /// A document answer as one line: paper at the desk, the file, reused
    /// from a dossier; nil when nothing is given.
    static func given(_ raw: String, documents: [String: MadeDocument], _ language: Language) -> String? {
        if raw == "desk" { return S.docAtDesk.text(language) }
        if raw.hasPrefix("file:") { return file(documents[String(raw.dropFirst(5))], language) }
        if raw.hasPrefix("reuse:") { return S.docReused(String(raw.dropFirst(6))).text(language) }
        return nil
    }
}

extension S {
    static let docAtDesk = t("mang bản giấy đến quầy", "paper brought to the desk")
    static func docScanned(pages: Int) -> LocalizedText { t("đã quét \(pages) trang", "scanned, \(pages) page\(pages == 1 ? "" : "s")") }
    static func docPDF(pages: Int) -> LocalizedText { t("tệp PDF · \(pages) trang", "PDF file · \(pages) page\(pages == 1 ? "" : "s")") }
    static func docReused(_ code: String) -> LocalizedText { t("dùng lại từ hồ sơ \(code)", "reused from dossier \(code)") }
    static let docKeysLine = t("Cách: bản giấy · Q quét · T tệp · L dùng lại · X xem · B bỏ · Enter: mục sau",
                               "Space: paper · S scan · A attach · U reuse · V view · R remove · Enter: next")
    static let docScan = t("Quét", "Scan")
    static let docAttach = t("Đính kèm tệp", "Attach a file")
    static let docReuseSitting = t("Dùng lại bản vừa quét", "Reuse the one just scanned")
    static let docPaper = t("Mang bản giấy", "Paper at the desk")
    static let docView = t("Xem, sửa trang", "View, change pages")
    static let docRemove = t("Bỏ", "Remove")
    static let docKeyScan = t("Q", "S")
    static let docKeyAttach = t("T", "A")
    static let docKeyReuse = t("L", "U")
    static let docKeyView = t("X", "V")
    static let docKeyRemove = t("B", "R")
    static func docSaved(_ name: LocalizedText) -> LocalizedText {
        t("Đã lưu: \(name.vi).", "Saved: \(name.text(.en)).")
    }
    static func docRemoved(_ name: LocalizedText) -> LocalizedText {
        t("Đã bỏ giấy tờ: \(name.vi).", "Removed: \(name.text(.en)).")
    }
    static func docReusedSitting(_ name: LocalizedText) -> LocalizedText {
        t("Dùng lại bản vừa quét: \(name.vi).", "Reusing the copy just scanned: \(name.text(.en)).")
    }
    static let docPaperOverFile = t("Giấy tờ này đã có tệp. Muốn mang bản giấy thay: bấm B để bỏ tệp trước.",
                                    "This document has a file. To bring the paper instead, remove the file first (R).")
    static func docRemoveTitle(_ name: LocalizedText) -> LocalizedText { t("Bỏ giấy tờ đã quét, đính kèm: \(name.vi)?", "Remove the document given: \(name.text(.en))?") }
    static let docRemoveBody = t("Các trang đã quét hoặc tệp đã đính kèm sẽ không được nộp; muốn nộp lại phải quét hoặc đính kèm lại.",
                                 "The pages scanned or the file attached will not be sent; to send it again, scan or attach it again.")
    static let docRemoveYes = t("Bỏ giấy tờ", "Remove it")
    static let docRemoveNo = t("Giữ lại", "Keep it")
    static let docNothingToView = t("Giấy tờ này chưa có tệp để xem: hãy quét (Q) hoặc đính kèm tệp (T).",
                                    "This document has no file to view: scan it (S) or attach a file (A).")
    static let docNothingToReuse = t("Chưa có bản quét nào của giấy tờ này trong lượt này.",
                                     "No copy of this document was scanned in this sitting.")
    static let helpDocuments = t("""
        Giấy tờ: Phím cách đánh dấu mang bản giấy đến quầy. Q quét giấy tờ bằng máy quét; T đính kèm tệp (USB, thư mục); L dùng lại bản vừa quét cho thủ tục khác; X xem, xoay, sửa các trang; B bỏ giấy tờ đã chọn.
        ↑ ↓ Tab: giấy tờ trước, sau; Enter: giấy tờ sau; PgDn (hoặc «Tiếp ▶»): xem lại hồ sơ; PgUp: trang trước; Esc: tạm dừng hồ sơ. F2: đổi kiểu gõ.
        """, """
        Documents: Space ticks the paper brought to the desk. S scans it with the scanner; A attaches a file (USB stick, folder); U reuses the copy just scanned for another procedure; V views, turns, changes the pages; R removes what was given.
        ↑ ↓ Tab: previous, next document; Enter: next document; PgDn (or “Next ▶”): review the dossier; PgUp: previous page; Esc: pause the dossier. F2: change the input method.
        """)
}

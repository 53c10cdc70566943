import KioskCore

extension S {
    static let step = t("Bước", "Step")
    static let resumeCode = t("Mã tiếp tục", "Resume code")
    static let saved = t("✓ đã lưu", "✓ saved")
    static let saving = t("… đang lưu", "… saving")
    static let previous = t("◀ Trước", "◀ Back")
    static let next = t("Tiếp ▶", "Next ▶")
    static let pages = t("Trang", "Pages")
    /// The button that adds an item to a group: "+ Thêm ngành, nghề kinh
    /// doanh"; in English the item in the singular when the group names
    /// its items ("Business line {n}": "+ Add a business line").
    static func addItem(_ group: LocalizedText, item: LocalizedText?) -> LocalizedText {
        var en = "+ Add " + group.text(.en).lowercased()
        if let one = item?.text(.en).components(separatedBy: "{n}").first?.trimmingCharacters(in: .whitespaces), !one.isEmpty, !one.contains("{") {
            en = "+ Add " + ("aeiou".contains(one.lowercased().first!) ? "an " : "a ") + one.lowercased()
        }
        return t("+ Thêm " + group.vi.lowercased(), en)
    }
    static let removeItem = t("− Xoá mục này", "− Remove this item")
    /// Before an item's title, in a group that holds groups ("− Xoá Địa điểm 2").
    static let removeNamed = t("− Xoá", "− Remove")
    static let item = t("Mục", "Item")
    /// The form state's word for an empty required answer, and what the
    /// review says instead for a document.
    static let fillThisIn = t("Vui lòng điền mục này.", "Please fill in this field.")
    static let documentNotChosen = t("Chưa chọn cách nộp giấy tờ này.", "Choose how this document is given.")
    static func removeItemTitle(_ name: LocalizedText) -> LocalizedText {
        t("Xoá \(name.vi) và các câu trả lời của mục này?", "Remove \(name.text(.en)) and its answers?")
    }
    static let removeItemBody = t("Các câu trả lời đã gõ trong mục này sẽ mất. Chọn “Không xoá” để giữ lại.",
                                  "The answers typed in this item will be lost. Choose “Keep it” to keep them.")
    static let removeItemYes = t("Xoá mục này", "Remove it")
    static let removeItemNo = t("Không xoá", "Keep it")
    static let required = t("*", "*")
    static let fixBefore = t("Còn mục chưa đúng trên trang này (đánh dấu !).", "Some fields on this page need fixing (marked !).")
    static let computed = t("(tự tính)", "(computed)")
    static let chooseProvince = t("Tỉnh/thành phố", "Province/city")
    static let chooseCommune = t("Xã/phường", "Commune/ward")
    static let addressDetail = t("Số nhà, đường, thôn", "House, street, village")
    // A key a number, money or date field cannot take: said at once, naming it.
    static func refusedInNumber(_ c: Character) -> LocalizedText {
        t("Ô này chỉ nhận chữ số; “\(c)” không dùng được ở đây.", "This field takes digits only; “\(c)” cannot be used here.")
    }
    static func refusedInMoney(_ c: Character) -> LocalizedText {
        t("Số tiền gõ bằng chữ số, tính bằng đồng (150 triệu: 150000000); “\(c)” không dùng được ở đây.",
          "Type the amount in đồng, digits only (150 million: 150000000); “\(c)” cannot be used here.")
    }
    static func refusedInDate(_ c: Character) -> LocalizedText {
        t("Ngày ghi bằng chữ số, như 15/11/2026; “\(c)” không dùng được ở đây.",
          "Write the date in digits, like 15/11/2026; “\(c)” cannot be used here.")
    }
    static let leadingZeroDropped = t("Số 0 ở đầu số tiền được bỏ đi.", "The zero at the start of the amount was dropped.")
    static let typeToFilter = t("gõ để tìm", "type to search")
    // Why a list of choices is empty: each cause its own sentence.
    static func noChoiceMatch(_ typed: String) -> LocalizedText {
        t("Không có lựa chọn nào khớp với “\(typed)”. Thử gõ tên khác hoặc mã.", "Nothing matches “\(typed)”. Try another name or the code.")
    }
    static let noFee = t("không phải nộp", "none")
    static let noneOffered = t("Không có lựa chọn nào phù hợp với các câu trả lời ở trên; hãy xem lại các câu trả lời đó.",
                               "No choice fits the answers above; check those answers.")
    static let chooseProvinceFirst = t("Hãy chọn tỉnh/thành phố trước.", "Choose the province or city first.")
    static func chooseFirst(_ label: LocalizedText) -> LocalizedText {
        t("Hãy chọn “\(label.vi)” trước.", "Choose “\(label.text(.en))” first.")
    }
    static let noCommunesHere = t("Trạm này chưa có danh sách xã, phường của tỉnh/thành phố đã chọn. Xin gọi cán bộ hỗ trợ.",
                                  "This station has no list of the communes of the province chosen. Please call a staff member.")
    static func nothingUnder(_ label: LocalizedText) -> LocalizedText {
        t("Danh sách ở trạm này không có lựa chọn nào cho “\(label.vi)” đã chọn. Xin gọi cán bộ hỗ trợ.",
          "The list at this station has nothing for the “\(label.text(.en))” chosen. Please call a staff member.")
    }
    static let listMissing = t("Trạm này chưa có danh sách để chọn mục này. Xin gọi cán bộ hỗ trợ.",
                               "This station does not have the list for this answer. Please call a staff member.")
    static let documentDesk = t("Mang bản giấy đến quầy", "Bring the paper to the desk")
    static let pauseTitle = t("Tạm dừng hồ sơ?", "Pause this dossier?")
    static let pauseBody = t("Hồ sơ đã được lưu. Để làm tiếp, dùng mã tiếp tục", "The dossier is saved. To continue later, use the resume code")
    static let pauseConfirm = t("Tạm dừng", "Pause")
    static let saveFailed = t("Không lưu được", "Could not save")
    static let documentsTitle = t("Giấy tờ kèm theo", "Documents")
    static let noDocuments = t("Thủ tục này không cần nộp kèm giấy tờ nào. Chọn “Tiếp ▶” để xem lại hồ sơ.",
                               "This procedure needs no documents. Choose “Next ▶” to review the dossier.")
    /// A file given, before its pages are known (a resumed draft).
    static let attached = t("đã đính kèm tệp", "file attached")
    static let missing = t("chưa có", "missing")
    static let lookedUpDoc = t("cơ quan tự tra cứu", "looked up by the office")
    static let lookedUpNote = t("không cần nộp, trừ khi cơ quan yêu cầu", "not needed unless the office asks")
    static let reviewTitle = t("Xem lại", "Review")
    static let reviewHint = t("Chọn một dòng để sửa.", "Choose a line to change it.")
    static let declaration = t("Tôi cam đoan những thông tin trên là đúng sự thật.", "I declare that the information above is true.")
    static let finalize = t("Nộp hồ sơ", "Submit")
    static let declarationNeeded = t("Hãy đánh dấu lời cam đoan trước khi nộp.", "Tick the declaration before submitting.")
    static let issuesLeft = t("Còn mục cần sửa; chọn để sửa.", "Some fields need fixing; choose one to fix it.")
    static let prefilledFrom = t("◆ Điền sẵn từ hồ sơ", "◆ Filled from dossier")
    static let prefilledCheck = t("hãy kiểm tra, sửa nếu cần", "check it, change it if needed")
    static let oldAddressConverted = t("◆ Địa chỉ ghi trước 7/2025 (còn huyện) đã được đổi sang tỉnh, xã, phường hiện nay: hãy hỏi lại người dân cho đúng.",
                                       "◆ An address written before 7/2025 (with a district), put in today's province and commune: check it with the citizen.")
    static let oldAddress = t("◆ Địa chỉ ghi trước 7/2025 (còn huyện): hãy chọn lại tỉnh và xã, phường hiện nay.",
                              "◆ Address written before July 2025 (with a district): choose today's province and commune.")
    static let reviewPrefilled = t("Điền sẵn từ hồ sơ cũ — xin kiểm tra kỹ", "Filled from earlier dossiers — please check")
    static let copyFromApplicant = t("= Giống người đi làm thủ tục", "= Same as the applicant")
    static let copyAddressAbove = t("= Giống địa chỉ ở trên", "= Same as the address above")
    /// "= Giống người cha": the applicant is a person answered elsewhere.
    static func sameAs(_ page: LocalizedText) -> LocalizedText {
        func lowerFirst(_ s: String) -> String { s.prefix(1).lowercased() + s.dropFirst() }
        return t("= Giống " + lowerFirst(page.vi), "= Same as " + lowerFirst(page.en))
    }
    /// What "same as the applicant" copied, where: "Đã chép Họ, chữ đệm và
    /// tên, Số định danh cá nhân sang Người cha; hãy kiểm tra."
    static func copied(_ fields: [(label: LocalizedText, page: LocalizedText)]) -> LocalizedText {
        var pages: [LocalizedText] = []
        for f in fields where !pages.contains(f.page) { pages.append(f.page) }
        func sentence(_ text: (LocalizedText) -> String, into: String, check: String) -> String {
            pages.map { page in
                fields.filter { $0.page == page }.map { text($0.label) }.joined(separator: ", ") + " \(into) " + text(page)
            }.joined(separator: "; ") + check
        }
        return t("Đã chép " + sentence(\.vi, into: "sang", check: "; hãy kiểm tra."),
                 "Copied " + sentence(\.en, into: "to", check: "; please check them."))
    }
    // A căn cước card scanned (CardScan.swift)
    static let cardScanOutsideForm = t("Đã đọc một thẻ căn cước. Hãy mở hồ sơ, sang trang của người có thẻ (người mẹ, người cha, người đi làm thủ tục…) rồi quét lại.",
                                       "An identity card was read. Open the dossier, go to the page of the card's holder (the mother, the father, the applicant…) and scan it again.")
    static let cardScanNoPerson = t("Trang này không hỏi thông tin của người có thẻ. Hãy sang trang của người đó rồi quét lại.",
                                    "This page asks nothing of a card's holder. Go to that person's page and scan again.")
    static func cardDisagrees(_ why: LocalizedText) -> LocalizedText {
        t("Thẻ vừa quét không khớp với chính nó, nên không điền gì: " + why.vi + " Hãy xem lại thẻ và gõ tay.",
          "The card just scanned disagrees with itself, so nothing was filled: " + why.en + " Check the card and type the answers.")
    }
    static func cardTooYoung(_ age: Int, role: LocalizedText) -> LocalizedText {
        t("Người trên thẻ mới \(age) tuổi, không thể là \(role.vi.lowercased()). Không điền gì; hãy quét đúng thẻ.",
          "The card's holder is \(age), and cannot be \(role.en.lowercased()). Nothing was filled; scan the right card.")
    }
    static func cardKeptForForm(_ name: String) -> LocalizedText {
        t("Đã đọc thẻ căn cước của \(name). Hãy chọn thủ tục: khi biểu mẫu mở, kiosk sẽ hỏi thẻ này của ai.",
          "Read the identity card of \(name). Choose the procedure: when its form opens, the kiosk asks whose card it is.")
    }
    static let cardWhoseTitle = t("Thẻ căn cước này của ai?", "Whose identity card is this?")
    static func cardWhoseBody(_ name: String) -> LocalizedText {
        t("Thẻ của \(name), quét trước khi mở biểu mẫu. Điền vào người nào?", "The card of \(name), scanned before the form was open. Which person does it fill?")
    }
    static let cardNobody = t("Không dùng", "Not used")
    static let cardQuestionsHidden = t("Các câu về người này chưa hiện: hãy trả lời câu phía trên trước, rồi quét lại.",
                                       "This person's questions are not shown yet: answer the question above first, then scan again.")
    static let cardNothingNew = t("Thông tin trên thẻ đã có đủ trên trang này.", "The card's facts are already on this page.")
    static func cardFilled(_ labels: [LocalizedText]) -> LocalizedText {
        labels.isEmpty ? t("", "") : t("Đã điền từ thẻ căn cước: " + labels.map(\.vi).joined(separator: ", ") + "; hãy kiểm tra.",
                                       "Filled from the identity card: " + labels.map(\.en).joined(separator: ", ") + "; please check.")
    }
    static func cardKept(_ labels: [LocalizedText]) -> LocalizedText {
        t("Giữ nguyên câu trả lời đã nhập: " + labels.map(\.vi).joined(separator: ", ") + ".",
          "Kept the answers given: " + labels.map(\.en).joined(separator: ", ") + ".")
    }
    static func cardWithoutMarks(_ name: String) -> LocalizedText {
        t("Máy quét gửi chữ không dấu (“\(name)”): họ tên và số nhà, đường chưa điền, hãy gõ có dấu.",
          "The scanner sent letters without marks (“\(name)”): the name and the house and street are not filled; type them with their marks.")
    }
    static let cardConflictTitle = t("Thẻ khác với câu trả lời đã nhập", "The card differs from the answers given")
    static let cardConflictBody = t("Thông tin trên thẻ khác với câu trả lời đã có ở:", "The card's facts differ from the answers given for:")
    static let cardKeepTyped = t("Giữ câu trả lời đã nhập", "Keep the answers given")
    static let cardTakeCard = t("Lấy theo thẻ", "Take the card's")
    /// Two sentences, either possibly empty.
    static func join(_ a: LocalizedText, _ b: LocalizedText) -> LocalizedText {
        t([a.vi, b.vi].filter { !$0.isEmpty }.joined(separator: " "), [a.en, b.en].filter { !$0.isEmpty }.joined(separator: " "))
    }

    static let suggestionsHint = t("Gợi ý (↓ để chọn rồi Enter; hoặc gõ tiếp):", "Suggestions (↓ to choose, then Enter; or keep typing):")
    /// After a suggestion was taken: what it filled, and what it left as
    /// it was because it was already answered.
    static func suggestionTaken(from text: String, filled: [LocalizedText], kept: [LocalizedText]) -> LocalizedText {
        func list(_ l: [LocalizedText], _ lang: Language) -> String { l.map { $0.text(lang) }.joined(separator: ", ") }
        var vi = "Đã chọn “\(text)”.", en = "Chose “\(text)”."
        if !filled.isEmpty { vi += " Đã điền theo đó: \(list(filled, .vi)); hãy kiểm tra."; en += " Filled from it: \(list(filled, .en)); please check." }
        if !kept.isEmpty { vi += " Giữ nguyên \(list(kept, .vi)) vì đã có câu trả lời."; en += " Kept \(list(kept, .en)) as answered." }
        return t(vi, en)
    }
    static let nothingToCopy = t("Không có gì để chép: các mục đã có câu trả lời.", "Nothing to copy: these answers are already given.")
    static let migrateTitle = t("Biểu mẫu đã được cập nhật", "The form has been updated")
    static let migrateBody = t("Hồ sơ này được làm theo bản cũ của biểu mẫu. Có thể chuyển các câu trả lời sang bản mới", "This draft was made with an older version of the form. Its answers can move to the new version")
    static let migrateMoved = t("câu trả lời sẽ được chuyển", "answers will move")
    static let migrateNotMoved = t("Không chuyển được", "Cannot move")
    static let migrateYes = t("Chuyển sang bản mới", "Move to the new version")
    static let migrateNo = t("Giữ bản cũ", "Keep the old version")
    static let endOfPage = t("Đây là mục cuối của trang. Nhấn Enter, PgDn hoặc «Tiếp ▶» để sang trang sau.",
                             "This is the last field of the page. Press Enter, PgDn or “Next ▶” to go on.")
    static let startOfPage = t("Đây là mục đầu của trang. Nhấn PgUp hoặc «◀ Trước» để về trang trước.",
                               "This is the first field of the page. Press PgUp or “◀ Back” for the page before.")
}

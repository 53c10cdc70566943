import KioskCore

/// What the printer gives the citizen (a receipt, a slip), as plain text
/// `columns` wide (42 on a receipt printer, 80 in a file): the title and
/// the station centred over a rule, each fact as "Label: value" with the
/// value wrapped under itself, a closing rule.
struct PaperText {
    let columns: Int
    let language: Language
    private var lines: [String] = []

    init(columns: Int, language: Language, title: LocalizedText, station: String) {
        self.columns = columns
        self.language = language
        lines = [center(title.text(language)), center(station), rule]
    }

    private func center(_ s: String) -> String {
        let w = VietnameseText.displayWidth(s)
        return w >= columns ? s : String(repeating: " ", count: (columns - w) / 2) + s
    }

    private var rule: String { String(repeating: "-", count: columns) }

    /// "Label: value", the value's next lines under itself.
    mutating func field(_ label: LocalizedText, _ value: String) {
        let head = label.text(language) + ": "
        let indent = String(repeating: " ", count: min(VietnameseText.displayWidth(head), columns / 3))
        lines += WordWrap.lines(value, width: columns, first: head, indent: indent)
    }

    /// A sentence over the whole width.
    mutating func paragraph(_ text: LocalizedText) {
        lines += WordWrap.lines(text.text(language), width: columns)
    }

    /// The paper, closed by its rule.
    var text: String { (lines + [rule]).joined(separator: "\n") + "\n" }
}

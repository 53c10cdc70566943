import KioskCore

/// The layout of what the printer gives the citizen (a receipt, a slip):
/// plain text `columns` wide (42 on a receipt printer, 80 in a file),
/// titles centred, each fact as "Label: value" with the value wrapped
/// under itself.
struct PaperText {
    let columns: Int

    func center(_ s: String) -> String {
        let w = VietnameseText.displayWidth(s)
        return w >= columns ? s : String(repeating: " ", count: (columns - w) / 2) + s
    }

    func field(_ label: String, _ value: String) -> [String] {
        let head = label + ": "
        let indent = String(repeating: " ", count: min(VietnameseText.displayWidth(head), columns / 3))
        return WordWrap.lines(value, width: columns, first: head, indent: indent)
    }

    var rule: String { String(repeating: "-", count: columns) }
}

import KioskCore

/// The receipt of a dossier just finalized: printed, or saved as a file.
public struct ReceiptState: Sendable {
    public var receipt: Receipt
    public var focus = 0
    /// The first line shown of a receipt longer than the screen.
    public var scroll = 0
    public var message: LocalizedText?

    /// The server gave this dossier its code (and due date): the receipt
    /// shows them, and offers to print the final receipt. (A receipt saved
    /// as a file is rewritten by the runtime, `ReceiptFiles`.)
    mutating func officialCodeArrived(code: String, dueDate: String?) {
        receipt.applyOfficial(code: code, dueDate: dueDate)
        message = S.finalReady
        focus = 0
    }
}

import KioskCore

/// The receipt of a dossier just finalized: printed, or saved as a file.
public struct ReceiptState: Sendable {
    public var receipt: Receipt
    public var focus = 0
    public var message: LocalizedText?
}

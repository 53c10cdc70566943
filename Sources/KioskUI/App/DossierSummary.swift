/// A finalized dossier as the receipt shows it.
public struct DossierSummary: Sendable, Equatable {
    public var receiptNumber: String
    /// The idempotency key of its upload: how the official code finds it.
    public var submissionID: String
    /// Given by the provincial server once it accepts the dossier.
    public var officialCode: String?
    /// The server's due date (yyyy-mm-dd), once it answers.
    public var dueDate: String?

    public init(receiptNumber: String, submissionID: String, officialCode: String? = nil, dueDate: String? = nil) {
        self.receiptNumber = receiptNumber
        self.submissionID = submissionID
        self.officialCode = officialCode
        self.dueDate = dueDate
    }
}

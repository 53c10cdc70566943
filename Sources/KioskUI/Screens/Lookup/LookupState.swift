import KioskCore

/// Looking up a dossier: what this station knows of it, and with a
/// verification, what the provincial server says.
public struct LookupState: Sendable {
    public var code = LineEdit()
    /// Optional: with it the provincial server is asked too.
    public var verification = LineEdit()
    /// 0 code, 1 verification, 2 search, 3 back.
    public var focus = 0
    public var result: LookupResult?
    /// What the provincial server says (asked only with a verification).
    public var remote: RemoteStatus?
    public var message: LocalizedText?
    public var busy = false
}

/// A dossier's status at the provincial server.
public struct RemoteStatus: Sendable, Equatable {
    public var code: String
    public var procedureName: String
    public var status: Int?
    public var dueDate: String?

    public init(code: String, procedureName: String, status: Int?, dueDate: String?) {
        self.code = code
        self.procedureName = procedureName
        self.status = status
        self.dueDate = dueDate
    }
}

public struct LookupResult: Sendable, Equatable {
    public var procedureTitle: LocalizedText
    public var receiptNumber: String
    public var officialCode: String?
    public var status: String
    public var submittedAt: Int
    public var dueDate: String?

    public init(procedureTitle: LocalizedText, receiptNumber: String, officialCode: String?, status: String, submittedAt: Int, dueDate: String?) {
        self.procedureTitle = procedureTitle
        self.receiptNumber = receiptNumber
        self.officialCode = officialCode
        self.status = status
        self.submittedAt = submittedAt
        self.dueDate = dueDate
    }
}

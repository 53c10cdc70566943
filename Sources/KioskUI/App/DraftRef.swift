/// A draft as the UI knows it: which one to save into, the code the citizen
/// copies to come back to it, and the page they were on.
public struct DraftRef: Sendable, Equatable {
    public var id: Int64
    public var resumeCode: String
    /// The page the person was on when it was last saved.
    public var page: Int

    public init(id: Int64, resumeCode: String, page: Int = 0) {
        self.id = id
        self.resumeCode = resumeCode
        self.page = page
    }
}

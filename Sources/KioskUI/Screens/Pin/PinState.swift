import KioskCore

/// Four secret digits chosen before a draft starts: with the resume code
/// they open it again. Typed twice, masked both times: a slip of a finger
/// would otherwise lose the draft.
public struct PinState: Sendable {
    public var formID: String
    public var pin = LineEdit()
    /// The second typing, once the first had four digits.
    public var confirm = LineEdit()
    /// Typing the digits again (the first four are kept in `pin`).
    public var confirming = false
    public var error: LocalizedText?
    /// Four digits already typed and checked (the end of the id number that
    /// verified an earlier dossier): Enter with nothing typed takes them.
    public var offered: String?

    public init(formID: String, error: LocalizedText? = nil, offered: String? = nil) {
        self.formID = formID
        self.error = error
        self.offered = offered
    }
}

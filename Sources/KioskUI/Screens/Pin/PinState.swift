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
}

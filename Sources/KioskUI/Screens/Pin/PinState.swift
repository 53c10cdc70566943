import KioskCore

/// Four secret digits chosen before a draft starts: with the resume code
/// they open it again.
public struct PinState: Sendable {
    public var formID: String
    public var pin = LineEdit()
    public var error: LocalizedText?
}

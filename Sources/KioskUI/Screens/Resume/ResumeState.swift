import KioskCore

/// Continuing a draft: its resume code and the four secret digits.
public struct ResumeState: Sendable {
    public var code = LineEdit()
    public var verification = LineEdit()
    /// 0 code, 1 verification, 2 continue, 3 back.
    public var focus = 0
    public var message: LocalizedText?
    public var busy = false
}

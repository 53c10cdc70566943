import KioskCore

/// The operator's screen while the station's data is locked: shown instead
/// of the citizen's welcome until the station passphrase opens the data key.
/// The first start sets the passphrase, typed twice; later starts ask it
/// once. Nothing typed is shown, and nothing is kept once it was tried.
public struct UnlockState: Sendable {
    /// First start: no passphrase yet, it is being set.
    public var creating: Bool
    public var passphrase = LineEdit()
    public var confirm = LineEdit()
    /// 0 the passphrase, 1 its confirmation (creating), then the button.
    public var focus = 0
    public var message: LocalizedText?

    public init(creating: Bool, message: LocalizedText? = nil) {
        self.creating = creating
        self.message = message
    }

    var buttonFocus: Int { creating ? 2 : 1 }
}

import KioskCore

/// Entering earlier dossier codes, each with a verification.
public struct PriorState: Sendable {
    public var code = LineEdit()
    public var verification = LineEdit()
    /// 0 code, 1 verification, 2 search, 3 continue (once one is found), 4 back.
    public var focus = 0
    public var message: LocalizedText?
    public var busy = false
    /// The earlier dossiers found so far.
    public var found: [PriorDossier] = []
    /// The form being filled, when opened from its first page (else a
    /// procedure is chosen next).
    public var session: FormSession?

    public init(session: FormSession? = nil) {
        self.session = session
    }
}

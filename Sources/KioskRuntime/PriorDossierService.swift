import KioskCore

/// What the provincial server says of an earlier dossier.
public enum PriorServiceAnswer: Sendable, Equatable {
    case found(PriorDossier)
    /// Unknown code or wrong verification: the server answers both alike.
    case notFound
    /// No answer (no network, the server down, a captive portal).
    case offline
}

/// Asks the provincial server for an earlier dossier. The kiosk's UI never
/// talks to the network itself: the terminal runtime passes the question to
/// its `kiosk-sync` worker; tests may ask a real server directly.
public protocol PriorDossierService: Sendable {
    func find(code: String, verification: String) -> PriorServiceAnswer
}

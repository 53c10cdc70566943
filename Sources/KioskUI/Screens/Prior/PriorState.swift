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

    /// The start of this station's own dossier codes (`000.00.13.H36-`),
    /// prefilled in the code: the person types the rest. Empty: none.
    public var codePrefix = ""

    public init(session: FormSession? = nil, agencyCode: String = "") {
        self.session = session
        if !agencyCode.isEmpty { codePrefix = agencyCode + "-" }
        code = LineEdit(codePrefix)
    }

    /// The code typed, as it is looked up: the whole text, or what follows
    /// the prefilled prefix when that alone is a code (a code of another
    /// agency, or a receipt number, typed whole after it).
    var codeToFind: String {
        let text = code.text.trimmingCharacters(in: .whitespaces)
        if !codePrefix.isEmpty, text.hasPrefix(codePrefix), case .failure = DossierReference.parse(text) {
            let rest = String(text.dropFirst(codePrefix.count))
            if case .success = DossierReference.parse(rest) { return rest }
        }
        return text
    }

    /// The code field as it starts: empty, or the station's prefix.
    var freshCode: LineEdit { LineEdit(codePrefix) }
}

/// The first screen: what the person wants to do.
public struct WelcomeState: Sendable {
    /// 0 new dossier, 1 continue a draft, 2 earlier dossier code, 3 look
    /// up, 4 the other language.
    public var focus = 0

    public init(focus: Int = 0) {
        self.focus = focus
    }

    static let itemCount = 5
}

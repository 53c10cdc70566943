/// A screen of a few inputs, then buttons, in one focus order (continue a
/// draft, look up a dossier, earlier dossier codes): a tap on an input
/// focuses it; a tap on a button focuses it and presses it, as Enter does.
protocol FocusOrderScreen: PageScreen {
    var focus: Int { get set }
    /// Each button's place in the focus order; another name is the last.
    static var buttonFocus: [String: Int] { get }
}

extension FocusOrderScreen {
    mutating func press(_ target: HitTarget, _ s: inout AppState) -> [Effect] {
        switch target {
        case .field(let i):
            focus = i
            return []
        case .button(let b):
            focus = Self.buttonFocus[b] ?? Self.buttonFocus.values.max() ?? 0
            return key(.enter, &s)
        default:
            return []
        }
    }
}

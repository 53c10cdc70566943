import KioskCore

/// Choosing the procedure: a search box over the catalogue, grouped by field.
public struct ChooseState: Sendable {
    public var query = LineEdit()
    public var selection = 0
    /// Focus on the list (0) or the Start / Back buttons (1, 2).
    public var focus = 0
}

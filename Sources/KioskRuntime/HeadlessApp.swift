import KioskUI

/// The app without a terminal: events in, screens out, effects performed by
/// a runner against a real store. What the UI tests drive.
public struct HeadlessApp {
    public var state: AppState
    public let runner: EffectRunner?
    /// Every effect performed, in order (tests assert on autosave).
    public private(set) var effects: [Effect] = []

    public init(state: AppState, runner: EffectRunner?) {
        self.state = state
        self.runner = runner
    }

    public mutating func send(_ event: Event) {
        var queue = [event]
        while !queue.isEmpty {
            let e = queue.removeFirst()
            for effect in App.update(&state, e) {
                effects.append(effect)
                if let runner { queue += runner.perform(effect) }
            }
        }
    }

    public mutating func key(_ key: Key, times: Int = 1) {
        for _ in 0..<times { send(.key(key)) }
    }

    /// Types text key by key, as a person at the keyboard would.
    public mutating func type(_ text: String) {
        for c in text { send(.key(.text(String(c)))) }
    }

    public mutating func press(x: Int, y: Int) { send(.press(x: x, y: y)) }

    public var screen: Screen { App.view(state) }
    public var text: String { screen.text }
}

/// Work the app asks the runtime to do (save, print, upload); the runtime
/// performs it and sends back an `EffectResult`. Filled in as the app grows.
public enum Effect: Sendable, Equatable {
    case quit
}

public enum EffectResult: Sendable {
    case done
}

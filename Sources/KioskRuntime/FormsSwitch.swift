import Foundation
import KioskCore
import KioskUI

/// The running kiosk changes to a form bundle `kiosk-sync` installed (the
/// `current` link under `[forms] updates` moved) at a safe moment only: on
/// the welcome screen with no dialog, or the operator's screen, never in a
/// citizen's form. A draft started on the old version opens with its own
/// version (kept in the store) and is offered the new one, with what could
/// not move listed (`AnswerMigration`).
public final class FormsSwitch {
    let config: KioskConfig
    /// The folder the forms on screen came from (resolved: a version's folder).
    public private(set) var loadedPath: String

    public init(config: KioskConfig, loadedPath: String) {
        self.config = config
        self.loadedPath = loadedPath
    }

    /// Whether `state` is a moment to change forms.
    public static func isSafe(_ state: AppState) -> Bool {
        guard state.overlay == nil else { return false }
        switch state.page {
        case .welcome, .unlock, .operatorSignIn, .operatorDesk: return true
        default: return false
        }
    }

    /// The context of the newly installed forms, when they changed and now
    /// is a safe moment; nil otherwise. A folder that does not load (the
    /// installer checked it; a hand-made change might not) is not used and
    /// not tried again until `current` moves once more.
    public func newContext(for state: AppState) -> AppContext? {
        guard Self.isSafe(state) else { return nil }
        let path = config.formsPath
        guard path != loadedPath else { return nil }
        loadedPath = path
        let catalog = FormCatalog.load(directory: path)
        guard catalog.noFormsReason == nil, catalog.errors.isEmpty else { return nil }
        var context = AppContext(config: config, catalog: catalog, citizenMode: state.context.citizenMode)
        context.defaultLanguage = state.context.defaultLanguage
        return context
    }
}

import KioskCore

extension LookupState: FocusOrderScreen {
    var asPage: Page { .lookup(self) }

    static let buttonFocus = ["search": 2, "back": 3]

    mutating func key(_ key: Key, _ s: inout AppState) -> [Effect] {
        switch key {
        case .escape:
            s.page = .welcome(focus: 3)
            return []
        case .tab, .down: focus = (focus + 1) % 4
        case .backTab, .up: focus = (focus + 3) % 4
        case .enter:
            if focus == 3 { s.page = .welcome(focus: 3); return [] }
            if focus == 0 { focus = 1; return [] }
            let code = self.code.text.trimmingCharacters(in: .whitespaces)
            guard !code.isEmpty, !busy else { return [] }
            message = nil
            result = nil
            remote = nil
            let verification = self.verification.text.trimmingCharacters(in: .whitespaces)
            guard s.priorFailures < App.priorTriesPerSession || verification.isEmpty else {
                message = S.priorTooManyTries
                return []
            }
            if !verification.isEmpty {
                busy = true
                message = S.priorSearching
            }
            return [.lookupDossier(code: code, verification: verification)]
        default:
            TextInput.editCodeOrVerification(s, &code, &verification, focus: focus, key)
        }
        return []
    }


    /// A failed try at the server is counted by `App.handleResult`.
    mutating func result(_ r: EffectResult, _ s: inout AppState) -> [Effect] {
        switch r {
        case .lookedUp(let local, let asking):
            result = local
            busy = asking
            if !asking { message = local == nil ? S.notFound : nil }
        case .lookedUpRemote(let answer, let offline, let lockedMinutes):
            busy = false
            remote = answer
            if let lockedMinutes {
                message = S.priorLocked(minutes: lockedMinutes)
            } else if answer != nil {
                message = nil
            } else if offline {
                message = result == nil ? S.priorNotFoundOffline : S.remoteOffline
            } else {
                // Unknown code or wrong verification: one sentence for both.
                message = S.priorNotFound
            }
        default:
            break
        }
        return []
    }
}

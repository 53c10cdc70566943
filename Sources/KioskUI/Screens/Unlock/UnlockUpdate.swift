import KioskCore

extension UnlockState: PageScreen {
    var asPage: Page { .unlock(self) }
    var isOperatorScreen: Bool { true }

    mutating func key(_ key: Key, _ s: inout AppState) -> [Effect] {
        switch key {
        case .tab, .down:
            focus = (focus + 1) % (buttonFocus + 1)
            return []
        case .backTab, .up:
            focus = (focus + buttonFocus) % (buttonFocus + 1)
            return []
        case .escape:
            // Starts the typing again; the screen itself stays until unlocked.
            self = UnlockState(creating: creating)
            return []
        case .enter:
            if creating && focus == 0 {
                focus = 1
                return []
            }
            return submit()
        default:
            guard focus < buttonFocus else { return [] }
            var noIME = s.composer
            // Any printable character, as typed: no input method, nothing shown.
            let accept: (Character) -> Bool = { !$0.isNewline && $0 != "\t" }
            if focus == 0 {
                _ = TextInput.edit(&passphrase, key, composer: &noIME, ime: false, accept: accept, maxLength: 256)
            } else {
                _ = TextInput.edit(&confirm, key, composer: &noIME, ime: false, accept: accept, maxLength: 256)
            }
            return []
        }
    }

    mutating func press(_ target: HitTarget, _ s: inout AppState) -> [Effect] {
        switch target {
        case .field(let i):
            focus = i
            return []
        case .button:
            return submit()
        default:
            return []
        }
    }

    /// The typed passphrase goes to the runtime once, and is cleared here.
    private mutating func submit() -> [Effect] {
        let typed = passphrase.text
        guard !typed.isEmpty else {
            message = S.unlockEmpty
            focus = 0
            return []
        }
        if creating {
            guard typed.count >= 8 else {
                self = UnlockState(creating: true, message: S.unlockTooShort)
                return []
            }
            guard confirm.text == typed else {
                // Which of the two was mistyped is unknown: both again.
                self = UnlockState(creating: true, message: S.unlockDiffer)
                return []
            }
        }
        let creating = creating
        self = UnlockState(creating: creating)
        return [.unlock(passphrase: typed, creating: creating)]
    }

    mutating func result(_ result: EffectResult, _ s: inout AppState) -> [Effect] {
        switch result {
        case .unlocked:
            s.page = .welcome()
        case .unlockFailed(let m):
            message = m
        default:
            break
        }
        return []
    }
}

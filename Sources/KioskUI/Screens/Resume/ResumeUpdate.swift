import KioskCore

extension ResumeState: FocusOrderScreen {
    var asPage: Page { .resume(self) }

    static let buttonFocus = ["continue": 2, "back": 3]

    mutating func key(_ key: Key, _ s: inout AppState) -> [Effect] {
        switch key {
        case .escape:
            s.page = .welcome(focus: 1)
            return []
        case .tab, .down: focus = (focus + 1) % 4
        case .backTab, .up: focus = (focus + 3) % 4
        case .enter:
            switch focus {
            case 0: focus = 1
            case 3: s.page = .welcome(focus: 1)
            default:
                guard !code.text.isEmpty, !verification.text.isEmpty, !busy else { return [] }
                busy = true
                message = nil
                return [.resumeDraft(code: code.text, verification: verification.text)]
            }
        default:
            var noIME = s.composer
            if focus == 0 {
                _ = TextInput.edit(&code, key, composer: &noIME, ime: false, accept: { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == " ") }, maxLength: 9)
                code.text = code.text.uppercased()
            } else if focus == 1 {
                _ = TextInput.edit(&verification, key, composer: &noIME, ime: false, accept: { $0.isASCII && $0.isNumber }, maxLength: 4)
            }
        }
        return []
    }


    /// A draft that opened is `App.openResumedDraft`'s, whatever the screen.
    mutating func result(_ result: EffectResult, _ s: inout AppState) -> [Effect] {
        if case .resumeFailed(let m) = result {
            busy = false
            message = m
            verification = LineEdit()
            focus = 1
        }
        return []
    }
}

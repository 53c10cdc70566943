import KioskCore

extension PinState: PageScreen {
    var asPage: Page { .pin(self) }

    mutating func key(_ key: Key, _ s: inout AppState) -> [Effect] {
        switch key {
        case .escape:
            if confirming {
                // Back to choosing the digits.
                self = PinState(formID: formID, offered: offered)
                return []
            }
            s.page = .choose(ChooseState())
            return []
        case .enter where !confirming && pin.text.isEmpty && offered != nil:
            // Typed and checked a moment ago: no second typing is needed.
            error = nil
            return [.createDraft(formID: formID, pin: offered!)]
        case .enter:
            let digits = (confirming ? confirm : pin).text.filter { $0.isASCII && $0.isNumber }
            guard digits.count == 4 else {
                error = S.pinWrong
                return []
            }
            guard confirming else {
                confirming = true
                error = nil
                return []
            }
            guard digits == pin.text else {
                // Which of the two was mistyped is unknown: both again.
                self = PinState(formID: formID, error: S.pinMismatch, offered: offered)
                return []
            }
            error = nil
            return [.createDraft(formID: formID, pin: digits)]
        default:
            var noIME = s.composer
            if confirming {
                _ = TextInput.edit(&confirm, key, composer: &noIME, ime: false, accept: { $0.isASCII && $0.isNumber }, maxLength: 4)
            } else {
                _ = TextInput.edit(&pin, key, composer: &noIME, ime: false, accept: { $0.isASCII && $0.isNumber }, maxLength: 4)
            }
            return []
        }
    }

    mutating func press(_ target: HitTarget, _ s: inout AppState) -> [Effect] {
        guard case .button(let b) = target else { return [] }
        return key(b == "back" ? .escape : .enter, &s)
    }

    mutating func result(_ result: EffectResult, _ s: inout AppState) -> [Effect] {
        switch result {
        case .draftCreated(let formID, let draft):
            guard let form = s.context.forms.first(where: { $0.id == formID }) else { return [] }
            App.openNewDraft(&s, form: form, draft: draft)
        case .draftFailed(let m):
            error = m
        default:
            break
        }
        return []
    }
}

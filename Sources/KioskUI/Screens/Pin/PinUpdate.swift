import KioskCore

extension PinState: PageScreen {
    var asPage: Page { .pin(self) }

    mutating func key(_ key: Key, _ s: inout AppState) -> [Effect] {
        switch key {
        case .escape:
            s.page = .choose(ChooseState())
            return []
        case .enter:
            let digits = pin.text.filter { $0.isASCII && $0.isNumber }
            guard digits.count == 4 else {
                error = S.pinWrong
                return []
            }
            error = nil
            return [.createDraft(formID: formID, pin: digits)]
        default:
            var noIME = s.composer
            _ = TextInput.edit(&pin, key, composer: &noIME, ime: false, accept: { $0.isASCII && $0.isNumber }, maxLength: 4)
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

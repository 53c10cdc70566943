import KioskCore

extension App {
    /// Tries a person may make at earlier dossier codes before a helper is needed.
    static let priorTriesPerSession = 5
}

extension PriorState: FocusOrderScreen {
    var asPage: Page { .prior(self) }

    static let buttonFocus = ["search": 2, "continue": 3, "back": 4]

    /// Typing here is part of filling the form it was opened from.
    var isFilling: Bool { session != nil }

    mutating func key(_ key: Key, _ s: inout AppState) -> [Effect] {
        let count = 5
        func back() {
            if let session { App.returnToForm(&s, session) } else { s.page = .welcome(focus: 2) }
        }
        switch key {
        case .escape: back()
        case .tab, .down:
            focus = (focus + 1) % count
            if focus == 3 && found.isEmpty { focus = 4 }
        case .backTab, .up:
            focus = (focus + count - 1) % count
            if focus == 3 && found.isEmpty { focus = 2 }
        case .enter:
            switch focus {
            case 0: focus = 1
            case 3: return continueToForm(&s)
            case 4: back()
            default:
                guard !busy else { return [] }
                let code = codeToFind
                let verification = self.verification.text.trimmingCharacters(in: .whitespaces)
                guard !code.isEmpty, code != codePrefix.trimmingCharacters(in: .whitespaces), !verification.isEmpty else {
                    message = S.priorNeedBoth
                    focus = code.isEmpty || code == codePrefix.trimmingCharacters(in: .whitespaces) ? 0 : 1
                    return []
                }
                // A malformed code is explained, part by part: it costs no try.
                // The official code or the receipt number (the only one on
                // a receipt printed offline).
                if case .failure(let e) = DossierReference.parse(code) {
                    message = e.message
                    focus = 0
                    return []
                }
                if found.contains(where: { $0.code == code }) {
                    self.code = freshCode
                    self.verification = LineEdit()
                    return []
                }
                guard s.priorFailures < App.priorTriesPerSession else {
                    message = S.priorTooManyTries
                    return []
                }
                busy = true
                message = S.priorSearching
                return [.findPrior(code: code, verification: verification)]
            }
        default:
            TextInput.editCodeOrVerification(s, &code, &verification, focus: focus, key)
        }
        return []
    }

    /// With the earlier dossiers found: to their offer in the open form, or
    /// to choosing the procedure first.
    func continueToForm(_ s: inout AppState) -> [Effect] {
        guard !found.isEmpty else { return [] }
        if let session {
            s.page = .offer(OfferState(session: session, priors: found))
        } else {
            s.priors = found
            s.page = .choose(ChooseState())
        }
        s.composer.reset()
        return []
    }


    /// A failed try is counted by `App.handleResult`.
    mutating func result(_ r: EffectResult, _ s: inout AppState) -> [Effect] {
        switch r {
        case .priorFound(let prior):
            busy = false
            found.append(prior)
            let digits = verification.text.filter { $0.isASCII && $0.isNumber }
            if digits.count >= 4 { s.priorDigits = String(digits.suffix(4)) }
            code = freshCode
            verification = LineEdit()
            message = nil
            focus = 3
        case .priorNotFound(let miss):
            busy = false
            message = S.priorMiss(miss)
            verification = LineEdit()
            focus = 1
        default:
            break
        }
        return []
    }
}

import KioskCore

extension ReceiptState: PageScreen {
    var asPage: Page { .receipt(self) }

    mutating func key(_ key: Key, _ s: inout AppState) -> [Effect] {
        switch key {
        case .tab, .right, .down: focus = (focus + 1) % 2
        case .backTab, .left, .up: focus = (focus + 1) % 2
        case .enter:
            if focus == 0 { return [.printReceipt(receipt, s.language)] }
            s.page = .welcome()
            App.resetForNextPerson(&s)
        case .escape:
            s.page = .welcome()
            App.resetForNextPerson(&s)
        default: break
        }
        return []
    }

    mutating func press(_ target: HitTarget, _ s: inout AppState) -> [Effect] {
        guard case .button(let b) = target else { return [] }
        focus = b == "print" ? 0 : 1
        return key(.enter, &s)
    }

    mutating func result(_ result: EffectResult, _ s: inout AppState) -> [Effect] {
        if case .printed(let m) = result { message = m }
        return []
    }
}

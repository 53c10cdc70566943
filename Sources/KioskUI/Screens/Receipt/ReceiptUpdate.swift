import KioskCore

extension ReceiptState: PageScreen {
    var asPage: Page { .receipt(self) }

    mutating func key(_ key: Key, _ s: inout AppState) -> [Effect] {
        switch key {
        case .tab, .right: focus = (focus + 1) % 2
        case .backTab, .left: focus = (focus + 1) % 2
        // ↑ ↓ PgUp PgDn scroll a receipt longer than the screen.
        case .down, .up, .pageDown, .pageUp, .home, .end:
            let page = max(1, Self.layout(receipt, s, Self.body(s)).room - 2)
            let step = [Key.down: 1, .up: -1, .pageDown: page, .pageUp: -page, .home: -100_000, .end: 100_000][key] ?? 0
            scroll = min(max(0, min(scroll, Self.maxScroll(receipt, s)) + step), Self.maxScroll(receipt, s))
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

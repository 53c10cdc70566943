import KioskCore

extension ReceiptState: PageScreen {
    var asPage: Page { .receipt(self) }

    /// Buttons: print, done, and (when documents were scanned in this
    /// sitting) another procedure for the same person, keeping them.
    static func buttonCount(_ s: AppState) -> Int { s.sittingDocuments.isEmpty ? 2 : 3 }

    mutating func key(_ key: Key, _ s: inout AppState) -> [Effect] {
        let count = Self.buttonCount(s)
        switch key {
        case .tab, .right: focus = (focus + 1) % count
        case .backTab, .left: focus = (focus + count - 1) % count
        // ↑ ↓ PgUp PgDn scroll a receipt longer than the screen.
        case .down, .up, .pageDown, .pageUp, .home, .end:
            let page = max(1, Self.layout(receipt, s, Self.body(s)).room - 2)
            let step = [Key.down: 1, .up: -1, .pageDown: page, .pageUp: -page, .home: -100_000, .end: 100_000][key] ?? 0
            scroll = min(max(0, min(scroll, Self.maxScroll(receipt, s)) + step), Self.maxScroll(receipt, s))
        case .enter:
            if focus == 0 { return [.printReceipt(receipt, s.language)] }
            if focus == 2 && count == 3 {
                // The same person, another procedure: the documents scanned
                // stay for reuse (the sitting goes on).
                s.page = .choose(ChooseState())
                return []
            }
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
        focus = b == "print" ? 0 : b == "another" ? 2 : 1
        return key(.enter, &s)
    }

    mutating func result(_ result: EffectResult, _ s: inout AppState) -> [Effect] {
        if case .printed(let m) = result { message = m }
        return []
    }
}

import KioskCore

extension OfferState: PageScreen {
    var asPage: Page { .offer(self) }

    var isFilling: Bool { true }

    mutating func key(_ key: Key, _ s: inout AppState) -> [Effect] {
        let count = offers.count + 2
        switch key {
        case .tab, .down: focus = (focus + 1) % count
        case .backTab, .up: focus = (focus + count - 1) % count
        case .right where focus < offers.count, .left where focus < offers.count, .text(" ") where focus < offers.count:
            // Cycle: each possible role, then "not used".
            var offer = offers[focus]
            let n = offer.targets.count + 1
            // Undecided: → takes the first role, ← "not used".
            let current = offer.isDecided ? (offer.choice ?? offer.targets.count) : (key == .left ? 0 : n - 1)
            let next = (current + (key == .left ? n - 1 : 1)) % n
            offer.choice = next == offer.targets.count ? nil : next
            offer.isDecided = true
            // One person per role: whoever had it gives it up, and is asked again.
            if let t = offer.target {
                for i in offers.indices where i != focus && offers[i].target == t && t != "member" {
                    offers[i].choice = nil
                    offers[i].isDecided = false
                }
            }
            offers[focus] = offer
            if undecided() == nil { message = nil }
        case .enter:
            // From a person: the next one still to choose, else Fill in.
            if focus < offers.count { focus = undecided(from: focus + 1) ?? offers.count; return [] }
            if focus == offers.count { return apply(&s) }
            App.returnToForm(&s, session)
        case .escape:
            App.returnToForm(&s, session)
        default: break
        }
        return []
    }

    /// Fills the confirmed answers, marks them, and saves them with where
    /// they came from.
    mutating func apply(_ s: inout AppState) -> [Effect] {
        // Never filled by a guess: a person who may be more than one of
        // the people here is chosen for first.
        if let i = undecided() {
            focus = i
            message = S.offerChooseEach(offers.filter { !$0.isDecided }.map { S.role($0.sourceRole) })
            return []
        }
        var session = self.session
        let plan = self.plan()
        session.state.load(answers: plan.prefills.map { ($0.name, $0.raw) })
        for p in plan.prefills { session.prefills[p.name] = p }
        session.message = plan.prefills.isEmpty ? S.offerNobody : S.prefilledCount(plan.prefills.count, unusable: plan.unusable.count)
        session.focus = session.firstFieldFocus
        FormUpdate.enterRow(&session)
        s.page = .form(session)
        s.composer.reset()
        // Old addresses that need a choice are asked about one by one, then
        // a card scanned before the form opened.
        session.addressChoices = session.state.allPaths.compactMap { p in
            let name = session.state.name(of: p)
            return plan.oldAddressChoices[name].map { (name, $0) }
        }
        s.page = .form(session)
        OldAddressChooser.next(&s)
        return plan.prefills.isEmpty ? [] : [.savePrefills(draftID: session.draft.id, prefills: plan.prefills)]
    }

    mutating func press(_ target: HitTarget, _ s: inout AppState) -> [Effect] {
        switch target {
        case .listItem(let i):
            focus = i
            return key(.right, &s)
        case .button(let b):
            focus = offers.count + (b == "apply" ? 0 : 1)
            return key(.enter, &s)
        default:
            return []
        }
    }
}

import KioskCore

extension WelcomeState: PageScreen {
    var asPage: Page { .welcome(self) }

    mutating func key(_ key: Key, _ s: inout AppState) -> [Effect] {
        switch key {
        case .down, .tab, .right: focus = (focus + 1) % Self.itemCount
        case .up, .backTab, .left: focus = (focus + Self.itemCount - 1) % Self.itemCount
        case .text(let t) where ["1", "2", "3", "4"].contains(t):
            focus = Int(t)! - 1
            return self.key(.enter, &s)
        case .enter:
            switch focus {
            case 0: s.page = .choose(ChooseState())
            case 1: s.page = .resume(ResumeState())
            case 2: s.page = .prior(PriorState(agencyCode: s.context.agencyCode))
            case 3: s.page = .lookup(LookupState())
            default: s.language = s.language == .vi ? .en : .vi
            }
            s.composer.reset()
            return []
        default: break
        }
        return []
    }

    mutating func press(_ target: HitTarget, _ s: inout AppState) -> [Effect] {
        guard case .listItem(let i) = target else { return [] }
        focus = i
        return key(.enter, &s)
    }
}

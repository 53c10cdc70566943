import KioskCore

extension ChooseState: PageScreen {
    var asPage: Page { .choose(self) }

    /// The procedures matching the search, grouped by field (lĩnh vực) in
    /// catalogue order. While something is typed, the closest come first:
    /// the shortest title that holds the words ("thuong tru" finds "Đăng ký
    /// thường trú" before a linked procedure that also mentions it), and its
    /// field with it.
    func procedures(_ s: AppState) -> [FormDefinition] {
        var matching = s.context.forms.filter { f in
            let p = f.procedure
            return VietnameseText.matches([p.title.vi, p.title.en, p.code, p.domainName.vi, p.domainName.en].joined(separator: " "), query: query.text)
        }
        if !query.text.isEmpty {
            let language = s.language
            func inTitle(_ f: FormDefinition) -> Bool { VietnameseText.matches(f.procedure.title.text(language), query: query.text) }
            matching = matching.enumerated().sorted { a, b in
                let ka = (inTitle(a.element) ? 0 : 1, a.element.procedure.title.text(language).count, a.offset)
                let kb = (inTitle(b.element) ? 0 : 1, b.element.procedure.title.text(language).count, b.offset)
                return ka < kb
            }.map(\.element)
        }
        var domains: [String] = []
        for f in matching where !domains.contains(f.procedure.domainCode) { domains.append(f.procedure.domainCode) }
        return domains.flatMap { d in matching.filter { $0.procedure.domainCode == d } }
    }

    mutating func key(_ key: Key, _ s: inout AppState) -> [Effect] {
        let list = procedures(s)
        switch key {
        case .escape:
            s.page = .welcome()
            return []
        case .down:
            if focus == 0 { selection = min(selection + 1, max(0, list.count - 1)) }
        case .up:
            if focus == 0 { selection = max(0, selection - 1) }
        case .tab: focus = (focus + 1) % 3
        case .backTab: focus = (focus + 2) % 3
        case .enter:
            if focus == 2 { s.page = .welcome(); return [] }
            guard selection < list.count else { return [] }
            s.page = .pin(PinState(formID: list[selection].id, offered: s.priorDigits))
            s.composer.reset()
            return []
        default:
            if TextInput.edit(&query, key, composer: &s.composer, ime: s.inputMethod != .off) {
                selection = 0
                focus = 0
            }
        }
        return []
    }

    mutating func press(_ target: HitTarget, _ s: inout AppState) -> [Effect] {
        switch target {
        case .listItem(let i):
            selection = i
            focus = 0
            return []
        case .button(let b):
            focus = b == "start" ? 1 : 2
            return key(.enter, &s)
        default:
            return []
        }
    }
}

import KioskCore

/// The pages of fields: Tab and the arrows move between rows (and pages),
/// Page Up and Page Down between pages; every other key goes to the
/// focused row's input (`Inputs/`).
enum FieldsUpdate {
    static func key(_ s: inout AppState, _ f: inout FormSession, _ key: Key) -> [Effect] {
        f.message = f.saveError
        let row = f.focusedRow
        let input = row.map { f.input(for: $0) }
        if let row, let input, let taken = input.keyBeforePage(key, row, &f) { return taken }
        switch key {
        case .escape:
            s.overlay = .confirmPause
            return FormUpdate.leaveRow(&f)
        case .tab, .down: return FormUpdate.moveFocus(&s, &f, by: 1)
        case .backTab, .up: return FormUpdate.moveFocus(&s, &f, by: -1)
        case .pageDown: return FormUpdate.goOn(&s, &f)
        case .pageUp: return FormUpdate.goToPage(&s, &f, forward: false)
        default: break
        }
        guard let row, let input else { return key == .enter ? FormUpdate.goOn(&s, &f) : [] }
        return input.key(key, row, &f, &s)
    }

    static func press(_ s: inout AppState, _ f: inout FormSession, _ target: HitTarget) -> [Effect] {
        switch target {
        case .field(let i):
            guard i != f.focus else { return [] }
            let effects = FormUpdate.leaveRow(&f)
            f.focus = i
            FormUpdate.enterRow(&f)
            s.composer.reset()
            return effects
        case .listItem(let i):
            // A line of an open list, or an option of a choice or check row.
            guard let row = f.focusedRow else { return [] }
            f.message = f.saveError
            return f.input(for: row).press(item: i, row, &f, &s)
        case .page(let p) where p > f.page:
            // Forward, past a page with problems: asked first.
            return FormUpdate.goOn(&s, &f, to: p)
        case .page(let p):
            return FormUpdate.goToPage(&s, &f, page: p)
        case .button(let b) where b.hasPrefix("row."):
            f.focus = Int(b.dropFirst(4))!
            return key(&s, &f, .enter)
        default:
            return []
        }
    }
}

import KioskCore

/// Có / Không: a choice list of the two, stored as `yes` and `no`.
struct YesNoInput: FieldInput {
    static let options = [ChoiceOption(value: "yes", label: S.yes), ChoiceOption(value: "no", label: S.no)]
    private let list = ChoiceListInput(options: Self.options)

    func key(_ key: Key, _ row: FormRow, _ f: inout FormSession, _ s: inout AppState) -> [Effect] {
        list.key(key, row, &f, &s)
    }

    func press(item i: Int, _ row: FormRow, _ f: inout FormSession, _ s: inout AppState) -> [Effect] {
        list.press(item: i, row, &f, &s)
    }

    func draw(_ c: inout Canvas, _ row: FormRow, _ f: FormSession, _ s: AppState, _ at: InputPlace) {
        list.draw(&c, row, f, s, at)
    }

    func linesBelow(_ row: FormRow, _ f: FormSession, _ s: AppState, _ at: InputPlace) -> [FormLine] {
        list.linesBelow(row, f, s, at)
    }
}

import KioskCore

/// One kind of input on a form page, in a file of its own (as huh keeps
/// one file per field type): the keys it takes while focused, how it is
/// drawn, and the lines it opens under itself.
protocol FieldInput {
    /// Keys the input takes before the page moves the focus (Esc, ↑, ↓ in
    /// an open list); nil leaves them to the page.
    func keyBeforePage(_ key: Key, _ row: FormRow, _ f: inout FormSession) -> [Effect]?
    /// A key while the row has the focus.
    func key(_ key: Key, _ row: FormRow, _ f: inout FormSession, _ s: inout AppState) -> [Effect]
    /// A press on item `i` of the input (an option, a line of its list).
    func press(item i: Int, _ row: FormRow, _ f: inout FormSession, _ s: inout AppState) -> [Effect]
    /// Draws the input on its row.
    func draw(_ c: inout Canvas, _ row: FormRow, _ f: FormSession, _ s: AppState, _ place: InputPlace)
    /// Lines the focused input opens under its row (a list to choose from).
    func linesBelow(_ row: FormRow, _ f: FormSession, _ s: AppState, _ place: InputPlace) -> [FormLine]
}

extension FieldInput {
    func keyBeforePage(_ key: Key, _ row: FormRow, _ f: inout FormSession) -> [Effect]? { nil }
    func press(item i: Int, _ row: FormRow, _ f: inout FormSession, _ s: inout AppState) -> [Effect] { [] }
    func linesBelow(_ row: FormRow, _ f: FormSession, _ s: AppState, _ place: InputPlace) -> [FormLine] { [] }
}

/// Where an input is drawn: its row's place on the page.
struct InputPlace {
    var x: Int
    var y: Int
    var width: Int
    var focused: Bool
    /// The row's index among the page's focusable rows (what a press on it focuses).
    var focusIndex: Int
}

extension FormSession {
    /// How a row takes input.
    func input(for row: FormRow) -> any FieldInput {
        switch row {
        case .addItem, .removeItem, .priorEntry, .copyPerson, .copyAddress, .copyToApplicant: return ButtonRowInput()
        case .groupHeader, .note: return ReadOnlyInput()
        case .addressPart(_, let part): return part == 2 ? LineInput(latinOnly: false, digitsOnly: false) : PickerInput()
        case .field(let p):
            let f = form.fields[p.field]
            if !f.isEditable { return ReadOnlyInput() }
            switch f.type {
            case .yesno: return YesNoInput()
            case .choice:
                // The options the form's choice_filter lets through now; a
                // list that filters down to nothing says why in a picker.
                let offered = state.offeredOptions(field: f, at: p)
                if f.dataset == nil && f.options.count <= 4 && f.options.allSatisfy({ VietnameseText.displayWidth($0.label.vi) <= 18 }) && !offered.isEmpty {
                    return ChoiceListInput(options: offered)
                }
                return PickerInput()
            case .multichoice:
                if f.dataset == nil { return ChecksInput(options: state.offeredOptions(field: f, at: p)) }
                return PickerInput()
            case .document: return DocumentToggleInput()
            case .date: return DateInput()
            case .money: return MoneyInput()
            case .id_number: return IDNumberInput()
            case .text where f.suggest != nil: return SuggestInput()
            default: return LineInput(latinOnly: f.type.isLatinOnly, digitsOnly: [.integer, .id_number].contains(f.type))
            }
        }
    }

    /// The raw text of a row's input (an address part is one of its three).
    public func raw(_ row: FormRow) -> String {
        switch row {
        case .field(let p): return state.raw(p)
        case .addressPart(let p, let part):
            let parts = FieldValueParser.addressParts(state.raw(p))
            return [parts.province, parts.commune, parts.detail][part]
        default: return ""
        }
    }

    /// The new raw answer of a field when one row's input becomes `text`.
    public func answer(setting row: FormRow, to text: String) -> (FieldPath, String)? {
        switch row {
        case .field(let p): return (p, text)
        case .addressPart(let p, let part):
            var parts = FieldValueParser.addressParts(state.raw(p))
            switch part {
            case 0:
                // A new province clears a commune that belongs to another one.
                if parts.province != text { parts.commune = "" }
                parts.province = text
            case 1: parts.commune = text
            default: parts.detail = text.replacingOccurrences(of: "|", with: "/")
            }
            if parts.province.isEmpty && parts.commune.isEmpty && parts.detail.isEmpty { return (p, "") }
            return (p, "\(parts.province)|\(parts.commune)|\(parts.detail)")
        default: return nil
        }
    }
}

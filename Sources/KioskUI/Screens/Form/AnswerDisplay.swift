import KioskCore

extension FormSession {
    /// An answer as a person reads it.
    func display(_ value: ExprValue, raw: String, row: FormRow, language: Language) -> String {
        guard let p = row.path else { return value.description }
        let field = form.fields[p.field]
        switch field.type {
        case .choice, .multichoice: return label(ofCode: raw, in: row, language: language)
        case .yesno: return value == .bool(true) ? S.yes.text(language) : S.no.text(language)
        case .money:
            if case .number(let n) = value { return Money.text(Int(n), language, short: true) }
            return value.description
        case .document: return DocumentText.given(raw, documents: documents, language) ?? raw
        default: return value.description
        }
    }
}

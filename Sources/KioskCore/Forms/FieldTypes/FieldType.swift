/// The type of a field, as a form names it (`"type": "date"`). What each
/// type accepts in a form file, how it reads an answer and what it checks
/// is in the type's own file in this folder (`DateField.swift`, …), one
/// `FieldTypeRules` each; `rules` finds it.
public enum FieldType: String, Sendable, CaseIterable {
    case text, textarea, integer, decimal, money, date, yesno, choice, multichoice
    case id_number, phone, email, address, `repeat`, note, document, calculate

    /// Everything this type knows.
    var rules: any FieldTypeRules.Type {
        switch self {
        case .text: return TextField.self
        case .textarea: return TextareaField.self
        case .integer: return IntegerField.self
        case .decimal: return DecimalField.self
        case .money: return MoneyField.self
        case .date: return DateField.self
        case .yesno: return YesNoField.self
        case .choice: return ChoiceField.self
        case .multichoice: return MultichoiceField.self
        case .id_number: return IDNumberField.self
        case .phone: return PhoneField.self
        case .email: return EmailField.self
        case .address: return AddressField.self
        case .repeat: return RepeatField.self
        case .note: return NoteField.self
        case .document: return DocumentField.self
        case .calculate: return CalculateField.self
        }
    }

    /// Types whose keys are digits or codes: the Vietnamese input method is
    /// switched off in them.
    public var isLatinOnly: Bool { rules.isLatinOnly }

    /// Types that hold an answer of their own.
    public var holdsAnswer: Bool { rules.holdsAnswer }

    /// Types a person sees on a page and in the review (not a hidden
    /// `calculate`).
    public var isShown: Bool { rules.isShown }

    /// The keys of a field that only some types take, in the order the
    /// loader reports them where they do not apply. Each type lists those it
    /// takes in `FieldTypeRules.attributes`.
    static let typeSpecificKeys = ["max_length", "min", "max", "precision", "options", "dataset", "filter", "cross_check",
                                   "component", "fields", "min_count", "max_count", "item_label", "text",
                                   "choice_filter", "show_codes", "suggest"]

    /// The keys every field may have, unless its type refuses them
    /// (`FieldTypeRules.refusedKeys`).
    static let commonKeys = ["id", "type", "key", "label", "help", "required", "visible_if", "read_only", "default", "compute",
                             "constraints", "basis"]
}

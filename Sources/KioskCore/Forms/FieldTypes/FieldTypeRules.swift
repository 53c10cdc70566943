/// What one field type knows, in one place: the keys it takes in a form
/// file and how the loader reads them, how a typed answer is read and
/// checked, and how a computed value is stored. Each type is an enum in its
/// own file of this folder; `FieldType.rules` maps a type to it. Every
/// member has a default (below) that a type overrides only where it differs.
protocol FieldTypeRules {
    // MARK: In the form file

    /// The keys of `FieldType.typeSpecificKeys` this type takes
    /// (`max_length` for a text). Any other of them is an error.
    static var attributes: Set<String> { get }
    /// Keys every other field takes that this type does not (a note has no
    /// answer to require).
    static var refusedKeys: [String] { get }
    /// Loader, pass 1: the label (and what goes with it), into `field`.
    static func readLabel(_ field: inout FieldDefinition, _ source: FieldSource, loader: inout FormLoader)
    /// Loader, pass 1: this type's attributes, into `loader.fields[source.index]`.
    static func readAttributes(_ source: FieldSource, loader: inout FormLoader)
    /// Loader, pass 2: attributes naming other fields (all are known then).
    static func resolveAttributes(_ source: FieldSource, loader: inout FormLoader)

    // MARK: On the screen

    /// Keys are digits or codes: the Vietnamese input method is off.
    static var isLatinOnly: Bool { get }
    /// The field holds an answer of its own (not a note or a group).
    static var holdsAnswer: Bool { get }
    /// The field has a row on its page and a line in the review (a hidden
    /// `calculate` has neither).
    static var isShown: Bool { get }

    // MARK: Answers

    /// Whether a trimmed answer counts as not given.
    static func isEmptyAnswer(_ text: String) -> Bool
    /// A given answer (`text`, trimmed; `raw` as typed) as expressions see
    /// it (null when not valid), and what is wrong with it for a person to read.
    static func read(_ text: String, raw: String, field: FieldDefinition, datasets: DatasetCatalog) -> (ExprValue, LocalizedText?)
    /// A dossier keeps the answer as typed (trimmed, NFC), not its value's text.
    static var keepsTypedText: Bool { get }
    /// A computed value as this type stores it (an integer rounds).
    static func coerce(_ value: ExprValue) -> ExprValue
    /// What expressions see of an answer, for the load-time type check
    /// (docs/forms.md, "Expression types"); the fields' attributes are read.
    static func valueType(_ field: FieldDefinition, datasets: DatasetCatalog) -> ExprType
    /// Checks of a valid, non-empty answer against other answers of the
    /// form (an id number against the birth date), after the type's own.
    static func issues(_ value: ExprValue, at path: FieldPath, field: FieldDefinition, in state: FormState) -> [LocalizedText]
}

/// One field's object in the form file, while the loader reads it.
struct FieldSource {
    var members: [String: SourceJSON]
    /// The field's index in the form.
    var index: Int
    var location: SourceLocation
    var page: Int
    /// The repeat group the field is in.
    var group: Int?

    subscript(key: String) -> SourceJSON? { members[key] }
}

extension FieldTypeRules {
    static var attributes: Set<String> { [] }
    static var refusedKeys: [String] { [] }
    static var isLatinOnly: Bool { false }
    static var holdsAnswer: Bool { true }
    static var isShown: Bool { true }
    static var keepsTypedText: Bool { false }

    static func readLabel(_ field: inout FieldDefinition, _ source: FieldSource, loader: inout FormLoader) {
        field.label = loader.text(source["label"], "label", at: source.location) ?? field.label
    }

    static func readAttributes(_ source: FieldSource, loader: inout FormLoader) {}
    static func resolveAttributes(_ source: FieldSource, loader: inout FormLoader) {}
    static func isEmptyAnswer(_ text: String) -> Bool { text.isEmpty }
    static func coerce(_ value: ExprValue) -> ExprValue { value }
    /// Most types are seen as a text (an id number, a phone, an address…).
    static func valueType(_ field: FieldDefinition, datasets: DatasetCatalog) -> ExprType { .text }

    static func issues(_ value: ExprValue, at path: FieldPath, field: FieldDefinition, in state: FormState) -> [LocalizedText] {
        []
    }
}

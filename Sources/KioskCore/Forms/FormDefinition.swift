/// A problem found in a form or dataset file, at a line and column.
public struct FormDiagnostic: Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var location: SourceLocation
    public var isError: Bool
    public var message: LocalizedText

    public static func error(_ file: String, _ location: SourceLocation, _ vi: String, _ en: String) -> FormDiagnostic {
        FormDiagnostic(file: file, location: location, isError: true, message: LocalizedText(vi: vi, en: en))
    }

    public static func warning(_ file: String, _ location: SourceLocation, _ vi: String, _ en: String) -> FormDiagnostic {
        FormDiagnostic(file: file, location: location, isError: false, message: LocalizedText(vi: vi, en: en))
    }

    /// `FILE:LINE:COL: message` (warnings say so); `FILE: message` for a
    /// problem of a whole file or folder (line 0).
    public func text(_ language: Language) -> String {
        let prefix = isError ? "" : (language == .vi ? "cảnh báo: " : "warning: ")
        let place = location.line == 0 ? file : "\(file):\(location.line):\(location.column)"
        return "\(place): \(prefix)\(message.text(language))"
    }

    public var description: String { text(.en) }
}

public enum Requirement: Sendable {
    case optional
    case always
    case when(CompiledExpr)
}

public struct ChoiceOption: Sendable, Hashable {
    public var value: String
    public var label: LocalizedText

    public init(value: String, label: LocalizedText) {
        self.value = value
        self.label = label
    }
}

public struct FieldConstraint: Sendable {
    public var check: CompiledExpr
    public var message: LocalizedText
}

public struct FieldDefinition: Sendable {
    public var id: String
    public var index: Int
    public var type: FieldType
    public var key: String?
    public var label: LocalizedText
    public var help: LocalizedText?
    /// `${expression}` inside the label, help or note text: compiled, the
    /// texts are built from the answers whenever they are shown
    /// (`FormState.label(of:)`); nil when the text has none.
    public var labelTemplate: TextTemplate?
    public var helpTemplate: TextTemplate?
    public var noteTemplate: TextTemplate?
    public var required: Requirement = .optional
    public var visibleIf: CompiledExpr?
    public var readOnly = false
    public var defaultRaw: String?
    public var compute: CompiledExpr?
    public var constraints: [FieldConstraint] = []
    public var maxLength = 200
    public var min: Double?
    public var max: Double?
    public var precision: Set<CalendarDate.Precision> = [.day]
    public var options: [ChoiceOption] = []
    public var dataset: String?
    /// The field whose answer filters the dataset rows by their parent.
    public var filterField: Int?
    /// `choice_filter`: only the rows (or options) for which it is true are
    /// offered; `row('column')` in it reads the candidate's column.
    public var choiceFilter: CompiledExpr?
    /// `show_codes`: a dataset choice shows each row's code before its name.
    public var showCodes = false
    /// `suggest` (text): dataset rows offered while typing; one chosen gives
    /// the text and fills other answers.
    public var suggest: Suggestion?
    public var crossCheckBirthDate: Int?
    public var crossCheckGender: Int?
    public var component: String?
    /// Repeat groups: the fields of one item, and the count limits.
    public var children: [Int] = []
    public var minCount = 0
    public var maxCount = 20
    public var itemLabel: LocalizedText?
    public var noteText: LocalizedText?
    public var page: Int
    /// The repeat group this field belongs to, and its position in an item.
    public var group: Int?
    public var localIndex = -1
    public var location: SourceLocation
    /// The legal source of the question (document number and article).
    public var basis: LocalizedText?

    public var isEditable: Bool { !readOnly && compute == nil && type.holdsAnswer }
}

public struct PageDefinition: Sendable {
    public var id: String
    public var title: LocalizedText
    public var visibleIf: CompiledExpr?
    /// The legal source of the page's questions.
    public var basis: LocalizedText?
    /// Fields of the page outside repeat groups, in order (a repeat field
    /// stands for its whole group).
    public var fields: [Int]
}

public enum ServiceLevel: String, Sendable {
    case full, partial

    public var label: LocalizedText {
        switch self {
        case .full: return LocalizedText(vi: "Toàn trình", en: "Fully online")
        case .partial: return LocalizedText(vi: "Một phần", en: "Partly online")
        }
    }
}

public enum ResultDelivery: String, Sendable, CaseIterable {
    case desk, post, online

    public var label: LocalizedText {
        switch self {
        case .desk: return LocalizedText(vi: "Tại bộ phận một cửa", en: "At the one-stop desk")
        case .post: return LocalizedText(vi: "Qua bưu chính công ích", en: "By public postal service")
        case .online: return LocalizedText(vi: "Trực tuyến", en: "Online")
        }
    }
}

public struct DocumentComponent: Sendable {
    public var code: String
    public var name: LocalizedText
    public var required: Requirement
    public var copies: Int
    public var original: Bool
    public var reusable: Bool
    public var note: LocalizedText?
    /// What the document is, as `role.kind` (`bride.identity_document`):
    /// how a document of an earlier dossier is matched to this component.
    public var key: String?
    /// The legal source that asks for (or no longer asks for) it.
    public var basis: LocalizedText?
    /// When the office looks the document up itself in a national database
    /// (Nghị định 07/2025/NĐ-CP, Nghị quyết 66.7/2025/NQ-CP): always,
    /// never, or while an expression is true. While it is looked up, the
    /// document is not required and is shown as not needed unless the office
    /// asks, never as a paper to bring.
    public var lookedUp: Requirement = .optional
}

/// A declared change of role between procedures: the person who was `from`
/// in an earlier dossier (the bride of a marriage registration) may be `to`
/// in this form (the mother). Offered to the citizen, never applied unseen.
/// `role_answers`: answers an earlier dossier gives when its people take
/// these roles here together, though no answer of it holds them: the bride
/// and the groom of a marriage as the mother and the father of a birth are
/// married, and the father is known.
public struct RoleAnswers: Sendable {
    /// Source role → role here; all must hold, from the same dossier.
    public var when: [String: String]
    /// The answers (top-level fields), as typed.
    public var answers: [(field: Int, raw: String)]
    public var basis: LocalizedText?
}

public struct RoleMapping: Sendable, Equatable {
    public var from: String
    public var to: String

    public init(from: String, to: String) {
        self.from = from
        self.to = to
    }
}

/// A procedure handled in the same sitting as the form's own, from the same
/// answers (liên thông, Nghị định 63/2024/NĐ-CP: birth registration,
/// permanent residence and a health-insurance card for a child under six).
/// It has its own agency, fee and processing time; the receipt lists each.
public struct LinkedProcedure: Sendable {
    public var code: String
    public var title: LocalizedText
    public var agency: LocalizedText?
    public var processingDays: Int
    public var feeAmount: Int
    public var feeNote: LocalizedText?
    public var basis: LocalizedText?
    /// Always, or while an expression is true (the citizen chose it).
    public var included: Requirement
}

/// What a procedure's charge is called in law (Luật Phí và lệ phí 2015):
/// a lệ phí for a state service, a phí for a service provided.
public enum FeeKind: String, Sendable {
    case lePhi = "le_phi"
    case phi
}

public struct Procedure: Sendable {
    public var code: String
    public var title: LocalizedText
    public var domainCode: String
    public var domainName: LocalizedText
    public var level: ServiceLevel
    public var feeAmount: Int
    /// `fee.amount` written as an expression: the fee computed from the
    /// answers (`FormState.fee`); `feeAmount` is then 0.
    public var feeExpression: CompiledExpr?
    public var feeNote: LocalizedText?
    /// `fee.kind`: what the charge is in law, a "lệ phí" (the default) or a
    /// "phí" (a fee for a service: copies of extracts, criminal records).
    public var feeKind: FeeKind = .lePhi
    /// The top-level `money` field that computes this dossier's fee, when the
    /// amount depends on the answers (copies, pages, who is exempt).
    public var feeField: String?
    public var processingDays: Int
    public var delivery: [ResultDelivery]
    public var agency: LocalizedText?
    public var documents: [DocumentComponent]
    /// The legal basis of the procedure as a whole (its decrees and
    /// circulars, with articles).
    public var basis: LocalizedText?
    /// Procedures done in the same sitting (liên thông), besides this one.
    public var linked: [LinkedProcedure] = []
}

/// A procedure's form, loaded and checked: expressions compiled, references
/// resolved, the dependency graph built. Immutable and shared.
public final class FormDefinition: Sendable {
    public let id: String
    public let version: String
    public let file: String
    public let procedure: Procedure
    public let pages: [PageDefinition]
    public let fields: [FieldDefinition]
    public let summary: CompiledExpr?
    /// The declaration the citizen ticks on the review page, in the words of
    /// the procedure's official declaration form; nil: the kiosk's own.
    public let declaration: LocalizedText?
    public let roleMappings: [RoleMapping]
    public let roleAnswers: [RoleAnswers]
    public let datasets: DatasetCatalog
    public let fieldIndexByID: [String: Int]
    /// The file's bytes as loaded: kept with drafts and dossiers, so that
    /// they can be opened with this version after the form has changed.
    public let source: [UInt8]
    let graph: DependencyGraph
    /// Where each field sits among repeat groups (GroupNesting.swift).
    let nesting: [FieldNesting]

    init(id: String, version: String, file: String, procedure: Procedure, pages: [PageDefinition],
         fields: [FieldDefinition], summary: CompiledExpr?, declaration: LocalizedText? = nil, roleMappings: [RoleMapping] = [], roleAnswers: [RoleAnswers] = [], datasets: DatasetCatalog,
         graph: DependencyGraph, source: [UInt8]) {
        self.id = id
        self.version = version
        self.file = file
        self.procedure = procedure
        self.pages = pages
        self.fields = fields
        self.summary = summary
        self.declaration = declaration
        self.roleMappings = roleMappings
        self.roleAnswers = roleAnswers
        self.datasets = datasets
        self.graph = graph
        self.source = source
        var byID: [String: Int] = [:]
        for f in fields { byID[f.id] = f.index }
        self.fieldIndexByID = byID
        self.nesting = GroupNesting.table(fields)
    }

    public func field(_ id: String) -> FieldDefinition? {
        fieldIndexByID[id].map { fields[$0] }
    }

    /// Fields of a repeat group or of the whole form with this semantic key.
    public func fields(withKey key: String) -> [FieldDefinition] {
        fields.filter { $0.key == key }
    }

    /// The roles this form's field keys use (`mother` for `mother.full_name`).
    public var roles: Set<String> { SemanticKeys.roles(of: fields) }
}

import KioskCore

/// The paper a citizen takes away when a draft is left: on pausing, and
/// before an idle screen is cleared. What it holds is enough to continue
/// and nothing more: the procedure, the resume code, when, and where to
/// continue. No name, no answer, never the four digits.
public struct ResumeSlip: Sendable, Equatable {
    public var stationName: String
    public var procedureTitle: LocalizedText
    public var procedureCode: String
    public var resumeCode: String
    public var madeAt: Double

    public init(stationName: String, procedureTitle: LocalizedText, procedureCode: String, resumeCode: String, madeAt: Double) {
        self.stationName = stationName
        self.procedureTitle = procedureTitle
        self.procedureCode = procedureCode
        self.resumeCode = resumeCode
        self.madeAt = madeAt
    }

    /// The slip as plain text for a printer `columns` wide (42 or 80).
    public func text(columns: Int, language: Language) -> String {
        var paper = PaperText(columns: columns, language: language, title: S.slipTitle, station: stationName)
        paper.field(S.procedure, procedureTitle.text(language) + " (\(procedureCode))")
        paper.field(S.resumeCodeShort, resumeCode)
        paper.field(S.slipMadeAt, VietnamTime(unix: madeAt).clockAndDate)
        paper.paragraph(S.slipHowTo)
        return paper.text
    }
}

extension App {
    /// The slip of the draft open on screen, to print as it is left (on
    /// pausing, before an idle clear); nothing when no form is open.
    static func resumeSlipEffects(_ s: AppState) -> [Effect] {
        guard let f = s.page.formSession else { return [] }
        let slip = ResumeSlip(stationName: s.context.stationName, procedureTitle: f.form.procedure.title,
                              procedureCode: f.form.procedure.code, resumeCode: f.draft.resumeCode, madeAt: s.now)
        return [.printSlip(slip, s.language)]
    }

    /// The idle warning's line with the resume code of the open draft.
    static func idleResumeLine(_ s: AppState) -> String {
        guard let f = s.page.formSession else { return "" }
        return "\n" + s.text(S.idleResumeCode) + ": " + f.draft.resumeCode + ". " + s.text(S.slipWillPrint)
    }
}

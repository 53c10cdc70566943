import Foundation
import KioskCore

/// What the citizen takes away: a receipt for a finalized dossier, shown on
/// screen and printed in 42 or 80 columns.
public struct Receipt: Sendable, Equatable {
    public var stationName: String
    public var procedureTitle: LocalizedText
    public var procedureCode: String
    public var receiptNumber: String
    public var submissionID: String
    public var officialCode: String?
    public var submittedAt: Double
    /// The due date expected locally (processing days counted in working
    /// days); the server's own date replaces it once it answers.
    public var dueDate: CalendarDate
    public var bring: [LocalizedText]

    public init(stationName: String, form: FormDefinition, dossier: DossierSummary, state: FormState, now: Double) {
        self.stationName = stationName
        self.procedureTitle = form.procedure.title
        self.procedureCode = form.procedure.code
        self.receiptNumber = dossier.receiptNumber
        self.submissionID = dossier.submissionID
        self.officialCode = dossier.officialCode
        self.submittedAt = now
        let today = VietnamTime(unix: now).date
        self.dueDate = dossier.dueDate.flatMap(CalendarDate.parseISO) ?? Self.addWorkingDays(form.procedure.processingDays, to: today)
        // Documents to show at the desk, and the citizen's id for collecting.
        var bring: [LocalizedText] = []
        for d in form.procedure.documents where state.isRequired(document: d) {
            let answer = form.fields.first { $0.component == d.code }.map { state.value(FieldPath(field: $0.index)) }
            if answer == .text("desk") || answer == nil || answer == .null { bring.append(d.name) }
        }
        self.bring = bring
    }

    /// Working days after `date`, skipping Saturdays and Sundays. Public
    /// holidays are not known here; the server's due date, when it comes,
    /// is the one that counts.
    public static func addWorkingDays(_ days: Int, to date: CalendarDate) -> CalendarDate {
        var d = date
        var left = days
        while left > 0 {
            d = d.adding(days: 1)
            if d.weekday != 0 && d.weekday != 6 { left -= 1 }
        }
        return d
    }

    /// The receipt as plain text for a printer `columns` wide (42 or 80).
    public func text(columns: Int, language: Language) -> String {
        func t(_ l: LocalizedText) -> String { l.text(language) }
        func center(_ s: String) -> String {
            let w = VietnameseText.displayWidth(s)
            return w >= columns ? s : String(repeating: " ", count: (columns - w) / 2) + s
        }
        func wrap(_ label: String, _ value: String) -> [String] {
            let head = label + ": "
            let indent = String(repeating: " ", count: min(VietnameseText.displayWidth(head), columns / 3))
            return WordWrap.lines(value, width: columns, first: head, indent: indent)
        }
        let rule = String(repeating: "-", count: columns)
        var out: [String] = [center(t(S.receiptTitle)), center(stationName), rule]
        out += wrap(t(S.procedure), t(procedureTitle) + " (\(procedureCode))")
        out += wrap(t(S.receiptNumber), receiptNumber)
        out += wrap(t(S.dossierCode), officialCode ?? t(S.pendingUpload))
        out += wrap(t(S.submittedAt), VietnamTime(unix: submittedAt).clockAndDate)
        out += wrap(t(S.dueDate), dueDate.description)
        if !bring.isEmpty { out += wrap(t(S.bring), bring.map(t).joined(separator: "; ")) }
        out += WordWrap.lines(t(S.lookupHint), width: columns)
        out.append(rule)
        return out.joined(separator: "\n") + "\n"
    }
}

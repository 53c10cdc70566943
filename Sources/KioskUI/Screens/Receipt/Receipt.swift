import Foundation
import KioskCore

/// What the citizen takes away: a receipt for a finalized dossier, shown on
/// screen and printed in 42 or 80 columns. Codable: a receipt saved as a
/// file while its official code has not come is kept beside it, so that the
/// runtime can write the final one (`ReceiptFiles` in KioskRuntime).
public struct Receipt: Sendable, Equatable, Codable {
    public var stationName: String
    public var procedureTitle: LocalizedText
    public var procedureCode: String
    public var receiptNumber: String
    public var submissionID: String
    public var officialCode: String?
    public var submittedAt: Double
    /// The due date: the station's own count (processing days in working
    /// days, the holidays of `Forms/datasets/holidays.csv`, the reference
    /// server's rule) until the server's date replaces it.
    public var dueDate: CalendarDate
    /// True while `dueDate` is the station's count: printed "expected".
    public var dueDateIsExpected: Bool
    /// Every document to show at the desk: those the citizen said they bring
    /// there, and those required but neither attached nor reused.
    public var bring: [LocalizedText]
    /// Documents the office looks up itself in national databases: brought
    /// only if the office asks. Optional so that receipts saved before it
    /// existed still open.
    public var lookedUp: [LocalizedText]?
    /// The fee in đồng as the answers make it (`FormState.fee`: the
    /// `fee.field`, the `fee.amount` expression, or the flat amount); plus
    /// the fees of the linked procedures included.
    public var fee: Int
    /// The procedures done in the same sitting (liên thông), each with its
    /// own agency and due date. Optional so that older receipts still open.
    public var linked: [Linked]?
    /// `fee.kind` of the procedure (`le_phi`, `phi`): the fee line reads
    /// "Lệ phí" or "Phí". Optional so that older receipts still open.
    public var feeKind: String?

    /// The documents given electronically with the dossier (a file made
    /// or attached here, a reuse of an earlier dossier's): each its name
    /// and what was given. Optional so that older receipts still open.
    public var given: [Given]?

    public struct Given: Sendable, Equatable, Codable {
        public var name: LocalizedText
        /// "tệp PDF · 3 trang · 1,2 MB", "dùng lại từ hồ sơ …".
        public var what: LocalizedText
    }

    public struct Linked: Sendable, Equatable, Codable {
        public var title: LocalizedText
        public var code: String
        public var agency: LocalizedText?
        public var dueDate: CalendarDate
    }

    /// `documents`: the files given in the session, by SHA-256 (their pages
    /// and size, for the list of documents given).
    public init(stationName: String, form: FormDefinition, dossier: DossierSummary, state: FormState, now: Double,
                documents: [String: MadeDocument] = [:]) {
        self.stationName = stationName
        self.procedureTitle = form.procedure.title
        self.procedureCode = form.procedure.code
        self.receiptNumber = dossier.receiptNumber
        self.submissionID = dossier.submissionID
        self.officialCode = dossier.officialCode
        self.submittedAt = now
        let today = VietnamTime(unix: now).date
        let calendar = WorkingCalendar(datasets: form.datasets)
        if let server = dossier.dueDate.flatMap(CalendarDate.parseISO) {
            self.dueDate = server
            self.dueDateIsExpected = false
        } else {
            self.dueDate = calendar.adding(workingDays: form.procedure.processingDays, to: today)
            self.dueDateIsExpected = true
        }
        self.bring = Self.documentsToBring(form: form, state: state)
        let given = Self.documentsGiven(form: form, state: state, documents: documents)
        self.given = given.isEmpty ? nil : given
        let lookedUp = form.procedure.documents.filter { state.isLookedUp(document: $0) }.map(\.name)
        self.lookedUp = lookedUp.isEmpty ? nil : lookedUp
        let fee = state.fee ?? form.procedure.feeAmount
        let linked = state.includedLinkedProcedures
        self.linked = linked.isEmpty ? nil : linked.map {
            Linked(title: $0.title, code: $0.code, agency: $0.agency, dueDate: calendar.adding(workingDays: $0.processingDays, to: today))
        }
        // The dossier is ready when its last procedure is (the server's rule too).
        if dueDateIsExpected, let last = self.linked?.map(\.dueDate).max(), last > dueDate { dueDate = last }
        self.fee = fee + linked.map(\.feeAmount).reduce(0, +)
        self.feeKind = form.procedure.feeKind == .lePhi ? nil : form.procedure.feeKind.rawValue
    }

    /// Every document component brought to the desk (any of its fields
    /// says `desk`, required or not), and every required one that is
    /// neither attached nor reused.
    static func documentsToBring(form: FormDefinition, state: FormState) -> [LocalizedText] {
        var bring: [LocalizedText] = []
        for d in form.procedure.documents where !state.isLookedUp(document: d) {
            let paths = form.fields.filter { $0.component == d.code && $0.group == nil }.map { FieldPath(field: $0.index) }
            let values = paths.map { state.value($0) }
            let atDesk = values.contains(.text("desk"))
            let provided = values.contains { if case .text(let t) = $0 { return t.hasPrefix("file:") || t.hasPrefix("reuse:") } else { return false } }
            let required = state.isRequired(document: d) || paths.contains { state.isVisible($0) && state.isRequired($0) }
            if atDesk || (required && !provided) { bring.append(d.name) }
        }
        return bring
    }

    /// Each document field answered with a file or a reuse, in form order.
    static func documentsGiven(form: FormDefinition, state: FormState, documents: [String: MadeDocument]) -> [Given] {
        form.fields.compactMap { field in
            let p = FieldPath(field: field.index)
            let raw = state.raw(p)
            guard field.type == .document, field.group == nil, state.isVisible(p), raw != "desk",
                  let vi = DocumentText.given(raw, documents: documents, .vi),
                  let en = DocumentText.given(raw, documents: documents, .en) else { return nil }
            return Given(name: state.label(of: p), what: LocalizedText(vi: vi, en: en))
        }
    }

    /// The server's answer: its code, and its due date, no longer expected.
    public mutating func applyOfficial(code: String, dueDate: String?) {
        officialCode = code
        if let due = dueDate.flatMap(CalendarDate.parseISO) {
            self.dueDate = due
            dueDateIsExpected = false
        }
    }

    /// An amount in đồng as people read it: 15.000 đồng, 15,000 VND.
    static func money(_ amount: Int, _ language: Language) -> String { Money.text(amount, language) }

    /// The receipt as plain text for a printer `columns` wide (42 or 80).
    public func text(columns: Int, language: Language) -> String {
        var paper = PaperText(columns: columns, language: language, title: S.receiptTitle, station: stationName)
        paper.field(S.procedure, procedureTitle.text(language) + " (\(procedureCode))")
        paper.field(S.receiptNumber, receiptNumber)
        paper.field(S.dossierCode, officialCode ?? S.pendingUpload.text(language))
        paper.field(S.submittedAt, VietnamTime(unix: submittedAt).clockAndDate)
        paper.field(dueDateIsExpected ? S.dueDateExpected : S.dueDate, dueDate.description)
        for l in linked ?? [] {
            let agency = l.agency.map { " — " + $0.text(language) } ?? ""
            paper.field(S.linkedProcedure, "\(l.title.text(language)) (\(l.code))\(agency) — \(S.linkedDue.text(language)) \(l.dueDate.description)")
        }
        paper.field(S.fee(feeKind.flatMap(FeeKind.init(rawValue:)) ?? .lePhi), Self.money(fee, language))
        for g in given ?? [] { paper.field(S.documentGiven, g.name.text(language) + ": " + g.what.text(language)) }
        if !bring.isEmpty { paper.field(S.bring, bring.map { $0.text(language) }.joined(separator: "; ")) }
        if let lookedUp, !lookedUp.isEmpty { paper.field(S.lookedUp, lookedUp.map { $0.text(language) }.joined(separator: "; ")) }
        paper.paragraph(officialCode == nil ? S.lookupHintReceipt : S.lookupHint)
        return paper.text
    }
}

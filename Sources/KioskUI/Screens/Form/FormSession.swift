import KioskCore

/// A form being filled: the answers (`FormState`), its draft, and where the
/// person is.
public struct FormSession: Sendable {
    public enum Stage: Sendable, Equatable { case fields, documents, review }

    public var form: FormDefinition
    public var state: FormState
    public var draft: DraftRef
    public var stage: Stage = .fields
    public var page = 0
    /// Index into the focusable rows of the page (or review lines).
    public var focus = 0
    public var scroll = 0
    /// The text being edited in the focused input.
    public var edit = LineEdit()
    /// For choices from a list: what is typed to filter it, and the highlight.
    public var pickerQuery = LineEdit()
    public var pickerIndex = 0
    /// For a text with suggestions: the highlighted one (nil: none, the
    /// typed text is the answer).
    public var suggestIndex: Int?
    /// Something was typed or chosen in the focused row since it was entered.
    public var typedInRow = false
    /// Answers left after something was typed in them: their problems are shown.
    public var touched: Set<FieldPath> = []
    /// Pages the person tried to leave with problems: all shown.
    public var checkedPages: Set<Int> = []
    /// Pages whose problems were already pointed out on leaving: not asked again.
    public var askedPages: Set<Int> = []
    /// Pages the person has been on (marked ✓ when they have no problem).
    public var visitedPages: Set<Int> = []
    public var savedAt: Double?
    public var saveError: LocalizedText?
    /// A save failed: the next save writes every answer again, so that
    /// nothing typed while the disk was busy or full stays unsaved.
    public var needsFullSave = false
    public var declared = false
    public var message: LocalizedText?
    /// A key the focused field refused ("“t” không dùng được ở đây"): said
    /// until the field is left, so that "1,5" typed quickly still says why
    /// it reads 15.
    public var keyRefusal: LocalizedText?
    /// Answers filled from earlier dossiers, by answer name.
    public var prefills: [String: Prefill] = [:]
    /// Answers copied from another person or address of this form ("= Giống
    /// …"), by answer name: the value copied and where from. Marked `=`
    /// while unchanged. Not kept with the draft.
    public var copies: [String: (raw: String, from: LocalizedText)] = [:]
    /// The documents given as files in this session, by SHA-256 (the
    /// `file:` answer): their pages, to show and reopen. A resumed draft's
    /// files come when opened (`Effect.openDocument`).
    public var documents: [String: MadeDocument] = [:]
    /// Old addresses filled from earlier dossiers that wait for the
    /// person's choice of today's commune (`OldAddressChooser`), in form
    /// order. Not kept with the draft: the answer stays as written.
    var addressChoices: [(name: String, choice: OldAddressChoice)] = []

    public init(form: FormDefinition, state: FormState, draft: DraftRef) {
        self.form = form
        self.state = state
        self.draft = draft
        let start = min(draft.page, form.pages.count - 1)
        self.page = firstVisiblePage(from: start, step: 1) ?? firstVisiblePage(from: start, step: -1) ?? 0
        focus = firstFieldFocus
    }

    /// The first field of the page, not a button above it ("earlier
    /// dossier", "same as the applicant"), takes the first keys typed.
    var firstFieldFocus: Int { focusableRows.firstIndex { $0.path != nil } ?? 0 }

    // MARK: Pages

    /// The pages of the fields stage: the page strip and the step numbers
    /// count these, and only these are gone through.
    public var visiblePages: [Int] { form.pages.indices.filter(isPageShown) }

    /// A page the fields stage shows: visible, with something on it besides
    /// notes and `document` fields. Documents are asked once, on the
    /// documents step (docs/forms.md), wherever the form writes them, so a
    /// form's own "Giấy tờ kèm theo" page is not a page of the fields stage.
    public func isPageShown(_ p: Int) -> Bool {
        guard state.isPageVisible(p) else { return false }
        return form.pages[p].fields.contains { i in
            let type = form.fields[i].type
            return type.isShown && type != .note && type != .document && state.isVisible(FieldPath(field: i))
        }
    }

    func firstVisiblePage(from start: Int, step: Int) -> Int? {
        var p = start
        while p >= 0 && p < form.pages.count {
            if isPageShown(p) { return p }
            p += step
        }
        return nil
    }

    // MARK: Earlier dossiers

    /// Where an answer came from, while it is still as it was filled.
    public func prefill(_ p: FieldPath) -> Prefill? {
        guard let fill = prefills[state.name(of: p)], fill.raw == state.raw(p) else { return nil }
        return fill
    }

    /// Where a copied answer came from, while it is still as it was copied.
    public func copy(_ p: FieldPath) -> LocalizedText? {
        guard let c = copies[state.name(of: p)], c.raw == state.raw(p) else { return nil }
        return c.from
    }

    /// The title of the page where a role's first field is (`Người cha`).
    func pageTitle(ofRole role: String) -> LocalizedText {
        let f = form.fields.first { $0.group == nil && $0.key.flatMap { SemanticKeys.split($0)?.role } == role }
        return f.map { form.pages[$0.page].title } ?? S.role(role)
    }

    /// The answers still as filled from earlier dossiers, in form order.
    public var activePrefills: [(path: FieldPath, fill: Prefill)] {
        guard !prefills.isEmpty else { return [] }
        return state.allPaths.compactMap { p in
            guard state.isVisible(p), let fill = prefill(p) else { return nil }
            return (p, fill)
        }
    }

    /// Earlier dossier codes this dossier uses: its prefilled answers and
    /// its reused documents.
    public var earlierCodes: [String] {
        var codes = activePrefills.map(\.fill.code)
        for f in form.fields where f.type == .document && f.group == nil {
            let raw = state.raw(FieldPath(field: f.index))
            if raw.hasPrefix("reuse:") { codes.append(String(raw.dropFirst(6))) }
        }
        var seen: Set<String> = []
        return codes.filter { seen.insert($0).inserted }
    }

    // MARK: Problems

    /// Problems to show for a path: after something was typed in it and it
    /// was left, or once the page was checked (a refused submit, "fix it
    /// now"); never under the field while it is being typed in.
    /// `focusedRow`: the page's, given by the caller that has built its rows.
    public func visibleIssues(_ p: FieldPath, focusedRow: FormRow?) -> [LocalizedText] {
        guard touched.contains(p) || checkedPages.contains(page) else { return [] }
        // Being typed in (or, for an address, its commune or street being
        // filled): the problem waits until the field is left.
        if let row = focusedRow, row.path == p {
            if typedInRow || !pickerQuery.text.isEmpty { return [] }
            if case .addressPart(_, let part) = row, part > 0 { return [] }
        }
        let issues = state.issues(p)
        guard !checkedPages.contains(page) else { return issues }
        // A check on the items of a repeat group of this page ("add at least
        // one member") waits until the page is left or the dossier
        // submitted: the group appears with the answer that asks for it,
        // before there was any chance to add one (issue 13: errors when they help).
        let waiting = form.fields[p.field].constraints.filter { c in
            c.check.references.contains { ref in
                if case .itemCount(let g) = ref { return form.fields[g].page == page }
                if case .allItems(let i) = ref, let g = form.fields[i].group { return form.fields[g].page == page }
                return false
            }
        }.map(\.message)
        return issues.filter { !waiting.contains($0) }
    }
}

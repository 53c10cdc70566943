import KioskCore

/// One line of a form page the person can see, and maybe focus.
public enum FormRow: Sendable, Hashable {
    case field(FieldPath)
    /// Part of an address: 0 province, 1 commune, 2 house and street.
    case addressPart(FieldPath, Int)
    /// The title of an item of a repeat group; `outer` is the outer item
    /// for a group inside a group (nil for a group at the top).
    case groupHeader(group: Int, item: Int, outer: Int? = nil)
    case removeItem(group: Int, item: Int, outer: Int? = nil)
    case addItem(group: Int, outer: Int? = nil)
    case note(Int)
    /// "Done a procedure before? Enter its dossier code" (the first page).
    case priorEntry
    /// Copies the applicant's answers into another person's (a parent who
    /// is the one registering).
    case copyPerson(role: String)
    /// Copies the address above into this address field.
    case copyAddress(FieldPath)
    /// Copies a person already answered (the father, from an earlier
    /// dossier) into the applicant's answers: the one registering is them.
    case copyToApplicant(from: String)

    var isFocusable: Bool {
        switch self {
        case .groupHeader, .note: return false
        default: return true
        }
    }

    var path: FieldPath? {
        switch self {
        case .field(let p), .addressPart(let p, _): return p
        default: return nil
        }
    }

    /// The path of the group a group row belongs to (`FieldPath(field: g)`,
    /// or `FieldPath(field: g, item: outer)` for a group inside a group),
    /// where its count and checks are read.
    var groupPath: FieldPath? {
        switch self {
        case .groupHeader(let g, _, let outer), .removeItem(let g, _, let outer), .addItem(let g, let outer): return FieldPath(field: g, item: outer)
        default: return nil
        }
    }

    /// The "add" button of the group at `path` (`FieldPath(field: g)` or,
    /// inside an outer item, `FieldPath(field: g, item: outer)`), which
    /// shows its problems.
    static func addItem(for path: FieldPath) -> FormRow { .addItem(group: path.field, outer: path.item) }
}

/// The rows of the page on show, and the focus among them.
extension FormSession {
    /// The rows of the current page, in order.
    public var rows: [FormRow] {
        var out: [FormRow] = []
        if page == firstVisiblePage(from: 0, step: 1) { out.append(.priorEntry) }
        var offeredCopy: Set<String> = []
        var offeredFrom = false
        for f in form.pages[page].fields {
            // "Same as the father" before the applicant's first field.
            if !offeredFrom, form.fields[f].key.flatMap({ SemanticKeys.split($0)?.role }) == "applicant", state.isVisible(FieldPath(field: f)) {
                offeredFrom = true
                out += applicantSources.map { .copyToApplicant(from: $0) }
            }
            // "Same as the applicant" before the first field of another person.
            if let role = form.fields[f].key.flatMap({ SemanticKeys.split($0)?.role }), Self.copyableRoles.contains(role),
               !offeredCopy.contains(role), state.isVisible(FieldPath(field: f)), hasApplicantAnswers(for: role) {
                offeredCopy.insert(role)
                out.append(.copyPerson(role: role))
            }
            let def = form.fields[f]
            switch def.type {
            case .repeat:
                guard state.isVisible(FieldPath(field: f)) else { continue }
                out += groupRows(f, outer: nil)
            case .note:
                if state.isVisible(FieldPath(field: f)) { out.append(.note(f)) }
            default:
                // A hidden calculation has no row.
                let p = FieldPath(field: f)
                if def.type.isShown && state.isVisible(p) { out += rows(for: p) }
            }
        }
        return out
    }

    /// A group's items (each its title, its fields, the groups inside it
    /// and its "remove" button), then its "add" button; `outer` is the
    /// outer item of a group inside a group.
    private func groupRows(_ g: Int, outer: Int?) -> [FormRow] {
        let def = form.fields[g]
        let count = state.itemCount(g, in: outer)
        var out: [FormRow] = []
        for item in 0..<count {
            out.append(.groupHeader(group: g, item: item, outer: outer))
            for c in def.children {
                if form.fields[c].type == .repeat {
                    // An inner group, inside this outer item.
                    if state.isVisible(FieldPath(field: c, item: item)) { out += groupRows(c, outer: item) }
                    continue
                }
                let p = outer.map { FieldPath(field: c, item: $0, subItem: item) } ?? FieldPath(field: c, item: item)
                if form.fields[c].type.isShown && state.isVisible(p) { out += rows(for: p) }
            }
            if count > def.minCount { out.append(.removeItem(group: g, item: item, outer: outer)) }
        }
        if count < def.maxCount { out.append(.addItem(group: g, outer: outer)) }
        return out
    }

    private func rows(for p: FieldPath) -> [FormRow] {
        if form.fields[p.field].type == .address {
            let copy: [FormRow] = state.value(p).isEmpty && form.fields[p.field].isEditable && addressAbove(p) != nil ? [.copyAddress(p)] : []
            return copy + (0..<3).map { .addressPart(p, $0) }
        }
        return [.field(p)]
    }

    /// Where someone lives (not a place of birth or death): what "same as
    /// above" copies.
    static func isResidence(_ f: FieldDefinition) -> Bool {
        guard let key = f.key, let (_, attribute) = SemanticKeys.split(key) else { return false }
        return attribute == "residence" || attribute == "current_address"
    }

    /// People who may be the applicant themself.
    static let copyableRoles: Set<String> = ["mother", "father", "subject", "bride", "groom", "spouse", "host"]

    /// Whether a "same as" button may come or go when this answer changes:
    /// the applicant's answers (same as the applicant) and residences (same
    /// as the address above).
    func feedsCopyButtons(_ p: FieldPath) -> Bool {
        let f = form.fields[p.field]
        return Self.isResidence(f) || f.key.flatMap { SemanticKeys.split($0)?.role } == "applicant" || f.key == "dossier.relationship"
    }

    /// People answered elsewhere in the form (from an earlier dossier) whose
    /// answers the applicant's empty fields could take, in form order; once
    /// the relationship is answered, only the person it names (`father`).
    var applicantSources: [String] {
        let relationship = form.fields.first { $0.group == nil && $0.key == "dossier.relationship" }
            .map { state.raw(FieldPath(field: $0.index)) } ?? ""
        var roles: [String] = []
        for f in form.fields where f.group == nil {
            guard let key = f.key, let (role, attribute) = SemanticKeys.split(key), Self.copyableRoles.contains(role), !roles.contains(role),
                  relationship.isEmpty || relationship == role else { continue }
            let raw = state.raw(FieldPath(field: f.index))
            guard !raw.isEmpty, raw != f.defaultRaw, f.page != page,
                  form.fields.contains(where: { $0.group == nil && $0.key == "applicant.\(attribute)" && $0.isEditable }) else { continue }
            roles.append(role)
        }
        return roles
    }

    /// Whether the applicant has answers this role's fields could take.
    func hasApplicantAnswers(for role: String) -> Bool {
        form.fields.contains { f in
            let raw = state.raw(FieldPath(field: f.index))
            guard f.group == nil, let key = f.key, let (r, attribute) = SemanticKeys.split(key), r == "applicant",
                  !raw.isEmpty, raw != f.defaultRaw else { return false }
            return form.fields.contains { $0.key == "\(role).\(attribute)" && $0.isEditable }
        }
    }

    /// The nearest address answered before `p` in the form, outside repeat
    /// groups (or in the same item).
    public func addressAbove(_ p: FieldPath) -> FieldPath? {
        guard Self.isResidence(form.fields[p.field]) else { return nil }
        for i in stride(from: p.field - 1, through: 0, by: -1) {
            let f = form.fields[i]
            guard f.type == .address, Self.isResidence(f) else { continue }
            let q = form.path(of: i, alongside: p)
            if f.group != nil && f.group != form.fields[p.field].group { continue }
            if state.isVisible(q), !state.value(q).isEmpty { return q }
        }
        return nil
    }

    public var focusableRows: [FormRow] { rows.filter(isFocusable) }

    /// Rows that take the focus: not headers and notes, and not computed or
    /// read-only fields, where typing would be lost.
    func isFocusable(_ row: FormRow) -> Bool {
        row.isFocusable && (row.path.map { form.fields[$0.field].isEditable } ?? true)
    }

    public var focusedRow: FormRow? {
        let f = focusableRows
        return f.isEmpty ? nil : f[min(focus, f.count - 1)]
    }
}

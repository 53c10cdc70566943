/// A person of an earlier dossier, and who they may be in the new form.
public struct PersonOffer: Sendable, Equatable {
    /// The earlier dossier's code.
    public var code: String
    /// Their role there (`bride`).
    public var sourceRole: String
    /// Their name there, to recognise them by.
    public var name: String?
    /// Roles of the new form they may take, best first; the same role
    /// first when the new form has it, then the form's `role_mappings`.
    public var targets: [String]
    /// Index into `targets`, or nil: not used (or, while `isDecided` is
    /// false, not chosen yet).
    public var choice: Int?
    /// False while more than one person could take the role this one is
    /// offered: nothing is preselected, and nothing is filled until the
    /// citizen chooses (a role, or "not used").
    public var isDecided = true

    public var target: String? { choice.map { targets[$0] } }
}

/// One answer filled from an earlier dossier, and where it came from.
public struct Prefill: Sendable, Equatable {
    /// The answer's name in the draft (`mother_full_name`, `member_full_name[2]`).
    public var name: String
    public var raw: String
    /// The earlier dossier's code, and the key the value had there.
    public var code: String
    public var sourceKey: String
    /// An address written before the July 2025 reorganisation (with a
    /// district): kept whole, for the citizen to check against today's communes.
    public var oldAddress: Bool

    public init(name: String, raw: String, code: String, sourceKey: String, oldAddress: Bool = false) {
        self.name = name
        self.raw = raw
        self.code = code
        self.sourceKey = sourceKey
        self.oldAddress = oldAddress
    }
}

/// What filling from earlier dossiers would do, before anything is written.
public struct AutofillPlan: Sendable, Equatable {
    public var prefills: [Prefill] = []
    /// Values that exist but do not fit the new form (an option it does not
    /// offer): said to the citizen, not dropped silently.
    public var unusable: [(name: String, sourceKey: String)] = []
    /// Old addresses that need the person's choice (a divided old commune,
    /// or several named), by answer name: filled as written until chosen.
    public var oldAddressChoices: [String: OldAddressChoice] = [:]

    public init() {}

    public static func == (a: AutofillPlan, b: AutofillPlan) -> Bool {
        a.prefills == b.prefills && a.unusable.map(\.name) == b.unusable.map(\.name)
    }
}

/// Moves answers from earlier dossiers to a new form by meaning (semantic
/// keys), through the roles the citizen confirmed (docs/forms.md, "Filling
/// from an earlier dossier"). Pure: the caller writes the plan to the draft.
public enum Autofill {
    /// The people of `prior`, each with the roles they may take in `form`.
    /// A role is preselected only when it cannot be a guess: a person's own
    /// role when the new form has it, or else their first role not already
    /// taken when no other person of `prior` could take it too. Otherwise the
    /// person is left undecided (`isDecided` false) and the citizen chooses:
    /// two people who may each be "the person concerned" are asked about, not
    /// guessed (issue 13, section 7). The child of an earlier birth
    /// registration or a deceased person is never preselected (not used),
    /// nor a person already offered under another role (the same id number:
    /// requester and subject of one certificate).
    public static func offers(prior: PriorDossier, form: FormDefinition, taken: Set<String> = []) -> [PersonOffer] {
        let formRoles = form.roles
        var offers: [PersonOffer] = []
        for role in prior.roles {
            var targets: [String] = []
            if formRoles.contains(role) { targets.append(role) }
            for m in form.roleMappings where m.from == role && !targets.contains(m.to) { targets.append(m.to) }
            guard !targets.isEmpty else { continue }
            offers.append(PersonOffer(code: prior.code, sourceRole: role, name: prior.value("\(role).full_name") ?? prior.value("\(role).name"), targets: targets))
        }
        // Same-role people first, then in the order the form declares its mappings.
        let declared = form.roleMappings.map(\.from)
        offers.sort { a, b in
            let ra = a.targets.first == a.sourceRole ? -1 : (declared.firstIndex(of: a.sourceRole) ?? declared.count)
            let rb = b.targets.first == b.sourceRole ? -1 : (declared.firstIndex(of: b.sourceRole) ?? declared.count)
            return ra < rb
        }
        func person(_ o: PersonOffer) -> String {
            prior.value("\(o.sourceRole).id_number") ?? prior.value("\(o.sourceRole).full_name").map(VietnameseText.fold) ?? o.sourceRole
        }
        var used = taken
        var people: Set<String> = []
        // The people who may take a role: each once, whatever roles they had there.
        var contenders: [String: Set<String>] = [:]
        for o in offers where !Self.neverPreselected.contains(o.sourceRole) {
            for t in o.targets { contenders[t, default: []].insert(person(o)) }
        }
        for i in offers.indices {
            let role = offers[i].sourceRole
            guard !Self.neverPreselected.contains(role) else { continue }
            let who = person(offers[i])
            let ownRole = offers[i].targets.first == role
            // One person under two roles is preselected once, unless the
            // second is their own role here too.
            guard people.insert(who).inserted || role == "member" || ownRole else { continue }
            guard let first = offers[i].targets.firstIndex(where: { !used.contains($0) || $0 == "member" }) else { continue }
            let target = offers[i].targets[first]
            let alone = (ownRole && first == 0) || target == "member" || contenders[target, default: []].subtracting([who]).isEmpty
            if alone {
                offers[i].choice = first
                used.insert(target)
            } else {
                offers[i].isDecided = false
            }
        }
        return offers
    }

    static let neverPreselected: Set<String> = ["child", "deceased"]

    /// The answers that the confirmed `offers` fill in `state`'s form: only
    /// empty (or still default) answers, only values the field accepts.
    public static func plan(prior: PriorDossier, offers: [PersonOffer], state: FormState) -> AutofillPlan {
        let form = state.form
        var roleMap: [String: String] = [:]
        for o in offers where o.code == prior.code { if let t = o.target { roleMap[o.sourceRole] = t } }
        // A person already typed here as someone else (another name or id
        // number under the target role) is not blended with the earlier one.
        let someoneElse = roleMap.filter { isSomeoneElse(prior: prior, role: $0.key, target: $0.value, state: state) }
        for role in someoneElse.keys { roleMap[role] = nil }
        var plan = AutofillPlan()
        var filled: Set<String> = []
        for (sourceKey, values) in prior.answers.sorted(by: { $0.key < $1.key }) {
            guard let (role, attribute) = SemanticKeys.split(sourceKey), let target = roleMap[role] else { continue }
            for f in form.fields(withKey: "\(target).\(attribute)") where f.isEditable && f.type != .document {
                if form.depth(of: f.index) == 2 {
                    // A group inside a group is not filled from earlier dossiers.
                    continue
                } else if f.group == nil {
                    guard values.count == 1 else { continue }
                    fill(f, item: nil, values[0], sourceKey: sourceKey, code: prior.code, state: state, plan: &plan, filled: &filled)
                } else {
                    // Item by item (an empty answer keeps its place in the list),
                    // only into items nobody has started.
                    for (i, v) in values.prefix(f.maxCountOfGroup(in: form)).enumerated() where !v.isEmpty && isUntouched(item: i, group: f.group!, state) {
                        fill(f, item: i, v, sourceKey: sourceKey, code: prior.code, state: state, plan: &plan, filled: &filled)
                    }
                }
            }
        }
        // What the people's roles together tell (`role_answers`): the bride
        // and groom of a marriage as the mother and father are married.
        for rule in form.roleAnswers where rule.when.allSatisfy({ roleMap[$0.key] == $0.value }) {
            let source = rule.when.keys.sorted().joined(separator: "+")
            for (i, raw) in rule.answers {
                fill(form.fields[i], item: nil, raw, sourceKey: source, code: prior.code, state: state, plan: &plan, filled: &filled)
            }
        }
        // Documents: one of the earlier dossier (submitted or issued) whose
        // meaning, through the same roles, is a reusable component here.
        for component in form.procedure.documents where component.reusable {
            guard let key = component.key, let (targetRole, kind) = SemanticKeys.split(key) else { continue }
            let match = prior.documents.first { d in
                d.keys.contains { k in
                    guard let (role, dkind) = SemanticKeys.split(k) else { return false }
                    return dkind == kind && roleMap[role] == targetRole
                }
            }
            guard let match, let f = form.fields.first(where: { $0.component == component.code && $0.group == nil }) else { continue }
            let p = FieldPath(field: f.index)
            guard state.raw(p).isEmpty, filled.insert(f.id).inserted else { continue }
            plan.prefills.append(Prefill(name: f.id, raw: "reuse:\(prior.code)", code: prior.code,
                                         sourceKey: match.keys.first ?? key))
        }
        return plan
    }

    /// Whether `target` here already names another person than `role` there.
    static func isSomeoneElse(prior: PriorDossier, role: String, target: String, state: FormState) -> Bool {
        for attribute in ["id_number", "full_name"] {
            guard let earlier = prior.value("\(role).\(attribute)") else { continue }
            for f in state.form.fields(withKey: "\(target).\(attribute)") where f.group == nil {
                let typed = state.raw(FieldPath(field: f.index))
                if !typed.isEmpty && Self.comparable(typed) != Self.comparable(earlier) {
                    return true
                }
            }
        }
        return false
    }

    /// A name or number as compared: no diacritics, case or spaces.
    static func comparable(_ s: String) -> String { VietnameseText.fold(s).filter { !$0.isWhitespace } }

    /// An item of a repeat group that does not exist yet, or has no answer
    /// (in the groups inside it neither).
    static func isUntouched(item: Int, group: Int, _ state: FormState) -> Bool {
        guard item < state.itemCount(group) else { return true }
        // A computed answer (a count of the item's lines) is nothing typed.
        func untouched(_ f: FieldDefinition, _ p: FieldPath) -> Bool {
            let raw = state.raw(p)
            return f.compute != nil || raw.isEmpty || raw == f.defaultRaw
        }
        return state.form.fields[group].children.allSatisfy { c in
            let f = state.form.fields[c]
            guard f.type == .repeat else { return untouched(f, FieldPath(field: c, item: item)) }
            return (0..<state.itemCount(c, in: item)).allSatisfy { j in
                f.children.allSatisfy { untouched(state.form.fields[$0], FieldPath(field: $0, item: item, subItem: j)) }
            }
        }
    }

    private static func fill(_ f: FieldDefinition, item: Int?, _ value: String, sourceKey: String, code: String,
                             state: FormState, plan: inout AutofillPlan, filled: inout Set<String>) {
        let p = FieldPath(field: f.index, item: item)
        let name = state.name(of: p)
        guard !filled.contains(name) else { return }
        let exists = item.map { $0 < state.itemCount(f.group!) } ?? true
        if exists {
            guard state.isUnanswered(p) else { return }
        }
        var raw = typedForm(value, for: f)
        var oldAddress = false
        if f.type == .address {
            let (province, _, detail) = FieldValueParser.addressParts(raw)
            // Today's units: codes the address parser accepts (without codes
            // it would take any text as an old address).
            let current = !province.isEmpty && FieldValueParser.problem(with: raw, for: f, datasets: state.form.datasets) == nil
            if !current {
                // Written before the reorganisation (a district, an old
                // province code) or as plain text: kept whole, marked.
                var text = raw.contains("|") ? detail : raw
                let datasets = state.form.datasets
                if raw.contains("|"), let name = (datasets["provinces-2025"]?.row(code: province) ?? datasets["provinces-before-2025"]?.row(code: province))?.name,
                   !VietnameseText.fold(text).contains(VietnameseText.fold(name)) {
                    text = [text, name].filter { !$0.isEmpty }.joined(separator: ", ")
                }
                guard !text.isEmpty else { return }
                // Read into today's units when the words name one old
                // commune that became one (the street kept); a divided one,
                // or several named, are kept whole until the person picks
                // one of today's (`oldAddressChoices`). Marked either way.
                let conversion = OldAddress.convert(text, datasets: datasets)
                raw = conversion.provisional
                if case .choose(let choice) = conversion { plan.oldAddressChoices[name] = choice }
                oldAddress = true
            }
        }
        guard FieldValueParser.problem(with: raw, for: f, datasets: state.form.datasets) == nil else {
            plan.unusable.append((name, sourceKey))
            return
        }
        filled.insert(name)
        plan.prefills.append(Prefill(name: name, raw: raw, code: code, sourceKey: sourceKey, oldAddress: oldAddress))
    }

    /// A stored (canonical) value as a person would type it into `f`: dates
    /// from ISO to dd/mm/yyyy; everything else as it is.
    static func typedForm(_ value: String, for f: FieldDefinition) -> String {
        let v = value.trimmed
        if f.type == .date, let d = CalendarDate.parseISO(v) {
            return d.description
        }
        return v
    }
}

import KioskCore

/// What a scan would write: each answer by name, and those that differ
/// from an answer already given (asked about first, `Overlay.cardConflicts`).
public struct CardScanPlan: Sendable, Equatable {
    var role: String
    var fills: [AnswerPair]
    var conflicts: [AnswerPair]
    var labels: [String: LocalizedText]
    /// The name as read when the scanner sent no marks (not filled).
    var unmarkedName: String?
}

/// A person a card may be for, as "whose card?" lists them.
public struct CardRole: Sendable, Equatable {
    var role: String
    var title: LocalizedText
    init(_ pair: (String, LocalizedText)) { role = pair.0; title = pair.1 }
}

/// A căn cước card scanned on a form page (issue 17): its facts fill the
/// person whose fields have the focus (by their semantic keys: mother,
/// father, applicant…), each answer marked `=` "thẻ căn cước" and named in
/// the message. Nothing already answered is replaced without asking; a card
/// that disagrees with itself, or that cannot be this person's, fills
/// nothing and says why. The payload itself is never kept: only the answers
/// it gives.
enum CardScan {
    typealias Plan = CardScanPlan

    static let source = LocalizedText(vi: "thẻ căn cước", en: "the identity card")

    /// A scanned payload, wherever the person is. Outside a form's pages
    /// the card is kept until a form starts, then asked about.
    static func scanned(_ s: inout AppState, _ payload: ScanPayload) -> [Effect] {
        let card: CitizenCard
        let read = CitizenCard.parse(payload, today: VietnamTime(unix: s.now).date)
        // Read: the bytes are not needed any more (only the card's answers).
        payload.wipe()
        switch read {
        case .success(let c): card = c
        case .failure(let e):
            if case .form(var f) = s.page, f.stage == .fields {
                f.message = e.message
                s.page = .form(f)
            } else {
                s.overlay = .message(e.message)
            }
            return []
        }
        if case .form(var f) = s.page, f.stage != .fields {
            // The documents or the review: the person's page is behind.
            f.message = S.cardScanNoPerson
            s.page = .form(f)
            return []
        }
        if case .scan = s.page { s.overlay = .message(S.cardScanNoPerson); return [] }
        if case .attach = s.page { s.overlay = .message(S.cardScanNoPerson); return [] }
        guard case .form(var f) = s.page else {
            s.pendingCard = card
            s.overlay = .message(S.cardKeptForForm(card.fullName))
            return []
        }
        guard let role = role(of: f) else {
            f.message = S.cardScanNoPerson
            s.page = .form(f)
            return []
        }
        return fill(&s, &f, card: card, role: role)
    }

    /// The card's residence in today's units. A card issued from 1 July
    /// 2025 writes it in today's units: read as such (a 2025 commune may
    /// bear an old one's name), else kept whole, never read as old units.
    static func residenceConversion(_ card: CitizenCard, _ datasets: DatasetCatalog) -> OldAddressConversion {
        guard card.issuedInTodaysUnits else { return OldAddress.convert(card.residence, datasets: datasets) }
        if let raw = CurrentAddress.read(card.residence, datasets: datasets) { return .inTodaysUnits(raw) }
        return .keptWhole(OldAddress.keptWhole(card.residence))
    }

    /// The card into `role`'s answers: asked first where answers differ.
    /// `residence`: the card's address as chosen in today's units (nil:
    /// not chosen yet; the chooser opens first when it must).
    static func fill(_ s: inout AppState, _ f: inout FormSession, card: CitizenCard, role: String, residence: String? = nil) -> [Effect] {
        if let mismatch = card.mismatch {
            f.message = S.cardDisagrees(mismatch.message)
            s.page = .form(f)
            return []
        }
        let age = card.age(on: VietnamTime(unix: s.now).date)
        if ["mother", "father", "bride", "groom"].contains(role), age < 14 {
            f.message = S.cardTooYoung(age, role: f.pageTitle(ofRole: role))
            s.page = .form(f)
            return []
        }
        let conversion = residenceConversion(card, f.form.datasets)
        var residence = residence
        if residence == nil, case .choose(let choice) = conversion {
            // Already one of the options (chosen at an earlier scan): kept.
            let fields = f.form.fields(withKey: "\(role).residence").filter { $0.group == nil }
            let given = fields.first.flatMap { f.state.path(named: $0.id) }.map { f.state.raw($0) }
            residence = choice.options.first { $0.raw == given }?.raw
            // Else, when a choice would fill the residence (the first option
            // tried: without marks, only a chosen commune is filled), today's
            // commune is picked before anything of the card is taken.
            if residence == nil, let first = choice.options.first,
               !Set(fields.map(\.id)).isDisjoint(with: { () -> [String] in
                   let p = self.plan(card, role: role, residence: first.raw, f)
                   return (p.fills + p.conflicts).map(\.name)
               }()) {
                s.page = .form(f)
                s.overlay = .oldAddressChoice(choice, for: .card(card, role: role))
                return []
            }
        }
        let plan = plan(card, role: role, residence: residence ?? conversion.provisional, f)
        guard !plan.fills.isEmpty || !plan.conflicts.isEmpty else {
            // The person's questions not shown yet ("Có thông tin người cha?"
            // unanswered), or all already as on the card.
            f.message = plan.labels.isEmpty ? S.cardQuestionsHidden : S.cardNothingNew
            s.page = .form(f)
            return []
        }
        if !plan.conflicts.isEmpty {
            s.page = .form(f)
            s.overlay = .cardConflicts(plan)
            return []
        }
        let effects = apply(plan, replacing: false, &f)
        s.page = .form(f)
        return effects
    }

    /// A form just opened with a card scanned before: whose it is, among
    /// the people the form asks for (those with a name).
    static func askWhose(_ s: inout AppState) {
        guard let card = s.pendingCard, case .form(let f) = s.page else { return }
        let roles = f.form.fields.compactMap { field -> String? in
            guard field.group == nil, let key = field.key, let (role, attribute) = SemanticKeys.split(key),
                  attribute == "full_name", role != "child" else { return nil }
            return role
        }
        guard !roles.isEmpty else { s.pendingCard = nil; return }
        s.overlay = .cardWhose(name: card.fullName, roles: roles.map { ($0, f.pageTitle(ofRole: $0)) }.map(CardRole.init))
    }

    /// The answer to "whose card?": filled into that person (nil: nobody).
    static func answerWhose(_ s: inout AppState, role: String?) -> [Effect] {
        guard let card = s.pendingCard else { return [] }
        s.pendingCard = nil
        guard let role, case .form(var f) = s.page else { return [] }
        // `fill` puts the session back on the page (and asks when answers differ).
        return fill(&s, &f, card: card, role: role)
    }

    /// The role of the person being filled: the focused field's, else the
    /// person most of the page's fields are about (the father's page also
    /// asks the parents' marriage number, keyed to the mother).
    static func role(of f: FormSession) -> String? {
        func roleOf(_ i: Int) -> String? {
            guard let key = f.form.fields[i].key, let (role, _) = SemanticKeys.split(key), role != "dossier", role != "child" else { return nil }
            return role
        }
        if let p = f.focusedRow?.path, let r = roleOf(p.field) { return r }
        var counts: [String: Int] = [:]
        for i in f.form.pages[f.page].fields { if let r = roleOf(i) { counts[r, default: 0] += 1 } }
        return counts.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key
    }

    /// The card's facts as answers of `role`'s fields (those the form has,
    /// outside groups, shown and taking them).
    /// `residence`: the card's address as an `address` answer.
    static func plan(_ card: CitizenCard, role: String, residence: String, _ f: FormSession) -> Plan {
        var facts: [(String, String)] = [
            ("full_name", card.fullName), ("birth_date", card.birthDate.description), ("gender", card.gender.rawValue),
            ("nationality", "VN"), ("id_type", card.cardType), ("id_number", card.idNumber.digits), ("residence", residence),
        ]
        if card.withoutMarks {
            // A scanner that sent no marks: no text without marks is filled
            // (a civil-status record needs them, and "Nguyen Thi Thu Ha"
            // looks right at a glance). The name is said, to be typed; the
            // residence gives only its province and commune (codes, named
            // with their marks by the datasets), the street to be typed.
            facts.removeAll { $0.0 == "full_name" }
            let (province, commune, _) = FieldValueParser.addressParts(residence)
            facts.removeAll { $0.0 == "residence" }
            if !province.isEmpty { facts.append(("residence", "\(province)|\(commune)|")) }
        }
        var plan = Plan(role: role, fills: [], conflicts: [], labels: [:], unmarkedName: card.withoutMarks ? card.fullName : nil)
        var state = f.state
        for (attribute, value) in facts {
            for field in f.form.fields(withKey: "\(role).\(attribute)") where field.group == nil && field.isEditable {
                let p = FieldPath(field: field.index)
                // The id type first, so the number is shown when it is asked.
                guard state.isVisible(p), FieldValueParser.problem(with: value, for: field, datasets: f.form.datasets) == nil else { continue }
                let current = state.raw(p)
                plan.labels[field.id] = state.label(of: p)
                if current == value { continue }
                if state.isUnanswered(p) {
                    plan.fills.append(AnswerPair(field.id, value))
                } else {
                    plan.conflicts.append(AnswerPair(field.id, value))
                }
                state.set(p, raw: value)
            }
        }
        return plan
    }

    /// Writes the plan: the empty answers, and the differing ones when
    /// `replacing`; marks them and says what was filled.
    static func apply(_ plan: Plan, replacing: Bool, _ f: inout FormSession) -> [Effect] {
        let answers = plan.fills + (replacing ? plan.conflicts : [])
        for a in answers {
            guard let p = f.state.path(named: a.name) else { continue }
            f.state.set(p, raw: a.raw)
            f.copies[a.name] = (a.raw, source)
        }
        var message = S.cardFilled(answers.compactMap { plan.labels[$0.name] })
        if !replacing && !plan.conflicts.isEmpty { message = S.join(message, S.cardKept(plan.conflicts.compactMap { plan.labels[$0.name] })) }
        if let name = plan.unmarkedName { message = S.join(message, S.cardWithoutMarks(name)) }
        f.message = message
        FormUpdate.enterRow(&f)
        return answers.isEmpty ? [] : [FormUpdate.save(&f, answers)]
    }
}

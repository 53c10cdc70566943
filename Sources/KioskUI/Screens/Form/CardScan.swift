import KioskCore

/// What a scan would write: each answer by name, and those that differ
/// from an answer already given (asked about first, `Overlay.cardConflicts`).
public struct CardScanPlan: Sendable, Equatable {
    var role: String
    var fills: [AnswerPair]
    var conflicts: [AnswerPair]
    var labels: [String: LocalizedText]
    var withoutMarks: Bool
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

    /// A scanned payload, wherever the person is.
    static func scanned(_ s: inout AppState, _ payload: String) -> [Effect] {
        guard case .form(var f) = s.page, f.stage == .fields else {
            s.overlay = .message(S.cardScanOutsideForm)
            return []
        }
        let card: CitizenCard
        switch CitizenCard.parse(payload, today: VietnamTime(unix: s.now).date) {
        case .success(let c): card = c
        case .failure(let e):
            f.message = e.message
            s.page = .form(f)
            return []
        }
        guard let role = role(of: f) else {
            f.message = S.cardScanNoPerson
            s.page = .form(f)
            return []
        }
        if let mismatch = card.mismatch {
            f.message = S.cardDisagrees(mismatch.message)
            s.page = .form(f)
            return []
        }
        if ["mother", "father", "bride", "groom"].contains(role), card.age(on: VietnamTime(unix: s.now).date) < 14 {
            f.message = S.cardTooYoung(card.age(on: VietnamTime(unix: s.now).date), role: f.pageTitle(ofRole: role))
            s.page = .form(f)
            return []
        }
        let plan = plan(card, role: role, f)
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
    static func plan(_ card: CitizenCard, role: String, _ f: FormSession) -> Plan {
        let cardType = card.issueDate >= CalendarDate(year: 2024, month: 7, day: 1) ? "CC" : "CCCD"
        var residence = card.residence
        let readings = OldAddress.read(card.residence, datasets: f.form.datasets)
        if readings.count == 1 { residence = readings[0].raw } else { residence = "||" + residence }
        let facts: [(String, String)] = [
            ("full_name", card.fullName), ("birth_date", card.birthDate.description), ("gender", card.gender.rawValue),
            ("nationality", "VN"), ("id_type", cardType), ("id_number", card.idNumber.digits), ("residence", residence),
        ]
        var plan = Plan(role: role, fills: [], conflicts: [], labels: [:], withoutMarks: card.withoutMarks)
        var state = f.state
        for (attribute, value) in facts {
            for field in f.form.fields(withKey: "\(role).\(attribute)") where field.group == nil && field.isEditable {
                let p = FieldPath(field: field.index)
                // The id type first, so the number is shown when it is asked.
                guard state.isVisible(p), FieldValueParser.problem(with: value, for: field, datasets: f.form.datasets) == nil else { continue }
                let current = state.raw(p)
                plan.labels[field.id] = state.label(of: p)
                if current == value { continue }
                if current.isEmpty || current == field.defaultRaw {
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
        if plan.withoutMarks { message = S.join(message, S.cardWithoutMarks) }
        f.message = message
        FormUpdate.enterRow(&f)
        return answers.isEmpty ? [] : [FormUpdate.save(&f, answers)]
    }
}

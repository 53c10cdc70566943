import KioskCore

/// Opening a form: a new draft, a draft resumed (or moved to the current
/// version of its form), and coming back to the open form from the
/// earlier-dossier screens.
extension App {
    /// A draft just created for `form` opens on its first page; earlier
    /// dossiers given before the procedure was chosen are offered first.
    static func openNewDraft(_ s: inout AppState, form: FormDefinition, draft: DraftRef) {
        var session = FormSession(form: form, state: FormState(form: form, today: VietnamTime(unix: s.now).date, stationProvince: s.context.provinceCode), draft: draft)
        session.savedAt = s.now
        FormUpdate.enterRow(&session)
        s.page = .form(session)
        s.composer.reset()
        if !s.priors.isEmpty {
            s.page = .offer(OfferState(session: session, priors: s.priors))
            s.priors = []
        } else {
            CardScan.askWhose(&s)
        }
    }

    /// A draft opened again, where the person was. Made with an older
    /// version of the form, it opens as it was, and the person is offered
    /// the current one.
    static func openResumedDraft(_ s: inout AppState, draft: DraftRef, form: FormDefinition, answers: [AnswerPair], prefills: [Prefill]) {
        var state = FormState(form: form, today: VietnamTime(unix: s.now).date, stationProvince: s.context.provinceCode)
        state.load(answers: answers.map { ($0.name, $0.raw) })
        var session = FormSession(form: form, state: state, draft: draft)
        for p in prefills { session.prefills[p.name] = p }
        session.savedAt = s.now
        FormUpdate.enterRow(&session)
        s.page = .form(session)
        s.composer.reset()
        if let current = s.context.forms.first(where: { $0.id == form.id }), current.version != form.version {
            let migration = AnswerMigration(answers: answers.map { ($0.name, $0.raw) }, from: form, to: current)
            s.overlay = .offerMigration(migration, newVersion: current.version)
        }
    }

    /// Back to the open form, focus restored.
    static func returnToForm(_ s: inout AppState, _ session: FormSession) {
        var session = session
        FormUpdate.enterRow(&session)
        s.page = .form(session)
    }
}

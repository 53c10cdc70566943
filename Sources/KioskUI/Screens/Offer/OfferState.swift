import KioskCore

/// Who the people of earlier dossiers are in the new form, before anything
/// is filled: offered, the citizen confirms.
public struct OfferState: Sendable {
    public var session: FormSession
    public var priors: [PriorDossier]
    public var offers: [PersonOffer]
    /// 0..<offers.count the people, then Fill in, then Skip.
    public var focus = 0
    /// Why Fill in did not fill (a person whose role is still to choose).
    public var message: LocalizedText?

    public init(session: FormSession, priors: [PriorDossier]) {
        self.session = session
        self.priors = priors
        var taken: Set<String> = []
        var all: [PersonOffer] = []
        for p in priors {
            let offers = Autofill.offers(prior: p, form: session.form, taken: taken)
            taken.formUnion(offers.compactMap(\.target))
            all += offers
        }
        self.offers = all
        // Undecided people first in line: the focus starts on the first.
        // When every person's role is already proposed, on "Fill in": the
        // proposal is on the screen, and Enter confirms it as it reads.
        focus = all.firstIndex { !$0.isDecided } ?? all.count
    }

    /// The first person whose role is still to choose, from `start` on.
    func undecided(from start: Int = 0) -> Int? {
        offers.indices.dropFirst(start).first { !offers[$0].isDecided }
    }

    /// What filling would write now, dossier by dossier: a value filled from
    /// one code is not overwritten by the next, nor is anything typed.
    public func plan() -> AutofillPlan {
        var state = session.state
        var total = AutofillPlan()
        for p in priors {
            let plan = Autofill.plan(prior: p, offers: offers, state: state)
            state.load(answers: plan.prefills.map { ($0.name, $0.raw) })
            total.prefills += plan.prefills
            total.unusable += plan.unusable
            total.oldAddressChoices.merge(plan.oldAddressChoices) { a, _ in a }
        }
        return total
    }
}

import KioskCore

/// The open form as a screen: three stages (the pages of fields, the
/// documents, the review), each in a folder of its own.
extension FormSession: PageScreen {
    var asPage: Page { .form(self) }

    var isFilling: Bool { true }

    mutating func key(_ key: Key, _ s: inout AppState) -> [Effect] {
        switch stage {
        case .fields: return FieldsUpdate.key(&s, &self, key)
        case .documents: return DocumentsUpdate.key(&s, &self, key)
        case .review: return ReviewUpdate.key(&s, &self, key)
        }
    }

    mutating func press(_ target: HitTarget, _ s: inout AppState) -> [Effect] {
        // The navigation bar's buttons, on every stage.
        switch target {
        case .button("next"):
            return stage == .documents ? DocumentsUpdate.toReview(&self) : FormUpdate.goOn(&s, &self)
        case .button("previous"):
            switch stage {
            case .documents: return DocumentsUpdate.back(&s, &self)
            case .review: return ReviewUpdate.backToDocuments(&self)
            case .fields: return FormUpdate.goToPage(&s, &self, forward: false)
            }
        default:
            break
        }
        switch stage {
        case .fields: return FieldsUpdate.press(&s, &self, target)
        case .documents: return DocumentsUpdate.press(&s, &self, target)
        case .review: return ReviewUpdate.press(&s, &self, target)
        }
    }

    /// A failed save shows in the header and the hint line (see
    /// `App.handleResult`); a finalized dossier opens its receipt.
    mutating func result(_ result: EffectResult, _ s: inout AppState) -> [Effect] {
        switch result {
        case .saved(let at):
            guard !needsFullSave else { return [] }
            savedAt = at
            saveError = nil
        case .saveFailed(let m):
            saveError = m
            message = m
            needsFullSave = true
        case .documentOpened(let doc):
            // A resumed draft's file: its pages and size, for its row.
            documents[doc.sha256] = doc
        case .finalized(let dossier):
            let receipt = Receipt(stationName: s.context.stationName, form: form, dossier: dossier, state: state, now: s.now, documents: documents)
            s.page = .receipt(ReceiptState(receipt: receipt, focus: 1))
            return [.printReceipt(receipt, s.language)]
        default:
            break
        }
        return []
    }

    func draw(_ c: inout Canvas, _ s: AppState, _ b: Body) {
        switch stage {
        case .fields: FieldsView.draw(&c, s, b, self)
        case .documents: DocumentsView.draw(&c, s, b, self)
        case .review: ReviewView.draw(&c, s, b, self)
        }
    }
}

import Foundation
import KioskCore
import KioskStore
import KioskUI

/// The operator's effects: sign-in, the desk's data, send now, correcting
/// or withdrawing a refused dossier, erasing a draft.
extension EffectRunner {
    func performOperator(_ effect: Effect) -> [Event] {
        switch effect {
        case .operatorSignIn(let id, let pin):
            do {
                let signedIn = try store.signInOperator(id: id, pin: pin)
                store.operatorID = signedIn
                return [.effectResult(.operatorSignedIn(id: signedIn))]
            } catch let e as OperatorSignInError {
                return [.effectResult(.operatorSignInFailed(e.message(now: store.timestamp)))]
            } catch let e as StoreError {
                return [.effectResult(.operatorSignInFailed(e.userMessage))]
            } catch {
                return [.effectResult(.operatorSignInFailed(LocalizedText(vi: "Không đăng nhập được.", en: "Could not sign in.")))]
            }
        case .operatorSignOut:
            store.operatorID = nil
            return []
        case .loadOperatorData(let period):
            return operatorData(period)
        case .sendNow(let period):
            do {
                try store.sendNow()
                return operatorData(period, done: .sentNow)
            } catch {
                return [.effectResult(.operatorFailed(error.userMessage))]
            }
        case .correctDossier(let submissionID):
            do {
                let refused = try store.refusedDossiers().first { $0.submissionID == submissionID }
                let (draft, form) = try store.startCorrection(submissionID: submissionID, datasets: datasets)
                let answers = try store.answers(draftID: draft.id).map { AnswerPair($0.name, $0.raw) }
                let said = refused.map(reasons)?.map { r in
                    (r.label.map { ($0.vi, $0.en) } ?? (r.path, r.path), r.message)
                } ?? []
                let note = LocalizedText(
                    vi: "Hệ thống tỉnh yêu cầu sửa: " + said.map { ($0.0.0.isEmpty ? "" : $0.0.0 + " — ") + $0.1 }.joined(separator: "; "),
                    en: "The provincial system asks for corrections: " + said.map { ($0.0.1.isEmpty ? "" : $0.0.1 + " — ") + $0.1 }.joined(separator: "; "))
                return [.effectResult(.resumed(draft: DraftRef(draft), form: form, answers: answers, prefills: [])),
                        .effectResult(.correctionOpened(note))]
            } catch {
                return [.effectResult(.operatorFailed(error.userMessage))]
            }
        case .withdrawDossier(let submissionID, let reason, let period):
            do {
                try store.withdraw(submissionID: submissionID, reason: reason)
                return operatorData(period, done: .withdrawn)
            } catch {
                return [.effectResult(.operatorFailed(error.userMessage))]
            }
        case .eraseDraft(let id, let period):
            do {
                try store.deleteDraft(id: id)
                return operatorData(period, done: .erased)
            } catch {
                return [.effectResult(.operatorFailed(error.userMessage))]
            }
        default:
            return []
        }
    }

    private func procedure(_ formID: String) -> LocalizedText {
        forms.first { $0.id == formID }?.procedure.title ?? LocalizedText(formID)
    }

    func operatorData(_ period: StatsPeriod, done: OperatorDone? = nil) -> [Event] {
        do {
            let stats = try store.stats(period == .day ? .day : .month)
            func counts(_ c: StationStats.Counts) -> OperatorCounts {
                OperatorCounts(started: c.started, finished: c.finished, uploaded: c.uploaded, needsAttention: c.needsAttention)
            }
            let uiStats = OperatorStats(
                period: period, from: stats.from, total: counts(stats.total),
                byProcedure: stats.byProcedure.sorted { $0.key < $1.key }.map { (procedure($0.key), counts($0.value)) },
                byOperator: stats.byOperator.sorted { $0.key < $1.key }.map { ($0.key, counts($0.value)) },
                medianMinutes: stats.medianMinutes)
            let queue = try store.waitingDossiers().map { w in
                QueuedItem(receiptNumber: w.receiptNumber, procedure: procedure(w.formID), finalizedAt: w.finalizedAt, attempts: w.attempts,
                           nextAttemptAt: w.nextAttemptAt, lastError: w.lastError.map(Self.lastErrorInWords))
            }
            let attention = try store.refusedDossiers().map { w in
                AttentionItem(submissionID: w.submissionID, receiptNumber: w.receiptNumber, procedure: procedure(w.formID),
                              finalizedAt: w.finalizedAt, reasons: reasons(w))
            }
            let drafts = try store.draftSummaries().map { d in
                DraftItem(id: d.id, resumeCode: d.resumeCode, procedure: procedure(d.formID), updatedAt: d.updatedAt,
                          answered: d.answered, required: d.requiredTotal, operatorID: d.operatorID)
            }
            return [.effectResult(.operatorData(OperatorData(stats: uiStats, queue: queue, attention: attention, drafts: drafts,
                                                             formUpdates: formUpdateProblems()), done: done))]
        } catch {
            return [.effectResult(.operatorFailed(error.userMessage))]
        }
    }

    /// A form bundle from the province that kiosk-sync refused (issue 16,
    /// section 3: unsigned, wrongly signed, older, broken), and why; the
    /// station goes on with the forms it has.
    func formUpdateProblems() -> [LocalizedText] {
        guard let path = formUpdatesPath else { return [] }
        return FormBundleState.read(updates: path).operatorNotice.map { [$0] } ?? []
    }

    /// The server's reasons, each against the answer it names: `Fields.NAME`
    /// (an answer by field name), `Answers.KEY` (by semantic key), or an
    /// envelope field (`MaDoiTuong`: the first filer's id number, …).
    func reasons(_ w: WaitingDossier) -> [AttentionReason] {
        let parsed = ServerReason.parse(w.lastError ?? "")
        guard let dossier = try? store.dossier(submissionID: w.submissionID) else {
            return parsed.map { AttentionReason(path: $0.path, message: $0.message) }
        }
        let form = try? store.formDefinition(id: w.formID, version: w.formVersion, datasets: datasets)
        let answers = (try? store.dossierAnswers(id: dossier.id)) ?? []
        let envelopeKeys = ["MaDoiTuong": "id_number", "SoDienThoai": "phone", "Email": "email"]
        return parsed.map { r in
            var answer: (path: String, key: String?, value: String)?
            if r.path.hasPrefix("Fields.") {
                let name = String(r.path.dropFirst(7))
                answer = answers.first { $0.path == name }
            } else if r.path.hasPrefix("Answers.") {
                let key = String(r.path.dropFirst(8))
                answer = answers.first { $0.key == key }
            } else if let attribute = envelopeKeys[r.path] {
                answer = SemanticKeys.filerRoles.lazy.compactMap { role in answers.first { $0.key == "\(role).\(attribute)" } }.first
            }
            guard let answer else { return AttentionReason(path: r.path, message: r.message) }
            let fieldID = answer.path.split(separator: "[").first.map(String.init) ?? answer.path
            let label = form?.fields.first { $0.id == fieldID }.map { TextTemplate.withoutExpressions($0.label) } ?? LocalizedText(answer.path)
            return AttentionReason(path: r.path, message: r.message, label: label, answer: answer.value)
        }
    }

    /// The sync worker's summary of a failed send, in the clerk's words.
    static func lastErrorInWords(_ e: String) -> LocalizedText {
        if e.hasPrefix("offline") {
            return LocalizedText(vi: "không kết nối được tới hệ thống tỉnh", en: "the provincial system could not be reached")
        }
        if e.hasPrefix("not the provincial server") {
            return LocalizedText(vi: "mạng trả về trang khác (có thể cần đăng nhập Wi-Fi)", en: "the network answered with another page (a Wi-Fi login?)")
        }
        if e.hasPrefix("TLS") {
            return LocalizedText(vi: "kết nối bảo mật bị lỗi (chứng chỉ hoặc giờ máy)", en: "the secure connection failed (certificate or clock)")
        }
        if e.hasPrefix("401") {
            return LocalizedText(vi: "hệ thống tỉnh không nhận mã trạm (token)", en: "the provincial system refused the station's token")
        }
        if e.hasPrefix("409: the server does not hold all") {
            return LocalizedText(vi: "hệ thống tỉnh chưa có đủ tệp đính kèm; trạm gửi lại tệp rồi gửi hồ sơ", en: "the provincial system lacks some attached documents; they are sent again, then the dossier")
        }
        if e.hasPrefix("429") || e.hasPrefix("5") {
            return LocalizedText(vi: "hệ thống tỉnh đang bận, sẽ thử lại", en: "the provincial system is busy; it is tried again")
        }
        if e.hasPrefix("not sent: no [server] seal_public_key") {
            return LocalizedText(vi: "trạm chưa có khoá công khai của tỉnh để niêm phong hồ sơ", en: "the station has no province key to seal the dossier to")
        }
        if e.hasPrefix("not sent: the station is locked") {
            return LocalizedText(vi: "trạm đang khoá; hồ sơ chờ được niêm phong", en: "the station is locked; the dossier waits to be sealed")
        }
        return LocalizedText(e)
    }
}

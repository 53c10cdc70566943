import Foundation
import KioskCore
import KioskStore

func fill(_ inv: Invocation, config: KioskConfig, language: Language) throws(UsageError) -> ExitCode {
    guard inv.words.count == 2, let answersPath = inv.flags["--answers"] else {
        throw UsageError(message: "usage: kiosk fill PROCEDURE --answers FILE.json [--finalize] [--pin]")
    }
    let vi = language == .vi
    let catalog = FormCatalog.load(directory: config.formsPath)
    guard let form = catalog.form(named: inv.words[1]) else {
        printError(vi ? "kiosk: không có thủ tục “\(inv.words[1])”; xem “kiosk forms list”" : "kiosk: no procedure “\(inv.words[1])”; see “kiosk forms list”")
        return .failure
    }
    guard let data = FileManager.default.contents(atPath: answersPath) else {
        printError(vi ? "kiosk: không đọc được \(answersPath)" : "kiosk: cannot read \(answersPath)")
        return .failure
    }
    let (answers, problems) = AnswerImport.read(Array(data), for: form)
    for p in problems { printError("\(answersPath):\(p.location): \(p.message.text(language))") }
    if !problems.isEmpty { return .failure }

    var state = FormState(form: form, stationProvince: config.provinceCode)
    let unknown = state.load(answers: answers)
    for name in unknown {
        printError(vi ? "\(answersPath): không đặt được “\(name)” (nhóm đã đủ số mục?)" : "\(answersPath): cannot place “\(name)” (group full?)")
    }
    if !unknown.isEmpty { return .failure }

    if inv.switches.contains("--finalize") {
        let issues = state.allIssues()
        if !issues.isEmpty {
            for issue in issues {
                let f = form.fields[issue.path.field]
                print("\(state.name(of: issue.path)) (\(f.label.text(language))): \(issue.message.text(language))")
            }
            print(vi ? "\(issues.count) mục cần sửa; hồ sơ chưa được nộp" : "\(issues.count) problems to fix; nothing was submitted")
            return .failure
        }
        guard let store = openUnlockedStore(config, language: language) else { return .failure }
        do {
            let dossier = try store.finalize(form: form, state: state, draftID: nil)
            print((vi ? "Mã nộp:         " : "Submission id:  ") + dossier.submissionID)
            print((vi ? "Số biên nhận:   " : "Receipt number: ") + dossier.receiptNumber)
            print(vi ? "Đang chờ gửi lên hệ thống tỉnh." : "Waiting to be sent to the provincial system.")
            return .success
        } catch {
            printError("kiosk: " + error.userMessage.text(language))
            return .failure
        }
    }

    // A draft: the citizen resumes it with its code and four digits. A PIN
    // is a secret (with the code it opens the answers): asked for, or read
    // from standard input, never taken from the command line.
    let verification: Verification
    if inv.switches.contains("--pin") {
        guard let pin = readPIN(language: language) else { return .failure }
        verification = pin
    } else if let id = form.fields(withKey: "applicant.id_number").first(where: { $0.group == nil }),
              case .text(let digits) = state.value(FieldPath(field: id.index)), let v = Verification.fromIDNumber(digits) {
        verification = v
    } else {
        printError(vi ? "kiosk: cần --pin (rồi nhập 4 chữ số khi được hỏi, hoặc qua đầu vào chuẩn) hoặc số định danh của người nộp trong câu trả lời để có thể tiếp tục hồ sơ"
                      : "kiosk: --pin is needed (then four digits, asked for or read from standard input), or the applicant's id number among the answers, so the draft can be resumed")
        return .failure
    }
    guard let store = openUnlockedStore(config, language: language) else { return .failure }
    do {
        let draft = try store.createDraft(form: form, verification: verification)
        try store.saveAnswers(draftID: draft.id, state.typedAnswers.map { ($0.name, $0.raw) })
        let progress = state.requiredProgress
        try store.savePosition(draftID: draft.id, page: 0, field: nil, answered: progress.answered, requiredTotal: progress.required)
        try store.flush()
        print((vi ? "Mã tiếp tục: " : "Resume code: ") + draft.resumeCode)
        return .success
    } catch {
        printError("kiosk: " + error.userMessage.text(language))
        return .failure
    }
}

/// A draft's PIN: four digits, asked for twice at a terminal (nothing is
/// shown as it is typed), else the first line of standard input. Nil, with
/// the reason printed, when none or a wrong one was given.
func readPIN(language: Language) -> Verification? {
    let vi = language == .vi
    guard let pin = readSecret(prompt: vi ? "Mã PIN gồm 4 chữ số để tiếp tục hồ sơ sau này (không hiện khi gõ): "
                                          : "A PIN of 4 digits to resume the draft later (not shown as you type): ") else {
        printError(vi ? "kiosk: chưa có mã PIN: --pin đọc 4 chữ số (được hỏi khi chạy trong terminal, nếu không thì là dòng đầu của đầu vào chuẩn)"
                      : "kiosk: no PIN given: --pin reads four digits (asked for at a terminal, else the first line of standard input)")
        return nil
    }
    let verification: Verification
    do {
        verification = try Verification.pin(pin).validated()
    } catch {
        printError("kiosk: " + error.userMessage.text(language))
        return nil
    }
    if isatty(STDIN_FILENO) == 1 {
        guard readSecret(prompt: vi ? "Nhập lại mã PIN: " : "Type the PIN again: ") == pin else {
            printError(vi ? "kiosk: hai lần nhập mã PIN không giống nhau; hồ sơ chưa được lưu" : "kiosk: the two PINs differ; nothing was saved")
            return nil
        }
    }
    return verification
}

func drafts(config: KioskConfig, language: Language) -> ExitCode {
    // The key file, when there is one, lets the progress be counted from
    // the answers; without it, from what the kiosk last recorded.
    guard let store = openStore(config, language: language, toRead: true, vault: config.keyFilePath.map { .keyFile($0) } ?? .locked) else { return .failure }
    do {
        let list = try store.draftSummaries()
        let vi = language == .vi
        let catalog = FormCatalog.load(directory: config.formsPath)
        if list.isEmpty { print(vi ? "Không có hồ sơ đang làm dở." : "No drafts."); return .success }
        print(vi ? "Mã      Cập nhật          Đủ     Thủ tục" : "Code    Last change       Done   Procedure")
        for d in list {
            let title = catalog.form(id: d.formID)?.procedure.title.text(language) ?? d.formID
            // Counted from the answers themselves, with the draft's own form
            // version: the columns the kiosk writes when a field is left miss
            // whatever was typed before a pause or an idle close.
            var progress = (answered: d.answered, required: d.requiredTotal)
            if let form = try? store.formDefinition(id: d.formID, version: d.formVersion, datasets: catalog.datasets),
               let answers = try? store.answers(draftID: d.id) {
                var state = FormState(form: form)
                state.load(answers: answers)
                progress = state.requiredProgress
            }
            let done = "\(progress.answered)/\(progress.required)".padding(toLength: 6, withPad: " ", startingAt: 0)
            print("\(d.resumeCode)  \(VietnamTime(unix: d.updatedAt).dateAndClock)  \(done) \(title) (\(d.formVersion))")
        }
        return .success
    } catch {
        printError("kiosk: " + error.userMessage.text(language))
        return .failure
    }
}

func status(_ inv: Invocation, config: KioskConfig, language: Language) -> ExitCode {
    guard let store = openStore(config, language: language, toRead: true) else { return .failure }
    do {
        let s = try store.status()
        if inv.switches.contains("--json") {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            guard let json = try? encoder.encode(s), let withForms = addingFormBundle(json, config: config) else { return .failure }
            print(String(decoding: withForms, as: UTF8.self))
            return .success
        }
        let vi = language == .vi
        print((vi ? "Hồ sơ đang làm dở:   " : "Drafts:              ") + "\(s.drafts)")
        print((vi ? "Chờ gửi:             " : "Waiting to be sent:  ") + "\(s.queued)")
        print((vi ? "Khoá của tỉnh:       " : "Province key:        ") + sealKeyLine(config, store, vi: vi))
        print((vi ? "Cần xử lý:           " : "Needs attention:     ") + "\(s.needsAttention)")
        print((vi ? "Đã được tiếp nhận:   " : "Accepted:            ") + "\(s.accepted)")
        print((vi ? "Đã xoá dữ liệu:      " : "Purged:              ") + "\(s.purged)")
        print((vi ? "Xoá dữ liệu lần cuối: " : "Last purge:          ") + (s.lastPurge.map { VietnamTime(unix: $0).dateAndClock } ?? (vi ? "chưa" : "never")))
        if let p = s.syncProblem {
            print((vi ? "Lỗi gửi gần nhất:    " : "Last upload error:   ") + "\(VietnamTime(unix: p.at).dateAndClock) · " + p.message.text(language))
        }
        for line in formBundleLines(config, language: language) { print(line) }
        return .success
    } catch {
        printError("kiosk: " + error.userMessage.text(language))
        return .failure
    }
}

func purge(config: KioskConfig, language: Language) -> ExitCode {
    guard let store = openStore(config, language: language) else { return .failure }
    do {
        let r = try store.purge()
        print(language == .vi
            ? "Đã xoá dữ liệu cá nhân của \(r.dossiersPurged) hồ sơ, \(r.draftsExpired) hồ sơ làm dở hết hạn, \(r.filesDeleted) tệp."
            : "Erased the personal data of \(r.dossiersPurged) dossiers, \(r.draftsExpired) expired drafts, \(r.filesDeleted) files.")
        return .success
    } catch {
        printError("kiosk: " + error.userMessage.text(language))
        return .failure
    }
}

/// What `kiosk status` says of the province's seal key: none (dossiers are
/// kept, not sent), the demonstration key (never for a real province), or
/// the key's id; and how many queued dossiers still wait to be sealed.
func sealKeyLine(_ config: KioskConfig, _ store: KioskStore, vi: Bool) -> String {
    let unsealed = (try? store.unsealedQueuedCount()) ?? 0
    guard let key = SealKey(base64: config.sealPublicKey) else {
        return vi ? "chưa có ([server] seal_public_key trong kiosk.conf): \(unsealed) hồ sơ được giữ ở trạm, không gửi đi"
                  : "none ([server] seal_public_key in kiosk.conf): \(unsealed) dossiers are kept at the station, not sent"
    }
    var line = key.id
    if key.publicKey == SealKey(base64: SealKey.demonstrationPublicKey)?.publicKey {
        line += vi ? " — KHOÁ TRÌNH DIỄN, không dùng cho tỉnh thật" : " — DEMONSTRATION KEY, not for a real province"
    }
    if unsealed > 0 { line += vi ? "; \(unsealed) hồ sơ sẽ được niêm phong khi gửi" : "; \(unsealed) dossiers to be sealed when sent" }
    return line
}

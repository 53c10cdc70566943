import KioskCore

/// Where an old address that needs a choice came from, and so what the
/// choice does.
public enum OldAddressChoiceFor: Sendable, Equatable {
    /// A card being filled into `role`: the choice is the card's residence,
    /// and the fill goes on (asking first where answers differ).
    case card(CitizenCard, role: String)
    /// An answer filled from an earlier dossier (by answer name), written
    /// as it was written until the person picks.
    case answer(String)
}

/// An old address (a card's, an earlier dossier's) whose old commune was
/// divided in 2025, or whose words name several old communes: a small
/// chooser lists today's communes it may be (the table's default first and
/// focused), and "keep as written". Keys and taps as in every dialog; the
/// street part stays whatever is chosen. Nothing is taken unseen.
enum OldAddressChooser {
    /// The chooser's buttons: each option, then "keep as written".
    static func buttons(_ choice: OldAddressChoice) -> [(LocalizedText, DialogAction)] {
        // The province named with each only when they differ (else in the body).
        let oneProvince = Set(choice.options.map(\.provinceName)).count == 1
        var out: [(LocalizedText, DialogAction)] = choice.options.enumerated().map { i, o in
            let name = oneProvince ? o.communeName : "\(o.communeName), \(o.provinceName)"
            var label = LocalizedText(vi: name, en: name)
            if i == 0 && choice.proposesFirst { label = S.join(label, S.oldAddressProposed) }
            // Several old communes named: which one each option comes from.
            if !choice.proposesFirst { label = S.join(label, S.oldAddressFrom(o.oldCommuneName, o.oldDistrictName)) }
            return (label, .oldAddressChosen(i))
        }
        out.append((S.oldAddressKeepWritten, .oldAddressChosen(nil)))
        return out
    }

    /// Opens the chooser for the next address filled from an earlier
    /// dossier that needs one; when none is left, a card scanned before
    /// the form opened is asked about.
    static func next(_ s: inout AppState) {
        guard case .form(var f) = s.page else { return }
        while let (name, choice) = f.addressChoices.first {
            f.addressChoices.removeFirst()
            // Only while the answer is still as filled (kept as written).
            guard let p = f.state.path(named: name), f.state.raw(p) == choice.keptWhole else { continue }
            s.page = .form(f)
            s.overlay = .oldAddressChoice(choice, for: .answer(name))
            return
        }
        s.page = .form(f)
        CardScan.askWhose(&s)
    }

    /// The person picked option `index` (nil: keep as written), or closed
    /// the chooser (`cancelled`: for a card, nothing is filled).
    static func chosen(_ s: inout AppState, _ choice: OldAddressChoice, for purpose: OldAddressChoiceFor, index: Int?, cancelled: Bool) -> [Effect] {
        guard case .form(var f) = s.page else { return [] }
        let raw = index.map { choice.options[$0].raw } ?? choice.keptWhole
        switch purpose {
        case .card(let card, let role):
            if cancelled {
                f.message = S.cardNotUsed
                s.page = .form(f)
                return []
            }
            return CardScan.fill(&s, &f, card: card, role: role, residence: raw)
        case .answer(let name):
            var effects: [Effect] = []
            if let p = f.state.path(named: name), f.state.raw(p) != raw, var fill = f.prefills[name] {
                f.state.set(p, raw: raw)
                fill.raw = raw
                f.prefills[name] = fill
                effects = [.savePrefills(draftID: f.draft.id, prefills: [fill])]
            }
            s.page = .form(f)
            next(&s)
            return effects
        }
    }

    static func draw(_ c: inout Canvas, _ s: AppState, _ choice: OldAddressChoice) {
        let all = buttons(choice).enumerated().map { i, b in
            (VietnameseText.truncate(c.t(b.0), toWidth: min(s.width - 8, 72) - 10), i == s.dialogFocus, HitTarget.button("dialog.\(i)"))
        }
        var body = c.t(choice.proposesFirst
            ? S.oldAddressDividedBody(choice.written, choice.options[0].oldCommuneName, choice.options[0].oldDistrictName)
            : S.oldAddressSeveralBody(choice.written))
        if Set(choice.options.map(\.provinceName)).count == 1 { body += " " + c.t(S.oldAddressProvince(choice.options[0].provinceName)) }
        // As many options as the screen holds, a window around the focus.
        let width = min(s.width - 8, 72)
        let lines = WordWrap.lines(body + "\n↓", width: width - 4).count
        let room = max(2, s.height - 7 - lines)
        var shown = all
        if all.count > room {
            let start = min(max(0, s.dialogFocus - room / 2), all.count - room)
            shown = Array(all[start..<(start + room)])
            body += "\n" + c.t(S.oldAddressMore(all.count))
        }
        App.drawDialog(&c, s, title: c.t(S.oldAddressChoiceTitle), body: body, buttons: shown, stacked: true)
    }
}

extension S {
    static let oldAddressChoiceTitle = t("Địa chỉ cũ: chọn xã, phường hiện nay", "Old address: choose today's commune")
    static func oldAddressDividedBody(_ written: String, _ commune: String, _ district: String) -> LocalizedText {
        t("“\(written)”: \(commune), \(district) (trước 7/2025) nay thuộc nhiều xã, phường. Hỏi người dân nơi ở đúng; số nhà, thôn, đường giữ nguyên.",
          "“\(written)”: \(commune), \(district) (before July 2025) now lies in several communes. Ask the citizen which is right; the house, hamlet and street stay.")
    }
    static func oldAddressSeveralBody(_ written: String) -> LocalizedText {
        t("“\(written)” khớp với nhiều xã, phường trước 7/2025 (thiếu huyện hoặc tỉnh). Hỏi người dân nơi ở đúng; số nhà, thôn, đường giữ nguyên.",
          "“\(written)” matches several communes of before July 2025 (the district or province left out). Ask the citizen which is right; the house, hamlet and street stay.")
    }
    static func oldAddressProvince(_ name: String) -> LocalizedText { t("Nay thuộc \(name).", "Today in \(name).") }
    static let oldAddressProposed = t("(đề xuất)", "(proposed)")
    static func oldAddressFrom(_ commune: String, _ district: String) -> LocalizedText {
        t("← \(commune), \(district)", "← \(commune), \(district)")
    }
    static let oldAddressKeepWritten = t("Giữ như đã ghi, chọn sau", "Keep as written, choose later")
    static func oldAddressMore(_ n: Int) -> LocalizedText {
        t("\(n) lựa chọn: dùng ↑ ↓ để xem hết.", "\(n) choices: use ↑ ↓ to see them all.")
    }
    static let cardNotUsed = t("Chưa điền gì từ thẻ.", "Nothing was filled from the card.")
}

import KioskCore

/// The operator's screens, apart from the citizen's: today at this
/// station, the queue, needs attention, the drafts kept here, and form
/// updates. 1–5 choose a part, ↑ ↓ an item, the letters shown at the
/// bottom act on it; Esc goes back to the citizens' screens (still signed
/// in, to help); F9 signs out; F10 quits the kiosk.
public struct OperatorDeskState: Sendable {
    public enum Part: Int, Sendable, CaseIterable { case today, queue, attention, drafts, updates }

    public var part: Part = .today
    public var period: StatsPeriod = .day
    public var data: OperatorData?
    /// The item chosen in the queue, needs attention or drafts.
    public var selected = 0
    /// Typing the reason for withdrawing the chosen refused dossier.
    public var withdrawReason: LineEdit?
    /// Asking whether the citizen agrees to erase the chosen draft.
    public var confirmErase = false
    public var message: LocalizedText?

    public init(part: Part = .today) {
        self.part = part
    }

    var itemCount: Int {
        guard let data else { return 0 }
        switch part {
        case .queue: return data.queue.count
        case .attention: return data.attention.count
        case .drafts: return data.drafts.count
        default: return 0
        }
    }
}

extension OperatorDeskState: PageScreen {
    var asPage: Page { .operatorDesk(self) }
    var isOperatorScreen: Bool { true }

    mutating func key(_ key: Key, _ s: inout AppState) -> [Effect] {
        if withdrawReason != nil { return withdrawKey(key, &s) }
        if confirmErase { return eraseKey(key) }
        switch key {
        case .text(let t) where ["1", "2", "3", "4", "5"].contains(t):
            part = Part(rawValue: Int(t)! - 1)!
            selected = 0
            message = nil
        case .tab:
            part = Part(rawValue: (part.rawValue + 1) % Part.allCases.count)!
            selected = 0
            message = nil
        case .backTab:
            part = Part(rawValue: (part.rawValue + Part.allCases.count - 1) % Part.allCases.count)!
            selected = 0
            message = nil
        case .down where itemCount > 0:
            selected = (selected + 1) % itemCount
        case .up where itemCount > 0:
            selected = (selected + itemCount - 1) % itemCount
        case .left, .right:
            guard part == .today else { return [] }
            period = period == .day ? .month : .day
            return [.loadOperatorData(period)]
        case .escape:
            s.page = .welcome()
        case .function(9):
            s.operatorID = nil
            s.page = .welcome()
            return [.operatorSignOut]
        case .text(let t):
            return action(t.lowercased(), &s)
        case .enter:
            return action(part == .attention ? "s" : "", &s)
        default:
            break
        }
        return []
    }

    /// The letter keys of each part (shown at its bottom).
    private mutating func action(_ letter: String, _ s: inout AppState) -> [Effect] {
        switch (part, letter) {
        case (.queue, "g"):
            message = nil
            return [.sendNow(period)]
        case (.attention, "s") where itemCount > 0:
            return [.correctDossier(submissionID: data!.attention[selected].submissionID)]
        case (.attention, "r") where itemCount > 0:
            withdrawReason = LineEdit()
            message = nil
        case (.drafts, "x") where itemCount > 0:
            confirmErase = true
            message = nil
        case (_, "l"):
            return [.loadOperatorData(period)]
        default:
            break
        }
        return []
    }

    private mutating func withdrawKey(_ key: Key, _ s: inout AppState) -> [Effect] {
        switch key {
        case .escape:
            withdrawReason = nil
        case .enter:
            let reason = withdrawReason?.text.trimmingCharacters(in: .whitespaces) ?? ""
            guard !reason.isEmpty else {
                message = S.withdrawNeedsReason
                return []
            }
            // Kept on screen until the store has it (a failure keeps the typing).
            return [.withdrawDossier(submissionID: data!.attention[selected].submissionID, reason: reason, period: period)]
        default:
            if var line = withdrawReason {
                TextInput.edit(&line, key, composer: &s.composer, ime: s.inputMethod != .off, maxLength: 200)
                withdrawReason = line
            }
        }
        return []
    }

    private mutating func eraseKey(_ key: Key) -> [Effect] {
        switch key {
        case .text("c"), .text("C"), .text("y"), .text("Y"):
            confirmErase = false
            return [.eraseDraft(id: data!.drafts[selected].id, period: period)]
        case .escape, .text("k"), .text("K"), .text("n"), .text("N"):
            confirmErase = false
        default:
            break
        }
        return []
    }

    mutating func press(_ target: HitTarget, _ s: inout AppState) -> [Effect] {
        switch target {
        case .page(let i):
            part = Part(rawValue: i) ?? .today
            selected = 0
        case .listItem(let i):
            selected = i
        default:
            break
        }
        return []
    }

    mutating func result(_ result: EffectResult, _ s: inout AppState) -> [Effect] {
        switch result {
        case .operatorData(let d, let done):
            data = d
            selected = min(selected, max(0, itemCount - 1))
            withdrawReason = nil
            switch done {
            case .sentNow?: message = S.queueSent
            case .withdrawn?: message = S.withdrawn
            case .erased?: message = S.erased
            case nil: break
            }
        case .operatorFailed(let m):
            message = m
        default:
            break
        }
        return []
    }
}

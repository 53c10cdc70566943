import KioskCore

/// The operator's sign-in, reached by a hidden key (Ctrl-O or F12, never
/// shown to a citizen): the operator's id and PIN. The PIN is never shown
/// and is cleared once tried.
public struct OperatorSignInState: Sendable {
    public var id = LineEdit()
    public var pin = LineEdit()
    /// 0 the id, 1 the PIN, 2 the button.
    public var focus = 0
    public var message: LocalizedText?

    public init(message: LocalizedText? = nil) {
        self.message = message
    }
}

extension S {
    static let operatorSignInTitle = t("Đăng nhập cán bộ", "Operator sign-in")
    static let operatorSignInExplain = t("Dành cho cán bộ, tình nguyện viên phụ trách trạm. Nhập mã cán bộ và mã PIN. Esc: quay lại màn hình của người dân.",
                                         "For the station's clerks and volunteers. Type your operator id and PIN. Esc: back to the citizens' screens.")
    static let operatorIDLabel = t("Mã cán bộ", "Operator id")
    static let operatorPINLabel = t("Mã PIN", "PIN")
    static let operatorSignInButton = t("Đăng nhập", "Sign in")
    static let operatorSignInEmpty = t("Hãy nhập mã cán bộ và mã PIN.", "Type your operator id and PIN.")
}

extension OperatorSignInState: PageScreen {
    var asPage: Page { .operatorSignIn(self) }
    // Not yet an operator's: whoever found the key cannot quit from here.

    mutating func key(_ key: Key, _ s: inout AppState) -> [Effect] {
        switch key {
        case .tab, .down:
            focus = (focus + 1) % 3
        case .backTab, .up:
            focus = (focus + 2) % 3
        case .escape:
            s.page = .welcome()
        case .enter:
            if focus == 0 {
                focus = 1
                return []
            }
            return submit()
        default:
            guard focus < 2 else { return [] }
            var noIME = s.composer
            if focus == 0 {
                TextInput.edit(&id, key, composer: &noIME, ime: false, accept: { $0.isASCII && !$0.isWhitespace }, maxLength: 32)
            } else {
                TextInput.edit(&pin, key, composer: &noIME, ime: false, accept: { $0.isASCII && $0.isNumber }, maxLength: 12)
            }
        }
        return []
    }

    mutating func press(_ target: HitTarget, _ s: inout AppState) -> [Effect] {
        switch target {
        case .field(let i): focus = i; return []
        case .button("operator.signIn"): return submit()
        default: return []
        }
    }

    private mutating func submit() -> [Effect] {
        guard !id.text.isEmpty, !pin.text.isEmpty else {
            message = S.operatorSignInEmpty
            focus = id.text.isEmpty ? 0 : 1
            return []
        }
        let typed = (id.text, pin.text)
        pin = LineEdit()
        focus = 1
        return [.operatorSignIn(id: typed.0, pin: typed.1)]
    }

    mutating func result(_ result: EffectResult, _ s: inout AppState) -> [Effect] {
        switch result {
        case .operatorSignedIn(let id):
            s.operatorID = id
            s.page = .operatorDesk(OperatorDeskState())
            return [.loadOperatorData(.day)]
        case .operatorSignInFailed(let m):
            message = m
        default:
            break
        }
        return []
    }

    func draw(_ c: inout Canvas, _ s: AppState, _ b: Body) {
        var y = b.y + 1
        c.screen.put(c.t(S.operatorSignInTitle), x: b.x + 2, y: y, style: Style(.title, bold: true))
        y += 2
        y = c.paragraph(c.t(S.operatorSignInExplain), x: b.x + 2, y: y, width: min(b.width - 4, 72)) + 1
        let labels = [c.t(S.operatorIDLabel), c.t(S.operatorPINLabel)]
        let lw = labels.map(VietnameseText.displayWidth).max()! + 2
        for (i, label) in labels.enumerated() {
            c.screen.put(label + ":", x: b.x + 2, y: y)
            let line = i == 0 ? id : pin
            c.input(line.text, x: b.x + 2 + lw, y: y, width: 24, focused: focus == i, cursor: line.cursor, masked: i == 1)
            c.screen.hitAreas.append(HitArea(x: b.x + 2, y: y, width: lw + 24, height: 1, target: .field(i)))
            y += 2
        }
        if let m = message {
            _ = c.paragraph("! " + c.t(m), x: b.x + 2, y: y, width: b.width - 4, last: b.bottom - 2, style: Style(.error, bold: true))
        }
        _ = c.buttons([(c.t(S.operatorSignInButton), focus == 2, .button("operator.signIn"))], x: b.x + 2, y: b.bottom)
    }
}

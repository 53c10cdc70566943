import Foundation
import KioskCore

/// Drawing helpers shared by the screens.
struct Canvas {
    var screen: Screen
    let language: Language

    func t(_ l: LocalizedText) -> String { l.text(language) }

    /// Splits text into lines of at most `width` columns, at spaces.
    static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            for word in paragraph.split(separator: " ") {
                let candidate = line.isEmpty ? String(word) : line + " " + word
                if VietnameseText.displayWidth(candidate) <= width {
                    line = candidate
                } else {
                    if !line.isEmpty { lines.append(line) }
                    line = VietnameseText.displayWidth(String(word)) > width ? VietnameseText.truncate(String(word), toWidth: width) : String(word)
                }
            }
            lines.append(line)
        }
        return lines
    }

    /// Text wrapped to `width` columns from (x, y); returns the row after it.
    @discardableResult
    mutating func paragraph(_ text: String, x: Int, y: Int, width: Int, style: Style = .normal) -> Int {
        var row = y
        for line in Canvas.wrap(text, width: width) {
            screen.put(line, x: x, y: row, style: style)
            row += 1
        }
        return row
    }

    /// A button `[ label ]`, pressable; returns its width.
    @discardableResult
    mutating func button(_ label: String, x: Int, y: Int, focused: Bool, target: HitTarget, minWidth: Int = 0) -> Int {
        let inner = " " + label + " "
        let pad = max(0, minWidth - VietnameseText.displayWidth(inner) - 2)
        let text = "[" + inner + String(repeating: " ", count: pad) + "]"
        let w = screen.put(text, x: x, y: y, style: Style(focused ? .focused : .button, bold: focused))
        screen.hitAreas.append(HitArea(x: x, y: y, width: w, height: 1, target: target))
        return w
    }

    /// A row of buttons, left to right, two spaces apart; returns the x after the last.
    @discardableResult
    mutating func buttons(_ items: [(String, Bool, HitTarget)], x: Int, y: Int) -> Int {
        var col = x
        for (label, focused, target) in items { col += button(label, x: col, y: y, focused: focused, target: target) + 2 }
        return col
    }

    /// An input box `[ text      ]` of `width` columns; the cursor, when
    /// given (in characters), is kept visible by scrolling the text.
    mutating func input(_ text: String, x: Int, y: Int, width: Int, focused: Bool, cursor: Int?, placeholder: String = "", masked: Bool = false) {
        let inner = max(1, width - 4)
        var shown = masked ? String(repeating: "●", count: text.count) : text
        var cursorCol: Int?
        if let cursor {
            let chars = Array(shown)
            var start = 0
            while VietnameseText.displayWidth(String(chars[start..<min(cursor, chars.count)])) >= inner && start < cursor { start += 1 }
            shown = String(chars[start...])
            cursorCol = VietnameseText.displayWidth(String(chars[start..<min(cursor, chars.count)]))
        }
        let style = Style(focused ? .inputFocused : .input)
        screen.put("[", x: x, y: y, style: style)
        screen.fill(x: x + 1, y: y, width: inner + 2, height: 1, style: style)
        if shown.isEmpty && !placeholder.isEmpty {
            screen.put(placeholder, x: x + 2, y: y, style: Style(focused ? .inputFocused : .muted), maxWidth: inner)
        } else {
            screen.put(shown, x: x + 2, y: y, style: style, maxWidth: inner)
        }
        screen.put("]", x: x + inner + 3, y: y, style: style)
        if focused, let c = cursorCol { screen.cursor = (x: x + 2 + min(c, inner), y: y) }
    }
}

extension App {
    /// The smallest terminal the layout needs.
    public static let minWidth = 80
    public static let minHeight = 24

    public static func view(_ s: AppState) -> Screen {
        var c = Canvas(screen: Screen(width: s.width, height: s.height), language: s.language)
        guard s.width >= minWidth, s.height >= minHeight else {
            let lines = Canvas.wrap(c.t(S.tooSmall) + " (\(s.width)×\(s.height))", width: max(1, s.width - 2))
            for (i, line) in lines.enumerated() { c.screen.put(line, x: 1, y: max(0, s.height / 2 - lines.count / 2) + i, style: Style(.warning, bold: true)) }
            return c.screen
        }
        drawFrame(&c, s)
        let body = Body(x: 2, y: 4, width: s.width - 4, height: s.height - 7)
        switch s.page {
        case .welcome(let focus): drawWelcome(&c, s, body, focus)
        case .choose(let ch): drawChoose(&c, s, body, ch)
        case .pin(let p): drawPin(&c, s, body, p)
        case .form(let f): FormView.draw(&c, s, body, f)
        case .receipt(let r): drawReceipt(&c, s, body, r)
        case .resume(let r): drawResume(&c, s, body, r)
        case .lookup(let l): drawLookup(&c, s, body, l)
        case .prior(let p): drawPrior(&c, s, body, p)
        case .offer(let o): drawOffer(&c, s, body, o)
        }
        if let overlay = s.overlay {
            drawOverlay(&c, s, overlay)
        } else if let left = s.idleCountdown {
            drawDialog(&c, s, title: c.t(S.idleTitle),
                       body: "\(c.t(S.idleBody)) \(left) \(c.t(S.seconds)).\n\(c.t(S.idleTouch))", buttons: [(c.t(S.keepGoing), true, .button("dialog.cancel"))])
        }
        return c.screen
    }

    struct Body {
        var x: Int, y: Int, width: Int, height: Int
        var bottom: Int { y + height - 1 }
    }

    // MARK: Frame: border, header, footer

    static func drawFrame(_ c: inout Canvas, _ s: AppState) {
        let w = s.width, h = s.height
        let line = String(repeating: "─", count: w - 2)
        c.screen.put("┌" + line + "┐", x: 0, y: 0)
        c.screen.put("├" + line + "┤", x: 0, y: 3)
        c.screen.put("├" + line + "┤", x: 0, y: h - 3)
        c.screen.put("└" + line + "┘", x: 0, y: h - 1)
        for y in [1, 2, h - 2] + Array(4..<(h - 3)) {
            c.screen.put("│", x: 0, y: y)
            c.screen.put("│", x: w - 1, y: y)
        }
        c.screen.fill(x: 1, y: 1, width: w - 2, height: 2, style: Style(.bar))
        c.screen.fill(x: 1, y: h - 2, width: w - 2, height: 1, style: Style(.bar))

        // Right of the first line: connection and queue.
        let status = c.t(s.online ? S.online : S.offline) + (s.waitingCount > 0 ? " · \(s.waitingCount) \(c.t(S.waiting))" : "")
            + (s.needsAttentionCount > 0 ? " · ⚠ \(s.needsAttentionCount) \(c.t(S.needsAttention))" : "")
        let statusWidth = VietnameseText.displayWidth(status)
        c.screen.put(status, x: w - 2 - statusWidth, y: 1, style: Style(.bar))

        if case .form(let f) = s.page {
            let title = f.form.procedure.title.text(s.language)
            let stepText: String
            switch f.stage {
            case .fields:
                let visible = f.visiblePages
                let n = (visible.firstIndex(of: f.page) ?? 0) + 1
                stepText = "\(c.t(S.step)) \(n)/\(visible.count + 2): \(f.form.pages[f.page].title.text(s.language))"
            case .documents:
                stepText = "\(c.t(S.step)) \(f.visiblePages.count + 1)/\(f.visiblePages.count + 2): \(c.t(S.documentsTitle))"
            case .review:
                stepText = "\(c.t(S.step)) \(f.visiblePages.count + 2)/\(f.visiblePages.count + 2): \(c.t(S.reviewTitle))"
            }
            let room = w - 4 - statusWidth - 2
            let titleWidth = min(VietnameseText.displayWidth(title), max(10, room / 2))
            c.screen.put(VietnameseText.truncate(title, toWidth: titleWidth), x: 2, y: 1, style: Style(.bar, bold: true))
            c.screen.put(VietnameseText.truncate(stepText, toWidth: room - titleWidth - 2), x: 2 + titleWidth + 2, y: 1, style: Style(.bar))
            c.screen.put("\(c.t(S.resumeCode)): \(f.draft.resumeCode)", x: 2, y: 2, style: Style(.bar, bold: true))
            let mark = f.saveError != nil ? "! " + c.t(S.saveFailed) : (f.savedAt != nil ? c.t(S.saved) : c.t(S.saving))
            c.screen.put(mark, x: w - 2 - VietnameseText.displayWidth(mark), y: 2, style: Style(f.saveError != nil ? .error : .bar))
        } else {
            c.screen.put("\(c.t(S.appName)) · \(s.context.stationName)", x: 2, y: 1, style: Style(.bar, bold: true), maxWidth: w - 6 - statusWidth)
            c.screen.put(dateLine(s), x: 2, y: 2, style: Style(.bar))
        }

        // Footer: the way out and the keys, always visible.
        var x = 2
        if case .form(let f) = s.page {
            x = FormView.drawNavigation(&c, s, f, y: h - 2)
        }
        let keys: [(String, String)] = [
            (c.t(S.keyHelp), "help"),
            (c.t(S.keyIME) + ": " + c.t(S.imeNames[s.inputMethod]!), "ime"),
            (c.t(S.keyQuit), "quit"),
        ]
        let compact = x > 2
        for (label, name) in keys {
            let text = compact ? String(label.prefix(while: { $0 != " " })) + (name == "quit" ? " " + label.split(separator: " ").dropFirst().joined(separator: " ") : "") : label
            let width = VietnameseText.displayWidth(text)
            if x + width >= w - 2 { break }
            c.screen.put(text, x: x, y: h - 2, style: Style(.bar))
            c.screen.hitAreas.append(HitArea(x: x, y: h - 2, width: width, height: 1, target: .button(name)))
            x += width + 3
        }
    }

    /// "Thứ Hai, 23/11/2026  08:41", Vietnam time.
    static func dateLine(_ s: AppState) -> String {
        let (day, seconds) = CalendarDate.vietnam(unix: s.now)
        return "\(S.weekdays[day.weekday].text(s.language)), \(day.description)  " + String(format: "%02d:%02d", seconds / 3600, seconds % 3600 / 60)
    }

    // MARK: Welcome

    static func drawWelcome(_ c: inout Canvas, _ s: AppState, _ b: Body, _ focus: Int) {
        let big = b.height >= 30 && b.width >= 100
        let greeting = c.t(S.greeting)
        let itemWidth = min(b.width - 8, big ? 90 : 64)
        let left = b.x + max(2, (b.width - itemWidth) / 2)
        c.screen.put(greeting, x: left, y: b.y + 1, style: Style(.title, bold: true))
        let items: [String] = [
            "1  " + c.t(S.newDossier),
            "2  " + c.t(S.continueDraft) + "   " + c.t(S.continueHint),
            "3  " + c.t(S.priorCode),
            "4  " + c.t(S.lookup),
        ]
        var y = b.y + 3
        for (i, item) in items.enumerated() {
            if big {
                // A 3-line button: easy to hit with a finger on a large screen.
                let style = Style(i == focus ? .focused : .button, bold: i == focus)
                c.screen.fill(x: left, y: y, width: itemWidth, height: 3, style: style)
                c.screen.put(item, x: left + 3, y: y + 1, style: style, maxWidth: itemWidth - 4)
                c.screen.hitAreas.append(HitArea(x: left, y: y, width: itemWidth, height: 3, target: .listItem(i)))
                y += 4
            } else {
                c.button(VietnameseText.truncate(item, toWidth: itemWidth - 4), x: left, y: y, focused: i == focus, target: .listItem(i), minWidth: itemWidth)
                y += 2
            }
        }
        c.button(c.t(S.otherLanguage), x: left, y: y + 1, focused: focus == 4, target: .listItem(4))
        // For the staff, where a station starts its day: why nothing is
        // uploaded, when it is the station's own fault (the citizen's work is
        // kept either way).
        if let problem = s.stationProblem {
            let width = b.width - 2
            let lines = Canvas.wrap("⚠ " + c.t(S.uploadsStopped) + ": " + c.t(problem), width: width)
            var shown = Array(lines.prefix(max(1, b.bottom - (y + 2))))
            if shown.count < lines.count, let last = shown.popLast() {
                // Cut, and marked as cut: `kiosk status` gives it whole.
                shown.append(VietnameseText.truncate(last + " …", toWidth: width))
            }
            for (i, line) in shown.enumerated() {
                c.screen.put(line, x: b.x + 1, y: b.bottom - shown.count + 1 + i, style: Style(.warning))
            }
        }
    }

    // MARK: Choose the procedure

    static func drawChoose(_ c: inout Canvas, _ s: AppState, _ b: Body, _ ch: ChooseState) {
        let label = c.t(S.searchLabel) + " "
        let lw = c.screen.put(label, x: b.x, y: b.y, style: Style(.title, bold: true))
        let hint = c.t(S.searchHint)
        let inputWidth = max(20, b.width - lw - VietnameseText.displayWidth(hint) - 2)
        c.input(ch.query.text, x: b.x + lw, y: b.y, width: inputWidth, focused: ch.focus == 0, cursor: ch.query.cursor)
        c.screen.put(hint, x: b.x + lw + inputWidth + 1, y: b.y, style: Style(.muted))

        let list = procedures(s, ch.query.text)
        let detailHeight = 6
        let listTop = b.y + 2
        let listBottom = b.bottom - detailHeight
        guard !list.isEmpty else {
            // No forms at all is not a matter of typing: the staff must act.
            _ = c.paragraph(c.t(s.context.forms.isEmpty ? S.noForms : S.noProcedureMatch), x: b.x, y: listTop, width: b.width,
                            style: Style(.warning, bold: s.context.forms.isEmpty))
            c.buttons([(c.t(S.back), ch.focus == 2, .button("back"))], x: b.x, y: b.bottom)
            return
        }
        // Lines: a header per field (lĩnh vực), then its procedures.
        var lines: [(text: String, item: Int?)] = []
        var lastDomain = ""
        for (i, f) in list.enumerated() {
            if f.procedure.domainCode != lastDomain {
                lines.append((f.procedure.domainName.text(s.language).uppercased(), nil))
                lastDomain = f.procedure.domainCode
            }
            lines.append((f.procedure.title.text(s.language), i))
        }
        let selectedLine = lines.firstIndex { $0.item == ch.selection } ?? 0
        let visible = listBottom - listTop
        let start = selectedLine < visible ? 0 : selectedLine - visible + 1
        for (n, line) in lines.dropFirst(start).prefix(visible).enumerated() {
            let y = listTop + n
            guard let i = line.item else {
                c.screen.put(line.text, x: b.x, y: y, style: Style(.title, bold: true))
                continue
            }
            let selected = i == ch.selection
            let p = list[i].procedure
            let summary = (p.feeAmount == 0 ? c.t(S.free) : "\(p.feeAmount.formatted()) đ") + " · "
                + (p.processingDays == 0 ? c.t(S.sameDay) : "\(p.processingDays) \(c.t(S.workingDays))")
            let style = Style(selected ? .focused : .normal, bold: selected)
            c.screen.fill(x: b.x, y: y, width: b.width, height: 1, style: selected ? style : .normal)
            c.screen.put((selected ? "▶ " : "  ") + line.text, x: b.x, y: y, style: style, maxWidth: b.width - VietnameseText.displayWidth(summary) - 2)
            c.screen.put(summary, x: b.x + b.width - VietnameseText.displayWidth(summary), y: y, style: Style(selected ? .focused : .muted))
            c.screen.hitAreas.append(HitArea(x: b.x, y: y, width: b.width, height: 1, target: .listItem(i)))
        }

        // The chosen procedure: what it costs, how long, what to bring.
        let p = list[min(ch.selection, list.count - 1)].procedure
        var y = listBottom
        let head = "── \(p.title.text(s.language)) (\(p.code)) "
        c.screen.put(head + String(repeating: "─", count: max(0, b.width - VietnameseText.displayWidth(head))), x: b.x, y: y, style: Style(.title), maxWidth: b.width)
        y += 1
        let deliveries = p.delivery.map { $0.label.text(s.language) }.joined(separator: " · ")
        c.screen.put("\(c.t(S.level)): \(p.level.label.text(s.language)) · \(c.t(S.delivery)): \(deliveries)", x: b.x, y: y, maxWidth: b.width)
        y += 1
        let docs = p.documents.filter { if case .optional = $0.required { return false } else { return true } }
            .map { $0.name.text(s.language) + ($0.original ? " (\(c.t(S.original)))" : "") }
        let prepare = docs.isEmpty ? c.t(S.prepareNothing) : docs.joined(separator: " · ")
        for line in Canvas.wrap("\(c.t(S.prepare)): " + prepare, width: b.width).prefix(3) {
            c.screen.put(line, x: b.x, y: y)
            y += 1
        }
        let startLabel = c.t(S.start), backLabel = c.t(S.back)
        let buttonsWidth = VietnameseText.displayWidth(startLabel + backLabel) + 10
        c.buttons([(startLabel, ch.focus == 1, .button("start")), (backLabel, ch.focus == 2, .button("back"))],
                  x: b.x + b.width - buttonsWidth, y: b.bottom)
    }

    // MARK: PIN

    static func drawPin(_ c: inout Canvas, _ s: AppState, _ b: Body, _ p: PinState) {
        let form = s.context.forms.first { $0.id == p.formID }
        var y = b.y + 1
        c.screen.put(form?.procedure.title.text(s.language) ?? "", x: b.x + 2, y: y, style: Style(.title, bold: true))
        y += 2
        c.screen.put(c.t(S.pinTitle), x: b.x + 2, y: y, style: Style(.title))
        y += 2
        y = c.paragraph(c.t(S.pinExplain), x: b.x + 2, y: y, width: min(b.width - 4, 70)) + 1
        let lw = c.screen.put(c.t(S.pinLabel) + ": ", x: b.x + 2, y: y)
        c.input(p.pin.text, x: b.x + 2 + lw, y: y, width: 12, focused: true, cursor: p.pin.cursor, masked: true)
        if let e = p.error { c.screen.put("! " + c.t(e), x: b.x + 2, y: y + 2, style: Style(.error, bold: true)) }
        c.buttons([(c.t(S.start), true, .button("start")), (c.t(S.back), false, .button("back"))], x: b.x + 2, y: b.bottom)
    }

    // MARK: Receipt

    static func drawReceipt(_ c: inout Canvas, _ s: AppState, _ b: Body, _ r: ReceiptState) {
        let width = min(b.width - 4, 72)
        let lines = r.receipt.text(columns: width, language: s.language).split(separator: "\n", omittingEmptySubsequences: false)
        var y = b.y
        for line in lines.prefix(b.height - 3) {
            c.screen.put(String(line), x: b.x + max(0, (b.width - width) / 2), y: y, style: y == b.y ? Style(.title, bold: true) : .normal)
            y += 1
        }
        if let m = r.message { c.screen.put(c.t(m), x: b.x + 2, y: b.bottom - 1, style: Style(.success), maxWidth: b.width - 4) }
        c.buttons([(c.t(S.print), r.focus == 0, .button("print")), (c.t(S.done), r.focus == 1, .button("done"))], x: b.x + 2, y: b.bottom)
    }

    // MARK: Continue a draft, look up, earlier code

    static func drawResume(_ c: inout Canvas, _ s: AppState, _ b: Body, _ r: ResumeState) {
        var y = b.y + 1
        c.screen.put(c.t(S.resumeTitle), x: b.x + 2, y: y, style: Style(.title, bold: true))
        y += 2
        let labels = [c.t(S.resumeCodeLabel), c.t(S.verificationLabel)]
        let lw = labels.map(VietnameseText.displayWidth).max()! + 2
        for (i, label) in labels.enumerated() {
            c.screen.put(label, x: b.x + 2, y: y)
            let line = i == 0 ? r.code : r.verification
            c.input(line.text, x: b.x + 2 + lw, y: y, width: 14, focused: r.focus == i, cursor: line.cursor, masked: i == 1)
            c.screen.hitAreas.append(HitArea(x: b.x + 2, y: y, width: lw + 14, height: 1, target: .field(i)))
            y += 2
        }
        if let m = r.message { c.screen.put("! " + c.t(m), x: b.x + 2, y: y, style: Style(.error, bold: true), maxWidth: b.width - 4) }
        c.buttons([(c.t(S.continueButton), r.focus == 2, .button("continue")), (c.t(S.back), r.focus == 3, .button("back"))], x: b.x + 2, y: b.bottom)
    }

    static func drawLookup(_ c: inout Canvas, _ s: AppState, _ b: Body, _ l: LookupState) {
        var y = b.y + 1
        c.screen.put(c.t(S.lookupTitle), x: b.x + 2, y: y, style: Style(.title, bold: true))
        y += 2
        let labels = [c.t(S.lookupLabel), c.t(S.lookupVerification)]
        for (i, label) in labels.enumerated() {
            c.screen.put(label + ":", x: b.x + 2, y: y)
            let line = i == 0 ? l.code : l.verification
            let width = min(i == 0 ? 34 : 18, b.width - 8)
            c.input(line.text, x: b.x + 4, y: y + 1, width: width, focused: l.focus == i, cursor: line.cursor)
            c.screen.hitAreas.append(HitArea(x: b.x + 2, y: y, width: max(width + 2, VietnameseText.displayWidth(label)), height: 2, target: .field(i)))
            y += 3
        }
        if let m = l.message {
            c.screen.put((l.busy ? "" : "! ") + c.t(m), x: b.x + 2, y: y, style: Style(l.busy ? .muted : .warning, bold: !l.busy), maxWidth: b.width - 4)
            y += 1
        }
        if let r = l.remote {
            c.screen.put("── " + c.t(S.atProvince), x: b.x + 2, y: y, style: Style(.title))
            y += 1
            let status = r.status.map { "\($0) " + (S.provinceStatusNames[$0]?.text(s.language) ?? "") } ?? "—"
            var rows: [(LocalizedText, String)] = [(S.dossierCode, r.code), (S.procedure, r.procedureName), (S.status, status)]
            if let due = r.dueDate { rows.append((S.dueDate, CalendarDate.parseISO(due)?.description ?? due)) }
            for (label, value) in rows where y < b.bottom - 1 {
                c.screen.put("\(c.t(label)): \(value)", x: b.x + 4, y: y, maxWidth: b.width - 6)
                y += 1
            }
        }
        if let r = l.result {
            c.screen.put("── " + c.t(S.atStation), x: b.x + 2, y: y, style: Style(.title))
            y += 1
            let rows: [(LocalizedText, String)] = [
                (S.procedure, r.procedureTitle.text(s.language)),
                (S.receiptNumber, r.receiptNumber),
                (S.dossierCode, r.officialCode ?? c.t(S.pendingUpload)),
                (S.submittedAt, Receipt.formatTime(Double(r.submittedAt))),
                (S.status, (S.statusNames[r.status] ?? LocalizedText(r.status)).text(s.language)),
            ] + (r.dueDate.map { [(S.dueDate, CalendarDate.parseISO($0)?.description ?? $0)] } ?? [])
            for (label, value) in rows where y < b.bottom - 1 {
                c.screen.put("\(c.t(label)): \(value)", x: b.x + 4, y: y, maxWidth: b.width - 6)
                y += 1
            }
        }
        c.buttons([(c.t(S.search), l.focus == 2, .button("search")), (c.t(S.back), l.focus == 3, .button("back"))], x: b.x + 2, y: b.bottom)
    }

    static func drawPrior(_ c: inout Canvas, _ s: AppState, _ b: Body, _ p: PriorState) {
        var y = b.y
        drawTitle(&c, b, c.t(S.priorTitle), procedure: p.session?.form.procedure.title.text(s.language))
        y += 2
        y = c.paragraph(c.t(S.priorExplain), x: b.x + 2, y: y, width: min(b.width - 4, 74)) + 1
        let labels = [c.t(S.dossierCode), c.t(S.priorVerification)]
        let lw = labels.map(VietnameseText.displayWidth).max()! + 2
        for (i, label) in labels.enumerated() {
            c.screen.put(label, x: b.x + 2, y: y)
            let line = i == 0 ? p.code : p.verification
            let width = min(i == 0 ? 30 : 18, b.width - lw - 6)
            c.input(line.text, x: b.x + 2 + lw, y: y, width: width, focused: p.focus == i, cursor: line.cursor)
            c.screen.hitAreas.append(HitArea(x: b.x + 2, y: y, width: lw + width, height: 1, target: .field(i)))
            y += 2
        }
        if let m = p.message {
            y = c.paragraph((p.busy ? "" : "! ") + c.t(m), x: b.x + 2, y: y, width: b.width - 6, style: Style(p.busy ? .muted : .warning, bold: !p.busy))
        }
        // The dossiers found so far: code, procedure, and who is in them.
        if !p.found.isEmpty {
            c.screen.put(c.t(S.priorFoundTitle) + ":", x: b.x + 2, y: y, style: Style(.success, bold: true))
            y += 1
            for prior in p.found where y < b.bottom - 1 {
                c.screen.put("✓ \(prior.code) · \(prior.procedureName)", x: b.x + 2, y: y, style: Style(.success), maxWidth: b.width - 4)
                y += 1
                let people = prior.roles.compactMap { r in prior.value("\(r).full_name").map { "\(S.role(r).text(s.language)): \($0)" } }
                if !people.isEmpty, y < b.bottom - 1 {
                    c.screen.put("  " + people.joined(separator: " · "), x: b.x + 2, y: y, maxWidth: b.width - 4)
                    y += 1
                }
            }
            if y < b.bottom - 1 {
                c.screen.put(c.t(p.session == nil ? S.priorChooseNext : S.priorMore), x: b.x + 2, y: y, style: Style(.muted), maxWidth: b.width - 4)
            }
        }
        var buttons: [(String, Bool, HitTarget)] = [(c.t(S.search), p.focus == 2, .button("search"))]
        if !p.found.isEmpty { buttons.append((c.t(S.continueButton), p.focus == 3, .button("continue"))) }
        buttons.append((c.t(S.back), p.focus == 4, .button("back")))
        c.buttons(buttons, x: b.x + 2, y: b.bottom)
    }

    /// A screen's title on the body's first line, with the procedure it is for.
    static func drawTitle(_ c: inout Canvas, _ b: Body, _ title: String, procedure: String?) {
        c.screen.put(title, x: b.x + 2, y: b.y, style: Style(.title, bold: true))
        if let procedure {
            c.screen.put("· " + procedure, x: b.x + 4 + VietnameseText.displayWidth(title), y: b.y, style: Style(.muted), maxWidth: b.width - 30)
        }
    }

    static func drawOffer(_ c: inout Canvas, _ s: AppState, _ b: Body, _ o: OfferState) {
        var y = b.y
        drawTitle(&c, b, c.t(S.offerTitle), procedure: o.session.form.procedure.title.text(s.language))
        y += 2
        y = c.paragraph(c.t(S.offerExplain), x: b.x + 2, y: y, width: min(b.width - 4, 74)) + 1
        if o.offers.isEmpty {
            y = c.paragraph(c.t(S.offerNobody), x: b.x + 2, y: y, width: b.width - 6, style: Style(.warning)) + 1
        }
        var lastCode = ""
        for (i, offer) in o.offers.enumerated() where y < b.bottom - 3 {
            if offer.code != lastCode {
                lastCode = offer.code
                let name = o.priors.first { $0.code == offer.code }?.procedureName ?? ""
                c.screen.put("── \(offer.code) · \(name)", x: b.x + 2, y: y, style: Style(.title), maxWidth: b.width - 4)
                y += 1
            }
            let focused = o.focus == i
            let who = S.role(offer.sourceRole).text(s.language) + (offer.name.map { ": " + $0 } ?? "")
            let target = offer.target.map { S.role($0).text(s.language) } ?? c.t(S.offerNotUsed)
            c.screen.fill(x: b.x + 2, y: y, width: b.width - 4, height: 1, style: Style(focused ? .focused : .normal))
            c.screen.put(VietnameseText.truncate(who, toWidth: 40), x: b.x + 4, y: y, style: Style(focused ? .focused : .normal))
            c.screen.put("→ ◀ \(target) ▶", x: b.x + 46, y: y, style: Style(focused ? .focused : (offer.target == nil ? .muted : .prefilled), bold: offer.target != nil),
                         maxWidth: b.width - 48)
            c.screen.hitAreas.append(HitArea(x: b.x + 2, y: y, width: b.width - 4, height: 1, target: .listItem(i)))
            y += 1
        }
        // What pressing Fill in would do.
        let plan = o.plan()
        y += 1
        if y < b.bottom - 1 {
            c.screen.put("\(c.t(S.offerWillFill)): \(plan.prefills.filter { !$0.raw.hasPrefix("reuse:") }.count) \(c.t(S.offerItems))", x: b.x + 2, y: y, style: Style(.muted))
            y += 1
        }
        let reused = plan.prefills.filter { $0.raw.hasPrefix("reuse:") }.compactMap { p in
            o.session.form.field(p.name)?.label.text(s.language)
        }
        if !reused.isEmpty, y < b.bottom - 1 {
            c.screen.put("\(c.t(S.offerReuse)): " + reused.joined(separator: ", "), x: b.x + 2, y: y, style: Style(.muted), maxWidth: b.width - 4)
        }
        c.buttons([(c.t(S.offerApply), o.focus == o.offers.count, .button("apply")),
                   (c.t(S.offerSkip), o.focus == o.offers.count + 1, .button("skip"))], x: b.x + 2, y: b.bottom)
    }

    // MARK: Dialogs

    static func drawOverlay(_ c: inout Canvas, _ s: AppState, _ overlay: Overlay) {
        switch overlay {
        case .help:
            var text = c.t(S.helpCommon)
            if s.inputMethod == .telex { text += "\n" + c.t(S.helpTelex) }
            if s.inputMethod == .vni { text += "\n" + c.t(S.helpVNI) }
            drawDialog(&c, s, title: c.t(S.helpTitle), body: text, buttons: [(c.t(S.close), true, .button("dialog.ok"))])
        case .confirmQuit:
            drawDialog(&c, s, title: c.t(S.quitTitle), body: c.t(S.quitBody),
                       buttons: [(c.t(S.quit), true, .button("dialog.ok")), (c.t(S.cancel), false, .button("dialog.cancel"))])
        case .confirmPause:
            var code = ""
            if case .form(let f) = s.page { code = f.draft.resumeCode }
            drawDialog(&c, s, title: c.t(S.pauseTitle), body: "\(c.t(S.pauseBody)): \(code)",
                       buttons: [(c.t(S.pauseConfirm), true, .button("dialog.ok")), (c.t(S.keepGoing), false, .button("dialog.cancel"))])
        case .message(let m):
            drawDialog(&c, s, title: "", body: c.t(m), buttons: [(c.t(S.ok), true, .button("dialog.ok"))])
        case .offerMigration(let migration, let version):
            var body = "\(c.t(S.migrateBody)) (\(version)): \(migration.moved.count) \(c.t(S.migrateMoved))."
            if !migration.notMoved.isEmpty {
                body += "\n\(c.t(S.migrateNotMoved)): " + migration.notMoved.prefix(6).map { "\($0.label.text(s.language)) — \($0.reason.text(s.language))" }.joined(separator: "; ")
                if migration.notMoved.count > 6 { body += "; …" }
            }
            drawDialog(&c, s, title: c.t(S.migrateTitle), body: body,
                       buttons: [(c.t(S.migrateYes), true, .button("dialog.ok")), (c.t(S.migrateNo), false, .button("dialog.cancel"))])
        }
    }

    static func drawDialog(_ c: inout Canvas, _ s: AppState, title: String, body: String, buttons: [(String, Bool, HitTarget)]) {
        let width = min(s.width - 8, 72)
        let lines = Canvas.wrap(body, width: width - 4)
        let height = lines.count + (title.isEmpty ? 4 : 6)
        let x = (s.width - width) / 2, y = max(1, (s.height - height) / 2)
        c.screen.fill(x: x, y: y, width: width, height: height, style: .normal)
        c.screen.put("┌" + String(repeating: "─", count: width - 2) + "┐", x: x, y: y)
        c.screen.put("└" + String(repeating: "─", count: width - 2) + "┘", x: x, y: y + height - 1)
        for row in (y + 1)..<(y + height - 1) {
            c.screen.put("│", x: x, y: row)
            c.screen.put("│", x: x + width - 1, y: row)
        }
        var row = y + 1
        if !title.isEmpty {
            c.screen.put(title, x: x + 2, y: row, style: Style(.title, bold: true))
            row += 2
        }
        for line in lines {
            c.screen.put(line, x: x + 2, y: row)
            row += 1
        }
        // The dialog covers everything under it: only its own buttons take presses.
        c.screen.hitAreas.removeAll { $0.x < x + width && $0.x + $0.width > x && $0.y < y + height && $0.y + $0.height > y }
        c.screen.hitAreas.append(HitArea(x: x, y: y, width: width, height: height, target: .button("dialog.area")))
        c.buttons(buttons, x: x + 2, y: row + 1)
    }
}

extension Int {
    /// 200000 → "200.000", as amounts are written in Vietnam.
    func formatted() -> String {
        let digits = Array(String(self))
        var out = ""
        for (i, d) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(".") }
            out.append(d)
        }
        return out
    }
}

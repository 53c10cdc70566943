import KioskCore

/// The review step: what came from earlier dossiers, every answer by page,
/// the declaration, Submit and Back.
enum ReviewView {
    static func draw(_ c: inout Canvas, _ s: AppState, _ b: Body, _ f: FormSession) {
        let language = s.language
        let paths = ReviewUpdate.answerPaths(f)
        var lines: [FormLine] = []
        lines.append(FormLine(focusIndex: nil) { c, y in
            c.screen.put(S.reviewTitle.text(language) + " — " + S.reviewHint.text(language), x: b.x, y: y, style: Style(.title, bold: true))
        })
        // Labels on the left, answers on the right, each over as many
        // lines as it needs: nothing the citizen signs is cut.
        let labelWidth = max(24, min(b.width * 2 / 5, 60))
        let valueWidth = b.width - labelWidth
        /// One entry: its label and value lines side by side.
        func entry(_ focusIndex: Int?, label: String, labelStyle: Style, value: [String], valueStyle: Style, fill: Bool, target: HitTarget?) {
            let labels = WordWrap.lines(label, width: labelWidth - 4)
            for n in 0..<max(labels.count, value.count) {
                lines.append(FormLine(focusIndex: focusIndex) { c, y in
                    if fill { c.screen.fill(x: b.x, y: y, width: b.width, height: 1, style: valueStyle) }
                    if n < labels.count { c.screen.put(labels[n], x: b.x + 2, y: y, style: labelStyle) }
                    if n < value.count { c.screen.put(value[n], x: b.x + labelWidth, y: y, style: valueStyle) }
                    if let target { c.screen.hitAreas.append(HitArea(x: b.x, y: y, width: b.width, height: 1, target: target)) }
                })
            }
        }
        // What came from earlier dossiers, listed for the citizen to confirm.
        let prefilled = f.activePrefills
        if !prefilled.isEmpty {
            lines.append(FormLine(focusIndex: nil) { c, y in
                c.screen.put("◆ " + S.reviewPrefilled.text(language) + " (\(prefilled.count))", x: b.x, y: y, style: Style(.prefilled, bold: true))
            })
            for (p, fill) in prefilled {
                let label = f.state.label(of: p).text(language) + Self.itemNumber(p)
                let value = f.display(f.state.value(p), raw: f.state.raw(p), row: .field(p), language: language)
                let at = lines.count
                entry(nil, label: label, labelStyle: Style(.prefilled), value: WordWrap.lines(value + "  (\(fill.code))", width: valueWidth),
                      valueStyle: .normal, fill: false, target: nil)
                let first = lines[at]
                lines[at] = FormLine(focusIndex: nil) { c, y in
                    first.draw(&c, y)
                    c.screen.put("◆", x: b.x, y: y, style: Style(.prefilled))
                }
            }
        }
        var lastPage = -1
        var lastStage: FormSession.Stage?
        for (i, p) in paths.enumerated() {
            let field = f.form.fields[p.field]
            let stage: FormSession.Stage = field.type == .document ? .documents : .fields
            if stage == .documents, lastStage != .documents {
                lines.append(FormLine(focusIndex: nil) { c, y in c.screen.put("── " + S.documentsTitle.text(language), x: b.x, y: y, style: Style(.title)) })
            } else if stage == .fields, field.page != lastPage {
                lastPage = field.page
                for (n, text) in WordWrap.lines(f.form.pages[field.page].title.text(language), width: b.width - 3).enumerated() {
                    lines.append(FormLine(focusIndex: nil) { c, y in c.screen.put((n == 0 ? "── " : "   ") + text, x: b.x, y: y, style: Style(.title)) })
                }
            }
            lastStage = stage
            var issues = f.state.issues(p)
            // A document is not filled in: it is given one way or another.
            if field.type == .document, f.state.raw(p).isEmpty { issues = issues.map { $0 == S.fillThisIn ? S.documentNotChosen : $0 } }
            let value = f.display(f.state.value(p), raw: f.state.raw(p), row: .field(p), language: language)
            let label = f.state.label(of: p).text(language) + Self.itemNumber(p)
            let focused = f.focus == i
            // Every problem, each its own sentence; else the answer.
            let texts = issues.isEmpty ? WordWrap.lines(value.isEmpty ? "—" : value, width: valueWidth)
                : issues.flatMap { WordWrap.lines($0.text(language), width: valueWidth) }
            let style = Style(focused ? .focused : (issues.isEmpty ? .normal : .error), bold: !issues.isEmpty)
            let at = lines.count
            entry(i, label: label, labelStyle: Style(focused ? .focused : (issues.isEmpty ? .normal : .error)), value: texts,
                  valueStyle: style, fill: true, target: .listItem(i))
            let mark = issues.isEmpty ? (f.prefill(p) != nil ? "◆" : " ") : "!"
            let first = lines[at]
            lines[at] = FormLine(focusIndex: i) { c, y in
                first.draw(&c, y)
                c.screen.put(mark, x: b.x, y: y, style: style)
            }
        }
        // Each document given, and how (paper, the file's pages and size, a
        // reused dossier): read, not focused (a document with a problem is
        // above, focused like an answer).
        let listed = Set(paths)
        let given = f.form.fields.filter { $0.type == .document && $0.group == nil }.map { FieldPath(field: $0.index) }
            .filter { !listed.contains($0) && f.state.isVisible($0) && !f.state.raw($0).isEmpty }
        if !given.isEmpty, lastStage != .documents {
            lines.append(FormLine(focusIndex: nil) { c, y in c.screen.put("── " + S.documentsTitle.text(language), x: b.x, y: y, style: Style(.title)) })
        }
        for p in given {
            let value = DocumentText.given(f.state.raw(p), documents: f.documents, language) ?? f.state.raw(p)
            entry(nil, label: f.state.label(of: p).text(language), labelStyle: .normal, value: WordWrap.lines(value, width: valueWidth),
                  valueStyle: Style(.success), fill: false, target: nil)
        }
        let declareIndex = paths.count
        lines.append(FormLine(focusIndex: nil) { _, _ in })
        // The fee as computed from these answers (per copy, per page…).
        if let fee = f.state.fee {
            let text = "\(S.feeToPay(f.form.procedure.feeKind).text(language)): " + (fee == 0 ? S.noFee.text(language) : Money.text(fee, language, short: true))
            lines.append(FormLine(focusIndex: nil) { c, y in c.screen.put(text, x: b.x, y: y, style: Style(.title, bold: true)) })
        }
        // The declaration the citizen signs: always whole.
        let declaration = WordWrap.lines((f.form.declaration ?? S.declaration).text(language), width: b.width - 4)
        for (n, text) in declaration.enumerated() {
            lines.append(FormLine(focusIndex: declareIndex) { c, y in
                c.screen.put((n == 0 ? (f.declared ? "[x] " : "[ ] ") : "    ") + text, x: b.x, y: y, style: Style(f.focus == declareIndex ? .focused : .title, bold: true))
                c.screen.hitAreas.append(HitArea(x: b.x, y: y, width: b.width, height: 1, target: .button("declare")))
            })
        }
        lines.append(FormLine(focusIndex: declareIndex + 1) { c, y in
            c.buttons([(S.finalize.text(language), f.focus == declareIndex + 1, .button("submit")),
                       (S.previous.text(language), f.focus == declareIndex + 2, .button("previous"))], x: b.x, y: y)
        })
        lines.append(FormLine(focusIndex: declareIndex + 2) { _, _ in })
        let message = f.message.map { WordWrap.lines("! " + $0.text(language), width: b.width) } ?? []
        FormLine.show(&c, lines, focus: f.focus, top: b.y, height: b.height - 1 - message.count)
        for (n, text) in message.enumerated() {
            c.screen.put(text, x: b.x, y: b.bottom - message.count + 1 + n, style: Style(.warning, bold: true))
        }
    }

    /// Which item an answer is of: " (2)", " (2.3)" for the third inner
    /// item of the second outer item; nothing outside groups.
    static func itemNumber(_ p: FieldPath) -> String {
        guard let i = p.item else { return "" }
        return " (\(i + 1)" + (p.subItem.map { ".\($0 + 1)" } ?? "") + ")"
    }
}

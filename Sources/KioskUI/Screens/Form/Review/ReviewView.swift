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
        let labelWidth = min(34, b.width / 2)
        // What came from earlier dossiers, listed for the citizen to confirm.
        let prefilled = f.activePrefills
        if !prefilled.isEmpty {
            lines.append(FormLine(focusIndex: nil) { c, y in
                c.screen.put("◆ " + S.reviewPrefilled.text(language) + " (\(prefilled.count))", x: b.x, y: y, style: Style(.prefilled, bold: true))
            })
            for (p, fill) in prefilled {
                let label = f.form.fields[p.field].label.text(language) + (p.item.map { " (\($0 + 1))" } ?? "")
                let value = f.display(f.state.value(p), raw: f.state.raw(p), row: .field(p), language: language)
                lines.append(FormLine(focusIndex: nil) { c, y in
                    c.screen.put("  ◆ " + VietnameseText.truncate(label, toWidth: labelWidth - 5), x: b.x, y: y, style: Style(.prefilled))
                    c.screen.put(value + "  (\(fill.code))", x: b.x + labelWidth, y: y, maxWidth: b.width - labelWidth)
                })
            }
        }
        var lastPage = -1
        for (i, p) in paths.enumerated() {
            let field = f.form.fields[p.field]
            if field.page != lastPage {
                lastPage = field.page
                let title = f.form.pages[field.page].title.text(language)
                lines.append(FormLine(focusIndex: nil) { c, y in c.screen.put("── " + title, x: b.x, y: y, style: Style(.title)) })
            }
            let issues = f.state.issues(p)
            let value = f.display(f.state.value(p), raw: f.state.raw(p), row: .field(p), language: language)
            let label = field.label.text(language) + (p.item.map { " (\($0 + 1))" } ?? "")
            let focused = f.focus == i
            lines.append(FormLine(focusIndex: i) { c, y in
                c.screen.fill(x: b.x, y: y, width: b.width, height: 1, style: Style(focused ? .focused : .normal))
                c.screen.put((issues.isEmpty ? (f.prefill(p) != nil ? "◆ " : "  ") : "! ") + VietnameseText.truncate(label, toWidth: labelWidth - 3), x: b.x, y: y,
                             style: Style(focused ? .focused : (issues.isEmpty ? .normal : .error)))
                let text = issues.isEmpty ? (value.isEmpty ? "—" : value) : issues[0].text(language)
                c.screen.put(text, x: b.x + labelWidth, y: y, style: Style(focused ? .focused : (issues.isEmpty ? .normal : .error), bold: !issues.isEmpty), maxWidth: b.width - labelWidth)
                c.screen.hitAreas.append(HitArea(x: b.x, y: y, width: b.width, height: 1, target: .listItem(i)))
            })
        }
        let declareIndex = paths.count
        lines.append(FormLine(focusIndex: nil) { _, _ in })
        lines.append(FormLine(focusIndex: declareIndex) { c, y in
            let text = (f.declared ? "[x] " : "[ ] ") + S.declaration.text(language)
            c.screen.put(text, x: b.x, y: y, style: Style(f.focus == declareIndex ? .focused : .title, bold: true), maxWidth: b.width)
            c.screen.hitAreas.append(HitArea(x: b.x, y: y, width: b.width, height: 1, target: .button("declare")))
        })
        lines.append(FormLine(focusIndex: declareIndex + 1) { c, y in
            c.buttons([(S.finalize.text(language), f.focus == declareIndex + 1, .button("submit")),
                       (S.previous.text(language), f.focus == declareIndex + 2, .button("previous"))], x: b.x, y: y)
        })
        lines.append(FormLine(focusIndex: declareIndex + 2) { _, _ in })
        FormLine.show(&c, lines, focus: f.focus, top: b.y, height: b.height - 1)
        if let m = f.message {
            c.screen.put("! " + m.text(language), x: b.x, y: b.bottom, style: Style(.warning, bold: true), maxWidth: b.width)
        }
    }
}

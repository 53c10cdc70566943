import KioskCore

/// The documents step: each document, whether it is brought, attached or
/// reused, and what the procedure asks of it.
enum DocumentsView {
    static func draw(_ c: inout Canvas, _ s: AppState, _ b: Body, _ f: FormSession) {
        let language = s.language
        c.screen.put(S.documentsTitle.text(language), x: b.x, y: b.y, style: Style(.title, bold: true))
        let docs = DocumentsUpdate.fields(f)
        let y = b.y + 2
        if docs.isEmpty {
            // Nothing to attach: say so, rather than an empty page.
            _ = c.paragraph(S.noDocuments.text(language), x: b.x, y: y, width: b.width, style: Style(.muted))
            return
        }
        var lines: [FormLine] = []
        for (i, field) in docs.enumerated() {
            let p = FieldPath(field: field.index)
            let component = f.form.procedure.documents.first { $0.code == field.component }
            let raw = f.state.raw(p)
            let required = f.state.isRequired(p) || component.map(f.state.isRequired(document:)) ?? false
            let status: (String, StyleRole)
            if raw == "desk" { status = (S.atDesk.text(language), .success) }
            else if raw.hasPrefix("file:") { status = (S.attached.text(language), .success) }
            else if raw.hasPrefix("reuse:") { status = (S.reused.text(language), .prefilled) }
            else if let d = component, f.state.isLookedUp(document: d) { status = (S.lookedUpDoc.text(language), .muted) }
            else { status = ((required ? "! " : "") + S.missing.text(language), required ? .error : .muted) }
            let focused = f.focus == i
            var name = f.state.label(of: p).text(language)
            if let d = component { name += " (" + (d.original ? S.original.text(language) + ", " : "") + S.copies(d.copies).text(language) + ")" }
            if let d = component, f.state.isLookedUp(document: d), raw.isEmpty { name += " — " + S.lookedUpNote.text(language) }
            else if !required { name += " — " + S.optionalDoc.text(language) }
            // The whole name, over as many lines as it needs; its status at the right.
            let names = WordWrap.lines(name, width: b.width - 28)
            let style = Style(focused ? .focused : .normal)
            for (n, text) in names.enumerated() {
                lines.append(FormLine(focusIndex: i) { c, y in
                    c.screen.fill(x: b.x, y: y, width: b.width, height: 1, style: style)
                    c.screen.put((n == 0 ? (raw == "desk" ? "[x] " : "[ ] ") : "    ") + text, x: b.x, y: y, style: style)
                    if n == 0 { c.screen.put(VietnameseText.truncate(status.0, toWidth: 22), x: b.x + b.width - 22, y: y, style: Style(status.1, bold: true)) }
                    c.screen.hitAreas.append(HitArea(x: b.x, y: y, width: b.width, height: 1, target: .listItem(i)))
                })
            }
            lines.append(FormLine(focusIndex: nil) { _, _ in })
        }
        FormLine.show(&c, lines, focus: f.focus, top: y, height: b.bottom - y)
        c.screen.put(VietnameseText.truncate(S.documentsKeys.text(language), toWidth: b.width), x: b.x, y: b.bottom, style: Style(.muted))
    }
}

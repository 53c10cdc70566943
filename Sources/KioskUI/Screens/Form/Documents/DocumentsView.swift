import KioskCore

/// The documents step: each document, whether it is brought, attached or
/// reused, and what the procedure asks of it.
enum DocumentsView {
    static func draw(_ c: inout Canvas, _ s: AppState, _ b: Body, _ f: FormSession) {
        let language = s.language
        c.screen.put(S.documentsTitle.text(language), x: b.x, y: b.y, style: Style(.title, bold: true))
        let docs = DocumentsUpdate.fields(f)
        var y = b.y + 2
        if docs.isEmpty {
            // Nothing to attach: say so, rather than an empty page.
            _ = c.paragraph(S.noDocuments.text(language), x: b.x, y: y, width: b.width, style: Style(.muted))
            return
        }
        for (i, field) in docs.enumerated() where y < b.bottom - 1 {
            let p = FieldPath(field: field.index)
            let component = f.form.procedure.documents.first { $0.code == field.component }
            let raw = f.state.raw(p)
            let required = f.state.isRequired(p) || component.map(f.state.isRequired(document:)) ?? false
            let status: (String, StyleRole)
            if raw == "desk" { status = (S.atDesk.text(language), .success) }
            else if raw.hasPrefix("file:") { status = (S.attached.text(language), .success) }
            else if raw.hasPrefix("reuse:") { status = (S.reused.text(language), .prefilled) }
            else { status = ((required ? "! " : "") + S.missing.text(language), required ? .error : .muted) }
            let focused = f.focus == i
            var name = field.label.text(language)
            if let d = component { name += " (" + (d.original ? S.original.text(language) + ", " : "") + "\(d.copies) \(S.copies.text(language)))" }
            if !required { name += " — " + S.optionalDoc.text(language) }
            c.screen.fill(x: b.x, y: y, width: b.width, height: 1, style: Style(focused ? .focused : .normal))
            c.screen.put((raw == "desk" ? "[x] " : "[ ] ") + name, x: b.x, y: y, style: Style(focused ? .focused : .normal), maxWidth: b.width - 24)
            c.screen.put(status.0, x: b.x + b.width - 22, y: y, style: Style(status.1, bold: true), maxWidth: 22)
            c.screen.hitAreas.append(HitArea(x: b.x, y: y, width: b.width, height: 1, target: .listItem(i)))
            y += 2
        }
        c.screen.put(S.documentDesk.text(language) + ": Enter / " + S.ok.text(language), x: b.x, y: b.bottom, style: Style(.muted))
    }
}

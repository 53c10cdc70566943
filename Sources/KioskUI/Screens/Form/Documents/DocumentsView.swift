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
            if let given = DocumentText.given(raw, documents: f.documents, language) {
                status = (given, raw.hasPrefix("reuse:") ? .prefilled : .success)
            }
            else if let d = component, f.state.isLookedUp(document: d) { status = (S.lookedUpDoc.text(language), .muted) }
            else { status = ((required ? "! " : "") + S.missing.text(language), required ? .error : .muted) }
            let focused = f.focus == i
            var name = f.state.label(of: p).text(language)
            if let d = component { name += " (" + (d.original ? S.original.text(language) + ", " : "") + S.copies(d.copies).text(language) + ")" }
            if let d = component, f.state.isLookedUp(document: d), raw.isEmpty { name += " — " + S.lookedUpNote.text(language) }
            else if !required { name += " — " + S.optionalDoc.text(language) }
            // The whole name, over as many lines as it needs; its status at the right.
            // The status at the right: 22 columns, more when it says more
            // (a file's pages and size, a dossier code), up to 34.
            let statusText = VietnameseText.truncate(status.0, toWidth: 34)
            let statusWidth = max(22, VietnameseText.displayWidth(statusText) + 1)
            let names = WordWrap.lines(name, width: b.width - statusWidth - 6)
            let style = Style(focused ? .focused : .normal)
            for (n, text) in names.enumerated() {
                lines.append(FormLine(focusIndex: i) { c, y in
                    c.screen.fill(x: b.x, y: y, width: b.width, height: 1, style: style)
                    // [x] the paper at the desk (what Space ticks); [✓] a file or a reused document given.
                    let box = raw == "desk" ? "[x] " : raw.isEmpty ? "[ ] " : "[✓] "
                    c.screen.put((n == 0 ? box : "    ") + text, x: b.x, y: y, style: style)
                    if n == 0 { c.screen.put(statusText, x: b.x + b.width - statusWidth, y: y, style: Style(status.1, bold: true)) }
                    c.screen.hitAreas.append(HitArea(x: b.x, y: y, width: b.width, height: 1, target: .listItem(i)))
                })
            }
            // The focused document's actions, as buttons a finger can press.
            if focused {
                for row in actionRows(s, f, field, width: b.width - 4) {
                    lines.append(FormLine(focusIndex: i) { c, y in
                        var x = b.x + 4
                        for (label, action) in row {
                            x += c.button(label, x: x, y: y, focused: false, target: .button("doc." + action.rawValue)) + 1
                        }
                    })
                }
            }
            lines.append(FormLine(focusIndex: nil) { _, _ in })
        }
        FormLine.show(&c, lines, focus: f.focus, top: y, height: b.bottom - y)
        if let m = f.message {
            // What was just done, or a problem (a failed save, a card scanned here).
            let done = m != f.saveError && m != S.cardScanNoPerson && m != S.docNothingToView && m != S.docNothingToReuse
            c.screen.put(VietnameseText.truncate((done ? "" : "! ") + m.text(language), toWidth: b.width), x: b.x, y: b.bottom,
                         style: Style(done ? .success : .warning, bold: true))
        } else {
            c.screen.put(VietnameseText.truncate(S.docKeysLine.text(language), toWidth: b.width), x: b.x, y: b.bottom, style: Style(.muted))
        }
    }

    /// The focused row's buttons ("Q Quét", "T Đính kèm tệp", …), in as
    /// many lines as they need.
    static func actionRows(_ s: AppState, _ f: FormSession, _ field: FieldDefinition, width: Int) -> [[(String, DocumentsUpdate.Action)]] {
        var rows: [[(String, DocumentsUpdate.Action)]] = [[]]
        var used = 0
        for action in DocumentsUpdate.actions(s, f, field) {
            let (key, label): (LocalizedText, LocalizedText) = switch action {
            case .scan: (S.docKeyScan, S.docScan)
            case .attach: (S.docKeyAttach, S.docAttach)
            case .reuse: (S.docKeyReuse, S.docReuseSitting)
            case .paper: (LocalizedText(vi: "␣", en: "␣"), S.docPaper)
            case .view: (S.docKeyView, S.docView)
            case .remove: (S.docKeyRemove, S.docRemove)
            }
            let text = key.text(s.language) + " " + label.text(s.language)
            let w = VietnameseText.displayWidth(text) + 5
            if used + w > width, !rows[rows.count - 1].isEmpty {
                rows.append([])
                used = 0
            }
            rows[rows.count - 1].append((text, action))
            used += w
        }
        return rows
    }
}

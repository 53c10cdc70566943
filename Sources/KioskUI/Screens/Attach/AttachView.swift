import KioskCore

/// The picker: the folder's files and folders (name, size, date), or a PDF
/// taken, its pages one at a time with "Dùng tệp này".
extension AttachState {
    func draw(_ c: inout Canvas, _ s: AppState, _ b: Body) {
        let language = s.language
        let name = session.state.label(of: FieldPath(field: field)).text(language)
        c.screen.put(VietnameseText.truncate(S.attachTitle(name).text(language), toWidth: b.width), x: b.x, y: b.y, style: Style(.title, bold: true))
        if let pdf { return drawPDF(&c, s, b, pdf) }
        // Where we are, and the way up and back.
        var x = b.x
        if listing?.path != nil { x += c.button(S.attachUp.text(language), x: x, y: b.y + 1, focused: false, target: .button("attach.up")) + 2 }
        x += c.button(S.attachBack.text(language), x: x, y: b.y + 1, focused: false, target: .button("attach.back")) + 2
        let place = listing?.path ?? S.attachRoots.text(language)
        c.screen.put(VietnameseText.truncate(place, toWidth: max(1, b.x + b.width - x)), x: x, y: b.y + 1, style: Style(.muted))

        let top = b.y + 3
        let rows = max(1, b.bottom - 2 - top + 1)
        if loading && listing == nil {
            c.screen.put(S.attachLoading.text(language), x: b.x, y: top, style: Style(.muted))
        } else if entries.isEmpty, listing != nil {
            c.paragraph((listing?.path == nil ? S.attachNoRoots : S.attachEmpty).text(language), x: b.x, y: top, width: b.width, style: Style(.muted))
        } else {
            // The focused row always in view.
            let first = max(0, focus - rows + 1)
            let dateWidth = 10, sizeWidth = 9
            let nameWidth = b.width - dateWidth - sizeWidth - 4
            for (row, i) in (first..<min(entries.count, first + rows)).enumerated() {
                let e = entries[i]
                let y = top + row
                let focused = i == focus
                let style = Style(focused ? .focused : .normal, bold: focused)
                c.screen.fill(x: b.x, y: y, width: b.width, height: 1, style: style)
                let label = (e.isFolder ? "▸ " : "  ") + e.name + (e.isFolder ? "/" : "")
                c.screen.put(VietnameseText.truncate(label, toWidth: nameWidth), x: b.x, y: y, style: style)
                let size = e.isFolder ? S.folderMark.text(language) : DocumentText.size(Int(clamping: e.size), language)
                c.screen.put(VietnameseText.truncate(size, toWidth: sizeWidth), x: b.x + nameWidth + 1 + sizeWidth - min(sizeWidth, VietnameseText.displayWidth(size)), y: y, style: style)
                if listing?.path != nil {
                    c.screen.put(VietnamTime(unix: e.modified).date.description, x: b.x + b.width - dateWidth, y: y, style: style)
                }
                c.screen.hitAreas.append(HitArea(x: b.x, y: y, width: b.width, height: 1, target: .listItem(i)))
            }
            if first + rows < entries.count { c.screen.put("▼ \(entries.count - first - rows)", x: b.x + b.width - 8, y: top + rows, style: Style(.muted)) }
        }
        let status: (String, Style)
        if let message { status = ("! " + message.text(language), Style(.error, bold: true)) }
        else if taking { status = (S.attachTaking.text(language), Style(.warning, bold: true)) }
        else if loading { status = (S.attachLoading.text(language), Style(.muted)) }
        else { status = (S.attachKeys.text(language), Style(.muted)) }
        c.paragraph(status.0, x: b.x, y: b.bottom - 1, width: b.width, last: b.bottom, style: status.1)
    }

    func drawPDF(_ c: inout Canvas, _ s: AppState, _ b: Body, _ pdf: MadeDocument) {
        let language = s.language
        let rightWidth = min(40, b.width / 2)
        let leftWidth = b.width - rightWidth - 2
        let right = b.x + leftWidth + 2
        let top = b.y + 2
        c.screen.put(S.scanPageOf(min(pdfPage + 1, pdf.pages.count), pdf.pages.count).text(language), x: b.x, y: top, style: Style(.title, bold: true))
        if pdfPage < pdf.pages.count {
            let page = pdf.pages[pdfPage]
            PagePreview.draw(&c.screen, page.preview, quarterTurns: page.rotation, x: b.x, y: top + 1, columns: leftWidth, rows: b.bottom - 2 - top)
        }
        c.screen.put(VietnameseText.truncate(DocumentText.file(pdf, language), toWidth: rightWidth), x: right, y: top, style: Style(.normal, bold: true))
        c.button(S.attachUse.text(language), x: right, y: top + 2, focused: pdfFocus == 0, target: .button("attach.use"))
        c.button(S.attachOther.text(language), x: right, y: top + 3, focused: pdfFocus == 1, target: .button("attach.other"))
        c.screen.put(VietnameseText.truncate(S.attachPDFKeys.text(language), toWidth: b.width), x: b.x, y: b.bottom, style: Style(.muted))
    }
}

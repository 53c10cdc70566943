import KioskCore

/// The scan screen: the page strip and the selected page large on the
/// left; the presets and buttons on the right; progress and the message
/// line at the bottom.
extension ScanState {
    func draw(_ c: inout Canvas, _ s: AppState, _ b: Body) {
        let language = s.language
        let name = documentName.text(language)
        let title = (editable ? S.scanTitle(name) : S.viewTitle(name)).text(language)
        c.screen.put(VietnameseText.truncate(title, toWidth: b.width), x: b.x, y: b.y, style: Style(.title, bold: true))
        let rightWidth = min(40, b.width / 2)
        let leftWidth = b.width - rightWidth - 2
        let right = b.x + leftWidth + 2
        let top = b.y + 1
        let bottomLines = 2

        // The strip: "Trang 2/3  1 [2] 3".
        if pages.isEmpty {
            if !loading { c.paragraph(S.scanNoPages.text(language), x: b.x, y: top, width: leftWidth, last: b.bottom - bottomLines, style: Style(.muted)) }
        } else {
            var x = b.x
            let label = S.scanPageOf(selected + 1, pages.count).text(language)
            x += c.screen.put(label, x: x, y: top, style: Style(.title, bold: true)) + 2
            for (i, _) in pages.enumerated() {
                let text = i == selected ? "[\(i + 1)]" : " \(i + 1) "
                let w = VietnameseText.displayWidth(text)
                guard x + w <= b.x + leftWidth else {
                    c.screen.put("…", x: x, y: top, style: Style(.muted))
                    break
                }
                c.screen.put(text, x: x, y: top, style: Style(i == selected ? .focused : .button, bold: i == selected))
                c.screen.hitAreas.append(HitArea(x: x, y: top, width: w, height: 1, target: .page(i)))
                x += w + 1
            }
            let page = pages[min(selected, pages.count - 1)]
            let rows = b.bottom - bottomLines - (top + 1)
            let drawn = PagePreview.draw(&c.screen, page.preview, quarterTurns: page.rotation, x: b.x, y: top + 1, columns: leftWidth, rows: rows - 1)
            var caption = DocumentText.size(page.bytes, language)
            if page.rotation != 0 { caption += " · " + S.scanTurnedNote(page.rotation * 90).text(language) }
            if page.bytes == 0 { caption = page.rotation != 0 ? S.scanTurnedNote(page.rotation * 90).text(language) : "" }
            c.screen.put(VietnameseText.truncate(caption, toWidth: leftWidth), x: b.x + (leftWidth - drawn.columns) / 2, y: top + 1 + drawn.rows, style: Style(.muted))
        }

        // The presets and the buttons, one a line.
        var y = top
        if editable {
            c.screen.put(S.scanPreset.text(language), x: right, y: y, style: Style(.title))
            y += 1
        }
        for (i, item) in items.enumerated() {
            if item == .scan { y += 1 }
            let focused = focus == i
            switch item {
            case .preset(let p):
                let mark = p == preset ? "(•) " : "( ) "
                let text = VietnameseText.truncate(mark + p.label.text(language), toWidth: rightWidth)
                c.screen.put(text, x: right, y: y, style: Style(focused ? .focused : .normal, bold: focused))
                c.screen.hitAreas.append(HitArea(x: right, y: y, width: rightWidth, height: 1, target: .listItem(i)))
            default:
                c.button(label(item).text(language), x: right, y: y, focused: focused, target: .listItem(i))
            }
            y += 1
        }

        // Progress, then the message (or the keys).
        let progressY = b.bottom - 1
        if let p = scanning {
            let hint = S.scanProgressHint.text(language)
            let percent = " \(Int((p * 100).rounded())) %  "
            let barWidth = max(10, min(40, b.width - VietnameseText.displayWidth(hint + percent) - 4))
            let filled = Int((Double(barWidth) * p).rounded())
            let bar = "[" + String(repeating: "█", count: filled) + String(repeating: "░", count: barWidth - filled) + "]"
            var x = b.x + c.screen.put(bar, x: b.x, y: progressY, style: Style(.success))
            x += c.screen.put(percent, x: x, y: progressY, style: Style(.normal, bold: true))
            let w = c.screen.put(hint, x: x, y: progressY, style: Style(.button))
            c.screen.hitAreas.append(HitArea(x: x, y: progressY, width: w, height: 1, target: .button("scan.cancelScan")))
        } else if making || loading {
            c.screen.put((making ? S.scanMaking : S.scanLoading).text(language), x: b.x, y: progressY, style: Style(.warning, bold: true))
        }
        let line = message.map { ($0.text(language), Style(messageIsError ? .error : .success, bold: true)) }
            ?? ((editable ? S.scanKeys : S.viewKeys).text(language), Style(.muted))
        c.screen.put(VietnameseText.truncate((message != nil && messageIsError ? "! " : "") + line.0, toWidth: b.width), x: b.x, y: b.bottom, style: line.1)
    }

    func label(_ item: Item) -> LocalizedText {
        switch item {
        case .preset(let p): return p.label
        case .scan: return S.scanPage
        case .rescan: return S.scanRescan
        case .rotate: return S.scanRotate
        case .delete: return S.scanDelete
        case .addImage: return S.scanAddImage
        case .done: return S.scanDone
        case .cancel: return S.scanCancel
        case .close: return S.scanClose
        }
    }
}

extension ScanState {
    /// The form's own header (its title, the step, the resume code, saved):
    /// the scan screen is part of filling it.
    func drawHeader(_ c: inout Canvas, _ s: AppState, statusWidth: Int) -> Bool {
        session.drawHeader(&c, s, statusWidth: statusWidth)
    }
}

extension AttachState {
    func drawHeader(_ c: inout Canvas, _ s: AppState, statusWidth: Int) -> Bool {
        session.drawHeader(&c, s, statusWidth: statusWidth)
    }
}

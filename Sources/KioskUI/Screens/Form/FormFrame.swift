import KioskCore

/// The frame while a form is open: its title, step and resume code in the
/// header, its pages and Back / Next in the footer.
extension FormSession {
    /// "Khai sinh  Bước 2/5: Người mẹ", the resume code, and whether the
    /// answers are saved.
    func drawHeader(_ c: inout Canvas, _ s: AppState, statusWidth: Int) -> Bool {
        let title = form.procedure.title.text(s.language)
        let stepText: String
        switch stage {
        case .fields:
            let visible = visiblePages
            let n = (visible.firstIndex(of: page) ?? 0) + 1
            stepText = "\(c.t(S.step)) \(n)/\(visible.count + 2): \(form.pages[page].title.text(s.language))"
        case .documents:
            stepText = "\(c.t(S.step)) \(visiblePages.count + 1)/\(visiblePages.count + 2): \(c.t(S.documentsTitle))"
        case .review:
            stepText = "\(c.t(S.step)) \(visiblePages.count + 2)/\(visiblePages.count + 2): \(c.t(S.reviewTitle))"
        }
        let room = s.width - 4 - statusWidth - 2
        let titleWidth = min(VietnameseText.displayWidth(title), max(10, room / 2))
        c.screen.put(VietnameseText.truncate(title, toWidth: titleWidth), x: 2, y: 1, style: Style(.bar, bold: true))
        c.screen.put(VietnameseText.truncate(stepText, toWidth: room - titleWidth - 2), x: 2 + titleWidth + 2, y: 1, style: Style(.bar))
        c.screen.put("\(c.t(S.resumeCode)): \(draft.resumeCode)", x: 2, y: 2, style: Style(.bar, bold: true))
        let mark = saveError != nil ? "! " + c.t(S.saveFailed) : (savedAt != nil ? c.t(S.saved) : c.t(S.saving))
        c.screen.put(mark, x: s.width - 2 - VietnameseText.displayWidth(mark), y: 2, style: Style(saveError != nil ? .error : .bar))
        return true
    }

    /// `[ ◀ Trước ]  Trang: 1 ✓  2 •  3 !  [ Tiếp ▶ ]`; returns where the keys may start.
    func drawFooter(_ c: inout Canvas, _ s: AppState, y: Int) -> Int {
        var x = 2
        x += c.button(S.previous.text(s.language), x: x, y: y, focused: false, target: .button("previous")) + 2
        let pages = visiblePages
        let label = S.pages.text(s.language) + ":"
        x += c.screen.put(label, x: x, y: y, style: Style(.bar)) + 1
        for (n, p) in pages.enumerated() {
            let current = stage == .fields && p == page
            // Only pages already seen are checked: a frame never validates the whole form.
            let seen = visitedPages.contains(p) || stage != .fields
            let mark: String
            if current { mark = "•" }
            else if !seen { mark = " " }
            else if state.pageHasIssues(p) { mark = "!" }
            else { mark = "✓" }
            let text = "\(n + 1)\(mark)"
            let w = c.screen.put(text, x: x, y: y, style: Style(current ? .focused : (mark == "!" ? .error : .bar), bold: current))
            c.screen.hitAreas.append(HitArea(x: x, y: y, width: w, height: 1, target: .page(p)))
            x += w + 1
        }
        x += 1
        x += c.button(S.next.text(s.language), x: x, y: y, focused: false, target: .button("next")) + 3
        return x
    }
}

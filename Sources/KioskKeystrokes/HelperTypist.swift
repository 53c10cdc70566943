import Foundation
import KioskCore
import KioskRuntime
import KioskUI

/// A fast helper at the keyboard: drives the real app (a `HeadlessApp` with
/// its store) from the welcome screen to the receipt, typing given answers
/// the way someone who files forty dossiers a day would, and counts every
/// key. Tab between fields (PgDn once the rest of a page is right), Telex
/// for Vietnamese letters, a few letters and Enter in a list, a digit or a
/// letter for a short choice, "= same as" buttons when they help.
///
/// It decides nothing from the screens' code: each way of answering a field
/// is tried on a copy of the app without its runner (pure `update`, no
/// effect performed) and the cheapest that gives the answer is typed for
/// real. So it follows the app's keys as they change. What `kiosk-bench`
/// and the tests report as the helper's keystrokes (issue 13, section 9).
public struct HelperTypist {
    public var app: HeadlessApp
    /// Keys pressed so far.
    public private(set) var keys = 0
    /// What the keys went to, in order: a step and its count.
    public private(set) var steps: [(what: String, keys: Int)] = []
    /// Answers wanted, by answer name (`mother_full_name`), as a draft keeps them.
    let answers: [String: String]
    /// Card payloads to scan, by role (`mother`): on that person's page the
    /// card is scanned first, counted as one key (issue 17).
    public var cards: [String: String] = [:]

    public struct Stuck: Error, CustomStringConvertible {
        public var description: String
    }

    public init(app: HeadlessApp, answers: [(name: String, raw: String)]) {
        self.app = app
        var byName: [String: String] = [:]
        for a in answers { byName[a.name] = a.raw }
        self.answers = byName
    }

    // MARK: The whole run

    /// Welcome screen → (an earlier dossier's code) → the procedure → PIN →
    /// (the offer of roles) → every page → documents → review → receipt.
    /// `roles`: who each person of the earlier dossier is here (`bride` →
    /// `mother`); a person not named is "not used".
    public mutating func fileDossier(formID: String, pin: String, prior: (code: String, verification: String)? = nil,
                                     roles: [String: String] = [:]) throws {
        if let prior {
            type("3", as: "welcome: earlier dossier")
            // The station's own prefix is filled in: only the rest is typed.
            guard case .prior(let p) = app.state.page else { throw Stuck(description: "not on the earlier-dossier screen:\n\(app.text)") }
            let filled = p.code.text
            type(prior.code.hasPrefix(filled) ? String(prior.code.dropFirst(filled.count)) : prior.code, as: "earlier dossier code")
            press(.tab, as: "earlier dossier code")
            type(prior.verification, as: "verification")
            press(.enter, as: "verification")
            guard case .prior = app.state.page else { throw Stuck(description: "not on the earlier-dossier screen:\n\(app.text)") }
            press(.enter, as: "continue to the procedures")
        } else {
            type("1", as: "welcome: new dossier")
        }
        guard case .choose = app.state.page else { throw Stuck(description: "not on the procedure list:\n\(app.text)") }
        try chooseProcedure(formID)
        try enterPIN(pin)
        if case .offer = app.state.page { try confirmRoles(roles) }
        try fillPages()
    }

    // MARK: Before the form

    /// The fewest keys that open the procedure: a few letters of its name
    /// (from the start of any word), ↓ to it, Enter.
    mutating func chooseProcedure(_ formID: String) throws {
        guard let form = app.state.context.forms.first(where: { $0.id == formID }) else { throw Stuck(description: "no form \(formID)") }
        let words = VietnameseText.fold(form.procedure.title.vi).split(separator: " ")
        var queries: Set<String> = [""]
        for start in words.indices {
            let tail = words[start...].joined(separator: " ")
            for n in 1...tail.count { queries.insert(String(tail.prefix(n))) }
        }
        var best: [Key]?
        for q in queries.sorted(by: { $0.count < $1.count }) {
            for downs in 0..<4 {
                let keys = q.map { Key.text(String($0)) } + [Key](repeating: .down, count: downs) + [.enter]
                if let b = best, keys.count >= b.count { break }
                if case .pin(let p) = simulate(keys).state.page, p.formID == formID { best = keys }
            }
        }
        guard let best else { throw Stuck(description: "cannot choose \(formID):\n\(app.text)") }
        for k in best { press(k, as: "choose the procedure") }
    }

    /// The four digits and Enter; again while the PIN screen asks (a
    /// confirmation).
    mutating func enterPIN(_ pin: String) throws {
        for _ in 0..<3 {
            guard case .pin(let p) = app.state.page else { return }
            // The digits that verified the earlier dossier, offered: Enter.
            if p.offered != nil && p.pin.text.isEmpty {
                press(.enter, as: "PIN")
                continue
            }
            type(pin, as: "PIN")
            press(.enter, as: "PIN")
        }
        if case .pin = app.state.page { throw Stuck(description: "the PIN is not taken:\n\(app.text)") }
    }

    /// Each person to the role wanted (→ cycles), then Enter until filled.
    mutating func confirmRoles(_ roles: [String: String]) throws {
        for _ in 0..<50 {
            guard case .offer(let o) = app.state.page else { return }
            // The first person not yet as wanted, if any.
            if let i = o.offers.indices.first(where: { o.offers[$0].target != roles[o.offers[$0].sourceRole] || !o.offers[$0].isDecided }) {
                if o.focus != i {
                    press(o.focus < i ? .down : .up, as: "offer: to a person")
                } else {
                    press(.right, as: "offer: choose a role")
                }
            } else {
                press(.enter, as: "offer: fill in")
            }
        }
        throw Stuck(description: "the offer is not confirmed:\n\(app.text)")
    }

    // MARK: The form

    mutating func fillPages() throws {
        for _ in 0..<2_000 {
            switch app.state.page {
            case .receipt: return
            case .form(let f):
                switch f.stage {
                case .fields: try fieldStep(f)
                case .documents:
                    let answers = self.answers
                    try shortest(as: "documents", alphabet: [.tab, .down, .text(" "), .enter, .pageDown]) { h in
                        guard case .form(let g) = h.state.page else { return false }
                        return g.stage == .review && Self.documentsDone(g, answers)
                    }
                case .review:
                    if !f.declared {
                        try shortest(as: "review: declaration", alphabet: [.tab, .down, .pageDown, .end, .text(" "), .enter]) { h in
                            guard case .form(let g) = h.state.page else { return false }
                            return g.stage == .review && g.declared
                        }
                    } else {
                        try shortest(as: "review: submit", alphabet: [.tab, .down, .pageDown, .end, .enter]) { h in
                            h.effects.contains { if case .finalize = $0 { return true } else { return false } }
                        }
                        if case .form = app.state.page { throw Stuck(description: "submitted but no receipt:\n\(app.text)") }
                    }
                }
            default:
                throw Stuck(description: "left the form:\n\(app.text)")
            }
        }
        throw Stuck(description: "too many steps:\n\(app.text)")
    }

    static func documentsDone(_ f: FormSession, _ answers: [String: String]) -> Bool {
        f.form.fields.allSatisfy { d in
            guard d.type == .document, d.group == nil, let want = answers[d.id] else { return true }
            let p = FieldPath(field: d.index)
            return !f.state.isVisible(p) || f.state.raw(p) == want
        }
    }

    /// One step on a field page: PgDn when the rest of the page is right,
    /// a "same as" button when it helps, else the cheapest way to answer the
    /// focused row and move on.
    mutating func fieldStep(_ f: FormSession) throws {
        // A card for the person whose field has the focus: scanned before
        // anything of theirs is typed.
        if let row = f.focusedRow, let p = Self.path(row), let role = f.form.fields[p.field].key.flatMap(SemanticKeys.split)?.role,
           let payload = cards.removeValue(forKey: role) {
            app.send(.scan(ScanPayload(payload)))
            keys += 1
            steps.append(("\(f.form.pages[f.page].title.vi): scan the \(role)'s card", 1))
            if app.state.overlay != nil { throw Stuck(description: "the scan asked something:\n\(app.text)") }
            return
        }
        let rows = f.focusableRows
        guard let row = f.focusedRow else { press(.pageDown, as: "empty page"); return }
        let rest = rows.dropFirst(min(f.focus, rows.count))
        let title = f.form.pages[f.page].title.vi
        // A "same as" button elsewhere on the page that brings answers
        // closer: there (Tab or Shift-Tab) and pressed.
        // Never past a row still to answer: it would be left behind.
        for (i, button) in rows.enumerated() where i != f.focus && Self.isCopyButton(button) {
            let passed = i < f.focus ? rows[(i + 1)..<f.focus] : rows[f.focus..<i]
            guard passed.allSatisfy({ isRight($0, f) }) else { continue }
            let move: [Key] = [Key](repeating: i < f.focus ? .backTab : .tab, count: abs(i - f.focus))
            let h = simulate(move + [.enter])
            if case .form(let g) = h.state.page, g.page == f.page, g.stage == f.stage, improves(from: f, to: g) {
                for k in move { press(k, as: "\(title): to \(Self.describe(button))") }
                press(.enter, as: "\(title): \(Self.describe(button))")
                return
            }
        }
        if rest.allSatisfy({ isRight($0, f) }) {
            let h = simulate([.pageDown])
            if case .form(let g) = h.state.page, g.page != f.page || g.stage != f.stage {
                press(.pageDown, as: "\(title): next page")
                return
            }
        }
        if Self.path(row) == nil {
            // A button: pressed only when it brings answers closer to those wanted.
            let h = simulate([.enter])
            if case .form(let g) = h.state.page, g.page == f.page, g.stage == f.stage, improves(from: f, to: g) {
                press(.enter, as: "\(title): \(Self.describe(row))")
            } else {
                press(.tab, as: "\(title): past a button")
            }
            return
        }
        if isRight(row, f) {
            press(.tab, as: "\(title): \(name(row, f)) (already right)")
            return
        }
        guard let keys = cheapestAnswer(row, f) else {
            throw Stuck(description: "cannot answer \(name(row, f)) with \(want(row, f) ?? "?"):\n\(app.text)")
        }
        for k in keys { press(k, as: "\(title): \(name(row, f))") }
    }

    /// The fewest keys that give the row its answer and leave it.
    func cheapestAnswer(_ row: FormRow, _ f: FormSession) -> [Key]? {
        guard let target = want(row, f) else { return nil }
        var candidates: [[Key]] = []
        // A short choice or a toggle: one key, then Tab.
        candidates.append([.text(" "), .tab])
        for d in 1...9 { candidates.append([.text(String(d)), .tab]) }
        for c in "abcdefghijklmnopqrstuvwxyz" { candidates.append([.text(String(c)), .tab]) }
        // Text: as typed in Telex (the shortest spelling the app composes), or
        // as it is (codes, numbers); a date's digits alone.
        let clear = [Key](repeating: .backspace, count: f.raw(row).count)
        for spelling in Telex.spellings(of: target) { candidates.append(clear + spelling.map { .text(String($0)) } + [.tab]) }
        candidates.append(clear + target.map { .text(String($0)) } + [.tab])
        let digits = target.filter(\.isNumber)
        if digits.count != target.count { candidates.append(clear + digits.map { .text(String($0)) } + [.tab]) }
        // Enter confirms and moves on as Tab does, and past the page's last
        // row (where Tab stays) goes on to the next page.
        candidates += candidates.filter { $0.last == .tab }.map { $0.dropLast() + [.enter] }
        // A list: a few letters of the answer's name, ↓ to it, Enter.
        candidates += pickerCandidates(row, f, target)
        candidates += suggestionCandidates(row, f, target)
        candidates.sort { $0.count < $1.count }
        return candidates.first { answers(row, in: simulate($0), original: f) }
    }

    /// Whether the keys left `row` with its answer and moved on.
    func answers(_ row: FormRow, in h: HeadlessApp, original f: FormSession) -> Bool {
        guard case .form(let g) = h.state.page else { return false }
        return isRight(row, g) && (g.page != f.page || g.stage != f.stage || g.focusedRow != row)
    }

    func pickerCandidates(_ row: FormRow, _ f: FormSession, _ code: String) -> [[Key]] {
        switch row {
        case .addressPart(_, let part) where part < 2: break
        case .field(let p) where [.choice, .multichoice].contains(f.form.fields[p.field].type): break
        default: return []
        }
        let label = VietnameseText.fold(f.label(ofCode: code, in: row, language: .vi))
        guard !label.isEmpty, label != VietnameseText.fold(code) || Self.path(row).map({ f.form.fields[$0.field].dataset != nil }) == true else { return [] }
        // Prefixes of the name and of each of its words onwards ("lam d" for Lâm Đồng).
        var queries: Set<String> = [""]
        let words = label.split(separator: " ")
        for start in words.indices {
            let tail = words[start...].joined(separator: " ")
            for n in 1...min(tail.count, 12) { queries.insert(String(tail.prefix(n))) }
        }
        var out: [[Key]] = []
        for q in queries {
            let typed = q.map { Key.text(String($0)) }
            let h = simulate(typed)
            guard case .form(let g) = h.state.page, g.focusedRow == row,
                  let i = g.pickerRows(row).firstIndex(where: { $0.code == code }), i < 10 else { continue }
            out.append(typed + [Key](repeating: .down, count: i) + [.enter])
        }
        return out
    }

    /// A text with suggestions (`suggest`): a few letters of the wanted
    /// text, ↓ to the suggestion that writes it, Enter.
    func suggestionCandidates(_ row: FormRow, _ f: FormSession, _ text: String) -> [[Key]] {
        guard case .field(let p) = row, f.form.fields[p.field].suggest != nil else { return [] }
        let folded = VietnameseText.fold(text)
        var queries: Set<String> = []
        let words = folded.split(separator: " ")
        for start in words.indices {
            let tail = words[start...].joined(separator: " ")
            for n in 1...min(tail.count, 12) { queries.insert(String(tail.prefix(n))) }
        }
        let clear = [Key](repeating: .backspace, count: f.raw(row).count)
        // Shortest queries first: the first that finds it near the top is
        // as good as any longer one (each try types on a copy of the app).
        var best: [Key]?
        for q in queries.sorted(by: { ($0.count, $0) < ($1.count, $1) }) {
            if let b = best, clear.count + q.count + 2 >= b.count { break }
            let typed = clear + q.map { Key.text(String($0)) }
            let h = simulate(typed)
            guard case .form(let g) = h.state.page, g.focusedRow == row,
                  let i = g.state.suggestions(for: p, typed: g.edit.text, limit: 5).firstIndex(where: { g.state.suggestionText($0.row, for: p) == text })
            else { continue }
            let keys = typed + [Key](repeating: .down, count: i + 1) + [.enter]
            if keys.count < best?.count ?? .max { best = keys }
        }
        return best.map { [$0] } ?? []
    }

    /// Whether a button made more answers as wanted, and none less.
    func improves(from f: FormSession, to g: FormSession) -> Bool {
        var better = false
        for (name, raw) in answers {
            guard let p = f.state.path(named: name) else { continue }
            let before = f.state.raw(p) == raw, after = g.state.raw(p) == raw
            if before && !after { return false }
            if after && !before { better = true }
        }
        return better
    }

    // MARK: Rows and answers

    /// The answer wanted for a row (an address part: its part), or nil: none given.
    func want(_ row: FormRow, _ f: FormSession) -> String? {
        switch row {
        case .field(let p):
            return answers[f.state.name(of: p)]
        case .addressPart(let p, let part):
            guard let raw = answers[f.state.name(of: p)] else { return nil }
            let parts = FieldValueParser.addressParts(raw)
            return [parts.province, parts.commune, parts.detail][part]
        default:
            return nil
        }
    }

    /// A row with nothing wanted, or already as wanted.
    func isRight(_ row: FormRow, _ f: FormSession) -> Bool {
        guard let w = want(row, f) else { return true }
        return f.raw(row) == w
    }

    func name(_ row: FormRow, _ f: FormSession) -> String {
        switch row {
        case .field(let p): return f.state.name(of: p)
        case .addressPart(let p, let part): return f.state.name(of: p) + ["(province)", "(commune)", "(detail)"][part]
        default: return Self.describe(row)
        }
    }

    /// The answer a row edits (an address part: its address), or nil: a button.
    static func path(_ row: FormRow) -> FieldPath? {
        switch row {
        case .field(let p), .addressPart(let p, _): return p
        default: return nil
        }
    }

    static func describe(_ row: FormRow) -> String {
        switch row {
        case .copyPerson(let role): return "same as the applicant → \(role)"
        case .copyToApplicant(let role): return "same as the \(role) → applicant"
        case .copyAddress: return "same as the address above"
        default: return "\(row)"
        }
    }

    static func isCopyButton(_ row: FormRow) -> Bool {
        switch row {
        case .copyPerson, .copyToApplicant, .copyAddress: return true
        default: return false
        }
    }

    // MARK: Keys

    /// The keys applied to a copy of the app without its runner: nothing
    /// is saved, no effect performed.
    func simulate(_ keys: [Key]) -> HeadlessApp {
        var h = HeadlessApp(state: app.state, runner: nil)
        for k in keys { h.key(k) }
        return h
    }

    /// The shortest key sequence (breadth first over the states it reaches)
    /// after which `goal` holds, typed for real.
    mutating func shortest(as what: String, alphabet: [Key], maxDepth: Int = 40, goal: (HeadlessApp) -> Bool) throws {
        struct Node { var app: HeadlessApp; var keys: [Key] }
        var frontier = [Node(app: HeadlessApp(state: app.state, runner: nil), keys: [])]
        var seen: Set<String> = [Self.signature(app.state)]
        for _ in 0..<maxDepth {
            var next: [Node] = []
            for node in frontier {
                for k in alphabet {
                    var h = node.app
                    h.key(k)
                    if goal(h) {
                        for key in node.keys + [k] { press(key, as: what) }
                        return
                    }
                    guard case .form = h.state.page, seen.insert(Self.signature(h.state)).inserted else { continue }
                    next.append(Node(app: HeadlessApp(state: h.state, runner: nil), keys: node.keys + [k]))
                }
            }
            frontier = next
            if frontier.isEmpty { break }
        }
        throw Stuck(description: "\(what): no way found:\n\(app.text)")
    }

    /// What tells two states of the documents and review steps apart.
    static func signature(_ s: AppState) -> String {
        guard case .form(let f) = s.page else { return "\(s.page)" }
        let docs = f.form.fields.filter { $0.type == .document }.map { f.state.raw(FieldPath(field: $0.index)) }
        return "\(f.stage) \(f.page) \(f.focus) \(f.declared) \(docs) \(s.overlay.map { "\($0)" } ?? "")"
    }

    mutating func press(_ key: Key, as what: String) {
        app.key(key)
        keys += 1
        if steps.last?.what == what { steps[steps.count - 1].keys += 1 } else { steps.append((what, 1)) }
    }

    mutating func type(_ text: String, as what: String) {
        for c in text { press(.text(String(c)), as: what) }
    }
}

/// Vietnamese text as Telex keys.
public enum Telex {
    /// Ways to type `text` in Telex, shortest first, that the composer turns
    /// back into `text` (each word checked; words of plain ASCII as they are).
    public static func spellings(of text: String) -> [String] {
        var ways: [[String]] = [[]]
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            let options = wordSpellings(String(word))
            guard !options.isEmpty else { return [] }
            ways = ways.flatMap { w in options.prefix(2).map { w + [$0] } }.prefix(4).map { $0 }
        }
        let whole = ways.map { $0.joined(separator: " ") }
        return whole.filter { VietnameseComposer.compose($0, method: .telex, style: .old) == text }.sorted { $0.count < $1.count }
    }

    /// The spellings of one word the composer accepts, shortest first.
    static func wordSpellings(_ word: String) -> [String] {
        if word.unicodeScalars.allSatisfy(\.isASCII) { return [word] }
        var letters = "", shapesInline = "", tone: Character?
        var toneAfter = "" // the tone key right after its vowel
        for ch in word {
            let (base, shape, t) = decompose(ch)
            letters.append(base)
            shapesInline += String(base) + shape
            toneAfter += String(base) + shape + (t.map(String.init) ?? "")
            if let t { tone = t }
        }
        var candidates = [shapesInline + (tone.map(String.init) ?? ""), toneAfter]
        // ươ: one w after the pair ("uow") is enough in many engines.
        if word.lowercased().contains("ươ") {
            let short = shapesInline.replacingOccurrences(of: "uwow", with: "uow").replacingOccurrences(of: "UwOw", with: "UOw")
            candidates.append(short + (tone.map(String.init) ?? ""))
        }
        _ = letters
        return candidates.filter { VietnameseComposer.composeWord($0, method: .telex, style: .old) == word }
            .sorted { $0.count < $1.count }
    }

    /// A letter as its base key, the keys of its shape (â: "a", ư: "w",
    /// đ: "d") and its tone key, if any.
    static func decompose(_ ch: Character) -> (Character, String, Character?) {
        var scalars = String(ch).decomposedStringWithCanonicalMapping.unicodeScalars.map { $0 }
        var tone: Character?
        var shape = ""
        let tones: [UInt32: Character] = [0x301: "s", 0x300: "f", 0x309: "r", 0x303: "x", 0x323: "j"]
        scalars.removeAll { s in
            if let t = tones[s.value] { tone = t; return true }
            if s.value == 0x302 { shape = "_circ"; return true }
            if s.value == 0x306 || s.value == 0x31B { shape = "w"; return true }
            return false
        }
        var base = Character(String(String.UnicodeScalarView(scalars)))
        if ch == "đ" || ch == "Đ" { base = ch == "đ" ? "d" : "D"; shape = "d" }
        if shape == "_circ" { shape = String(base).lowercased() }
        return (base, shape, tone)
    }
}

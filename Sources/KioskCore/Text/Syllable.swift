/// Vietnamese spelling model used by the input method: letters with vowel marks, the table of
/// valid onsets and rhymes, tone placement, and the per-word key engine.
enum VNSpell {

    enum Mark: UInt8, Sendable {
        case none = 0, circumflex = 1, breve = 2, horn = 3, bar = 4  // bar: đ
    }

    struct Letter: Equatable, Sendable {
        var base: UInt8        // lowercase ASCII letter, or the raw byte for a digit
        var mark: Mark = .none
        var upper: Bool = false
        var fromW: Bool = false  // an ư produced by a lone Telex `w`

        func sameGlyph(_ o: Letter) -> Bool { base == o.base && mark == o.mark && upper == o.upper }
    }

    // ASCII bytes used often.
    static let a = UInt8(ascii: "a"), e = UInt8(ascii: "e"), i = UInt8(ascii: "i")
    static let o = UInt8(ascii: "o"), u = UInt8(ascii: "u"), y = UInt8(ascii: "y")
    static let c = UInt8(ascii: "c"), d = UInt8(ascii: "d"), g = UInt8(ascii: "g")
    static let h = UInt8(ascii: "h"), k = UInt8(ascii: "k"), p = UInt8(ascii: "p")
    static let q = UInt8(ascii: "q"), t = UInt8(ascii: "t"), w = UInt8(ascii: "w")

    @inline(__always) static func isVowelBase(_ b: UInt8) -> Bool {
        b == a || b == e || b == i || b == o || b == u || b == y
    }

    @inline(__always) static func isVowel(_ l: Letter) -> Bool {
        l.mark != .bar && isVowelBase(l.base)
    }

    /// Row in VietnameseText.VNTables for a vowel with a mark, nil for consonants.
    static func row(_ base: UInt8, _ mark: Mark) -> Int? {
        switch (base, mark) {
        case (a, .none): return 0
        case (a, .breve): return 1
        case (a, .circumflex): return 2
        case (e, .none): return 3
        case (e, .circumflex): return 4
        case (i, .none): return 5
        case (o, .none): return 6
        case (o, .circumflex): return 7
        case (o, .horn): return 8
        case (u, .none): return 9
        case (u, .horn): return 10
        case (y, .none): return 11
        default: return nil
        }
    }

    static let rowMarks: [Mark] = [.none, .breve, .circumflex, .none, .circumflex, .none,
                                   .none, .circumflex, .horn, .none, .horn, .none]

    // MARK: Codes for table look-up (8 bits per letter)

    @inline(__always) static func code(_ l: Letter) -> UInt64? {
        guard l.base >= a && l.base <= UInt8(ascii: "z") else { return nil }
        return UInt64(l.base - a + 1) | UInt64(l.mark.rawValue) << 5
    }

    static func code(_ l: [Letter], _ from: Int, _ to: Int) -> UInt64? {
        if to - from > 5 { return nil }
        var r: UInt64 = 0
        var j = from
        while j < to {
            guard let c = code(l[j]) else { return nil }
            r = r << 8 | c
            j += 1
        }
        return r
    }

    /// Letters of a lowercase table entry such as "ương".
    static func tableLetters(_ s: Substring) -> [Letter] {
        s.unicodeScalars.map { sc -> Letter in
            if sc == "đ" { return Letter(base: d, mark: .bar) }
            if let info = VietnameseText.VNTables.reverse[sc] {
                let r = Int(info.vowel)
                return Letter(base: VietnameseText.VNTables.rowBase[r], mark: rowMarks[r])
            }
            return Letter(base: UInt8(sc.value))
        }
    }

    // MARK: Tables

    static let onsetList = "b c ch d đ g gh h k kh l m n ng ngh nh p ph r s t th tr v x"

    /// Onset clusters of the names of the Central Highlands and of ethnic groups, as Vietnamese
    /// writing spells them: Krông, Kon Plông, Đắk Glei, M'Drắk, M'Đrắk, Ia Grai, Chư Prông, Hrê,
    /// Mnông, Kbang, Ea Bhốk, Dliê Ya, Ea Knốp, Ea Kmút, Ea Kpam, Ea Ktur, Cư Mta.
    static let highlandOnsetList = "bh bl br dl dr đr gl gr hr kb kl km kn kp kr kt ml mn mt pl pr"

    /// Complete rhymes (vowel nucleus + final consonant). "qu" and "gi" are onsets.
    static let rhymeList = """
        a ai ao au ay ac ach am an ang anh ap at ăc ăm ăn ăng ăp ăt \
        âc âm ân âng âp ât âu ây e ec em en eng eo ep et ê êch êm ên ênh êp êt êu \
        i ia ic ich im in inh ip it iu iêc iêm iên iêng iêp iêt iêu \
        o oa oac oach oai oam oan oang oanh oao oap oat oay oăc oăm oăn oăng oăt \
        oc oe oen oeo oet oi om on ong oong ooc op ot ô ôc ôi ôm ôn ông ôp ôt ơ ơi ơm ơn ơp ơt \
        u ua uân uâng uât uây uc uê uêch uênh uêu ui um un ung uơ uôc uôi uôm uôn uông uôp uôt \
        up ut uy uya uych uyên uyêt uyn uynh uyp uyt uyu \
        ư ưa ưc ưi ưm ưng ưt ưu ươ ươc ươi ươm ươn ương ươp ươt ươu \
        y yêm yên yêng yêt yêu
        """

    /// Rhymes closed by `k`, `h` or `l`, which Vietnamese writing keeps in the names of the
    /// Central Highlands: Đắk Lắk, Krông Búk, Krông Pắk, Ea Bhốk (k, like c, p, t: sắc or nặng
    /// only); Chư Păh, Đạ Tẻh, Ea Tóh, Chư Pưh (h); Đắk Mil, Ea Păl, Ea Nuôl, Ea Tul (l).
    static let highlandRhymeList = """
        ak ăk âk ek êk ik ok ôk ơk uk ưk \
        ah ăh âh eh êh ih oh ôh ơh uh ưh \
        al ăl âl el êl il ol ôl ơl ul ưl uôl
        """

    /// Every rhyme the engine accepts.
    static var allRhymes: [Substring] {
        (rhymeList + " " + highlandRhymeList).split(whereSeparator: { $0 == " " || $0 == "\n" })
    }

    /// Every onset the engine accepts (besides "qu" and "gi", handled in `parse`).
    static var allOnsets: [Substring] {
        (onsetList + " " + highlandOnsetList).split(separator: " ")
    }

    static let onsets: Set<UInt64> = {
        var s = Set<UInt64>()
        for w in allOnsets {
            let l = tableLetters(w)
            s.insert(code(l, 0, l.count)!)
        }
        return s
    }()

    static let qCode: UInt64 = code(Letter(base: q))!
    static let gCode: UInt64 = code(Letter(base: g))!
    static let uCode: UInt64 = code(Letter(base: u))!
    static let thCode: UInt64 = code([Letter(base: t), Letter(base: h)], 0, 2)!
    static let hCode: UInt64 = code(Letter(base: h))!
    static let khCode: UInt64 = code([Letter(base: k), Letter(base: h)], 0, 2)!

    static let completeRhymes: Set<UInt64> = {
        var s = Set<UInt64>()
        for w in allRhymes {
            let l = tableLetters(w)
            s.insert(code(l, 0, l.count)!)
        }
        return s
    }()

    /// Every prefix of a complete rhyme, also with any of its vowel marks not typed yet
    /// (free-style typing adds marks later: "nguoi" then "w").
    static let rhymePrefixes: Set<UInt64> = {
        var s: Set<UInt64> = [0]
        for w in allRhymes {
            let full = tableLetters(w)
            for len in 1...full.count {
                let prefix = Array(full[0..<len])
                let marked = prefix.indices.filter { prefix[$0].mark != .none }
                for subset in 0..<(1 << marked.count) {
                    var v = prefix
                    for (bit, idx) in marked.enumerated() where subset & (1 << bit) != 0 {
                        v[idx].mark = .none
                    }
                    s.insert(code(v, 0, v.count)!)
                }
            }
        }
        return s
    }()

    // MARK: Parsing

    struct Parsed {
        var rhymeStart: Int
        var nucleusStart: Int
        var nucleusEnd: Int
        var hasFinal: Bool
        var onset: UInt64
    }

    /// Splits letters into onset, vowel nucleus and final. `complete`: must be a whole valid
    /// syllable; otherwise a prefix of one (marks may still be missing). Nil when invalid.
    static func parse(_ l: [Letter], tone: UInt8, complete: Bool) -> Parsed? {
        let n = l.count
        var v = 0
        while v < n && !isVowel(l[v]) { v += 1 }
        guard v <= 3, let onset = code(l, 0, v) else { return nil }
        var rs: Int
        if v == n {
            // Only consonants so far.
            if complete || tone != 0 { return nil }
            guard n == 0 || onset == qCode || onsets.contains(onset) else { return nil }
            return Parsed(rhymeStart: n, nucleusStart: n, nucleusEnd: n, hasFinal: false, onset: onset)
        }
        if onset == qCode {
            guard l[v].base == u && l[v].mark == .none else { return nil }
            rs = v + 1
            if rs < n && l[rs].base == u { return nil }  // no "quu", "quư"
            guard let r = code(l, rs, n) else { return nil }
            let len = n - rs
            let withU = len < 5 ? (uCode << UInt64(8 * len) | r) : nil
            let set = complete ? completeRhymes : rhymePrefixes
            let ok = (r != 0 || !complete) && (set.contains(r) || (withU.map { set.contains($0) } ?? false))
            guard ok else { return nil }
            return finish(l, onset: onset, rs: rs, tone: tone)
        }
        guard onsets.contains(onset) || v == 0 else { return nil }
        rs = v
        if onset == gCode && l[v].base == i && l[v].mark == .none
            && v + 1 < n && isVowel(l[v + 1]) && rhymeOK(l, v + 1, complete) {
            // "gi" + rhyme (giá, giữ); otherwise "g" + rhyme with i (gìn, gì).
            rs = v + 1
        } else {
            guard rhymeOK(l, v, complete) else { return nil }
        }
        return finish(l, onset: onset, rs: rs, tone: tone)
    }

    private static func rhymeOK(_ l: [Letter], _ from: Int, _ complete: Bool) -> Bool {
        guard let r = code(l, from, l.count) else { return false }
        return complete ? completeRhymes.contains(r) : rhymePrefixes.contains(r)
    }

    private static func finish(_ l: [Letter], onset: UInt64, rs: Int, tone: UInt8) -> Parsed? {
        var ne = rs
        while ne < l.count && isVowel(l[ne]) { ne += 1 }
        if tone != 0 {
            if ne == rs { return nil }
            // Syllables closed by c, ch, k, p, t take only sắc or nặng.
            if tone >= 2 && tone <= 4 {
                for j in ne..<l.count where l[j].base == c || l[j].base == k || l[j].base == p || l[j].base == t {
                    return nil
                }
            }
        }
        return Parsed(rhymeStart: rs, nucleusStart: rs, nucleusEnd: ne, hasFinal: ne < l.count, onset: onset)
    }

    /// Index of the letter that carries the tone.
    static func tonePosition(_ l: [Letter], _ p: Parsed, style: ToneStyle) -> Int? {
        let ns = p.nucleusStart, ne = p.nucleusEnd
        if ns == ne { return nil }
        var marked = -1
        for j in ns..<ne where l[j].mark != .none { marked = j }
        if marked >= 0 { return marked }  // also ơ in ươ
        if p.hasFinal { return ne - 1 }
        switch ne - ns {
        case 1: return ns
        case 2:
            let x = l[ns].base, z = l[ns + 1].base
            if (x == o && (z == a || z == e)) || (x == u && z == y) {
                return style == .old ? ns : ns + 1
            }
            return ns
        default: return ns + 1
        }
    }

    // MARK: Rendering

    static func render(_ l: [Letter], tone: UInt8, tonePos: Int?, into s: inout String.UnicodeScalarView) {
        let tables = (VietnameseText.VNTables.lower, VietnameseText.VNTables.upper)
        for (j, x) in l.enumerated() {
            if let r = row(x.base, x.mark) {
                let t = j == tonePos ? Int(tone) : 0
                s.append(x.upper ? tables.1[r][t] : tables.0[r][t])
            } else if x.mark == .bar {
                s.append(x.upper ? "Đ" : "đ")
            } else {
                let b = x.upper && x.base >= a && x.base <= UInt8(ascii: "z") ? x.base - 32 : x.base
                s.append(Unicode.Scalar(b))
            }
        }
    }

    /// Reads composed text back into letters and a tone; nil if it is not made of
    /// ASCII and Vietnamese letters or carries more than one tone.
    static func letters(from chars: [Character]) -> (letters: [Letter], tone: UInt8)? {
        var out: [Letter] = []
        out.reserveCapacity(chars.count)
        var tone: UInt8 = 0
        for ch in chars {
            let us = ch.unicodeScalars
            guard us.count == 1, let sc = us.first else { return nil }
            let v = sc.value
            if v < 0x80 {
                let b = UInt8(v)
                switch b {
                case 0x41...0x5A: out.append(Letter(base: b + 32, upper: true))
                case 0x61...0x7A, 0x30...0x39: out.append(Letter(base: b))
                default: return nil
                }
            } else if sc == "đ" || sc == "Đ" {
                out.append(Letter(base: d, mark: .bar, upper: sc == "Đ"))
            } else if let info = VietnameseText.VNTables.reverse[sc] {
                let r = Int(info.vowel)
                if info.tone != 0 {
                    if tone != 0 { return nil }
                    tone = info.tone
                }
                out.append(Letter(base: VietnameseText.VNTables.rowBase[r], mark: rowMarks[r], upper: info.upper))
            } else {
                return nil
            }
        }
        return (out, tone)
    }

    /// A key sequence that types these letters (marks right after their letter, tone last).
    static func canonicalKeys(_ l: [Letter], tone: UInt8, method: InputMethodKind) -> [UInt8] {
        var keys: [UInt8] = []
        let telex = method == .telex
        var previous: Letter? = nil
        for x in l {
            let isLetter = x.base >= a && x.base <= UInt8(ascii: "z")
            let shift: UInt8 = x.upper && isLetter ? 32 : 0
            keys.append(x.base - shift)
            switch x.mark {
            case .none:
                // Telex "oo" would give ô: type "ooo" (ô, then undo) for the plain pair in "boong".
                if telex, x.base == o, let pr = previous, pr.base == o, pr.mark == .none {
                    keys.append(x.base - shift)
                }
            case .circumflex: keys.append(telex ? x.base - shift : UInt8(ascii: "6"))
            case .breve: keys.append(telex ? w - shift : UInt8(ascii: "8"))
            case .horn: keys.append(telex ? w - shift : UInt8(ascii: "7"))
            case .bar: keys.append(telex ? d - shift : UInt8(ascii: "9"))
            }
            previous = x
        }
        if tone != 0 {
            keys.append(telex ? Array("sfrxj".utf8)[Int(tone) - 1] : UInt8(ascii: "0") + tone)
        }
        return keys
    }
}

// MARK: - Per-word engine

extension VNSpell {

    enum KeyRole {
        case letter
        case tone(UInt8)
        case removeTone
        case circumflex(UInt8?)  // nil: any of a e o (VNI 6)
        case horn(uo: Bool, a: Bool)
        case bar
    }

    static func role(_ lower: UInt8, method: InputMethodKind) -> KeyRole {
        switch method {
        case .telex:
            switch lower {
            case UInt8(ascii: "s"): return .tone(1)
            case UInt8(ascii: "f"): return .tone(2)
            case UInt8(ascii: "r"): return .tone(3)
            case UInt8(ascii: "x"): return .tone(4)
            case UInt8(ascii: "j"): return .tone(5)
            case UInt8(ascii: "z"): return .removeTone
            case a, e, o: return .circumflex(lower)
            case w: return .horn(uo: true, a: true)
            case d: return .bar
            default: return .letter
            }
        case .vni:
            switch lower {
            case UInt8(ascii: "1")...UInt8(ascii: "5"): return .tone(lower - UInt8(ascii: "0"))
            case UInt8(ascii: "0"): return .removeTone
            case UInt8(ascii: "6"): return .circumflex(nil)
            case UInt8(ascii: "7"): return .horn(uo: true, a: false)
            case UInt8(ascii: "8"): return .horn(uo: false, a: true)
            case UInt8(ascii: "9"): return .bar
            default: return .letter
            }
        case .off:
            return .letter
        }
    }

    /// Composes one word from its raw keys. The output depends only on the keys.
    struct WordEngine {
        enum Mode { case normal, literal, raw }

        let method: InputMethodKind
        let style: ToneStyle
        var letters: [Letter] = []
        var tone: UInt8 = 0
        var mode: Mode = .normal
        // After an undo ("ass" -> "as") the rest of the word is typed literally.
        var pinnedTonePos: Int? = nil
        var undoKey: UInt8 = 0
        var restoreArmed = false
        // "ooo" -> "oo" stays Vietnamese (xoong, boong): keep composing, without circumflex.
        var circumflexOff = false

        init(method: InputMethodKind, style: ToneStyle) {
            self.method = method
            self.style = style
            letters.reserveCapacity(8)
        }

        mutating func feed(_ key: UInt8) {
            let upper = key >= 0x41 && key <= 0x5A
            let lower = upper ? key + 32 : key
            switch mode {
            case .raw:
                return
            case .literal:
                letters.append(Letter(base: lower, upper: upper))
                if lower != undoKey { restoreArmed = true }
                return
            case .normal:
                break
            }
            guard let parsed = VNSpell.parse(letters, tone: tone, complete: false) else {
                mode = .raw
                return
            }
            let ns = parsed.nucleusStart, ne = parsed.nucleusEnd
            switch VNSpell.role(lower, method: method) {
            case .letter:
                appendLiteral(lower, upper)

            case .tone(let t):
                if ns < ne {
                    if tone == t {
                        tone = 0
                        enterLiteral(appending: lower, upper)
                        return
                    }
                    if VNSpell.parse(letters, tone: t, complete: false) != nil {
                        tone = t
                        return
                    }
                }
                appendLiteral(lower, upper)

            case .removeTone:
                if tone != 0 { tone = 0 } else { appendLiteral(lower, upper) }

            case .circumflex(let only):
                if circumflexOff {
                    appendLiteral(lower, upper)
                    return
                }
                func eligible(_ b: UInt8) -> Bool {
                    if let only { return b == only }
                    return b == a || b == e || b == o
                }
                var j = ne - 1
                while j >= ns {
                    if eligible(letters[j].base) && letters[j].mark != .circumflex {
                        var trial = letters
                        trial[j].mark = .circumflex
                        if VNSpell.parse(trial, tone: tone, complete: false) != nil {
                            letters = trial
                            return
                        }
                    }
                    j -= 1
                }
                j = ne - 1
                while j >= ns {
                    if eligible(letters[j].base) && letters[j].mark == .circumflex {
                        letters[j].mark = .none
                        var trial = letters
                        trial.append(Letter(base: lower, upper: upper))
                        if VNSpell.parse(trial, tone: tone, complete: false) != nil {
                            letters = trial
                            circumflexOff = true
                        } else {
                            enterLiteral(appending: lower, upper)
                        }
                        return
                    }
                    j -= 1
                }
                appendLiteral(lower, upper)

            case .horn(let uo, let aa):
                func target(_ b: UInt8) -> Mark? {
                    if uo && (b == u || b == o) { return .horn }
                    if aa && b == a { return .breve }
                    return nil
                }
                // "uo" takes the horn on both letters: ươ.
                if uo && ne - ns >= 2 {
                    for j in ns..<(ne - 1) where letters[j].base == u && letters[j + 1].base == o
                        && (letters[j].mark != .horn || letters[j + 1].mark != .horn) {
                        var trial = letters
                        trial[j].mark = .horn
                        trial[j + 1].mark = .horn
                        if VNSpell.parse(trial, tone: tone, complete: false) != nil {
                            letters = trial
                            return
                        }
                    }
                }
                var j = ne - 1
                while j >= ns {
                    if let m = target(letters[j].base), letters[j].mark != m {
                        var trial = letters
                        trial[j].mark = m
                        if VNSpell.parse(trial, tone: tone, complete: false) != nil {
                            letters = trial
                            return
                        }
                    }
                    j -= 1
                }
                // Undo: remove the horns/breves; an ư typed as a lone w turns back into "w".
                var undone = false
                var revertedW = false
                for j in ns..<ne {
                    if let m = target(letters[j].base), letters[j].mark == m {
                        undone = true
                        if letters[j].fromW {
                            letters[j] = Letter(base: w, upper: letters[j].upper)
                            revertedW = true
                        } else {
                            letters[j].mark = .none
                        }
                    }
                }
                if undone {
                    if revertedW {
                        enterLiteral(appending: nil, false)
                    } else {
                        enterLiteral(appending: lower, upper)
                    }
                    return
                }
                if method == .telex {
                    var trial = letters
                    trial.append(Letter(base: u, mark: .horn, upper: upper, fromW: true))
                    if VNSpell.parse(trial, tone: tone, complete: false) != nil {
                        letters = trial
                        return
                    }
                }
                appendLiteral(lower, upper)

            case .bar:
                if let first = letters.first, first.base == d {
                    if first.mark == .none {
                        letters[0].mark = .bar
                        return
                    }
                    if first.mark == .bar {
                        letters[0].mark = .none
                        enterLiteral(appending: lower, upper)
                        return
                    }
                }
                appendLiteral(lower, upper)
            }
        }

        private mutating func appendLiteral(_ lower: UInt8, _ upper: Bool) {
            letters.append(Letter(base: lower, upper: upper))
            if VNSpell.parse(letters, tone: tone, complete: false) == nil {
                mode = .raw
            }
        }

        private mutating func enterLiteral(appending lower: UInt8?, _ upper: Bool) {
            if tone != 0 {
                if let p = VNSpell.parse(letters, tone: tone, complete: false),
                   let pos = VNSpell.tonePosition(letters, p, style: style) {
                    pinnedTonePos = pos
                } else if let pos = letters.lastIndex(where: { VNSpell.isVowel($0) }) {
                    pinnedTonePos = pos
                } else {
                    tone = 0
                }
            }
            mode = .literal
            undoKey = lower ?? w
            if let lower { letters.append(Letter(base: lower, upper: upper)) }
        }

        /// The composed text, or the raw keys when the word is not Vietnamese.
        func output(rawKeys: [UInt8]) -> String {
            var s = String.UnicodeScalarView()
            switch mode {
            case .raw:
                return VNSpell.plainText(rawKeys, method: method)
            case .literal:
                if restoreArmed && VNSpell.parse(letters, tone: tone, complete: false) == nil {
                    return VNSpell.plainText(rawKeys, method: method)
                }
                VNSpell.render(VNSpell.hornedPairs(letters), tone: tone, tonePos: pinnedTonePos, into: &s)
            case .normal:
                guard let p = VNSpell.parse(letters, tone: tone, complete: false) else {
                    return VNSpell.plainText(rawKeys, method: method)
                }
                let letters = VNSpell.hornedPairs(letters)
                let pos = VNSpell.tonePosition(letters, p, style: style)
                if p.nucleusEnd - p.nucleusStart == 2 && !p.hasFinal
                    && letters[p.nucleusStart].base == u && letters[p.nucleusStart].mark == .horn
                    && letters[p.nucleusStart + 1].base == o && letters[p.nucleusStart + 1].mark == .horn
                    && (p.onset == VNSpell.thCode || p.onset == VNSpell.hCode || p.onset == VNSpell.khCode) {
                    // Open "ươ" after th/h/kh is spelled "uơ": thuở, huơ, khuơ.
                    var l = letters
                    l[p.nucleusStart].mark = .none
                    VNSpell.render(l, tone: tone, tonePos: pos, into: &s)
                } else {
                    VNSpell.render(letters, tone: tone, tonePos: pos, into: &s)
                }
            }
            return String(s)
        }
    }

    /// "ưo" is not Vietnamese: whoever typed the horn on u meant ươ (`nguwoif` → người,
    /// `huwou` → hươu, `duwowis`/`duwois` → dưới), as Unikey and ibus-bamboo read it. The
    /// letters keep the plain o, so that a later `w` still gives ươ and not an undo (`uwow`).
    static func hornedPairs(_ l: [Letter]) -> [Letter] {
        var out = l
        var j = 0
        while j + 1 < out.count {
            if out[j].base == u && out[j].mark == .horn && out[j + 1].base == o && out[j + 1].mark == .none {
                out[j + 1].mark = .horn
            }
            j += 1
        }
        return out
    }

    /// Telex keys that end no word of English or of any Latin-script language doubled: after a
    /// vowel, "xx", "jj", "ww" can only be the mark typed twice to get the letter (`linuxx`).
    static let undoOnlyPairs: Set<UInt8> = [UInt8(ascii: "x"), UInt8(ascii: "j"), w]

    /// A word that is not Vietnamese, as typed; in Telex the second key of a doubled `x`, `j`
    /// or `w` after a vowel is the undo a person types from habit (Unikey and ibus-bamboo put
    /// the mark on `linux` and take it off again with the second `x`), so it is dropped:
    /// `linuxx` → linux, `faxx` → fax. Doubled s, f, r, z stay (class, staff, jazz), and VNI
    /// keeps every digit (2000, h49).
    static func plainText(_ keys: [UInt8], method: InputMethodKind) -> String {
        guard method == .telex else { return String(decoding: keys, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(keys.count)
        var j = 0
        while j < keys.count {
            let k = keys[j]
            out.append(k)
            let lower = k | 0x20
            if j > 0, j + 1 < keys.count, undoOnlyPairs.contains(lower), keys[j + 1] | 0x20 == lower,
               isVowelBase(keys[j - 1] | 0x20) {
                j += 2
                continue
            }
            j += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Composed form of one word given as ASCII key bytes.
    static func composeWord(_ keys: [UInt8], method: InputMethodKind, style: ToneStyle) -> String {
        if method == .off || keys.isEmpty { return String(decoding: keys, as: UTF8.self) }
        var engine = WordEngine(method: method, style: style)
        for k in keys {
            engine.feed(k)
            if engine.mode == .raw { break }
        }
        return engine.output(rawKeys: keys)
    }

    /// Keys that belong to a word: ASCII letters, and for VNI also digits.
    @inline(__always) static func isWordKey(_ b: UInt8, method: InputMethodKind) -> Bool {
        switch b {
        case 0x41...0x5A, 0x61...0x7A: return method != .off
        case 0x30...0x39: return method == .vni
        default: return false
        }
    }
}

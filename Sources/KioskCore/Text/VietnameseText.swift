import Foundation

/// Vietnamese text helpers: normalisation, cleaning of typed/pasted text, search folding,
/// and terminal display width.
public enum VietnameseText {

    // MARK: Normalisation and cleaning

    /// NFC (precomposed) form; everything is stored this way.
    public static func normalize(_ s: String) -> String {
        // Fast path (Foundation's NFC is slow on Linux): text made only of
        // scalars below U+0300 and of Latin Extended Additional (U+1E00–1EFF,
        // the precomposed Vietnamese letters) has no combining mark and no
        // scalar NFC would change, so it is already NFC.
        if s.unicodeScalars.allSatisfy({ $0.value < 0x300 || (0x1E00...0x1EFF).contains($0.value) }) { return s }
        return s.precomposedStringWithCanonicalMapping
    }

    /// Cleans one line of pasted or typed text: drops C0/C1 controls and DEL, turns each tab and
    /// each line break (LF, CR, CRLF, VT, FF, NEL, U+2028, U+2029) into one space, then NFC.
    public static func clean(_ s: String) -> String {
        cleaned(s, keepNewlines: false)
    }

    /// Like `clean`, but line breaks (any of the above, CRLF counted once) become "\n".
    public static func cleanMultiline(_ s: String) -> String {
        cleaned(s, keepNewlines: true)
    }

    private static func cleaned(_ s: String, keepNewlines: Bool) -> String {
        var out = String.UnicodeScalarView()
        let breakScalar: Unicode.Scalar = keepNewlines ? "\n" : " "
        var previousWasCR = false
        for u in s.unicodeScalars {
            let v = u.value
            defer { previousWasCR = (v == 0x0D) }
            switch v {
            case 0x0A:
                // The CR of a CRLF pair has already produced the break.
                if !previousWasCR { out.append(breakScalar) }
            case 0x0D, 0x0B, 0x0C, 0x85, 0x2028, 0x2029:
                out.append(breakScalar)
            case 0x09:
                out.append(" ")
            case 0x00...0x1F, 0x7F...0x9F:
                continue
            default:
                out.append(u)
            }
        }
        // Normalise after filtering: removing a control can bring a base and a mark together.
        return normalize(String(out))
    }

    // MARK: Search folding

    /// Search key: lowercase, no diacritics, đ → d, whitespace runs collapsed to one space, trimmed.
    /// Works the same on NFC and NFD input.
    public static func fold(_ s: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count)
        var pendingSpace = false

        func emitASCII(_ b: UInt8) {
            if pendingSpace { if !out.isEmpty { out.append(0x20) }; pendingSpace = false }
            out.append(b)
        }
        func emitScalar(_ u: Unicode.Scalar) {
            if u.value < 0x80 { emitASCII(UInt8(u.value)); return }
            if pendingSpace { if !out.isEmpty { out.append(0x20) }; pendingSpace = false }
            UTF8.encode(u) { out.append($0) }
        }

        for u in s.unicodeScalars {
            let v = u.value
            if v < 0x80 {
                let b = UInt8(v)
                switch b {
                case 0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D: pendingSpace = true
                case 0x41...0x5A: emitASCII(b + 32)
                case 0x00...0x1F, 0x7F: continue
                default: emitASCII(b)
                }
                continue
            }
            if isCombiningDiacritic(v) { continue }
            if let base = VNTables.foldMap[u] { emitASCII(base); continue }
            let p = u.properties
            if p.isWhitespace { pendingSpace = true; continue }
            if p.isDefaultIgnorableCodePoint || (0x80...0x9F).contains(v) { continue }
            // Rare path: other precomposed letters (é in a foreign name, Ä, Ç, …).
            for d in String(u).decomposedStringWithCanonicalMapping.unicodeScalars {
                if isCombiningDiacritic(d.value) { continue }
                for l in d.properties.lowercaseMapping.unicodeScalars { emitScalar(l) }
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// True when the folded query is a substring of the folded haystack, or every folded word of
    /// the query is a prefix of some folded word of the haystack. An empty query matches.
    public static func matches(_ haystack: String, query: String) -> Bool {
        matchesFolded(fold(haystack), foldedQuery: fold(query))
    }

    /// `matches` for keys that were already folded (fold a list once, match on every keystroke).
    public static func matchesFolded(_ foldedHaystack: String, foldedQuery: String) -> Bool {
        let q = Array(foldedQuery.utf8)
        if q.isEmpty { return true }
        let h = Array(foldedHaystack.utf8)
        if h.count < q.count { return wordsMatch(h, q) }
        if containsBytes(h, q) { return true }
        return wordsMatch(h, q)
    }

    /// How well a folded query matches one folded text, for ranking a list
    /// (lower is better; nil: no match): 0 the query's words, in order, begin
    /// the text; 1 they stand in order as whole words further on; 2 each is the
    /// start of some word of the text; 3 each is somewhere in the text. The
    /// last query word may be partly typed ("an uo" is "an uống" in order).
    /// Words are split at anything not a letter or digit ("Xuân Trường - Đà Lạt").
    public static func matchRank(_ foldedText: String, foldedQuery: String) -> Int? {
        let qw = words(foldedQuery)
        if qw.isEmpty { return 0 }
        let tw = words(foldedText)
        if qw.count <= tw.count {
            for start in 0...(tw.count - qw.count) {
                var inOrder = true
                for (k, w) in qw.enumerated() {
                    let t = tw[start + k]
                    if k == qw.count - 1 ? !t.starts(with: w) : t != w { inOrder = false; break }
                }
                if inOrder { return start == 0 ? 0 : 1 }
            }
        }
        if qw.allSatisfy({ w in tw.contains { $0.starts(with: w) } }) { return 2 }
        let h = Array(foldedText.utf8)
        if qw.allSatisfy({ w in w.count <= h.count && containsBytes(h, w) }) { return 3 }
        return nil
    }

    /// The words of a folded text: runs of letters and digits.
    private static func words(_ folded: String) -> [[UInt8]] {
        Array(folded.utf8).split { b in !(b >= 0x80 || (0x30...0x39).contains(b) || (0x61...0x7A).contains(b) || (0x41...0x5A).contains(b)) }.map(Array.init)
    }

    private static func containsBytes(_ h: [UInt8], _ q: [UInt8]) -> Bool {
        let first = q[0]
        var i = 0
        let last = h.count - q.count
        while i <= last {
            if h[i] == first {
                var j = 1
                while j < q.count && h[i + j] == q[j] { j += 1 }
                if j == q.count { return true }
            }
            i += 1
        }
        return false
    }

    private static func wordsMatch(_ h: [UInt8], _ q: [UInt8]) -> Bool {
        let hw = h.split(separator: 0x20)
        for w in q.split(separator: 0x20) {
            if !hw.contains(where: { $0.starts(with: w) }) { return false }
        }
        return true
    }

    static func isCombiningDiacritic(_ v: UInt32) -> Bool {
        (0x0300...0x036F).contains(v) || (0x1AB0...0x1AFF).contains(v)
            || (0x1DC0...0x1DFF).contains(v) || (0x20D0...0x20FF).contains(v)
            || (0xFE20...0xFE2F).contains(v)
    }

    // MARK: Display width

    /// Terminal columns of one grapheme cluster: 0 for controls and zero-width clusters,
    /// 2 for East Asian Wide/Fullwidth and emoji presentation, otherwise 1.
    public static func displayWidth(_ c: Character) -> Int {
        let scalars = c.unicodeScalars
        guard let first = scalars.first else { return 0 }
        let v = first.value
        var hasVS16 = false
        var hasVS15 = false
        if scalars.count > 1 {
            for u in scalars.dropFirst() {
                if u.value == 0xFE0F { hasVS16 = true } else if u.value == 0xFE0E { hasVS15 = true }
            }
        }
        if v < 0x20 || (0x7F...0x9F).contains(v) { return 0 }
        if v < 0x7F && !hasVS16 { return 1 }
        if v < 0x300 && !hasVS16 { return v == 0xAD ? 0 : 1 }
        let p = first.properties
        switch p.generalCategory {
        case .nonspacingMark, .enclosingMark, .format, .lineSeparator, .paragraphSeparator, .control:
            return 0
        default:
            break
        }
        if (0x1160...0x11FF).contains(v) { return 0 }  // Hangul medial vowels / finals
        if hasVS16 && p.isEmoji { return 2 }
        if !hasVS15 && p.isEmojiPresentation { return 2 }
        return isWide(v) ? 2 : 1
    }

    /// Sum of `displayWidth` over the grapheme clusters.
    public static func displayWidth(_ s: String) -> Int {
        if s.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return s.utf8.count }
        var w = 0
        for c in s { w += displayWidth(c) }
        return w
    }

    /// Cuts to at most `toWidth` columns by whole grapheme clusters, ending with "…" when cut.
    public static func truncate(_ s: String, toWidth width: Int) -> String {
        if width <= 0 { return "" }
        if displayWidth(s) <= width { return s }
        var out = ""
        var used = 0
        let limit = width - 1  // one column for the ellipsis
        for c in s {
            let cw = displayWidth(c)
            if used + cw > limit { break }
            out.append(c)
            used += cw
        }
        out.append("…")
        return out
    }

    /// Truncates if needed, then right-pads with spaces to exactly `toWidth` columns.
    public static func pad(_ s: String, toWidth width: Int) -> String {
        let t = truncate(s, toWidth: width)
        let w = displayWidth(t)
        if w >= width { return t }
        return t + String(repeating: " ", count: width - w)
    }

    private static func isWide(_ v: UInt32) -> Bool {
        let ranges = VNTables.wideRanges
        var lo = 0
        var hi = ranges.count - 1
        while lo <= hi {
            let mid = (lo + hi) / 2
            let r = ranges[mid]
            if v < r.0 { hi = mid - 1 } else if v > r.1 { lo = mid + 1 } else { return true }
        }
        return false
    }
}

extension VietnameseText {
    /// One precomposed Vietnamese vowel as the input method sees it.
    struct VNVowelInfo: Sendable {
        var vowel: UInt8  // index into VNTables.rows
        var tone: UInt8   // 0 none, 1 sắc, 2 huyền, 3 hỏi, 4 ngã, 5 nặng
        var upper: Bool
    }

    /// Letter tables shared by folding and the input method.
    enum VNTables {
        /// Rows: a ă â e ê i o ô ơ u ư y; columns: no tone, sắc, huyền, hỏi, ngã, nặng.
        static let lowerRows: [String] = [
            "aáàảãạ", "ăắằẳẵặ", "âấầẩẫậ", "eéèẻẽẹ", "êếềểễệ", "iíìỉĩị",
            "oóòỏõọ", "ôốồổỗộ", "ơớờởỡợ", "uúùủũụ", "ưứừửữự", "yýỳỷỹỵ",
        ]
        static let upperRows: [String] = [
            "AÁÀẢÃẠ", "ĂẮẰẲẴẶ", "ÂẤẦẨẪẬ", "EÉÈẺẼẸ", "ÊẾỀỂỄỆ", "IÍÌỈĨỊ",
            "OÓÒỎÕỌ", "ÔỐỒỔỖỘ", "ƠỚỜỞỠỢ", "UÚÙỦŨỤ", "ƯỨỪỬỮỰ", "YÝỲỶỸỴ",
        ]
        /// ASCII base letter of each row.
        static let rowBase: [UInt8] = Array("aaaeeiooouuy".utf8)

        static let lower: [[Unicode.Scalar]] = lowerRows.map { Array($0.unicodeScalars) }
        static let upper: [[Unicode.Scalar]] = upperRows.map { Array($0.unicodeScalars) }

        static let reverse: [Unicode.Scalar: VNVowelInfo] = {
            var m: [Unicode.Scalar: VNVowelInfo] = [:]
            for (row, list) in [(false, lower), (true, upper)] {
                for (i, tones) in list.enumerated() {
                    for (t, u) in tones.enumerated() {
                        m[u] = VNVowelInfo(vowel: UInt8(i), tone: UInt8(t), upper: row)
                    }
                }
            }
            return m
        }()

        /// Every non-ASCII Vietnamese letter (upper and lower) to its lowercase ASCII base.
        static let foldMap: [Unicode.Scalar: UInt8] = {
            var m: [Unicode.Scalar: UInt8] = [:]
            for (u, info) in reverse where u.value >= 0x80 {
                m[u] = rowBase[Int(info.vowel)]
            }
            m["đ"] = UInt8(ascii: "d")
            m["Đ"] = UInt8(ascii: "d")
            return m
        }()

        /// East Asian Wide and Fullwidth ranges (emoji are handled through scalar properties).
        static let wideRanges: [(UInt32, UInt32)] = [
            (0x1100, 0x115F), (0x231A, 0x231B), (0x2329, 0x232A), (0x23E9, 0x23EC), (0x23F0, 0x23F0),
            (0x23F3, 0x23F3), (0x25FD, 0x25FE), (0x2614, 0x2615), (0x2648, 0x2653), (0x267F, 0x267F),
            (0x2693, 0x2693), (0x26A1, 0x26A1), (0x26AA, 0x26AB), (0x26BD, 0x26BE), (0x26C4, 0x26C5),
            (0x26CE, 0x26CE), (0x26D4, 0x26D4), (0x26EA, 0x26EA), (0x26F2, 0x26F3), (0x26F5, 0x26F5),
            (0x26FA, 0x26FA), (0x26FD, 0x26FD), (0x2705, 0x2705), (0x270A, 0x270B), (0x2728, 0x2728),
            (0x274C, 0x274C), (0x274E, 0x274E), (0x2753, 0x2755), (0x2757, 0x2757), (0x2795, 0x2797),
            (0x27B0, 0x27B0), (0x27BF, 0x27BF), (0x2B1B, 0x2B1C), (0x2B50, 0x2B50), (0x2B55, 0x2B55),
            (0x2E80, 0x303E), (0x3041, 0x33FF), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xA000, 0xA4CF),
            (0xA960, 0xA97F), (0xAC00, 0xD7A3), (0xF900, 0xFAFF), (0xFE10, 0xFE19), (0xFE30, 0xFE6F),
            (0xFF00, 0xFF60), (0xFFE0, 0xFFE6), (0x16FE0, 0x16FE4), (0x16FF0, 0x16FF1),
            (0x17000, 0x18CFF), (0x18D00, 0x18D08), (0x1AFF0, 0x1B2FF), (0x1F004, 0x1F004),
            (0x1F0CF, 0x1F0CF), (0x1F18E, 0x1F18E), (0x1F191, 0x1F19A), (0x1F200, 0x1F202),
            (0x1F210, 0x1F23B), (0x1F240, 0x1F248), (0x1F250, 0x1F251), (0x1F260, 0x1F265),
            (0x1F300, 0x1F320), (0x1F32D, 0x1F335), (0x1F337, 0x1F37C), (0x1F37E, 0x1F393),
            (0x1F3A0, 0x1F3CA), (0x1F3CF, 0x1F3D3), (0x1F3E0, 0x1F3F0), (0x1F3F4, 0x1F3F4),
            (0x1F3F8, 0x1F43E), (0x1F440, 0x1F440), (0x1F442, 0x1F4FC), (0x1F4FF, 0x1F53D),
            (0x1F54B, 0x1F54E), (0x1F550, 0x1F567), (0x1F57A, 0x1F57A), (0x1F595, 0x1F596),
            (0x1F5A4, 0x1F5A4), (0x1F5FB, 0x1F64F), (0x1F680, 0x1F6C5), (0x1F6CC, 0x1F6CC),
            (0x1F6D0, 0x1F6D2), (0x1F6D5, 0x1F6D7), (0x1F6DC, 0x1F6DF), (0x1F6EB, 0x1F6EC),
            (0x1F6F4, 0x1F6FC), (0x1F7E0, 0x1F7EB), (0x1F7F0, 0x1F7F0), (0x1F90C, 0x1F93A),
            (0x1F93C, 0x1F945), (0x1F947, 0x1F9FF), (0x1FA70, 0x1FAFF), (0x20000, 0x2FFFD),
            (0x30000, 0x3FFFD),
        ]
    }
}

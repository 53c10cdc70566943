import Foundation

/// An address written before 1 July 2025 (with a district and an old
/// commune: cards issued before then, earlier dossiers), read into today's
/// units: the old commune it names, the 2025 commune it became (several when
/// it was divided, the one to propose first at the front), and the street
/// part kept as written. The person confirms or changes it; nothing here is
/// taken without them.
public struct OldAddressReading: Sendable, Equatable {
    /// House, street, hamlet: the text before the commune, as written.
    public var street: String
    /// The old commune (`communes-before-2025`): code and name.
    public var oldCommuneCode: String
    public var oldCommuneName: String
    public var oldDistrictName: String
    /// The old province's 2-digit code (provinces-before-2025).
    public var oldProvinceCode: String
    /// The 2025 province code and commune codes (proposed first at the front).
    public var province: String
    public var communes: [String]

    /// The old commune was divided among several of 2025: the others are offered.
    public var isDivided: Bool { communes.count > 1 }

    /// The answer of an `address` field, as a draft keeps it, with the
    /// first proposal.
    public var raw: String { "\(province)|\(communes.first ?? "")|\(street.replacingOccurrences(of: "|", with: "/"))" }
}

/// Reads old addresses as people write them: "Số 12 Trần Phú, P. 2, TP. Đà
/// Lạt, Lâm Đồng", "thôn 3 xa Nam Ban huyen Lam Ha tinh Lam Dong", "P.2,
/// Q.3, TP.HCM": with or without marks, commas, the unit words or their
/// abbreviations (P., X., TT., Q., H., TX., TP., T.), numbers with or without
/// a leading zero ("Phường 02"). Units are matched from the end: province,
/// then district, then commune; whatever comes before is the street.
public enum OldAddress {
    /// The readings of `text`, best first: one when it is clear, several
    /// when the same words name more than one old commune (a district or
    /// province left out), none when no old commune is named.
    public static func read(_ text: String, datasets: DatasetCatalog) -> [OldAddressReading] {
        guard let index = Index.of(datasets) else { return [] }
        let tokens = Token.split(text)
        guard !tokens.isEmpty else { return [] }
        var readings: [OldAddressReading] = []
        var seen: Set<String> = []
        for province in index.provinceMatches(tokens) {
            for district in index.districtMatches(tokens, before: province.start, province: province.code) {
                for commune in index.communeMatches(tokens, before: district.start, district: district.code, province: province.code) {
                    guard seen.insert(commune.row.code).inserted, let reading = index.reading(commune, text: text, tokens: tokens) else { continue }
                    readings.append(reading)
                }
                // The words that name a district and province already found
                // a commune: a shorter reading of them would be a guess.
                if !readings.isEmpty { return readings }
            }
        }
        return readings
    }

    // MARK: Words

    /// A word of the address, folded (no marks, lower case, numbers without
    /// leading zeros), and where it starts in the text.
    struct Token: Equatable {
        var folded: String
        var start: String.Index
        /// As written, lower case, with its marks ("pả").
        var marked: String = ""

        /// Words split at spaces and punctuation, and between letters and
        /// digits ("P2" → "p", "2"; "Q.10" → "q", "10").
        static func split(_ text: String) -> [Token] {
            var out: [Token] = []
            var current = ""
            var start = text.startIndex
            var kind: Bool? = nil // true: digits
            func flush() {
                guard !current.isEmpty else { return }
                var word = VietnameseText.fold(current)
                if kind == true { word = String(word.drop { $0 == "0" }); if word.isEmpty { word = "0" } }
                out.append(Token(folded: word, start: start, marked: kind == true ? word : current.lowercased()))
                current = ""
                kind = nil
            }
            var i = text.startIndex
            while i < text.endIndex {
                let ch = text[i]
                if ch.isLetter || ch.isNumber {
                    let digit = ch.isASCII && ch.isNumber
                    if let k = kind, k != digit { flush() }
                    if current.isEmpty { start = i }
                    kind = digit
                    current.append(ch)
                } else {
                    flush()
                }
                i = text.index(after: i)
            }
            flush()
            return out
        }

        /// The folded words of a unit's name after its type ("Phường Phúc
        /// Xá" → "phuc", "xa"; "Quận 1" → "1").
        static func nameWords(_ name: String, types: [[String]]) -> [String] {
            var words = split(name).map(\.folded)
            for t in types.sorted(by: { $0.count > $1.count }) where words.count > t.count && Array(words.prefix(t.count)) == t {
                words.removeFirst(t.count)
                break
            }
            return words
        }
    }

    /// The words written before a unit's name, and their abbreviations.
    static let provinceTypes: [[String]] = [["tinh"], ["thanh", "pho"], ["tp"], ["t"]]
    static let districtTypes: [[String]] = [["quan"], ["huyen"], ["thi", "xa"], ["thanh", "pho"], ["q"], ["h"], ["tx"], ["tp"]]
    static let communeTypes: [[String]] = [["phuong"], ["xa"], ["thi", "tran"], ["p"], ["x"], ["tt"]]
    /// A commune type as written, abbreviated or not, as its full words.
    static let communeTypeWords: [[String]: [String]] = [["p"]: ["phuong"], ["x"]: ["xa"], ["tt"]: ["thi", "tran"],
                                                        ["phuong"]: ["phuong"], ["xa"]: ["xa"], ["thi", "tran"]: ["thi", "tran"]]

    // MARK: The index of old units

    struct Unit {
        var words: [String]
        var code: String
        var province: String
    }

    struct Match {
        var code: String
        var province: String
        /// The first token of the unit (its type word when written).
        var start: Int
    }

    struct OldCommune {
        /// The folded words of its name after its type, the type's words, and
        /// the name's words with their marks.
        var words: [String]
        var type: [String]
        var marked: [String]
        var row: DatasetRow
    }

    struct CommuneMatch {
        var row: DatasetRow
        var start: Int
    }

    final class Index: @unchecked Sendable {
        var provinces: [Unit] = []
        var districts: [String: [Unit]] = [:]          // by old province code
        var communes: [String: [OldCommune]] = [:] // by district code
        var communesByProvince: [String: [OldCommune]] = [:]
        var allDistricts: [Unit] = []
        var communes2025: Dataset?

        /// Made once per datasets folder (the reference table is read then).
        static func of(_ datasets: DatasetCatalog) -> Index? {
            datasets.made("old-address-index") { () -> Index? in
                guard let old = datasets.reference("communes-before-2025"), let provinces = datasets["provinces-before-2025"] else { return nil }
                let index = Index()
                index.communes2025 = datasets["communes-2025"]
                for p in provinces.rows {
                    for name in [p.name] + p.aliases {
                        let words = Token.nameWords(name, types: provinceTypes)
                        // "Tỉnh Lâm Đồng" and its alias "Lâm Đồng" are the same words.
                        if !words.isEmpty, !index.provinces.contains(where: { $0.code == p.code && $0.words == words }) {
                            index.provinces.append(Unit(words: words, code: p.code, province: p.code))
                        }
                    }
                    // "TP.HCM", "HCM": the city's usual short forms.
                    if p.code == "79" {
                        index.provinces.append(Unit(words: ["hcm"], code: p.code, province: p.code))
                        index.provinces.append(Unit(words: ["tphcm"], code: p.code, province: p.code))
                    }
                }
                var districtSeen: Set<String> = []
                for row in old.rows {
                    let district = row.column("district_code") ?? ""
                    let all = Token.split(row.name)
                    let words = Token.nameWords(row.name, types: communeTypes)
                    let commune = OldCommune(words: words, type: all.prefix(all.count - words.count).map(\.folded),
                                             marked: all.suffix(words.count).map(\.marked), row: row)
                    index.communes[district, default: []].append(commune)
                    index.communesByProvince[row.parent, default: []].append(commune)
                    if districtSeen.insert(district).inserted {
                        let unit = Unit(words: Token.nameWords(row.column("district") ?? "", types: districtTypes), code: district, province: row.parent)
                        index.districts[row.parent, default: []].append(unit)
                        index.allDistricts.append(unit)
                    }
                }
                return index
            }
        }

        /// Where `words` (with an optional type before) end at `end`; nil
        /// when they do not. A name that is a number needs its type word.
        func match(_ words: [String], types: [[String]], in tokens: [Token], end: Int) -> Int? {
            typedMatch(words, types: types, in: tokens, end: end)?.start
        }

        /// `match`, with the type words written before the name, if any.
        func typedMatch(_ words: [String], types: [[String]], in tokens: [Token], end: Int) -> (start: Int, type: [String]?)? {
            guard !words.isEmpty, words.count <= end else { return nil }
            let start = end - words.count
            guard tokens[start..<end].map(\.folded) == words else { return nil }
            for t in types.sorted(by: { $0.count > $1.count }) where t.count <= start {
                if tokens[(start - t.count)..<start].map(\.folded) == t { return (start - t.count, t) }
            }
            return words.allSatisfy({ $0.allSatisfy(\.isNumber) }) ? nil : (start, nil)
        }

        /// The province named at the end (the longest name first), or, when
        /// none is, the whole country (code ""), ending at the last token.
        func provinceMatches(_ tokens: [Token]) -> [Match] {
            var found: [(Match, Int)] = []
            for p in provinces {
                if let s = match(p.words, types: provinceTypes, in: tokens, end: tokens.count) { found.append((Match(code: p.code, province: p.code, start: s), p.words.count)) }
            }
            var out = found.sorted { $0.1 > $1.1 }.map(\.0)
            out.append(Match(code: "", province: "", start: tokens.count))
            return out
        }

        /// The districts named right before `before` (in the province when
        /// known), and "no district" last.
        func districtMatches(_ tokens: [Token], before: Int, province: String) -> [Match] {
            let candidates = province.isEmpty ? allDistricts : (districts[province] ?? [])
            var found: [(Match, Int)] = []
            for d in candidates {
                if let s = match(d.words, types: districtTypes, in: tokens, end: before) { found.append((Match(code: d.code, province: d.province, start: s), d.words.count)) }
            }
            var out = found.sorted { $0.1 > $1.1 }.map(\.0)
            if !province.isEmpty { out.append(Match(code: "", province: province, start: before)) }
            return out
        }

        /// The old communes named right before `before`: of the district
        /// when known, else of the province; longest names first.
        func communeMatches(_ tokens: [Token], before: Int, district: String, province: String) -> [CommuneMatch] {
            let candidates = !district.isEmpty ? (communes[district] ?? []) : (communesByProvince[province] ?? [])
            // Longest names first; among names alike, the one whose type is
            // the one written (Thị trấn or Xã Yên Viên), then the one whose
            // marks are as written (Sa Pa or Sa Pả).
            var found: [(CommuneMatch, score: [Int])] = []
            for c in candidates {
                guard let m = typedMatch(c.words, types: communeTypes, in: tokens, end: before) else { continue }
                let typeAgrees = m.type.flatMap { communeTypeWords[$0] } == c.type ? 1 : 0
                let nameStart = before - c.words.count
                let marksAgree = tokens[nameStart..<before].map(\.marked) == c.marked ? 1 : 0
                found.append((CommuneMatch(row: c.row, start: m.start), [c.words.count, typeAgrees, marksAgree]))
            }
            guard let best = found.map(\.score).max(by: { $0.lexicographicallyPrecedes($1) }) else { return [] }
            return found.filter { $0.score == best }.map(\.0)
        }

        func reading(_ m: CommuneMatch, text: String, tokens: [Token]) -> OldAddressReading? {
            let new = (m.row.column("communes_2025") ?? "").split(separator: ";").map(String.init)
            guard let first = new.first, let province = communes2025?.row(code: first)?.parent else { return nil }
            var street = m.start < tokens.count ? String(text[..<tokens[m.start].start]) : text
            street = street.trimmingCharacters(in: CharacterSet(charactersIn: " ,;-–").union(.whitespacesAndNewlines))
            return OldAddressReading(street: street, oldCommuneCode: m.row.code, oldCommuneName: m.row.name,
                                     oldDistrictName: m.row.column("district") ?? "", oldProvinceCode: m.row.parent,
                                     province: province, communes: new)
        }
    }
}

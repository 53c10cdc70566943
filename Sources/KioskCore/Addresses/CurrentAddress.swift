import Foundation

/// An address written in the units in force from 1 July 2025 (a 2025
/// commune and province, no district): what a card issued from then on
/// prints ("Tổ 13, Ấp Hòa Cường, Minh Thạnh, TP. Hồ Chí Minh"). Read
/// before any old reading for such a card: a 2025 commune may bear the name
/// of an old one that became another (Phường Ngọc Hà of 2025 is not the old
/// Phường Ngọc Hà, divided between Ba Đình and Ngọc Hà).
public enum CurrentAddress {
    /// `PROVINCE|COMMUNE|street` when `text` ends with a 2025 province (its
    /// name or an alias; written twice, as in "Hà Nội, Hà Nội", is fine) and,
    /// right before it, one commune of that province (with its type word or
    /// abbreviation, or without when the name is not a number); nil when
    /// none, or more than one, is named.
    public static func read(_ text: String, datasets: DatasetCatalog) -> String? {
        guard let index = Index.of(datasets) else { return nil }
        let tokens = OldAddress.Token.split(text)
        guard !tokens.isEmpty else { return nil }
        for province in index.provinces.sorted(by: { $0.words.count > $1.words.count }) {
            guard var end = match(province.words, types: provinceTypes, tokens, end: tokens.count) else { continue }
            if let again = match(province.words, types: provinceTypes, tokens, end: end) { end = again }
            var found: [(code: String, start: Int, length: Int)] = []
            for c in index.communes[province.code] ?? [] {
                if let start = match(c.words, types: communeTypes, tokens, end: end) { found.append((c.code, start, c.words.count)) }
            }
            guard let longest = found.map(\.length).max() else { continue }
            let best = found.filter { $0.length == longest }
            guard best.count == 1 else { return nil }
            var street = String(text[..<tokens[best[0].start].start])
            street = street.trimmingCharacters(in: CharacterSet(charactersIn: " ,;-–").union(.whitespacesAndNewlines))
            return "\(province.code)|\(best[0].code)|\(street.replacingOccurrences(of: "|", with: "/"))"
        }
        return nil
    }

    static let provinceTypes: [[String]] = [["tinh"], ["thanh", "pho"], ["tp"], ["t"]]
    static let communeTypes: [[String]] = [["phuong"], ["xa"], ["dac", "khu"], ["p"], ["x"]]

    /// Where `words` (with a type before, or alone unless a number) end at
    /// `end`: the first token of the match.
    static func match(_ words: [String], types: [[String]], _ tokens: [OldAddress.Token], end: Int) -> Int? {
        guard !words.isEmpty, words.count <= end else { return nil }
        let start = end - words.count
        guard tokens[start..<end].map(\.folded) == words else { return nil }
        for t in types.sorted(by: { $0.count > $1.count }) where t.count <= start {
            if tokens[(start - t.count)..<start].map(\.folded) == t { return start - t.count }
        }
        return words.allSatisfy({ $0.allSatisfy(\.isNumber) }) ? nil : start
    }

    struct Unit {
        var words: [String]
        var code: String
    }

    final class Index: @unchecked Sendable {
        var provinces: [Unit] = []
        var communes: [String: [Unit]] = [:]

        static func of(_ datasets: DatasetCatalog) -> Index? {
            datasets.made("current-address-index") { () -> Index? in
                guard let provinces = datasets["provinces-2025"], let communes = datasets["communes-2025"] else { return nil }
                let index = Index()
                for p in provinces.rows {
                    // The names of the provinces merged into it ("… (cũ)") are old units: not here.
                    for name in [p.name] + p.aliases where !name.contains("(") {
                        let words = OldAddress.Token.nameWords(name, types: provinceTypes)
                        if !words.isEmpty, !index.provinces.contains(where: { $0.code == p.code && $0.words == words }) {
                            index.provinces.append(Unit(words: words, code: p.code))
                        }
                    }
                    if p.code == "79" {
                        index.provinces.append(Unit(words: ["hcm"], code: p.code))
                        index.provinces.append(Unit(words: ["tphcm"], code: p.code))
                    }
                }
                for c in communes.rows {
                    index.communes[c.parent, default: []].append(Unit(words: OldAddress.Token.nameWords(c.name, types: communeTypes), code: c.code))
                }
                return index
            }
        }
    }
}

/// Numbers, amounts and dates in Vietnamese words, as official forms write
/// them ("Bằng chữ: Một trăm năm mươi triệu đồng"; the date of birth in
/// words of a birth registration). The conventions chosen (docs/forms.md,
/// `money_words` and `date_words`):
///
/// - `mười` for 10 to 19, `mươi` for the other tens; `mốt` for a 1 after
///   `mươi` (hai mươi mốt), `lăm` for a 5 after a ten (mười lăm, hai mươi
///   lăm), `tư` for a 4 after `mươi` (hai mươi tư; but mười bốn);
/// - `linh` (not the southern `lẻ`) for a zero ten before a unit: một trăm
///   linh năm;
/// - `nghìn` (not `ngàn`) and `tỷ`;
/// - a group of three digits that is all zero is left out (một triệu không
///   trăm linh năm for 1.000.005); a later group that is not is read whole,
///   with `không trăm` (hai triệu không trăm năm mươi nghìn);
/// - beyond a thousand billion the billions are read as a number of their
///   own: một nghìn tỷ, hai nghìn năm trăm tỷ.
public enum VietnameseNumberWords {
    static let digits = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]

    /// The largest amount read (999.999 tỷ tỷ would need more words than any form asks for).
    public static let maximum = 999_999_999_999_999

    /// A whole number from 0 to `maximum` in words, lower case
    /// ("một trăm linh năm"); nil outside that range.
    public static func words(_ n: Int) -> String? {
        guard n >= 0, n <= maximum else { return nil }
        if n == 0 { return "không" }
        return read(n, full: false).joined(separator: " ")
    }

    /// An amount in đồng as official forms write it in words: capital first
    /// letter, `đồng` at the end ("Một trăm năm mươi triệu đồng"). nil for a
    /// negative amount or one above `maximum`.
    public static func money(_ amount: Int) -> String? {
        guard let w = words(amount) else { return nil }
        return capitalized(w) + " đồng"
    }

    /// A date in words, as civil-status papers write a date of birth in
    /// words: "Ngày mười lăm tháng mười một năm hai nghìn không trăm hai mươi
    /// sáu". The month 4 is `tư` (tháng tư). A date known only to the month or
    /// the year says only what is known ("Tháng ba năm …", "Năm …").
    public static func date(_ d: CalendarDate) -> String? {
        guard let year = words(d.year) else { return nil }
        var parts: [String] = []
        if d.day != 0, let day = words(d.day) { parts += ["ngày", day] }
        if d.month != 0, let month = words(d.month) { parts += ["tháng", d.month == 4 ? "tư" : month] }
        parts += ["năm", year]
        return capitalized(parts.joined(separator: " "))
    }

    /// An amount with a dot between thousands, as Vietnamese write money:
    /// 150.000.000. A negative amount keeps its minus sign.
    public static func grouped(_ n: Int, separator: String = ".") -> String {
        var digits = String(n.magnitude)
        var groups: [String] = []
        while digits.count > 3 {
            groups.insert(String(digits.suffix(3)), at: 0)
            digits.removeLast(3)
        }
        groups.insert(digits, at: 0)
        return (n < 0 ? "-" : "") + groups.joined(separator: separator)
    }

    // MARK: Reading

    /// The words of `n` (> 0). `full`: the first group of three digits is
    /// read whole (`không trăm`, `linh`), as any group after a larger one is.
    private static func read(_ n: Int, full: Bool) -> [String] {
        let billion = 1_000_000_000
        if n >= billion {
            var out = read(n / billion, full: full) + ["tỷ"]
            if n % billion > 0 { out += read(n % billion, full: true) }
            return out
        }
        let groups = [n / 1_000_000, n / 1000 % 1000, n % 1000]
        let scales = ["triệu", "nghìn", ""]
        var out: [String] = []
        for (i, g) in groups.enumerated() where g > 0 {
            // Only the leading non-zero group may be read short.
            out += group(g, full: full || !out.isEmpty)
            if !scales[i].isEmpty { out.append(scales[i]) }
        }
        return out
    }

    /// One group of three digits (1 to 999).
    private static func group(_ g: Int, full: Bool) -> [String] {
        let h = g / 100, t = g / 10 % 10, u = g % 10
        var out: [String] = []
        if full || h > 0 { out += [digits[h], "trăm"] }
        switch t {
        case 0: if u > 0 && !out.isEmpty { out.append("linh") }
        case 1: out.append("mười")
        default: out += [digits[t], "mươi"]
        }
        switch u {
        case 0: break
        case 1: out.append(t >= 2 ? "mốt" : "một")
        case 4: out.append(t >= 2 ? "tư" : "bốn")
        case 5: out.append(t >= 1 ? "lăm" : "năm")
        default: out.append(digits[u])
        }
        return out
    }

    private static func capitalized(_ s: String) -> String {
        guard let first = s.first else { return s }
        return first.uppercased() + s.dropFirst()
    }
}

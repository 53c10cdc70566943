import Foundation

/// A level of the QCVN 102:2016 agency identifier `V1V2V3.Z1Z2.Y1Y2.MX1X2`.
/// Level 1 is the last group (ministry or province, e.g. "H49"); level 4 is
/// the first group. Groups are written from level 4 down to level 1.
public enum AgencyCodeLevel: Int, Sendable, CaseIterable, Comparable, Codable {
    case level1 = 1
    case level2 = 2
    case level3 = 3
    case level4 = 4

    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }

    /// Position of this level's group in the written code (0 = first).
    public var groupIndex: Int { 4 - rawValue }

    /// Level of the group at a written position (0…3).
    public static func atGroupIndex(_ index: Int) -> AgencyCodeLevel? {
        AgencyCodeLevel(rawValue: 4 - index)
    }

    /// What the group must look like, for messages.
    var shape: LocalizedText {
        switch self {
        case .level4:
            return LocalizedText(vi: "3 chữ số, ví dụ 000", en: "3 digits, e.g. 000")
        case .level3, .level2:
            return LocalizedText(vi: "2 chữ số, ví dụ 00", en: "2 digits, e.g. 00")
        case .level1:
            return LocalizedText(vi: "1 chữ cái in hoa và 2 chữ số, ví dụ H49", en: "1 capital letter and 2 digits, e.g. H49")
        }
    }

    /// Ordinal of the group in the written code, for messages.
    var positionText: LocalizedText {
        switch self {
        case .level4: return LocalizedText(vi: "nhóm thứ nhất", en: "the first group")
        case .level3: return LocalizedText(vi: "nhóm thứ hai", en: "the second group")
        case .level2: return LocalizedText(vi: "nhóm thứ ba", en: "the third group")
        case .level1: return LocalizedText(vi: "nhóm cuối", en: "the last group")
        }
    }

    /// True when `group` has the right shape for this level.
    func accepts(_ group: String) -> Bool {
        let chars = Array(group)
        switch self {
        case .level4:
            return chars.count == 3 && chars.allSatisfy(IdentifierInput.isASCIIDigit)
        case .level3, .level2:
            return chars.count == 2 && chars.allSatisfy(IdentifierInput.isASCIIDigit)
        case .level1:
            return chars.count == 3 && IdentifierInput.isASCIIUpperLetter(chars[0])
                && IdentifierInput.isASCIIDigit(chars[1]) && IdentifierInput.isASCIIDigit(chars[2])
        }
    }
}

/// Why an agency identifier could not be read.
public enum AgencyCodeError: Error, Sendable, Hashable {
    case empty
    /// Not four groups separated by dots; carries the number of groups found.
    case wrongGroupCount(Int)
    /// The group of this level has the wrong shape; carries what was typed.
    case badLevel(AgencyCodeLevel, found: String)

    public var message: LocalizedText {
        switch self {
        case .empty:
            return LocalizedText(vi: "Bạn chưa nhập mã cơ quan.", en: "Please type the agency code.")
        case .wrongGroupCount(let n):
            return LocalizedText(
                vi: "Mã cơ quan gồm 4 nhóm cách nhau bởi dấu chấm, ví dụ 000.00.00.H49 (bạn đã gõ \(n) nhóm).",
                en: "The agency code has 4 groups separated by dots, e.g. 000.00.00.H49 (you typed \(n)).")
        case .badLevel(let level, let found):
            let shown = found.isEmpty
                ? LocalizedText(vi: "bạn để trống", en: "it is empty")
                : LocalizedText(vi: "bạn đã gõ “\(found)”", en: "you typed “\(found)”")
            return LocalizedText(
                vi: "Mã cấp \(level.rawValue) của mã cơ quan (\(level.positionText.vi)) phải là \(level.shape.vi) (\(shown.vi)).",
                en: "Level \(level.rawValue) of the agency code (\(level.positionText.en)) must be \(level.shape.en) (\(shown.en)).")
        }
    }
}

/// Electronic identifier of an agency under QCVN 102:2016/BTTTT, e.g.
/// `000.00.00.H49`. Unused levels are zero-filled.
public struct AgencyCode: Sendable, Hashable, CustomStringConvertible {
    /// The four groups in written order: level 4, 3, 2, 1 ("000", "00", "00", "H49").
    public let levels: [String]

    private init(levels: [String]) {
        self.levels = levels
    }

    /// Parses a typed code: trims, drops whitespace, upper-cases the letter.
    public static func parse(_ s: String) -> Result<AgencyCode, AgencyCodeError> {
        let text = IdentifierInput.asciiUppercased(
            String(IdentifierInput.clean(s).filter { !$0.isWhitespace }))
        if text.isEmpty { return .failure(.empty) }
        let groups = text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        if groups.count != 4 { return .failure(.wrongGroupCount(groups.count)) }
        for (index, group) in groups.enumerated() {
            let level = AgencyCodeLevel.atGroupIndex(index)!
            if !level.accepts(group) { return .failure(.badLevel(level, found: group)) }
        }
        return .success(AgencyCode(levels: groups))
    }

    /// Convenience: nil when `parse` fails.
    public init?(_ s: String) {
        guard case .success(let code) = Self.parse(s) else { return nil }
        self = code
    }

    /// The group of one level, e.g. `self[.level1] == "H49"`.
    public subscript(level: AgencyCodeLevel) -> String { levels[level.groupIndex] }

    /// True when the level is unused (all zeros). Level 1 is never zero-filled.
    public func isZeroFilled(_ level: AgencyCodeLevel) -> Bool {
        self[level].allSatisfy { $0 == "0" }
    }

    public var description: String { levels.joined(separator: ".") }

    /// Length of the canonical text, "000.00.00.H49".
    static let canonicalLength = 13
}

extension AgencyCode: TextIdentifier {
    static let kindName = "agency code"
}

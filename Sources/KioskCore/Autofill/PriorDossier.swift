import Foundation

/// What an earlier dossier tells a new one: its answers by semantic key, the
/// results the agency issued, and its documents with their meaning. Made
/// from this station's own dossiers or from the provincial server's lookup
/// answer; also the message between `kiosk-sync` and the kiosk (JSON).
public struct PriorDossier: Sendable, Equatable, Codable {
    public enum Origin: String, Sendable, Codable { case station, server }

    /// The official dossier code (Thông tư 01/2018).
    public var code: String
    public var procedureCode: String
    public var procedureName: String
    /// Answers by semantic key; a repeat group's answers are lists, one
    /// value per item. Results of the procedure (`bride.marriage_certificate_number`)
    /// are answers too, listed in `resultKeys`.
    public var answers: [String: [String]]
    public var resultKeys: Set<String>
    public var documents: [PriorDocument]
    public var origin: Origin
    /// The server's view, when it answered: the status code (domain.md:
    /// 1 Mới đăng ký … 10 Đã trả kết quả) and the due date.
    public var status: Int?
    public var dueDate: String?

    public init(code: String, procedureCode: String, procedureName: String, answers: [String: [String]],
                resultKeys: Set<String> = [], documents: [PriorDocument] = [], origin: Origin) {
        self.code = code
        self.procedureCode = procedureCode
        self.procedureName = procedureName
        self.answers = answers
        self.resultKeys = resultKeys
        self.documents = documents
        self.origin = origin
    }

    /// The single answer of a key (not a repeat item's).
    public func value(_ key: String) -> String? {
        guard let v = answers[key], v.count == 1, !v[0].isEmpty else { return nil }
        return v[0]
    }

    /// The people of the dossier: roles with at least one answer, the
    /// dossier's own facts (`dossier.copies`) excluded.
    public var roles: [String] {
        var seen: Set<String> = []
        var out: [String] = []
        for key in answers.keys.sorted() {
            guard let (role, _) = SemanticKeys.split(key), role != "dossier", seen.insert(role).inserted else { continue }
            out.append(role)
        }
        return SemanticKeys.roleOrder.filter(seen.contains) + out.filter { !SemanticKeys.roleOrder.contains($0) }
    }

    // MARK: Verification

    /// Whose id number or phone may open a dossier: the people who filed it.
    /// The same rule as the provincial server's (docs/protocol.md).
    public static let verifierKeys = SemanticKeys.filerRoles.map { "\($0).id_number" } + SemanticKeys.filerRoles.map { "\($0).phone" }

    /// Whether `verification` (an id number or a phone number, as typed)
    /// is one given on this dossier.
    public func isVerified(by verification: String) -> Bool {
        guard let typed = Self.normalizedVerification(verification) else { return false }
        var match = false
        for key in Self.verifierKeys {
            guard let given = value(key).flatMap(Self.normalizedVerification) else { continue }
            // No early exit: the time taken says nothing about which matched.
            match = Self.constantTimeEqual(given, typed) || match
        }
        return match
    }

    /// Digits of an id number, or the national form of a phone (0xxxxxxxxx);
    /// nil when it is neither.
    public static func normalizedVerification(_ s: String) -> String? {
        if case .success(let phone) = PhoneNumber.parse(s) { return phone.national }
        let digits = s.filter { !" .-".contains($0) }
        guard !digits.isEmpty, digits.allSatisfy(\.isASCIIDigitCharacter) else { return nil }
        return digits
    }

    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        var diff = UInt8(x.count == y.count ? 0 : 1)
        for i in 0..<min(x.count, y.count) { diff |= x[i] ^ y[i] }
        return diff == 0
    }
}

/// A document of an earlier dossier: one the citizen submitted, or a result
/// the agency issued.
public struct PriorDocument: Sendable, Equatable, Codable {
    public var name: String
    /// What it is (`bride.identity_document`); several for a result that
    /// belongs to two people (a marriage certificate).
    public var keys: [String]
    public var isResult: Bool
    /// A result's number (số giấy tờ).
    public var number: String?

    public init(name: String, keys: [String], isResult: Bool = false, number: String? = nil) {
        self.name = name
        self.keys = keys
        self.isResult = isResult
        self.number = number
    }
}

extension SemanticKeys {
    /// The people who file a dossier: the applicant, or both parties of a
    /// marriage registration. Their id numbers and phones verify it.
    public static let filerRoles = ["applicant", "bride", "groom"]

    /// The order people are offered in: the filers, then the others.
    public static let roleOrder = ["applicant", "bride", "groom", "subject", "mother", "father", "child", "spouse",
                                   "deceased", "host", "member", "business"]
}

import Foundation
import KioskCore

/// Why an operator could not sign in. An unknown id and a wrong PIN read
/// the same, and lock the same, so that guessing learns nothing.
public enum OperatorSignInError: Error, Sendable, Equatable {
    case wrongIDOrPIN(triesLeft: Int)
    case locked(until: Int)

    /// The words for the screen, counting minutes from `now` (Unix seconds).
    public func message(now: Int) -> LocalizedText {
        switch self {
        case .wrongIDOrPIN(let left):
            return LocalizedText(vi: "Mã cán bộ hoặc mã PIN không đúng (còn \(left) lần thử).",
                                 en: "The operator id or the PIN is not right (\(left) tries left).")
        case .locked(let until):
            let minutes = max(1, (until - now + 59) / 60)
            return LocalizedText(vi: "Đăng nhập tạm khoá vì nhập sai nhiều lần. Hãy thử lại sau \(minutes) phút.",
                                 en: "Sign-in is locked after too many wrong tries. Try again in \(minutes) minutes.")
        }
    }
}

/// An operator as `kiosk operator list` shows them.
public struct OperatorRecord: Sendable, Equatable {
    public var id: String
    public var createdAt: Int
    /// Locked until this time (Unix seconds) after wrong PINs, if locked now.
    public var lockedUntil: Int?
}

extension KioskStore {
    public static let maxOperatorTries = 5
    public static let operatorLockSeconds = 15 * 60

    /// An operator id: 2 to 32 letters, digits, dots, dashes or underscores
    /// (ASCII, so the audit log holds ids and nothing else).
    public static func validOperatorID(_ id: String) -> Bool {
        (2...32).contains(id.count) && id.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) }
    }

    /// A PIN: 4 to 12 digits.
    public static func validOperatorPIN(_ pin: String) -> Bool {
        (4...12).contains(pin.count) && pin.allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// Adds an operator, or gives an existing one a new PIN.
    public func addOperator(id: String, pin: String) throws(StoreError) {
        guard Self.validOperatorID(id) else {
            throw .invalid(LocalizedText(vi: "Mã cán bộ cần 2–32 chữ cái không dấu, chữ số, dấu chấm, gạch ngang hoặc gạch dưới.",
                                         en: "An operator id needs 2–32 letters without marks, digits, dots, dashes or underscores."))
        }
        guard Self.validOperatorPIN(pin) else {
            throw .invalid(LocalizedText(vi: "Mã PIN cần từ 4 đến 12 chữ số.", en: "A PIN needs 4 to 12 digits."))
        }
        let hash = Crypto.hashSecret(pin)
        try write { () throws in
            try db.execute("""
                INSERT INTO operators (id, pin_hash, created_at) VALUES (?1, ?2, ?3)
                ON CONFLICT (id) DO UPDATE SET pin_hash = excluded.pin_hash
                """, [.text(id), .text(hash), .int(timestamp)])
            try db.execute("DELETE FROM operator_tries WHERE id = ?1", [.text(id)])
            try audit(.operatorAdded, detail: id)
        }
        try flush()
    }

    /// Removes an operator; false when there was none by that id.
    @discardableResult
    public func removeOperator(id: String) throws(StoreError) -> Bool {
        try write { () throws -> Bool in
            try db.execute("DELETE FROM operators WHERE id = ?1", [.text(id)])
            let removed = db.changes > 0
            if removed { try audit(.operatorRemoved, detail: id) }
            return removed
        }
    }

    public func operators() throws(StoreError) -> [OperatorRecord] {
        let t = timestamp
        return try mappingErrors { () throws(DatabaseError) in
            try db.query("""
                SELECT o.id, o.created_at, t.locked_until FROM operators o LEFT JOIN operator_tries t ON t.id = o.id ORDER BY o.id
                """) { s throws(DatabaseError) in
                OperatorRecord(id: s.string(0) ?? "", createdAt: s.int(1), lockedUntil: s.optionalInt(2).flatMap { $0 > t ? $0 : nil })
            }
        }
    }

    /// Checks an operator's id and PIN. Five wrong tries at an id, known or
    /// not, lock it for fifteen minutes (by the store's clock); a right PIN
    /// clears the count. An unknown id costs one Argon2id check too.
    public func signInOperator(id typed: String, pin: String) throws -> String {
        let id = typed.trimmingCharacters(in: .whitespaces)
        let t = timestamp
        let (hash, tries, decoy) = try mappingErrors { () throws(DatabaseError) in
            var hash: String?
            if case .text(let h) = try db.scalar("SELECT pin_hash FROM operators WHERE id = ?1", [.text(id)]) { hash = h }
            let tries = try db.query("SELECT failures, locked_until FROM operator_tries WHERE id = ?1", [.text(id)]) { s throws(DatabaseError) in
                (failures: s.int(0), lockedUntil: s.optionalInt(1))
            }.first
            return (hash, tries, try meta("operator_decoy"))
        }
        if let until = tries?.lockedUntil, until > t { throw OperatorSignInError.locked(until: until) }
        let verifier = hash ?? decoy ?? Crypto.hashSecret(ResumeCode.generate())
        let matches = Crypto.verifySecret(pin, against: verifier)
        if decoy == nil { try write { () throws in try setMeta("operator_decoy", hash == nil ? verifier : Crypto.hashSecret(ResumeCode.generate())) } }
        if hash != nil && matches {
            try write { () throws in
                try db.execute("DELETE FROM operator_tries WHERE id = ?1", [.text(id)])
                let previous = operatorID
                operatorID = id
                defer { operatorID = previous }
                try audit(.operatorSignedIn)
            }
            return id
        }
        // A lock that has run out starts the count again.
        let failed = (tries?.lockedUntil != nil ? 0 : tries?.failures ?? 0) + 1
        let locks = failed >= Self.maxOperatorTries
        try write { () throws in
            try db.execute("""
                INSERT INTO operator_tries (id, failures, last_failure_at, locked_until) VALUES (?1, ?2, ?3, ?4)
                ON CONFLICT (id) DO UPDATE SET failures = excluded.failures, last_failure_at = excluded.last_failure_at,
                    locked_until = excluded.locked_until
                """, [.text(id), .int(locks ? 0 : failed), .int(t), locks ? .int(t + Self.operatorLockSeconds) : .null])
            // The typed id goes in the log only when it is an operator's.
            try audit(locks ? .operatorLocked : .operatorSignInFailed, detail: hash != nil ? id : "")
        }
        if locks { throw OperatorSignInError.locked(until: t + Self.operatorLockSeconds) }
        throw OperatorSignInError.wrongIDOrPIN(triesLeft: Self.maxOperatorTries - failed)
    }

    /// Whether any operator is set up (else the operator's screens say how).
    public func hasOperators() throws(StoreError) -> Bool {
        try mappingErrors { () throws(DatabaseError) in try db.scalar("SELECT 1 FROM operators LIMIT 1") != nil }
    }
}

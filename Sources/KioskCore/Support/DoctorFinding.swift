/// One line of `kiosk doctor`: what was checked, how it is, and, when
/// something is wrong, what to do. The kiosk prints its own checks and
/// kiosk-sync the server's, in this one format.
public struct DoctorFinding: Sendable, Equatable {
    public enum Level: Sendable, Equatable {
        /// As it should be.
        case ok
        /// Works, but worth a look (not counted as a problem: exit 0).
        case warning
        /// Something the station cannot work right with (exit 1).
        case problem
    }

    /// The check's name ("Cấu hình" / "Configuration").
    public var check: LocalizedText
    public var level: Level
    public var message: LocalizedText
    /// What to do about it (a command to run where there is one).
    public var fix: LocalizedText?

    public init(_ check: LocalizedText, _ level: Level, _ message: LocalizedText, fix: LocalizedText? = nil) {
        self.check = check
        self.level = level
        self.message = message
        self.fix = fix
    }

    /// "ổn     Cấu hình: …", then "       Cách sửa: …" on its own line.
    public func text(_ language: Language) -> String {
        let vi = language == .vi
        let mark: String
        switch level {
        case .ok: mark = vi ? "ổn" : "ok"
        case .warning: mark = vi ? "lưu ý" : "warning"
        case .problem: mark = vi ? "LỖI" : "PROBLEM"
        }
        var out = mark.padding(toLength: 8, withPad: " ", startingAt: 0) + check.text(language) + ": " + message.text(language)
        if let fix {
            out += "\n" + String(repeating: " ", count: 8) + (vi ? "Cách sửa: " : "What to do: ") + fix.text(language)
        }
        return out
    }
}

/// The names of the checks, shared by kiosk and kiosk-sync.
public enum DoctorCheck {
    public static let configuration = LocalizedText(vi: "Cấu hình", en: "Configuration")
    public static let permissions = LocalizedText(vi: "Quyền truy cập", en: "Permissions")
    public static let database = LocalizedText(vi: "Cơ sở dữ liệu", en: "Database")
    public static let operators = LocalizedText(vi: "Người vận hành", en: "Operators")
    public static let keyFile = LocalizedText(vi: "Tệp khoá", en: "Key file")
    public static let forms = LocalizedText(vi: "Biểu mẫu", en: "Forms")
    public static let printer = LocalizedText(vi: "Máy in", en: "Printer")
    public static let disk = LocalizedText(vi: "Dung lượng đĩa", en: "Disk space")
    public static let server = LocalizedText(vi: "Máy chủ tỉnh", en: "Provincial server")
    public static let clock = LocalizedText(vi: "Đồng hồ", en: "Clock")
}

import CSQLite
import KioskCore

/// SQLite's primary result codes that the kiosk treats specially.
public struct ResultCode: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: Int32
    public init(rawValue: Int32) { self.rawValue = rawValue }

    /// The primary code (extended codes carry it in their low byte).
    public var primary: ResultCode { ResultCode(rawValue: rawValue & 0xFF) }

    public static let ok = ResultCode(rawValue: SQLITE_OK)
    public static let error = ResultCode(rawValue: SQLITE_ERROR)
    public static let busy = ResultCode(rawValue: SQLITE_BUSY)
    public static let locked = ResultCode(rawValue: SQLITE_LOCKED)
    public static let readOnly = ResultCode(rawValue: SQLITE_READONLY)
    public static let ioError = ResultCode(rawValue: SQLITE_IOERR)
    public static let corrupt = ResultCode(rawValue: SQLITE_CORRUPT)
    public static let full = ResultCode(rawValue: SQLITE_FULL)
    public static let cantOpen = ResultCode(rawValue: SQLITE_CANTOPEN)
    public static let constraint = ResultCode(rawValue: SQLITE_CONSTRAINT)
    public static let notADatabase = ResultCode(rawValue: SQLITE_NOTADB)
    public static let row = ResultCode(rawValue: SQLITE_ROW)
    public static let done = ResultCode(rawValue: SQLITE_DONE)

    public var description: String { String(cString: sqlite3_errstr(rawValue)) + " (\(rawValue))" }
}

/// An error from SQLite, or from the store's own checks. It carries SQLite's
/// result code and message and the SQL that failed, but never the values
/// bound to it: they are a citizen's personal data and must not reach logs.
public struct DatabaseError: Error, Sendable, CustomStringConvertible {
    public var code: ResultCode
    public var message: String
    public var sql: String?

    public init(code: ResultCode, message: String, sql: String? = nil) {
        self.code = code
        self.message = message
        self.sql = sql
    }

    public var description: String {
        "SQLite error \(code.rawValue): \(message)" + (sql.map { " — while running: \($0)" } ?? "")
    }

    /// What to tell the person at the station, in both languages.
    public var userMessage: LocalizedText {
        switch code.primary {
        case .full:
            return LocalizedText(vi: "Đĩa đã đầy: không lưu được. Những gì đã lưu trước đó vẫn còn nguyên. Hãy báo cán bộ phụ trách máy.",
                                 en: "The disk is full: nothing more can be saved. What was saved before is intact. Tell the station's operator.")
        case .readOnly:
            return LocalizedText(vi: "Không ghi được vào cơ sở dữ liệu (chỉ đọc). Hãy báo cán bộ phụ trách máy.",
                                 en: "The database cannot be written to (read-only). Tell the station's operator.")
        case .corrupt, .notADatabase:
            return LocalizedText(vi: "Tệp cơ sở dữ liệu bị hỏng. Không ghi thêm gì vào đó; hãy báo cán bộ phụ trách máy để khôi phục.",
                                 en: "The database file is damaged. Nothing more is written to it; tell the station's operator to restore it.")
        case .busy, .locked:
            return LocalizedText(vi: "Cơ sở dữ liệu đang bận; hãy thử lại.", en: "The database is busy; try again.")
        case .cantOpen:
            return LocalizedText(vi: "Không mở được tệp cơ sở dữ liệu (thư mục không có hoặc không có quyền).",
                                 en: "The database file cannot be opened (missing folder or no permission).")
        case .ioError:
            return LocalizedText(vi: "Lỗi đọc/ghi đĩa. Những gì đã lưu trước đó vẫn còn; hãy báo cán bộ phụ trách máy.",
                                 en: "A disk read/write error. What was saved before is intact; tell the station's operator.")
        default:
            return LocalizedText(vi: "Lỗi cơ sở dữ liệu (\(code.rawValue)). Hãy báo cán bộ phụ trách máy.",
                                 en: "Database error (\(code.rawValue)). Tell the station's operator.")
        }
    }
}

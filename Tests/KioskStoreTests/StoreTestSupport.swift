import Foundation
import XCTest
import KioskCore
@testable import KioskStore
import KioskTestSupport

// Helpers for the KioskStore tests. Every test gets a fresh temporary folder
// (deleted in tearDown) and real SQLite files in it.

let realFormsDirectory = packageRoot + "/Forms"

/// The real forms folder, loaded once (it reads the datasets too).
let realCatalog: FormCatalog = FormCatalog.load(directory: realFormsDirectory)

/// A personal value that must never leak into errors, logs or summaries.
let secretName = "Nguyễn Thị Bí Mật"
/// A valid citizen id number (female, born 2001), also personal.
let secretIDNumber = "079301000123"

/// 10:00 in Hà Nội on 22 November 2026 (03:00 UTC).
let baseDate = Date(timeIntervalSince1970: 1_795_316_400)
let day: TimeInterval = 86_400

/// A small form that exercises the store: a required name with the
/// applicant.full_name key, an optional id number, a repeat group, three
/// document fields and a summary.
let testFormJSON = """
{
  "format": 1,
  "id": "thu-nghiem",
  "version": "3",
  "procedure": {
    "code": "1.001193",
    "title": { "vi": "Thử nghiệm", "en": "Test" },
    "domain": { "code": "HT", "name": "Hộ tịch" },
    "level": "full",
    "fee": { "amount": 0 },
    "processing_days": 1,
    "delivery": ["desk"],
    "documents": [
      { "code": "GTTT", "name": "Giấy tờ tùy thân" },
      { "code": "XNCU", "name": "Giấy xác nhận cũ" },
      { "code": "KHAC", "name": "Giấy tờ khác" }
    ]
  },
  "summary": "'Thử nghiệm cho ' + applicant_full_name",
  "pages": [
    { "id": "p1", "title": "Trang 1", "fields": [
      { "id": "applicant_full_name", "type": "text", "label": "Họ tên", "key": "applicant.full_name", "required": true },
      { "id": "applicant_id_number", "type": "id_number", "label": "Số định danh", "key": "applicant.id_number" },
      { "id": "remark", "type": "text", "label": "Ghi chú" },
      { "id": "members", "type": "repeat", "label": "Thành viên", "fields": [
        { "id": "member_name", "type": "text", "label": "Tên", "key": "member.full_name", "required": true }
      ] },
      { "id": "doc_gttt", "type": "document", "label": "Giấy tờ tùy thân", "component": "GTTT" },
      { "id": "doc_xncu", "type": "document", "label": "Giấy xác nhận cũ", "component": "XNCU" },
      { "id": "doc_khac", "type": "document", "label": "Giấy tờ khác", "component": "KHAC" }
    ] }
  ]
}
"""

let testFormSource: [UInt8] = Array(testFormJSON.utf8)

/// The small test form, loaded (fails the test when it does not load).
func loadTestForm(file: StaticString = #filePath, line: UInt = #line) throws -> FormDefinition {
    let (form, diagnostics) = FormLoader.load(bytes: testFormSource, file: "thu-nghiem.json", datasets: DatasetCatalog(datasets: [:]))
    guard let form else {
        XCTFail("test form did not load: \(diagnostics.map(\.description).joined(separator: "\n"))", file: file, line: line)
        throw XCTSkip("test form did not load")
    }
    return form
}

/// A real form and its file's bytes.
func loadRealForm(_ id: String, file: StaticString = #filePath, line: UInt = #line) throws -> (FormDefinition, [UInt8]) {
    guard let form = realCatalog.form(id: id) else {
        XCTFail("real form \(id) did not load: \(realCatalog.errors.map(\.description).joined(separator: "\n"))", file: file, line: line)
        throw XCTSkip("real form missing")
    }
    let bytes = try XCTUnwrap(FileManager.default.contents(atPath: form.file), file: file, line: line)
    return (form, Array(bytes))
}

/// Asserts that `body` throws a StoreError and returns it.
@discardableResult
func assertStoreError<T>(_ body: @autoclosure () throws -> T, _ message: String = "",
                         file: StaticString = #filePath, line: UInt = #line) -> StoreError? {
    do {
        _ = try body()
        XCTFail("expected a StoreError, nothing was thrown. \(message)", file: file, line: line)
        return nil
    } catch let e as StoreError {
        return e
    } catch {
        XCTFail("expected a StoreError, got \(type(of: error)): \(error). \(message)", file: file, line: line)
        return nil
    }
}

/// Asserts that `body` throws a ResumeError and returns it.
@discardableResult
func assertResumeError<T>(_ body: @autoclosure () throws -> T, _ message: String = "",
                          file: StaticString = #filePath, line: UInt = #line) -> ResumeError? {
    do {
        _ = try body()
        XCTFail("expected a ResumeError, nothing was thrown. \(message)", file: file, line: line)
        return nil
    } catch let e as ResumeError {
        return e
    } catch {
        XCTFail("expected a ResumeError, got \(type(of: error)): \(error). \(message)", file: file, line: line)
        return nil
    }
}

/// Asserts that `body` throws a DatabaseError and returns it.
@discardableResult
func assertDatabaseError<T>(_ body: @autoclosure () throws -> T, _ message: String = "",
                            file: StaticString = #filePath, line: UInt = #line) -> DatabaseError? {
    do {
        _ = try body()
        XCTFail("expected a DatabaseError, nothing was thrown. \(message)", file: file, line: line)
        return nil
    } catch let e as DatabaseError {
        return e
    } catch {
        XCTFail("expected a DatabaseError, got \(type(of: error)): \(error). \(message)", file: file, line: line)
        return nil
    }
}

/// Compares bytes with a short message (sizes and first difference), not
/// two dumps of every byte.
func assertSameBytes(_ actual: [UInt8]?, _ expected: [UInt8], _ message: String = "",
                     file: StaticString = #filePath, line: UInt = #line) {
    guard let actual else {
        return XCTFail("no bytes (expected \(expected.count)). \(message)", file: file, line: line)
    }
    guard actual != expected else { return }
    let common = min(actual.count, expected.count)
    let first = (0..<common).first { actual[$0] != expected[$0] } ?? common
    XCTFail("bytes differ: \(actual.count) bytes vs \(expected.count) expected, first difference at offset \(first). \(message)",
            file: file, line: line)
}

extension StoreError {
    /// The SQLite error inside, if this is one.
    var databaseError: DatabaseError? {
        if case .database(let e) = self { return e }
        return nil
    }

    var isInvalid: Bool {
        if case .invalid = self { return true }
        return false
    }

    var isNotFound: Bool {
        if case .notFound = self { return true }
        return false
    }
}

/// Base class: a fresh temporary folder per test, and helpers to open a
/// store in it with a fixed, movable clock.
class StoreTestCase: XCTestCase {
    var root = ""
    /// The store's folder (created by the store, so that it starts 0700).
    var dataDir: String { root + "/data" }
    var dbPath: String { dataDir + "/store.db" }
    var attachmentsPath: String { dataDir + "/attachments" }

    override func setUpWithError() throws {
        try super.setUpWithError()
        root = (NSTemporaryDirectory() as NSString).appendingPathComponent("kiosk-store-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        if !root.isEmpty {
            // Folders may have been made unwritable by a test.
            if let e = FileManager.default.enumerator(atPath: root) {
                for case let p as String in e {
                    try? FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: root + "/" + p)
                }
            }
            try? FileManager.default.removeItem(atPath: root)
        }
        try super.tearDownWithError()
    }

    /// Opens (or creates) the store at `dbPath`, its clock at `at`.
    func openStore(readOnly: Bool = false, retentionDays: Int = 30, at date: Date = baseDate,
                   stationID: String = "KIOSK-01") throws -> KioskStore {
        let store = try testStore(databasePath: dbPath, attachmentsPath: attachmentsPath, stationID: stationID,
                                   retentionDays: retentionDays, readOnly: readOnly, now: { date })
        return store
    }

    /// A second, plain SQLite connection to the store's file, for checking
    /// what is really written.
    func rawConnection(readOnly: Bool = false) throws -> Database {
        try Database(path: dbPath, mode: readOnly ? .readOnly : .readWrite)
    }

    /// Bytes of a file (empty when it does not exist).
    func bytes(_ path: String) -> [UInt8] {
        FileManager.default.contents(atPath: path).map(Array.init) ?? []
    }

    func permissions(_ path: String) -> Int? {
        (try? FileManager.default.attributesOfItem(atPath: path))?[.posixPermissions].flatMap { ($0 as? NSNumber)?.intValue }
    }

    /// Every regular file under a folder (relative paths).
    func files(under folder: String) -> [String] {
        var out: [String] = []
        guard let e = FileManager.default.enumerator(atPath: folder) else { return [] }
        for case let p as String in e {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: folder + "/" + p, isDirectory: &isDir), !isDir.boolValue { out.append(p) }
        }
        return out.sorted()
    }

    /// An integer from a one-value query.
    func int(_ db: Database, _ sql: String, _ values: [SQLValue] = [],
             file: StaticString = #filePath, line: UInt = #line) throws -> Int {
        switch try db.scalar(sql, values) {
        case .integer(let n): return Int(n)
        case let other:
            XCTFail("\(sql) gave \(String(describing: other)), not an integer", file: file, line: line)
            return -1
        }
    }

    /// Whether `needle` occurs in `haystack` (byte search).
    func contains(_ haystack: [UInt8], _ needle: String) -> Bool {
        let n = Array(needle.utf8)
        guard !n.isEmpty, haystack.count >= n.count else { return false }
        var i = 0
        while i <= haystack.count - n.count {
            if haystack[i] == n[0] && Array(haystack[i..<(i + n.count)]) == n { return true }
            i += 1
        }
        return false
    }

    /// A complete state of the test form (no issues).
    func completeState(_ form: FormDefinition, name: String = secretName, idNumber: String? = secretIDNumber,
                       members: [String] = [], documents: [String: String] = [:]) -> FormState {
        var state = FormState(form: form, today: CalendarDate(year: 2026, month: 11, day: 22))
        state.set("applicant_full_name", name)
        if let idNumber { state.set("applicant_id_number", idNumber) }
        let group = form.fieldIndexByID["members"]!
        for (i, m) in members.enumerated() {
            _ = state.addItem(group)
            state.set("member_name", m, item: i)
        }
        for (field, value) in documents { state.set(field, value) }
        return state
    }
}

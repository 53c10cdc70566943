import Foundation
import XCTest
@_exported import KioskTestSupport
import KioskCore
import KioskRuntime
import KioskStore
@testable import KioskUI


let catalog = FormCatalog.load(directory: packageRoot + "/Forms")

/// The day the sample answers are filled on, whatever the machine's clock
/// says: a form's checks against today (a birth date not in the future)
/// give the same result on any day the suite runs.
let sampleToday = CalendarDate(year: 2026, month: 11, day: 23)

/// 08:41 on Monday 23/11/2026 in Vietnam (01:41 UTC).
let mondayMorning: Double = 1_795_398_060

/// 08:41 on Saturday 05/12/2026 in Vietnam.
let saturdayMorning: Double = mondayMorning + 12 * 86_400

/// A headless kiosk on a fresh store in a temporary folder.
final class UIHarness {
    let dir: String
    let store: KioskStore
    var app: HeadlessApp

    /// `forms`: the forms offered (the shipped ones when nil).
    init(width: Int = 80, height: Int = 24, language: Language = .vi, citizenMode: Bool = true, now: Double = mondayMorning,
         agencyCode: String = "", forms: [FormDefinition]? = nil) throws {
        dir = NSTemporaryDirectory() + "kiosk-ui-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        store = try testStore(databasePath: dir + "/kiosk.sqlite", attachmentsPath: dir + "/attachments", stationID: "LH-01", retentionDays: 30,
                               now: { Date(timeIntervalSince1970: now) })
        // Stable resume codes, so that screens compare as text.
        var codes = ["K7M4QX", "H4PA9C", "T3RW7N", "X9DJ4F"].makeIterator()
        store.makeResumeCode = { codes.next() ?? ResumeCode.generate() }
        let context = AppContext(stationName: "Bưu điện huyện Lâm Hà", forms: forms ?? catalog.forms.sorted { $0.procedure.code < $1.procedure.code },
                                 datasets: catalog.datasets, idleTimeout: 120, defaultLanguage: language, citizenMode: citizenMode,
                                 agencyCode: agencyCode)
        let runner = EffectRunner(store: store, context: context, printerCommand: "", receiptsDirectory: dir + "/receipts")
        app = HeadlessApp(state: AppState(context: context, width: width, height: height, now: now), runner: runner)
    }

    deinit { try? FileManager.default.removeItem(atPath: dir) }

    var text: String { app.text }
}

extension UIHarness {
    /// From the welcome screen to page 1 of a procedure found by `search`.
    func startForm(_ search: String, pin: String = "1234") {
        app.type("1")
        app.type(search)
        app.key(.enter)
        // The four digits, and again to confirm them.
        app.type(pin)
        app.key(.enter)
        app.type(pin)
        app.key(.enter)
    }

    /// The next page by Page Down, going on when asked about the page's problems.
    func nextPage(times: Int = 1) {
        for _ in 0..<times {
            app.key(.pageDown)
            if case .leavePage? = app.state.overlay {
                app.key(.right)
                app.key(.enter)
            }
        }
    }

    var session: FormSession? {
        if case .form(let f) = app.state.page { return f }
        return nil
    }

    /// Focuses the row of a field (by id, and item) on the current page.
    func focus(_ id: String, item: Int? = nil, subItem: Int? = nil, part: Int? = nil) {
        guard let f = session, let index = f.form.fieldIndexByID[id] else { return XCTFail("no field \(id)") }
        let path = FieldPath(field: index, item: item, subItem: subItem)
        guard let i = f.focusableRows.firstIndex(where: { row in
            if let part { return row == .addressPart(path, part) }
            return row == .field(path)
        }) else { return XCTFail("\(id) is not on this page") }
        // By keys, as a person would: Tab or Shift-Tab until there.
        // Bounded, here and below: a dialog that takes the keys fails the test instead of hanging it.
        for _ in 0..<500 {
            guard let current = session?.focus, current != i, app.state.overlay == nil else { break }
            app.key(current < i ? .tab : .backTab)
        }
    }

    func raw(_ id: String, item: Int? = nil, subItem: Int? = nil) -> String {
        guard let f = session, let index = f.form.fieldIndexByID[id] else { return "" }
        return f.state.raw(FieldPath(field: index, item: item, subItem: subItem))
    }

    /// Fills the session's answers from a sample file (for pages a test does not type).
    func load(sample formID: String) throws {
        guard case .form(var f) = app.state.page else { return XCTFail("no form open") }
        let data = try Data(contentsOf: URL(fileURLWithPath: packageRoot + "/Tests/Fixtures/answers/\(formID).json"))
        let (answers, problems) = AnswerImport.read(Array(data), for: f.form)
        XCTAssertEqual(problems, [])
        f.state.load(answers: answers)
        FormUpdate.enterRow(&f)
        app.state.page = .form(f)
    }
}

extension UIHarness {
    /// The marriage sample, finalized at this station and accepted by the
    /// province under `code`.
    func finalizeMarriageSample(code: String) throws {
        let form = try XCTUnwrap(catalog.form(id: "dang-ky-ket-hon"))
        let data = try Data(contentsOf: URL(fileURLWithPath: packageRoot + "/Tests/Fixtures/answers/dang-ky-ket-hon.json"))
        var state = FormState(form: form, today: sampleToday)
        state.load(answers: AnswerImport.read(Array(data), for: form).answers)
        let dossier = try store.finalize(form: form, state: state, draftID: nil)
        try store.markAccepted(submissionID: dossier.submissionID, officialCode: code, dueDate: nil)
    }

    /// Fills a procedure from its sample answers and finalizes it as a
    /// person would: through the documents and review steps, Space on the
    /// declaration, then Enter on "submit".
    func finalizeSample(_ search: String, sample formID: String) throws {
        startForm(search)
        try load(sample: formID)
        for _ in 0..<50 { if case .fields? = session?.stage { nextPage() } else { break } }
        nextPage()
        let count = ReviewUpdate.answerPaths(session!).count
        for _ in 0..<500 { if let f = session?.focus, f < count { app.key(.down) } else { break } }
        app.key(.text(" ")) // the declaration ticked
        app.key(.down)
        app.key(.enter)
    }
}

/// The test form with a group inside a group (Tests/Fixtures/nested), and
/// its sample answers.
let nestedForm: FormDefinition = {
    let bytes = Array(FileManager.default.contents(atPath: nestedFormPath) ?? Data())
    return FormLoader.load(bytes: bytes, file: nestedFormPath, datasets: catalog.datasets).0!
}()

func nestedSample() throws -> [(name: String, raw: String)] {
    let (answers, problems) = AnswerImport.read(Array(try Data(contentsOf: URL(fileURLWithPath: nestedAnswersPath))), for: nestedForm)
    XCTAssertEqual(problems, [])
    return answers
}

/// Compares a screen with a plain-text file under Tests/KioskUITests/Snapshots.
/// RECORD_SNAPSHOTS=1 rewrites the files; a missing file is written and the
/// test fails, so that a new snapshot is always looked at once.
func assertSnapshot(_ text: String, _ name: String, file: StaticString = #filePath, line: UInt = #line) {
    let path = packageRoot + "/Tests/KioskUITests/Snapshots/\(name).txt"
    let record = ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] != nil
    guard !record, let expected = try? String(contentsOfFile: path, encoding: .utf8) else {
        try? FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try? (text + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        if !record { XCTFail("recorded a new snapshot \(name); check it and run again", file: file, line: line) }
        return
    }
    XCTAssertEqual(text + "\n", expected, "snapshot \(name) differs (RECORD_SNAPSHOTS=1 rewrites it)", file: file, line: line)
}

extension UIHarness {
    /// An operator set up at this station, signed in with the hidden key.
    func signInOperator(_ id: String = "lan.nguyen", pin: String = "482913") throws {
        if try !store.operators().contains(where: { $0.id == id }) { try store.addOperator(id: id, pin: pin) }
        app.key(.control("o"))
        app.type(id)
        app.key(.enter)
        app.type(pin)
        app.key(.enter)
    }
}

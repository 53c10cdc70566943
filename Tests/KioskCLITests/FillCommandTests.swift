import Foundation
import KioskCore
import KioskStore
import XCTest

/// `kiosk fill` on every shipped form with its sample answers
/// (Tests/Fixtures/answers): a draft and a dossier hold exactly what the
/// form engine makes of the answers.
final class FillCommandTests: XCTestCase {
    private var dir = ""
    private var config = ""

    override func setUpWithError() throws {
        dir = NSTemporaryDirectory() + "kiosk-fill-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        config = try writeOfflineStationConfig(dir: dir)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: dir)
    }

    private func run(_ args: [String], stdin: String? = nil) throws -> KioskOutput {
        try runKiosk(["--config", config] + args, stdin: stdin)
    }

    func testEveryFormRoundTripsThroughDraftsAndDossiers() throws {
        let catalog = FormCatalog.load(directory: packageRoot + "/Forms")
        XCTAssertEqual(catalog.forms.count, 11)
        for form in catalog.forms {
            let fixture = packageRoot + "/Tests/Fixtures/answers/\(form.id).json"
            let (answers, problems) = AnswerImport.read(Array(try Data(contentsOf: URL(fileURLWithPath: fixture))), for: form)
            XCTAssertEqual(problems, [], form.id)
            var expected = FormState(form: form)
            expected.load(answers: answers)
            XCTAssertEqual(expected.allIssues().map(\.message.en), [], "\(form.id): the sample answers are complete")

            // A draft: resumable by its code and PIN, holding the typed answers.
            let draftRun = try run(["fill", form.id, "--answers", fixture, "--pin"], stdin: "2468\n")
            XCTAssertEqual(draftRun.status, 0, "\(form.id): \(draftRun.stderr)")
            let code = try XCTUnwrap(draftRun.stdout.split(separator: "\n").first { $0.hasPrefix("Mã tiếp tục: ") }?.dropFirst(13), form.id)
            let store = try testStore(databasePath: dir + "/kiosk.sqlite", attachmentsPath: dir + "/attachments", stationID: "TEST-01", retentionDays: 30)
            let draft = try store.resumeDraft(code: String(code), verification: "2468")
            XCTAssertEqual(draft.formID, form.id)
            XCTAssertEqual(draft.formVersion, form.version)
            var reopened = FormState(form: try store.formDefinition(of: draft, datasets: catalog.datasets))
            reopened.load(answers: try store.answers(draftID: draft.id))
            XCTAssertEqual(reopened.canonicalAnswers.map { "\($0.name)=\($0.value)" }, expected.canonicalAnswers.map { "\($0.name)=\($0.value)" }, form.id)

            // A dossier: queued, with the normalised visible answers and their keys.
            let final = try run(["fill", form.id, "--answers", fixture, "--finalize"])
            XCTAssertEqual(final.status, 0, "\(form.id): \(final.stdout) \(final.stderr)")
            let id = try XCTUnwrap(final.stdout.split(separator: "\n").first { $0.hasPrefix("Mã nộp:") }?.split(separator: " ").last, form.id)
            let dossier = try XCTUnwrap(try store.dossier(submissionID: String(id)), form.id)
            XCTAssertEqual(dossier.status, .queued)
            XCTAssertEqual(dossier.procedureCode, form.procedure.code)
            XCTAssertTrue(dossier.receiptNumber.hasPrefix("TEST-01-"), dossier.receiptNumber)
            let stored = try store.dossierAnswers(id: dossier.id)
            XCTAssertEqual(stored.map { "\($0.path)=\($0.value)" }.sorted(), expected.canonicalAnswers.map { "\($0.name)=\($0.value)" }.sorted(), form.id)
            for a in stored {
                let field = try XCTUnwrap(expected.path(named: a.path)).field
                XCTAssertEqual(a.key, form.fields[field].key, "\(form.id) \(a.path)")
            }
        }
        let status = try run(["status", "--json"])
        XCTAssertEqual(status.status, 0)
        let counts = try JSONDecoder().decode(StoreStatus.self, from: Data(status.stdout.utf8))
        XCTAssertEqual(counts.queued, 11)
        XCTAssertEqual(counts.drafts, 11)
        let drafts = try run(["drafts"])
        XCTAssertEqual(drafts.stdout.split(separator: "\n").count, 12, drafts.stdout)
        XCTAssertFalse(drafts.stdout.contains("Nguyễn"), "no personal data in the operator's list")
    }

    /// A draft left before any field was left (a pause, an idle close right
    /// after typing a name) still counts its answers.
    func testDraftsCountTheAnswersTyped() throws {
        let catalog = FormCatalog.load(directory: packageRoot + "/Forms")
        let form = try XCTUnwrap(catalog.form(id: "dang-ky-khai-sinh"))
        let store = try testStore(databasePath: dir + "/kiosk.sqlite", attachmentsPath: dir + "/attachments", stationID: "TEST-01", retentionDays: 30)
        let draft = try store.createDraft(form: form, verification: .pin("1357"))
        try store.saveAnswers(draftID: draft.id, [("applicant_full_name", "Nguyễn Thị Mai")])
        try store.flush()
        // Defaults (the nationality) count as answered; the name one more.
        var state = FormState(form: form)
        let before = state.requiredProgress
        _ = state.set("applicant_full_name", "Nguyễn Thị Mai")
        let expected = state.requiredProgress
        XCTAssertEqual(expected.answered, before.answered + 1)
        let r = try run(["drafts"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("\(draft.resumeCode)  "), r.stdout)
        XCTAssertTrue(r.stdout.contains(" \(expected.answered)/\(expected.required) "), "answered of required, from the answers: \(r.stdout)")
        XCTAssertFalse(r.stdout.contains("0/0"), r.stdout)
        XCTAssertFalse(r.stdout.contains("Nguyễn"), r.stdout)
    }

    func testIncompleteAnswersAreReportedPerFieldAndNothingIsQueued() throws {
        let answers = dir + "/a.json"
        try #"{ "child_full_name": "Lò Văn Páo", "child_birth_date": "31/02/2026" }"#.write(toFile: answers, atomically: true, encoding: .utf8)
        let r = try run(["--lang", "en", "fill", "1.001193", "--answers", answers, "--finalize"])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stdout.contains("child_birth_date (Date of birth): The date 31/02/2026 does not exist (check day and month)."), r.stdout)
        XCTAssertTrue(r.stdout.hasSuffix("problems to fix; nothing was submitted\n"), r.stdout)
        XCTAssertEqual(try run(["status", "--json"]).stdout.contains("\"queued\":0"), true)

        try #"{ "child_full_nam": "x", "child_birth_date": [1] }"#.write(toFile: answers, atomically: true, encoding: .utf8)
        let bad = try run(["--lang", "en", "fill", "1.001193", "--answers", answers])
        XCTAssertEqual(bad.status, 1)
        XCTAssertTrue(bad.stderr.contains("\(answers):1:3: no field “child_full_nam” in form dang-ky-khai-sinh"), bad.stderr)
        XCTAssertTrue(bad.stderr.contains("\(answers):1:46: a value that does not fit field child_birth_date (date)"), bad.stderr)
        XCTAssertEqual(try run(["fill", "9.999999", "--answers", answers]).status, 1)
        XCTAssertEqual(try run(["fill", "1.001193"]).status, 2, "--answers is required")
    }

    /// A draft's PIN is a secret (with the resume code it opens the
    /// citizen's answers): `--pin` asks for it, or reads it from standard
    /// input, and never takes it on the command line, where every user of
    /// the machine could read it (ps).
    func testThePinIsReadFromStandardInputNeverFromTheCommandLine() throws {
        let fixture = packageRoot + "/Tests/Fixtures/answers/dang-ky-khai-sinh.json"
        let r = try run(["fill", "1.001193", "--answers", fixture, "--pin"], stdin: "1357\n")
        XCTAssertEqual(r.status, 0, r.stderr)
        let code = try XCTUnwrap(r.stdout.split(separator: "\n").first { $0.hasPrefix("Mã tiếp tục: ") }?.dropFirst(13), r.stdout)
        let store = try testStore(databasePath: dir + "/kiosk.sqlite", attachmentsPath: dir + "/attachments", stationID: "TEST-01", retentionDays: 30)
        XCTAssertEqual(try store.resumeDraft(code: String(code), verification: "1357").formID, "dang-ky-khai-sinh")

        for old in [["--pin", "1357"], ["--pin=1357"]] {
            let refused = try run(["--lang", "en", "fill", "1.001193", "--answers", fixture] + old)
            XCTAssertEqual(refused.status, 2, refused.stdout + refused.stderr)
            XCTAssertTrue(refused.stderr.contains("--pin no longer takes the PIN on the command line"), refused.stderr)
            XCTAssertTrue(refused.stderr.contains("ps"), "says why: \(refused.stderr)")
        }
        let bad = try run(["--lang", "en", "fill", "1.001193", "--answers", fixture, "--pin"], stdin: "13a7\n")
        XCTAssertEqual(bad.status, 1)
        XCTAssertTrue(bad.stderr.contains("Exactly 4 digits are needed."), bad.stderr)
        let none = try run(["--lang", "en", "fill", "1.001193", "--answers", fixture, "--pin"], stdin: "")
        XCTAssertEqual(none.status, 1)
        XCTAssertTrue(none.stderr.contains("no PIN"), none.stderr)
        XCTAssertEqual(try store.status().drafts, 1, "nothing saved without a good PIN")
    }
}

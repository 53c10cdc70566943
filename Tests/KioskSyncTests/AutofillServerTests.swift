import Foundation
import XCTest
import KioskCore
import KioskRuntime
import KioskStore
import KioskSync
import KioskUI

/// The provincial server as the source of an earlier dossier: one station
/// uploads a marriage registration; another, with its own database, fills a
/// birth registration from its code and the bride's id number.
final class AutofillServerTests: XCTestCase {
    var dir = ""

    override func setUpWithError() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/python3") else { throw XCTSkip("python3 is needed for the reference server") }
        dir = NSTemporaryDirectory() + "kiosk-autofill-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: dir)
    }

    /// What the terminal's kiosk-sync worker does, without the process.
    struct ServerService: PriorDossierService {
        let client: ProvincialClient
        func find(code: String, verification: String) -> PriorServiceAnswer {
            switch client.priorDossier(code: code, verify: verification) {
            case .success(let prior?): return .found(prior)
            case .success(nil): return .notFound
            case .failure: return .offline
            }
        }
    }

    func station(_ name: String) throws -> KioskStore {
        try testStore(databasePath: "\(dir)/\(name).sqlite", attachmentsPath: "\(dir)/\(name)-attachments", stationID: name, retentionDays: 30)
    }

    /// Station A: a marriage registration, finalized and uploaded; its official code.
    func uploadMarriage(to server: ReferenceServer) throws -> String {
        let store = try station("A")
        let form = try XCTUnwrap(catalog.form(id: "dang-ky-ket-hon"))
        let data = try Data(contentsOf: URL(fileURLWithPath: packageRoot + "/Tests/Fixtures/answers/dang-ky-ket-hon.json"))
        var state = FormState(form: form, today: sampleToday)
        state.load(answers: AnswerImport.read(Array(data), for: form).answers)
        let dossier = try store.finalize(form: form, state: state, draftID: nil)
        let engine = SyncEngine(store: store, client: ProvincialClient(settings: server.settings), datasets: catalog.datasets)
        var passes: [SyncPass] = []
        for _ in 0..<20 where try store.waitingCount() > 0 { passes.append(engine.runOnce()) }
        let after = try store.dossier(submissionID: dossier.submissionID)
        XCTAssertEqual(after?.status, .accepted, "\(passes) \((try? store.history(dossierID: dossier.id)) ?? [])")
        return try XCTUnwrap(try store.dossier(submissionID: dossier.submissionID)?.officialCode)
    }

    /// Station B's kiosk, headless, asking the server.
    func kioskB(_ server: ReferenceServer) throws -> HeadlessApp {
        let store = try station("B")
        let context = AppContext(stationName: "Trạm B", forms: catalog.forms.sorted { $0.procedure.code < $1.procedure.code }, datasets: catalog.datasets)
        let runner = EffectRunner(store: store, context: context, printerCommand: "", receiptsDirectory: dir + "/receipts")
        runner.priorService = ServerService(client: ProvincialClient(settings: server.settings))
        return HeadlessApp(state: AppState(context: context), runner: runner)
    }

    func find(_ app: inout HeadlessApp, _ code: String, _ verification: String) {
        app.type(code)
        app.key(.tab)
        app.type(verification)
        app.key(.enter)
    }

    func testABirthRegistrationIsFilledFromAMarriageUploadedByAnotherStation() throws {
        let server = try ReferenceServer.start()
        let code = try uploadMarriage(to: server)
        var app = try kioskB(server)
        app.type("3")
        find(&app, code, "068198003417")
        guard case .prior(let p) = app.state.page, let prior = p.found.first else { return XCTFail(app.text) }
        XCTAssertEqual(prior.origin, .server)
        XCTAssertEqual(prior.value("bride.full_name"), "Nguyễn Thị Mai Anh")
        app.key(.enter) // Continue
        app.type("khai sinh")
        app.key(.enter)
        app.type("1234")
        app.key(.enter)
        app.type("1234") // again, to confirm
        app.key(.enter)
        XCTAssertTrue(app.text.contains("→ ◀ Mẹ ▶"), app.text)
        app.key(.enter) // Fill in: every role proposed, the focus is on it
        guard case .form(let f) = app.state.page else { return XCTFail(app.text) }
        func raw(_ id: String) -> String { f.state.raw(FieldPath(field: f.form.fieldIndexByID[id]!)) }
        XCTAssertEqual(raw("mother_full_name"), "Nguyễn Thị Mai Anh")
        XCTAssertEqual(raw("mother_birth_date"), "14/02/1998")
        XCTAssertEqual(raw("mother_id_number"), "068198003417")
        XCTAssertEqual(raw("father_full_name"), "Lê Hoàng Nam")
        XCTAssertEqual(raw("father_id_number"), "042096007215")
        XCTAssertTrue(raw("father_residence").hasPrefix("68|24787|"), raw("father_residence"))
        for id in ["mother_full_name", "father_full_name", "father_residence"] {
            XCTAssertEqual(f.prefill(FieldPath(field: f.form.fieldIndexByID[id]!))?.code, code, "\(id) is marked with its code")
        }
        let stored = try XCTUnwrap(app.runner).store.prefills(draftID: f.draft.id)
        XCTAssertTrue(stored.contains { $0.name == "mother_full_name" && $0.code == code })
    }

    func testAWrongVerificationFillsNothingAndReadsLikeAnUnknownCode() throws {
        let server = try ReferenceServer.start()
        let code = try uploadMarriage(to: server)
        var app = try kioskB(server)
        app.type("3")
        find(&app, code, "068198003418")
        guard case .prior(let wrong) = app.state.page else { return XCTFail(app.text) }
        XCTAssertEqual(wrong.found, [])
        let wrongText = app.text
        app.key(.backTab)
        app.key(.backspace, times: 40)
        // The same code with another sequence number: unknown to the server.
        let unknown = String(code.dropLast(4)) + (code.hasSuffix("9999") ? "9998" : "9999")
        find(&app, unknown, "068198003417")
        guard case .prior(let missing) = app.state.page else { return XCTFail(app.text) }
        XCTAssertEqual(missing.found, [])
        XCTAssertEqual(wrong.message, missing.message)
        XCTAssertEqual(wrong.message, LocalizedText(vi: "Không tìm thấy hồ sơ với mã và thông tin xác minh này. Kiểm tra lại mã trên biên nhận và số đã khai.",
                                                    en: "No dossier with this code and verification. Check the code on the receipt and the number given."))
        // The screens differ only in the code typed.
        XCTAssertEqual(wrongText.replacingOccurrences(of: code, with: "X"), app.text.replacingOccurrences(of: unknown, with: "X"))
    }

    func testWithTheServerDownTheStationSaysSoAndKeepsWorking() throws {
        let server = try ReferenceServer.start()
        let code = try uploadMarriage(to: server)
        server.stop()
        var app = try kioskB(server)
        app.type("3")
        find(&app, code, "068198003417")
        guard case .prior(let p) = app.state.page else { return XCTFail(app.text) }
        XCTAssertEqual(p.found, [])
        XCTAssertTrue(app.text.contains("chưa kết nối được hệ thống tỉnh"), app.text)
        app.key(.escape)
        app.type("1")
        // The list of procedures (which ones fit depends on the screen's room).
        XCTAssertTrue(app.text.contains("Đăng ký"), "the kiosk works on\n\(app.text)")
    }

    /// The lookup screen asks the provincial server when given a verification.
    func testTheLookupScreenShowsTheServersStatusAndOneSentenceForAWrongVerification() throws {
        let server = try ReferenceServer.start()
        let code = try uploadMarriage(to: server)
        var app = try kioskB(server)
        app.type("4")
        app.type(code)
        app.key(.enter)
        app.type("042096007215") // the groom's id number
        app.key(.enter)
        XCTAssertTrue(app.text.contains("── Trên hệ thống tỉnh"), app.text)
        XCTAssertTrue(app.text.contains("Tình trạng: Được tiếp nhận"), "words, never the number: \(app.text)")
        XCTAssertFalse(app.text.contains("── Tại trạm này"), "station B never held it")
        // A wrong verification: the same sentence as an unknown code, and no status.
        app.key(.backspace, times: 20)
        app.type("042096007216")
        app.key(.enter)
        guard case .lookup(let l) = app.state.page else { return XCTFail(app.text) }
        XCTAssertNil(l.remote)
        XCTAssertTrue(app.text.contains("Không tìm thấy hồ sơ với mã và thông tin xác minh này."), app.text)
    }
}

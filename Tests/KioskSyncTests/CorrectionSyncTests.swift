import Foundation
import XCTest
import KioskCore
import KioskStore
@testable import KioskSync

/// Issue 16, section 1: a dossier the reference server refuses with the
/// paths of the answers it names (422) is corrected with the citizen and
/// sent, sealed, under a new submission id that names the refused one
/// (`ThayThe`); the server keeps the link, and a second correction of the
/// same refusal is a conflict.
final class CorrectionSyncTests: XCTestCase {
    private var dir = ""
    private var clock = Date(timeIntervalSince1970: 1_795_398_060)

    override func setUpWithError() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/python3") else { throw XCTSkip("python3 is needed for the reference server") }
        dir = NSTemporaryDirectory() + "kiosk-correction-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: dir)
    }

    func testARefusedDossierCorrectedIsAcceptedAndTheServerKeepsTheLink() throws {
        let server = try ReferenceServer.start(["--refuse-answer", "Fields.child_full_name=Trần Gia Bảo"])
        let store = try testStore(databasePath: dir + "/kiosk.sqlite", attachmentsPath: dir + "/attachments", stationID: "LH-01", retentionDays: 30)
        store.now = { [unowned self] in self.clock }
        store.agencyCode = "000.00.13.H36"
        store.sealKey = SealKey(base64: ReferenceServer.demoSealPublicKey)
        let form = try XCTUnwrap(catalog.form(id: "dang-ky-khai-sinh"))
        let data = try Data(contentsOf: URL(fileURLWithPath: packageRoot + "/Tests/Fixtures/answers/dang-ky-khai-sinh.json"))
        var state = FormState(form: form, today: sampleToday)
        state.load(answers: AnswerImport.read(Array(data), for: form).answers)
        let refused = try store.finalize(form: form, state: state, draftID: nil)
        let engine = SyncEngine(store: store, client: ProvincialClient(settings: server.settings), datasets: catalog.datasets)

        // Refused, with the path of the answer the province named.
        XCTAssertEqual(engine.runOnce().needsAttention, 1)
        let waiting = try XCTUnwrap(try store.refusedDossiers().first)
        XCTAssertEqual(waiting.submissionID, refused.submissionID)
        let reasons = ServerReason.parse(waiting.lastError ?? "")
        XCTAssertEqual(reasons.map(\.path), ["Fields.child_full_name"])
        XCTAssertTrue(reasons[0].message.contains("không khớp"), reasons[0].message)

        // Corrected with the citizen: a new finalization, sealed again.
        store.operatorID = "lan.nguyen"
        let (draft, opened) = try store.startCorrection(submissionID: refused.submissionID, datasets: catalog.datasets)
        XCTAssertEqual(draft.field, "child_full_name", "it opens where the server pointed")
        var fixed = FormState(form: opened, today: sampleToday)
        fixed.load(answers: try store.answers(draftID: draft.id))
        fixed.set("child_full_name", "Trần Gia Bảo Ngọc")
        let corrected = try store.finalize(form: opened, state: fixed, draftID: draft.id)
        XCTAssertNotNil(try store.sealedUpload(dossierID: corrected.id))
        clock += 5
        let pass = engine.runOnce()
        XCTAssertEqual(pass.accepted, 1, "\(pass)")
        let accepted = try XCTUnwrap(try store.dossier(submissionID: corrected.submissionID))
        XCTAssertEqual(accepted.status, .accepted)
        XCTAssertEqual(try store.dossier(submissionID: refused.submissionID)?.status, .replaced)

        // The server keeps the link, and shows it to a lookup.
        let db = try Database(path: server.dir + "/data/provincial.sqlite3", mode: .readOnly)
        let link = try db.query("SELECT replaces, submission_id, ma_ho_so FROM replacements") { s in [s.string(0) ?? "", s.string(1) ?? "", s.string(2) ?? ""] }
        XCTAssertEqual(link, [[refused.submissionID, corrected.submissionID, try XCTUnwrap(accepted.officialCode)]])
        let client = ProvincialClient(settings: server.settings)
        guard case .success(let remote?) = client.lookupAnswer(code: accepted.officialCode!, verify: "068092004512") else {
            return XCTFail("the corrected dossier is not found at the server")
        }
        XCTAssertEqual(remote.ThayThe, refused.submissionID)
    }
}

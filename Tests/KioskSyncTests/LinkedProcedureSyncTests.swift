import Foundation
import XCTest
import KioskCore
import KioskStore
import KioskTestSupport
@testable import KioskSync

/// A one-sitting dossier (liên thông: birth, permanent residence and a
/// health-insurance card for a child under six) goes up as one envelope
/// that names its linked procedures, and the reference server gives each
/// its due date.
final class LinkedProcedureSyncTests: XCTestCase {
    private var dir = ""

    override func setUpWithError() throws {
        dir = NSTemporaryDirectory() + "linked-sync-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: dir)
    }

    private func envelope(residence: Bool, store: KioskStore, settings: SyncSettings) throws -> (String, Data) {
        let form = try XCTUnwrap(catalog.form(id: "lien-thong-khai-sinh-thuong-tru-bhyt"))
        let data = try Data(contentsOf: URL(fileURLWithPath: packageRoot + "/Tests/Fixtures/answers/\(form.id).json"))
        var state = FormState(form: form, today: sampleToday)
        let (answers, problems) = AnswerImport.read(Array(data), for: form)
        XCTAssertEqual(problems, [])
        XCTAssertEqual(state.load(answers: answers), [])
        if !residence { _ = state.set("register_residence", "no") }
        XCTAssertEqual(state.allIssues().map { state.name(of: $0.path) }, [], "the sample is complete")
        let id = try store.finalize(form: form, state: state, draftID: nil).submissionID
        let dossier = try XCTUnwrap(try store.dossier(submissionID: id))
        return (id, Envelope.make(dossier: dossier, form: form, answers: try store.dossierAnswers(id: dossier.id),
                                  documents: try store.dossierDocuments(id: dossier.id), settings: settings))
    }

    func testTheEnvelopeNamesTheLinkedProceduresChosenAndTheServerTakesIt() throws {
        let server = try ReferenceServer.start()
        let store = try testStore(databasePath: dir + "/kiosk.sqlite", attachmentsPath: dir + "/attachments", stationID: "LH-01", retentionDays: 30)
        let (id, data) = try envelope(residence: true, store: store, settings: server.settings)
        let sent = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let linked = try XCTUnwrap(sent["LienThong"] as? [[String: Any]])
        XCTAssertEqual(linked.map { $0["MaTTHC"] as? String }, ["1.004222", "1.000000"])
        XCTAssertEqual(linked.first?["CoQuan"] as? String, "Công an cấp xã")
        XCTAssertEqual(linked.map { $0["SoNgayXuLy"] as? Int }, [3, 3])
        XCTAssertEqual(sent["MaTTHC"] as? String, "1.001193")
        guard case .success(let accepted) = ProvincialClient(settings: server.settings).putDossier(submissionID: id, envelope: data) else {
            return XCTFail("the server refused the envelope")
        }
        // Ready when the last procedure is: three working days after the
        // server's day (its clock: Monday 23/11/2026), not the birth
        // registration's same day.
        XCTAssertEqual(accepted.dueDate, "2026-11-26", "\(accepted)")

        // Without the residence registration, only the health card is linked.
        let (_, without) = try envelope(residence: false, store: store, settings: server.settings)
        let other = try XCTUnwrap(try JSONSerialization.jsonObject(with: without) as? [String: Any])
        XCTAssertEqual((other["LienThong"] as? [[String: Any]])?.map { $0["MaTTHC"] as? String }, ["1.000000"])
    }
}

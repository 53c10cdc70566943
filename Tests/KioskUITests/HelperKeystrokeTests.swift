import Foundation
import XCTest
import KioskCore
import KioskKeystrokes
import KioskRuntime
import KioskStore
@testable import KioskUI

/// The keys a helper needs for the sample birth registration, from the
/// welcome screen to the receipt (issue 13, section 9): from scratch, and
/// with the code of the parents' marriage dossier. A count, not a time: it
/// is the same on any machine, so it is asserted: not above the figures
/// measured last, 158 and 96 keys. Both meet the targets (250 and
/// 100; `HelperKeystrokes.target…`), and `kiosk-bench` prints both against
/// them. What brought them there from 241 and 193:
/// - the health facility chosen from the province's list fills the birth
///   place (66 keys → 6); the home town chosen in today's unit names
///   (28 → 5): `suggest` (docs/forms.md). The facility list shipped is a
///   seed of one row, so "b" finds it; with a province's whole list a few
///   more letters of its name are needed;
/// - after an earlier dossier was verified with an id number, the PIN
///   screen offers its last four digits: Enter (10 → 1);
/// - the offer opens on "Điền vào" when every role is proposed (2 → 1);
/// - the bride and the groom as the mother and the father say that the
///   parents are married and the father known (`role_answers`: 4 → 0).
final class HelperKeystrokeTests: XCTestCase {
    static let ceilingFromScratch = 158
    static let ceilingWithMarriage = 96
    static let ceilingWithCards = 97

    func testFromScratch() throws {
        let h = try UIHarness(agencyCode: HelperKeystrokes.agencyCode)
        let run = try HelperKeystrokes.birthRegistration(app: h.app, store: h.store, catalog: catalog, root: packageRoot, fromMarriage: false)
        print(run.report(title: "birth registration, from scratch"))
        try checkReceipt(run, h)
        XCTAssertLessThanOrEqual(run.keys, Self.ceilingFromScratch, run.report(title: "from scratch"))
    }

    func testWithTheParentsMarriageDossier() throws {
        let h = try UIHarness(agencyCode: HelperKeystrokes.agencyCode)
        let run = try HelperKeystrokes.birthRegistration(app: h.app, store: h.store, catalog: catalog, root: packageRoot, fromMarriage: true)
        print(run.report(title: "birth registration, with the parents' marriage dossier"))
        try checkReceipt(run, h)
        XCTAssertLessThanOrEqual(run.keys, Self.ceilingWithMarriage, run.report(title: "with the marriage"))
    }

    /// With the three people's cards scanned (issue 17): printed; the
    /// ceiling is the count measured.
    func testWithThreeCardScans() throws {
        let h = try UIHarness(agencyCode: HelperKeystrokes.agencyCode)
        let run = try HelperKeystrokes.birthRegistrationWithCards(app: h.app, catalog: catalog, root: packageRoot)
        print(run.report(title: "birth registration, with three card scans"))
        try checkReceipt(run, h)
        XCTAssertLessThanOrEqual(run.keys, Self.ceilingWithCards, run.report(title: "with the cards"))
    }

    /// The receipt is on screen and the dossier holds every sample answer.
    func checkReceipt(_ run: HelperKeystrokes.Run, _ h: UIHarness) throws {
        guard case .receipt = run.app.state.page else { return XCTFail("no receipt:\n\(run.app.text)") }
        let form = try XCTUnwrap(catalog.form(id: "dang-ky-khai-sinh"))
        guard case .receipt(let r) = run.app.state.page else { return }
        let dossier = try XCTUnwrap(try h.store.dossier(submissionID: r.receipt.submissionID))
        let stored = Dictionary(try h.store.dossierAnswers(id: dossier.id).map { ($0.path, $0.value) }, uniquingKeysWith: { a, _ in a })
        var expected = FormState(form: form, today: sampleToday)
        expected.load(answers: run.answers)
        for a in expected.canonicalAnswers where form.field(a.name)?.type != .document {
            XCTAssertEqual(stored[a.name], a.value, a.name)
        }
    }
}

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
/// measured last (241 and 193 keys, the PIN typed twice: the form's own
/// documents page is no longer a page of the fields stage, and the pickers
/// rank words in order first, which costs a picker two keys here and saves a
/// first-time user many; 241 and 193 before them too; before issue 14 they were 287
/// and 241). From scratch it meets the target (250);
/// with the marriage it misses it (100; `HelperKeystrokes.target…`): the
/// child's own answers alone take 118 keys. `kiosk-bench` prints both
/// against those targets.
final class HelperKeystrokeTests: XCTestCase {
    static let ceilingFromScratch = 241
    static let ceilingWithMarriage = 193

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

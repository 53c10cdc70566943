import Foundation
import KioskCore
import KioskStore
import KioskTestSupport
import KioskSync

/// The marriage registration of the test samples, as a dossier stores it:
/// answers by name, with their semantic keys, normalised.
func marriageAnswers(_ catalog: FormCatalog) -> [(path: String, key: String?, value: String)]? {
    guard let form = catalog.form(id: "dang-ky-ket-hon"),
          let data = FileManager.default.contents(atPath: "Tests/Fixtures/answers/dang-ky-ket-hon.json") else { return nil }
    var state = FormState(form: form)
    state.load(answers: AnswerImport.read(Array(data), for: form).answers)
    return state.canonicalAnswers.map { a in (a.name, state.path(named: a.name).flatMap { form.fields[$0.field].key }, a.value) }
}

/// One autofill as the kiosk does it once a code is found: verify, offer
/// the roles, plan, fill the new form's state.
func autofill(_ prior: PriorDossier, verify: String, into empty: FormState) -> Int {
    guard prior.isVerified(by: verify) else { return -1 }
    var state = empty
    let plan = Autofill.plan(prior: prior, offers: Autofill.offers(prior: prior, form: state.form), state: state)
    state.load(answers: plan.prefills.map { ($0.name, $0.raw) })
    return plan.prefills.count
}

/// Autofill from this station's own dossiers, the one asked for among a
/// million, each with the answers of a marriage registration: p99 in ms.
func localAutofill(store million: KioskStore, codes: (Int) -> String, count: Int, catalog: FormCatalog) throws -> Double? {
    guard let answers = marriageAnswers(catalog), let birth = catalog.form(id: "dang-ky-khai-sinh") else { return nil }
    // Every dossier gets the same answers, written by SQLite itself.
    try million.db.execute("CREATE TEMP TABLE template (path TEXT, key TEXT, value TEXT)")
    let insert = try million.db.prepare("INSERT INTO template VALUES (?1, ?2, ?3)")
    for a in answers {
        try insert.bind([.text(a.path), .optional(a.key), .text(a.value)])
        try insert.stepToEnd()
    }
    try million.db.execute("INSERT INTO dossier_answers (dossier_id, path, key, value) SELECT d.id, t.path, t.key, t.value FROM dossiers d, template t ORDER BY d.id")
    // Those rows fill the table as a million dossiers would, but are plain:
    // the dossiers looked up are finalized for real (answers sealed under
    // the data key, keyed hashes of the verifiers), under the same codes.
    guard let marriage = catalog.form(id: "dang-ky-ket-hon"),
          let data = FileManager.default.contents(atPath: "Tests/Fixtures/answers/dang-ky-ket-hon.json") else { return nil }
    var married = FormState(form: marriage, today: CalendarDate(year: 2026, month: 11, day: 23))
    married.load(answers: AnswerImport.read(Array(data), for: marriage).answers)
    let real = 500
    for k in 0..<real {
        let code = codes((k * 7_919 + 13) % count)
        try million.db.execute("DELETE FROM dossiers WHERE official_code = ?1", [.text(code)])
        let d = try million.finalize(form: marriage, state: married, draftID: nil)
        try million.db.execute("UPDATE dossiers SET status = 'accepted', official_code = ?2, accepted_at = finalized_at WHERE id = ?1",
                               [.integer(d.id), .text(code)])
    }
    let empty = FormState(form: birth)
    var samples: [UInt64] = []
    for k in 0..<2_000 {
        let code = codes((k % real * 7_919 + 13) % count)
        let t = now()
        guard let prior = try million.priorDossier(officialCode: code), autofill(prior, verify: "068198003417", into: empty) > 10 else {
            fail("autofill: \(code) gave nothing")
        }
        samples.append(now() - t)
    }
    return percentiles(samples).p99 / 1e6
}

/// Autofill from the reference server over loopback: p99 in ms of the
/// lookup (HTTP, JSON) and the fill, for a marriage uploaded first.
func serverAutofill(server: BenchServer, dir: String, catalog: FormCatalog) throws -> Double? {
    guard let marriage = catalog.form(id: "dang-ky-ket-hon"), let birth = catalog.form(id: "dang-ky-khai-sinh"),
          let data = FileManager.default.contents(atPath: "Tests/Fixtures/answers/dang-ky-ket-hon.json") else { return nil }
    let store = try testStore(databasePath: dir + "/autofill.sqlite", attachmentsPath: dir + "/attachments", stationID: "BENCH", retentionDays: 30)
    var state = FormState(form: marriage)
    state.load(answers: AnswerImport.read(Array(data), for: marriage).answers)
    let dossier = try store.finalize(form: marriage, state: state, draftID: nil)
    let client = ProvincialClient(settings: server.settings)
    let engine = SyncEngine(store: store, client: client, datasets: catalog.datasets)
    for _ in 0..<10 where try store.waitingCount() > 0 { _ = engine.runOnce() }
    guard let code = try store.dossier(submissionID: dossier.submissionID)?.officialCode else { return nil }
    let empty = FormState(form: birth)
    var samples: [UInt64] = []
    for _ in 0..<300 {
        let t = now()
        guard case .success(let prior?) = client.priorDossier(code: code, verify: "068198003417"),
              autofill(prior, verify: "068198003417", into: empty) > 10 else { fail("autofill from the server gave nothing") }
        samples.append(now() - t)
    }
    return percentiles(samples).p99 / 1e6
}

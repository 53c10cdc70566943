import Foundation
import KioskCore
import KioskKeystrokes
import KioskRuntime
import KioskStore
import KioskTestSupport
import KioskSync
import KioskUI

// kiosk-bench: the speed and memory figures of the kiosk, measured on this
// machine. Run it from the package root in a release build:
//     swift run -c release kiosk-bench [--json FILE] [--only CASES]
// CASES, comma-separated: forms, stress, ime, store, resume, screen, keys, pty, sync, upload, documents
// (e.g. --only sync for the upload rate beside curl).

struct Figure {
    var name: String
    var value: Double
    var unit: String
    var target: Double?
    /// Lower is better unless stated.
    var higherIsBetter = false
    /// A two-sided target instead (a ratio that must stay near 1).
    var range: ClosedRange<Double>? = nil

    var verdict: String {
        if let range { return range.contains(value) ? "ok" : "MISSED" }
        guard let target else { return "" }
        return (higherIsBetter ? value >= target : value <= target) ? "ok" : "MISSED"
    }
}

var figures: [Figure] = []

func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

/// Median and 99th percentile of samples (nanoseconds).
func percentiles(_ samples: [UInt64]) -> (p50: Double, p99: Double) {
    let s = samples.sorted()
    return (Double(s[s.count / 2]), Double(s[min(s.count - 1, s.count * 99 / 100)]))
}

/// The best of `runs` timings of `body`, in milliseconds (the least disturbed
/// by whatever else the machine is doing).
func bestOf(_ runs: Int, _ body: () -> Void) -> Double {
    var best = UInt64.max
    for _ in 0..<runs {
        let t = now()
        body()
        best = min(best, now() - t)
    }
    return Double(best) / 1e6
}

var arguments = Array(CommandLine.arguments.dropFirst())
var jsonPath: String?
if let i = arguments.firstIndex(of: "--json") {
    guard i + 1 < arguments.count else {
        FileHandle.standardError.write(Data("usage: kiosk-bench [--json FILE] [--forms DIR] [--kiosk PATH] [--only forms,stress,ime,store,resume,screen,keys,pty,sync,upload,documents]\n".utf8))
        exit(2)
    }
    jsonPath = arguments[i + 1]
    arguments.removeSubrange(i...(i + 1))
}
var kioskBinary = "/tmp/static-build/release/kiosk"
if let i = arguments.firstIndex(of: "--kiosk"), i + 1 < arguments.count {
    kioskBinary = arguments[i + 1]
    arguments.removeSubrange(i...(i + 1))
}
var formsDir = "Forms"
if let i = arguments.firstIndex(of: "--forms"), i + 1 < arguments.count {
    formsDir = arguments[i + 1]
    arguments.removeSubrange(i...(i + 1))
}
let allCases: Set<String> = ["forms", "stress", "ime", "store", "resume", "screen", "keys", "pty", "sync", "upload", "documents"]
var onlyCases = allCases
if let i = arguments.firstIndex(of: "--only"), i + 1 < arguments.count {
    onlyCases = Set(arguments[i + 1].split(separator: ",").map(String.init))
    arguments.removeSubrange(i...(i + 1))
}
/// Whether a case was asked for (all of them without --only).
@MainActor func selected(_ name: String) -> Bool { onlyCases.contains(name) }
guard arguments.isEmpty, onlyCases.isSubset(of: allCases), !onlyCases.isEmpty else {
    FileHandle.standardError.write(Data("usage: kiosk-bench [--json FILE] [--forms DIR] [--kiosk PATH] [--only forms,stress,ime,store,resume,screen,keys,pty,sync,upload,documents]\n".utf8))
    exit(2)
}

// 1. All of Forms/: datasets and every form, parsed and checked.
var catalog = FormCatalog.load(directory: formsDir)
guard catalog.errors.isEmpty, !catalog.forms.isEmpty else {
    FileHandle.standardError.write(Data("kiosk-bench: \(formsDir) has errors or no forms; run kiosk forms check\n".utf8))
    exit(1)
}
if selected("forms") {
    let formsMs = bestOf(10) { catalog = FormCatalog.load(directory: formsDir) }
    let datasetsMs = bestOf(10) { _ = DatasetCatalog.load(directory: formsDir + "/datasets") }
    figures.append(Figure(name: "  of which datasets (CSV)", value: datasetsMs, unit: "ms", target: nil))
    figures.append(Figure(name: "load and check all of Forms/ (\(catalog.forms.count) forms, \(catalog.datasets.datasets.count) datasets)", value: formsMs, unit: "ms", target: 30))
}

// 2. The stress form: 2,000 fields, 500 conditions, 300 computed values,
// a repeat group filled to 200 items.
let stressBytes = Array(StressForm.json().utf8)
var stress: FormDefinition!
let stressLoadMs = bestOf(5) {
    stress = FormLoader.load(bytes: stressBytes, file: "stress.json", datasets: catalog.datasets).0
}
guard let stress else {
    FileHandle.standardError.write(Data("kiosk-bench: the stress form does not load\n".utf8))
    exit(1)
}
let groupIndex = stress.fieldIndexByID["group"]!
var state: FormState!
let stressStateMs = bestOf(5) {
    var s = FormState(form: stress)
    for _ in 0..<200 { _ = s.addItem(groupIndex) }
    state = s
}
if selected("stress") {
    figures.append(Figure(name: "stress form: parse, compile, graph (\(stress.fields.count) fields)", value: stressLoadMs, unit: "ms", target: nil))
    figures.append(Figure(name: "stress form: first evaluation + 200 repeat items", value: stressStateMs, unit: "ms", target: nil))
    figures.append(Figure(name: "stress form: load total", value: stressLoadMs + stressStateMs, unit: "ms", target: 100))
}

// 3. One change re-evaluated: typed numbers (which conditions, computed
// values and every repeat item read) and answers inside the group.
if selected("stress") {
    let typed = stress.fields.filter { $0.isEditable && $0.group == nil && $0.type == .integer }
    let groupAmount = stress.fieldIndexByID["g_amount"]!
    var samples: [UInt64] = []
    var seed: UInt64 = 42
    for n in 0..<20_000 {
        seed = seed &* 6364136223846793005 &+ 1442695040888963407
        let r = Int(seed >> 33)
        let path = n % 5 == 4
            ? FieldPath(field: groupAmount, item: r % 200)
            : FieldPath(field: typed[r % typed.count].index)
        let raw = String(r % 40)
        let t = now()
        _ = state.set(path, raw: raw)
        samples.append(now() - t)
    }
    let change = percentiles(samples)
    figures.append(Figure(name: "one change re-evaluated, p50", value: change.p50 / 1000, unit: "µs", target: nil))
    figures.append(Figure(name: "one change re-evaluated, p99", value: change.p99 / 1000, unit: "µs", target: 200))
}

// 4. The input engine: Telex keys composed per second.
if selected("ime") {
    let telexLine = "Coongj hoaf xax hooij chur nghiax Vieetj Nam ddoocj laapj tuwj do hanhj phucs dangw kys khai sinh cho con "
    let keys = String(repeating: telexLine, count: 200)
    var composed = ""
    let imeMs = bestOf(5) { composed = VietnameseComposer.compose(keys, method: .telex, style: .old) }
    precondition(composed.hasPrefix("Cộng hòa xã hội chủ nghĩa Việt Nam"), "the engine composes: \(composed.prefix(60))")
    figures.append(Figure(name: "input engine, Telex", value: Double(keys.count) / (imeMs / 1000) / 1e6, unit: "M keys/s", target: nil, higherIsBetter: true))
}

// 5. The store. A fresh folder under the system's temporary folder.
let benchDir = NSTemporaryDirectory() + "kiosk-bench-\(getpid())"
try? FileManager.default.removeItem(atPath: benchDir)
defer { try? FileManager.default.removeItem(atPath: benchDir) }

/// The value, or a bench error saying what was missing.
func unwrapped<T>(_ value: T?, _ what: String = "the sample dossier") throws -> T {
    guard let value else { throw NSError(domain: "bench", code: 1, userInfo: [NSLocalizedDescriptionKey: "no \(what)"]) }
    return value
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("kiosk-bench: \(message)\n".utf8))
    exit(1)
}

if selected("store") {
    do {
        let store = try testStore(databasePath: benchDir + "/kiosk.sqlite", attachmentsPath: benchDir + "/attachments",
                                   stationID: "BENCH", retentionDays: 30)
        let draft = try store.createDraft(form: stress, verification: .pin("1234"))

        // A keystroke: one answer row upserted and committed (synchronous=NORMAL).
        var keystrokes: [UInt64] = []
        var text = ""
        for n in 0..<5_000 {
            text = n % 40 == 0 ? "" : text + "a"
            let t = now()
            try store.saveAnswer(draftID: draft.id, path: "f\(n % 97 * 4)", raw: "Nguyễn Văn " + text)
            keystrokes.append(now() - t)
        }
        let key = percentiles(keystrokes)
        figures.append(Figure(name: "store: one keystroke saved, p50", value: key.p50 / 1000, unit: "µs", target: nil))
        figures.append(Figure(name: "store: one keystroke saved, p99", value: key.p99 / 1e6, unit: "ms", target: 1))

        // Leaving a field: the answer and a full sync (fsync of the WAL).
        var fields: [UInt64] = []
        for n in 0..<300 {
            let t = now()
            try store.saveAnswer(draftID: draft.id, path: "f\(n % 97 * 4)", raw: "Trần Thị \(n)")
            try store.flush()
            fields.append(now() - t)
        }
        let field = percentiles(fields)
        figures.append(Figure(name: "store: field finished with full sync, p50", value: field.p50 / 1e6, unit: "ms", target: nil))
        figures.append(Figure(name: "store: field finished with full sync, p99", value: field.p99 / 1e6, unit: "ms", target: 10))

        // Opening a draft of the stress form with every answer given and its
        // 200 repeat items: read the rows, rebuild the state, evaluate.
        var full = FormState(form: stress)
        for _ in 0..<200 { _ = full.addItem(groupIndex) }
        for f in stress.fields where f.isEditable {
            if f.group == nil {
                full.set(FieldPath(field: f.index), raw: f.type == .integer ? "\(f.index % 30)" : "Giá trị \(f.index)")
            } else {
                for i in 0..<200 { full.set(FieldPath(field: f.index, item: i), raw: f.type == .integer ? "\(i)" : "Mục \(i)") }
            }
        }
        let big = try store.createDraft(form: stress, verification: .pin("1234"))
        try store.saveAnswers(draftID: big.id, full.typedAnswers.map { ($0.name, $0.raw) })
        var reopened: FormState?
        let openMs = bestOf(5) {
            guard let answers = try? store.answers(draftID: big.id) else { fail("cannot read the draft") }
            var s = FormState(form: stress)
            s.load(answers: answers)
            reopened = s
        }
        guard reopened?.typedAnswers.count == full.typedAnswers.count else { fail("the reopened draft differs") }
        figures.append(Figure(name: "store: open a stress-form draft (\(full.typedAnswers.count) answers)", value: openMs, unit: "ms", target: 20))

        // The vault (issue 15): unlocking at the start of the day, with the
        // station passphrase (Argon2id at the station's cost, the one a
        // kiosk uses) and with a key file; the worst of three.
        let vaultPath = benchDir + "/vault.sqlite", vaultFiles = benchDir + "/vault-attachments"
        try KioskStore(databasePath: vaultPath, attachmentsPath: vaultFiles, stationID: "BENCH", retentionDays: 30,
                       vault: .newPassphrase("mật khẩu của trạm", cost: .station)).addKeyFile(writeTestKeyFile(benchDir + "/bench.key"))
        var byPassphrase: [Double] = [], byKeyFile: [Double] = []
        for _ in 0..<3 {
            let locked = try KioskStore(databasePath: vaultPath, attachmentsPath: vaultFiles, stationID: "BENCH", retentionDays: 30)
            var t = now()
            try locked.unlock(.passphrase("mật khẩu của trạm"))
            byPassphrase.append(Double(now() - t) / 1e6)
            locked.lock()
            t = now()
            try locked.unlock(.keyFile(benchDir + "/bench.key"))
            byKeyFile.append(Double(now() - t) / 1e6)
            locked.lock()
        }
        figures.append(Figure(name: "vault: unlock with the passphrase (Argon2id, 3 passes, 256 MiB), worst of 3", value: byPassphrase.max()!, unit: "ms", target: 1000))
        figures.append(Figure(name: "vault: unlock with a key file, worst of 3", value: byKeyFile.max()!, unit: "ms", target: nil))

        // Bytes on disk per dossier: a thousand real birth registrations
        // (the sample answers of the tests), finalized as the kiosk does.
        let sample = "Tests/Fixtures/answers/dang-ky-khai-sinh.json"
        guard let birth = catalog.form(id: "dang-ky-khai-sinh"), let sampleData = FileManager.default.contents(atPath: sample) else {
            fail("needs Forms/dang-ky-khai-sinh.json and \(sample): run from the package root")
        }
        let (sampleAnswers, problems) = AnswerImport.read(Array(sampleData), for: birth)
        guard problems.isEmpty else { fail("\(sample): \(problems)") }
        var birthState = FormState(form: birth)
        birthState.load(answers: sampleAnswers)
        let perDossierStore = try testStore(databasePath: benchDir + "/dossiers.sqlite", attachmentsPath: benchDir + "/attachments",
                                             stationID: "BENCH", retentionDays: 30)
        try perDossierStore.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        func fileSize(_ path: String) -> Int { ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int) ?? 0 }
        let before = fileSize(benchDir + "/dossiers.sqlite")
        for _ in 0..<1000 { _ = try perDossierStore.finalize(form: birth, state: birthState, draftID: nil) }
        try perDossierStore.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        let perDossier = Double(fileSize(benchDir + "/dossiers.sqlite") - before) / 1000
        figures.append(Figure(name: "store: bytes on disk per birth-registration dossier", value: perDossier, unit: "bytes", target: nil))

        // Finalizing with a 200 KB scan attached: the document sealed and
        // written (fsynced, renamed), the answers sealed, the dossier
        // committed with a full sync.
        var scan = [UInt8](repeating: 0, count: 200 * 1024)
        var withDocument: [UInt64] = []
        for n in 0..<30 {
            for i in stride(from: 0, to: scan.count, by: 1024) { scan[i] = UInt8(truncatingIfNeeded: n &* 31 &+ i / 1024) }
            var s = birthState
            let t = now()
            let sha = try perDossierStore.storeDocument(scan, mediaType: "image/jpeg")
            _ = s.set("doc_gcs", "file:" + sha)
            _ = try perDossierStore.finalize(form: birth, state: s, draftID: nil)
            withDocument.append(now() - t)
        }
        figures.append(Figure(name: "store: finalize with a 200 KB document, p50", value: percentiles(withDocument).p50 / 1e6, unit: "ms", target: nil))
        figures.append(Figure(name: "store: finalize with a 200 KB document, worst of 30", value: Double(withDocument.max()!) / 1e6, unit: "ms", target: 50))

        // Lookups among a million dossiers, by official code and by submission
        // id. The rows are written straight into the table (answers left out:
        // they do not take part in these lookups).
        let million = try testStore(databasePath: benchDir + "/million.sqlite", attachmentsPath: benchDir + "/attachments",
                                     stationID: "BENCH", retentionDays: 30)
        try million.rememberForm(id: "f", version: "1", source: Array("{}".utf8))
        let count = 1_000_000
        func officialCode(_ n: Int) -> String { String(format: "000.00.%02d.H49-2%05d-%04d", n % 100, n / 10_000 % 100_000, n % 10_000) }
        func submissionID(_ n: Int) -> String { String(format: "00000000-0000-4000-8000-%012d", n) }
        try million.db.execute("BEGIN")
        let insert = try million.db.prepare("""
            INSERT INTO dossiers (submission_id, receipt_number, form_id, form_version, procedure_code, status, finalized_at, official_code, accepted_at)
            VALUES (?1, ?2, 'f', '1', '1.001193', 'accepted', ?3, ?4, ?3)
            """)
        for n in 0..<count {
            try insert.bind([.text(submissionID(n)), .text("B-\(n)"), .int(1_700_000_000 + n), .text(officialCode(n))])
            try insert.stepToEnd()
        }
        try million.db.execute("COMMIT")
        var byCode: [UInt64] = [], byID: [UInt64] = []
        for k in 0..<2_000 {
            let n = (k * 7_919) % count
            var t = now()
            guard try million.dossier(officialCode: officialCode(n))?.submissionID == submissionID(n) else { fail("lookup by code") }
            byCode.append(now() - t)
            t = now()
            guard try million.dossier(submissionID: submissionID(n))?.officialCode == officialCode(n) else { fail("lookup by id") }
            byID.append(now() - t)
        }
        figures.append(Figure(name: "store: find by dossier code among 1,000,000, p99", value: percentiles(byCode).p99 / 1e6, unit: "ms", target: 1))
        figures.append(Figure(name: "store: find by submission id among 1,000,000, p99", value: percentiles(byID).p99 / 1e6, unit: "ms", target: 1))
        if let p99 = try localAutofill(store: million, codes: officialCode, count: count, catalog: catalog) {
            figures.append(Figure(name: "autofill: from a local dossier among 1,000,000, p99", value: p99, unit: "ms", target: 5))
        }
    } catch {
        fail("store: \(error)")
    }
}

// 5b. Resuming: an unknown code and a wrong PIN cost the same.
if selected("resume") {
    do {
        guard let birth = catalog.form(id: "dang-ky-khai-sinh") else { fail("resume: no birth registration form") }
        try FileManager.default.createDirectory(atPath: benchDir, withIntermediateDirectories: true)
        let t = try resumeTimings(dir: benchDir, form: birth, rounds: 100)
        figures.append(Figure(name: "resume: unknown code, median", value: t.unknown, unit: "ms", target: nil))
        figures.append(Figure(name: "resume: real code, wrong PIN, median", value: t.wrongPIN, unit: "ms", target: nil))
        figures.append(Figure(name: "resume: unknown code / wrong PIN (median time)", value: t.unknown / t.wrongPIN, unit: "×", target: nil,
                              range: 0.9...1.1))
    } catch {
        fail("resume: \(error)")
    }
}

// 6. The screen. Frames of the real app, drawn headless.
if selected("screen") {
    do {
        let uiStore = try testStore(databasePath: benchDir + "/ui.sqlite", attachmentsPath: benchDir + "/attachments",
                                     stationID: "BENCH", retentionDays: 30)
        let context = AppContext(stationName: "Bưu điện huyện Lâm Hà", forms: catalog.forms + [stress], datasets: catalog.datasets)
        let runner = EffectRunner(store: uiStore, context: context, printerCommand: "", receiptsDirectory: benchDir + "/receipts")

        // Rendering and diffing a full 200x60 frame of a filled form page.
        guard let birth = catalog.form(id: "dang-ky-khai-sinh"), let sample = FileManager.default.contents(atPath: "Tests/Fixtures/answers/dang-ky-khai-sinh.json") else {
            fail("needs the birth registration form and its sample answers")
        }
        var birthState = FormState(form: birth)
        birthState.load(answers: AnswerImport.read(Array(sample), for: birth).answers)
        let birthDraft = try uiStore.createDraft(form: birth, verification: .pin("1234"))
        var big = AppState(context: context, width: 200, height: 60)
        var session = FormSession(form: birth, state: birthState, draft: DraftRef(birthDraft))
        session.page = 1
        big.page = .form(session)
        var previous = App.view(big)
        var frames: [UInt64] = []
        for n in 0..<2_000 {
            session.focus = n % 8
            big.page = .form(session)
            let t = now()
            let screen = App.view(big)
            _ = screen.changes(from: previous)
            frames.append(now() - t)
            previous = screen
        }
        let frame = percentiles(frames)
        figures.append(Figure(name: "screen: render and diff a 200x60 frame, p50", value: frame.p50 / 1e6, unit: "ms", target: nil))
        figures.append(Figure(name: "screen: render and diff a 200x60 frame, p99", value: frame.p99 / 1e6, unit: "ms", target: 2))

        // A keystroke on the stress form: update, autosave, evaluation, new Screen.
        let stressDraft = try uiStore.createDraft(form: stress, verification: .pin("1234"))
        var stressState = FormState(form: stress)
        for _ in 0..<200 { _ = stressState.addItem(groupIndex) }
        var app = HeadlessApp(state: AppState(context: context, width: 80, height: 24), runner: runner)
        var stressSession = FormSession(form: stress, state: stressState, draft: DraftRef(stressDraft))
        // Focus a typed number that conditions and computed values read.
        stressSession.focus = 0
        app.state.page = .form(stressSession)
        var keys: [UInt64] = []
        for n in 0..<3_000 {
            let key: Key = n % 4 == 3 ? .backspace : .text(String(n % 10))
            let t = now()
            app.send(.key(key))
            _ = app.screen
            keys.append(now() - t)
        }
        let keystroke = percentiles(keys)
        figures.append(Figure(name: "screen: keystroke to new Screen, stress form, p50", value: keystroke.p50 / 1e6, unit: "ms", target: nil))
        figures.append(Figure(name: "screen: keystroke to new Screen, stress form, p99", value: keystroke.p99 / 1e6, unit: "ms", target: 5))
    } catch {
        fail("screen: \(error)")
    }
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}

// 6b. The helper's keystrokes for the sample birth registration, from the
// welcome screen to the receipt: from scratch, and with the code of the
// parents' marriage dossier (a count, not a time; issue 13, section 9).
if selected("keys") {
    do {
        for fromMarriage in [false, true] {
            let dir = benchDir + "/keys-\(fromMarriage)"
            let store = try testStore(databasePath: dir + "/kiosk.sqlite", attachmentsPath: dir + "/attachments", stationID: "BENCH", retentionDays: 30)
            let context = AppContext(stationName: "Bưu điện huyện Lâm Hà", forms: catalog.forms, datasets: catalog.datasets,
                                     agencyCode: HelperKeystrokes.agencyCode)
            let runner = EffectRunner(store: store, context: context, printerCommand: "", receiptsDirectory: dir + "/receipts")
            let app = HeadlessApp(state: AppState(context: context, width: 80, height: 24), runner: runner)
            let run = try HelperKeystrokes.birthRegistration(app: app, store: store, catalog: catalog, fromMarriage: fromMarriage)
            figures.append(Figure(name: fromMarriage ? "keys: birth registration with the parents' marriage code, welcome to receipt"
                                                     : "keys: birth registration from scratch, welcome to receipt",
                                  value: Double(run.keys), unit: "keys",
                                  target: Double(fromMarriage ? HelperKeystrokes.targetWithMarriage : HelperKeystrokes.targetFromScratch)))
        }
        // With the three people's cards scanned (issue 17), a scan one key.
        let dir = benchDir + "/keys-cards"
        let store = try testStore(databasePath: dir + "/kiosk.sqlite", attachmentsPath: dir + "/attachments", stationID: "BENCH", retentionDays: 30)
        let context = AppContext(stationName: "Bưu điện huyện Lâm Hà", forms: catalog.forms, datasets: catalog.datasets,
                                 agencyCode: HelperKeystrokes.agencyCode)
        let runner = EffectRunner(store: store, context: context, printerCommand: "", receiptsDirectory: dir + "/receipts")
        let run = try HelperKeystrokes.birthRegistrationWithCards(app: HeadlessApp(state: AppState(context: context, width: 80, height: 24), runner: runner),
                                                                  catalog: catalog)
        figures.append(Figure(name: "keys: birth registration with three card scans, welcome to receipt", value: Double(run.keys), unit: "keys",
                              target: Double(HelperKeystrokes.targetWithCards)))

        // From a scan's last byte (its Enter) to the filled screen, on the
        // mother's page: parse, fill, autosave, draw.
        guard let birth = catalog.form(id: "dang-ky-khai-sinh"), let motherPage = birth.pages.firstIndex(where: { $0.id == "mother" }) else { throw BenchError("no birth form") }
        let payload = "068195012873|250123456|Nguyễn Thị Thu Hà|05071995|Nữ|Thôn 3, Xã Tân Hà, Huyện Lâm Hà, Lâm Đồng|12032021"
        var latencies: [UInt64] = []
        for _ in 0..<200 {
            let draft = try store.createDraft(form: birth, verification: .pin("1234"))
            var session = FormSession(form: birth, state: FormState(form: birth), draft: DraftRef(draft))
            session.page = motherPage
            var app = HeadlessApp(state: AppState(context: context, width: 80, height: 24), runner: runner)
            app.state.page = .form(session)
            _ = app.screen
            // The scan as the terminal gives it once its Enter arrived.
            let t = now()
            app.send(.scan(ScanPayload(payload)))
            _ = app.screen
            latencies.append(now() - t)
            guard case .form(let f) = app.state.page, f.state.raw(FieldPath(field: birth.fieldIndexByID["mother_id_number"]!)) == "068195012873" else {
                throw BenchError("the scan filled nothing")
            }
        }
        let scan = percentiles(latencies)
        figures.append(Figure(name: "scan: card's last byte to filled screen, p99", value: scan.p99 / 1e6, unit: "ms", target: 20))
    } catch {
        fail("keys: \(error)")
    }
}

// 7. In a pseudo-terminal, side by side with dialog(1) showing a 10-field form.
func ptyCase(_ name: String, _ argv: [String], marker: String, key: [UInt8], env: [String: String]) -> (first: Double, p50: Double, p99: Double, rss: Double)? {
    var firsts: [UInt64] = [], latencies: [UInt64] = []
    var rss = 0.0
    for _ in 0..<5 {
        guard var run = PtyRun.start(argv, environment: env) else { return nil }
        defer { run.stop() }
        guard let first = run.waitForFrame(containing: marker) else { return nil }
        firsts.append(first)
        // Keys once the program has settled (the kiosk loads its forms
        // after the first frame).
        usleep(300_000)
        while run.read(timeout: 0.05) > 0 {}
        for _ in 0..<40 { if let l = run.keyLatency(key) { latencies.append(l) } }
        rss = max(rss, run.residentMB ?? 0)
    }
    guard !latencies.isEmpty else { return nil }
    let l = percentiles(latencies)
    return (Double(firsts.min()!) / 1e6, l.p50 / 1e6, l.p99 / 1e6, rss)
}

if selected("pty") {
    let ptyEnv = ["TERM": "xterm-256color", "LANG": "C.UTF-8", "PATH": "/usr/bin:/bin", "HOME": benchDir]
    if FileManager.default.isExecutableFile(atPath: kioskBinary) {
        let conf = benchDir + "/pty.conf"
        try? FileManager.default.createDirectory(atPath: benchDir, withIntermediateDirectories: true)
        try? """
        [storage]
        database = \(benchDir)/pty.sqlite
        attachments = \(benchDir)/attachments
        [forms]
        directory = \(FileManager.default.currentDirectoryPath)/\(formsDir)
        [security]
        key_file = \(writeTestKeyFile(benchDir + "/pty.key"))
        """.write(toFile: conf, atomically: true, encoding: .utf8)
        let kiosk = ptyCase("kiosk", [kioskBinary, "--config", conf], marker: "Xin ch", key: Array("\u{1B}OB".utf8), env: ptyEnv)
        var dialogArgs = ["/usr/bin/dialog", "--form", "To khai", "22", "70", "12"]
        for i in 1...10 { dialogArgs += ["Truong \(i):", "\(i)", "1", "", "\(i)", "14", "40", "0"] }
        let dialog = FileManager.default.isExecutableFile(atPath: "/usr/bin/dialog")
            ? ptyCase("dialog", dialogArgs, marker: "Truong 8", key: Array("\u{1B}OB".utf8), env: ptyEnv) : nil
        if let k = kiosk {
            let target = dialog.map { min(150, 2 * $0.first) } ?? 150
            figures.append(Figure(name: "pty: kiosk first frame (\((kioskBinary as NSString).lastPathComponent), best of 5)", value: k.first, unit: "ms", target: target))
            figures.append(Figure(name: "pty: kiosk key answered, p50", value: k.p50, unit: "ms", target: nil))
            figures.append(Figure(name: "pty: kiosk key answered, p99", value: k.p99, unit: "ms", target: nil))
            figures.append(Figure(name: "pty: kiosk resident memory", value: k.rss, unit: "MB", target: 60))
        } else {
            figures.append(Figure(name: "pty: kiosk did not draw its first frame", value: 0, unit: "", target: nil))
        }
        if let d = dialog {
            figures.append(Figure(name: "pty: dialog --form (10 fields) first frame", value: d.first, unit: "ms", target: nil))
            figures.append(Figure(name: "pty: dialog key answered, p50", value: d.p50, unit: "ms", target: nil))
            figures.append(Figure(name: "pty: dialog resident memory", value: d.rss, unit: "MB", target: nil))
        }
    } else {
        FileHandle.standardError.write(Data("kiosk-bench: no kiosk binary at \(kioskBinary); build it with swift build -c release --static-swift-stdlib --scratch-path /tmp/static-build, or pass --kiosk PATH\n".utf8))
    }
}

// 8. Sync: dossiers drained to the reference server over https on loopback,
// beside curl on one kept-alive TLS connection; then the same through a proxy
// adding 150 ms each way.
if selected("sync") {
    if let server = BenchServer(tls: true), let birth = catalog.form(id: "dang-ky-khai-sinh"),
       let sample = FileManager.default.contents(atPath: "Tests/Fixtures/answers/dang-ky-khai-sinh.json") {
        defer { server.stop() }
        let answers = AnswerImport.read(Array(sample), for: birth).answers
        do {
            if let p99 = try serverAutofill(server: server, dir: benchDir, catalog: catalog) {
                figures.append(Figure(name: "autofill: from the reference server over loopback, p99", value: p99, unit: "ms", target: 50))
            }
            // The envelope curl sends: the one the station builds for the sample dossier.
            let sampleStore = try storeToDrain(dir: benchDir, name: "sample", form: birth, answers: answers, count: 1, documents: false)
            let sample = try unwrapped(try sampleStore.dueOutbox(limit: 1).first.flatMap { try sampleStore.dossier(submissionID: $0.submissionID) })
            let envelope = Envelope.make(dossier: sample, form: birth, answers: try sampleStore.dossierAnswers(id: sample.id), documents: [],
                                         settings: server.settings)

            // 1. https on loopback. Ours and curl's in alternating rounds, the
            // best of each: a busy neighbour should not decide the ratio.
            var plain = (rate: 0.0, bytes: 0.0, connections: 0), withDocs = plain, curl: Double?
            var unsealed = 0.0, unsealedDocs = 0.0
            for round in 0..<5 {
                let store = try storeToDrain(dir: benchDir, name: "plain-\(round)", form: birth, answers: answers, count: 400, documents: false)
                let p = try syncRate(store: store, settings: server.settings, datasets: catalog.datasets)
                if p.rate > plain.rate { plain = p }
                // The same dossiers unsealed, as before sealing (SealBench.swift).
                let open = try storeToDrain(dir: benchDir, name: "unsealed-\(round)", form: birth, answers: answers, count: 400, documents: false, sealed: false)
                unsealed = max(unsealed, try unsealedRate(store: open, form: birth, settings: server.settings))
                let openDocs = try storeToDrain(dir: benchDir, name: "unsealed-docs-\(round)", form: birth, answers: answers, count: 150, documents: true, sealed: false)
                unsealedDocs = max(unsealedDocs, try unsealedRate(store: openDocs, form: birth, settings: server.settings))
                if let c = curlRate(baseURL: server.url, server: server, dir: benchDir, envelope: envelope, count: 400) { curl = max(curl ?? 0, c) }
                let docs = try storeToDrain(dir: benchDir, name: "docs-\(round)", form: birth, answers: answers, count: 150, documents: true)
                let w = try syncRate(store: docs, settings: server.settings, datasets: catalog.datasets)
                if w.rate > withDocs.rate { withDocs = w }
            }
            figures.append(Figure(name: "sync https: dossiers per second, no documents (best of 5)", value: plain.rate, unit: "/s", target: 200, higherIsBetter: true))
            figures.append(Figure(name: "sync https: TLS connections opened for 400 dossiers", value: Double(plain.connections), unit: "", target: 1))
            figures.append(Figure(name: "sync https: HTTP bytes per dossier (heads and bodies, both ways)", value: plain.bytes, unit: "bytes", target: nil))
            figures.append(Figure(name: "sync https: dossiers per second, one 20 KB document each", value: withDocs.rate, unit: "/s", target: nil))
            figures.append(Figure(name: "sync https: unsealed, dossiers per second, no documents (best of 5)", value: unsealed, unit: "/s", target: nil))
            figures.append(Figure(name: "sync https: sealed rate / unsealed rate, no documents", value: plain.rate / unsealed, unit: "×", target: 0.9, higherIsBetter: true))
            figures.append(Figure(name: "sync https: unsealed, dossiers per second, one 20 KB document each", value: unsealedDocs, unit: "/s", target: nil))
            figures.append(Figure(name: "sync https: sealed rate / unsealed rate, one 20 KB document each", value: withDocs.rate / unsealedDocs, unit: "×", target: 0.9, higherIsBetter: true))
            let sealedFinalize = try finalizeWithDocument(dir: benchDir, name: "finalize-sealed", form: birth, answers: answers, key: benchSealKey)
            let plainFinalize = try finalizeWithDocument(dir: benchDir, name: "finalize-unsealed", form: birth, answers: answers, key: nil)
            figures.append(Figure(name: "finalize with a 200 KB document, sealed, p50", value: sealedFinalize.p50, unit: "ms", target: nil))
            figures.append(Figure(name: "finalize with a 200 KB document, sealed, p99", value: sealedFinalize.p99, unit: "ms", target: 50))
            figures.append(Figure(name: "finalize with a 200 KB document, unsealed, p50", value: plainFinalize.p50, unit: "ms", target: nil))
            figures.append(Figure(name: "finalize with a 200 KB document, unsealed, p99", value: plainFinalize.p99, unit: "ms", target: nil))
            if let curl {
                figures.append(Figure(name: "sync https: curl, same envelopes, one kept-alive TLS connection (best of 5)", value: curl, unit: "/s", target: nil))
                figures.append(Figure(name: "sync https: kiosk rate / curl rate", value: plain.rate / curl, unit: "×", target: 0.7, higherIsBetter: true))
            }

            // 2. The same through 150 ms each way (a round trip of 300 ms):
            // what a handshake per request would cost shows here.
            let delayed = 20
            if let proxy = LatencyProxy(target: server.port, delayMs: 150, dir: benchDir) {
                let store = try storeToDrain(dir: benchDir, name: "delayed", form: birth, answers: answers, count: delayed, documents: false)
                let k = try syncRate(store: store, settings: server.settings(through: proxy), datasets: catalog.datasets)
                let kioskWire = proxy.stop()
                if let curlProxy = LatencyProxy(target: server.port, delayMs: 150, dir: benchDir) {
                    let c = curlRate(baseURL: curlProxy.url, server: server, dir: benchDir, envelope: envelope, count: delayed)
                    let curlWire = curlProxy.stop()
                    figures.append(Figure(name: "sync https +150 ms each way: dossiers per second (\(delayed))", value: k.rate, unit: "/s", target: nil))
                    if let kioskWire {
                        figures.append(Figure(name: "sync https +150 ms: kiosk bytes on the wire per dossier (TLS included)", value: Double(kioskWire.bytes) / Double(delayed), unit: "bytes", target: nil))
                        figures.append(Figure(name: "sync https +150 ms: kiosk TCP connections", value: Double(kioskWire.connections), unit: "", target: 1))
                    }
                    if let c {
                        figures.append(Figure(name: "sync https +150 ms: curl, one kept-alive TLS connection", value: c, unit: "/s", target: nil))
                        figures.append(Figure(name: "sync https +150 ms: kiosk rate / curl rate", value: k.rate / c, unit: "×", target: 0.7, higherIsBetter: true))
                    }
                    if let curlWire {
                        figures.append(Figure(name: "sync https +150 ms: curl bytes on the wire per dossier (TLS included)", value: Double(curlWire.bytes) / Double(delayed), unit: "bytes", target: nil))
                    }
                    // For comparison: a TCP and TLS handshake per request (Connection: close).
                    if let closing = LatencyProxy(target: server.port, delayMs: 150, dir: benchDir) {
                        let perRequest = 10
                        if let r = curlRate(baseURL: closing.url, server: server, dir: benchDir, envelope: envelope, count: perRequest, reuse: false) {
                            let wire = closing.stop()
                            figures.append(Figure(name: "sync https +150 ms: curl, a new TLS connection per request (\(perRequest))", value: r, unit: "/s", target: nil))
                            if let wire {
                                figures.append(Figure(name: "sync https +150 ms: same, bytes on the wire per dossier", value: Double(wire.bytes) / Double(perRequest), unit: "bytes", target: nil))
                            }
                        } else {
                            _ = closing.stop()
                        }
                    }
                }
            } else {
                FileHandle.standardError.write(Data("kiosk-bench: the latency proxy (Tools/provincial-server/latency_proxy.py) did not start; its cases skipped\n".utf8))
            }
        } catch {
            figures.append(Figure(name: "sync: failed (\(error.localizedDescription))", value: 0, unit: "", target: nil))
        }
    } else {
        FileHandle.standardError.write(Data("kiosk-bench: the reference server (python3 Tools/provincial-server/server.py) did not start; sync cases skipped\n".utf8))
    }
}

// 9. Upload on a bad line: a 2 MB document cut at 90 % (ResumeUploadBench.swift).
if selected("upload"), let birth = catalog.form(id: "dang-ky-khai-sinh"),
   let sample = FileManager.default.contents(atPath: "Tests/Fixtures/answers/dang-ky-khai-sinh.json") {
    do {
        figures += try resumeUploadFigures(dir: benchDir, form: birth, answers: AnswerImport.read(Array(sample), for: birth).answers,
                                           datasets: catalog.datasets)
    } catch {
        figures.append(Figure(name: "upload: failed (\(error))", value: 0, unit: "", target: nil))
    }
}

// 10. Documents at the desk (issue 18): SANE's test backend, a text-like page.
if selected("documents") {
    do {
        figures += try documentFigures(dir: benchDir)
    } catch {
        figures.append(Figure(name: "documents: failed (\(error))", value: 0, unit: "", target: nil))
    }
}

// Resident memory at the end (Linux: VmRSS of /proc/self/status).
if let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
   let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
   let kb = Double(line.split(separator: " ").dropFirst().first ?? "") {
    figures.append(Figure(name: "resident memory after all cases", value: kb / 1024, unit: "MB", target: nil))
}

// The table.
let nameWidth = figures.map(\.name.count).max() ?? 0
print("kiosk-bench (\(ProcessInfo.processInfo.processorCount) cores)")
for f in figures {
    let value = String(format: "%10.3f", f.value)
    let target = f.range.map { String(format: "%g–%g", $0.lowerBound, $0.upperBound) }
        ?? f.target.map { String(format: "%@ %g", f.higherIsBetter ? "≥" : "≤", $0) } ?? ""
    print("\(f.name.padding(toLength: nameWidth, withPad: " ", startingAt: 0))  \(value) \(f.unit.padding(toLength: 8, withPad: " ", startingAt: 0)) \(target.padding(toLength: 8, withPad: " ", startingAt: 0)) \(f.verdict)")
}

if let jsonPath {
    let object: [[String: Any]] = figures.map { f in
        var o: [String: Any] = ["name": f.name, "value": f.value, "unit": f.unit]
        if let t = f.target { o["target"] = t; o["met"] = f.verdict == "ok" }
        if let r = f.range { o["target"] = [r.lowerBound, r.upperBound]; o["met"] = f.verdict == "ok" }
        return o
    }
    do {
        let data = try JSONSerialization.data(withJSONObject: ["figures": object], options: [.prettyPrinted, .sortedKeys])
        try data.write(to: URL(fileURLWithPath: jsonPath))
    } catch {
        FileHandle.standardError.write(Data("kiosk-bench: cannot write \(jsonPath): \(error.localizedDescription)\n".utf8))
        exit(1)
    }
}

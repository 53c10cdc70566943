import Foundation
import KioskCore
import KioskRuntime
import KioskStore

/// Shortens paths under the current folder for messages.
func displayPath(_ path: String) -> String {
    let cwd = FileManager.default.currentDirectoryPath
    return path.hasPrefix(cwd + "/") ? String(path.dropFirst(cwd.count + 1)) : path
}

/// Reads the configuration: --config, else ./kiosk.conf, else (the kiosk
/// installed by its package) /etc/kiosk/kiosk.conf, else the defaults.
func loadConfig(_ inv: Invocation) -> (KioskConfig, Language)? {
    let language = inv.language ?? .vi
    guard let path = configPathToRead(inv) else {
        // No file: the defaults, with what enrolment wrote.
        do {
            let (config, warnings) = try KioskConfig(baseDirectory: FileManager.default.currentDirectoryPath).withEnrolment()
            for w in warnings { printError(w.text(inv.language ?? config.language)) }
            return (config, inv.language ?? config.language)
        } catch {
            for d in error.diagnostics { printError(d.text(language)) }
            return nil
        }
    }
    do {
        let (config, warnings) = try KioskConfig.load(path: path)
        let lang = inv.language ?? config.language
        for w in warnings { printError(w.text(lang)) }
        return (config, lang)
    } catch {
        for d in error.diagnostics { printError(d.text(language)) }
        return nil
    }
}

/// "1 error", "2 errors" (Vietnamese has no plural: the callers say "lỗi").
func counted(_ n: Int, _ one: String, _ many: String) -> String {
    "\(n) " + (n == 1 ? one : many)
}

func formsCheck(_ inv: Invocation, config: KioskConfig, language: Language) -> ExitCode {
    let dir = inv.words.count > 2 ? inv.words[2] : config.formsPath
    let catalog = FormCatalog.load(directory: dir)
    // The kiosk's own reference tables (datasets/reference/), read here
    // although the kiosk reads them only when first needed.
    let references = DatasetCatalog.checkReferences(directory: (dir as NSString).appendingPathComponent("datasets"))
    for d in catalog.diagnostics + references {
        var shown = d
        shown.file = displayPath(d.file)
        print(shown.text(language))
    }
    let errors = catalog.errors.count + references.filter(\.isError).count
    let warnings = catalog.diagnostics.count + references.count - errors
    let datasets = catalog.datasets.datasets.count
    if errors == 0 {
        print(language == .vi
            ? "\(catalog.forms.count) biểu mẫu, \(datasets) bộ dữ liệu: hợp lệ" + (warnings > 0 ? " (\(warnings) cảnh báo)" : "")
            : counted(catalog.forms.count, "form", "forms") + ", " + counted(datasets, "dataset", "datasets") + ": valid"
                + (warnings > 0 ? " (" + counted(warnings, "warning", "warnings") + ")" : ""))
        return .success
    }
    print(language == .vi ? "\(errors) lỗi; biểu mẫu có lỗi sẽ không được dùng" : counted(errors, "error", "errors") + "; forms with errors will not be used")
    return .failure
}

func formsList(config: KioskConfig, language: Language) -> ExitCode {
    let catalog = FormCatalog.load(directory: config.formsPath)
    for form in catalog.forms.sorted(by: { $0.procedure.code < $1.procedure.code }) {
        let code = form.procedure.code.padding(toLength: 10, withPad: " ", startingAt: 0)
        let version = form.version.padding(toLength: 8, withPad: " ", startingAt: 0)
        print("\(code) \(version) \(form.procedure.title.text(language))")
    }
    if !catalog.errors.isEmpty {
        printError(language == .vi
            ? "\(catalog.errors.count) lỗi trong biểu mẫu; chạy “kiosk forms check” để xem"
            : counted(catalog.errors.count, "error", "errors") + " in the forms; run “kiosk forms check” to see them")
        return .failure
    }
    return .success
}

func ime(_ inv: Invocation, config: KioskConfig) throws(UsageError) -> ExitCode {
    var method = config.inputMethod
    var style = config.toneStyle
    if let m = inv.flags["--method"] {
        guard let v = InputMethodKind(rawValue: m) else { throw UsageError(message: "--method takes telex, vni or off") }
        method = v
    }
    if let s = inv.flags["--style"] {
        guard let v = ToneStyle(rawValue: s) else { throw UsageError(message: "--style takes old or modern") }
        style = v
    }
    while let line = readLine(strippingNewline: true) {
        // Written unbuffered, so a script reading `kiosk ime` through a pipe
        // sees each answer as soon as its line is composed.
        FileHandle.standardOutput.write(Data((VietnameseComposer.compose(line, method: method, style: style) + "\n").utf8))
    }
    return .success
}

/// Starting the kiosk opens the store (erasing personal data past its
/// retention period, as every start does), then runs the terminal UI, or,
/// when not at a terminal, shows what the station would run with.
func runKiosk(config: KioskConfig, language: Language) -> ExitCode {
    // At a terminal: the kiosk itself, which opens the store after its
    // first frame. Otherwise (a pipe, a service log): what the station
    // would run with.
    if isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1 {
        return runTerminal(config: config, language: language)
    }
    guard let store = openStore(config, language: language) else { return .failure }
    do {
        try store.purge()
    } catch {
        printError("kiosk: " + error.userMessage.text(language))
        return .failure
    }
    let catalog = FormCatalog.load(directory: config.formsPath)
    let vi = language == .vi
    print("Một Cửa kiosk \(kioskVersion)")
    print((vi ? "Trạm:          " : "Station:       ") + "\(config.stationName) (\(config.stationID), \(config.agencyCode))")
    print((vi ? "Máy chủ:       " : "Server:        ") + config.serverURL)
    print((vi ? "Cơ sở dữ liệu: " : "Database:      ") + displayPath(config.databasePath))
    print((vi ? "Biểu mẫu:      " : "Forms:         ") + "\(catalog.forms.count) — \(displayPath(config.formsPath))")
    for form in catalog.forms.sorted(by: { $0.procedure.code < $1.procedure.code }) {
        print("  \(form.procedure.code)  \(form.procedure.title.text(language))")
    }
    if !catalog.errors.isEmpty {
        print(vi ? "\(catalog.errors.count) lỗi trong biểu mẫu (kiosk forms check)" : counted(catalog.errors.count, "error", "errors") + " in the forms (kiosk forms check)")
    }
    print((vi ? "Bộ gõ:         " : "Input:         ") + "\(config.inputMethod.rawValue), \(config.toneStyle.rawValue)")
    if let s = try? store.status() {
        print((vi ? "Hồ sơ:         " : "Dossiers:      ")
            + (vi ? "\(s.drafts) đang làm dở, \(s.queued) chờ gửi, \(s.needsAttention) cần xử lý"
                  : "\(s.drafts) drafts, \(s.queued) waiting to be sent, \(s.needsAttention) need attention"))
    }
    print(vi ? "(Không phải cửa sổ dòng lệnh tương tác: chạy “swift run kiosk” trong một terminal để mở kiosk.)"
             : "(Not an interactive terminal: run “swift run kiosk” in a terminal to open the kiosk.)")
    if let reason = catalog.noFormsReason {
        printError((vi ? "kiosk: trạm này không có biểu mẫu nào để làm hồ sơ: " : "kiosk: this station has no forms to make dossiers with: ") + reason.text(language))
        return .failure
    }
    return .success
}

/// `kiosk sync` and `kiosk lookup` are done by kiosk-sync, which holds the
/// network stack; its exit code is passed on. `input` (a secret) goes to
/// its standard input, never into its arguments.
/// Where receipts and resume slips are saved when no printer prints them:
/// `receipts/` beside the database.
func receiptsDirectory(_ config: KioskConfig) -> String {
    ((config.databasePath as NSString).deletingLastPathComponent as NSString).appendingPathComponent("receipts")
}

func runSyncTool(_ args: [String], input: String? = nil, config: KioskConfig, language: Language) -> ExitCode {
    guard let tool = siblingExecutable("kiosk-sync") else {
        printError(language == .vi ? "kiosk: không thấy chương trình kiosk-sync bên cạnh kiosk (chạy swift build)"
                                   : "kiosk: kiosk-sync is missing beside kiosk (run swift build)")
        return .failure
    }
    // Through ChildProcess, not Foundation's Process: every signal at its
    // default in the child. A few bytes of input, far below a pipe's buffer.
    let arguments = (config.sourcePath.map { ["--config", $0] } ?? []) + ["--lang", language.rawValue] + args
    let result = ChildProcess.run(tool, [tool] + arguments, input: input.map { Array(($0 + "\n").utf8) }, output: .inherit)
    return result.exitStatus.flatMap { ExitCode(rawValue: $0) } ?? .failure
}

/// `kiosk lookup CODE`: the verification (an id number or phone given in
/// the dossier) is asked for, or read from standard input, and passed to
/// kiosk-sync through a pipe: on a command line every user of the machine
/// could read it.
func lookup(code: String, config: KioskConfig, language: Language) -> ExitCode {
    let vi = language == .vi
    // A malformed code is said before anyone types a verification for it.
    // The official code, or the receipt number printed before it came.
    if case .failure(let e) = DossierReference.parse(code) {
        printError("kiosk: " + e.message.text(language))
        return .failure
    }
    guard let verification = readSecret(prompt: vi
        ? "Số định danh hoặc số điện thoại của người nộp hồ sơ (không hiện khi gõ): "
        : "Id number or phone of whoever filed the dossier (not shown as you type): ") else {
        printError(vi ? "kiosk: chưa có thông tin xác minh: cần số định danh hoặc số điện thoại của người nộp hồ sơ (được hỏi khi chạy trong terminal, nếu không thì là dòng đầu của đầu vào chuẩn)"
                      : "kiosk: no verification given: the id number or phone of whoever filed the dossier is needed (asked for at a terminal, else the first line of standard input)")
        return .failure
    }
    return runSyncTool(["lookup", code], input: verification, config: config, language: language)
}

func main() -> ExitCode {
    // A printer command that exits without reading its input must not kill
    // the kiosk: a broken pipe is an error to handle, not a signal.
    signal(SIGPIPE, SIG_IGN)
    // The data key and what it opens stay in this process's memory: no core
    // dump, and not dumpable by other processes of the same user.
    ProcessHardening.disableCoreDumps()
    let inv: Invocation
    do {
        inv = try Invocation.parse(Array(CommandLine.arguments.dropFirst()))
    } catch {
        printError("kiosk: \(error.message)\n\n\(usage)")
        return .usage
    }
    if inv.switches.contains("--help") { print(usage); return .success }
    if inv.switches.contains("--version") { print("kiosk \(kioskVersion)"); return .success }
    // Command-specific flags are only accepted by their command.
    let misplaced = inv.misplacedFlags
    if !misplaced.isEmpty {
        printError("kiosk: \(misplaced.joined(separator: ", ")) does not apply here\n\n\(usage)")
        return .usage
    }
    // Doctor reads the configuration itself: a broken one is one of its findings.
    if inv.words == ["doctor"] { return doctor(inv) }
    guard let (config, language) = loadConfig(inv) else { return .failure }
    if let flag = inv.refusedSecrets.first, let why = Invocation.secretFlags[flag] {
        printError("kiosk: " + why.text(language) + "\n\n\(usage)")
        return .usage
    }
    do throws(UsageError) {
        switch inv.words.first {
        case nil:
            return runKiosk(config: config, language: language)
        case "forms":
            switch inv.words.dropFirst().first {
            case "check" where inv.words.count <= 3: return formsCheck(inv, config: config, language: language)
            case "list" where inv.words.count == 2: return formsList(config: config, language: language)
            case "update" where inv.words.count == 2: return runSyncTool(["forms-update"], config: config, language: language)
            default: throw UsageError(message: "usage: kiosk forms check [DIR] | kiosk forms list | kiosk forms update")
            }
        case "ime" where inv.words.count == 1:
            return try ime(inv, config: config)
        case "fill":
            return try fill(inv, config: config, language: language)
        case "drafts" where inv.words.count == 1:
            return drafts(config: config, language: language)
        case "status" where inv.words.count == 1:
            return status(inv, config: config, language: language)
        case "purge" where inv.words.count == 1:
            return purge(config: config, language: language)
        case "sync" where inv.words.count == 1:
            let code = runSyncTool(inv.switches.contains("--now") ? ["once", "--now"] : ["once"], config: config, language: language)
            // Receipts saved while their dossiers waited: final now, for those accepted.
            // (The key file opens them; without one they wait for the kiosk.)
            if FileManager.default.fileExists(atPath: config.databasePath), let keyFile = config.keyFilePath,
               let store = openStore(config, language: language, readOnly: true, vault: .keyFile(keyFile)), !store.isLocked {
                ReceiptFiles.finishPending(in: receiptsDirectory(config), store: store)
            }
            return code
        case "operator":
            return try operatorCommand(inv, config: config, language: language)
        case "stats" where inv.words.count == 1:
            return try stats(inv, config: config, language: language)
        case "enroll":
            guard inv.words.count == 3 else { throw UsageError(message: "usage: kiosk enroll URL CODE") }
            // The code goes to kiosk-sync through a pipe, not on its command line.
            return runSyncTool(["enroll", inv.words[1]], input: inv.words[2], config: config, language: language)
        case "passphrase" where inv.words.count == 1:
            return passphrase(config: config, language: language)
        case "receipt" where inv.words.count == 2:
            return receipt(path: inv.words[1], config: config, language: language)
        case "lookup":
            guard inv.words.count == 2 else {
                throw UsageError(message: "usage: kiosk lookup DOSSIER-CODE (the id number or phone is asked for, or read from stdin)")
            }
            return lookup(code: inv.words[1], config: config, language: language)
        default:
            throw UsageError(message: "unknown command: \(inv.words.joined(separator: " "))")
        }
    } catch {
        printError("kiosk: \(error.message)\n\n\(usage)")
        return .usage
    }
}

exit(main().rawValue)

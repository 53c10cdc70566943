import Foundation
import KioskCore
import KioskStore
import KioskSync

// kiosk-sync: the uploads to the provincial server, in a process of its own.
// The kiosk runs it beside its UI (`watch`) and for `kiosk sync` and
// `kiosk lookup`. Apart so that the network stack (libcurl and its TLS
// libraries) neither slows the kiosk's first frame
// nor can freeze a keystroke.


let usage = "usage: kiosk-sync [--config PATH] [--lang vi|en] once [--now] | watch [--key-fd] | lookup CODE (the verification on stdin) | enroll URL (the code on stdin) | forms-update | doctor"
let parser = ArgumentParser(valueFlags: ["--config", "--lang"], plainFlags: ["--now", "--key-fd"], secretFlags: ["--verify": { _, _ in true }])
let arguments: ArgumentParser.Parsed
do {
    arguments = try parser.parse(Array(CommandLine.arguments.dropFirst()))
} catch {
    printError("kiosk-sync: \(error.message)\n\(usage)")
    exit(2)
}
if !arguments.refusedSecrets.isEmpty {
    // Every user of the machine reads a command line (ps).
    printError("kiosk-sync: --verify is no longer accepted: a verification on the command line can be read by every user of this machine (ps); lookup reads it from standard input")
    exit(2)
}
let configPath = arguments.values["--config"] ?? "kiosk.conf"
let language = arguments.values["--lang"].flatMap(Language.init(rawValue:))
let now = arguments.switches.contains("--now")
let words = arguments.words

let config: KioskConfig
do {
    config = FileManager.default.fileExists(atPath: configPath)
        ? try KioskConfig.load(path: configPath).0
        : try KioskConfig(baseDirectory: FileManager.default.currentDirectoryPath).withEnrolment().0
} catch {
    for d in error.diagnostics { printError(d.text(language ?? .vi)) }
    exit(1)
}
let lang = language ?? config.language
// It may hold the station's data key: no core dump, not dumpable.
ProcessHardening.disableCoreDumps()

/// How this worker gets the data key: from the kiosk that started it
/// (`--key-fd`: a pipe as fd 3, see SyncWorker), else the station's key
/// file; else it stays locked (it uploads nothing it cannot read, and never
/// marks a dossier it could not read as refused).
func workerVault(_ config: KioskConfig) -> VaultAccess {
    var info = stat()
    if arguments.switches.contains("--key-fd"), fstat(3, &info) == 0, (info.st_mode & S_IFMT) == S_IFIFO, let key = DataKey.read(from: 3) {
        close(3)
        return .key(key)
    }
    if let path = config.keyFilePath { return .keyFile(path) }
    return .locked
}

switch words.first {
case "once" where words.count == 1:
    exit(syncOnce(config: config, language: lang, now: now))
case "enroll" where words.count == 2:
    // The one-time code comes through a pipe, never on this command line.
    guard let code = readLine(strippingNewline: true)?.trimmingCharacters(in: .whitespacesAndNewlines), !code.isEmpty else {
        printError(lang == .vi ? "kiosk-sync: chưa có mã đăng ký trên đầu vào chuẩn" : "kiosk-sync: no enrolment code on standard input")
        exit(1)
    }
    exit(enroll(url: words[1], code: code, config: config, language: lang))
case "forms-update" where words.count == 1:
    exit(formsUpdate(config: config, language: lang))
case "watch" where words.count == 1:
    exit(watch(config: config))
case "doctor" where words.count == 1:
    exit(ServerDoctor.run(config: config, language: lang))
case "lookup" where words.count == 2:
    // From the kiosk, through a pipe: the first line of standard input.
    guard isatty(STDIN_FILENO) == 0 else {
        printError("kiosk-sync: lookup reads the verification from its standard input (a pipe); at a terminal run “kiosk lookup \(words[1])”")
        exit(2)
    }
    guard let verify = readLine(strippingNewline: true)?.trimmingCharacters(in: .whitespacesAndNewlines), !verify.isEmpty else {
        printError(lang == .vi ? "kiosk-sync: chưa có thông tin xác minh trên đầu vào chuẩn" : "kiosk-sync: no verification on standard input")
        exit(1)
    }
    exit(lookup(code: words[1], verify: verify, config: config, language: lang))
default:
    printError(usage)
    exit(2)
}

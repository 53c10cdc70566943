import Foundation
import KioskCore

/// Exit codes: 0 success, 1 the command failed (invalid forms, bad input),
/// 2 a usage error (unknown command or flag), 3 work remains (dossiers wait
/// to be sent), 4 a dossier needs a helper's attention (`kiosk sync`).
enum ExitCode: Int32 {
    case success = 0, failure = 1, usage = 2, workRemains = 3, needsAttention = 4
}

/// The parsed command line: global options, then a command and its words.
struct Invocation {
    var configPath: String?
    var language: Language?
    var words: [String] = []
    var flags: [String: String] = [:]
    var switches: Set<String> = []
    /// Secrets given on the command line, which is no place for them (see
    /// `secretFlags`): refused, with the reason, once the language is known.
    var refusedSecrets: [String] = []

    /// Flags that take a value, and flags that stand alone, per command.
    static let valueFlags: Set<String> = ["--config", "--lang", "--method", "--style", "--answers", "--min-free-mb", "--date"]
    static let plainFlags: Set<String> = ["--help", "--version", "--finalize", "--json", "--pin", "--now", "--month"]

    /// Flags that once carried a secret on the command line, where every
    /// user of the machine reads it (`ps`, /proc/PID/cmdline): an id number
    /// or phone (`--verify`), a draft's PIN (`--pin NNNN`). The secret is
    /// now asked for, or read from standard input; why, in both languages.
    static let secretFlags: [String: LocalizedText] = [
        "--verify": LocalizedText(
            vi: "--verify không còn được chấp nhận: số định danh hay số điện thoại ghi trên dòng lệnh thì mọi người dùng máy này đều đọc được (ps, /proc). Hãy chạy “kiosk lookup MÃ-HỒ-SƠ”: kiosk sẽ hỏi (không hiện khi gõ), hoặc đọc dòng đầu của đầu vào chuẩn.",
            en: "--verify is no longer accepted: an id number or phone on the command line can be read by every user of this machine (ps, /proc). Run “kiosk lookup CODE”: it asks for the verification (not shown as you type), or reads the first line of standard input."),
        "--pin": LocalizedText(
            vi: "--pin không còn nhận mã PIN trên dòng lệnh: ở đó mọi người dùng máy này đều đọc được (ps, /proc). Chỉ ghi --pin: kiosk sẽ hỏi 4 chữ số (không hiện khi gõ), hoặc đọc dòng đầu của đầu vào chuẩn.",
            en: "--pin no longer takes the PIN on the command line: every user of this machine could read it there (ps, /proc). Give --pin alone: kiosk asks for the four digits (not shown as you type), or reads the first line of standard input."),
    ]

    /// The command-specific flags each command accepts.
    static let commandFlags: [String: Set<String>] = [
        "ime": ["--method", "--style"],
        "fill": ["--answers", "--pin", "--finalize"],
        "status": ["--json"],
        "sync": ["--now"],
        "stats": ["--json", "--month", "--date"],
        "doctor": ["--min-free-mb"],
    ]

    /// Flags given that the command does not take.
    var misplacedFlags: [String] {
        let allowed = Self.commandFlags[words.first ?? ""] ?? []
        let given = Set(flags.keys).union(switches.subtracting(["--help", "--version"]))
        return given.subtracting(allowed).sorted()
    }

    /// The parser shared with kiosk-sync (KioskCore's `ArgumentParser`).
    static let parser = ArgumentParser(
        valueFlags: valueFlags, plainFlags: plainFlags, aliases: ["-h": "--help"],
        secretFlags: ["--verify": { _, _ in true },
                      // `--pin` alone asks for the PIN; `--pin 1234` or `--pin=1234` carries it.
                      "--pin": { value, next in value != nil || next.map(isPIN) ?? false }])

    static func parse(_ args: [String]) throws(UsageError) -> Invocation {
        let parsed = try parser.parse(args)
        var inv = Invocation()
        inv.words = parsed.words
        inv.switches = parsed.switches
        inv.refusedSecrets = parsed.refusedSecrets
        inv.configPath = parsed.values["--config"]
        if let lang = parsed.values["--lang"] {
            guard let l = Language(rawValue: lang) else { throw UsageError(message: "--lang takes vi or en") }
            inv.language = l
        }
        inv.flags = parsed.values.filter { $0.key != "--config" && $0.key != "--lang" }
        return inv
    }

    /// What can only be a PIN given after `--pin` (no procedure code, form
    /// id or file name is all digits).
    private static func isPIN(_ word: String) -> Bool {
        !word.isEmpty && word.allSatisfy { $0.isASCII && $0.isNumber }
    }
}

/// The secret a command needs (a verification, a PIN), never from the
/// command line: at a terminal it is asked for on stderr with echo off
/// (termios), else it is the first line of standard input (a script's
/// pipe). Trimmed; nil when nothing was given.
func readSecret(prompt: String) -> String? {
    guard isatty(STDIN_FILENO) == 1, tcgetattr(STDIN_FILENO, &terminalBeforeSecret) == 0 else {
        return readLine(strippingNewline: true)?.trimmingCharacters(in: .whitespacesAndNewlines).nonEmpty
    }
    FileHandle.standardError.write(Data(prompt.utf8))
    var quiet = terminalBeforeSecret
    quiet.c_lflag &= ~tcflag_t(ECHO)
    // A signal while echo is off puts the terminal back first.
    let signals = [SIGINT, SIGTERM, SIGHUP, SIGQUIT]
    let previous = signals.map { signal($0, restoreTerminalAndRaise) }
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet)
    let line = readLine(strippingNewline: true)
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &terminalBeforeSecret)
    for (sig, handler) in zip(signals, previous) { signal(sig, handler) }
    // The Enter typed was not echoed either.
    FileHandle.standardError.write(Data("\n".utf8))
    return line?.trimmingCharacters(in: .whitespacesAndNewlines).nonEmpty
}

/// The terminal's settings before a secret was asked for (read by the
/// signal handler, which can capture nothing).
nonisolated(unsafe) private var terminalBeforeSecret = termios()

private func restoreTerminalAndRaise(_ sig: Int32) {
    tcsetattr(STDIN_FILENO, TCSANOW, &terminalBeforeSecret)
    signal(sig, SIG_DFL)
    raise(sig)
}

private extension String {
    var nonEmpty: String? { isEmpty ? nil : self }
}

let usage = """
usage: kiosk [--config PATH] [--lang vi|en] [COMMAND]

Một Cửa kiosk: helps citizens fill the electronic forms of administrative
procedures at one-stop desks, offline first.

Commands:
  (none)                 start the kiosk with kiosk.conf
  forms check [DIR]      check every form and dataset (exit 1 on any error)
  forms list             list the procedures: code, version, title
  forms update           ask the provincial server for a newer signed form
                         bundle now, and install it when it checks out
  enroll URL CODE        enrol this station with the province's one-time
                         code: writes its token ([server] token_file, 0600)
                         and its id, agency code and the province's keys
                         ([server] enrolment_file, read after kiosk.conf)
  ime [--method telex|vni] [--style old|modern]
                         compose Vietnamese from key strings read on stdin,
                         one line at a time (a debugging aid)
  fill PROCEDURE --answers FILE.json [--finalize] [--pin]
                         fill a form from a JSON object of answers: saves a
                         draft and prints its resume code, or with --finalize
                         checks the whole form and queues the dossier. The
                         draft is resumed with the last 4 digits of the
                         applicant's id number, or with --pin a PIN of 4
                         digits, asked for (not shown) or read from stdin
  drafts                 the drafts kept here: resume code, procedure, last
                         change, completeness (no personal data)
  status [--json]        drafts, queued, accepted dossiers, last purge, and why
                         uploads last failed (while they still do)
  purge                  erase personal data past its retention period now
  sync [--now]           passes of uploads to the provincial server (for cron
                         or a timer); --now sends what waits for its backoff.
                         Exit 0 when nothing waits, 3 when dossiers still wait,
                         4 when a dossier needs a helper's attention (the
                         server refused it), 1 when the settings are wrong
  passphrase             set or change the station passphrase (the current
                         one first, the new one twice); no data is
                         re-encrypted, only the data key's wrapping
  receipt FILE           print a receipt or slip saved under receipts/
                         (they are stored encrypted)
  operator add ID | remove ID | list
                         who may sign in at the operator's screens (Ctrl-O
                         or F12 at the kiosk); the PIN (4–12 digits) is typed
                         twice, not shown, or read from two lines of stdin
  stats [--month] [--date YYYY-MM-DD] [--json]
                         today at this station (or that day, or its month):
                         dossiers started, finished, uploaded, needing
                         attention, by procedure and by operator, and the
                         median minutes from start to receipt
  doctor [--min-free-mb N]
                         check the station: configuration, permissions, the
                         database's integrity, key file, forms, printer, free
                         disk space (N MB, default 200), and the server:
                         reachable, TLS, token, clock; each problem with what
                         to do. Exit 1 when something is wrong
  lookup CODE            a dossier's status from the server when online, else
                         what this station knows; the id number or phone of
                         whoever filed it is asked for (not shown as typed),
                         or read from the first line of stdin, never taken
                         on the command line (other users could read it)

Options:
  --config PATH          configuration file (default: ./kiosk.conf; the
                         installed kiosk: else /etc/kiosk/kiosk.conf)
  --lang vi|en           language of messages (default: [ui] language)
  --help, -h             show this help
  --version              show the version
"""

let kioskVersion = "0.1.0"

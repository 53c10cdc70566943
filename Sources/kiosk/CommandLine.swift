import Foundation
import KioskCore

/// Exit codes: 0 success, 1 the command failed (invalid forms, bad input),
/// 2 a usage error (unknown command or flag), 3 work remains (dossiers wait
/// to be sent), 4 a dossier needs a helper's attention (`kiosk sync`).
enum ExitCode: Int32 {
    case success = 0, failure = 1, usage = 2, workRemains = 3, needsAttention = 4
}

struct UsageError: Error {
    var message: String
}

/// The parsed command line: global options, then a command and its words.
struct Invocation {
    var configPath: String?
    var language: Language?
    var words: [String] = []
    var flags: [String: String] = [:]
    var switches: Set<String> = []

    /// Flags that take a value, and flags that stand alone, per command.
    static let valueFlags: Set<String> = ["--config", "--lang", "--method", "--style", "--answers", "--pin", "--verify"]
    static let plainFlags: Set<String> = ["--help", "-h", "--version", "--finalize", "--json", "--now"]

    /// The command-specific flags each command accepts.
    static let commandFlags: [String: Set<String>] = [
        "ime": ["--method", "--style"],
        "fill": ["--answers", "--pin", "--finalize"],
        "status": ["--json"],
        "sync": ["--now"],
        "lookup": ["--verify"],
    ]

    /// Flags given that the command does not take.
    var misplacedFlags: [String] {
        let allowed = Self.commandFlags[words.first ?? ""] ?? []
        let given = Set(flags.keys).union(switches.subtracting(["--help", "--version"]))
        return given.subtracting(allowed).sorted()
    }

    static func parse(_ args: [String]) throws(UsageError) -> Invocation {
        var inv = Invocation()
        var i = 0
        while i < args.count {
            let a = args[i]
            if a.hasPrefix("-") && a != "-" {
                var name = a, value: String? = nil
                if let eq = a.firstIndex(of: "=") {
                    name = String(a[..<eq])
                    value = String(a[a.index(after: eq)...])
                }
                if valueFlags.contains(name) {
                    if value == nil {
                        i += 1
                        guard i < args.count else { throw UsageError(message: "\(name) needs a value") }
                        value = args[i]
                    }
                    switch name {
                    case "--config": inv.configPath = value
                    case "--lang":
                        guard let l = Language(rawValue: value!) else { throw UsageError(message: "--lang takes vi or en") }
                        inv.language = l
                    default: inv.flags[name] = value
                    }
                } else if plainFlags.contains(name), value == nil {
                    inv.switches.insert(name == "-h" ? "--help" : name)
                } else {
                    throw UsageError(message: "unknown option \(a)")
                }
            } else {
                inv.words.append(a)
            }
            i += 1
        }
        return inv
    }
}

let usage = """
usage: kiosk [--config PATH] [--lang vi|en] [COMMAND]

Một Cửa kiosk: helps citizens fill the electronic forms of administrative
procedures at one-stop desks, offline first.

Commands:
  (none)                 start the kiosk with kiosk.conf
  forms check [DIR]      check every form and dataset (exit 1 on any error)
  forms list             list the procedures: code, version, title
  ime [--method telex|vni] [--style old|modern]
                         compose Vietnamese from key strings read on stdin,
                         one line at a time (a debugging aid)
  fill PROCEDURE --answers FILE.json [--finalize] [--pin NNNN]
                         fill a form from a JSON object of answers: saves a
                         draft and prints its resume code, or with --finalize
                         checks the whole form and queues the dossier
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
  lookup CODE --verify ID
                         a dossier's status from the server when online, else
                         what this station knows (ID: id number or phone)

Options:
  --config PATH          configuration file (default: ./kiosk.conf)
  --lang vi|en           language of messages (default: [ui] language)
  --help, -h             show this help
  --version              show the version
"""

let kioskVersion = "0.1.0"

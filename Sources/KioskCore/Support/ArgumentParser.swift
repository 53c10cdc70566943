import Foundation

/// A usage mistake on a command line (an unknown option, a missing value).
public struct UsageError: Error, Sendable, Equatable {
    public var message: String
    public init(message: String) { self.message = message }
}

/// The command-line parser of both executables (`kiosk`, `kiosk-sync`): the
/// words of the command, the options that take a value (`--config PATH`,
/// `--config=PATH`), and the switches that stand alone. Every option must be
/// declared: an unknown one is a usage error, never taken as a word.
///
/// Options that once carried a secret (`secretFlags`: a verification, a
/// PIN) are refused, not read, with the value after them, since a command
/// line is readable by every user of the machine (`ps`, /proc/PID/cmdline);
/// `refusedSecrets` names them so that the program can say why in the
/// user's language once it knows it.
public struct ArgumentParser: Sendable {
    public var valueFlags: Set<String>
    public var plainFlags: Set<String>
    /// Short names: `-h` for `--help`.
    public var aliases: [String: String]
    /// Whether a use of a secret flag carries a secret (else it is a switch,
    /// as `--pin` alone asks for the PIN): given the flag, its `=value`,
    /// and the next argument.
    public var secretFlags: [String: @Sendable (_ value: String?, _ next: String?) -> Bool]

    public init(valueFlags: Set<String>, plainFlags: Set<String>, aliases: [String: String] = [:],
                secretFlags: [String: @Sendable (_ value: String?, _ next: String?) -> Bool] = [:]) {
        self.valueFlags = valueFlags
        self.plainFlags = plainFlags
        self.aliases = aliases
        self.secretFlags = secretFlags
    }

    /// What a command line says.
    public struct Parsed: Sendable, Equatable {
        public var words: [String] = []
        public var values: [String: String] = [:]
        public var switches: Set<String> = []
        public var refusedSecrets: [String] = []
        public init() {}
    }

    public func parse(_ args: [String]) throws(UsageError) -> Parsed {
        var parsed = Parsed()
        var i = 0
        while i < args.count {
            let a = args[i]
            guard a.hasPrefix("-") && a != "-" else {
                parsed.words.append(a)
                i += 1
                continue
            }
            var name = a, value: String? = nil
            if let eq = a.firstIndex(of: "=") {
                name = String(a[..<eq])
                value = String(a[a.index(after: eq)...])
            }
            name = aliases[name] ?? name
            let next = args.indices.contains(i + 1) ? args[i + 1] : nil
            if let carriesSecret = secretFlags[name], carriesSecret(value, next) {
                // Refused; its value is taken with it, not read as a command word.
                if value == nil, let next, !next.hasPrefix("-") { i += 1 }
                parsed.refusedSecrets.append(name)
            } else if valueFlags.contains(name) {
                if value == nil {
                    i += 1
                    guard i < args.count else { throw UsageError(message: "\(name) needs a value") }
                    value = args[i]
                }
                parsed.values[name] = value
            } else if plainFlags.contains(name), value == nil {
                parsed.switches.insert(name)
            } else {
                throw UsageError(message: "unknown option \(a)")
            }
            i += 1
        }
        return parsed
    }
}

import Foundation
import KioskCore
#if canImport(Glibc)
import Glibc
#endif

/// Runs the configured printer command (`/bin/sh -c COMMAND`) with the
/// receipt on its standard input.
///
/// Through `ChildProcess`, not Foundation's `Process`: with the kiosk's
/// ignored SIGPIPE inherited, a printer pipeline such as `iconv … | lp`
/// would see write errors instead of stopping quietly when a later stage
/// exits.
enum PrinterCommand {
    /// True when the command read the text and exited with status 0.
    static func run(_ command: String, input: [UInt8]) -> Bool {
        let result = ChildProcess.run("/bin/sh", ["sh", "-c", command], input: input, output: .discard)
        return result.inputRead && result.exitStatus == 0
    }
}

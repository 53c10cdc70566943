import Foundation

/// A line on standard error (messages, warnings), not buffered: what both
/// executables, `kiosk` and `kiosk-sync`, print their errors with.
public func printError(_ s: String) {
    FileHandle.standardError.write(Data((s + "\n").utf8))
}

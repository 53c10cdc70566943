import Foundation

/// An executable of the package next to this one (.build/<config>/, or /usr/bin).
public func siblingExecutable(_ name: String) -> String? {
    let me = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    let path = ((me as NSString).deletingLastPathComponent as NSString).appendingPathComponent(name)
    return FileManager.default.isExecutableFile(atPath: path) ? path : nil
}

import Foundation

/// Runs a system program as tests use one to check what the kiosk made
/// (pdfinfo, pdfimages, python3): `tool` is a path, or a name under
/// /usr/bin. Its standard output and exit status; its standard error dropped.
@discardableResult
public func runTool(_ tool: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: tool.hasPrefix("/") ? tool : "/usr/bin/" + tool)
    p.arguments = arguments
    let pipe = Pipe()
    p.standardOutput = pipe
    p.standardError = FileHandle.nullDevice
    try p.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return (p.terminationStatus, String(decoding: data, as: UTF8.self))
}

extension ReferenceServer {
    /// One value of the server's SQLite database (the first column of the
    /// first row; "" for none), read with python3 as the server writes it
    /// (its WAL included).
    public func query(_ sql: String) throws -> String {
        try runTool("python3", ["-c", "import sqlite3,sys; r=sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone(); print('' if r is None else r[0], end='')",
                                databasePath, sql]).output
    }
}

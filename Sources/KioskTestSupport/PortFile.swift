import Foundation

/// Starts `python3 SCRIPT ARGUMENTS` (a tool under Tools/provincial-server
/// that writes the port it listens on to `portFile`) and waits, at most
/// 10 s, until it has: it listens from then on. The port, or nil when it
/// did not start or exited first (the process is then stopped).
func startListening(_ process: Process, script: String, arguments: [String], portFile: String) -> Int? {
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", packageRoot + "/Tools/provincial-server/" + script] + arguments
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    guard (try? process.run()) != nil else { return nil }
    let deadline = Date().addingTimeInterval(10)
    while Date() < deadline && process.isRunning {
        if let text = try? String(contentsOfFile: portFile, encoding: .utf8),
           let port = Int(text.trimmingCharacters(in: .whitespacesAndNewlines)), port > 0 {
            return port
        }
        usleep(20_000)
    }
    if process.isRunning {
        process.terminate()
        process.waitUntilExit()
    }
    return nil
}

import Foundation
import XCTest
import KioskCore
@_exported import KioskTestSupport


private final class BundleLocator {}

/// The day the sample answers are filled on, whatever the machine's clock
/// says: a form's checks against today (a birth date not in the future)
/// give the same result on any day the suite runs.
let sampleToday = CalendarDate(year: 2026, month: 11, day: 23)

/// The kiosk binary beside the test bundle (.build/<config>/kiosk).
let kioskExecutable: URL = {
    guard let url = builtExecutable("kiosk", near: Bundle(for: BundleLocator.self)) else {
        fatalError("kiosk executable not found near \(Bundle(for: BundleLocator.self).bundleURL.path)")
    }
    return url
}()

struct KioskOutput {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Runs `kiosk` with arguments and standard input, as a script would;
/// through `launcher` (a program and its arguments, which ends by running
/// the kiosk's path and arguments that follow it) when one is given.
func runKiosk(_ args: [String], stdin: String? = nil, cwd: String = packageRoot, launcher: [String] = []) throws -> KioskOutput {
    let p = Process()
    if let first = launcher.first {
        p.executableURL = URL(fileURLWithPath: first)
        p.arguments = Array(launcher.dropFirst()) + [kioskExecutable.path] + args
    } else {
        p.executableURL = kioskExecutable
        p.arguments = args
    }
    p.currentDirectoryURL = URL(fileURLWithPath: cwd)
    let out = Pipe(), err = Pipe(), input = Pipe()
    p.standardOutput = out
    p.standardError = err
    p.standardInput = input
    try p.run()
    if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
    try input.fileHandleForWriting.close()
    // Read both pipes at once, so that neither can fill up and block the child.
    final class Box: @unchecked Sendable { var data = Data() }
    let errBox = Box()
    let group = DispatchGroup()
    group.enter()
    let errHandle = err.fileHandleForReading
    DispatchQueue.global().async {
        errBox.data = errHandle.readDataToEndOfFile()
        group.leave()
    }
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    let errData = errBox.data
    p.waitUntilExit()
    return KioskOutput(status: p.terminationStatus, stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self))
}

/// Writes `dir/file`, a kiosk.conf for a station of the reference server
/// `server`: its token in `dir/token` (0600), its store under `dir`, and
/// over https its throw-away certificate as `ca_file`.
/// Returns the file's path.
@discardableResult
func writeStationConfig(_ server: ReferenceServer, dir: String, file: String = "k.conf", id: String = "LH-01", name: String? = nil,
                        database: String = "kiosk.sqlite", attachments: String = "attachments", url: String? = nil) throws -> String {
    FileManager.default.createFile(atPath: dir + "/token", contents: Data(server.token.utf8), attributes: [.posixPermissions: 0o600])
    let path = dir + "/" + file
    try """
    [station]
    id = \(id)
    \(name.map { "name = \($0)" } ?? "")
    agency_code = 000.00.13.H36
    [server]
    url = \(url ?? server.url)
    token_file = \(dir)/token
    seal_public_key = \(ReferenceServer.demoSealPublicKey)
    \(server.caFile.map { "ca_file = \($0)" } ?? "")
    [storage]
    database = \(dir)/\(database)
    attachments = \(dir)/\(attachments)
    [security]
    key_file = \(writeTestKeyFile(dir + "/test.key"))
    [forms]
    directory = \(packageRoot)/Forms
    """.write(toFile: path, atomically: true, encoding: .utf8)
    return path
}

/// A station with no server (offline): its store under `dir`, unlocked by a
/// test key file, the forms of `forms` (the shipped ones by default).
/// Returns the file's path.
@discardableResult
func writeOfflineStationConfig(dir: String, id: String = "TEST-01", forms: String = packageRoot + "/Forms", file: String = "k.conf") throws -> String {
    let path = dir + "/" + file
    try """
    [station]
    id = \(id)
    [storage]
    database = \(dir)/kiosk.sqlite
    attachments = \(dir)/attachments
    [security]
    key_file = \(writeTestKeyFile(dir + "/test.key"))
    [forms]
    directory = \(forms)
    """.write(toFile: path, atomically: true, encoding: .utf8)
    return path
}

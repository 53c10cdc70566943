import Foundation
import KioskCore
import KioskRuntime

/// `kiosk doctor [--min-free-mb N]`: checks what a station needs to work
/// (docs/architecture.md, "Installing a station"), one line each, with what
/// to do about each problem; exit 1 when any check found a problem. The
/// server's checks (reachable, TLS, token, clock) are kiosk-sync's, which
/// holds the network stack: it prints its lines in the same format.
func doctor(_ inv: Invocation) -> ExitCode {
    var language = inv.language ?? .vi
    var findings: [DoctorFinding] = []
    func say(_ finding: DoctorFinding) {
        findings.append(finding)
        print(finding.text(language))
    }
    let minimumFreeMB: Int
    if let value = inv.flags["--min-free-mb"] {
        guard let n = Int(value), n >= 0 else {
            printError("kiosk: --min-free-mb takes a whole number of megabytes\n\n\(usage)")
            return .usage
        }
        minimumFreeMB = n
    } else {
        minimumFreeMB = DiskSpaceCheck.defaultMinimumMB
    }

    let (config, configFindings) = ConfigCheck.run(path: configPathToRead(inv))
    if let config { language = inv.language ?? config.language }
    configFindings.forEach(say)
    if let config {
        PermissionsCheck.run(config).forEach(say)
        say(DatabaseCheck.run(config))
        OperatorsCheck.run(config).map(say)
        KeyFileCheck.run(config).map(say)
        say(FormsCheck.run(config))
        say(PrinterCheck.run(config))
        DocumentsCheck.run(config).forEach(say)
        say(DiskSpaceCheck.run(config, minimumMB: minimumFreeMB))
    }
    fflush(nil)  // before kiosk-sync writes to the same output

    // The server's checks, by kiosk-sync (its lines go straight out).
    var serverFailed = false
    if let config {
        if let tool = siblingExecutable("kiosk-sync") {
            let arguments = (config.sourcePath.map { ["--config", $0] } ?? []) + ["--lang", language.rawValue, "doctor"]
            serverFailed = ChildProcess.run(tool, [tool] + arguments, input: nil, output: .inherit).exitStatus != 0
        } else {
            say(DoctorFinding(DoctorCheck.server, .problem,
                              LocalizedText(vi: "không thấy chương trình kiosk-sync bên cạnh kiosk: trạm không gửi được hồ sơ.",
                                            en: "kiosk-sync is missing beside kiosk: the station cannot upload."),
                              fix: LocalizedText(vi: "cài lại gói kiosk (hoặc chạy swift build)", en: "reinstall the kiosk package (or run swift build)")))
        }
    }

    var failed: [String] = []
    for f in findings where f.level == .problem {
        let name = f.check.text(language)
        if !failed.contains(name) { failed.append(name) }
    }
    if serverFailed { failed.append(DoctorCheck.server.text(language)) }
    let vi = language == .vi
    if failed.isEmpty {
        print(vi ? "Trạm sẵn sàng: không có vấn đề nào." : "The station is ready: no problems found.")
        return .success
    }
    print(vi ? "Có vấn đề cần sửa (\(failed.count)): \(failed.joined(separator: ", "))."
             : "Problems to fix (\(failed.count)): \(failed.joined(separator: ", ")).")
    return .failure
}

/// The configuration file a command reads: --config, else ./kiosk.conf,
/// else, for the kiosk installed by its package (/usr/bin), the package's
/// /etc/kiosk/kiosk.conf; nil: none (the defaults).
func configPathToRead(_ inv: Invocation) -> String? {
    if let p = inv.configPath { return p }
    if FileManager.default.fileExists(atPath: "kiosk.conf") { return "kiosk.conf" }
    if let me = siblingExecutable("kiosk"), me.hasPrefix("/usr/bin/"), FileManager.default.fileExists(atPath: installedConfigPath) {
        return installedConfigPath
    }
    return nil
}

/// Where the Debian package puts the station's configuration (Tools/package).
let installedConfigPath = "/etc/kiosk/kiosk.conf"

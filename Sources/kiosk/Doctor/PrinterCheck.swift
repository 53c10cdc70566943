import Foundation
import KioskCore

/// `[printer] command`: its program can be found and run (nothing is
/// printed). Empty: receipts are saved as text files, which is fine.
enum PrinterCheck {
    static func run(_ config: KioskConfig) -> DoctorFinding {
        let name = DoctorCheck.printer
        let command = config.printerCommand.trimmingCharacters(in: .whitespaces)
        guard !command.isEmpty else {
            let dir = receiptsDirectory(config)
            return DoctorFinding(name, .ok, LocalizedText(vi: "không đặt máy in: biên nhận được lưu thành tệp trong \(dir) (in bằng kiosk receipt).",
                                                          en: "no printer set: receipts are saved as files in \(dir) (print them with kiosk receipt)."))
        }
        // The command runs as `sh -c COMMAND`: its program is the first word
        // that is not a VAR=value assignment.
        let words = command.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard let program = words.first(where: { !$0.contains("=") || $0.hasPrefix("/") }) else {
            return DoctorFinding(name, .problem, LocalizedText(vi: "không hiểu lệnh in “\(command)”.", en: "cannot make out the printer command “\(command)”."),
                                 fix: LocalizedText(vi: "sửa [printer] command trong kiosk.conf", en: "correct [printer] command in kiosk.conf"))
        }
        if let found = find(program) {
            return DoctorFinding(name, .ok, LocalizedText(vi: "lệnh in “\(command)”: có \(found).", en: "printer command “\(command)”: \(found) is there."))
        }
        let hint = program == "lp" || program == "lpr"
            ? LocalizedText(vi: "cài CUPS (apt-get install cups-client) hoặc sửa [printer] command trong kiosk.conf",
                            en: "install CUPS (apt-get install cups-client) or correct [printer] command in kiosk.conf")
            : LocalizedText(vi: "cài chương trình đó hoặc sửa [printer] command trong kiosk.conf", en: "install that program or correct [printer] command in kiosk.conf")
        return DoctorFinding(name, .problem,
            LocalizedText(vi: "lệnh in “\(command)”: không tìm thấy chương trình \(program); biên nhận sẽ không in được (được lưu thành tệp).",
                          en: "printer command “\(command)”: no program \(program) found; receipts will not print (they are saved as files)."),
            fix: hint)
    }

    /// The program's path: as given when it has a slash, else the first in
    /// PATH (and the usual folders a service's PATH holds).
    static func find(_ program: String) -> String? {
        let fm = FileManager.default
        if program.contains("/") { return fm.isExecutableFile(atPath: program) ? program : nil }
        // Shell built-ins that could start a command.
        if ["exec", "env", "command"].contains(program) { return program }
        let path = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init)
            + ["/usr/local/bin", "/usr/bin", "/bin", "/usr/sbin", "/sbin"]
        for dir in path where fm.isExecutableFile(atPath: dir + "/" + program) { return dir + "/" + program }
        return nil
    }
}

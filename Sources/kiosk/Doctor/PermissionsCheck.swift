import Foundation
import KioskCore

/// The station's private files and folders: readable by their owner only
/// (files 0600, folders 0700), writable by it, and all owned by the owner
/// of the data folder (a file left by a command run as root is one the
/// kiosk's own user cannot write).
enum PermissionsCheck {
    static func run(_ config: KioskConfig) -> [DoctorFinding] {
        let name = DoctorCheck.permissions
        let dataFolder = (config.databasePath as NSString).deletingLastPathComponent
        let items: [(path: String, folder: Bool)] = [
            (dataFolder, true), (config.databasePath, false), (config.databasePath + "-wal", false), (config.databasePath + "-shm", false),
            (config.attachmentsPath, true), (receiptsDirectory(config), true), (config.tokenFilePath, false),
        ]
        var folderInfo = stat()
        let owner: uid_t? = stat(dataFolder, &folderInfo) == 0 ? folderInfo.st_uid : nil
        var findings: [DoctorFinding] = []
        var checked: [String] = []
        for item in items {
            var info = stat()
            guard stat(item.path, &info) == 0 else { continue }
            let mode = Int(info.st_mode) & 0o7777
            let octal = String(mode, radix: 8)
            let wanted = item.folder ? "700" : "600"
            if mode & 0o077 != 0 {
                findings.append(DoctorFinding(name, .problem,
                    LocalizedText(vi: "người dùng khác đọc được \(item.path) (quyền \(octal)); dữ liệu của trạm chỉ chủ sở hữu được đọc.",
                                  en: "other users can read \(item.path) (mode \(octal)); the station's data is for its owner only."),
                    fix: LocalizedText(vi: "chmod \(wanted) \(item.path)", en: "chmod \(wanted) \(item.path)")))
            } else if mode & 0o200 == 0 {
                findings.append(DoctorFinding(name, .problem,
                    LocalizedText(vi: "\(item.path) chỉ cho phép đọc (quyền \(octal)): kiosk không ghi được vào đó.",
                                  en: "\(item.path) is read-only (mode \(octal)): the kiosk cannot write to it."),
                    fix: LocalizedText(vi: "chmod \(wanted) \(item.path)", en: "chmod \(wanted) \(item.path)")))
            }
            if let owner, info.st_uid != owner {
                let user = userName(owner)
                findings.append(DoctorFinding(name, .problem,
                    LocalizedText(vi: "\(item.path) thuộc về \(userName(info.st_uid)), không phải \(user) (chủ của \(dataFolder)): kiosk chạy dưới tên \(user) không ghi được vào đó.",
                                  en: "\(item.path) belongs to \(userName(info.st_uid)), not \(user) (who owns \(dataFolder)): the kiosk running as \(user) cannot write it."),
                    fix: LocalizedText(vi: "chown \(user): \(item.path)", en: "chown \(user): \(item.path)")))
            }
            checked.append("\(item.path) \(octal)")
        }
        if findings.isEmpty {
            let list = checked.isEmpty ? "" : checked.joined(separator: ", ")
            findings.append(DoctorFinding(name, .ok,
                checked.isEmpty
                    ? LocalizedText(vi: "chưa có dữ liệu ở \(dataFolder): kiosk tạo ra (700/600) khi chạy lần đầu.",
                                    en: "no data yet in \(dataFolder): the kiosk makes it (700/600) at its first start.")
                    : LocalizedText(vi: "chỉ chủ sở hữu đọc được: \(list).", en: "readable by their owner only: \(list).")))
        }
        return findings
    }

    /// A user's name, else its number.
    static func userName(_ uid: uid_t) -> String {
        guard let entry = getpwuid(uid), let name = entry.pointee.pw_name else { return "\(uid)" }
        return String(cString: name)
    }
}

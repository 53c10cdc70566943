import Foundation
import KioskCore

/// Free space on the disk that holds the station's data: a full disk stops
/// drafts being saved keystroke by keystroke.
enum DiskSpaceCheck {
    /// Below this, doctor says so (`--min-free-mb` changes it): a day of
    /// dossiers with scanned documents takes tens of megabytes.
    static let defaultMinimumMB = 200

    static func run(_ config: KioskConfig, minimumMB: Int) -> DoctorFinding {
        let name = DoctorCheck.disk
        // The data folder, or the nearest folder above it that exists.
        var dir = (config.databasePath as NSString).deletingLastPathComponent
        while !dir.isEmpty && dir != "/" && !FileManager.default.fileExists(atPath: dir) {
            dir = (dir as NSString).deletingLastPathComponent
        }
        if dir.isEmpty { dir = "/" }
        var fs = statvfs()
        guard statvfs(dir, &fs) == 0 else {
            let reason = String(cString: strerror(errno))
            return DoctorFinding(name, .problem, LocalizedText(vi: "không đọc được dung lượng của \(dir): \(reason).", en: "cannot read the free space of \(dir): \(reason)."))
        }
        let freeMB = Int(UInt64(fs.f_bavail) * UInt64(fs.f_frsize) / 1_048_576)
        if freeMB < minimumMB {
            return DoctorFinding(name, .problem,
                LocalizedText(vi: "chỉ còn \(freeMB) MB trống trên đĩa chứa \(dir) (cần ít nhất \(minimumMB) MB); khi đĩa đầy, kiosk không lưu được hồ sơ.",
                              en: "only \(freeMB) MB free on the disk holding \(dir) (at least \(minimumMB) MB wanted); on a full disk the kiosk cannot save dossiers."),
                fix: LocalizedText(vi: "xoá tệp không cần trên đĩa đó (nhật ký cũ: journalctl --vacuum-size=100M; apt-get clean); kiosk purge xoá dữ liệu đã hết hạn lưu",
                                   en: "delete files not needed on that disk (old logs: journalctl --vacuum-size=100M; apt-get clean); kiosk purge erases data past its retention"))
        }
        return DoctorFinding(name, .ok, LocalizedText(vi: "\(freeMB) MB trống trên đĩa chứa \(dir).", en: "\(freeMB) MB free on the disk holding \(dir)."))
    }
}

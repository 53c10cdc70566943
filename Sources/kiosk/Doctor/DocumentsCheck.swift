import Foundation
import KioskCore
import KioskImaging

/// The documents step's tools: scanimage (sane-utils) unless the station
/// scans nothing, the scanner named in `[scanner] documents` listed by SANE,
/// and pdfinfo/pdftoppm (poppler-utils) for PDFs from a stick.
enum DocumentsCheck {
    static let name = LocalizedText(vi: "Giấy tờ", en: "Documents")

    static func run(_ config: KioskConfig) -> [DoctorFinding] {
        var findings: [DoctorFinding] = []
        let settings = ScannerSettings(device: config.documentScanner)
        if settings.isDisabled {
            findings.append(DoctorFinding(name, .ok, LocalizedText(vi: "trạm không quét giấy tờ ([scanner] documents = none).",
                                                                 en: "this station scans no documents ([scanner] documents = none).")))
        } else if executablePath(settings.scanimage) == nil {
            findings.append(DoctorFinding(name, .problem,
                LocalizedText(vi: "không có chương trình scanimage: không quét được giấy tờ.", en: "scanimage is missing: documents cannot be scanned."),
                fix: LocalizedText(vi: "apt-get install sane-utils (hoặc đặt [scanner] documents = none)",
                                   en: "apt-get install sane-utils (or set [scanner] documents = none)")))
        } else if settings.device.isEmpty {
            findings.append(DoctorFinding(name, .ok, LocalizedText(vi: "quét bằng máy quét đầu tiên SANE tìm thấy (scanimage -L liệt kê).",
                                                                 en: "documents are scanned with the first scanner SANE finds (scanimage -L lists them).")))
        } else {
            let scanner = DocumentScanner(settings: settings)
            let devices = (try? scanner.devices()) ?? []
            if devices.contains(settings.device) {
                findings.append(DoctorFinding(name, .ok, LocalizedText(vi: "máy quét “\(settings.device)” có mặt.", en: "scanner “\(settings.device)” is there.")))
            } else {
                let found = devices.isEmpty ? "—" : devices.joined(separator: ", ")
                findings.append(DoctorFinding(name, .problem,
                    LocalizedText(vi: "không thấy máy quét “\(settings.device)” ghi trong [scanner] documents (SANE thấy: \(found)).",
                                  en: "the scanner “\(settings.device)” named in [scanner] documents is not listed (SANE sees: \(found))."),
                    fix: LocalizedText(vi: "cắm dây, bật máy; thêm tài khoản kiosk vào nhóm scanner (hoặc lp); chép tên đúng từ scanimage -L",
                                       en: "plug it in and switch it on; add the kiosk user to the scanner (or lp) group; copy the name from scanimage -L")))
            }
        }
        let missing = ["pdfinfo", "pdftoppm"].filter { executablePath($0) == nil }
        if missing.isEmpty {
            findings.append(DoctorFinding(name, .ok, LocalizedText(vi: "có pdfinfo và pdftoppm để đọc tệp PDF đính kèm.",
                                                                 en: "pdfinfo and pdftoppm are there to read attached PDFs.")))
        } else {
            findings.append(DoctorFinding(name, .problem,
                LocalizedText(vi: "thiếu \(missing.joined(separator: ", ")): không đính kèm được tệp PDF.",
                              en: "\(missing.joined(separator: ", ")) missing: PDFs cannot be attached."),
                fix: LocalizedText(vi: "apt-get install poppler-utils", en: "apt-get install poppler-utils")))
        }
        return findings
    }
}

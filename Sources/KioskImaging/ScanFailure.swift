import KioskCore

/// Why no page came from the scanner, each in words a helper can act on.
public enum ScanFailure: Error, Equatable, Sendable {
    /// `[scanner] documents = none`.
    case disabled
    /// `scanimage` (Debian sane-utils) is not installed.
    case notInstalled
    /// SANE finds no scanner at all.
    case noScanner
    /// The device named in kiosk.conf is not there.
    case deviceNotFound(String)
    /// The device is there but this user may not use it.
    case accessDenied
    /// I/O error: unplugged or switched off while scanning.
    case unplugged
    case jammed
    case coverOpen
    /// The document feeder is empty.
    case noPaper
    case busy
    case cancelled
    /// The scanner stopped sending for too long (a backend that hangs).
    case stalled
    /// Another page is being scanned.
    case alreadyScanning
    /// The page came but is not one the station keeps.
    case badImage(LocalizedText)
    /// Anything else scanimage said (its last line).
    case other(String)

    public var message: LocalizedText {
        switch self {
        case .disabled:
            LocalizedText(vi: "Trạm này không dùng máy quét giấy tờ. Hãy đính kèm tệp, hoặc mang bản giấy đến quầy.",
                          en: "This station has no document scanner. Attach a file, or bring the paper to the desk.")
        case .notInstalled:
            LocalizedText(vi: "Chưa cài chương trình quét (gói sane-utils). Hãy báo cán bộ phụ trách trạm.",
                          en: "The scanning program (package sane-utils) is not installed. Tell the station's operator.")
        case .noScanner:
            LocalizedText(vi: "Không thấy máy quét nào. Hãy kiểm tra máy quét đã cắm dây và bật nguồn, rồi quét lại.",
                          en: "No scanner found. Check that the scanner is plugged in and switched on, then scan again.")
        case .deviceNotFound(let device):
            LocalizedText(vi: "Không thấy máy quét “\(device)” ghi trong cấu hình. Hãy kiểm tra dây cắm và nguồn, rồi quét lại.",
                          en: "The scanner “\(device)” named in the settings is not there. Check its cable and power, then scan again.")
        case .accessDenied:
            LocalizedText(vi: "Trạm không có quyền dùng máy quét. Cán bộ phụ trách cần thêm tài khoản kiosk vào nhóm scanner.",
                          en: "The station may not use the scanner. The operator must add the kiosk user to the scanner group.")
        case .unplugged:
            LocalizedText(vi: "Máy quét bị ngắt giữa chừng (rút dây hoặc tắt nguồn). Hãy cắm lại, bật máy rồi quét lại trang này.",
                          en: "The scanner was cut off mid-scan (unplugged or switched off). Plug it back in, switch it on and scan this page again.")
        case .jammed:
            LocalizedText(vi: "Kẹt giấy trong máy quét. Hãy gỡ tờ giấy ra, vuốt phẳng rồi quét lại trang này.",
                          en: "Paper jam in the scanner. Take the sheet out, flatten it and scan this page again.")
        case .coverOpen:
            LocalizedText(vi: "Nắp máy quét đang mở. Hãy đóng nắp rồi quét lại.",
                          en: "The scanner's cover is open. Close it and scan again.")
        case .noPaper:
            LocalizedText(vi: "Khay nạp giấy trống. Hãy đặt giấy vào khay rồi quét lại.",
                          en: "The document feeder is empty. Put the paper in and scan again.")
        case .busy:
            LocalizedText(vi: "Máy quét đang bận với việc khác. Hãy chờ một lát rồi quét lại.",
                          en: "The scanner is busy with something else. Wait a moment and scan again.")
        case .cancelled:
            LocalizedText(vi: "Đã hủy lần quét này. Các trang đã quét trước vẫn được giữ.",
                          en: "This scan was cancelled. Pages scanned before are kept.")
        case .stalled:
            LocalizedText(vi: "Máy quét không phản hồi nên đã dừng lần quét. Hãy tắt máy quét, bật lại rồi quét lại.",
                          en: "The scanner stopped answering, so the scan was stopped. Switch the scanner off and on, then scan again.")
        case .alreadyScanning:
            LocalizedText(vi: "Đang quét một trang. Hãy chờ quét xong hoặc hủy.",
                          en: "A page is being scanned. Wait for it, or cancel.")
        case .badImage(let text):
            text
        case .other(let said):
            LocalizedText(vi: "Máy quét báo lỗi: \(said). Hãy quét lại; nếu vẫn lỗi, báo cán bộ phụ trách trạm.",
                          en: "The scanner reported an error: \(said). Scan again; if it persists, tell the station's operator.")
        }
    }

    /// What scanimage said failed while scanning (`sane_start: …`,
    /// `sane_read: …`, SANE's own words for each status), or nil: read
    /// from its standard error when its exit status is not known.
    static func fromMessage(_ stderr: String) -> ScanFailure? {
        guard stderr.contains("sane_read: ") || stderr.contains("sane_start: ") else { return nil }
        let words: [(String, ScanFailure)] = [
            ("Operation was cancel", .cancelled), ("Device busy", .busy), ("Document feeder jammed", .jammed),
            ("Document feeder out of documents", .noPaper), ("Scanner cover is open", .coverOpen),
            ("Error during device I/O", .unplugged), ("Access to resource has been denied", .accessDenied),
        ]
        return words.first { stderr.contains($0.0) }?.1
    }

    /// scanimage exits with the SANE status of what failed (sane_start,
    /// sane_read), or 1 for its own errors (said on standard error).
    static func from(exitStatus: Int32, stderr: String, device: String?) -> ScanFailure {
        switch exitStatus {
        case 2: return .cancelled
        case 3: return .busy
        case 6: return .jammed
        case 7: return .noPaper
        case 8: return .coverOpen
        case 9: return .unplugged
        case 11: return .accessDenied
        default: break
        }
        if let said = fromMessage(stderr) { return said }
        if stderr.contains("no SANE devices found") { return .noScanner }
        if stderr.contains("open of device") {
            if stderr.contains("Access to resource has been denied") { return .accessDenied }
            if stderr.contains("Device busy") { return .busy }
            return device.map { .deviceNotFound($0) } ?? .noScanner
        }
        let last = stderr.split(whereSeparator: { $0 == "\n" || $0 == "\r" })
            .map { String($0) }.last { !$0.hasPrefix("Progress:") && !$0.isEmpty } ?? "exit status \(exitStatus)"
        return .other(last.replacingOccurrences(of: "scanimage: ", with: ""))
    }
}

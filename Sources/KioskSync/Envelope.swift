import Foundation
import KioskCore
import KioskStore

/// The dossier envelope of docs/protocol.md: fields named as the national
/// portal's dossier sync names them, plus the form, the answers by semantic
/// key and by field name, and the station.
public enum Envelope {
    public static func make(dossier: Dossier, form: FormDefinition, answers: [(path: String, key: String?, value: String)],
                            documents: [DossierDocument], settings: SyncSettings) -> Data {
        var byKey: [String: Any] = [:]
        var fields: [String: String] = [:]
        for a in answers {
            fields[a.path] = a.value
            guard let key = a.key else { continue }
            // Repeat items (member.full_name of several members) become lists.
            if a.path.contains("[") {
                var list = byKey[key] as? [String] ?? []
                list.append(a.value)
                byKey[key] = list
            } else {
                byKey[key] = a.value
            }
        }
        func value(_ key: String) -> String { (byKey[key] as? String) ?? "" }
        let procedure = form.procedure
        let taiLieu: [[String: Any]] = documents.map { d in
            let name = procedure.documents.first { $0.code == d.component }?.name.vi ?? d.component
            var entry: [String: Any] = ["MaThanhPhanHoSo": d.component, "TenTaiLieu": name]
            switch d.source {
            case .file(let sha): entry["Nguon"] = "file"; entry["Sha256"] = sha
            case .reuse(let code): entry["Nguon"] = "reuse"; entry["MaHoSoGoc"] = code
            case .desk: entry["Nguon"] = "desk"
            }
            return entry
        }
        let object: [String: Any] = [
            "SubmissionId": dossier.submissionID,
            "MaTTHC": procedure.code,
            "TenTTHC": procedure.title.vi,
            "MaLinhVuc": procedure.domainCode,
            "TenLinhVuc": procedure.domainName.vi,
            "SoBienNhan": dossier.receiptNumber,
            "ChuHoSo": dossier.applicantName ?? value("applicant.full_name"),
            "LoaiDoiTuong": 1,
            "MaDoiTuong": value("applicant.id_number"),
            "Email": value("applicant.email"),
            "SoDienThoai": value("applicant.phone"),
            "TrichYeuHoSo": dossier.summary ?? procedure.title.vi,
            "NgayTiepNhan": portalTime(dossier.finalizedAt),
            "HinhThuc": 1,
            // How the result is delivered: by post when the citizen asked for it, else the first way the procedure offers.
            "HinhThucNhanKetQua": delivery(procedure, byKey),
            "SoNgayXuLy": procedure.processingDays,
            "TaiLieuNop": taiLieu,
            "DanhSachLePhi": [["TenLePhi": procedure.feeNote?.vi ?? "Lệ phí", "MucPhi": procedure.feeAmount]],
            "Form": ["Id": form.id, "Version": form.version],
            "Answers": byKey,
            "Fields": fields,
            "Station": ["Id": settings.stationID, "AgencyCode": settings.agencyCode],
            "MaHoSoTruoc": dossier.earlierCodes,
        ]
        // Sorted keys: the same dossier always makes the same bytes, so a
        // replay is recognised as identical.
        return (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
    }

    static func delivery(_ procedure: Procedure, _ answers: [String: Any]) -> String {
        if procedure.delivery.contains(.post), (answers["dossier.delivery"] as? String) == "post" { return "post" }
        return procedure.delivery.first?.rawValue ?? "desk"
    }

    /// yyyyMMddHHmmss in Asia/Ho_Chi_Minh, as the portal writes times.
    public static func portalTime(_ unix: Int) -> String {
        let local = unix + 7 * 3600
        let day = CalendarDate(dayNumber: Int((Double(local) / 86_400).rounded(.down)))
        let s = ((local % 86_400) + 86_400) % 86_400
        return String(format: "%04d%02d%02d%02d%02d%02d", day.year, day.month, day.day, s / 3600, s % 3600 / 60, s % 60)
    }
}

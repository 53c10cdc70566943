import Foundation
import KioskCore

extension PriorDossier {
    /// The prior dossier in the provincial server's lookup answer
    /// (docs/protocol.md, "Looking up a dossier"): answers by semantic key
    /// (a string, or a list for repeat items), results (`KetQua`), the
    /// documents submitted (`TaiLieuNop`, with `Khoa`) and issued
    /// (`DanhSachGiayToKetQua`). Values of other shapes are ignored.
    public static func fromLookup(_ body: [String: Any], code: String) -> PriorDossier {
        var answers: [String: [String]] = [:]
        for (key, value) in body["Answers"] as? [String: Any] ?? [:] {
            guard SemanticKeys.split(key) != nil else { continue }
            if let s = value as? String { answers[key] = [s] } else if let list = value as? [Any] {
                answers[key] = list.compactMap { $0 as? String }
            } else if let n = value as? NSNumber { answers[key] = [n.stringValue] }
        }
        var resultKeys: Set<String> = []
        for (key, value) in body["KetQua"] as? [String: Any] ?? [:] {
            guard SemanticKeys.split(key) != nil, let s = value as? String else { continue }
            answers[key] = [s]
            resultKeys.insert(key)
        }
        var documents: [PriorDocument] = []
        for d in body["TaiLieuNop"] as? [[String: Any]] ?? [] {
            // Only uploaded files can be reused by reference (not papers shown at a desk).
            guard d["Nguon"] as? String == "file", let key = d["Khoa"] as? String, SemanticKeys.split(key) != nil else { continue }
            documents.append(PriorDocument(name: d["TenTaiLieu"] as? String ?? key, keys: [key]))
        }
        for d in body["DanhSachGiayToKetQua"] as? [[String: Any]] ?? [] {
            let keys = (d["Khoa"] as? [Any] ?? []).compactMap { $0 as? String }.filter { SemanticKeys.split($0) != nil }
            guard !keys.isEmpty else { continue }
            documents.append(PriorDocument(name: d["TenGiayTo"] as? String ?? keys[0], keys: keys, isResult: true, number: d["SoGiayTo"] as? String))
        }
        var prior = PriorDossier(code: body["MaHoSo"] as? String ?? code, procedureCode: body["MaTTHC"] as? String ?? "",
                                 procedureName: body["TenTTHC"] as? String ?? "", answers: answers, resultKeys: resultKeys,
                                 documents: documents, origin: .server)
        prior.status = body["TrangThaiHoSo"] as? Int
        prior.dueDate = body["NgayHenTra"] as? String
        return prior
    }
}

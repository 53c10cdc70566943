import Foundation
import KioskCore

/// The dossier envelope of docs/protocol.md: fields named as the national
/// portal's dossier sync names them, plus the form, the answers by semantic
/// key and by field name, and the station.
///
/// Built by the store when the dossier is finalized, then sealed to the
/// province's key (`SealedUploads`): the upload sends those bytes and never
/// needs the answers. `stationID` and `agencyCode` stand in for a dossier
/// finalized before the station was recorded with it.
public enum Envelope {
    public static func make(dossier: Dossier, form: FormDefinition, answers: [(path: String, key: String?, value: String)],
                            documents: [DossierDocument], stationID: String, agencyCode: String) -> Data {
        var byKey: [String: JSONOut] = [:]
        var plain: [String: String] = [:]
        var fields: [String: JSONOut] = [:]
        for a in answers {
            fields[a.path] = .string(a.value)
            guard let key = a.key else { continue }
            // Repeat items (member.full_name of several members) become lists,
            // one place per item: an item without this answer is "". A group
            // inside a group gives a list per outer item, of its inner items'
            // answers (an outer item without any is []).
            if a.path.utf8.last == UInt8(ascii: "]"), let indices = FormState.indices(answerName: a.path)?.indices, let item = indices.first {
                var list: [JSONOut] = []
                if case .array(let l)? = byKey[key] { list = l }
                if indices.count == 2 {
                    let inner = indices[1]
                    while list.count < item { list.append(.array([])) }
                    var sub: [JSONOut] = []
                    if case .array(let l) = list[item - 1] { sub = l }
                    while sub.count < inner { sub.append(.string("")) }
                    sub[inner - 1] = .string(a.value)
                    list[item - 1] = .array(sub)
                } else {
                    while list.count < item { list.append(.string("")) }
                    list[item - 1] = .string(a.value)
                }
                byKey[key] = .array(list)
            } else {
                byKey[key] = .string(a.value)
                plain[key] = a.value
            }
        }
        func value(_ key: String) -> JSONOut { .string(plain[key] ?? "") }
        /// The first filer's (applicant, else bride, else groom) answer.
        func filer(_ attribute: String) -> JSONOut {
            .string(SemanticKeys.filerRoles.lazy.compactMap { plain["\($0).\(attribute)"] }.first ?? "")
        }
        let procedure = form.procedure
        let taiLieu: [JSONOut] = documents.map { d in
            let component = procedure.documents.first { $0.code == d.component }
            var entry: [String: JSONOut] = ["MaThanhPhanHoSo": .string(d.component), "TenTaiLieu": .string(component?.name.vi ?? d.component)]
            // What the document is, so that a later dossier can reuse it.
            if let key = component?.key { entry["Khoa"] = .string(key) }
            switch d.source {
            case .file(let sha): entry["Nguon"] = .string("file"); entry["Sha256"] = .string(sha)
            case .reuse(let code): entry["Nguon"] = .string("reuse"); entry["MaHoSoGoc"] = .string(code)
            case .desk: entry["Nguon"] = .string("desk")
            }
            return .object(entry)
        }
        let state = answeredState(form, dossier, answers)
        var object: [String: JSONOut] = [
            "SubmissionId": .string(dossier.submissionID),
            "MaTTHC": .string(procedure.code),
            "TenTTHC": .string(procedure.title.vi),
            "MaLinhVuc": .string(procedure.domainCode),
            "TenLinhVuc": .string(procedure.domainName.vi),
            "SoBienNhan": .string(dossier.receiptNumber),
            "ChuHoSo": dossier.applicantName.map(JSONOut.string) ?? value("applicant.full_name"),
            "LoaiDoiTuong": .int(1),
            "MaDoiTuong": filer("id_number"),
            "Email": filer("email"),
            "SoDienThoai": filer("phone"),
            "TrichYeuHoSo": .string(dossier.summary ?? procedure.title.vi),
            "NgayTiepNhan": .string(portalTime(dossier.finalizedAt)),
            "HinhThuc": .int(1),
            // How the result is delivered: by post when the citizen asked for it, else the first way the procedure offers.
            "HinhThucNhanKetQua": .string(delivery(procedure, plain)),
            "SoNgayXuLy": .int(procedure.processingDays),
            "TaiLieuNop": .array(taiLieu),
            "DanhSachLePhi": .array(fees(procedure, state)),
            "Form": .object(["Id": .string(form.id), "Version": .string(form.version)]),
            "Answers": .object(byKey),
            "Fields": .object(fields),
            // As the dossier was finalized: a retry after kiosk.conf changed
            // sends the same bytes (else the server answers 409).
            "Station": .object(["Id": .string(dossier.stationID ?? stationID),
                                "AgencyCode": .string(dossier.agencyCode ?? agencyCode)]),
            "MaHoSoTruoc": .array(dossier.earlierCodes.map(JSONOut.string)),
        ]
        // A correction of a dossier the server refused names it (docs/protocol.md).
        if let replaces = dossier.replaces { object["ThayThe"] = .string(replaces) }
        if let state, !procedure.linked.isEmpty {
            object["LienThong"] = .array(state.includedLinkedProcedures.map { l in
                .object(["MaTTHC": .string(l.code), "TenTTHC": .string(l.title.vi),
                         "CoQuan": .string(l.agency?.vi ?? ""), "SoNgayXuLy": .int(l.processingDays)])
            })
        }
        // Sorted keys: the same dossier always makes the same bytes, so a
        // replay is recognised as identical.
        return Data(JSONOut.object(object).bytes)
    }

    /// The answers read into the form again, as on the day the dossier was
    /// finalized, when something sent depends on them: a fee computed from
    /// the answers (per copy, per page, who is exempt), or which linked
    /// procedures the citizen chose. Nil when nothing does (the common case,
    /// kept cheap).
    static func answeredState(_ form: FormDefinition, _ dossier: Dossier, _ answers: [(path: String, key: String?, value: String)]) -> FormState? {
        let p = form.procedure
        guard p.feeField != nil || p.feeExpression != nil || !p.linked.isEmpty else { return nil }
        var state = FormState(form: form, today: VietnamTime(unix: dossier.finalizedAt).date)
        state.load(answers: answers.map { ($0.path, $0.value) })
        return state
    }

    /// The fees: the dossier's own as its answers make it, then one per
    /// linked procedure included that has a fee.
    static func fees(_ p: Procedure, _ state: FormState?) -> [JSONOut] {
        var out: [JSONOut] = [.object(["TenLePhi": .string(p.feeNote?.vi ?? "Lệ phí"), "MucPhi": .int(state?.fee ?? p.feeAmount)])]
        for l in state?.includedLinkedProcedures ?? [] where l.feeAmount > 0 {
            out.append(.object(["TenLePhi": .string(l.feeNote?.vi ?? "Lệ phí " + l.title.vi), "MucPhi": .int(l.feeAmount)]))
        }
        return out
    }

    static func delivery(_ procedure: Procedure, _ answers: [String: String]) -> String {
        if procedure.delivery.contains(.post), answers["dossier.delivery"] == "post" { return "post" }
        return procedure.delivery.first?.rawValue ?? "desk"
    }

    /// yyyyMMddHHmmss in Asia/Ho_Chi_Minh, as the portal writes times.
    public static func portalTime(_ unix: Int) -> String { VietnamTime(unix: unix).portal }
}

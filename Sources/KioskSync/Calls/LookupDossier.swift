import Foundation
import KioskCore

/// `GET /api/v1/dossiers/{code}?verify=`: a dossier as it was sent and as it
/// stands now (docs/protocol.md). Parts of other shapes than the protocol's
/// inside `Answers` and `KetQua` are ignored, not fatal.
public struct DossierLookupAnswer: Decodable, Sendable, Equatable {
    public struct HistoryEntry: Decodable, Sendable, Equatable {
        public var ThoiGian: String?
        public var TrangThaiHoSo: Int?
        public var GhiChu: String?
    }
    public struct Document: Decodable, Sendable, Equatable {
        public var MaThanhPhanHoSo: String?
        public var TenTaiLieu: String?
        public var Nguon: String?
        public var Sha256: String?
        public var MaHoSoGoc: String?
        public var Khoa: String?
    }
    public struct ResultDocument: Decodable, Sendable, Equatable {
        public var TenGiayTo: String?
        public var SoGiayTo: String?
        public var NgayCap: String?
        public var Khoa: [String]?
    }

    public var MaHoSo: String?
    public var MaTTHC: String?
    public var TenTTHC: String?
    public var TrangThaiHoSo: Int?
    public var NgayTiepNhan: String?
    public var NgayHenTra: String?
    public var LichSu: [HistoryEntry]?
    /// By semantic key: a string, or a list for the items of a repeat group.
    public var Answers: [String: AnswerValue]?
    public var TaiLieuNop: [Document]?
    public var MaHoSoTruoc: [String]?
    public var KetQua: [String: AnswerValue]?
    public var DanhSachGiayToKetQua: [ResultDocument]?
    /// The refused submission this dossier corrects, if it is a correction.
    public var ThayThe: String?

    /// An answer's value: text, a number (taken as its text), a list of
    /// those (repeat items); anything else (a list of lists, for a group
    /// inside a group) is `other`, and ignored.
    public enum AnswerValue: Decodable, Sendable, Equatable {
        case text(String)
        case list([String])
        case other

        public init(from decoder: Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let s = try? c.decode(String.self) { self = .text(s) }
            else if let n = try? c.decode(Int.self) { self = .text(String(n)) }
            else if let n = try? c.decode(Double.self) { self = .text(String(n)) }
            else if let l = try? c.decode([AnswerValue].self) {
                // Lists of lists (a group inside a group) are not used: dropping
                // their items would move the others out of place.
                let texts = l.compactMap { if case .text(let s) = $0 { return s } else { return nil } }
                self = texts.count == l.count ? .list(texts) : .other
            } else { self = .other }
        }
    }
}

/// What the server says of a dossier, for `kiosk lookup`.
public struct RemoteDossier: Sendable, Equatable {
    public var dossierCode: String
    public var procedureName: String
    /// The provincial status code (`ProvincialStatus`).
    public var status: Int
    public var dueDate: String?
    public var history: [String]
}

extension DossierLookupAnswer {
    func remoteDossier(code: String) -> RemoteDossier {
        RemoteDossier(dossierCode: MaHoSo ?? code, procedureName: TenTTHC ?? "", status: TrangThaiHoSo ?? 0, dueDate: NgayHenTra,
                      history: (LichSu ?? []).map { "\($0.ThoiGian ?? "") \($0.TrangThaiHoSo ?? 0) \($0.GhiChu ?? "")" })
    }

    /// The earlier dossier for autofill: answers by semantic key, results
    /// (`KetQua`), the documents submitted (`TaiLieuNop`, with `Khoa`) and
    /// issued (`DanhSachGiayToKetQua`).
    func priorDossier(code: String) -> PriorDossier {
        var answers: [String: [String]] = [:]
        for (key, value) in Answers ?? [:] where SemanticKeys.split(key) != nil {
            switch value {
            case .text(let s): answers[key] = [s]
            case .list(let l): answers[key] = l
            case .other: break
            }
        }
        var resultKeys: Set<String> = []
        for (key, value) in KetQua ?? [:] where SemanticKeys.split(key) != nil {
            guard case .text(let s) = value else { continue }
            answers[key] = [s]
            resultKeys.insert(key)
        }
        var documents: [PriorDocument] = []
        for d in TaiLieuNop ?? [] {
            // Only uploaded files can be reused by reference (not papers shown at a desk).
            guard d.Nguon == "file", let key = d.Khoa, SemanticKeys.split(key) != nil else { continue }
            documents.append(PriorDocument(name: d.TenTaiLieu ?? key, keys: [key]))
        }
        for d in DanhSachGiayToKetQua ?? [] {
            let keys = (d.Khoa ?? []).filter { SemanticKeys.split($0) != nil }
            guard !keys.isEmpty else { continue }
            documents.append(PriorDocument(name: d.TenGiayTo ?? keys[0], keys: keys, isResult: true, number: d.SoGiayTo))
        }
        var prior = PriorDossier(code: MaHoSo ?? code, procedureCode: MaTTHC ?? "", procedureName: TenTTHC ?? "", answers: answers,
                                 resultKeys: resultKeys, documents: documents, origin: .server)
        prior.status = TrangThaiHoSo
        prior.dueDate = NgayHenTra
        return prior
    }
}

extension ProvincialClient {
    /// A dossier's status at the server, for a citizen who gives its code
    /// and their id number or phone. Nil: unknown code or wrong
    /// verification (the server answers both the same way).
    public func lookup(dossierCode: String, verify: String) -> Result<RemoteDossier?, SyncError> {
        lookupAnswer(code: dossierCode, verify: verify).map { $0?.remoteDossier(code: dossierCode) }
    }

    /// An earlier dossier for autofill. Nil: unknown code or wrong
    /// verification, which the server answers alike.
    public func priorDossier(code: String, verify: String) -> Result<PriorDossier?, SyncError> {
        lookupAnswer(code: code, verify: verify).map { $0?.priorDossier(code: code) }
    }

    /// The answer, or nil for the 404 of an unknown code or a wrong verification.
    func lookupAnswer(code: String, verify: String) -> Result<DossierLookupAnswer?, SyncError> {
        send("GET", "api/v1/dossiers/\(code)", query: [URLQueryItem(name: "verify", value: verify)]).flatMap { answer in
            if answer.status == 404 { return decode(ErrorAnswer.self, answer).map { _ in nil } }
            guard answer.status == 200 else { return .failure(failure(answer)) }
            return decode(DossierLookupAnswer.self, answer).map { $0 }
        }
    }
}

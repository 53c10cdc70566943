import Foundation
import KioskCore

/// `POST /api/v1/enrol`: a one-time code for the station's identity, token
/// and the province's public keys (docs/protocol.md, "Enrolment"). The one
/// call made without a token.
public struct EnrolAnswer: Codable, Sendable, Equatable {
    public var stationId: String
    public var agencyCode: String
    public var token: String
    /// Ed25519, base64: form bundles are checked against it.
    public var signPublicKey: String?
    /// X25519, base64: dossiers are sealed to it.
    public var sealPublicKey: String?
}

/// Why enrolment did not happen, for the operator in both languages.
public enum EnrolError: Error, Sendable, Equatable {
    case invalidCode
    case codeUsed
    case codeExpired
    case sync(SyncError)
    /// The server answered 201 with something a station cannot use.
    case badAnswer(String)
    /// The answer came, but the station could not write it.
    case cannotWrite(String)

    public var message: LocalizedText {
        switch self {
        case .invalidCode:
            return LocalizedText(vi: "Mã đăng ký không đúng: kiểm tra lại từng ký tự (mã gồm 16 chữ và số, như ABCD-EFGH-JKMN-PQRS).",
                                 en: "The enrolment code is not valid: check each character (16 letters and digits, like ABCD-EFGH-JKMN-PQRS).")
        case .codeUsed:
            return LocalizedText(vi: "Mã đăng ký này đã được dùng. Mỗi mã chỉ dùng một lần: xin bộ phận CNTT của tỉnh một mã mới.",
                                 en: "This enrolment code has already been used. Each code works once: ask the province's IT team for a new one.")
        case .codeExpired:
            return LocalizedText(vi: "Mã đăng ký này đã hết hạn: xin bộ phận CNTT của tỉnh một mã mới.",
                                 en: "This enrolment code has expired: ask the province's IT team for a new one.")
        case .sync(.notTheServer(let why)):
            return LocalizedText(vi: "Địa chỉ này không trả lời như máy chủ tỉnh (\(why)): mạng có thể đòi đăng nhập (wifi công cộng), hoặc địa chỉ bị sai. Trạm chưa thay đổi gì.",
                                 en: "This address does not answer as the provincial server does (\(why)): the network may want a sign-in (public wifi), or the address is wrong. Nothing was changed at the station.")
        case .sync(.offline(let why)):
            return LocalizedText(vi: "Không kết nối được máy chủ tỉnh (\(why)). Trạm chưa thay đổi gì; thử lại khi có mạng (mã vẫn dùng được nếu chưa hết hạn).",
                                 en: "Cannot reach the provincial server (\(why)). Nothing was changed at the station; try again when the network is back (the code still works until it expires).")
        case .sync(.tls(let why)):
            return LocalizedText(vi: "Không lập được kết nối an toàn với máy chủ tỉnh (\(why)). Kiểm tra ngày giờ của máy và [server] ca_file. Trạm chưa thay đổi gì.",
                                 en: "No secure connection to the provincial server (\(why)). Check this machine's date and time and [server] ca_file. Nothing was changed at the station.")
        case .sync(let e):
            return LocalizedText(vi: "Máy chủ tỉnh không nhận đăng ký (\(e.summary)). Trạm chưa thay đổi gì.",
                                 en: "The provincial server did not enrol the station (\(e.summary)). Nothing was changed at the station.")
        case .badAnswer(let why):
            return LocalizedText(vi: "Máy chủ tỉnh trả lời đăng ký không dùng được (\(why)). Trạm chưa thay đổi gì; báo bộ phận CNTT của tỉnh.",
                                 en: "The provincial server's enrolment answer cannot be used (\(why)). Nothing was changed at the station; tell the province's IT team.")
        case .cannotWrite(let why):
            return LocalizedText(vi: "Không ghi được đăng ký của trạm (\(why)). Trạm giữ cấu hình cũ; sửa lỗi rồi chạy lại “kiosk enroll” với cùng mã trước khi mã hết hạn.",
                                 en: "The station's enrolment could not be written (\(why)). The station keeps its old settings; fix it, then run “kiosk enroll” again with the same code before it expires.")
        }
    }
}

extension ProvincialClient {
    /// Exchanges `code` once; the client's settings carry no token.
    /// `requestID`: the same for every try with this code, so that a try
    /// whose answer was lost is answered again, not refused as a second use.
    public func enrol(code: String, requestID: String) -> Result<EnrolAnswer, EnrolError> {
        let body = try? JSONSerialization.data(withJSONObject: ["code": code, "requestId": requestID])
        switch send("POST", "api/v1/enrol", body: body, contentType: "application/json; charset=utf-8") {
        case .failure(let e): return .failure(.sync(e))
        case .success(let answer):
            if answer.status == 201 || answer.status == 200 {
                switch decode(EnrolAnswer.self, answer) {
                case .success(let a): return .success(a)
                case .failure(let e): return .failure(.sync(e))
                }
            }
            let error = (try? decode(ErrorAnswer.self, answer).get())?.error
            switch (answer.status, error) {
            case (403, "invalid_code"): return .failure(.invalidCode)
            case (410, "code_used"): return .failure(.codeUsed)
            case (410, "code_expired"): return .failure(.codeExpired)
            default: return .failure(.sync(failure(answer)))
            }
        }
    }
}

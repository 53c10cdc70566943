import Foundation
import KioskCore
import KioskStore

/// Settings for the client, checked: the token from a file only its owner
/// can read, plain http only to this machine.
public struct SyncSettings: Sendable {
    public var baseURL: URL
    public var token: String
    public var stationID: String
    public var agencyCode: String
    public var timeout: TimeInterval
    /// CA certificates (PEM) to verify the server against instead of the
    /// system's (`[server] ca_file`); nil: the system's.
    public var caFile: String?
    /// The province's key (`[server] seal_public_key`), to seal a dossier
    /// that was finalized without sealed bytes; nil: such a dossier waits.
    public var sealKey: SealKey?

    public init(baseURL: URL, token: String, stationID: String, agencyCode: String, timeout: TimeInterval, caFile: String? = nil,
                sealKey: SealKey? = nil) {
        self.sealKey = sealKey
        self.baseURL = baseURL
        self.token = token
        self.stationID = stationID
        self.agencyCode = agencyCode
        self.timeout = timeout
        self.caFile = caFile
    }

    /// From kiosk.conf. Refuses (with a message for the operator) a token
    /// file readable by others, plain http to another machine, and a CA
    /// file that cannot be read.
    public struct Problem: Error, Sendable {
        public var message: LocalizedText
    }

    public static func from(config: KioskConfig) -> Result<SyncSettings, Problem> {
        guard let url = URL(string: config.serverURL), let host = url.host else {
            return .failure(Problem(message: LocalizedText(vi: "Địa chỉ máy chủ không hợp lệ.", en: "The server URL is not valid.")))
        }
        if url.scheme?.lowercased() == "http" && !["127.0.0.1", "localhost", "::1", "[::1]"].contains(host.lowercased()) {
            return .failure(Problem(message: LocalizedText(vi: "Chỉ được dùng http (không mã hoá) với máy chủ trên chính máy này; hãy dùng https.",
                                                           en: "Plain http is only allowed to this machine; use https.")))
        }
        let path = config.tokenFilePath
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              let data = FileManager.default.contents(atPath: path) else {
            return .failure(Problem(message: LocalizedText(vi: "Không đọc được tệp mã truy cập \(path).", en: "Cannot read the token file \(path).")))
        }
        let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue ?? 0o777
        if mode & 0o077 != 0 {
            return .failure(Problem(message: LocalizedText(vi: "Tệp mã truy cập \(path) để người khác đọc được; hãy chạy: chmod 600 \(path)",
                                                           en: "The token file \(path) is readable by others; run: chmod 600 \(path)")))
        }
        let token = String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline).first.map(String.init)?.trimmed ?? ""
        guard !token.isEmpty else {
            return .failure(Problem(message: LocalizedText(vi: "Tệp mã truy cập \(path) trống.", en: "The token file \(path) is empty.")))
        }
        if let ca = config.caFilePath, !FileManager.default.isReadableFile(atPath: ca) {
            return .failure(Problem(message: LocalizedText(vi: "Không đọc được tệp chứng thư CA \(ca) ([server] ca_file trong kiosk.conf).",
                                                           en: "Cannot read the CA certificate file \(ca) ([server] ca_file in kiosk.conf).")))
        }
        return .success(SyncSettings(baseURL: url, token: token, stationID: config.stationID, agencyCode: config.agencyCode,
                                     timeout: TimeInterval(config.timeoutSeconds), caFile: config.caFilePath,
                                     sealKey: SealKey(base64: config.sealPublicKey)))
    }
}

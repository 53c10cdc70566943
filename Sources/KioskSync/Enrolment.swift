import Foundation
import KioskCore
import KioskStore

/// `kiosk enroll URL CODE` (run by `kiosk-sync enroll URL`, the code on its
/// standard input): the exchange, then what it gave written where the
/// station reads it:
/// - the token to `[server] token_file` (0600, in a 0700 folder);
/// - the station id, agency code, server URL and the province's keys to
///   `[server] enrolment_file` (default `var/enrolment.conf` beside the
///   data, kiosk.conf's format), which `KioskConfig.load` reads after
///   kiosk.conf: kiosk.conf itself (root's, in the package) is never edited.
///
/// Nothing is written unless the whole answer is usable; each file is
/// replaced whole (a temporary file renamed), and a failure after the token
/// is written puts the old token back.
public enum Enrolment {
    public static func enrol(url: String, code: String, config: KioskConfig) -> Result<EnrolAnswer, EnrolError> {
        guard let base = URL(string: url), let scheme = base.scheme?.lowercased(), scheme == "http" || scheme == "https", let host = base.host else {
            return .failure(.sync(.offline("not an http(s) URL: \(url)")))
        }
        if scheme == "http" && !["127.0.0.1", "localhost", "::1", "[::1]"].contains(host.lowercased()) {
            return .failure(.sync(.tls("plain http is only allowed to this machine; use https")))
        }
        let settings = SyncSettings(baseURL: base, token: "", stationID: "", agencyCode: "", timeout: TimeInterval(config.timeoutSeconds),
                                    caFile: config.caFilePath)
        let pending = PendingRequest(code: code, config: config)
        let answer: EnrolAnswer
        switch ProvincialClient(settings: settings).enrol(code: code.trimmingCharacters(in: .whitespacesAndNewlines), requestID: pending.requestID) {
        case .success(let a): answer = a
        case .failure(let e):
            // The code is no use any more: nothing to ask again with it.
            if [.invalidCode, .codeUsed, .codeExpired].contains(e) { pending.drop() }
            return .failure(e)
        }
        let overlay: String
        switch overlayText(answer, url: url, config: config) {
        case .success(let text): overlay = text
        case .failure(let e): return .failure(e)
        }
        // Kept when writing fails: the same code, once the disk is mended, is answered again.
        let written = write(token: answer.token, overlay: overlay, config: config)
        if case .success = written { pending.drop() }
        return written.map { answer }
    }

    /// The request id of a code, kept beside the enrolment file (0600) from
    /// the first try until an answer: a network cut after the server spent
    /// the code is then mended by running `kiosk enroll` again with it. The
    /// file holds the code's SHA-256, never the code.
    struct PendingRequest {
        let path: String
        let requestID: String

        init(code: String, config: KioskConfig) {
            path = config.enrolmentFilePath + ".pending"
            // As the server reads a code: case, spaces and dashes do not matter; O is 0, I and L are 1.
            let normal = String(code.uppercased().filter { $0 != " " && $0 != "-" }.map { c -> Character in
                switch c { case "O": return "0"; case "I", "L": return "1"; default: return c }
            })
            let hash = Crypto.sha256(Array(normal.utf8))
            if let data = FileManager.default.contents(atPath: path),
               let kept = try? JSONDecoder().decode([String: String].self, from: data), kept["code"] == hash, let id = kept["requestId"] {
                requestID = id
            } else {
                requestID = UUID().uuidString.lowercased()
                let record = (try? JSONEncoder().encode(["code": hash, "requestId": requestID])) ?? Data()
                // Without it a lost answer needs a new code; enrolment goes on all the same.
                try? KioskStore.writePrivateFile(Array(record), to: path)
            }
        }

        func drop() { unlink(path) }
    }

    /// The enrolment file's text, checked as kiosk.conf's values are.
    static func overlayText(_ a: EnrolAnswer, url: String, config: KioskConfig) -> Result<String, EnrolError> {
        let token = a.token
        guard !token.isEmpty, token.count <= 512, token.unicodeScalars.allSatisfy({ $0.isASCII && $0.value > 32 && $0.value < 127 }) else {
            return .failure(.badAnswer("token"))
        }
        let sign = a.signPublicKey ?? "", seal = a.sealPublicKey ?? ""
        for value in [a.stationId, a.agencyCode, sign, seal, url] where value.contains(where: { $0.isNewline || $0 == "#" || $0 == "\"" }) {
            return .failure(.badAnswer("a value with a line break"))
        }
        let text = """
            # This station's enrolment, written by “kiosk enroll” at \(VietnamTime(unix: Int(Date().timeIntervalSince1970)).dateAndClock).
            # Read after kiosk.conf: its values win. Enrol again to change them.
            [station]
            id = \(a.stationId)
            agency_code = \(a.agencyCode)
            [server]
            url = \(url)
            seal_public_key = \(seal)
            sign_public_key = \(sign)

            """
        do {
            _ = try KioskConfig.parse(Array(text.utf8), file: config.enrolmentFilePath, baseDirectory: config.baseDirectory)
        } catch {
            return .failure(.badAnswer(error.diagnostics.map { $0.text(.en) }.joined(separator: "; ")))
        }
        return .success(text)
    }

    static func write(token: String, overlay: String, config: KioskConfig) -> Result<Void, EnrolError> {
        let tokenPath = config.tokenFilePath
        let previous = FileManager.default.contents(atPath: tokenPath)
        do {
            try KioskStore.writePrivateFile(Array((token + "\n").utf8), to: tokenPath)
        } catch {
            return .failure(.cannotWrite(error.userMessage.en))
        }
        do {
            try KioskStore.writePrivateFile(Array(overlay.utf8), to: config.enrolmentFilePath)
        } catch {
            if let previous { try? KioskStore.writePrivateFile(Array(previous), to: tokenPath) } else { unlink(tokenPath) }
            return .failure(.cannotWrite(error.userMessage.en))
        }
        return .success(())
    }
}

import Foundation
import KioskCore
import KioskStore

/// A signed form bundle as published by the province (docs/protocol.md,
/// "Form bundles"; made by `server.py sign-bundle`):
///
///     motcua-forms-bundle 1\n
///     signature <base64 Ed25519 signature of everything after this line>\n
///     <manifest, one line of JSON>\n
///     <the bytes of each file of the manifest, in its order>
///
/// `FormBundle.open` checks, in this order, and refuses with a reason: the
/// shape, the signature against the enrolled key, the manifest, each file's
/// name, size and SHA-256. Whether the forms load is the installer's check.
public struct FormBundle: Sendable {
    public struct File: Codable, Sendable, Equatable {
        public var path: String
        public var size: Int
        public var sha256: String
    }

    struct Manifest: Codable {
        var format: Int
        var version: String
        var created: String?
        var files: [File]
    }

    public var version: String
    /// The files and their bytes, in the manifest's order.
    public var files: [(file: File, bytes: ArraySlice<UInt8>)]

    static let magic = Array("motcua-forms-bundle 1\n".utf8)

    /// The bytes of a bundle, checked against the province's key.
    public static func open(_ bytes: [UInt8], key: SigningKey) -> Result<FormBundle, BundleRefusal> {
        guard bytes.starts(with: magic) else { return .failure(.notABundle) }
        var at = magic.count
        guard let end = bytes[at...].firstIndex(of: UInt8(ascii: "\n")) else { return .failure(.notABundle) }
        let line = String(decoding: bytes[at..<end], as: UTF8.self)
        guard line.hasPrefix("signature "), let signature = Data(base64Encoded: String(line.dropFirst("signature ".count))) else {
            return .failure(.unsigned)
        }
        at = end + 1
        let signed = bytes[at...]
        guard key.verifies(Array(signature), over: signed) else { return .failure(.badSignature) }
        // Signed by the province: from here on a fault is the province's
        // mistake, not an attack, but it is refused all the same.
        guard let manifestEnd = signed.firstIndex(of: UInt8(ascii: "\n")),
              let manifest = try? JSONDecoder().decode(Manifest.self, from: Data(signed[signed.startIndex..<manifestEnd])),
              manifest.format == 1, FormBundleState.versionParts(manifest.version) != nil else {
            return .failure(.broken(LocalizedText(vi: "không đọc được danh mục của gói", en: "its manifest cannot be read")))
        }
        var files: [(File, ArraySlice<UInt8>)] = []
        var offset = manifestEnd + 1
        var seen: Set<String> = []
        for file in manifest.files {
            guard isAllowed(file.path), seen.insert(file.path).inserted, file.size >= 0, offset + file.size <= bytes.count else {
                return .failure(.broken(LocalizedText(vi: "tệp không hợp lệ trong gói: \(file.path)", en: "a file the bundle may not hold: \(file.path)")))
            }
            let chunk = bytes[offset..<(offset + file.size)]
            guard Crypto.sha256(Array(chunk)) == file.sha256 else {
                return .failure(.broken(LocalizedText(vi: "tệp \(file.path) không khớp mã băm", en: "the file \(file.path) does not match its hash")))
            }
            files.append((file, chunk))
            offset += file.size
        }
        guard offset == bytes.count else {
            return .failure(.broken(LocalizedText(vi: "gói có dữ liệu thừa sau các tệp", en: "the bundle has bytes after its files")))
        }
        return .success(FormBundle(version: manifest.version, files: files))
    }

    /// `NAME.json` at the top, `datasets/NAME.csv`: nothing else, nothing
    /// that climbs out of the folder.
    static func isAllowed(_ path: String) -> Bool {
        var name = Substring(path)
        let isDataset = name.hasPrefix("datasets/")
        if isDataset { name = name.dropFirst("datasets/".count) }
        guard (1...100).contains(name.count), name.hasSuffix(isDataset ? ".csv" : ".json"), let first = name.first,
              first.isASCII, first.isLetter || first.isNumber else { return false }
        return name.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "._-".unicodeScalars.contains($0)) }
    }
}

/// Why a bundle is not installed: said in `kiosk status` and on the
/// operator's screen; the station keeps the forms it has.
public enum BundleRefusal: Error, Sendable, Equatable {
    case notABundle
    case unsigned
    case badSignature
    /// No `[server] sign_public_key`: the station has not been enrolled.
    case noSigningKey
    /// Fewer (or other) bytes than the server announced: a download cut off.
    case incomplete(expected: Int, got: Int)
    case older(offered: String, installed: String)
    case broken(LocalizedText)
    /// Signed, but its forms do not load (`kiosk forms check`): the count and the first errors.
    case formsDoNotLoad(errors: Int, first: String)
    /// The station could not write it (a full disk, permissions).
    case cannotInstall(String)

    /// Tried again at the next check (the same bytes would fail the same way otherwise).
    public var isPermanent: Bool {
        switch self {
        case .incomplete, .cannotInstall, .noSigningKey: return false
        default: return true
        }
    }

    public var message: LocalizedText {
        switch self {
        case .notABundle:
            return LocalizedText(vi: "Tệp tải về không phải gói biểu mẫu.", en: "The file downloaded is not a form bundle.")
        case .unsigned:
            return LocalizedText(vi: "Gói biểu mẫu không có chữ ký của tỉnh.", en: "The form bundle carries no signature of the province.")
        case .badSignature:
            return LocalizedText(vi: "Chữ ký của gói biểu mẫu không khớp khoá ký của tỉnh (gói bị sửa, hoặc không phải của tỉnh).",
                                 en: "The form bundle's signature does not match the province's signing key (altered, or not the province's).")
        case .noSigningKey:
            return LocalizedText(vi: "Trạm chưa có khoá ký biểu mẫu của tỉnh ([server] sign_public_key): hãy đăng ký trạm (kiosk enroll).",
                                 en: "The station has no form-signing key of the province ([server] sign_public_key): enrol the station (kiosk enroll).")
        case .incomplete(let expected, let got):
            return LocalizedText(vi: "Gói biểu mẫu tải về không đủ (\(got) trên \(expected) byte): sẽ tải lại sau.",
                                 en: "The form bundle downloaded is incomplete (\(got) of \(expected) bytes): it will be downloaded again later.")
        case .older(let offered, let installed):
            return LocalizedText(vi: "Máy chủ đưa gói biểu mẫu \(offered), cũ hơn gói đang dùng \(installed): không cài.",
                                 en: "The server offers form bundle \(offered), older than \(installed) in use: not installed.")
        case .broken(let why):
            return LocalizedText(vi: "Gói biểu mẫu hỏng: \(why.vi).", en: "The form bundle is broken: \(why.en).")
        case .formsDoNotLoad(let errors, let first):
            return LocalizedText(vi: "Biểu mẫu trong gói có \(errors) lỗi (kiosk forms check), ví dụ: \(first)",
                                 en: "The bundle's forms have \(errors) error\(errors == 1 ? "" : "s") (kiosk forms check), e.g.: \(first)")
        case .cannotInstall(let why):
            return LocalizedText(vi: "Không ghi được gói biểu mẫu vào trạm (\(why)).", en: "The form bundle could not be written at the station (\(why)).")
        }
    }
}

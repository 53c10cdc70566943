import Foundation

/// What a station runs with, read from `kiosk.conf`. Every key has a default
/// that works from a fresh clone, so an empty file is a valid configuration.
public struct KioskConfig: Sendable, Equatable {
    public enum Theme: String, Sendable, CaseIterable { case `default`, highContrast = "high-contrast" }

    // [station]
    public var stationID = "KIOSK-01"
    public var stationName = "Một Cửa"
    public var agencyCode = "000.00.00.H49"
    public var provinceCode = "22"
    // [server]
    public var serverURL = "http://127.0.0.1:8088"
    public var tokenFile = "var/station.token"
    public var timeoutSeconds = 15
    /// CA certificates (PEM) to verify the https server against, instead of
    /// the system's: a province running its own CA. Empty: the system's.
    public var caFile = ""
    /// The province's X25519 public key (base64, 32 bytes): finalized
    /// dossiers are sealed to it for upload (docs/protocol.md, "Sealed
    /// bodies"). Empty: dossiers are kept and not sent until it is set.
    public var sealPublicKey = ""
    /// The province's Ed25519 form-signing key (base64, 32 bytes), from
    /// enrolment: a form bundle is installed only when signed with it.
    public var signPublicKey = ""
    /// What `kiosk enroll` wrote (station id, agency code, server URL, the
    /// province's keys): read after this file, its values win.
    public var enrolmentFile = "var/enrolment.conf"
    // [storage]
    public var database = "var/kiosk.sqlite"
    public var attachments = "var/attachments"
    public var retentionDays = 30
    // [ui]
    public var language = Language.vi
    public var theme = Theme.default
    public var idleTimeoutSeconds = 120
    public var inputMethod = InputMethodKind.telex
    public var toneStyle = ToneStyle.old
    // [forms]
    public var formsDirectory = "Forms"
    /// Where `kiosk-sync` installs signed form bundles (`<version>/` and a
    /// `current` link); a folder the station owns.
    public var formsUpdates = "var/forms"
    // [printer]
    public var printerCommand = ""
    // [security]
    /// A key file that unlocks the station's data with nobody at it (empty:
    /// the operator types the station passphrase at start).
    public var keyFile = ""
    /// `[scanner] device`: a card scanner that presents a serial port
    /// (`/dev/ttyACM0`); empty: none (a keyboard-mode scanner needs nothing).
    public var scannerDevice = ""
    /// `[scanner] documents`: the SANE device documents are scanned with
    /// (`scanimage -L` names them, e.g. `genesys:libusb:001:004`); empty:
    /// the first one SANE finds; `none`: no scanning at this station.
    public var documentScanner = ""
    /// `[documents] folders`: the only folders the attach picker browses
    /// (USB sticks are mounted under /media), comma-separated.
    public var documentFolders = ["/media", "/run/media"]
    /// `[documents] max_file_mb`: the largest file the picker takes.
    public var documentMaxMB = 20

    /// The folder relative paths are resolved against (the config file's folder).
    public var baseDirectory: String
    /// The file it was read from (nil: the defaults), for helper processes.
    public var sourcePath: String?

    public init(baseDirectory: String) {
        self.baseDirectory = baseDirectory
    }

    /// `path` as an absolute path: relative paths count from the config file's folder.
    public func resolve(_ path: String) -> String {
        if path.hasPrefix("/") || path.isEmpty { return path }
        return URL(fileURLWithPath: baseDirectory).appendingPathComponent(path).standardizedFileURL.path
    }

    public var databasePath: String { resolve(database) }
    public var attachmentsPath: String { resolve(attachments) }
    /// The forms in use: the installed bundle (`[forms] updates`/current,
    /// resolved to its version's folder) when there is one, else `[forms] directory`.
    public var formsPath: String {
        let current = (formsUpdatesPath as NSString).appendingPathComponent("current")
        var isDir: ObjCBool = false
        if let target = try? FileManager.default.destinationOfSymbolicLink(atPath: current),
           FileManager.default.fileExists(atPath: current, isDirectory: &isDir), isDir.boolValue {
            return URL(fileURLWithPath: target, relativeTo: URL(fileURLWithPath: formsUpdatesPath, isDirectory: true)).standardizedFileURL.path
        }
        return shippedFormsPath
    }
    /// `[forms] directory`: the forms shipped with the kiosk.
    public var shippedFormsPath: String { resolve(formsDirectory) }
    public var formsUpdatesPath: String { resolve(formsUpdates) }
    public var enrolmentFilePath: String { resolve(enrolmentFile) }
    public var tokenFilePath: String { resolve(tokenFile) }
    /// Nil when the station is unlocked by its passphrase.
    /// The attach picker's roots, resolved against the config's folder.
    public var documentFolderPaths: [String] { documentFolders.map(resolve) }
    public var keyFilePath: String? { keyFile.isEmpty ? nil : resolve(keyFile) }
    /// Nil when the system's CA certificates are used.
    public var caFilePath: String? { caFile.isEmpty ? nil : resolve(caFile) }
}

/// One warning or error about a config file, with the line it concerns
/// (0: the whole file, which could not be read).
public struct ConfigDiagnostic: Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var isError: Bool
    public var message: LocalizedText

    public func text(_ language: Language) -> String {
        let kind = isError ? (language == .vi ? "lỗi" : "error") : (language == .vi ? "cảnh báo" : "warning")
        return "\(line == 0 ? file : "\(file):\(line)"): \(kind): \(message.text(language))"
    }

    public var description: String { text(.en) }
}

public struct ConfigError: Error, Sendable {
    public var diagnostics: [ConfigDiagnostic]
}

extension KioskConfig {
    /// Reads and checks a config file. Unknown keys are warnings; bad values
    /// and malformed lines are errors (all of them are collected, not just the
    /// first). Throws `ConfigError` when there is at least one error.
    public static func load(path: String) throws(ConfigError) -> (KioskConfig, [ConfigDiagnostic]) {
        let url = URL(fileURLWithPath: path)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigError(diagnostics: [ConfigDiagnostic(
                file: path, line: 0, isError: true,
                message: LocalizedText(vi: "không đọc được tệp cấu hình (không có hoặc không có quyền đọc)",
                                       en: "cannot read the configuration file (missing or not readable)"))])
        }
        let base = url.deletingLastPathComponent().standardizedFileURL.path
        var (config, diagnostics) = try parse(Array(data), file: path, baseDirectory: base)
        config.sourcePath = url.standardizedFileURL.path
        let (enrolled, more) = try config.withEnrolment()
        return (enrolled, diagnostics + more)
    }

    /// This configuration with the station's enrolment (what `kiosk enroll`
    /// wrote to `[server] enrolment_file`) over it, when there is one; also
    /// for a station run on the defaults, without a kiosk.conf.
    public func withEnrolment() throws(ConfigError) -> (KioskConfig, [ConfigDiagnostic]) {
        let enrolment = enrolmentFilePath
        guard let overlay = FileManager.default.contents(atPath: enrolment) else { return (self, []) }
        var (enrolled, diagnostics) = try Self.parse(Array(overlay), file: enrolment, baseDirectory: baseDirectory, over: self)
        enrolled.enrolmentFile = enrolmentFile
        return (enrolled, diagnostics)
    }

    /// Whether `kiosk enroll` has written this station's enrolment.
    public var isEnrolled: Bool { FileManager.default.fileExists(atPath: enrolmentFilePath) }

    public static func parse(_ bytes: [UInt8], file: String, baseDirectory: String, over start: KioskConfig? = nil) throws(ConfigError) -> (KioskConfig, [ConfigDiagnostic]) {
        var config = start ?? KioskConfig(baseDirectory: baseDirectory)
        var diagnostics: [ConfigDiagnostic] = []
        func warn(_ line: Int, _ vi: String, _ en: String) {
            diagnostics.append(ConfigDiagnostic(file: file, line: line, isError: false, message: LocalizedText(vi: vi, en: en)))
        }
        func error(_ line: Int, _ vi: String, _ en: String) {
            diagnostics.append(ConfigDiagnostic(file: file, line: line, isError: true, message: LocalizedText(vi: vi, en: en)))
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            // The line of the first bad byte (the validation above agrees on which bytes are bad).
            let line = SourceLocation.firstInvalidUTF8(in: bytes)?.line ?? 1
            throw ConfigError(diagnostics: [ConfigDiagnostic(file: file, line: line, isError: true,
                message: LocalizedText(vi: "tệp cấu hình không phải UTF-8", en: "the configuration file is not UTF-8"))])
        }

        var section = ""
        var seen: Set<String> = []
        for (offset, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let number = offset + 1
            let line = rawLine.trimmingCharacters(in: .whitespaces.union(CharacterSet(charactersIn: "\r")))
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            if line.hasPrefix("[") {
                guard line.hasSuffix("]") else {
                    error(number, "thiếu dấu ] đóng tên mục", "a section header needs a closing ]")
                    continue
                }
                section = line.dropFirst().dropLast().trimmingCharacters(in: .whitespaces).lowercased()
                if !Self.keys.keys.contains(section) {
                    warn(number, "mục [\(section)] không được dùng; bỏ qua", "unknown section [\(section)]; ignored")
                }
                continue
            }
            guard let eq = line.firstIndex(of: "=") else {
                error(number, "dòng phải có dạng khoá = giá trị", "expected a line of the form key = value")
                continue
            }
            let key = line[..<eq].trimmingCharacters(in: .whitespaces).lowercased()
            var value = line[line.index(after: eq)...].trimmingCharacters(in: .whitespaces)
            // A value may be quoted to keep leading spaces or a '#'; otherwise
            // ' #' starts a trailing comment.
            if value.hasPrefix("\""), value.count >= 2, value.hasSuffix("\"") {
                value = String(value.dropFirst().dropLast())
            } else if let hash = value.range(of: " #") {
                value = value[..<hash.lowerBound].trimmingCharacters(in: .whitespaces)
            }
            guard section != "" else {
                error(number, "khoá \(key) đứng ngoài mọi mục [..]", "key \(key) is outside any [section]")
                continue
            }
            guard let known = Self.keys[section] else { continue } // warned at the header
            guard known.contains(key) else {
                warn(number, "khoá không được dùng: \(key) trong [\(section)]; bỏ qua",
                     "unknown key \(key) in [\(section)]; ignored")
                continue
            }
            let qualified = "\(section).\(key)"
            if !seen.insert(qualified).inserted {
                warn(number, "khoá \(key) lặp lại trong [\(section)]; dùng giá trị sau cùng",
                     "key \(key) repeated in [\(section)]; the last value wins")
            }
            if let problem = config.set(qualified, value) {
                error(number, "giá trị sai cho \(key): \(problem.vi)", "bad value for \(key): \(problem.en)")
            }
        }
        if diagnostics.contains(where: \.isError) { throw ConfigError(diagnostics: diagnostics) }
        return (config, diagnostics)
    }

    static let keys: [String: Set<String>] = [
        "station": ["id", "name", "agency_code", "province_code"],
        "server": ["url", "token_file", "timeout_seconds", "ca_file", "seal_public_key", "sign_public_key", "enrolment_file"],
        "storage": ["database", "attachments", "retention_days"],
        "ui": ["language", "theme", "idle_timeout_seconds", "input_method", "tone_style"],
        "forms": ["directory", "updates"],
        "printer": ["command"],
        "security": ["key_file"],
        "scanner": ["device", "documents"],
        "documents": ["folders", "max_file_mb"],
    ]

    /// Sets one value; returns what is wrong with it (naming the accepted
    /// values), or nil.
    private mutating func set(_ key: String, _ value: String) -> LocalizedText? {
        func oneOf<T: RawRepresentable & CaseIterable>(_ type: T.Type, _ apply: (T) -> Void) -> LocalizedText? where T.RawValue == String {
            if let v = T(rawValue: value.lowercased()) { apply(v); return nil }
            let accepted = T.allCases.map(\.rawValue).joined(separator: "|")
            return LocalizedText(vi: "“\(value)”; chấp nhận: \(accepted)", en: "“\(value)”; accepted: \(accepted)")
        }
        func integer(_ range: ClosedRange<Int>, _ apply: (Int) -> Void) -> LocalizedText? {
            if let v = Int(value), range.contains(v) { apply(v); return nil }
            return LocalizedText(vi: "“\(value)”; cần một số nguyên từ \(range.lowerBound) đến \(range.upperBound)",
                                 en: "“\(value)”; expected a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        func nonEmpty(_ apply: (String) -> Void) -> LocalizedText? {
            if value.isEmpty { return LocalizedText(vi: "không được để trống", en: "must not be empty") }
            apply(value)
            return nil
        }
        switch key {
        case "station.id":
            guard !value.isEmpty, value.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_") }) else {
                return LocalizedText(vi: "“\(value)”; chỉ dùng chữ cái không dấu, chữ số, - và _",
                                     en: "“\(value)”; use ASCII letters, digits, - and _ only")
            }
            stationID = value
        case "station.name": return nonEmpty { stationName = VietnameseText.normalize($0) }
        case "station.agency_code":
            switch AgencyCode.parse(value) {
            case .success(let code): agencyCode = code.description
            case .failure(let e):
                return LocalizedText(vi: "“\(value)”: \(e.message.vi) (dạng 000.00.00.H49)",
                                     en: "“\(value)”: \(e.message.en) (shape 000.00.00.H49)")
            }
        case "station.province_code":
            guard value.count == 2, value.allSatisfy(\.isASCIIDigitCharacter) else {
                return LocalizedText(vi: "“\(value)”; cần mã tỉnh 2 chữ số (từ 1/7/2025), ví dụ 22",
                                     en: "“\(value)”; expected a 2-digit province code (from 1 July 2025), e.g. 22")
            }
            provinceCode = value
        case "server.url":
            guard let url = URL(string: value), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https", url.host != nil else {
                return LocalizedText(vi: "“\(value)”; cần một địa chỉ http:// hoặc https://",
                                     en: "“\(value)”; expected an http:// or https:// URL")
            }
            serverURL = value
        case "server.token_file": return nonEmpty { tokenFile = $0 }
        case "server.timeout_seconds": return integer(1...600) { timeoutSeconds = $0 }
        case "server.ca_file": caFile = value
        case "server.seal_public_key":
            guard value.isEmpty || Data(base64Encoded: value)?.count == 32 else {
                return LocalizedText(vi: "“\(value)”; cần khoá công khai X25519 của tỉnh, 32 byte viết base64 (44 ký tự)",
                                     en: "“\(value)”; expected the province's X25519 public key, 32 bytes in base64 (44 characters)")
            }
            sealPublicKey = value
        case "server.sign_public_key":
            guard value.isEmpty || Data(base64Encoded: value)?.count == 32 else {
                return LocalizedText(vi: "“\(value)”; cần khoá công khai Ed25519 ký biểu mẫu của tỉnh, 32 byte viết base64 (44 ký tự)",
                                     en: "“\(value)”; expected the province's Ed25519 form-signing public key, 32 bytes in base64 (44 characters)")
            }
            signPublicKey = value
        case "server.enrolment_file": return nonEmpty { enrolmentFile = $0 }
        case "forms.updates": return nonEmpty { formsUpdates = $0 }
        case "storage.database": return nonEmpty { database = $0 }
        case "storage.attachments": return nonEmpty { attachments = $0 }
        case "storage.retention_days": return integer(1...3650) { retentionDays = $0 }
        case "ui.language": return oneOf(Language.self) { language = $0 }
        case "ui.theme": return oneOf(Theme.self) { theme = $0 }
        case "ui.idle_timeout_seconds": return integer(10...3600) { idleTimeoutSeconds = $0 }
        case "ui.input_method": return oneOf(InputMethodKind.self) { inputMethod = $0 }
        case "ui.tone_style": return oneOf(ToneStyle.self) { toneStyle = $0 }
        case "forms.directory": return nonEmpty { formsDirectory = $0 }
        case "printer.command": printerCommand = value
        case "security.key_file": keyFile = value
        case "scanner.device": scannerDevice = value
        case "scanner.documents": documentScanner = value
        case "documents.folders":
            documentFolders = value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        case "documents.max_file_mb": return integer(1...200) { documentMaxMB = $0 }
        default: break
        }
        return nil
    }
}

extension Character {
    var isASCIIDigitCharacter: Bool { isASCII && isWholeNumber }
}

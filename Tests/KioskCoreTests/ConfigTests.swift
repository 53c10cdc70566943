import XCTest
@testable import KioskCore

final class ConfigTests: XCTestCase {
    private func parse(_ text: String) throws(ConfigError) -> (KioskConfig, [ConfigDiagnostic]) {
        try KioskConfig.parse(Array(text.utf8), file: "k.conf", baseDirectory: "/srv/kiosk")
    }

    func testShippedConfigIsValidAndComplete() throws {
        let (config, warnings) = try KioskConfig.load(path: packageRoot + "/kiosk.conf")
        XCTAssertEqual(warnings, [])
        XCTAssertEqual(config.databasePath, packageRoot + "/var/kiosk.sqlite")
        XCTAssertEqual(config.formsPath, packageRoot + "/Forms")
        XCTAssertEqual(config.serverURL, "http://127.0.0.1:8088")
        XCTAssertNil(config.caFilePath, "the system's CA certificates unless a province gives its own")
        // Every key the parser knows is present in the shipped file.
        let text = try String(contentsOfFile: packageRoot + "/kiosk.conf", encoding: .utf8)
        for (section, keys) in KioskConfig.keys {
            XCTAssertTrue(text.contains("[\(section)]"), section)
            for key in keys { XCTAssertTrue(text.contains("\n\(key) ="), "\(section).\(key)") }
        }
    }

    func testValuesDefaultsAndRelativePaths() throws {
        let (config, warnings) = try parse("""
        # comment
        [station]
        name = Bưu điện Lâm Hà   # trailing comment
        agency_code = 000.25.01.H49
        [storage]
        database = /data/k.sqlite
        attachments = files
        [ui]
        language = en
        tone_style = modern
        input_method = vni
        """)
        XCTAssertEqual(warnings, [])
        XCTAssertEqual(config.stationName, "Bưu điện Lâm Hà")
        XCTAssertEqual(config.agencyCode, "000.25.01.H49")
        XCTAssertEqual(config.databasePath, "/data/k.sqlite")
        XCTAssertEqual(config.attachmentsPath, "/srv/kiosk/files")
        XCTAssertEqual(config.language, .en)
        XCTAssertEqual(config.toneStyle, .modern)
        XCTAssertEqual(config.inputMethod, .vni)
        XCTAssertEqual(config.retentionDays, 30, "an absent key keeps its default")
        XCTAssertEqual(try parse("").0, KioskConfig(baseDirectory: "/srv/kiosk"), "an empty file is valid")
    }

    func testUnknownKeyIsAWarningWithItsLine() throws {
        let (_, warnings) = try parse("[ui]\nlanguage = vi\ncolour = blue\n[extra]\nx = 1\n")
        XCTAssertEqual(warnings.map(\.line), [3, 4])
        XCTAssertFalse(warnings[0].isError)
        XCTAssertEqual(warnings[0].text(.en), "k.conf:3: warning: unknown key colour in [ui]; ignored")
    }

    func testBadValuesAreErrorsNamingLineAndAcceptedValues() {
        XCTAssertThrowsError(try parse("[ui]\nlanguage = fr\ntheme = dark\n[server]\ntimeout_seconds = 0\nurl = ftp://x\n[station]\nagency_code = H49\nno equals sign\n")) { error in
            let d = (error as! ConfigError).diagnostics
            XCTAssertEqual(d.map(\.line), [2, 3, 5, 6, 8, 9])
            XCTAssertTrue(d.allSatisfy(\.isError))
            XCTAssertEqual(d[0].text(.en), "k.conf:2: error: bad value for language: “fr”; accepted: vi|en")
            XCTAssertEqual(d[1].message.en, "bad value for theme: “dark”; accepted: default|high-contrast")
            XCTAssertEqual(d[2].message.en, "bad value for timeout_seconds: “0”; expected a whole number from 1 to 600")
            XCTAssertTrue(d[0].text(.vi).hasPrefix("k.conf:2: lỗi: giá trị sai cho language"))
        }
    }

    func testNonUTF8FileIsAnError() {
        XCTAssertThrowsError(try KioskConfig.parse([0x5B, 0xFF, 0x5D], file: "k.conf", baseDirectory: "/")) { error in
            XCTAssertEqual((error as! ConfigError).diagnostics.first?.message.en, "the configuration file is not UTF-8")
        }
    }

    /// A file that cannot be read is named without a line (no `:0`).
    func testAnUnreadableFileIsNamedWithoutALine() {
        XCTAssertThrowsError(try KioskConfig.load(path: "/nonexistent/k.conf")) { error in
            XCTAssertEqual((error as! ConfigError).diagnostics.map { $0.text(.en) },
                           ["/nonexistent/k.conf: error: cannot read the configuration file (missing or not readable)"])
        }
    }

    /// The bad byte's own line, counted in newlines up to it, not line 0.
    func testNonUTF8ByteIsReportedOnItsLine() {
        let bytes = Array("[station]\nid = LH-01\n# tên trạm\n\nname = B".utf8) + [0xE0, 0x20] + Array("Nà\n[ui]\nlanguage = vi\n".utf8)
        XCTAssertThrowsError(try KioskConfig.parse(bytes, file: "k.conf", baseDirectory: "/")) { error in
            let d = (error as! ConfigError).diagnostics
            XCTAssertEqual(d.map { $0.text(.en) }, ["k.conf:5: error: the configuration file is not UTF-8"])
        }
    }

    /// `[server] ca_file`: a province's own CA, relative to the file's folder.
    func testCAFileIsResolvedAndEmptyMeansTheSystems() throws {
        XCTAssertEqual(try parse("[server]\nca_file = etc/province-ca.pem\n").0.caFilePath, "/srv/kiosk/etc/province-ca.pem")
        XCTAssertEqual(try parse("[server]\nca_file = /etc/ssl/province.pem\n").0.caFilePath, "/etc/ssl/province.pem")
        XCTAssertNil(try parse("[server]\nca_file =\n").0.caFilePath)
    }

    /// `[server] seal_public_key`: the province's X25519 key in base64, or
    /// empty (dossiers wait); anything else is refused with what is expected.
    func testSealPublicKeyIsThirtyTwoBytesOfBase64OrEmpty() throws {
        XCTAssertEqual(try parse("[server]\nseal_public_key = kygzgCXduXJf8nx8LNpP0uFnyOTNFmGPIy9CwE5uKg4=\n").0.sealPublicKey,
                       "kygzgCXduXJf8nx8LNpP0uFnyOTNFmGPIy9CwE5uKg4=")
        XCTAssertEqual(try parse("[server]\nseal_public_key =\n").0.sealPublicKey, "")
        XCTAssertEqual(try parse("").0.sealPublicKey, "", "no key unless one is configured")
        XCTAssertThrowsError(try parse("[server]\nseal_public_key = a2V5\n")) { error in
            let d = (error as! ConfigError).diagnostics
            XCTAssertEqual(d.count, 1)
            XCTAssertTrue(d[0].text(.en).contains("X25519"), d[0].text(.en))
            XCTAssertTrue(d[0].text(.vi).contains("khoá công khai"), d[0].text(.vi))
        }
        let (shipped, _) = try KioskConfig.load(path: packageRoot + "/kiosk.conf")
        XCTAssertFalse(shipped.sealPublicKey.isEmpty, "the demonstration key, for the one-command run")
    }
}

/// What `kiosk enroll` writes beside kiosk.conf, read after it, and the
/// forms folder that follows an installed bundle.
final class EnrolmentConfigTests: XCTestCase {
    func testTheEnrolmentFileWinsAndAnInstalledBundleIsTheFormsInUse() throws {
        let dir = NSTemporaryDirectory() + "kiosk-conf-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(atPath: dir + "/var/forms/2026.12.1", withIntermediateDirectories: true)
        try """
        [station]
        id = KIOSK-01
        agency_code = 000.00.00.H49
        [server]
        url = http://127.0.0.1:8088
        """.write(toFile: dir + "/kiosk.conf", atomically: true, encoding: .utf8)
        var (config, _) = try KioskConfig.load(path: dir + "/kiosk.conf")
        XCTAssertFalse(config.isEnrolled)
        XCTAssertEqual(config.formsPath, dir + "/Forms", "no bundle installed: the shipped forms")
        let sign = Data(repeating: 7, count: 32).base64EncodedString()
        try """
        [station]
        id = H22-0001
        agency_code = 000.00.00.H22
        [server]
        url = https://motcua.example.gov.vn
        sign_public_key = \(sign)
        """.write(toFile: dir + "/var/enrolment.conf", atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: dir + "/var/forms/current", withDestinationPath: "2026.12.1")
        (config, _) = try KioskConfig.load(path: dir + "/kiosk.conf")
        XCTAssertTrue(config.isEnrolled)
        XCTAssertEqual(config.stationID, "H22-0001")
        XCTAssertEqual(config.agencyCode, "000.00.00.H22")
        XCTAssertEqual(config.serverURL, "https://motcua.example.gov.vn")
        XCTAssertEqual(config.signPublicKey, sign)
        XCTAssertEqual(config.formsPath, dir + "/var/forms/2026.12.1")
        XCTAssertEqual(config.shippedFormsPath, dir + "/Forms")
        // A wrong value there is an error naming that file and line.
        try "[server]\nsign_public_key = nope\n".write(toFile: dir + "/var/enrolment.conf", atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try KioskConfig.load(path: dir + "/kiosk.conf")) { error in
            let d = (error as? ConfigError)?.diagnostics.first
            XCTAssertEqual(d?.file, dir + "/var/enrolment.conf")
            XCTAssertEqual(d?.line, 2)
            XCTAssertTrue(d?.message.en.contains("form-signing public key") ?? false)
        }
    }

    func testBundleVersionsCompareNumberByNumber() {
        XCTAssertTrue(FormBundleState.isNewer("2026.12.10", than: "2026.12.9"))
        XCTAssertTrue(FormBundleState.isNewer("2027", than: "2026.12.1"))
        XCTAssertFalse(FormBundleState.isNewer("2026.12", than: "2026.12.0"))
        XCTAssertFalse(FormBundleState.isNewer("v2", than: "1"))
        XCTAssertNil(FormBundleState.versionParts("1..2"))
        XCTAssertNil(FormBundleState.versionParts("1.2.3.4.5"))
    }
}

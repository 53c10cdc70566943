import Foundation
import XCTest
import KioskCore
import KioskStore
import KioskTestSupport

/// Issue 18 as a helper at the desk does it, in a real terminal (tmux,
/// 80x24): two pages scanned with SANE's test backend, one turned, a PDF
/// attached from an allowed folder, the dossier finalized; the station's
/// worker uploads through a line that drops in the middle of a document,
/// and the reference server ends holding both documents, sent sealed, and
/// the dossier, each exactly once.
final class DocumentUploadEndToEndTests: XCTestCase {
    private var kiosk: TmuxKiosk!
    private var dir = ""

    override func setUpWithError() throws {
        dir = NSTemporaryDirectory() + "kiosk-docs-e2e-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir + "/import", withIntermediateDirectories: true)
        kiosk = try TmuxKiosk(dir: dir)
    }

    override func tearDownWithError() throws {
        _ = try? kiosk?.tmux(["kill-server"])
        try? FileManager.default.removeItem(atPath: dir)
    }

    func testScanTwoPagesTurnOneAttachAPDFFinalizeAndTheServerHoldsBothSealedOnceAfterACut() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/scanimage") else {
            throw XCTSkip("scanimage is not installed (sane-utils); Tools/run-tests installs it")
        }
        let server = try XCTUnwrap(ReferenceServer(), "the reference server did not start")
        // The line drops 3,000 bytes into the documents' bodies: inside the
        // scanned PDF (two pages of the test backend's grid, about 10 KB sealed)
        // whichever document goes first (the attached one is under 1 KB).
        let cut = 3_000
        let proxy = try XCTUnwrap(CutProxy(target: server.port, cutAfter: cut, dir: dir))
        let conf = try writeStationConfig(server, dir: dir, url: proxy.url)
        try (String(contentsOfFile: conf, encoding: .utf8) + "\n[scanner]\ndocuments = test:0\n[documents]\nfolders = \(dir)/import\n")
            .write(toFile: conf, atomically: true, encoding: .utf8)
        let attached = Self.onePagePDF()
        FileManager.default.createFile(atPath: dir + "/import/cccd-cha.pdf", contents: Data(attached))

        // A draft of the sample birth registration, every answer given.
        let fill = try runKiosk(["--config", conf, "fill", "1.001193", "--answers", packageRoot + "/Tests/Fixtures/answers/dang-ky-khai-sinh.json"])
        XCTAssertEqual(fill.status, 0, fill.stderr)
        let code = try XCTUnwrap(fill.stdout.split(separator: "\n").first { $0.hasPrefix("Mã tiếp tục: ") }?.dropFirst(13), fill.stdout)

        try kiosk.addOperator(config: conf)
        try kiosk.start(config: conf, environment: ["SANE_CONFIG_DIR": packageRoot + "/Tests/Fixtures/sane"])
        try kiosk.waitFor("Xin chào")
        try kiosk.keys("2")
        try kiosk.waitFor("Mã tiếp tục (6 ký tự)")
        try kiosk.type(String(code))
        try kiosk.keys("Enter")
        try kiosk.type("4512")  // the applicant's id number's last four digits
        try kiosk.keys("Enter")
        try kiosk.waitFor("Bước 1/8")
        for _ in 0..<10 where !kiosk.screen.contains("Bước 7/8") {
            let before = kiosk.screen
            try kiosk.keys("NPage")
            for _ in 0..<20 where kiosk.screen == before { usleep(100_000) }
        }
        try kiosk.waitFor("[ Q Quét ]")

        // The birth certificate: two pages scanned, the second turned, made one PDF.
        try kiosk.keys("q")
        try kiosk.waitFor("Quét giấy tờ: Giấy chứng sinh")
        try kiosk.keys("q")
        try kiosk.waitFor("Đã quét trang 1.")
        // The page's preview: half blocks in colour, shade characters without (NO_COLOR).
        XCTAssertNotNil(kiosk.screen.range(of: "[▀░▒▓█]{8}", options: .regularExpression), "the page's preview: \(kiosk.screen)")
        try kiosk.keys("q")
        try kiosk.waitFor("Đã quét trang 2.")
        XCTAssertTrue(kiosk.screen.contains("Trang 2/2"), kiosk.screen)
        try kiosk.keys("r")
        try kiosk.waitFor("đã xoay 90°")
        try kiosk.keys("x")
        try kiosk.waitFor("đã quét 2 trang")

        // The father's identity card: a PDF from the allowed folder, seen before it is taken.
        try kiosk.keys("Down", "t")
        try kiosk.waitFor("Chọn nơi lấy tệp")
        try kiosk.keys("Enter")
        try kiosk.waitFor("cccd-cha.pdf")
        try kiosk.keys("Enter")
        try kiosk.waitFor("Dùng tệp này")
        try kiosk.keys("Enter")
        try kiosk.waitFor("tệp PDF · 1 trang")

        // The review lists both; the declaration, then finalize.
        try kiosk.keys("NPage")
        try kiosk.waitFor("Bước 8/8")
        for _ in 0..<12 { try kiosk.keys("NPage") }
        try kiosk.waitFor("Giấy chứng sinh             đã quét 2 trang")
        try kiosk.keys("Up", "Up")
        try kiosk.waitFor("Tôi cam đoan")
        try kiosk.keys("Space")
        try kiosk.keys("Enter")
        try kiosk.keys("Enter")
        try kiosk.waitFor("BIÊN NHẬN HỒ SƠ")

        // The worker sends it through the line that drops.
        let store = try testStore(databasePath: dir + "/kiosk.sqlite", attachmentsPath: dir + "/attachments", stationID: "LH-01", retentionDays: 30)
        let deadline = Date().addingTimeInterval(90)
        while Date() < deadline, (try store.status().accepted) == 0 { usleep(250_000) }
        XCTAssertEqual(try store.status().accepted, 1, "accepted after the cut")
        try kiosk.quitAsOperator()

        let stats = try XCTUnwrap(proxy.stats)
        XCTAssertEqual(stats.cuts, 1, "the line dropped in the middle of a document")
        XCTAssertEqual(try server.query("SELECT count(*) FROM dossiers"), "1")
        XCTAssertEqual(try server.query("SELECT count(*) FROM documents"), "2")
        let shas = try server.query("SELECT group_concat(sha256) FROM documents").split(separator: ",").map(String.init)
        for sha in shas {
            let held = try XCTUnwrap(FileManager.default.contents(atPath: server.dir + "/data/documents/" + sha), "held whole")
            XCTAssertEqual(Crypto.sha256(Array(held)), sha)
            // Sent sealed: the body on the wire is named by a hash of its own, not the document's.
            let uploads = stats.requests.filter { $0.path.hasPrefix("/api/v1/documents/\(sha)/uploads/") }
            XCTAssertFalse(uploads.isEmpty, "uploaded in parts: \(stats.requests.map(\.path))")
            XCTAssertTrue(uploads.allSatisfy { !$0.path.hasSuffix("/uploads/\(sha)") }, "sealed, not the plain bytes")
        }
        XCTAssertTrue(shas.contains(Crypto.sha256(attached)), "the attached PDF as it was in the folder")
        let scanned = try XCTUnwrap(shas.first { $0 != Crypto.sha256(attached) })
        let scannedSize = try FileManager.default.attributesOfItem(atPath: server.dir + "/data/documents/" + scanned)[.size] as? Int ?? 0
        XCTAssertGreaterThan(scannedSize, cut + attached.count + 1_000, "the cut fell inside the scanned PDF")
        XCTAssertEqual(stats.bodyBytesAtCuts, [cut])
        let info = try runTool("pdfinfo", ["-f", "1", "-l", "2", server.dir + "/data/documents/" + scanned]).output
        XCTAssertTrue(info.contains("Pages:           2"), info)
        XCTAssertTrue(info.range(of: #"Page +2 rot: +90"#, options: .regularExpression) != nil, "the second page turned: \(info)")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: server.dir + "/data/uploads"), [], "no part left over")
    }

    /// A one-page PDF (a frame and a line of text), as a phone's scanning app would leave on a stick.
    private static func onePagePDF() -> [UInt8] {
        let content = "BT /F1 24 Tf 72 760 Td (Can cuoc) Tj ET 4 w 60 60 475 722 re S"
        let objects = ["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                       "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
                       "<< /Length \(content.utf8.count) >>\nstream\n\(content)\nendstream",
                       "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
        var out = "%PDF-1.4\n"
        var offsets: [Int] = []
        for (i, o) in objects.enumerated() {
            offsets.append(out.utf8.count)
            out += "\(i + 1) 0 obj\n\(o)\nendobj\n"
        }
        let xref = out.utf8.count
        out += "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
        for o in offsets { out += String(format: "%010d 00000 n \n", o) }
        out += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        return Array(out.utf8)
    }
}

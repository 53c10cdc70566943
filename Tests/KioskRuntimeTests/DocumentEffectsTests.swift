import Foundation
import KioskCore
import KioskImaging
import KioskStore
import KioskTestSupport
import KioskUI
import XCTest
@testable import KioskRuntime

/// The documents step's effects through EffectRunner, against a real
/// store and SANE's test backend.
final class DocumentEffectsTests: XCTestCase {
    private let dir = NSTemporaryDirectory() + "kiosk-documents-\(UUID().uuidString)"
    private var store: KioskStore!
    private var stick: String { dir + "/media/USB" }

    override func setUpWithError() throws {
        try FileManager.default.createDirectory(atPath: stick, withIntermediateDirectories: true)
        store = try testStore(databasePath: dir + "/kiosk.sqlite", attachmentsPath: dir + "/attachments", stationID: "LH-01", retentionDays: 30)
    }

    override func tearDown() {
        store = nil
        try? FileManager.default.removeItem(atPath: dir)
    }

    func runner(_ extra: [String] = saneGridPicture, attachments: String? = nil) throws -> EffectRunner {
        if let attachments {
            store = try testStore(databasePath: dir + "/kiosk.sqlite", attachmentsPath: attachments, stationID: "LH-01", retentionDays: 30)
        }
        let context = AppContext(stationName: "Trạm thử", forms: [], datasets: DatasetCatalog(datasets: [:]))
        let runner = EffectRunner(store: store, context: context, printerCommand: "", receiptsDirectory: dir + "/receipts")
        var scanner = ScannerSettings(device: "")
        scanner.environment = saneTestEnvironment()
        scanner.extraArguments = extra
        scanner.cancelGrace = 1
        scanner.stallSeconds = 5
        runner.documentSettings = DocumentSettings(scanner: scanner, folders: [dir + "/media"], maxFileBytes: 5 << 20)
        return runner
    }

    func results(_ events: [Event]) -> [EffectResult] {
        events.compactMap { if case .effectResult(let r) = $0 { r } else { nil } }
    }

    /// A scan's results. SANE's test backend now and then deadlocks inside
    /// scanimage; the watchdog kills it ("stopped answering"): scanned again,
    /// up to three times, on that only (see KioskImagingTests' `scanning`).
    func scan(_ runner: EffectRunner, _ preset: ScanPreset) -> [EffectResult] {
        var out: [EffectResult] = []
        for _ in 0..<3 {
            out = results(runner.perform(.scanPage(preset)))
            guard case .scanFailed(let m) = out.last, m == ScanFailure.stalled.message else { break }
        }
        return out
    }

    func scannedPage(_ runner: EffectRunner, _ preset: ScanPreset = .grey150) throws -> DocumentPage {
        let out = scan(runner, preset)
        guard case .pageScanned(let page) = out.last else { throw XCTSkip("no page: \(out)") }
        return page
    }

    func testScanStoresThePageSealed() throws {
        let runner = try runner()
        let out = scan(runner, .grey150)
        let progress = out.compactMap { if case .scanProgress(let p) = $0 { p } else { nil } }
        XCTAssertFalse(progress.isEmpty)
        XCTAssertEqual(progress.last, 1)
        guard case .pageScanned(let page) = out.last else { return XCTFail("\(out)") }
        XCTAssertEqual(page.rotation, 0)
        XCTAssertEqual(page.preview.height, 320)
        // A grey page is kept as grey levels in a PNG.
        let png = try store.documentBytes(sha256: page.sha256)
        XCTAssertEqual(png.count, page.bytes)
        XCTAssertEqual(DocumentKind.sniff(png.prefix(8)), .png)
        // On disk it is sealed: not a PNG, and not the PNG's bytes.
        let onDisk = try XCTUnwrap(FileManager.default.contents(atPath: store.documentPath(sha256: page.sha256)))
        XCTAssertNil(DocumentKind.sniff(Array(onDisk.prefix(8))))
        XCTAssertNil(onDisk.firstRange(of: Data(png.prefix(64).dropFirst(20))))
        XCTAssertEqual(try store.documentMediaType(sha256: page.sha256), "image/png")
    }

    func testFaultsAndNoScannerAreSentences() throws {
        let jam = scan(try runner(saneFault("SANE_STATUS_JAMMED")), .grey150)
        guard case .scanFailed(let message) = jam.last else { return XCTFail("\(jam)") }
        XCTAssertEqual(message, ScanFailure.jammed.message)
        let unplugged = scan(try runner(saneFault("SANE_STATUS_IO_ERROR")), .grey150)
        guard case .scanFailed(let said) = unplugged.last else { return XCTFail("\(unplugged)") }
        XCTAssertTrue(said.vi.contains("ngắt giữa chừng"))
        let r = try runner()
        var settings = try XCTUnwrap(r.documentSettings)
        settings.scanner.environment = saneTestEnvironment(saneNoneConfigDir)
        r.documentSettings = settings
        guard case .scanFailed(let none) = results(r.perform(.scanPage(.grey150))).last else { return XCTFail() }
        XCTAssertEqual(none, ScanFailure.noScanner.message)
    }

    /// In the terminal the scan runs on a thread of its own: progress comes
    /// through finishedEvents, and a cancel stops it; pages already
    /// scanned are untouched.
    func testBackgroundScanReportsProgressAndCancels() throws {
        let runner = try runner(saneGridPicture + saneSlowScan)
        let kept = try scannedPage(try self.runner())
        runner.asksInBackground = true
        XCTAssertEqual(runner.perform(.scanPage(.grey150)).count, 0)
        XCTAssertTrue(runner.isBusy)
        var seen: [EffectResult] = []
        let deadline = Date().addingTimeInterval(60)
        var cancelled = false
        while Date() < deadline {
            let busy = runner.isBusy
            seen += results(runner.finishedEvents())
            if !busy { break }
            if !cancelled, seen.contains(where: { if case .scanProgress = $0 { true } else { false } }) {
                cancelled = true
                XCTAssertEqual(runner.perform(.cancelScan).count, 0)
            }
            usleep(20_000)
        }
        XCTAssertFalse(runner.isBusy)
        XCTAssertTrue(cancelled)
        guard case .scanFailed(let message) = seen.last else { return XCTFail("\(seen)") }
        XCTAssertEqual(message, ScanFailure.cancelled.message)
        XCTAssertNoThrow(try store.documentBytes(sha256: kept.sha256))
    }

    /// Three scanned pages, the second turned: one PDF, its pages recorded;
    /// opened again, the same pages and turns with previews made again.
    /// Pages left on the scan screen when it closed (the idle time-out)
    /// become the draft's document: made one PDF, saved as the answer.
    func testKeepPagesMakesTheDocumentAndSavesItInTheDraft() throws {
        let runner = try runner()
        let draft = try store.createDraft(formID: "dang-ky-khai-sinh", formVersion: "1", formSource: Array("{}".utf8), verification: .pin("1357"))
        let pages = [try scannedPage(runner), try scannedPage(runner)]
        XCTAssertTrue(runner.perform(.keepPages(draftID: draft.id, fieldID: "doc_gcs", pages: pages)).isEmpty)
        let answer = try XCTUnwrap(try store.answers(draftID: draft.id).first { $0.name == "doc_gcs" }?.raw)
        XCTAssertTrue(answer.hasPrefix("file:"), answer)
        let pdf = try store.documentBytes(sha256: String(answer.dropFirst(5)))
        XCTAssertEqual(try PDFCheck.pageCount(pdf), 2)
        // On resuming, the document opens as its pages.
        guard case .documentOpened(let opened) = results(runner.perform(.openDocument(sha256: String(answer.dropFirst(5))))).last else { return XCTFail() }
        XCTAssertEqual(opened.pages.map(\.sha256), pages.map(\.sha256))
    }

    func testMakeAndOpenDocument() throws {
        let runner = try runner()
        var pages = [try scannedPage(runner), try scannedPage(runner, .colour150), try scannedPage(runner, .grey300)]
        pages[1].rotation = 1
        guard case .documentMade(let made) = results(runner.perform(.makeDocument(pages: pages))).last else { return XCTFail() }
        XCTAssertEqual(made.kind, .pdf)
        XCTAssertTrue(made.editable)
        let pdf = try store.documentBytes(sha256: made.sha256)
        XCTAssertEqual(pdf.count, made.bytes)
        XCTAssertEqual(try PDFCheck.pageCount(pdf), 3)
        let path = dir + "/check.pdf"
        FileManager.default.createFile(atPath: path, contents: Data(pdf))
        let info = try pdfinfo(path)
        XCTAssertTrue(info.contains("Page    2 rot:   90\n"), info)
        XCTAssertTrue(info.contains("Page    1 rot:   0\n"), info)
        // A4 scanned at 300 dpi (2480 x 3507 pixels), put in at its dpi: A4 in points.
        XCTAssertTrue(info.contains("Page    3 size:  595.2 x 841.68 pts (A4)"), info)

        guard case .documentOpened(let opened) = results(runner.perform(.openDocument(sha256: made.sha256))).last else { return XCTFail() }
        XCTAssertEqual(opened.sha256, made.sha256)
        XCTAssertTrue(opened.editable)
        XCTAssertEqual(opened.pages.map(\.sha256), pages.map(\.sha256))
        XCTAssertEqual(opened.pages.map(\.rotation), [0, 1, 0])
        // Previews made again from the stored JPEGs: the same size.
        XCTAssertEqual(opened.pages.map { [$0.preview.width, $0.preview.height] }, pages.map { [$0.preview.width, $0.preview.height] })
        XCTAssertEqual(opened.pages[1].preview.channels, 3)

        guard case .documentFailed(let none) = results(runner.perform(.makeDocument(pages: []))).last else { return XCTFail() }
        XCTAssertTrue(none.en.contains("no pages"))
        guard case .documentFailed(let missing) = results(runner.perform(.openDocument(sha256: String(repeating: "a", count: 64)))).last else { return XCTFail() }
        XCTAssertTrue(missing.en.contains("no longer kept"))
    }

    func testPickerListsAttachesAndRefuses() throws {
        let runner = try runner()
        let pdf = try PDFMaker.make(pageCount: 2) { _ in
            PDFMaker.Page(bytes: try self.store.documentBytes(sha256: try self.scannedPage(runner).sha256), kind: .png, rotation: 0)
        }
        FileManager.default.createFile(atPath: stick + "/giấy khai sinh.pdf", contents: Data(pdf))
        FileManager.default.createFile(atPath: stick + "/giả.pdf", contents: Data("%PDF-1.4 not really".utf8))
        // A colour page is a JPEG: a photo as a phone leaves it.
        let page = try store.documentBytes(sha256: try scannedPage(runner, .colour150).sha256)
        FileManager.default.createFile(atPath: stick + "/ảnh.jpg", contents: Data(page))
        FileManager.default.createFile(atPath: stick + "/big.pdf", contents: nil)
        XCTAssertEqual(truncate(stick + "/big.pdf", 2 << 30), 0)

        guard case .folderListed(let listing) = results(runner.perform(.listFolder(stick))).last else { return XCTFail() }
        XCTAssertEqual(listing.entries.map(\.name), ["ảnh.jpg", "big.pdf", "giả.pdf", "giấy khai sinh.pdf"])
        guard case .folderFailed(let outside) = results(runner.perform(.listFolder("/etc"))).last else { return XCTFail() }
        XCTAssertEqual(outside, AttachFailure.outsideRoots.message)

        guard case .fileAttached(let whole) = results(runner.perform(.attachFile(path: stick + "/giấy khai sinh.pdf"))).last else { return XCTFail() }
        XCTAssertEqual(whole.kind, .pdf)
        XCTAssertFalse(whole.editable)
        XCTAssertEqual(whole.pages.count, 2)
        XCTAssertEqual(try store.documentBytes(sha256: whole.sha256), pdf)
        guard case .documentOpened(let again) = results(runner.perform(.openDocument(sha256: whole.sha256))).last else { return XCTFail() }
        XCTAssertFalse(again.editable)
        XCTAssertEqual(again.pages.count, 2)

        guard case .fileAttached(let picture) = results(runner.perform(.attachFile(path: stick + "/ảnh.jpg"))).last else { return XCTFail() }
        XCTAssertEqual(picture.kind, .jpeg)
        XCTAssertTrue(picture.editable)
        XCTAssertEqual(picture.pages.map(\.sha256), [picture.sha256])

        guard case .attachFailed(let fake) = results(runner.perform(.attachFile(path: stick + "/giả.pdf"))).last else { return XCTFail() }
        XCTAssertEqual(fake, AttachFailure.notRealPDF.message)
        guard case .attachFailed(let big) = results(runner.perform(.attachFile(path: stick + "/big.pdf"))).last else { return XCTFail() }
        XCTAssertTrue(big.en.contains("too large"))
    }

    /// Results of background work, once it is all done (at most a minute).
    func drain(_ runner: EffectRunner) -> [EffectResult] {
        var seen: [EffectResult] = []
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            let busy = runner.isBusy
            seen += results(runner.finishedEvents())
            if !busy { break }
            usleep(20_000)
        }
        return seen
    }

    /// In the terminal, reading a file from the stick and previewing a PDF
    /// attached whole happen off the main thread; the results come back
    /// through finishedEvents.
    func testBackgroundAttachAndOpenOfAPDF() throws {
        let runner = try runner()
        let pdf = try PDFMaker.make(pageCount: 3) { _ in
            PDFMaker.Page(bytes: try self.store.documentBytes(sha256: try self.scannedPage(runner).sha256), kind: .png, rotation: 0)
        }
        FileManager.default.createFile(atPath: stick + "/ba trang.pdf", contents: Data(pdf))
        runner.asksInBackground = true
        XCTAssertEqual(runner.perform(.attachFile(path: stick + "/ba trang.pdf")).count, 0)
        guard case .fileAttached(let attached) = drain(runner).last else { return XCTFail() }
        XCTAssertEqual(attached.pages.count, 3)
        XCTAssertEqual(runner.perform(.openDocument(sha256: attached.sha256)).count, 0)
        guard case .documentOpened(let opened) = drain(runner).last else { return XCTFail() }
        XCTAssertEqual(opened.sha256, attached.sha256)
        XCTAssertFalse(opened.editable)
        XCTAssertEqual(opened.pages.count, 3)
        XCTAssertFalse(runner.isBusy)

        // Making a PDF of pages: libharu off the main thread, the store on it.
        runner.asksInBackground = false
        let pages = [try scannedPage(runner), try scannedPage(runner)]
        runner.asksInBackground = true
        XCTAssertEqual(runner.perform(.makeDocument(pages: pages)).count, 0)
        guard case .documentMade(let made) = drain(runner).last else { return XCTFail() }
        XCTAssertEqual(try PDFCheck.pageCount(try store.documentBytes(sha256: made.sha256)), 2)
        XCTAssertEqual(try store.documentPages(document: made.sha256).map(\.sha256), pages.map(\.sha256))
        XCTAssertFalse(runner.isBusy)
    }

    /// The attachments folder on a 300 KB tmpfs (mounted by the test, as root;
    /// skipped otherwise): a page that does not fit is
    /// said to be a full disk, and the pages before it stay.
    func testFullDiskWhileStoringAPage() throws {
        let small = dir + "/small"
        try FileManager.default.createDirectory(atPath: small, withIntermediateDirectories: true)
        guard getuid() == 0, mountTmpfs(small, size: "300k") else { throw XCTSkip("a tmpfs cannot be mounted here (needs root)") }
        defer { _ = try? runTool("/bin/umount", [small]) }
        let runner = try runner(attachments: small + "/attachments")
        var kept: [DocumentPage] = []
        var failure: LocalizedText?
        // Distinct pages (the same page twice is stored once).
        for (preset, picture) in [(ScanPreset.grey150, "Grid"), (.grey300, "Grid"), (.colour150, "Color pattern"), (.grey300, "Color pattern")] {
            var settings = try XCTUnwrap(runner.documentSettings)
            settings.scanner.extraArguments = ["--test-picture=" + picture]
            runner.documentSettings = settings
            let out = scan(runner, preset)
            if case .pageScanned(let p) = out.last { kept.append(p) }
            if case .scanFailed(let m) = out.last { failure = m; break }
        }
        let message = try XCTUnwrap(failure)
        XCTAssertTrue(message.en.contains("disk is full"), message.en)
        XCTAssertTrue(message.vi.contains("đầy"))
        for p in kept { XCTAssertNoThrow(try store.documentBytes(sha256: p.sha256)) }
    }

    func mountTmpfs(_ path: String, size: String) -> Bool {
        (try? runTool("/bin/mount", ["-t", "tmpfs", "-o", "size=\(size)", "tmpfs", path]))?.status == 0
    }

    func pdfinfo(_ path: String) throws -> String {
        try runTool("/usr/bin/pdfinfo", ["-f", "1", "-l", "9", path]).output
    }

}

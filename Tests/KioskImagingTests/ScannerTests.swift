import Foundation
import KioskCore
import KioskImaging
import KioskTestSupport
import XCTest

/// A real scan through scanimage and SANE's test backend.
final class ScannerTests: XCTestCase {
    func testScansAGreyPageWithProgress() throws {
        var seen: [Double] = []
        let raw = try scanning(testScanner(), .grey150) { seen.append($0) }
        // A4 at 150 dpi (the fixture's test.conf widens the test backend's bed).
        XCTAssertEqual(raw.channels, 1)
        XCTAssertEqual(raw.width, 1240)
        XCTAssertEqual(raw.height, 1753)
        XCTAssertFalse(seen.isEmpty)
        XCTAssertEqual(seen, seen.sorted(), "progress only goes forward")
        XCTAssertEqual(seen.last, 1)

        let page = try ScannedPage(raw, preset: .grey150)
        // Grey: 16 grey levels in a PNG that states its density.
        XCTAssertEqual(page.kind, .png)
        XCTAssertEqual(DocumentKind.sniff(page.image.prefix(8)), .png)
        let size = try PNG.size(page.image)
        XCTAssertEqual(size.width, 1240)
        XCTAssertFalse(size.colour)
        XCTAssertEqual(PNG.dpi(page.image).map { Int($0.rounded()) }, 150)
        XCTAssertLessThanOrEqual(page.preview.width, Preview.maxWidth)
        XCTAssertLessThanOrEqual(page.preview.height, Preview.maxHeight)
        XCTAssertEqual(page.preview.height, 320)
        XCTAssertEqual(page.preview.width, 226)
        XCTAssertEqual(page.preview.channels, 1)
        // The grid: black and white squares of 10 mm, half of each.
        let mean = page.preview.pixels.reduce(0) { $0 + Int($1) } / page.preview.pixels.count
        XCTAssertGreaterThan(mean, 100)
        XCTAssertLessThan(mean, 155)
        XCTAssertEqual(page.preview.pixels.min(), 0)
        XCTAssertEqual(page.preview.pixels.max(), 255)
    }

    func testColourPresetScansRGB() throws {
        let raw = try scanning(testScanner(["--test-picture=Color pattern"]), .colour150)
        XCTAssertEqual(raw.channels, 3)
        let page = try ScannedPage(raw, preset: .colour150)
        XCTAssertEqual(page.kind, .jpeg)
        XCTAssertEqual(try JPEG.info(page.image).channels, 3)
        XCTAssertEqual(page.preview.channels, 3)
    }

    func testFaultsBecomeSentences() {
        let faults: [(String, ScanFailure)] = [
            ("SANE_STATUS_JAMMED", .jammed), ("SANE_STATUS_IO_ERROR", .unplugged), ("SANE_STATUS_COVER_OPEN", .coverOpen),
            ("SANE_STATUS_NO_DOCS", .noPaper), ("SANE_STATUS_DEVICE_BUSY", .busy), ("SANE_STATUS_ACCESS_DENIED", .accessDenied),
        ]
        for (status, expected) in faults {
            XCTAssertThrowsError(try scanning(testScanner(saneFault(status)), .grey150), status) { error in
                XCTAssertEqual(error as? ScanFailure, expected, status)
            }
        }
        XCTAssertTrue(ScanFailure.jammed.message.vi.contains("Kẹt giấy"))
        XCTAssertTrue(ScanFailure.jammed.message.en.contains("Paper jam"))
        XCTAssertTrue(ScanFailure.unplugged.message.en.contains("Plug it back in"))
    }

    func testNoScannerDeviceMissingDisabledNotInstalled() {
        XCTAssertThrowsError(try testScanner(config: saneNoneConfigDir).scan(.grey150)) {
            XCTAssertEqual($0 as? ScanFailure, .noScanner)
        }
        XCTAssertThrowsError(try testScanner(device: "test:9").scan(.grey150)) {
            XCTAssertEqual($0 as? ScanFailure, .deviceNotFound("test:9"))
        }
        XCTAssertThrowsError(try testScanner(device: "none").scan(.grey150)) {
            XCTAssertEqual($0 as? ScanFailure, .disabled)
        }
        var settings = ScannerSettings(device: "")
        settings.scanimage = "/nonexistent/scanimage"
        XCTAssertThrowsError(try DocumentScanner(settings: settings).scan(.grey150)) {
            XCTAssertEqual($0 as? ScanFailure, .notInstalled)
        }
    }

    func testDevicesListed() throws {
        XCTAssertEqual(try testScanner().devices(), ["test:0"])
        XCTAssertEqual(try testScanner(config: saneNoneConfigDir).devices(), [])
    }

    /// A slow scan cancelled once it has started: SIGINT, and the page is dropped.
    func testCancelMidScan() throws {
        let scanner = testScanner(saneGridPicture + saneSlowScan)
        let started = DispatchSemaphore(value: 0)
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var outcome: Result<PNMImage, ScanFailure>?
        nonisolated(unsafe) var progressSeen = 0.0
        Thread.detachNewThread {
            var signalled = false
            do {
                outcome = .success(try scanner.scan(.grey150) { p in
                    progressSeen = p
                    if !signalled { signalled = true; started.signal() }
                })
            } catch { outcome = .failure(error as! ScanFailure) }
            if !signalled { started.signal() }
            done.signal()
        }
        XCTAssertEqual(started.wait(timeout: .now() + 60), .success)
        XCTAssertTrue(scanner.isScanning)
        scanner.cancel()
        XCTAssertEqual(done.wait(timeout: .now() + 60), .success)
        guard case .failure(.cancelled) = outcome else { return XCTFail("\(String(describing: outcome))") }
        XCTAssertLessThan(progressSeen, 1)
        XCTAssertFalse(scanner.isScanning)
        // The scanner is free again.
        XCTAssertNoThrow(try scanning(testScanner(), .grey150))
    }
}

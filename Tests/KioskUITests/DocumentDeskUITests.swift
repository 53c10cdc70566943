import XCTest
import KioskCore
@testable import KioskUI

/// Documents at the desk (issue 18), driven by keys with the station's
/// results fed as events (the scanner and the files are the runtime's):
/// the documents step's states, the scan screen, the attach picker, the
/// preview, the review page and receipt, and reuse in the sitting.
final class DocumentDeskUITests: XCTestCase {
    /// A grey page, white with a black band across its top (so that which
    /// way up it is shows), `width`×`height` pixels.
    static func preview(width: Int = 42, height: Int = 60, band: Int = 6) -> PreviewImage {
        var pixels = [UInt8](repeating: 255, count: width * height)
        for y in 0..<band { for x in 0..<width { pixels[y * width + x] = 0 } }
        return PreviewImage(width: width, height: height, channels: 1, pixels: pixels)
    }

    static func page(_ n: Int, bytes: Int = 90_000) -> DocumentPage {
        DocumentPage(sha256: String(repeating: String(n % 10), count: 64), preview: preview(), bytes: bytes)
    }

    static let madeSHA = String(repeating: "ab", count: 32)
    static let pdfSHA = String(repeating: "cd", count: 32)

    /// A birth registration on its documents step, the sample's answers
    /// in (the birth certificate and the identity document at the desk).
    func documentsStep(width: Int = 80, height: Int = 24, language: Language = .vi) throws -> UIHarness {
        let h = try UIHarness(width: width, height: height, language: language)
        h.startForm("khai sinh")
        try h.load(sample: "dang-ky-khai-sinh")
        for _ in 0..<20 { if case .fields? = h.session?.stage { h.nextPage() } else { break } }
        XCTAssertEqual(h.session?.stage, .documents, h.text)
        return h
    }

    func line(_ h: UIHarness, containing text: String) -> String {
        h.text.split(separator: "\n").first { $0.contains(text) }.map(String.init) ?? ""
    }

    func effectsSince(_ h: UIHarness, _ count: Int) -> [Effect] { Array(h.app.effects.dropFirst(count)) }

    var scan: (UIHarness) -> ScanState? {
        { h in if case .scan(let sc) = h.app.state.page { return sc } else { return nil } }
    }

    // MARK: The documents step

    func testEachRowSaysWhatWasGivenAndOffersItsActions() throws {
        let h = try documentsStep()
        XCTAssertTrue(line(h, containing: "Giấy chứng sinh").contains("mang bản giấy đến quầy"), h.text)
        XCTAssertTrue(line(h, containing: "Văn bản ủy quyền").contains("chưa có"), h.text)
        // The focused row's buttons, under it.
        XCTAssertTrue(h.text.contains("[ Q Quét ] [ T Đính kèm tệp ] [ ␣ Mang bản giấy ] [ B Bỏ ]"), h.text)
        // Space still ticks the paper, and unticks it.
        h.app.key(.text(" "))
        XCTAssertEqual(h.raw("doc_gcs"), "")
        XCTAssertTrue(line(h, containing: "Giấy chứng sinh").contains("chưa có"), h.text)
        h.app.key(.text(" "))
        XCTAssertEqual(h.raw("doc_gcs"), "desk")
        // A finger: a tap on a button under the row does what its letter does.
        let attach = try XCTUnwrap(h.app.screen.hitAreas.first { $0.target == .button("doc.attach") })
        h.app.press(x: attach.x + 1, y: attach.y)
        guard case .listFolder(nil)? = h.app.effects.last, case .attach = h.app.state.page else { return XCTFail(h.text) }
        h.app.key(.escape)
        // B removes what was given, and says so.
        h.app.key(.text("b"))
        XCTAssertEqual(h.raw("doc_gcs"), "")
        XCTAssertTrue(h.text.contains("Đã bỏ giấy tờ: Giấy chứng sinh."), h.text)
        // Viewing a document with no file says what to do instead.
        h.app.key(.text("x"))
        XCTAssertTrue(h.text.contains("chưa có tệp để xem"), h.text)
        // A reused document says from which dossier (cut with … where long).
        guard case .form(var f) = h.app.state.page else { return XCTFail() }
        _ = f.state.set("doc_uq", "reuse:000.00.13.H36-261123-0001")
        h.app.state.page = .form(f)
        XCTAssertTrue(line(h, containing: "Văn bản ủy quyền").contains("dùng lại từ hồ sơ 000.00.13.H36-2…"), h.text)
        XCTAssertEqual(h.app.screen.cuts.count, 0)
    }

    // MARK: The scan screen

    func testScanWithProgressCancelAFailureThatKeepsPagesRotateDeleteAndMake() throws {
        let h = try documentsStep()
        h.app.key(.down) // the identity document
        h.app.key(.text("q"))
        guard scan(h) != nil else { return XCTFail(h.text) }
        XCTAssertTrue(h.text.contains("Quét giấy tờ: Giấy tờ tùy thân"), h.text)
        XCTAssertTrue(h.text.contains("(•) Xám, thường (khuyên dùng)"), h.text)
        XCTAssertTrue(h.text.contains("Chưa có trang nào"), h.text)

        // The focus starts on "Quét trang": Enter scans with the default preset.
        var mark = h.app.effects.count
        h.app.key(.enter)
        guard case .scanPage(.grey150)? = effectsSince(h, mark).last else { return XCTFail("\(effectsSince(h, mark))") }
        h.app.send(.effectResult(.scanProgress(0.4)))
        XCTAssertTrue(h.text.contains("40 %"), h.text)
        XCTAssertTrue(h.text.contains("Đang quét trang 1…"), h.text)
        h.app.send(.effectResult(.pageScanned(Self.page(1))))
        XCTAssertTrue(h.text.contains("Trang 1/1"), h.text)
        XCTAssertTrue(h.text.contains("▀"), "the preview: \(h.text)")
        XCTAssertTrue(h.text.contains("Đã quét trang 1."), h.text)

        // A second scan, cancelled with Esc: the page scanned stays; one
        // that still comes from the cancelled scan is dropped.
        mark = h.app.effects.count
        h.app.key(.text("q"))
        h.app.send(.effectResult(.scanProgress(0.5)))
        h.app.key(.escape)
        guard case .cancelScan? = effectsSince(h, mark).last else { return XCTFail("\(effectsSince(h, mark))") }
        XCTAssertNotNil(scan(h), "Esc while scanning does not leave the screen")
        h.app.send(.effectResult(.pageScanned(Self.page(9))))
        XCTAssertEqual(scan(h)?.pages.count, 1)
        XCTAssertTrue(h.text.contains("Đã huỷ lần quét. Các trang đã quét vẫn còn."), h.text)

        // A paper jam: said in the message line, the page scanned kept.
        h.app.key(.text("q"))
        h.app.send(.effectResult(.scanFailed(LocalizedText(vi: "Kẹt giấy: hãy gỡ tờ giấy rồi quét lại.", en: "Paper jam: clear it and scan again."))))
        XCTAssertTrue(h.text.contains("! Kẹt giấy: hãy gỡ tờ giấy rồi quét lại."), h.text)
        XCTAssertEqual(scan(h)?.pages.count, 1)

        // Two more pages: the strip and ← →.
        for n in [2, 3] {
            h.app.key(.text("q"))
            h.app.send(.effectResult(.pageScanned(Self.page(n))))
        }
        XCTAssertTrue(h.text.contains("Trang 3/3"), h.text)
        h.app.key(.left)
        XCTAssertTrue(h.text.contains("Trang 2/3"), h.text)

        // R turns the page shown.
        h.app.key(.text("r"))
        XCTAssertEqual(scan(h)?.pages.map(\.rotation), [0, 1, 0])
        XCTAssertTrue(h.text.contains("xoay 90°"), h.text)

        // Del asks first; "Không xoá" is focused, so Enter keeps the page.
        h.app.key(.delete)
        XCTAssertEqual(h.app.state.overlay, .confirmDeletePage(1))
        XCTAssertTrue(h.text.contains("Xoá trang 2?"), h.text)
        h.app.key(.enter)
        XCTAssertEqual(scan(h)?.pages.count, 3)
        h.app.key(.delete)
        h.app.key(.left)
        h.app.key(.enter)
        XCTAssertEqual(scan(h)?.pages.map(\.sha256.first), ["1", "3"])

        // Re-scan this page replaces it in place.
        guard let rescan = scan(h)?.items.firstIndex(of: .rescan) else { return XCTFail() }
        var sc = scan(h)!
        sc.focus = rescan
        h.app.state.page = .scan(sc)
        h.app.key(.enter)
        h.app.send(.effectResult(.pageScanned(Self.page(4))))
        XCTAssertEqual(scan(h)?.pages.map(\.sha256.first), ["1", "4"])

        // "Xong" (X): one document of the pages, each turned as given.
        mark = h.app.effects.count
        h.app.key(.text("x"))
        guard case .makeDocument(let pages)? = effectsSince(h, mark).last else { return XCTFail("\(effectsSince(h, mark))") }
        XCTAssertEqual(pages.map(\.sha256.first), ["1", "4"])
        XCTAssertTrue(h.text.contains("Đang lưu giấy tờ…"), h.text)
        mark = h.app.effects.count
        let made = MadeDocument(sha256: Self.madeSHA, kind: .pdf, bytes: 180_000, pages: pages, editable: true)
        h.app.send(.effectResult(.documentMade(made)))
        XCTAssertEqual(h.session?.stage, .documents, h.text)
        XCTAssertEqual(h.raw("doc_gttt"), "file:" + Self.madeSHA)
        XCTAssertTrue(effectsSince(h, mark).contains { if case .saveAnswers(_, let a) = $0 { return a.contains(AnswerPair("doc_gttt", "file:" + Self.madeSHA)) } else { return false } })
        XCTAssertTrue(line(h, containing: "Giấy tờ tùy thân").contains("đã quét 2 trang · 180 KB"), h.text)
        XCTAssertTrue(h.text.contains("Đã lưu: Giấy tờ tùy thân"), h.text)
        // Saved in the draft, as typed answers are.
        let draft = try XCTUnwrap(h.session?.draft.id)
        XCTAssertTrue(try h.store.answers(draftID: draft).contains { $0.name == "doc_gttt" && $0.raw == "file:" + Self.madeSHA })

        // X opens its pages again, to look at or change.
        h.app.key(.text("x"))
        XCTAssertEqual(scan(h)?.pages.count, 2, h.text)
        XCTAssertTrue(h.text.contains("Trang 1/2"), h.text)
        // Nothing changed: "Xong" keeps the document as it is.
        h.app.key(.enter)
        XCTAssertEqual(h.session?.stage, .documents)
        XCTAssertEqual(h.raw("doc_gttt"), "file:" + Self.madeSHA)
    }

    /// A document given as a file is never dropped by a slip: Space says to
    /// remove it first, and B (Del, a tap on "Bỏ") asks before removing it.
    func testAFileGivenIsNotDroppedBySpaceAndRemovingItAsks() throws {
        let h = try documentsStep()
        h.app.key(.text("q"))
        h.app.key(.enter)
        h.app.send(.effectResult(.pageScanned(Self.page(1))))
        h.app.key(.text("x"))
        let made = MadeDocument(sha256: Self.madeSHA, kind: .pdf, bytes: 90_500, pages: [Self.page(1)], editable: true)
        h.app.send(.effectResult(.documentMade(made)))
        XCTAssertEqual(h.raw("doc_gcs"), "file:" + Self.madeSHA, h.text)

        h.app.key(.text(" "))
        XCTAssertEqual(h.raw("doc_gcs"), "file:" + Self.madeSHA, "Space keeps the file")
        XCTAssertTrue(h.text.contains("Giấy tờ này đã có tệp. Muốn mang bản giấy thay: bấm B để bỏ tệp trước."), h.text)

        h.app.key(.text("b"))
        XCTAssertEqual(h.app.state.overlay, .confirmRemoveDocument(field: h.session!.form.fieldIndexByID["doc_gcs"]!, name: h.session!.state.label(of: FieldPath(field: h.session!.form.fieldIndexByID["doc_gcs"]!))))
        XCTAssertTrue(h.text.contains("Bỏ giấy tờ đã quét, đính kèm: Giấy chứng sinh?"), h.text)
        h.app.key(.enter)  // "Giữ lại" is focused
        XCTAssertNil(h.app.state.overlay)
        XCTAssertEqual(h.raw("doc_gcs"), "file:" + Self.madeSHA, "kept")

        h.app.key(.delete)
        h.app.key(.left)
        h.app.key(.enter)  // "Bỏ giấy tờ"
        XCTAssertEqual(h.raw("doc_gcs"), "", "removed once confirmed")
        XCTAssertTrue(h.text.contains("Đã bỏ giấy tờ: Giấy chứng sinh."), h.text)
        // Paper at the desk is taken back at once (nothing to scan again).
        h.app.key(.text(" "))
        XCTAssertEqual(h.raw("doc_gcs"), "desk")
        h.app.key(.text("b"))
        XCTAssertNil(h.app.state.overlay)
        XCTAssertEqual(h.raw("doc_gcs"), "")
    }

    func testLeavingWithPagesNotMadeAsksAndAFailedMakeKeepsThePages() throws {
        let h = try documentsStep()
        h.app.key(.text("q"))
        h.app.key(.enter)
        h.app.send(.effectResult(.pageScanned(Self.page(1))))
        h.app.key(.escape)
        XCTAssertEqual(h.app.state.overlay, .confirmDiscardPages, h.text)
        h.app.key(.enter) // "Quay lại quét" is focused
        XCTAssertEqual(scan(h)?.pages.count, 1)
        while let s = scan(h), s.items[s.focus] != .done { h.app.key(.tab) }
        h.app.key(.enter)
        h.app.send(.effectResult(.documentFailed(LocalizedText(vi: "Đĩa đầy: chưa lưu được giấy tờ.", en: "The disk is full."))))
        XCTAssertTrue(h.text.contains("! Đĩa đầy: chưa lưu được giấy tờ."), h.text)
        XCTAssertEqual(scan(h)?.pages.count, 1)
        XCTAssertEqual(scan(h)?.session.state.raw(FieldPath(field: scan(h)!.session.form.fieldIndexByID["doc_gcs"]!)), "desk", "the form beneath is as it was")
        // Dropping them, once confirmed: back on the documents step, nothing changed.
        h.app.key(.escape)
        h.app.key(.text("c"))
        XCTAssertEqual(h.session?.stage, .documents)
        XCTAssertEqual(h.raw("doc_gcs"), "desk")
    }

    func testADocumentOfAResumedDraftOpensFromTheStore() throws {
        let h = try documentsStep()
        guard case .form(var f) = h.app.state.page else { return XCTFail() }
        _ = f.state.set("doc_gcs", "file:" + Self.pdfSHA)
        h.app.state.page = .form(f)
        XCTAssertTrue(line(h, containing: "Giấy chứng sinh").contains("đã đính kèm tệp"), h.text)
        let mark = h.app.effects.count
        h.app.key(.text("x"))
        guard case .openDocument(let sha)? = effectsSince(h, mark).last else { return XCTFail("\(effectsSince(h, mark))") }
        XCTAssertEqual(sha, Self.pdfSHA)
        XCTAssertTrue(h.text.contains("Đang mở giấy tờ…"), h.text)
        // Esc gives up waiting; X asks again.
        h.app.key(.escape)
        XCTAssertEqual(h.session?.stage, .documents)
        h.app.key(.text("x"))
        // Another document's pages arriving first (a resumed draft's files
        // open in the background) are not shown under this one's title.
        let other = MadeDocument(sha256: Self.madeSHA, kind: .pdf, bytes: 5, pages: [Self.page(7)], editable: true)
        h.app.send(.effectResult(.documentOpened(other)))
        XCTAssertTrue(h.text.contains("Đang mở giấy tờ…"), "still waiting for its own: \(h.text)")
        XCTAssertEqual(scan(h)?.session.documents[Self.madeSHA], other, "kept for its own row")
        let pdf = MadeDocument(sha256: Self.pdfSHA, kind: .pdf, bytes: 1_234_567,
                               pages: [DocumentPage(sha256: "", preview: Self.preview(), bytes: 0), DocumentPage(sha256: "", preview: Self.preview(), bytes: 0)],
                               editable: false)
        h.app.send(.effectResult(.documentOpened(pdf)))
        XCTAssertTrue(h.text.contains("Xem giấy tờ: Giấy chứng sinh"), h.text)
        XCTAssertTrue(h.text.contains("Trang 1/2"), h.text)
        XCTAssertFalse(h.text.contains("Xoay"), "a PDF is kept whole: \(h.text)")
        h.app.key(.escape)
        XCTAssertTrue(line(h, containing: "Giấy chứng sinh").contains("tệp PDF · 2 trang · 1,2 MB"), h.text)
    }

    // MARK: The attach picker

    func testThePickerShowsRootsOpensGoesUpRefusesAndTakesAPDF() throws {
        let h = try documentsStep()
        h.app.key(.down)
        var mark = h.app.effects.count
        h.app.key(.text("t"))
        guard case .listFolder(nil)? = effectsSince(h, mark).last else { return XCTFail("\(effectsSince(h, mark))") }
        XCTAssertTrue(h.text.contains("Đang đọc thư mục…"), h.text)
        let roots = FolderListing(path: nil, parent: nil, entries: [
            FolderEntry(name: "USB KINGSTON", path: "/media/kiosk/usb0", isFolder: true, size: 0, modified: mondayMorning),
            FolderEntry(name: "Hồ sơ quét", path: "/srv/kiosk/scans", isFolder: true, size: 0, modified: mondayMorning),
        ])
        h.app.send(.effectResult(.folderListed(roots)))
        XCTAssertTrue(h.text.contains("Chọn nơi lấy tệp"), h.text)
        XCTAssertTrue(h.text.contains("▸ USB KINGSTON/"), h.text)
        mark = h.app.effects.count
        h.app.key(.enter)
        guard case .listFolder("/media/kiosk/usb0")? = effectsSince(h, mark).last else { return XCTFail("\(effectsSince(h, mark))") }
        let usb = FolderListing(path: "/media/kiosk/usb0", parent: nil, entries: [
            FolderEntry(name: "2025", path: "/media/kiosk/usb0/2025", isFolder: true, size: 0, modified: mondayMorning),
            FolderEntry(name: "giay-chung-nhan-ket-hon-cua-cha-me-ban-sao-co-chung-thuc-nam-2019.pdf", path: "/media/kiosk/usb0/gcnkh.pdf",
                        isFolder: false, size: 1_234_567, modified: mondayMorning - 86_400 * 3),
            FolderEntry(name: "cccd.jpg", path: "/media/kiosk/usb0/cccd.jpg", isFolder: false, size: 180_400, modified: mondayMorning),
            FolderEntry(name: "virus.exe", path: "/media/kiosk/usb0/virus.exe", isFolder: false, size: 999, modified: mondayMorning),
        ])
        h.app.send(.effectResult(.folderListed(usb)))
        let row = line(h, containing: "giay-chung-nhan")
        XCTAssertTrue(row.contains("…"), "a long name is cut with …: \(h.text)")
        XCTAssertTrue(row.contains("1,2 MB"), h.text)
        XCTAssertTrue(row.contains("20/11/2026"), h.text)
        XCTAssertTrue(line(h, containing: "cccd.jpg").contains("181 KB"), h.text)
        XCTAssertEqual(h.app.screen.cuts.count, 0)

        // ← goes up: from a root, to the roots (the focus on the folder left).
        mark = h.app.effects.count
        h.app.key(.left)
        guard case .listFolder(nil)? = effectsSince(h, mark).last else { return XCTFail("\(effectsSince(h, mark))") }
        h.app.send(.effectResult(.folderListed(roots)))
        h.app.key(.enter)
        h.app.send(.effectResult(.folderListed(usb)))

        // A file the station refuses: its sentence, the list kept.
        h.app.key(.down, times: 3)
        mark = h.app.effects.count
        h.app.key(.enter)
        guard case .attachFile("/media/kiosk/usb0/virus.exe")? = effectsSince(h, mark).last else { return XCTFail("\(effectsSince(h, mark))") }
        XCTAssertTrue(h.text.contains("Đang kiểm tra tệp…"), h.text)
        h.app.send(.effectResult(.attachFailed(LocalizedText(vi: "Tệp này không phải PDF, JPEG hay PNG.", en: "This file is not a PDF, JPEG or PNG."))))
        XCTAssertTrue(h.text.contains("! Tệp này không phải PDF, JPEG hay PNG."), h.text)
        XCTAssertTrue(h.text.contains("cccd.jpg"), h.text)

        // A PDF: its pages shown, then used.
        h.app.key(.up, times: 2)
        h.app.key(.enter)
        let pdf = MadeDocument(sha256: Self.pdfSHA, kind: .pdf, bytes: 1_234_567,
                               pages: (0..<3).map { _ in DocumentPage(sha256: "", preview: Self.preview(), bytes: 0) }, editable: false)
        h.app.send(.effectResult(.fileAttached(pdf)))
        XCTAssertTrue(h.text.contains("Trang 1/3"), h.text)
        XCTAssertTrue(h.text.contains("[ Dùng tệp này ]"), h.text)
        XCTAssertTrue(h.text.contains("▀"), h.text)
        h.app.key(.right)
        XCTAssertTrue(h.text.contains("Trang 2/3"), h.text)
        h.app.key(.enter)
        XCTAssertEqual(h.session?.stage, .documents)
        XCTAssertEqual(h.raw("doc_gttt"), "file:" + Self.pdfSHA)
        XCTAssertTrue(line(h, containing: "Giấy tờ tùy thân").contains("tệp PDF · 3 trang · 1,2 MB"), h.text)
    }

    func testAPictureTakenBecomesAPageOfTheScanScreen() throws {
        let h = try documentsStep()
        h.app.key(.text("t"))
        h.app.send(.effectResult(.folderListed(FolderListing(path: "/srv/kiosk/scans", parent: nil, entries: [
            FolderEntry(name: "cccd.png", path: "/srv/kiosk/scans/cccd.png", isFolder: false, size: 80_000, modified: mondayMorning),
        ]))))
        h.app.key(.enter)
        let image = MadeDocument(sha256: String(repeating: "e", count: 64), kind: .png, bytes: 80_000, pages: [Self.page(7, bytes: 80_000)], editable: true)
        h.app.send(.effectResult(.fileAttached(image)))
        XCTAssertEqual(scan(h)?.pages.map(\.sha256.first), ["7"], h.text)
        XCTAssertTrue(h.text.contains("Đã thêm ảnh làm trang 1."), h.text)
        // From the scan screen, "Thêm ảnh từ tệp" adds another page; a PDF there is refused in words.
        while let s = scan(h), s.items[s.focus] != .addImage { h.app.key(.tab) }
        h.app.key(.enter)
        h.app.send(.effectResult(.folderListed(FolderListing(path: "/srv/kiosk/scans", parent: nil, entries: [
            FolderEntry(name: "a.pdf", path: "/srv/kiosk/scans/a.pdf", isFolder: false, size: 80_000, modified: mondayMorning),
            FolderEntry(name: "b.jpg", path: "/srv/kiosk/scans/b.jpg", isFolder: false, size: 80_000, modified: mondayMorning),
        ]))))
        h.app.key(.enter)
        h.app.send(.effectResult(.fileAttached(MadeDocument(sha256: Self.pdfSHA, kind: .pdf, bytes: 1, pages: [], editable: false))))
        XCTAssertTrue(h.text.contains("Tệp PDF không thêm làm trang được"), h.text)
        h.app.key(.down)
        h.app.key(.enter)
        h.app.send(.effectResult(.fileAttached(MadeDocument(sha256: String(repeating: "f", count: 64), kind: .jpeg, bytes: 80_000, pages: [Self.page(8)], editable: true))))
        XCTAssertEqual(scan(h)?.pages.map(\.sha256.first), ["7", "8"], h.text)
        XCTAssertTrue(h.text.contains("Trang 2/2"), h.text)
    }

    func testAFolderThatCannotBeReadAndAnEmptyOneAreSaidInWords() throws {
        let h = try documentsStep()
        h.app.key(.text("t"))
        h.app.send(.effectResult(.folderListed(FolderListing(path: nil, parent: nil, entries: []))))
        XCTAssertTrue(h.text.contains("Không có USB hay thư mục nào để lấy tệp"), h.text)
        h.app.send(.effectResult(.folderFailed(LocalizedText(vi: "USB đã bị rút ra.", en: "The stick was pulled out."))))
        XCTAssertTrue(h.text.contains("! USB đã bị rút ra."), h.text)
        h.app.send(.effectResult(.folderListed(FolderListing(path: "/media/kiosk/usb0", parent: nil, entries: []))))
        XCTAssertTrue(h.text.contains("Thư mục này không có tệp nào."), h.text)
        // Esc: back to the documents step, the form as it was.
        h.app.key(.escape)
        XCTAssertEqual(h.session?.stage, .documents)
        XCTAssertEqual(h.raw("doc_gcs"), "desk")
    }

    // MARK: Preview

    func testThePreviewKeepsItsAspectAndTurnsWithThePage() throws {
        // An A4 page (210×297) in a box of 36×13 cells: 13 rows, 26 pixels
        // tall, so about 18 columns wide.
        let size = PagePreview.size(width: 210, height: 297, columns: 36, rows: 13)
        XCTAssertEqual(size.rows, 13)
        XCTAssertEqual(size.columns, 18)
        let wide = PagePreview.size(width: 210, height: 297, columns: 76, rows: 36)
        XCTAssertEqual(wide.rows, 36)
        XCTAssertEqual(wide.columns, 51)
        // Turned a quarter, the page lies on its side.
        var screen = Screen(width: 40, height: 20)
        let drawn = PagePreview.draw(&screen, Self.preview(), quarterTurns: 1, x: 0, y: 0, columns: 40, rows: 20)
        XCTAssertGreaterThan(drawn.columns, drawn.rows * 2)
        // The black band, at the top of the page, is now at the right.
        let middle = drawn.rows / 2
        XCTAssertEqual(screen[drawn.columns - 1, middle].style.pixel, PixelPair(top: 0, bottom: 0))
        XCTAssertEqual(screen[0, middle].style.pixel, PixelPair(top: 0xFFFFFF, bottom: 0xFFFFFF))
        XCTAssertEqual(screen[0, middle].grapheme, "▀")
    }

    func testTheScanScreenAt160x50AndInEnglish() throws {
        let h = try documentsStep(width: 160, height: 50)
        h.app.key(.text("q"))
        h.app.key(.enter)
        h.app.send(.effectResult(.pageScanned(DocumentPage(sha256: String(repeating: "1", count: 64), preview: Self.preview(width: 210, height: 297), bytes: 120_000))))
        let rows = h.text.split(separator: "\n").filter { $0.contains("▀") }.count
        XCTAssertGreaterThanOrEqual(rows, 35, "a large preview on a large screen: \(h.text)")
        XCTAssertEqual(h.app.screen.cuts.count, 0)

        let en = try documentsStep(language: .en)
        XCTAssertTrue(en.text.contains("[ S Scan ] [ A Attach a file ] [ ␣ Paper at the desk ] [ R Remove ]"), en.text)
        en.app.key(.text("s"))
        en.app.key(.enter)
        en.app.send(.effectResult(.scanProgress(0.25)))
        XCTAssertTrue(en.text.contains("Scanning page 1…"), en.text)
        XCTAssertTrue(en.text.contains("25 %"), en.text)
        en.app.send(.effectResult(.pageScanned(Self.page(1))))
        XCTAssertTrue(en.text.contains("Page 1/1"), en.text)
        XCTAssertTrue(en.text.contains("Grey, standard (recommended)"), en.text)
        XCTAssertFalse(en.text.contains("Trang"), en.text)
        XCTAssertEqual(en.app.screen.cuts.count, 0)
        en.app.key(.function(1))
        XCTAssertTrue(en.text.contains("Scanning: ↑ ↓ choose a mode"), en.text)
    }

    func testSnapshots() throws {
        let h = try documentsStep()
        h.app.key(.down)
        h.app.key(.text("q"))
        h.app.key(.enter)
        h.app.send(.effectResult(.pageScanned(Self.page(1))))
        h.app.key(.text("q"))
        h.app.send(.effectResult(.scanProgress(0.6)))
        assertSnapshot(h.text, "scan-80x24")
        h.app.send(.effectResult(.pageScanned(Self.page(2))))
        while let s = scan(h), s.items[s.focus] != .done { h.app.key(.tab) }
        h.app.key(.enter)
        h.app.send(.effectResult(.documentMade(MadeDocument(sha256: Self.madeSHA, kind: .pdf, bytes: 180_000, pages: [Self.page(1), Self.page(2)], editable: true))))
        assertSnapshot(h.text, "documents-scanned-80x24")
        h.app.key(.text("t"))
        h.app.send(.effectResult(.folderListed(FolderListing(path: "/media/kiosk/usb0", parent: nil, entries: [
            FolderEntry(name: "2025", path: "/media/kiosk/usb0/2025", isFolder: true, size: 0, modified: mondayMorning),
            FolderEntry(name: "giay-chung-sinh.pdf", path: "/media/kiosk/usb0/gcs.pdf", isFolder: false, size: 1_234_567, modified: mondayMorning),
        ]))))
        assertSnapshot(h.text, "attach-80x24")
    }

    // MARK: Review, receipt, reuse

    func testReviewAndReceiptListTheDocumentsAndTheSittingReusesThem() throws {
        let h = try documentsStep()
        h.app.key(.down) // the identity document
        h.app.key(.text("q"))
        h.app.key(.enter)
        h.app.send(.effectResult(.pageScanned(Self.page(1))))
        while let s = scan(h), s.items[s.focus] != .done { h.app.key(.tab) }
        h.app.key(.enter)
        // The document as the station stores it (the store checks it is there when the dossier is finalized).
        let sha = try h.store.storeDocument(Array("%PDF-1.4\n% a scanned page\n".utf8), mediaType: "application/pdf")
        let made = MadeDocument(sha256: sha, kind: .pdf, bytes: 95_000, pages: [Self.page(1)], editable: true)
        h.app.send(.effectResult(.documentMade(made)))
        XCTAssertEqual(h.app.state.sittingDocuments.map(\.key), ["applicant.identity_document"])

        // The review page: each document and what was given.
        h.nextPage()
        XCTAssertEqual(h.session?.stage, .review)
        for _ in 0..<200 where !h.text.contains("đã quét 1 trang · 95 KB") { h.app.key(.down) }
        XCTAssertTrue(h.text.contains("đã quét 1 trang · 95 KB"), h.text)
        // Submitted: the receipt lists the document sent with it.
        let count = ReviewUpdate.answerPaths(h.session!).count
        for _ in 0..<500 { if let f = h.session?.focus, f < count { h.app.key(.down) } else { break } }
        h.app.key(.text(" "))
        h.app.key(.down)
        h.app.key(.enter)
        guard case .receipt(let r) = h.app.state.page else { return XCTFail(h.text) }
        XCTAssertEqual(r.receipt.given?.map(\.what.vi), ["đã quét 1 trang · 95 KB"])
        let paper = r.receipt.text(columns: 42, language: .vi)
        XCTAssertTrue(paper.contains("Giấy tờ gửi kèm: Giấy tờ tùy thân"), paper)
        XCTAssertEqual(r.receipt.given?.map { $0.what.text(.en) }, ["scanned, 1 page · 95 KB"])
        XCTAssertTrue(r.receipt.text(columns: 80, language: .en).contains("Document sent: "))

        // Another procedure for the same person: the identity card is offered again.
        XCTAssertTrue(h.text.contains("[ Thủ tục khác, dùng lại giấy tờ vừa quét ]"), h.text)
        h.app.key(.tab)
        h.app.key(.enter)
        guard case .choose = h.app.state.page else { return XCTFail(h.text) }
        h.app.type("khai tu")
        h.app.key(.enter)
        for _ in 0..<2 { h.app.type("2468"); h.app.key(.enter) }
        try h.load(sample: "dang-ky-khai-tu")
        for _ in 0..<20 { if case .fields? = h.session?.stage { h.nextPage() } else { break } }
        XCTAssertEqual(h.session?.stage, .documents, h.text)
        while let f = h.session, f.focus < DocumentsUpdate.fields(f).count,
              DocumentsUpdate.fields(f)[f.focus].id != "doc_gttt" { h.app.key(.down) }
        XCTAssertTrue(h.text.contains("L Dùng lại bản vừa quét"), h.text)
        h.app.key(.text("l"))
        XCTAssertEqual(h.raw("doc_gttt"), "file:" + sha)
        XCTAssertTrue(line(h, containing: "Giấy tờ tùy thân").contains("đã quét 1 trang · 95 KB"), h.text)
        XCTAssertTrue(h.text.contains("Dùng lại bản vừa quét"), h.text)

        // The sitting ends when the station goes idle: nothing kept.
        h.app.send(.tick(unixTime: mondayMorning + 10_000))
        guard case .welcome = h.app.state.page else { return XCTFail(h.text) }
        XCTAssertEqual(h.app.state.sittingDocuments, [])
    }

    // MARK: Resumed drafts and the idle time-out

    func testAResumedDraftsFilesAreOpenedForTheirRows() throws {
        let h = try documentsStep()
        let sha = try h.store.storeDocument(Array("%PDF-1.4\n% two pages\n".utf8), mediaType: "application/pdf")
        // Made on the scan screen for the birth certificate, then paused.
        let f = try XCTUnwrap(h.session)
        var sc = ScanState(session: f, field: f.form.fieldIndexByID["doc_gcs"]!)
        sc.making = true
        h.app.state.page = .scan(sc)
        h.app.send(.effectResult(.documentMade(MadeDocument(sha256: sha, kind: .pdf, bytes: 250_000, pages: [Self.page(1), Self.page(2)], editable: true))))
        XCTAssertEqual(h.raw("doc_gcs"), "file:" + sha)
        h.app.key(.escape)
        h.app.key(.left)
        h.app.key(.enter)
        guard case .welcome = h.app.state.page else { return XCTFail(h.text) }
        // Resumed: its file is asked for, and its row then says what it is.
        h.app.type("2")
        h.app.type("K7M4QX")
        h.app.key(.enter)
        h.app.type("1234")
        let mark = h.app.effects.count
        h.app.key(.enter)
        XCTAssertTrue(effectsSince(h, mark).contains { if case .openDocument(sha) = $0 { return true } else { return false } }, "\(effectsSince(h, mark))")
        h.app.send(.effectResult(.documentOpened(MadeDocument(sha256: sha, kind: .pdf, bytes: 250_000, pages: [Self.page(1), Self.page(2)], editable: true))))
        for _ in 0..<20 { if case .fields? = h.session?.stage { h.nextPage() } else { break } }
        XCTAssertTrue(line(h, containing: "Giấy chứng sinh").contains("đã quét 2 trang · 250 KB"), h.text)
    }

    func testTheIdleTimeOutOnTheScanScreenLeavesASlipAndKeepsThePagesInTheDraft() throws {
        let h = try documentsStep()
        h.app.key(.text("q"))
        h.app.key(.enter)
        h.app.send(.effectResult(.pageScanned(Self.page(1))))
        h.app.state.sittingDocuments = [SittingDocument(key: "applicant.identity_document", name: LocalizedText(vi: "CCCD", en: "ID"),
                                                        document: MadeDocument(sha256: Self.madeSHA, kind: .pdf, bytes: 1, pages: [], editable: true))]
        h.app.send(.tick(unixTime: mondayMorning + 100))
        XCTAssertTrue(h.text.contains("K7M4QX"), "the countdown shows the resume code: \(h.text)")
        let mark = h.app.effects.count
        h.app.send(.tick(unixTime: mondayMorning + 130))
        guard case .welcome = h.app.state.page else { return XCTFail(h.text) }
        XCTAssertTrue(effectsSince(h, mark).contains { if case .printSlip = $0 { return true } else { return false } }, "\(effectsSince(h, mark))")
        XCTAssertEqual(h.app.state.sittingDocuments, [])
        XCTAssertFalse(h.text.contains("▀"), h.text)
        // The page scanned, not yet made a document, is kept in the draft as one.
        let kept = effectsSince(h, mark).compactMap { effect -> (String, [DocumentPage])? in
            if case .keepPages(_, let field, let pages) = effect { return (field, pages) } else { return nil }
        }
        XCTAssertEqual(kept.map(\.0), ["doc_gcs"])
        XCTAssertEqual(kept.first?.1, [Self.page(1)])
    }

    /// The document screens at every size and in both languages: nothing
    /// cut unmarked, nothing over the frame.
    func testTheDocumentScreensFitEverySize() throws {
        for (w, hgt) in [(80, 24), (100, 30), (160, 50)] {
            for language in [Language.vi, .en] {
                let h = try documentsStep(width: w, height: hgt, language: language)
                func check(_ what: String) {
                    let screen = h.app.screen
                    XCTAssertEqual(screen.cuts.map(\.text), [], "\(what) \(w)x\(hgt) \(language)")
                    for y in 4..<(hgt - 3) {
                        XCTAssertEqual(screen[0, y].grapheme, "│", "\(what) \(w)x\(hgt) \(language) row \(y)")
                        XCTAssertEqual(screen[w - 1, y].grapheme, "│", "\(what) \(w)x\(hgt) \(language) row \(y)\n\(h.text)")
                    }
                }
                check("documents")
                h.app.key(.text(language == .vi ? "q" : "s"))
                h.app.key(.enter)
                h.app.send(.effectResult(.pageScanned(DocumentPage(sha256: String(repeating: "1", count: 64), preview: Self.preview(width: 300, height: 200), bytes: 2_500_000))))
                h.app.key(.text("r"))
                h.app.key(.enter)
                h.app.send(.effectResult(.scanProgress(0.99)))
                check("scan")
                h.app.key(.escape)
                h.app.state.overlay = nil
                h.app.key(.function(1))
                check("scan help")
                h.app.key(.escape)
                while let s = scan(h), s.items[s.focus] != .addImage { h.app.key(.tab) }
                h.app.key(.enter)
                h.app.send(.effectResult(.folderListed(FolderListing(path: "/media/kiosk/usb0/" + String(repeating: "thư mục rất dài/", count: 8), parent: "/media/kiosk/usb0",
                    entries: (0..<40).map { FolderEntry(name: "Tệp số \($0) có tên rất dài, dài hơn cả dòng của màn hình nhỏ nhất.jpg", path: "/x/\($0).jpg", isFolder: $0 < 3, size: Int64($0) * 123_456_789, modified: mondayMorning) }))))
                h.app.key(.down, times: 30)
                check("attach")
                h.app.send(.effectResult(.attachFailed(LocalizedText(vi: String(repeating: "Tệp quá lớn. ", count: 20), en: String(repeating: "Too large. ", count: 20)))))
                check("attach failed")
            }
        }
    }
}

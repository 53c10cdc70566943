import Foundation
import KioskCore
import KioskImaging
import KioskTestSupport
import XCTest

/// The attach picker under its roots, with real files, links, a FIFO and
/// a sparse 2 GB file.
final class FolderPickerTests: XCTestCase {
    var dir = ""
    var stick = ""
    var picker: FolderPicker!

    override func setUpWithError() throws {
        dir = temporaryFolder()
        stick = dir + "/media/USB"
        let fm = FileManager.default
        try fm.createDirectory(atPath: stick + "/Giấy tờ", withIntermediateDirectories: true)
        try fm.createDirectory(atPath: dir + "/secret", withIntermediateDirectories: true)
        fm.createFile(atPath: dir + "/secret/passwd.pdf", contents: Data("%PDF-1.4 outside".utf8))
        picker = FolderPicker(roots: [dir + "/media", dir + "/not-mounted"], maxBytes: 20 << 20)
    }

    override func tearDown() {
        try? FileManager.default.removeItem(atPath: dir)
    }

    func write(_ name: String, _ bytes: [UInt8]) {
        FileManager.default.createFile(atPath: stick + "/" + name, contents: Data(bytes))
    }

    func testListsRootsFoldersFirstHiddenAndOutsideLeftOut() throws {
        write("Ảnh CCCD.jpg", try strokesJPEG())
        write("bản sao.pdf", Array("%PDF-1.4".utf8))
        write("an.txt", Array("hello".utf8))
        write(".hidden.pdf", Array("%PDF-1.4".utf8))
        try FileManager.default.createSymbolicLink(atPath: stick + "/escape", withDestinationPath: dir + "/secret")
        try FileManager.default.createSymbolicLink(atPath: stick + "/escape.pdf", withDestinationPath: dir + "/secret/passwd.pdf")
        try FileManager.default.createSymbolicLink(atPath: stick + "/inside.pdf", withDestinationPath: stick + "/bản sao.pdf")

        let roots = try picker.list(nil)
        XCTAssertNil(roots.path)
        XCTAssertEqual(roots.entries.map(\.path), [dir + "/media"], "a root that does not exist is not shown")

        let media = try picker.list(dir + "/media")
        XCTAssertNil(media.parent, "up from a root shows the roots")
        XCTAssertEqual(media.entries.map(\.name), ["USB"])

        let listing = try picker.list(stick)
        XCTAssertEqual(listing.parent, dir + "/media")
        XCTAssertEqual(listing.entries.map(\.name), ["Giấy tờ", "an.txt", "Ảnh CCCD.jpg", "bản sao.pdf", "inside.pdf"])
        XCTAssertEqual(listing.entries.first?.isFolder, true)
        XCTAssertEqual(listing.entries.first { $0.name == "an.txt" }?.size, 5)

        XCTAssertThrowsError(try picker.take(stick + "/escape.pdf")) { XCTAssertEqual($0 as? AttachFailure, .outsideRoots) }
        XCTAssertThrowsError(try picker.list(stick + "/escape")) { XCTAssertEqual($0 as? AttachFailure, .outsideRoots) }
        XCTAssertThrowsError(try picker.list(stick + "/../../secret")) { XCTAssertEqual($0 as? AttachFailure, .outsideRoots) }
        XCTAssertThrowsError(try picker.take(dir + "/secret/passwd.pdf")) { XCTAssertEqual($0 as? AttachFailure, .outsideRoots) }
        XCTAssertEqual(try picker.take(stick + "/inside.pdf").kind, .pdf)
    }

    func testTakesByContentNotName() throws {
        let jpeg = try strokesJPEG()
        write("photo.png", jpeg)
        write("notes.pdf", Array("Just some text, not a PDF at all.".utf8))
        write("fake.pdf", Array("%PDF-1.7\n1 0 obj garbage\n%%EOF\n".utf8))
        let png = try samplePNG(in: dir)
        write("scan.dat", png)

        let taken = try picker.take(stick + "/photo.png")
        XCTAssertEqual(taken.kind, .jpeg)
        let checked = try CheckedFile(taken)
        XCTAssertEqual(checked.previews.count, 1)
        XCTAssertEqual(try CheckedFile(try picker.take(stick + "/scan.dat")).kind, .png)

        XCTAssertThrowsError(try picker.take(stick + "/notes.pdf")) { XCTAssertEqual($0 as? AttachFailure, .notAccepted) }
        let fake = try picker.take(stick + "/fake.pdf")
        XCTAssertEqual(fake.kind, .pdf)
        XCTAssertThrowsError(try CheckedFile(fake)) { XCTAssertEqual($0 as? AttachFailure, .notRealPDF) }
        XCTAssertTrue(AttachFailure.notRealPDF.message.vi.contains("không mở được"))
    }

    func testARealPDFIsPreviewedPageByPage() throws {
        let pdf = try PDFMaker.make(pageCount: 2) { _ in PDFMaker.Page(bytes: try strokesJPEG(), kind: .jpeg, rotation: 0) }
        write("hai trang.pdf", pdf)
        let checked = try CheckedFile(try picker.take(stick + "/hai trang.pdf"))
        XCTAssertEqual(checked.kind, .pdf)
        XCTAssertEqual(checked.previews.count, 2)
        XCTAssertEqual(checked.previews[0].height, 320)
        XCTAssertEqual(checked.previews[0].channels, 1)
    }

    /// A sparse 2 GB file: refused by its size, not a byte read.
    func testTwoGigabyteFileRefusedUnread() throws {
        let path = stick + "/big.pdf"
        write("big.pdf", [])
        XCTAssertEqual(truncate(path, 2 << 30), 0)
        let before = Date()
        XCTAssertThrowsError(try picker.take(path)) {
            XCTAssertEqual($0 as? AttachFailure, .tooLarge(bytes: 2 << 30, limitMB: 20))
        }
        _ = before
        XCTAssertTrue(AttachFailure.tooLarge(bytes: 2 << 30, limitMB: 20).message.vi.contains("2048,0 MB"))
        XCTAssertTrue(AttachFailure.tooLarge(bytes: 2 << 30, limitMB: 20).message.en.contains("2048.0 MB"))
        write("empty.pdf", [])
        XCTAssertThrowsError(try picker.take(stick + "/empty.pdf")) { XCTAssertEqual($0 as? AttachFailure, .empty) }
    }

    /// A stick pulled out: the file gone between listing and taking; a FIFO
    /// where a file was (nothing would ever come) is refused, not waited on.
    func testStickPulledAndFIFO() throws {
        write("gone.jpg", try strokesJPEG())
        XCTAssertEqual(try picker.list(stick).entries.map(\.name), ["Giấy tờ", "gone.jpg"])
        try FileManager.default.removeItem(atPath: stick)
        XCTAssertThrowsError(try picker.take(stick + "/gone.jpg")) { XCTAssertEqual($0 as? AttachFailure, .notFound) }
        XCTAssertThrowsError(try picker.list(stick)) { XCTAssertEqual($0 as? AttachFailure, .notFound) }

        try FileManager.default.createDirectory(atPath: stick, withIntermediateDirectories: true)
        XCTAssertEqual(mkfifo(stick + "/pipe.pdf", 0o600), 0)
        XCTAssertEqual(try picker.list(stick).entries.map(\.name), [], "a FIFO is not listed")
        XCTAssertThrowsError(try picker.take(stick + "/pipe.pdf")) { XCTAssertEqual($0 as? AttachFailure, .notAFile) }
        XCTAssertThrowsError(try picker.take(stick)) { XCTAssertEqual($0 as? AttachFailure, .notAFile) }
        XCTAssertTrue(AttachFailure.stickRemoved.message.en.contains("USB stick"))
    }
}

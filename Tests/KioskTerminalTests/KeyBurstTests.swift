import XCTest
import KioskCore
import KioskUI
@testable import KioskTerminal

/// A keyboard-mode card scanner told apart by its speed (issue 17): the
/// terminal in memory delivers keys on its own clock (`schedule`), so the
/// gaps between keys are a test's, never the real clock's. Made-up cards.
final class KeyBurstTests: XCTestCase {
    static let card = "068195012873|250123456|Nguyễn Thị Thu Hà|05071995|Nữ|Thôn 3, Xã Tân Hà, Huyện Lâm Hà, Lâm Đồng|12032021"

    func terminal() -> (EmbeddedTerminalDriver, Terminal) {
        let driver = EmbeddedTerminalDriver(width: 80, height: 24)
        return (driver, Terminal(driver: driver, theme: .highContrast))
    }

    /// Reads as the kiosk's loop does, until nothing more comes.
    func readAll(_ t: Terminal, _ driver: EmbeddedTerminalDriver) -> [Event] {
        var events: [Event] = []
        for _ in 0..<2000 {
            let got = t.readEvents(timeoutMilliseconds: 1000)
            if got.isEmpty { break }
            events += got
        }
        return events
    }

    func scans(_ events: [Event]) -> [String] {
        events.compactMap { if case .scan(let p) = $0 { return p.withBytes { String(decoding: $0, as: UTF8.self) } } else { return nil } }
    }

    func testAScannersFastKeysEndingInEnterAreOneScanAcrossReads() {
        let (driver, t) = terminal()
        // 4 ms a key: each arrives in a read of its own, never typed.
        driver.schedule(typing: Self.card + "\r", gapMilliseconds: 4)
        let events = readAll(t, driver)
        XCTAssertEqual(scans(events), [Self.card], describe(events).joined(separator: ", "))
        XCTAssertEqual(events.count, 1, "no key of it typed, and its Enter is its own")
    }

    func testWhatComesTogetherInOneReadIsAScanToo() {
        let (driver, t) = terminal()
        driver.feed(typing: Self.card + "\r")
        driver.feed(typing: "a")
        let events = t.readEvents(timeoutMilliseconds: 0)
        XCTAssertEqual(scans(events), [Self.card])
        XCTAssertEqual(describe(Array(events.dropFirst())), ["text a"], "what follows the Enter is typing")
    }

    func testAPersonTypingTheSameIsTyping() {
        let (driver, t) = terminal()
        // 90 ms a key: a fast typist. Every key arrives as itself.
        driver.schedule(typing: Self.card + "\r", gapMilliseconds: 90)
        let events = readAll(t, driver)
        XCTAssertEqual(scans(events), [])
        XCTAssertEqual(describe(events).filter { $0.hasPrefix("text") }.count, Self.card.unicodeScalars.count)
        XCTAssertEqual(describe(events).last, "enter")
    }

    func testAPauseInTheMiddleIsNotAScan() {
        let (driver, t) = terminal()
        driver.schedule(typing: "068195012873|2501", gapMilliseconds: 4)
        driver.schedule(typing: "23456|Nguyễn Thị Thu Hà|05071995|Nữ|x|12032021\r", gapMilliseconds: 200)
        XCTAssertEqual(scans(readAll(t, driver)), [])
    }

    func testWhatIsNotACardTypedFastIsKeysAsBefore() {
        let (driver, t) = terminal()
        // A parcel's barcode from the same scanner: typed into the field.
        driver.schedule(typing: "8934588012345\r", gapMilliseconds: 4)
        var events = readAll(t, driver)
        XCTAssertEqual(scans(events), [])
        XCTAssertEqual(describe(events).filter { $0.hasPrefix("text ") }.map { $0.dropFirst(5) }.joined(), "8934588012345")
        XCTAssertEqual(describe(events).last, "enter")
        // A paste of text with `|` (not 12 digits first): as before.
        driver.feed(typing: "Nguyễn|Thị|Thu|Hà|05071995|Nữ|Lâm Đồng|x\r")
        events = t.readEvents(timeoutMilliseconds: 0)
        XCTAssertEqual(describe(events), ["text Nguyễn|Thị|Thu|Hà|05071995|Nữ|Lâm Đồng|x", "enter"])
        // A card's shape without its Enter (a scanner with no suffix): typed.
        driver.schedule(typing: Self.card, gapMilliseconds: 4)
        XCTAssertEqual(scans(readAll(t, driver)), [])
    }

    func testAShortCodeInTheCardsShapeIsAScanThatSaysItIsTruncated() {
        let (driver, t) = terminal()
        driver.schedule(typing: "068195012873|250123456|Nguyễn\r", gapMilliseconds: 3)
        XCTAssertEqual(scans(readAll(t, driver)), ["068195012873|250123456|Nguyễn"])
        // Too short to be anything but typing.
        driver.schedule(typing: "068195012873|25\r", gapMilliseconds: 3)
        XCTAssertEqual(scans(readAll(t, driver)), [])
    }

    func testDigitsAPersonTypesWaitAtMostTheGap() {
        let (driver, t) = terminal()
        driver.schedule(typing: "0", gapMilliseconds: 5)
        let before = driver.milliseconds
        XCTAssertEqual(describe(t.readEvents(timeoutMilliseconds: 1000)), ["text 0"])
        XCTAssertEqual(driver.milliseconds - before, 5 + KeyBurst.gapMilliseconds, "one wait for a next key, then delivered")
        // A letter never waits.
        driver.schedule(typing: "a", gapMilliseconds: 5)
        let start = driver.milliseconds
        XCTAssertEqual(describe(t.readEvents(timeoutMilliseconds: 1000)), ["text a"])
        XCTAssertEqual(driver.milliseconds - start, 5)
    }
}

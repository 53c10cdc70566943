import XCTest
@testable import KioskSync

final class EnvelopeTests: XCTestCase {
    func testPortalTimeIsVietnamTimeZeroPadded() {
        XCTAssertEqual(Envelope.portalTime(0), "19700101070000")
        XCTAssertEqual(Envelope.portalTime(1_795_398_060), "20261123084100")
        XCTAssertEqual(Envelope.portalTime(1_767_200_399), "20251231235959")
    }
}

import XCTest
@testable import KioskCore

final class JSONOutTests: XCTestCase {
    /// What the writer makes reads back as the same value, keys sorted, text escaped.
    func testRoundTripsThroughTheParser() throws {
        let value = JSONOut.object(["b": .array([.int(-3), .bool(true), .null]), "a": .string("Nguyễn \"Văn\"\n\t\\ \u{1}"), "": .object([:])])
        let text = String(decoding: value.bytes, as: UTF8.self)
        XCTAssertTrue(text.hasPrefix(#"{"":{},"a":"Nguyễn \"Văn\"\n\t\\ \u0001","b":[-3,true,null]}"#), text)
        let parsed = try SourceJSONParser.parse(value.bytes)
        XCTAssertEqual(parsed["a"]?.stringValue, "Nguyễn \"Văn\"\n\t\\ \u{1}")
    }
}

import Foundation
import XCTest
@testable import KioskCore

/// Mutates the real forms (fixed seed, bounded runs) and feeds them to the
/// loader: every result must be a form or a list of located errors, never a
/// crash or a hang.
final class FormFuzzTests: XCTestCase {
    func testMutatedFormsNeverCrashTheLoader() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: formsDirectory).filter { $0.hasSuffix(".json") }.sorted()
        XCTAssertEqual(files.count, 11)
        var rng = SplitMix64(seed: 0x4B494F534B)
        let tokens: [[UInt8]] = ["\"", "{", "}", "[", "]", ",", ":", "null", "\"type\": \"repeat\"", "\\u00", "\u{FF}", "(", "'",
                                 "visible_if", "count(", "1e999", "-", "\"id\": \"a\"", "\u{0301}"].map { Array($0.utf8) }
        var loaded = 0, rejected = 0
        for file in files {
            let original = Array(try Data(contentsOf: URL(fileURLWithPath: formsDirectory + "/" + file)))
            for _ in 0..<60 {
                var bytes = original
                for _ in 0..<(1 + Int(rng.next() % 4)) {
                    let at = Int(rng.next() % UInt64(bytes.count))
                    switch rng.next() % 4 {
                    case 0: bytes.remove(at: at)
                    case 1: bytes.insert(contentsOf: tokens[Int(rng.next() % UInt64(tokens.count))], at: at)
                    case 2: bytes[at] = UInt8(truncatingIfNeeded: rng.next())
                    default:
                        // Duplicate a slice: repeats ids, nests objects.
                        let end = min(bytes.count, at + Int(rng.next() % 200))
                        bytes.insert(contentsOf: bytes[at..<end], at: end)
                    }
                }
                let (form, diagnostics) = FormLoader.load(bytes: bytes, file: file, datasets: realDatasets)
                if let form {
                    loaded += 1
                    // A form that loads must also evaluate.
                    var state = FormState(form: form, today: fixedToday)
                    for f in form.fields where f.isEditable && f.group == nil { state.set(FieldPath(field: f.index), raw: "1") }
                    _ = state.allIssues()
                } else {
                    rejected += 1
                    XCTAssertFalse(diagnostics.filter(\.isError).isEmpty)
                    for d in diagnostics { XCTAssertGreaterThanOrEqual(d.location.line, 1, d.description) }
                }
            }
        }
        XCTAssertGreaterThan(rejected, 0)
        XCTAssertEqual(loaded + rejected, files.count * 60)
    }
}

import Foundation
import XCTest
@testable import KioskStore
import KioskTestSupport

/// A child process edits a draft in a loop and acknowledges each committed
/// keystroke; the parent kills it with SIGKILL at random points, reopens the
/// file and checks that every acknowledged edit is there and the file is sound.
final class CrashSafetyTests: XCTestCase {
    /// The writer executable beside the test bundle (.build/<config>/).
    private var writer: URL {
        guard let url = builtExecutable("kiosk-crash-writer", near: Bundle(for: CrashSafetyTests.self)) else {
            XCTFail("kiosk-crash-writer not built")
            return URL(fileURLWithPath: "/nonexistent")
        }
        return url
    }

    func testEveryAcknowledgedEditSurvivesSIGKILL() throws {
        let dir = NSTemporaryDirectory() + "crash-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let dbPath = dir + "/kiosk.sqlite", attachments = dir + "/attachments"
        let keyFile = writeTestKeyFile(dir + "/test.key")
        let draftID = try testStore(databasePath: dbPath, attachmentsPath: attachments, stationID: "T", retentionDays: 30)
            .createDraft(formID: "crash", formVersion: "1", formSource: Array("{}".utf8), verification: .pin("1234")).id

        var acknowledged: [String: Int] = [:]   // path -> last acknowledged edit number
        var next = 0
        var kills = 0
        var seed: UInt64 = 0x5EED
        for run in 0..<60 {
            let process = Process()
            process.executableURL = writer
            process.arguments = [keyFile, dbPath, attachments, String(draftID), String(next)]
            let out = Pipe()
            process.standardOutput = out
            process.standardError = FileHandle.nullDevice
            try process.run()
            // Wait until the writer has opened the store, then let it type
            // for a random while (0–30 ms) and kill it mid-stride.
            var received = Data()
            while !String(decoding: received, as: UTF8.self).contains("ready\n") {
                let chunk = out.fileHandleForReading.availableData
                if chunk.isEmpty { break }
                received.append(chunk)
            }
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            usleep(useconds_t((seed >> 33) % 30_000))
            kill(process.processIdentifier, SIGKILL)
            received.append(out.fileHandleForReading.readDataToEndOfFile())
            process.waitUntilExit()
            if process.terminationReason == .uncaughtSignal { kills += 1 }

            for line in String(decoding: received, as: UTF8.self).split(separator: "\n") {
                let parts = line.split(separator: " ")
                guard parts.count == 3, parts[0] == "ack", let n = Int(parts[1]) else { continue }
                acknowledged[String(parts[2])] = n
            }

            // Reopen as the kiosk would after a crash.
            let store = try testStore(databasePath: dbPath, attachmentsPath: attachments, stationID: "T", retentionDays: 30)
            XCTAssertEqual(try store.db.integrityCheck(), "ok", "run \(run)")
            var stored: [String: Int] = [:]
            for (path, value) in try store.answers(draftID: draftID) {
                // "value N — Nguyễn": the whole value or none of it.
                let words = value.split(separator: " ")
                XCTAssertEqual(words.count, 4, "run \(run): torn value \(value)")
                XCTAssertTrue(value.hasSuffix("— Nguyễn"), "run \(run): torn value \(value)")
                stored[path] = Int(words[1])
            }
            for (path, n) in acknowledged {
                // A later edit may have committed without its acknowledgement
                // getting out; an earlier one would mean a lost edit.
                XCTAssertGreaterThanOrEqual(stored[path] ?? -1, n, "run \(run): acknowledged edit \(n) of \(path) lost")
            }
            next = (stored.values.max() ?? next - 1) + 1
        }
        XCTAssertGreaterThanOrEqual(kills, 50, "the writer must be killed mid-work at least 50 times")
        XCTAssertGreaterThan(acknowledged.count, 10, "the writer made progress")
    }
}

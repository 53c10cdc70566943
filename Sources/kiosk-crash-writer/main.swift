import Foundation
import KioskStore

// A test helper for the crash-safety test, not a tool for stations: edits a
// draft in a loop and acknowledges every committed keystroke on stdout, until
// the parent kills it with SIGKILL. Usage: kiosk-crash-writer DB ATTACHMENTS DRAFT START
// (DRAFT: the draft to edit; START: the number of the first edit, so that
// runs continue each other).

let args = CommandLine.arguments
guard args.count == 5, let draftID = Int64(args[3]), let start = Int(args[4]) else {
    FileHandle.standardError.write(Data("usage: kiosk-crash-writer DB ATTACHMENTS DRAFT START\n".utf8))
    exit(2)
}

func say(_ line: String) {
    // Unbuffered: an acknowledgement is out before the next edit starts.
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

do {
    let store = try KioskStore(databasePath: args[1], attachmentsPath: args[2], stationID: "CRASH", retentionDays: 30)
    say("ready")
    var i = start
    while true {
        let path = "field_\(i % 37)"
        try store.saveAnswer(draftID: draftID, path: path, raw: "value \(i) — Nguyễn")
        // Leaving a field every seventh edit: a full sync.
        if i % 7 == 0 { try store.flush() }
        say("ack \(i) \(path)")
        i += 1
    }
} catch {
    FileHandle.standardError.write(Data("kiosk-crash-writer: \(error)\n".utf8))
    exit(1)
}

import Foundation
import KioskStore

// A test helper for the crash-safety tests, not a tool for stations.
//
//   kiosk-crash-writer KEYFILE DB ATTACHMENTS DRAFT START
//     edits a draft in a loop and acknowledges every committed keystroke on
//     stdout, until the parent kills it with SIGKILL (DRAFT: the draft to
//     edit; START: the number of the first edit, so that runs continue each other).
//   kiosk-crash-writer KEYFILE DB ATTACHMENTS migrate BATCH
//     unlocks a database written before the vault, sealing BATCH values per
//     transaction and saying "sealed N" after each, until it is done ("done")
//     or killed.
// KEYFILE: the vault's key file (the tests' key).

let args = CommandLine.arguments

func say(_ line: String) {
    // Unbuffered: an acknowledgement is out before the next edit starts.
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

if args.count == 6, args[4] == "migrate", let batch = Int(args[5]) {
    do {
        let store = try KioskStore(databasePath: args[2], attachmentsPath: args[3], stationID: "CRASH", retentionDays: 30)
        store.plainMigrationBatch = batch
        store.onPlainMigrationBatch = { say("sealed \($0)") }
        say("ready")
        try store.unlock(.keyFile(args[1]))
        say("done")
        exit(0)
    } catch {
        FileHandle.standardError.write(Data("kiosk-crash-writer: \(error)\n".utf8))
        exit(1)
    }
}

guard args.count == 6, let draftID = Int64(args[4]), let start = Int(args[5]) else {
    FileHandle.standardError.write(Data("usage: kiosk-crash-writer KEYFILE DB ATTACHMENTS DRAFT START | KEYFILE DB ATTACHMENTS migrate BATCH\n".utf8))
    exit(2)
}

do {
    let store = try KioskStore(databasePath: args[2], attachmentsPath: args[3], stationID: "CRASH", retentionDays: 30, vault: .keyFile(args[1]))
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

import Foundation
import KioskCore
import KioskStore
import KioskTestSupport

/// Resuming a draft with a code nobody holds, and with a real code and a
/// wrong PIN: the two must take the same time (one Argon2id check each), or
/// the time of one try tells whether a code exists. Alternating tries, so
/// that a busy neighbour slows both alike; the tries are forgotten after
/// each one so that neither code locks. Returns the medians in ms.
func resumeTimings(dir: String, form: FormDefinition, rounds: Int) throws -> (unknown: Double, wrongPIN: Double) {
    let store = try testStore(databasePath: dir + "/resume.sqlite", attachmentsPath: dir + "/attachments", stationID: "BENCH", retentionDays: 30)
    let draft = try store.createDraft(form: form, verification: .pin("1234"))
    var unknownCode = ResumeCode.generate()
    while unknownCode == draft.resumeCode { unknownCode = ResumeCode.generate() }
    // The first resume at a station makes its decoy: not part of either path.
    _ = try? store.resumeDraft(code: draft.resumeCode, verification: "1234")
    var unknown: [UInt64] = [], wrong: [UInt64] = []
    for round in 0..<rounds {
        for code in round % 2 == 0 ? [unknownCode, draft.resumeCode] : [draft.resumeCode, unknownCode] {
            let t = now()
            _ = try? store.resumeDraft(code: code, verification: "9999")
            let elapsed = now() - t
            if code == unknownCode { unknown.append(elapsed) } else { wrong.append(elapsed) }
            try store.db.execute("DELETE FROM resume_tries")
        }
    }
    return (percentiles(unknown).p50 / 1e6, percentiles(wrong).p50 / 1e6)
}

import KioskCore
import KioskStore
import KioskUI

/// What the upload worker changes in the store that the screen shows: the
/// status line's facts, and the official code of the dossier whose receipt
/// is on screen. Read on the UI's loop every two seconds (and after a
/// dossier is finalized), and handed to `update` as events: the runtime
/// never changes the app's state itself.
public enum StationWatch {
    /// The events that bring the screen up to date with the store.
    /// `online`: a worker runs and last reached the server.
    public static func events(_ store: KioskStore, online: Bool, awaitingOfficialCode submissionID: String?) -> [Event] {
        var events: [Event] = [.stationStatus(status(store, online: online))]
        if let submissionID, let d = try? store.dossier(submissionID: submissionID), let code = d.officialCode {
            events.append(.officialCodeArrived(submissionID: d.submissionID, code: code, dueDate: d.dueDate))
        }
        return events
    }

    /// The status line's facts, as the store holds them (the upload worker
    /// writes them there): cheap counts, since this runs every two seconds.
    /// A fault of the station itself is always shown; being offline or a
    /// busy server only while dossiers wait (then the staff see why they
    /// wait, a wrong address among the causes).
    public static func status(_ store: KioskStore, online: Bool) -> StationStatus {
        let waiting = (try? store.waitingCount()) ?? 0
        let problem = ((try? store.syncProblem()) ?? nil).flatMap { p -> LocalizedText? in
            p.kind == .station || (waiting > 0 && !online) ? p.message : nil
        }
        return StationStatus(online: online, waiting: waiting, needsAttention: (try? store.needsAttentionCount()) ?? 0, problem: problem)
    }
}

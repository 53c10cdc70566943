import Foundation
import KioskCore
import KioskSync

/// Questions from the kiosk's UI, answered beside the uploads: the UI never
/// touches the network itself. One `WorkerMessage` per line each way (the
/// kiosk's `SyncWorker` writes the questions and reads the answers).
///
/// The verification goes through a pipe, never on a command line where
/// other users of the machine could read it.
final class QuestionServer: @unchecked Sendable {
    let settings: SyncSettings
    private let output = NSLock()

    init(settings: SyncSettings) {
        // A person is waiting at the screen: give up on the server well
        // before the kiosk stops waiting (25 s), and say "offline".
        var quick = settings
        quick.timeout = min(settings.timeout, 5)
        self.settings = quick
    }

    /// Reads questions until standard input closes (the kiosk is gone),
    /// when it is a pipe from the kiosk; else (a terminal, /dev/null) none.
    func serve(onEnd: @escaping @Sendable () -> Void) {
        var info = stat()
        guard fstat(0, &info) == 0, (info.st_mode & S_IFMT) == S_IFIFO else { return }
        Thread.detachNewThread { [self] in
            while let line = readLine(strippingNewline: true) {
                guard let question = WorkerMessage(line: Data(line.utf8)) else { continue }
                if case .find(let code, let verify) = question.body {
                    // Each question on its own thread and client: a slow one does not hold the next.
                    DispatchQueue.global(qos: .userInitiated).async { [self] in
                        answer(WorkerMessage(id: question.id, lookUp(code: code, verify: verify)))
                    }
                } else {
                    answer(WorkerMessage(id: question.id, .error("unknown question")))
                }
            }
            onEnd()
        }
    }

    func lookUp(code: String, verify: String) -> WorkerMessage.Body {
        switch ProvincialClient(settings: settings).priorDossier(code: code, verify: verify) {
        case .success(let prior?): return .found(prior)
        case .success(nil): return .notFound
        case .failure: return .offline
        }
    }

    private func answer(_ message: WorkerMessage) {
        let line = message.line
        output.withLock { FileHandle.standardOutput.write(line) }
    }
}

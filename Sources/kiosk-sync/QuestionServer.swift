import Foundation
import KioskCore
import KioskSync

/// Questions from the kiosk's UI, answered beside the uploads: the UI never
/// touches the network itself. One JSON object per line each way
/// (docs/architecture.md, "kiosk-sync"):
///
///     → {"id": 7, "find": {"code": "000.00.13.H36-261120-0007", "verify": "068198003417"}}
///     ← {"id": 7, "found": { …PriorDossier… }}   or {"id": 7, "notFound": true}   or {"id": 7, "offline": true}
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
                guard let data = line.data(using: .utf8),
                      let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
                      let id = object["id"] as? Int else { continue }
                if let find = object["find"] as? [String: Any], let code = find["code"] as? String, let verify = find["verify"] as? String {
                    // Each question on its own thread and client: a slow one does not hold the next.
                    DispatchQueue.global(qos: .userInitiated).async { [self] in answer(id: id, lookUp(code: code, verify: verify)) }
                } else {
                    answer(id: id, ["error": "unknown question"])
                }
            }
            onEnd()
        }
    }

    func lookUp(code: String, verify: String) -> [String: Any] {
        switch ProvincialClient(settings: settings).priorDossier(code: code, verify: verify) {
        case .success(let prior?):
            guard let data = try? JSONEncoder().encode(prior), let object = try? JSONSerialization.jsonObject(with: data) else {
                return ["offline": true]
            }
            return ["found": object]
        case .success(nil): return ["notFound": true]
        case .failure: return ["offline": true]
        }
    }

    private func answer(id: Int, _ body: [String: Any]) {
        var object = body
        object["id"] = id
        guard var data = try? JSONSerialization.data(withJSONObject: object) else { return }
        data.append(0x0A)
        output.withLock { FileHandle.standardOutput.write(data) }
    }
}

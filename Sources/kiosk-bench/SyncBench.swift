import Foundation
import KioskCore
import KioskStore
import KioskSync

/// The reference provincial server on a free loopback port, for the sync cases.
final class BenchServer {
    let process = Process()
    let port: Int
    let dir: String
    let token = "bench-\(UUID().uuidString)"

    init?(dir: String) {
        self.dir = dir
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: dir + "/token", contents: Data(token.utf8), attributes: [.posixPermissions: 0o600])
        port = 20_000 + Int(getpid() % 20_000)
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "Tools/provincial-server/server.py", "--port", String(port), "--data", dir + "/data", "--token-file", dir + "/token"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        let client = ProvincialClient(settings: settings)
        for _ in 0..<100 {
            if case .success = client.health() { return }
            usleep(50_000)
        }
        process.terminate()
        return nil
    }

    var settings: SyncSettings {
        SyncSettings(baseURL: URL(string: "http://127.0.0.1:\(port)")!, token: token, stationID: "BENCH", agencyCode: "000.00.13.H36", timeout: 10)
    }

    func stop() {
        process.terminate()
        process.waitUntilExit()
    }
}

/// Drains `count` finalized dossiers (with a document each when asked):
/// dossiers per second and bytes on the wire per dossier.
func syncRate(server: BenchServer, dir: String, form: FormDefinition, answers: [(name: String, raw: String)],
              datasets: DatasetCatalog, count: Int, documents: Bool) throws -> (rate: Double, bytes: Double) {
    let store = try KioskStore(databasePath: dir + "/sync-\(documents).sqlite", attachmentsPath: dir + "/attachments", stationID: "BENCH", retentionDays: 30)
    var state = FormState(form: form)
    state.load(answers: answers)
    for n in 0..<count {
        var s = state
        if documents {
            let sha = try store.storeDocument(Array("giấy chứng sinh \(n) \(UUID().uuidString)".utf8) + Array(repeating: 0x20, count: 20_000), mediaType: "application/pdf")
            s.set("doc_gcs", "file:\(sha)")
        }
        _ = try store.finalize(form: form, state: s, draftID: nil)
    }
    let client = ProvincialClient(settings: server.settings)
    let engine = SyncEngine(store: store, client: client, datasets: datasets)
    let t = DispatchTime.now().uptimeNanoseconds
    while try store.waitingCount() > 0 {
        let pass = engine.runOnce()
        if pass.stoppedBy != nil { throw NSError(domain: "bench", code: 1, userInfo: [NSLocalizedDescriptionKey: pass.stoppedBy!]) }
    }
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - t) / 1e9
    return (Double(count) / seconds, Double(client.bytesSent + client.bytesReceived) / Double(count))
}

/// curl sending the same kind of envelopes one after another on one
/// connection: the reference rate.
func curlRate(server: BenchServer, dir: String, envelope: Data, count: Int) -> Double? {
    guard FileManager.default.isExecutableFile(atPath: "/usr/bin/curl"),
          var object = try? JSONSerialization.jsonObject(with: envelope) as? [String: Any] else { return nil }
    var config = ""
    for n in 0..<count {
        let id = UUID().uuidString.lowercased()
        object["SubmissionId"] = id
        object["SoBienNhan"] = "CURL-\(n)"
        let path = dir + "/curl-\(n).json"
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]),
              (try? data.write(to: URL(fileURLWithPath: path))) != nil else { return nil }
        if n > 0 { config += "next\n" }
        config += """
        url = "http://127.0.0.1:\(server.port)/api/v1/dossiers/\(id)"
        request = "PUT"
        header = "Authorization: Bearer \(server.token)"
        header = "X-Station-Id: BENCH"
        header = "Content-Type: application/json; charset=utf-8"
        data-binary = "@\(path)"
        output = "/dev/null"
        silent

        """
    }
    let configPath = dir + "/curl.conf"
    guard (try? config.write(toFile: configPath, atomically: true, encoding: .utf8)) != nil else { return nil }
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
    p.arguments = ["-K", configPath]
    p.standardOutput = FileHandle.nullDevice
    p.standardError = FileHandle.nullDevice
    let t = DispatchTime.now().uptimeNanoseconds
    guard (try? p.run()) != nil else { return nil }
    p.waitUntilExit()
    guard p.terminationStatus == 0 else { return nil }
    return Double(count) / (Double(DispatchTime.now().uptimeNanoseconds - t) / 1e9)
}

import Foundation
import KioskCore
import KioskStore
import KioskSync
import KioskTestSupport

/// Waits for a helper process to write the port it listens on.
private func readPort(_ file: String, of process: Process) -> Int? {
    for _ in 0..<200 where process.isRunning {
        if let text = try? String(contentsOfFile: file, encoding: .utf8), let port = Int(text.trimmingCharacters(in: .whitespacesAndNewlines)) {
            return port
        }
        usleep(25_000)
    }
    return nil
}

/// The reference provincial server on loopback, serving https as a station's
/// server does, with a throw-away self-signed certificate that the bench's
/// client (through `[server] ca_file`) and curl trust: the tests' server.
typealias BenchServer = ReferenceServer

extension ReferenceServer {
    /// The station's settings, to this server or through `proxy`.
    func settings(through proxy: LatencyProxy? = nil) -> SyncSettings {
        SyncSettings(baseURL: URL(string: proxy?.url ?? url)!, token: token, stationID: "BENCH", agencyCode: "000.00.13.H36", timeout: 10,
                     caFile: caFile, sealKey: benchSealKey)
    }

    var settings: SyncSettings { settings() }
}

/// Tools/provincial-server/latency_proxy.py in front of the server: 150 ms
/// each way, as a station's link may be. It counts the bytes it forwards
/// (TLS records and handshakes included: the bytes on the wire).
final class LatencyProxy {
    let process = Process()
    let port: Int
    private let statsFile: String

    init?(target: Int, delayMs: Int, dir: String) {
        let portFile = dir + "/proxy-\(UUID().uuidString).port"
        statsFile = portFile + ".json"
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "Tools/provincial-server/latency_proxy.py", "--target-port", String(target), "--delay-ms", String(delayMs),
                             "--port-file", portFile, "--stats-file", statsFile]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil, let port = readPort(portFile, of: process) else {
            if process.isRunning { process.terminate() }
            return nil
        }
        self.port = port
    }

    var url: String { "https://127.0.0.1:\(port)" }

    /// Stops it: the connections it forwarded and the bytes both ways.
    func stop() -> (connections: Int, bytes: Int)? {
        process.terminate()
        process.waitUntilExit()
        guard let data = FileManager.default.contents(atPath: statsFile),
              let stats = try? JSONSerialization.jsonObject(with: data) as? [String: Int] else { return nil }
        return (stats["connections"] ?? 0, (stats["bytesToServer"] ?? 0) + (stats["bytesToClient"] ?? 0))
    }
}

/// A store holding `count` finalized dossiers (with a 20 KB document each
/// when asked), sealed to the reference server's key as a station does
/// (unless `sealed` is false), ready to drain.
func storeToDrain(dir: String, name: String, form: FormDefinition, answers: [(name: String, raw: String)], count: Int,
                  documents: Bool, sealed: Bool = true) throws -> KioskStore {
    let store = try testStore(databasePath: dir + "/\(name).sqlite", attachmentsPath: dir + "/attachments", stationID: "BENCH", retentionDays: 30)
    store.agencyCode = "000.00.13.H36"
    store.sealKey = sealed ? benchSealKey : nil
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
    return store
}

/// What a station does: its sync engine drains the store over https with
/// `settings` (a health check first, as `kiosk-sync` does): dossiers per
/// second, HTTP bytes per dossier, and the connections it opened.
func syncRate(store: KioskStore, settings: SyncSettings, datasets: DatasetCatalog) throws -> (rate: Double, bytes: Double, connections: Int) {
    let count = try store.waitingCount()
    let client = ProvincialClient(settings: settings)
    let engine = SyncEngine(store: store, client: client, datasets: datasets)
    let t = DispatchTime.now().uptimeNanoseconds
    if case .failure(let e) = client.health() { throw NSError(domain: "bench", code: 1, userInfo: [NSLocalizedDescriptionKey: e.summary]) }
    while try store.waitingCount() > 0 {
        let pass = engine.runOnce()
        if pass.stoppedBy != nil { throw NSError(domain: "bench", code: 1, userInfo: [NSLocalizedDescriptionKey: pass.stoppedBy!]) }
    }
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - t) / 1e9
    return (Double(count) / seconds, Double(client.bytesSent + client.bytesReceived) / Double(count), client.connectionsOpened)
}

/// curl sending the same kind of envelopes one after another over one
/// kept-alive TLS connection, trusting the same CA file: the reference rate.
/// With `reuse` false, each request says `Connection: close`, so each pays a
/// TCP and TLS handshake: what the kiosk's https uploads cost before.
func curlRate(baseURL: String, server: BenchServer, dir: String, envelope: Data, count: Int, reuse: Bool = true) -> Double? {
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
        url = "\(baseURL)/api/v1/dossiers/\(id)"
        request = "PUT"
        cacert = "\(server.caFile ?? "")"
        header = "Authorization: Bearer \(server.token)"
        header = "X-Station-Id: BENCH"
        header = "Content-Type: application/json; charset=utf-8"
        \(reuse ? "" : "header = \"Connection: close\"")
        data-binary = "@\(path)"
        output = "/dev/null"
        fail
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

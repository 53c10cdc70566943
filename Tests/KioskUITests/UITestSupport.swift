import Foundation
import XCTest
import KioskCore
import KioskStore
@testable import KioskUI

let packageRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    while url.path != "/" {
        url.deleteLastPathComponent()
        if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url.path }
    }
    fatalError("Package.swift not found")
}()

let catalog = FormCatalog.load(directory: packageRoot + "/Forms")

/// 08:41 on Monday 23/11/2026 in Vietnam (01:41 UTC).
let mondayMorning: Double = 1_795_398_060

/// A headless kiosk on a fresh store in a temporary folder.
final class UIHarness {
    let dir: String
    let store: KioskStore
    var app: HeadlessApp

    init(width: Int = 80, height: Int = 24, language: Language = .vi, citizenMode: Bool = true) throws {
        dir = NSTemporaryDirectory() + "kiosk-ui-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        store = try KioskStore(databasePath: dir + "/kiosk.sqlite", attachmentsPath: dir + "/attachments", stationID: "LH-01", retentionDays: 30,
                               now: { Date(timeIntervalSince1970: mondayMorning) })
        let context = AppContext(stationName: "Bưu điện huyện Lâm Hà", forms: catalog.forms.sorted { $0.procedure.code < $1.procedure.code },
                                 datasets: catalog.datasets, idleTimeout: 120, defaultLanguage: language, citizenMode: citizenMode)
        let runner = EffectRunner(store: store, context: context, printerCommand: "", receiptsDirectory: dir + "/receipts")
        app = HeadlessApp(state: AppState(context: context, width: width, height: height, now: mondayMorning), runner: runner)
    }

    deinit { try? FileManager.default.removeItem(atPath: dir) }

    var text: String { app.text }
}

import Foundation

// Shared by the test targets (each is a module of its own): where the
// package and the built executables are. Not used by the kiosk itself.

/// The package's root folder, found upwards from this file.
public let packageRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    while url.path != "/" {
        url.deleteLastPathComponent()
        if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url.path }
    }
    fatalError("Package.swift not found above \(#filePath)")
}()

/// A built executable of the package (beside the test bundle, in
/// .build/<configuration>/).
public func builtExecutable(_ name: String, near bundle: Bundle) -> URL? {
    var dir = bundle.bundleURL
    while dir.path != "/" {
        let candidate = dir.appendingPathComponent(name)
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDir), !isDir.boolValue,
           FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        dir.deleteLastPathComponent()
    }
    return nil
}

/// A test form with a repeat group inside a repeat group (locations, each
/// with its business lines), and its sample answers: no shipped form nests
/// groups yet.
public let nestedFormPath = packageRoot + "/Tests/Fixtures/nested/ke-khai-dia-diem.json"
public let nestedAnswersPath = packageRoot + "/Tests/Fixtures/nested/answers.json"

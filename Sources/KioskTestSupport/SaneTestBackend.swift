import Foundation

/// SANE's `test` backend for the tests and kiosk-bench: scanimage run with
/// `SANE_CONFIG_DIR` set to this folder (its dll.conf names `test` only)
/// scans a virtual device, `test:0`, through the real path.
public let saneTestConfigDir = packageRoot + "/Tests/Fixtures/sane"
/// A SANE configuration with no backend: no scanner is found.
public let saneNoneConfigDir = packageRoot + "/Tests/Fixtures/sane-none"

/// The environment scanimage gets in tests.
public func saneTestEnvironment(_ dir: String = saneTestConfigDir) -> [String: String] { ["SANE_CONFIG_DIR": dir] }

/// Test backend options: its picture (the grid: black lines on white every
/// 10 mm, the closest it has to a printed page).
public let saneGridPicture = ["--test-picture=Grid"]
/// A slow scan (each buffer held back), to cancel it or watch its progress.
public let saneSlowScan = ["--read-delay=yes", "--read-delay-duration", "200000"]
/// A fault the backend reports while reading (`SANE_STATUS_JAMMED`, …).
public func saneFault(_ status: String) -> [String] { ["--read-return-value=" + status] }

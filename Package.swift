// swift-tools-version:6.0
// The Một Cửa kiosk. No Swift package dependencies: only the toolchain and
// C libraries from Debian packages, reached through system library targets.
import PackageDescription

let package = Package(
    name: "MotCuaKiosk",
    products: [
        .executable(name: "kiosk", targets: ["kiosk"]),
        .executable(name: "kiosk-bench", targets: ["kiosk-bench"]),
    ],
    targets: [
        // C libraries (Debian packages).
        .systemLibrary(
            name: "CNcursesw",
            path: "Sources/CNcursesw",
            pkgConfig: "ncursesw",
            providers: [.apt(["libncurses-dev"])]
        ),
        .systemLibrary(
            name: "CSQLite",
            path: "Sources/CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),

        // Forms, expressions, validation, identifiers, Vietnamese text, config.
        .target(name: "KioskCore"),

        // Executables.
        .executableTarget(name: "kiosk", dependencies: ["KioskCore"]),
        .executableTarget(name: "kiosk-bench", dependencies: ["KioskCore"]),

        // Tests mirror the modules.
        .testTarget(name: "KioskCoreTests", dependencies: ["KioskCore"]),
        .testTarget(name: "KioskCLITests", dependencies: ["kiosk"]),
    ],
    swiftLanguageModes: [.v6]
)

// swift-tools-version:6.0
// The Một Cửa kiosk. No Swift package dependencies: only the toolchain and
// C libraries from Debian packages, reached through system library targets.
import PackageDescription

let package = Package(
    name: "MotCuaKiosk",
    products: [
        .executable(name: "kiosk", targets: ["kiosk"]),
        .executable(name: "kiosk-bench", targets: ["kiosk-bench"]),
        .executable(name: "kiosk-sync", targets: ["kiosk-sync"]),
    ],
    targets: [
        // C libraries (Debian packages).
        .systemLibrary(
            name: "CNcursesw",
            path: "Sources/CNcursesw",
            providers: [.apt(["libncurses-dev"])]
        ),
        .systemLibrary(
            name: "CSQLite",
            path: "Sources/CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),

        .systemLibrary(
            name: "CSodium",
            path: "Sources/CSodium",
            pkgConfig: "libsodium",
            providers: [.apt(["libsodium-dev"])]
        ),
        // libcurl: the one HTTP transport of KioskSync (http and https, kept alive).
        .systemLibrary(
            name: "CCurl",
            path: "Sources/CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),

        // Pages: JPEG (libjpeg-turbo), PNG (libpng), PDF (libharu, no .pc file).
        .systemLibrary(
            name: "CJPEG",
            path: "Sources/CJPEG",
            pkgConfig: "libjpeg",
            providers: [.apt(["libjpeg-dev"])]
        ),
        .systemLibrary(
            name: "CPNG",
            path: "Sources/CPNG",
            pkgConfig: "libpng",
            providers: [.apt(["libpng-dev"])]
        ),
        // pipe2 and memfd_create (glibc hides them without _GNU_SOURCE).
        .systemLibrary(name: "CLinux", path: "Sources/CLinux"),
        .systemLibrary(
            name: "CHaru",
            path: "Sources/CHaru",
            providers: [.apt(["libhpdf-dev"])]
        ),

        // Forms, expressions, validation, identifiers, Vietnamese text, config.
        .target(name: "KioskCore"),
        // SQLite: drafts, dossiers, the outbox, documents, retention.
        .target(name: "KioskStore", dependencies: ["KioskCore", "CSQLite", "CSodium"]),
        // Upload client (libcurl), outbox worker, remote lookup.
        .target(name: "KioskSync", dependencies: ["KioskCore", "KioskStore", "CCurl"]),
        // Documents at the desk: scanning through scanimage, JPEG/PNG pages,
        // previews, PDFs (libharu), the attach picker. No store, no UI.
        .target(name: "KioskImaging", dependencies: ["KioskCore", "CJPEG", "CPNG", "CHaru", "CLinux"]),
        // The app as pure state: update(state, event) and view(state) -> Screen.
        // No curses, no store, no network: effects are values it returns.
        .target(name: "KioskUI", dependencies: ["KioskCore"]),
        // Performs the UI's effects against the store, the printer and the
        // upload worker (kiosk-sync, over a pipe); HeadlessApp for tests.
        .target(name: "KioskRuntime", dependencies: ["KioskCore", "KioskStore", "KioskUI", "KioskImaging"]),
        // A fast helper typed by a program: the keystrokes a dossier takes,
        // for kiosk-bench and the UI tests (not part of the kiosk).
        .target(name: "KioskKeystrokes", dependencies: ["KioskCore", "KioskStore", "KioskUI", "KioskRuntime"]),
        // The only code that calls ncursesw: draws Screens, reads keys, mouse and resize.
        .target(name: "KioskTerminal", dependencies: ["KioskUI", "KioskCore", "CNcursesw"]),

        // Executables.
        .executableTarget(name: "kiosk", dependencies: ["KioskCore", "KioskStore", "KioskUI", "KioskRuntime", "KioskTerminal", "KioskImaging"]),
        // The uploads, in a process of their own (see docs/architecture.md).
        .executableTarget(name: "kiosk-sync", dependencies: ["KioskCore", "KioskStore", "KioskSync"]),
        // Starts the reference server as the tests do (KioskTestSupport).
        .executableTarget(name: "kiosk-bench", dependencies: ["KioskCore", "KioskStore", "KioskSync", "KioskUI", "KioskRuntime", "KioskKeystrokes", "KioskTestSupport", "KioskImaging", "CHaru"]),
        // Used by the crash-safety test: edits a draft until it is killed.
        .executableTarget(name: "kiosk-crash-writer", dependencies: ["KioskStore"]),

        // Tests mirror the modules; KioskTestSupport holds what they share.
        .target(name: "KioskTestSupport", dependencies: ["KioskCore", "KioskStore"], path: "Sources/KioskTestSupport"),
        .testTarget(name: "KioskCoreTests", dependencies: ["KioskTestSupport", "KioskCore"]),
        .testTarget(name: "KioskStoreTests", dependencies: ["KioskTestSupport", "KioskStore", "KioskCore", "kiosk-crash-writer"]),
        .testTarget(name: "KioskSyncTests", dependencies: ["KioskTestSupport", "KioskSync", "KioskStore", "KioskCore", "KioskUI", "KioskRuntime"]),
        .testTarget(name: "KioskRuntimeTests", dependencies: ["KioskTestSupport", "KioskRuntime", "KioskUI", "KioskStore", "KioskCore", "KioskImaging"]),
        .testTarget(name: "KioskImagingTests", dependencies: ["KioskTestSupport", "KioskImaging", "KioskCore"]),
        .testTarget(name: "KioskUITests", dependencies: ["KioskTestSupport", "KioskUI", "KioskRuntime", "KioskKeystrokes", "KioskStore", "KioskCore"], exclude: ["Snapshots"]),
        .testTarget(name: "KioskTerminalTests", dependencies: ["KioskTestSupport", "KioskTerminal", "KioskUI", "KioskCore", "CNcursesw"]),
        .testTarget(name: "KioskCLITests", dependencies: ["KioskTestSupport", "kiosk", "kiosk-sync", "KioskCore", "KioskStore", "KioskRuntime"]),
    ],
    swiftLanguageModes: [.v6]
)

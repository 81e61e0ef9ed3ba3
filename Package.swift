// swift-tools-version:6.0
import PackageDescription

// qualkit depends on no third-party package: only the toolchain and the system's libsqlite3 and zlib.
let package = Package(
    name: "qualkit",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "qualkit", targets: ["qualkit"]),
        .executable(name: "qualkit-bench", targets: ["qualkit-bench"]),
        .library(name: "QualKit", targets: ["QualKit"]),
    ],
    targets: [
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"]), .brew(["sqlite"])]
        ),
        // DEFLATE for zip archives (REFI-QDA projects), from the system's zlib.
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"]), .brew(["zlib"])]
        ),
        .target(name: "QualKit", dependencies: ["CSQLite", "CZlib"]),
        // The command-line machinery both executables share: typed options, parsing, help, errors.
        .target(name: "QualKitCommandLine", dependencies: ["QualKit"]),
        .executableTarget(name: "qualkit", dependencies: ["QualKit", "QualKitCommandLine"]),
        // Benchmarks on generated data, kept out of the users' binary.
        .executableTarget(name: "qualkit-bench", dependencies: ["QualKit", "QualKitCommandLine"]),
        .testTarget(name: "QualKitTests", dependencies: ["QualKit"], exclude: ["Fixtures"]),
        .testTarget(name: "CLITests", dependencies: ["qualkit", "QualKit", "QualKitCommandLine"]),
    ],
    swiftLanguageModes: [.v6]
)

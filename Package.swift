// swift-tools-version:6.0
import PackageDescription

// qualkit depends on no third-party package: only the toolchain and the system's libsqlite3.
let package = Package(
    name: "qualkit",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "qualkit", targets: ["qualkit"]),
        .library(name: "QualKit", targets: ["QualKit"]),
    ],
    targets: [
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"]), .brew(["sqlite"])]
        ),
        .target(name: "QualKit", dependencies: ["CSQLite"]),
        .executableTarget(name: "qualkit", dependencies: ["QualKit"]),
        .testTarget(name: "QualKitTests", dependencies: ["QualKit"], exclude: ["Fixtures"]),
        .testTarget(name: "CLITests", dependencies: ["qualkit", "QualKit"]),
    ],
    swiftLanguageModes: [.v6]
)

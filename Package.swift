// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "caunoi",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "caunoi", targets: ["caunoi"]),
        .executable(name: "caunoi-bench", targets: ["bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
    ],
    targets: [
        // libsodium from Debian's libsodium-dev (see scripts/bootstrap).
        .systemLibrary(
            name: "CSodium",
            pkgConfig: "libsodium",
            providers: [.apt(["libsodium-dev"]), .brew(["libsodium"])]
        ),
        // The only Swift code that touches libsodium. Not named `Crypto`: swift-crypto, which
        // Hummingbird pulls in, declares a target of that name and SwiftPM refuses the clash.
        .target(name: "CaunoiCrypto", dependencies: ["CSodium"]),
        // The domain: persons, cases, notes, keys, users, search, import, policy, storage.
        .target(
            name: "Cases",
            dependencies: [
                "CaunoiCrypto",
                .product(name: "GRDB", package: "GRDB.swift"),
                // The SQLite C API itself, for serialising a snapshot into memory (backups).
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        // What both faces show: the Vietnamese/English catalogue, error messages, code labels,
        // view models and the documents (referral letters, subject exports).
        .target(name: "Views", dependencies: ["Cases"]),
        // Two C wrappers around prctl (variadic, so not callable from Swift): no core dumps.
        .target(name: "CProcess"),
        // The staff web application (`caunoi serve`, docs/WEB.md): Hummingbird routes over Cases.
        .target(
            name: "Web",
            dependencies: [
                "Cases",
                "Views",
                "CaunoiCrypto",
                "CProcess",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The command line: parse, call Cases, print; `serve` starts Web. A library, so that
        // parsing is tested in process; `caunoi` is its entry point.
        .target(
            name: "CaunoiCLI",
            dependencies: [
                "Cases",
                "Views",
                "Web",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
            ],
            path: "Sources/cli"
        ),
        .executableTarget(name: "caunoi", dependencies: ["CaunoiCLI"]),
        // `caunoi-bench`: national-scale figures against a plaintext baseline (docs/BENCHMARKS.md).
        .executableTarget(
            name: "bench",
            dependencies: ["Cases", "CaunoiCrypto", .product(name: "GRDB", package: "GRDB.swift"),
                           .product(name: "AsyncHTTPClient", package: "async-http-client")]
        ),
        .testTarget(name: "CaunoiCryptoTests", dependencies: ["CaunoiCrypto"], resources: [.copy("Vectors")]),
        .testTarget(name: "CLITests", dependencies: ["CaunoiCLI", .product(name: "ArgumentParser", package: "swift-argument-parser")]),
        .testTarget(name: "ViewsTests", dependencies: ["Views", "Cases"]),
        .testTarget(name: "WebTests", dependencies: ["Web", "Cases", "Views", "CaunoiCrypto", .product(name: "HummingbirdTesting", package: "hummingbird")]),
        .testTarget(name: "CasesTests", dependencies: ["Cases", "Views", "CaunoiCrypto", .product(name: "GRDB", package: "GRDB.swift")]),
        // Runs the built `caunoi` binary; GRDB and CaunoiCrypto (libsodium) only to attack the file behind its back.
        .testTarget(name: "EndToEndTests", dependencies: ["CaunoiCrypto", .product(name: "GRDB", package: "GRDB.swift")]),
    ],
    swiftLanguageModes: [.v6]
)

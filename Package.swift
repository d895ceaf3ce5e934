// swift-tools-version: 6.0
// The CRM store: an embedded store for customers, their interactions and the
// promises made to or by them, on LMDB.
//
// Dependencies point one way: CRMEngine -> (CRMQuery, CRMStore); CRMStore -> LMDB -> CLMDB
// (the system library), and CRMStore -> CChecksum (one C function, CRC32C); CRMQuery (the
// query language's syntax) stands alone.
import PackageDescription

let package = Package(
    name: "CRMStore",
    products: [
        .executable(name: "crm", targets: ["crm"]),
        .library(name: "CRMStore", targets: ["CRMStore"]),
        .library(name: "LMDB", targets: ["LMDB"]),
        .library(name: "CRMQuery", targets: ["CRMQuery"]),
        .library(name: "CRMEngine", targets: ["CRMEngine"]),
        .library(name: "CRMSampleData", targets: ["CRMSampleData"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/yaslab/CSV.swift", exact: "2.5.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CLMDB",
            pkgConfig: "lmdb",
            providers: [.apt(["liblmdb-dev"])]
        ),
        .target(name: "LMDB", dependencies: ["CLMDB"]),
        // CRC32C for the checksums of records and history, with the processor's instruction.
        .target(name: "CChecksum"),
        .target(name: "CRMStore", dependencies: ["LMDB", "CChecksum"]),
        // The query language's syntax: source text -> tokens -> AST + diagnostics. No storage.
        .target(name: "CRMQuery"),
        // Planner and executor: statements + store -> rows; time semantics; output formats.
        .target(
            name: "CRMEngine",
            dependencies: ["CRMQuery", "CRMStore", .product(name: "CSV", package: "CSV.swift")]
        ),
        // The system's libedit, for line editing and history in the interactive shell.
        .systemLibrary(name: "CLibEdit", pkgConfig: "libedit", providers: [.apt(["libedit-dev"])]),
        // The `crm` command: a thin shell over the engine and the store.
        .executableTarget(
            name: "crm",
            dependencies: [
                "CRMEngine", "CRMSampleData", "CRMStore", "CRMQuery", "CLibEdit", "LMDB",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The deterministic sample dataset of BENCH.md, for `crm seed`, the demo and the benchmark.
        .target(name: "CRMSampleData", dependencies: ["CRMStore"]),
        // A small program the tests spawn to act as a second process on one store file.
        .executableTarget(name: "crm-store-probe", dependencies: ["CRMStore"], path: "Tests/Probe"),
        // Helpers the test targets share: temporary folders, a seeded random generator.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "LMDBTests", dependencies: ["LMDB", "TestSupport"]),
        .testTarget(name: "CRMQueryTests", dependencies: ["CRMQuery", "TestSupport"]),
        .testTarget(name: "CRMEngineTests", dependencies: ["CRMEngine", "CRMQuery", "CRMStore", "TestSupport"]),
        // The `crm` binary itself, spawned with scripts on stdin and under a pseudo-terminal.
        .testTarget(
            name: "CRMCommandTests", dependencies: ["crm", "CRMStore", "LMDB", "TestSupport"],
            exclude: ["Golden"]),
        .testTarget(name: "CRMSampleDataTests", dependencies: ["CRMSampleData", "CRMStore", "TestSupport"]),
        .testTarget(
            name: "CRMStoreTests", dependencies: ["CRMStore", "CChecksum", "LMDB", "TestSupport", "crm-store-probe"]),
    ],
    swiftLanguageModes: [.v6]
)

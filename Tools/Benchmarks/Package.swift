// swift-tools-version: 6.0
// The benchmark of BENCH.md: this store against SQLite (through GRDB) and raw LMDB, side by
// side in one process. A package of its own, so that the product never depends on GRDB.
//
// Build and run it with `Tools/bench` (release mode); it has its own `.build` folder.
import PackageDescription

let package = Package(
    name: "CRMBenchmarks",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "crm-bench", targets: ["crm-bench"])
    ],
    dependencies: [
        .package(name: "CRMStore", path: "../.."),
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
    ],
    targets: [
        // The benchmark runner: dataset, the three systems, the workloads and the report.
        .executableTarget(
            name: "crm-bench",
            dependencies: [
                .product(name: "CRMStore", package: "CRMStore"),
                .product(name: "CRMEngine", package: "CRMStore"),
                .product(name: "CRMQuery", package: "CRMStore"),
                .product(name: "CRMSampleData", package: "CRMStore"),
                .product(name: "LMDB", package: "CRMStore"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        )
    ],
    swiftLanguageModes: [.v6]
)

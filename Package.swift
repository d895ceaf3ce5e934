// swift-tools-version: 6.0
// The CRM store: an embedded store for customers, their interactions and the
// promises made to or by them, on LMDB.
//
// Dependencies point one way: CRMStore -> LMDB -> CLMDB (the system library).
import PackageDescription

let package = Package(
    name: "CRMStore",
    products: [
        .library(name: "CRMStore", targets: ["CRMStore"]),
        .library(name: "LMDB", targets: ["LMDB"]),
    ],
    targets: [
        .systemLibrary(
            name: "CLMDB",
            pkgConfig: "lmdb",
            providers: [.apt(["liblmdb-dev"])]
        ),
        .target(name: "LMDB", dependencies: ["CLMDB"]),
        .target(name: "CRMStore", dependencies: ["LMDB"]),
        // A small program the tests spawn to act as a second process on one store file.
        .executableTarget(name: "crm-store-probe", dependencies: ["CRMStore"], path: "Tests/Probe"),
        .testTarget(name: "LMDBTests", dependencies: ["LMDB"]),
        .testTarget(name: "CRMStoreTests", dependencies: ["CRMStore", "LMDB", "crm-store-probe"]),
    ],
    swiftLanguageModes: [.v6]
)

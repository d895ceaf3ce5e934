// swift-tools-version: 6.0
// libFuzzer targets for the query front end and the record decoder. A package of its own:
// it is built with `-sanitize=fuzzer,address` (see Tools/fuzz), which the product's own
// build never uses.
import PackageDescription

let package = Package(
    name: "CRMFuzz",
    dependencies: [.package(name: "CRMStore", path: "../..")],
    targets: [
        // Bytes -> lexer and parser -> binder and planner (`explain`) and read-only execution.
        .executableTarget(
            name: "fuzz-query",
            dependencies: [
                .product(name: "CRMEngine", package: "CRMStore"),
                .product(name: "CRMQuery", package: "CRMStore"),
                .product(name: "CRMStore", package: "CRMStore"),
            ],
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        ),
        // Bytes -> the binary record decoder of each kind and the ordered key reader.
        .executableTarget(
            name: "fuzz-records",
            dependencies: [
                .product(name: "CRMStore", package: "CRMStore"),
                .product(name: "LMDB", package: "CRMStore"),
            ],
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        ),
    ]
)

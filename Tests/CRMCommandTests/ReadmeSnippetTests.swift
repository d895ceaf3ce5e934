import Foundation
import TestSupport
import Testing

/// The README's Swift snippets stay right: its `Package.swift` resolves as a package beside a
/// checkout named `crm-store` (SwiftPM names a path dependency after its folder), and the Swift
/// code of the page compiles against the modules this build made.
@Suite struct ReadmeSnippetTests {
    /// The repository's root folder.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The README's ```swift blocks.
    static func swiftBlocks() throws -> [String] {
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        return readme.components(separatedBy: "```swift\n").dropFirst().compactMap {
            $0.components(separatedBy: "```").first
        }
    }

    /// A package of the README's manifest and code, beside a `crm-store` link to this checkout.
    static func consumer(in directory: TemporaryDirectory) throws -> String {
        let blocks = try swiftBlocks()
        let manifest = try #require(blocks.first { $0.hasPrefix("// swift-tools-version") })
        let code = blocks.filter { !$0.hasPrefix("// swift-tools-version") }.joined(separator: "\n")
        let package = directory.file("myapp")
        let manager = FileManager.default
        try manager.createSymbolicLink(atPath: directory.file("crm-store"), withDestinationPath: root.path)
        try manager.createDirectory(atPath: package + "/Sources/MyApp", withIntermediateDirectories: true)
        try manifest.write(toFile: package + "/Package.swift", atomically: true, encoding: .utf8)
        try code.write(toFile: package + "/Sources/MyApp/main.swift", atomically: true, encoding: .utf8)
        return package
    }

    /// Runs a command (through `env`, so from the PATH) in `directory`.
    static func run(_ arguments: [String], in directory: String) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }

    @Test func theManifestResolvesWithTheProductsItNames() throws {
        let directory = try TemporaryDirectory()
        let package = try Self.consumer(in: directory)
        // The store's own dependencies from the checkouts this build already has, so that
        // the check needs no network.
        let checkouts = Self.root.appendingPathComponent(".build/checkouts")
        for (url, folder) in [
            ("https://github.com/apple/swift-argument-parser", "swift-argument-parser"),
            ("https://github.com/yaslab/CSV.swift", "CSV.swift"),
        ] where FileManager.default.fileExists(atPath: checkouts.appendingPathComponent(folder).path) {
            let mirror = try Self.run(
                [
                    "swift", "package", "config", "set-mirror", "--original", url, "--mirror",
                    checkouts.appendingPathComponent(folder).path,
                ], in: package)
            #expect(mirror.status == 0, "\(mirror.output)")
        }
        // `show-dependencies` loads the whole graph: an unknown package or product fails it.
        let graph = try Self.run(["swift", "package", "show-dependencies"], in: package)
        #expect(graph.status == 0, "\(graph.output)")
        #expect(graph.output.contains("crm-store"))
    }

    @Test func theCodeCompilesAgainstTheProducts() throws {
        let directory = try TemporaryDirectory()
        let package = try Self.consumer(in: directory)
        let modules = URL(fileURLWithPath: CommandRunner.executable).deletingLastPathComponent()
            .appendingPathComponent("Modules").path
        // The C modules the products' modules were built against, as SwiftPM would pass them.
        let moduleMaps = ["Sources/CLMDB/module.modulemap", "Sources/CChecksum/include/module.modulemap"]
            .flatMap {
                ["-Xcc", "-fmodule-map-file=\(Self.root.appendingPathComponent($0).path)"]
            }
        let compiled = try Self.run(
            ["swiftc", "-typecheck", "-I", modules] + moduleMaps + ["Sources/MyApp/main.swift"], in: package)
        #expect(compiled.status == 0, "\(compiled.output)")
        #expect(
            try String(contentsOfFile: package + "/Sources/MyApp/main.swift", encoding: .utf8).contains(
                "import CRMEngine"))
    }
}

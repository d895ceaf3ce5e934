import Foundation
import TestSupport
import Testing

/// `Tools/crm` and `Tools/test` are quiet when all is well and complete when it is not. They
/// run here in a copy of the repository's Tools folder, with a stand-in `swift` on the PATH
/// that prints what SwiftPM prints (fetch lines, a deprecation warning) and builds nothing.
@Suite struct ToolsTests {
    /// A folder shaped like the repository, with the real scripts and a stand-in `swift`.
    struct Sandbox {
        let directory: TemporaryDirectory
        var root: String { directory.file("repo") }

        init() throws {
            directory = try TemporaryDirectory()
            let manager = FileManager.default
            let tools = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
                .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Tools")
            try manager.createDirectory(atPath: root + "/Tools", withIntermediateDirectories: true)
            try manager.createDirectory(atPath: root + "/Sources/crm", withIntermediateDirectories: true)
            try manager.createDirectory(atPath: directory.file("bin"), withIntermediateDirectories: true)
            for name in ["crm", "test", "setup", "lint"] {
                try manager.copyItem(
                    atPath: tools.appendingPathComponent(name).path, toPath: root + "/Tools/" + name)
            }
            try "// main\n".write(toFile: root + "/Sources/crm/main.swift", atomically: true, encoding: .utf8)
            try "// package\n".write(toFile: root + "/Package.swift", atomically: true, encoding: .utf8)
            try Self.fakeSwift.write(toFile: directory.file("bin/swift"), atomically: true, encoding: .utf8)
            try manager.setAttributes([.posixPermissions: 0o755], ofItemAtPath: directory.file("bin/swift"))
        }

        /// A `swift` that prints SwiftPM's noise; `build -c release` makes a `crm` that says
        /// it ran; FAIL_BUILD and FAIL_TEST make the steps fail. Every call is logged.
        static let fakeSwift = #"""
            #!/usr/bin/env bash
            echo "swift $*" >> "$SANDBOX/calls"
            echo "Fetching https://github.com/apple/swift-argument-parser from cache"
            echo "Environment.swift:210: warning: 'init(cString:)' is deprecated" >&2
            case "$1" in
            build)
                [ -n "${FAIL_BUILD:-}" ] && { echo "error: cannot find 'x' in scope"; exit 1; }
                if [ "$2" = "--package-path" ]; then
                    mkdir -p "$3/.build/release"
                    printf '#!/bin/sh\necho "crm ran: $*"\n' > "$3/.build/release/crm"
                    chmod +x "$3/.build/release/crm"
                fi ;;
            test)
                for i in $(seq 1 300); do echo "◇ Test number$i() started."; done
                if [ -n "${FAIL_TEST:-}" ]; then
                    echo "✘ Test broken() recorded an issue at X.swift:3:5: Expectation failed"
                    echo "✘ Test broken() failed after 0.1 seconds with 1 issue."
                    echo "✘ Test run with 301 tests in 9 suites failed after 2.0 seconds with 1 issue."
                    exit 1
                fi
                echo "✔ Test run with 300 tests in 9 suites passed after 2.0 seconds." ;;
            esac
            exit 0
            """#

        /// Runs `Tools/NAME ARGUMENTS` with the stand-in first on the PATH.
        func run(_ name: String, _ arguments: [String] = [], environment: [String: String] = [:]) throws
            -> CommandRunner.Outcome
        {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: root + "/Tools/" + name)
            process.arguments = arguments
            var env = ProcessInfo.processInfo.environment
            env["PATH"] = directory.file("bin") + ":" + (env["PATH"] ?? "/usr/bin:/bin")
            env["SANDBOX"] = directory.path
            env["TMPDIR"] = directory.path
            for (key, value) in environment { env[key] = value }
            process.environment = env
            let stdout = Pipe()
            let stderr = Pipe()
            process.standardOutput = stdout
            process.standardError = stderr
            try process.run()
            let errors = ErrorCollector(stderr.fileHandleForReading)
            let output = stdout.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return CommandRunner.Outcome(
                status: process.terminationStatus, stdout: String(decoding: output, as: UTF8.self),
                stderr: String(decoding: errors.wait(), as: UTF8.self))
        }

        /// The `swift` commands run so far.
        var calls: [String] {
            ((try? String(contentsOfFile: directory.file("calls"), encoding: .utf8)) ?? "")
                .split(separator: "\n").map(String.init)
        }
    }

    @Test func crmSaysOneLineWhileItBuildsAndNothingOnceBuilt() throws {
        let sandbox = try Sandbox()
        let first = try sandbox.run("crm", ["--demo"])
        #expect(first.status == 0)
        #expect(first.stderr == "building crm (about a minute the first time)...\n")
        #expect(first.stdout == "crm ran: --demo\n")
        let second = try sandbox.run("crm", ["--demo"])
        #expect(second.stderr == "" && second.stdout == "crm ran: --demo\n")
        #expect(sandbox.calls.count == 1, "an up-to-date binary runs without asking SwiftPM")
        // A source newer than the binary builds again.
        try FileManager.default.setAttributes(
            [.modificationDate: Date().addingTimeInterval(60)],
            ofItemAtPath: sandbox.root + "/Sources/crm/main.swift")
        #expect(try sandbox.run("crm").stderr == "building crm (about a minute the first time)...\n")
    }

    @Test func crmShowsTheWholeBuildOutputWhenTheBuildFails() throws {
        let sandbox = try Sandbox()
        let failed = try sandbox.run("crm", ["--demo"], environment: ["FAIL_BUILD": "1"])
        #expect(failed.status == 1)
        #expect(failed.stdout == "")
        #expect(failed.stderr.contains("error: cannot find 'x' in scope"))
        #expect(failed.stderr.contains("Fetching https://github.com"))
        #expect(failed.stderr.contains("crm: the build failed"))
    }

    @Test func testPrintsOneLineOnSuccess() throws {
        let sandbox = try Sandbox()
        let passed = try sandbox.run("test")
        #expect(passed.status == 0)
        #expect(passed.stderr == "")
        let lines = passed.stdout.split(separator: "\n")
        #expect(lines.count == 1, "\(passed.stdout)")
        #expect(
            lines.first?.hasPrefix("test: lint ok, build ok, Test run with 300 tests in 9 suites passed")
                == true)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: sandbox.directory.path).allSatisfy {
                !$0.hasPrefix("crm-test.")
            })
    }

    @Test func testPrintsEverythingOnFailureAndTheFailuresLast() throws {
        let sandbox = try Sandbox()
        let failed = try sandbox.run("test", ["--filter", "Broken"], environment: ["FAIL_TEST": "1"])
        #expect(failed.status == 1)
        #expect(failed.stdout.contains("◇ Test number1() started."))
        #expect(failed.stdout.contains("◇ Test number300() started."))
        let tail = failed.stdout.components(separatedBy: "test: these tests failed").last ?? ""
        #expect(tail.contains("✘ Test broken() failed after 0.1 seconds"))
        #expect(sandbox.calls.contains("swift test --skip-build --filter Broken"))
        let buildFailed = try sandbox.run("test", environment: ["FAIL_BUILD": "1"])
        #expect(buildFailed.status == 1)
        #expect(buildFailed.stdout.contains("error: cannot find 'x' in scope"))
        #expect(buildFailed.stdout.contains("test: build failed"))
    }
}

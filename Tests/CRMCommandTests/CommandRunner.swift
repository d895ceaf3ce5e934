import Foundation
import TestSupport

/// Runs the built `crm` binary with arguments and standard input, and collects what it wrote.
struct CommandRunner {
    /// The `crm` executable built beside the test bundle.
    static var executable: String {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent(
            "crm"
        ).path
    }

    struct Outcome {
        /// The exit status, or the signal's number when `signaled`.
        let status: Int32
        /// Whether the process ended by a signal rather than an exit.
        var signaled = false
        let stdout: String
        let stderr: String
    }

    /// Runs `crm ARGUMENTS` with `input` on stdin (a pipe, so not a terminal); or another
    /// program, given as `program` (`runuser`, to run a copy of crm as another user).
    static func run(
        _ arguments: [String], input: String = "", environment: [String: String] = [:], program: String? = nil
    ) throws -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program ?? executable)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["TZ"] = "UTC"
        env["NO_COLOR"] = "1"
        env.removeValue(forKey: "CRM_DB")
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let stdin = Pipe()
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        let writer = Thread {
            stdin.fileHandleForWriting.write(Data(input.utf8))
            try? stdin.fileHandleForWriting.close()
        }
        writer.start()
        // Read both pipes while the process runs, so a large output cannot block it.
        let errorData = ErrorCollector(stderr.fileHandleForReading)
        let outputData = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(
            status: process.terminationStatus, signaled: process.terminationReason == .uncaughtSignal,
            stdout: String(decoding: outputData, as: UTF8.self),
            stderr: String(decoding: errorData.wait(), as: UTF8.self))
    }
}

/// Reads a pipe to its end on another thread.
final class ErrorCollector: @unchecked Sendable {
    // SAFETY: `data` is written by the reading thread before `done` is signalled and read
    // only after `wait()` has seen the signal.
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
        Thread { [self] in
            data = handle.readDataToEndOfFile()
            done.signal()
        }.start()
    }

    func wait() -> Data {
        done.wait()
        return data
    }
}

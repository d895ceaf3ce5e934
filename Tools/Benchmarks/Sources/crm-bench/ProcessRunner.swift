import Foundation

/// Runs other programs: `crm` and `sqlite3` for the script row, and this benchmark itself as
/// the memory row's child.
enum ProcessRunner {
    /// What a finished program did.
    struct Outcome {
        /// The wall time from start to exit, in seconds.
        var seconds: Double
        /// Its standard output, when captured.
        var output: String
        /// The most anonymous memory (heap and stacks: `RssAnon`) it held, in KiB, sampled
        /// every 10 ms; the store file's mapped pages are not in it.
        var peakAnonymousKiB = 0
        /// Its peak resident memory (`VmHWM`, mapped file pages included), in KiB.
        var peakResidentKiB = 0
    }

    /// Runs `executable` with `arguments`, standard input from the file `input` (if any),
    /// standard error shared with this process; standard output captured when
    /// `captureOutput`, else discarded.
    ///
    /// - Throws: `BenchError` when it cannot start or exits with a non-zero status.
    static func run(_ executable: String, _ arguments: [String], input: String? = nil, captureOutput: Bool)
        throws -> Outcome
    {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let input {
            guard let handle = FileHandle(forReadingAtPath: input) else {
                throw BenchError("cannot read \(input)")
            }
            process.standardInput = handle
        } else {
            process.standardInput = FileHandle.nullDevice
        }
        let pipe = Pipe()
        process.standardOutput = captureOutput ? pipe : FileHandle.nullDevice
        let watch = Stopwatch()
        try process.run()
        let sampler = captureOutput ? nil : MemorySampler(pid: process.processIdentifier)
        let data = captureOutput ? pipe.fileHandleForReading.readDataToEndOfFile() : Data()
        while process.isRunning {
            sampler?.sample()
            usleep(10_000)
        }
        process.waitUntilExit()
        let seconds = watch.seconds
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            let name = (executable as NSString).lastPathComponent
            throw BenchError(
                "\(name) \(arguments.joined(separator: " ")) failed with status "
                    + "\(process.terminationStatus)")
        }
        return Outcome(
            seconds: seconds, output: String(decoding: data, as: UTF8.self),
            peakAnonymousKiB: sampler?.peakAnonymousKiB ?? 0, peakResidentKiB: sampler?.peakResidentKiB ?? 0)
    }

    /// The full path of `name` found in `PATH`, or nil.
    static func find(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            let candidate = "\(folder)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// The path of this program.
    static var currentExecutable: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? CommandLine.arguments[0]
    }
}

/// Samples another process's memory from `/proc/PID/status` while it runs.
final class MemorySampler {
    private let path: String
    /// The most `RssAnon` seen, in KiB.
    private(set) var peakAnonymousKiB = 0
    /// The last `VmHWM` seen (a peak already), in KiB.
    private(set) var peakResidentKiB = 0

    /// A sampler of process `pid`.
    init(pid: Int32) {
        path = "/proc/\(pid)/status"
    }

    /// Reads the figures once.
    func sample() {
        guard let status = try? String(contentsOfFile: path, encoding: .utf8) else { return }
        for line in status.split(separator: "\n") {
            let parts = line.split(whereSeparator: { $0 == ":" || $0 == " " || $0 == "\t" })
            guard parts.count >= 2, let value = Int(parts[1]) else { continue }
            switch parts[0] {
            case "RssAnon": peakAnonymousKiB = max(peakAnonymousKiB, value)
            case "VmHWM": peakResidentKiB = max(peakResidentKiB, value)
            default: break
            }
        }
    }
}

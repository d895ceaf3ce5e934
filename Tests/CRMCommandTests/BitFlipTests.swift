import Foundation
import TestSupport
import Testing

/// The held-back regression corpus of issue 15: copies of a small seeded store, each with 1 to
/// 16 random bits flipped (a seeded generator, so every run makes the same copies), and on
/// each `crm check` and four queries through the real binary. Every run must end with an exit
/// status of its own (0, 1 or 3), never a signal, and within a time limit.
///
/// `Tools/damage-test` runs the same thing longer, on a release build.
@Suite("Damaged copies of a store: every run of crm ends with an exit status, never a signal")
struct BitFlipTests {
    /// The runs for each copy: `crm check`, then the queries of the issue.
    static let runs: [DamageRuns.Run] = [
        DamageRuns.Run(name: "check") { ["check", $0] },
        DamageRuns.Run(name: "find") { [$0, "-c", "find interactions where subject contains \"x\""] },
        DamageRuns.Run(name: "count") { [$0, "-c", "count promises group by status"] },
        DamageRuns.Run(name: "vip") { [$0, "-c", "find customers where tier = vip order by name limit 5"] },
        DamageRuns.Run(name: "get") { [$0, "-c", "get customer 7 with interactions, promises"] },
    ]

    @Test func twoHundredDamagedCopiesNeverEndInASignal() throws {
        let copies = Int(ProcessInfo.processInfo.environment["CRM_DAMAGE_COPIES"] ?? "") ?? 200
        let seed = UInt64(ProcessInfo.processInfo.environment["CRM_DAMAGE_SEED"] ?? "") ?? 15
        let directory = try TemporaryDirectory()
        let base = directory.file("base.db")
        let seeded = try CommandRunner.run(["seed", base, "--customers", "100", "--seed", "15"])
        #expect(seeded.status == 0, "\(seeded.stderr)")
        let original = try [UInt8](Data(contentsOf: URL(fileURLWithPath: base)))
        var random = SplitMix64(seed: seed)
        var paths: [String] = []
        for index in 0..<copies {
            var bytes = original
            for _ in 0..<(1 + Int(random.next() % 16)) {
                let bit = Int(random.next() % UInt64(bytes.count * 8))
                bytes[bit / 8] ^= UInt8(1) << UInt8(bit % 8)
            }
            let path = directory.file("copy-\(index).db")
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            paths.append(path)
        }
        let outcomes = DamageRuns.run(
            paths, Self.runs, workers: max(2, ProcessInfo.processInfo.activeProcessorCount))
        var tally: [String: Int] = [:]
        for outcome in outcomes { tally[outcome.summary, default: 0] += 1 }
        print(
            "damaged copies (seed \(seed)): \(copies) copies, \(outcomes.count) runs: "
                + tally.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        #expect(outcomes.count == copies * Self.runs.count)
        for outcome in outcomes where !outcome.isExpected {
            Issue.record("copy \(outcome.copy) (seed \(seed)), \(outcome.run): \(outcome.summary)")
        }
        // The corpus must hold damage crm sees, or it would test nothing.
        #expect((tally["exit 1"] ?? 0) > copies / 2)
    }
}

/// Runs crm on damaged copies, several at a time, each run with a time limit.
enum DamageRuns {
    /// One run of crm on a copy: a name for reports, and the arguments for the copy's path.
    struct Run: Sendable {
        let name: String
        let arguments: @Sendable (String) -> [String]
    }

    /// How one run ended.
    struct Outcome: Sendable {
        let copy: Int
        let run: String
        /// The exit status, or the signal, or nil when the run was stopped at its time limit.
        let status: Int32?
        let signaled: Bool

        var summary: String {
            guard let status else { return "timed out" }
            return signaled ? "signal \(status)" : "exit \(status)"
        }

        /// 0 (nothing wrong met), 1 (damage reported), 3 (cannot open, or a read fault).
        var isExpected: Bool { !signaled && status.map { [0, 1, 3].contains($0) } == true }
    }

    /// Runs every run of `runs` on each of `paths` (in order per copy), `workers` copies at a time.
    static func run(
        _ paths: [String], _ runs: [Run], workers: Int,
        timeLimit: Double = 60
    ) -> [Outcome] {
        let results = Results()
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while let index = results.nextCopy(of: paths.count) {
                for run in runs {
                    results.add(one(index, run.name, run.arguments(paths[index]), timeLimit: timeLimit))
                }
            }
        }
        return results.all
    }

    private static func one(_ copy: Int, _ name: String, _ arguments: [String], timeLimit: Double) -> Outcome
    {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandRunner.executable)
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        var environment = ProcessInfo.processInfo.environment
        environment["TZ"] = "UTC"
        environment.removeValue(forKey: "CRM_DB")
        process.environment = environment
        let done = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in done.signal() }
        do {
            try process.run()
        } catch {
            return Outcome(copy: copy, run: name, status: -1, signaled: false)
        }
        if done.wait(timeout: .now() + timeLimit) == .timedOut {
            process.terminate()
            done.wait()
            return Outcome(copy: copy, run: name, status: nil, signaled: false)
        }
        return Outcome(
            copy: copy, run: name, status: process.terminationStatus,
            signaled: process.terminationReason == .uncaughtSignal)
    }

    /// The outcomes so far and the next copy to run, shared by the workers.
    private final class Results: @unchecked Sendable {
        // SAFETY: every access is under `lock`.
        private var outcomes: [Outcome] = []
        private var next = 0
        private let lock = NSLock()

        func nextCopy(of count: Int) -> Int? {
            lock.withLock {
                guard next < count else { return nil }
                next += 1
                return next - 1
            }
        }

        func add(_ outcome: Outcome) { lock.withLock { outcomes.append(outcome) } }

        var all: [Outcome] { lock.withLock { outcomes } }
    }
}

import Foundation
import LMDB
import TestSupport
import Testing

@testable import CRMStore

/// A child process writes in a loop and reports each acknowledged commit; the test kills it
/// with SIGKILL at random moments and reopens the store each time: every acknowledged commit
/// is there, no block is half there, and records and indexes agree.
@Suite("Crash safety: SIGKILL at random moments")
struct CrashSafetyTests {
    /// 10 kills in the suite; `Tools/crash-test` sets CRM_CRASH_KILLS=50 (and a seed of its own).
    @Test func killedWritersLoseNothingAcknowledgedAndLeaveNothingHalfDone() throws {
        let environment = ProcessInfo.processInfo.environment
        let kills = environment["CRM_CRASH_KILLS"].flatMap(Int.init) ?? 10
        let seed = environment["CRM_CRASH_SEED"].flatMap(UInt64.init) ?? 20_261_125
        try Self.run(kills: kills, seed: seed)
    }

    static func run(kills: Int, seed: UInt64) throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("crash.db")
        var rng = SplitMix64(seed: seed)
        var alive = Set<Int64>()
        var blocks = Set<Int64>()
        var deleted = Set<Int64>()
        var notes: [Int64: Int] = [:]
        for round in 0..<kills {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: GrowthAndConcurrencyTests.probePath)
            process.arguments = ["churn", path, String(rng.next() % 1_000_000 + 1)]
            let pipe = Pipe()
            process.standardOutput = pipe
            process.standardError = FileHandle.nullDevice
            try process.run()
            Thread.sleep(forTimeInterval: 0.05 + Double(rng.next() % 250) / 1000)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            // Only whole lines are acknowledgements; a line cut by the kill is not.
            var lines = output.split(separator: "\n", omittingEmptySubsequences: false)
            if output.last != "\n" { lines.removeLast() }
            if ProcessInfo.processInfo.environment["CRM_CRASH_LOG"] != nil {
                print("ROUND \(round) " + lines.joined(separator: " | "))
            }
            // The writer deletes the block it made last; that delete may have committed just
            // before the kill, unacknowledged, so that one block may be gone.
            var roundBlocks: [Int64] = []
            for line in lines where !line.isEmpty {
                let parts = line.split(separator: " ")
                guard parts.count >= 2, let id = Int64(parts[1]) else { continue }
                switch parts[0] {
                case "c": alive.insert(id)
                case "b":
                    alive.insert(id)
                    blocks.insert(id)
                    roundBlocks.append(id)
                case "u": if parts.count == 3, let note = Int(parts[2]) { notes[id] = note }
                case "d":
                    alive.remove(id)
                    deleted.insert(id)
                    roundBlocks.removeAll { $0 == id }
                default: break
                }
            }
            let store = try Store(path: path)
            if let last = roundBlocks.last, try store.read({ tx in try tx.customer(last) == nil }) {
                alive.remove(last)
                deleted.insert(last)
            }
            let report = try store.check()
            #expect(report.isHealthy, "round \(round): \(report.problems.prefix(3))")
            try store.read { tx throws in
                for id in alive {
                    #expect(
                        try tx.customer(id) != nil, "round \(round): acknowledged customer \(id) is missing")
                }
                for id in deleted {
                    #expect(try tx.customer(id) == nil, "round \(round): deleted \(id) is back")
                }
                for (id, note) in notes where alive.contains(id) {
                    // A later update may have committed without being acknowledged: never older.
                    let stored = try tx.customer(id)?.note.flatMap { Int($0.dropFirst()) } ?? 0
                    #expect(stored >= note, "round \(round): customer \(id) lost an acknowledged update")
                }
                // Every block is whole: its customer with two interactions and one promise.
                var all = try tx.all(Customer.self)
                while let customer = try all.next() {
                    guard customer.name == "block" else { continue }
                    #expect(try tx.interactions(customer: customer.id).count() == 2, "half a block")
                    #expect(try tx.promises(customer: customer.id).count() == 1, "half a block")
                }
            }
        }
        #expect(alive.count > kills, "the writer acknowledged commits: \(alive.count)")
    }
}

@Suite("Reader slots of killed processes")
struct StaleReaderTests {
    /// A process killed inside a read transaction leaves its slot taken while others keep
    /// the file open; clearing finds and frees exactly that slot, and the store goes on.
    @Test func aKilledReadersSlotIsReclaimed() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("readers.db")
        let store = try Store(path: path)
        let environment = try Environment.shared(path: path)
        #expect(try environment.clearStaleReaders() == 0)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: GrowthAndConcurrencyTests.probePath)
        process.arguments = ["hold-read", path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        // Wait until the reader holds its slot.
        let line = pipe.fileHandleForReading.availableData
        #expect(String(decoding: line, as: UTF8.self).hasPrefix("holding"))
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(try environment.clearStaleReaders() == 1)
        #expect(try environment.clearStaleReaders() == 0)
        try store.write { tx in _ = try tx.insert(Customer(name: "after")) }
        #expect(try store.read { tx in try tx.count(Customer.self) } == 1)
    }
}

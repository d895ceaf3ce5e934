import Foundation
import LMDB
import TestSupport
import Testing

/// `crm seed`, `backup`, `check`, `stats` through the real binary.
@Suite("crm seed, backup, check and stats")
struct MaintenanceTests {
    let directory: TemporaryDirectory
    init() throws { directory = try TemporaryDirectory() }

    @Test func seedIsDeterministic() throws {
        let a = directory.file("a.db")
        let b = directory.file("b.db")
        for path in [a, b] {
            let result = try CommandRunner.run(["seed", path, "--customers", "60", "--seed", "7"])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.hasPrefix("seeded \(path): 60 customers"))
        }
        for kind in ["customers", "interactions", "promises"] {
            let query = "find \(kind) order by id"
            let first = try CommandRunner.run([a, "--format", "csv", "-c", query]).stdout
            let second = try CommandRunner.run([b, "--format", "csv", "-c", query]).stdout
            #expect(first == second, "\(kind)")
            #expect(first.count > 1000)
        }
        let other = directory.file("c.db")
        _ = try CommandRunner.run(["seed", other, "--customers", "60", "--seed", "8"])
        #expect(
            try CommandRunner.run([a, "--format", "csv", "-c", "find customers order by id"]).stdout
                != CommandRunner.run([other, "--format", "csv", "-c", "find customers order by id"]).stdout)
    }

    @Test func backupWhileAnotherProcessWrites() throws {
        let database = directory.file("live.db")
        _ = try CommandRunner.run(["seed", database, "--customers", "50"])
        let inserts = (0..<3000).map { "insert customer {name: \"writer \($0)\"}" }.joined(separator: "\n")
        let writerDone = DispatchSemaphore(value: 0)
        let writerStatus = WriterStatus()
        Thread {
            writerStatus.value =
                (try? CommandRunner.run([database, "--format", "csv"], input: inserts))?.status ?? -1
            writerDone.signal()
        }.start()
        Thread.sleep(forTimeInterval: 0.2)
        let copy = directory.file("copy.db")
        let backup = try CommandRunner.run(["backup", database, copy])
        #expect(backup.status == 0, "\(backup.stderr)")
        #expect(backup.stdout == "backed up \(database) to \(copy)\n")
        let check = try CommandRunner.run(["check", copy])
        #expect(check.status == 0, "\(check.stdout)")
        #expect(check.stdout.hasSuffix(": ok\n"))
        let mode = try FileManager.default.attributesOfItem(atPath: copy)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let again = try CommandRunner.run(["backup", database, copy])
        #expect(again.status == 1, "an existing destination is not overwritten")
        writerDone.wait()
        #expect(writerStatus.value == 0, "the writer was not disturbed by the backup")
        let count = try CommandRunner.run([database, "--format", "csv", "-c", "count customers"])
        #expect(count.stdout == "count\r\n3050\r\n")
    }

    @Test func checkFindsAnIndexDamagedOnPurpose() throws {
        let database = directory.file("damaged.db")
        _ = try CommandRunner.run(["seed", database, "--customers", "20"])
        let healthy = try CommandRunner.run(["check", database])
        #expect(healthy.status == 0)
        do {
            let environment = try Environment(path: database)
            try environment.write { tx in
                let tier = try tx.openDatabase("customer.tier")
                var ghost = OrderedKey()
                ghost.append(UInt8(2))
                ghost.appendCompactID(999)
                try tx.put(tier, key: ghost.bytes, value: [])
            }
        }
        let damaged = try CommandRunner.run(["check", database])
        #expect(damaged.status == 1)
        #expect(
            damaged.stdout.contains(
                "problem: index customer.tier has an entry for customer 999, which does not exist"))
        #expect(damaged.stdout.hasSuffix("1 problem(s)\n"))
    }

    @Test func statsShowsCountsAndSizes() throws {
        let database = directory.file("stats.db")
        _ = try CommandRunner.run(["seed", database, "--customers", "10"])
        let stats = try CommandRunner.run(["stats", database])
        #expect(stats.status == 0)
        #expect(stats.stdout.hasPrefix("customers        10\n"))
        #expect(stats.stdout.contains("map used"))
        let missing = try CommandRunner.run(["stats", directory.file("missing.db")])
        #expect(missing.status == 3)
    }
}

/// The writer thread's exit status, read after it signals.
final class WriterStatus: @unchecked Sendable {
    // SAFETY: written once by the writer thread before its semaphore signal, read after the wait.
    var value: Int32 = -2
}

@Suite("crm --demo")
struct DemoTests {
    @Test func theDemoDatabaseHasSampleDataAndIsRemovedAfterwards() throws {
        let result = try CommandRunner.run(
            ["--demo", "--format", "csv"], input: "count customers\ncount promises where overdue\n")
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\r\n").map(String.init)
        #expect(lines.first == "count")
        #expect(lines.count == 4)
        #expect(lines[1] == "200")
        #expect((Int(lines[3]) ?? 0) > 0, "some promises are overdue")
        let misuse = try CommandRunner.run(["--demo", "x.db"])
        #expect(misuse.status == 64)
    }
}

@Suite("Two crm processes writing to one file")
struct ConcurrentWriterTests {
    @Test func twoWritersInterleaveWithoutLoss() throws {
        let directory = try TemporaryDirectory()
        let database = directory.file("shared.db")
        _ = try CommandRunner.run([database, "-c", "count customers"])
        let done = DispatchSemaphore(value: 0)
        let statuses = WriterStatuses()
        for writer in 0..<2 {
            Thread {
                let script = (0..<400).map { "insert customer {name: \"writer \(writer) #\($0)\"}" }.joined(
                    separator: "\n")
                statuses.set(
                    writer,
                    (try? CommandRunner.run([database, "--format", "csv"], input: script))?.status ?? -1)
                done.signal()
            }.start()
        }
        done.wait()
        done.wait()
        #expect(statuses.all == [0, 0])
        let counts = try CommandRunner.run([
            database, "--format", "csv", "-c", "count customers where name starts with \"writer 0\"", "-c",
            "count customers where name starts with \"writer 1\"",
        ])
        #expect(counts.stdout == "count\r\n400\r\ncount\r\n400\r\n")
        #expect(try CommandRunner.run(["check", database]).status == 0)
    }
}

/// The writers' exit statuses, filled in by their threads.
final class WriterStatuses: @unchecked Sendable {
    // SAFETY: guarded by the lock.
    private var values = [Int32](repeating: -2, count: 2)
    private let lock = NSLock()
    func set(_ index: Int, _ value: Int32) { lock.withLock { values[index] = value } }
    var all: [Int32] { lock.withLock { values } }
}

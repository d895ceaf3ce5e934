import CRMStore
import Foundation
import GRDB

extension BenchRunner {
    /// script: the same inserts and updates through `crm DB --atomic < FILE` and through
    /// `sqlite3 DB < FILE.sql` (one BEGIN/COMMIT), each against a fresh copy of its loaded
    /// database; wall times of the two programs, then a check that each database took every
    /// insert. After one round to warm up, the row runs `scriptRounds` times, the two programs
    /// taking turns at going first, and reports each program's median: on a shared machine
    /// one run of each can differ by a third.
    ///
    /// The note gives every round, then the same comparison for a script ten times as long
    /// (1,000,000 statements at scale 1, run once), and the peak heap of `crm` running a
    /// script of 1 GB (times the scale) in `begin ... commit` blocks of 10,000 statements,
    /// generated here and streamed from a file.
    func scriptRow() throws -> RowResult {
        guard let crm = options.crmPath ?? ProcessRunner.find("crm") else {
            return RowResult(note: "no crm command (give --crm PATH)")
        }
        guard let sqlite3 = ProcessRunner.find("sqlite3") else {
            return RowResult(note: "no sqlite3 command (Tools/bench installs it)")
        }
        // Round 0 warms up (each program once, not counted): the first program to run after
        // the load pays for the state the load left the machine in. Then the programs take
        // turns at going first.
        var rounds: [(mine: Double, theirs: Double, heapKiB: Int)] = []
        for round in 0...Self.scriptRounds {
            let copies = (directory + "/round\(round).crm.db", directory + "/round\(round).sqlite.db")
            try copyDatabases(to: copies)
            defer { removeDatabases(copies) }
            let times = try runScripts(
                count: sizes.scriptStatements, crm: crm, sqlite3: sqlite3, on: copies, name: "script",
                sqliteFirst: round % 2 == 0)
            if round > 0 { rounds.append(times) }
        }
        let mine = Self.median(rounds.map(\.mine))
        let theirs = Self.median(rounds.map(\.theirs))
        let each = rounds.map { "\(Figure.duration($0.mine)) vs \(Figure.duration($0.theirs))" }
        var notes = [
            "\(sizes.scriptStatements) statements, the median of \(rounds.count) rounds after one to warm up, "
                + "crm vs sqlite3 (\(each.joined(separator: ", "))); "
                + "crm's heap peaked at \(Self.mebibytes(rounds.map(\.heapKiB).max() ?? 0))"
        ]

        let longStore = directory + "/long.crm.db"
        let longSQLite = directory + "/long.sqlite.db"
        try copyDatabases(to: (longStore, longSQLite))
        defer { removeDatabases((longStore, longSQLite)) }
        let longCount = sizes.scriptStatements * 10
        let long = try runScripts(
            count: longCount, crm: crm, sqlite3: sqlite3, on: (longStore, longSQLite), name: "long")
        notes.append(
            "\(longCount) statements: this store \(Figure.duration(long.mine)), sqlite3 "
                + "\(Figure.duration(long.theirs)) (\(Figure.decimal(long.theirs / long.mine, places: 2))x), "
                + "crm's heap \(Self.mebibytes(long.heapKiB))")

        notes.append(try bigScript(crm: crm, on: longStore))
        return RowResult(store: .seconds(mine), sqlite: .seconds(theirs), note: notes.joined(separator: "; "))
    }

    /// `--write-script`: writes the script the row runs (its first 100,000 statements at
    /// scale 1) and its SQL into the work folder, without loading anything: the exact
    /// workload, to profile `crm` with (a store to run it on comes from any earlier run's
    /// `--dir`: `store.crm.db` and `sqlite.db`).
    func writeScriptFiles() throws -> (script: String, sql: String) {
        let files = (script: directory + "/script.crm", sql: directory + "/script.sql")
        _ = try ScriptWorkload.write(
            count: sizes.scriptStatements, customers: data.customerCount, promises: data.promiseCount,
            now: data.now.microseconds, scriptPath: files.script, sqlPath: files.sql)
        return files
    }

    /// How many times the script row runs its short script and counts it.
    static let scriptRounds = 3

    /// The middle value of `values` (the mean of the middle two for an even count).
    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    /// Writes a script of `count` statements and its SQL, runs each (crm first, unless
    /// `sqliteFirst`), checks the counts.
    private func runScripts(
        count: Int, crm: String, sqlite3: String, on files: (store: String, sqlite: String), name: String,
        sqliteFirst: Bool = false
    ) throws -> (mine: Double, theirs: Double, heapKiB: Int) {
        let scriptPath = directory + "/\(name).crm"
        let sqlPath = directory + "/\(name).crm.sql"
        defer {
            try? FileManager.default.removeItem(atPath: scriptPath)
            try? FileManager.default.removeItem(atPath: sqlPath)
        }
        let workload = try ScriptWorkload.write(
            count: count, customers: data.customerCount, promises: data.promiseCount,
            now: data.now.microseconds,
            scriptPath: scriptPath, sqlPath: sqlPath)
        // Dirty pages of the copies and of the script files are written out first, so that
        // neither program's commit waits behind them.
        func runCRM() throws -> ProcessRunner.Outcome {
            sync()
            Progress.say("script: \(count) statements through crm --atomic")
            let outcome = try ProcessRunner.run(
                crm, [files.store, "--atomic"], input: scriptPath, captureOutput: false)
            Progress.say("script: crm took \(Figure.duration(outcome.seconds))")
            return outcome
        }
        func runSQLite() throws -> ProcessRunner.Outcome {
            sync()
            Progress.say("script: \(count) statements through sqlite3")
            let outcome = try ProcessRunner.run(
                sqlite3, ["-bail", files.sqlite], input: sqlPath, captureOutput: false)
            Progress.say("script: sqlite3 took \(Figure.duration(outcome.seconds))")
            return outcome
        }
        let mine: ProcessRunner.Outcome
        let theirs: ProcessRunner.Outcome
        if sqliteFirst {
            theirs = try runSQLite()
            mine = try runCRM()
        } else {
            mine = try runCRM()
            theirs = try runSQLite()
        }
        try checkScript(workload, files)
        return (mine.seconds, theirs.seconds, mine.peakAnonymousKiB)
    }

    /// Runs a script of 1 GB (times the scale) on `store`: the ScriptWorkload mix in blocks
    /// of 10,000 statements; returns the note on its time and peak heap.
    private func bigScript(crm: String, on store: String) throws -> String {
        let bytes = Int(1_000_000_000 * options.scale)
        let scriptPath = directory + "/big.crm"
        defer { try? FileManager.default.removeItem(atPath: scriptPath) }
        Progress.say("script: writing a script of \(bytes) bytes")
        let workload = try ScriptWorkload.writeBlocks(
            bytes: bytes, block: 10_000, customers: data.customerCount, promises: data.promiseCount,
            now: data.now.microseconds, scriptPath: scriptPath)
        sync()
        Progress.say("script: \(workload.statements) statements (\(workload.scriptBytes) bytes) through crm")
        let run = try ProcessRunner.run(crm, [store], input: scriptPath, captureOutput: false)
        Progress.say("script: crm took \(Figure.duration(run.seconds))")
        return "a \(Figure.decimal(Double(workload.scriptBytes) / 1e9, places: 2)) GB script "
            + "(\(workload.statements) statements in begin ... commit blocks of 10,000) ran in "
            + "\(Figure.duration(run.seconds)) with a peak heap of \(Self.mebibytes(run.peakAnonymousKiB)) "
            + "(RssAnon; VmHWM with the mapped file \(Self.mebibytes(run.peakResidentKiB)))"
    }

    /// Copies the loaded store and SQLite files (with SQLite's WAL, if any).
    private func copyDatabases(to copies: (store: String, sqlite: String)) throws {
        removeDatabases(copies)
        let manager = FileManager.default
        try manager.copyItem(atPath: storePath, toPath: copies.store)
        for suffix in ["", "-wal", "-shm"] where manager.fileExists(atPath: sqlitePath + suffix) {
            try manager.copyItem(atPath: sqlitePath + suffix, toPath: copies.sqlite + suffix)
        }
    }

    private func removeDatabases(_ copies: (store: String, sqlite: String)) {
        for path in [
            copies.store, copies.store + "-lock", copies.sqlite, copies.sqlite + "-wal",
            copies.sqlite + "-shm",
        ] {
            try? FileManager.default.removeItem(atPath: path)
        }
    }

    /// Checks that both databases hold the dataset plus what the script inserted.
    private func checkScript(_ workload: ScriptWorkload, _ files: (store: String, sqlite: String)) throws {
        let expected = (
            data.customerCount + workload.inserted.customers,
            data.interactionCount + workload.inserted.interactions,
            data.promiseCount + workload.inserted.promises
        )
        let store = try Store(path: files.store, options: StoreOptions(readOnly: true))
        let mine = try store.read { tx in
            (try tx.count(Customer.self), try tx.count(Interaction.self), try tx.count(Promise.self))
        }
        let queue = try DatabaseQueue(path: files.sqlite)
        let theirs = try queue.read { db in
            (
                try Int.fetchOne(db, sql: "SELECT count(*) FROM customer") ?? 0,
                try Int.fetchOne(db, sql: "SELECT count(*) FROM interaction") ?? 0,
                try Int.fetchOne(db, sql: "SELECT count(*) FROM promise") ?? 0
            )
        }
        guard mine == expected, theirs == expected else {
            throw BenchError("after the script the store holds \(mine) and SQLite \(theirs), not \(expected)")
        }
    }
}

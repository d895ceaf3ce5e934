import CRMStore
import Foundation
import GRDB

extension BenchRunner {
    /// script: the same inserts and updates through `crm DB --atomic < FILE` and through
    /// `sqlite3 DB < FILE.sql` (one BEGIN/COMMIT), each against its loaded database; wall
    /// times of the two programs, then a check that each database took every insert.
    func scriptRow() throws -> RowResult {
        guard let crm = options.crmPath ?? ProcessRunner.find("crm") else {
            return RowResult(note: "no crm command (give --crm PATH)")
        }
        guard let sqlite3 = ProcessRunner.find("sqlite3") else {
            return RowResult(note: "no sqlite3 command (Tools/bench installs it)")
        }
        let workload = ScriptWorkload(
            count: sizes.scriptStatements, customers: data.customerCount, promises: data.promiseCount,
            now: data.now.microseconds)
        let scriptPath = directory + "/script.crm"
        let sqlPath = directory + "/script.crm.sql"
        try workload.script.write(toFile: scriptPath, atomically: false, encoding: .utf8)
        try workload.sql.write(toFile: sqlPath, atomically: false, encoding: .utf8)
        Progress.say("script: \(sizes.scriptStatements) statements through crm --atomic")
        let mine = try ProcessRunner.run(
            crm, [storePath, "--atomic"], input: scriptPath, captureOutput: false)
        Progress.say("script: crm took \(Figure.duration(mine.seconds)); sqlite3 next")
        let theirs = try ProcessRunner.run(
            sqlite3, ["-bail", sqlitePath], input: sqlPath, captureOutput: false)
        Progress.say("script: sqlite3 took \(Figure.duration(theirs.seconds))")
        try checkScript(workload)
        return RowResult(store: .seconds(mine.seconds), sqlite: .seconds(theirs.seconds))
    }

    /// Checks that both databases hold the dataset plus what the script inserted.
    private func checkScript(_ workload: ScriptWorkload) throws {
        let expected = (
            data.customerCount + workload.inserted.customers,
            data.interactionCount + workload.inserted.interactions,
            data.promiseCount + workload.inserted.promises
        )
        let store = try Store(path: storePath, options: StoreOptions(readOnly: true))
        let mine = try store.read { tx in
            (try tx.count(Customer.self), try tx.count(Interaction.self), try tx.count(Promise.self))
        }
        let queue = try DatabaseQueue(path: sqlitePath)
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

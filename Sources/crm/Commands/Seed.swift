import ArgumentParser
import CRMSampleData
import CRMStore

/// `crm seed DB --customers N [--seed S]`: the deterministic sample data of BENCH.md.
struct Seed: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "crm seed",
        abstract: "Fill a database with deterministic sample data (customers, interactions, promises).")

    @Argument(help: "The database file (created if missing).")
    var database: String

    @Option(help: "How many customers (about 10 interactions and 3 promises each).")
    var customers: Int = 1000

    @Option(help: "The seed: the same seed gives the same data.")
    var seed: UInt64 = 1

    func validate() throws {
        guard customers >= 0 && customers <= 100_000_000 else {
            throw ValidationError("--customers must be between 0 and 100000000")
        }
    }

    func run() throws {
        let store = try StoreOpener.open(
            database, readOnly: false, now: SampleData.benchmarkNow, durability: .relaxed)
        let sample = SampleData(seed: seed, customers: customers)
        let terminal = OutputChannel.standardError.isTerminal
        do {
            try sample.load(into: store) { loaded in
                if terminal {
                    OutputChannel.standardError.write("\rcrm seed: \(loaded) records")
                    OutputChannel.standardError.flush()
                }
            }
            try store.sync()
        } catch {
            printError("\ncrm seed: \(error)")
            throw ExitStatus.statementFailed
        }
        if terminal { OutputChannel.standardError.write("\n") }
        let stats = try store.statistics()
        print(
            "seeded \(database): \(stats.customers) customers, \(stats.interactions) interactions, \(stats.promises) promises"
        )
    }
}

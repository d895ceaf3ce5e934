import CRMEngine
import CRMStore
import Foundation

/// This store under test: typed loads and gets, and the query rows through `Session.execute`
/// with the clock fixed at the dataset's "now".
///
/// Writes use relaxed durability (no flush per commit, one `sync` at the end of the load,
/// inside the timing): the same promise as SQLite's WAL with `synchronous=NORMAL`.
final class StoreSystem {
    /// The store.
    let store: Store
    /// A session in UTC with the fixed clock.
    let session: Session

    /// Opens (creating) the store at `path`, with `now` as its clock.
    init(path: String, now: Timestamp) throws {
        let options = StoreOptions(durability: .relaxed, clock: { now })
        store = try Store(path: path, options: options)
        session = Session(store: store, timeZone: TimeZone(identifier: "UTC"), now: now)
    }

    /// Inserts every record of `data` through the typed API, one transaction per batch, and
    /// returns the seconds the transactions (and the final sync) took; generating the records
    /// is not timed. `progress` hears the records loaded so far.
    func load(_ data: BenchDataset, batch: Int, progress: (Int) -> Void) throws -> Double {
        var seconds = 0.0
        var loaded = 0
        try data.forEachBatch(size: batch) { records in
            let watch = Stopwatch()
            try store.write { tx in
                switch records {
                case .customers(let list): for record in list { _ = try tx.insert(record) }
                case .interactions(let list): for record in list { _ = try tx.insert(record) }
                case .promises(let list): for record in list { _ = try tx.insert(record) }
                }
            }
            seconds += watch.seconds
            loaded += records.count
            progress(loaded)
        }
        seconds += try Stopwatch.time { try store.sync() }.seconds
        let counts = try store.read { tx in
            (try tx.count(Customer.self), try tx.count(Interaction.self), try tx.count(Promise.self))
        }
        guard counts == (data.customerCount, data.interactionCount, data.promiseCount) else {
            throw BenchError("the store holds \(counts) records after the load, not the dataset's")
        }
        return seconds
    }

    /// Gets each customer of `ids` in one read transaction, decoded into `Customer`;
    /// returns the seconds taken.
    func gets(_ ids: [Int64]) throws -> Double {
        let (found, seconds) = try Stopwatch.time {
            try store.read { tx in
                var found = 0
                for id in ids {
                    if try tx.customer(id) != nil { found += 1 }
                }
                return found
            }
        }
        guard found == ids.count else { throw BenchError("the store missed \(ids.count - found) gets") }
        return seconds
    }

    /// Runs `text` `runs` times (run `i` with `parameters(i)`), timing each; returns the
    /// latencies and a digest of the first run's result for comparison with SQLite.
    func query(_ text: String, runs: Int, parameters: (Int) -> Parameters = { _ in Parameters() }) throws
        -> (latencies: Latencies, digest: ResultDigest)
    {
        var latencies = Latencies(capacity: runs)
        var digest = ResultDigest()
        for run in 0..<runs {
            let arguments = parameters(run)
            let results = try latencies.measure { try session.execute(text, parameters: arguments) }
            if run == 0 { digest = ResultDigest(results) }
        }
        return (latencies, digest)
    }
}

/// A short fingerprint of a query's answer (row count, ids, group counts), so that a row
/// where this store and SQLite answer differently is flagged instead of timed blindly.
struct ResultDigest: Equatable, CustomStringConvertible {
    /// The rows of every section, as text.
    var rows: [String] = []

    /// An empty digest.
    init() {}

    /// The ids (or, for counts, the group and count) of every section of `results`.
    init(_ results: [StatementResult]) {
        for result in results {
            for section in result.sections {
                if section.columns.contains("id") {
                    rows += section.column("id").map(\.description)
                } else {
                    rows += section.rows.map { $0.map(\.description).joined(separator: "=") }
                }
            }
        }
    }

    /// A digest of `rows` given directly.
    init(rows: [String]) {
        self.rows = rows
    }

    /// The row count and the first rows.
    var description: String {
        "\(rows.count) rows [\(rows.prefix(4).joined(separator: ", "))\(rows.count > 4 ? ", ..." : "")]"
    }
}

/// A failure of the benchmark itself, with a message.
struct BenchError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}

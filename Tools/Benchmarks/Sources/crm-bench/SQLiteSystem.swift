import CRMStore
import GRDB

/// SQLite through GRDB, set up as BENCH.md says: WAL (a `DatabasePool`), `synchronous=NORMAL`,
/// one transaction per batch, cached prepared statements, rows decoded into this store's
/// typed records.
final class SQLiteSystem {
    /// The database.
    let pool: DatabasePool

    /// Creates the database at `path` with `SQLiteSchema`.
    init(path: String) throws {
        var configuration = Configuration()
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        pool = try DatabasePool(path: path, configuration: configuration)
        try pool.write { db in try db.execute(sql: SQLiteSchema.create) }
    }

    /// Closes the database.
    func close() throws {
        try pool.close()
    }

    /// Inserts every record of `data`, one transaction per batch, with the tags of customers
    /// in `customer_tag`; returns the seconds the transactions took (generating the records
    /// is not timed).
    func load(_ data: BenchDataset, batch: Int, progress: (Int) -> Void) throws -> Double {
        var seconds = 0.0
        var loaded = 0
        let now = data.now
        try data.forEachBatch(size: batch) { records in
            let watch = Stopwatch()
            try pool.write { db in try Self.insert(records, into: db, now: now) }
            seconds += watch.seconds
            loaded += records.count
            progress(loaded)
        }
        let counts = try pool.read { db in
            (
                try Int.fetchOne(db, sql: "SELECT count(*) FROM customer") ?? 0,
                try Int.fetchOne(db, sql: "SELECT count(*) FROM interaction") ?? 0,
                try Int.fetchOne(db, sql: "SELECT count(*) FROM promise") ?? 0
            )
        }
        guard counts == (data.customerCount, data.interactionCount, data.promiseCount) else {
            throw BenchError("SQLite holds \(counts) records after the load, not the dataset's")
        }
        return seconds
    }

    private static func insert(_ records: RecordBatch, into db: Database, now: Timestamp) throws {
        switch records {
        case .customers(let list):
            let customer = try db.cachedStatement(sql: SQLiteSchema.insertCustomer)
            let tag = try db.cachedStatement(sql: SQLiteSchema.insertTag)
            for record in list {
                try customer.execute(arguments: SQLiteRecords.arguments(record, now: now))
                let id = db.lastInsertedRowID
                for name in record.tags { try tag.execute(arguments: [name, id]) }
            }
        case .interactions(let list):
            let statement = try db.cachedStatement(sql: SQLiteSchema.insertInteraction)
            for record in list { try statement.execute(arguments: SQLiteRecords.arguments(record, now: now)) }
        case .promises(let list):
            let statement = try db.cachedStatement(sql: SQLiteSchema.insertPromise)
            for record in list { try statement.execute(arguments: SQLiteRecords.arguments(record, now: now)) }
        }
    }

    /// Gets each customer of `ids` in one read transaction, decoded into `Customer`;
    /// returns the seconds taken.
    func gets(_ ids: [Int64]) throws -> Double {
        let (found, seconds) = try Stopwatch.time {
            try pool.read { db in
                let statement = try db.cachedStatement(sql: BenchQueries.customerByIDSQL)
                var found = 0
                for id in ids {
                    if try Self.fetchCustomers(statement, [id]).first != nil { found += 1 }
                }
                return found
            }
        }
        guard found == ids.count else { throw BenchError("SQLite missed \(ids.count - found) gets") }
        return seconds
    }

    /// Runs `body` `runs` times, each in its own read transaction (as each `Session.execute`
    /// of the store is), timing each; returns the latencies and the first run's digest.
    func query(runs: Int, _ body: (Database, Int) throws -> ResultDigest) throws
        -> (latencies: Latencies, digest: ResultDigest)
    {
        var latencies = Latencies(capacity: runs)
        var digest = ResultDigest()
        for run in 0..<runs {
            let result = try latencies.measure { try pool.read { db in try body(db, run) } }
            if run == 0 { digest = result }
        }
        return (latencies, digest)
    }

    /// Prepares each of `statements` with `sqlite3_prepare` (GRDB's uncached `makeStatement`)
    /// and finalizes it; returns the seconds taken.
    func prepare(_ statements: [String], count: Int) throws -> Double {
        try pool.writeWithoutTransaction { db in
            try Stopwatch.time {
                for index in 0..<count { _ = try db.makeStatement(sql: statements[index % statements.count]) }
            }.seconds
        }
    }

    // MARK: - Decoding

    /// The customers a statement returns.
    static func fetchCustomers(_ statement: Statement, _ arguments: StatementArguments) throws -> [Customer] {
        var records: [Customer] = []
        let rows = try Row.fetchCursor(statement, arguments: arguments)
        while let row = try rows.next() { records.append(SQLiteRecords.customer(row)) }
        return records
    }

    /// The interactions a statement returns.
    static func fetchInteractions(_ statement: Statement, _ arguments: StatementArguments) throws
        -> [Interaction]
    {
        var records: [Interaction] = []
        let rows = try Row.fetchCursor(statement, arguments: arguments)
        while let row = try rows.next() { records.append(SQLiteRecords.interaction(row)) }
        return records
    }

    /// The promises a statement returns.
    static func fetchPromises(_ statement: Statement, _ arguments: StatementArguments) throws -> [Promise] {
        var records: [Promise] = []
        let rows = try Row.fetchCursor(statement, arguments: arguments)
        while let row = try rows.next() { records.append(SQLiteRecords.promise(row)) }
        return records
    }
}

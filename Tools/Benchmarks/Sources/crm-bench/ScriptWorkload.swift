import Foundation

/// The script row's workload: inserts and updates against the loaded dataset, as a script
/// for `crm DB --atomic` and as SQL for `sqlite3` inside `BEGIN`/`COMMIT`, written straight
/// to files (a script of a million statements, or of a gigabyte, is never held whole).
///
/// The mix: 10% new customers (with two tags), 45% interactions, 15% promises, 15% promises
/// marked kept, 15% customers reassigned; ids drawn from the loaded records.
struct ScriptWorkload {
    /// How many interactions, promises and customers the script inserts.
    var inserted = (customers: 0, interactions: 0, promises: 0)
    /// Statements written (`begin` and `commit` not counted).
    var statements = 0
    /// Bytes of this store's script written.
    var scriptBytes = 0

    private var random = SplitMix(seed: 99)
    private let customers: Int
    private let promises: Int
    private let now: Int64

    /// A workload against a dataset of `customers` customers and `promises` promises; `now`
    /// (microseconds) stamps SQLite's rows as the store's clock stamps its own.
    init(customers: Int, promises: Int, now: Int64) {
        self.customers = customers
        self.promises = promises
        self.now = now
    }

    /// Writes `count` statements to `scriptPath` (one a line) and the same as SQL to
    /// `sqlPath` (pragmas as for the benchmark's SQLite, then one transaction).
    static func write(
        count: Int, customers: Int, promises: Int, now: Int64, scriptPath: String, sqlPath: String
    ) throws -> ScriptWorkload {
        var workload = ScriptWorkload(customers: customers, promises: promises, now: now)
        let script = try BufferedFile(path: scriptPath)
        let sql = try BufferedFile(path: sqlPath)
        sql.write(
            "PRAGMA journal_mode = WAL;\nPRAGMA synchronous = NORMAL;\nPRAGMA foreign_keys = ON;\nBEGIN;\n")
        for _ in 0..<count {
            let (statement, equivalent) = workload.next()
            script.write(statement + "\n")
            sql.write(equivalent + "\n")
        }
        sql.write("COMMIT;\n")
        try script.close()
        try sql.close()
        workload.scriptBytes = script.bytesWritten
        return workload
    }

    /// Writes statements to `scriptPath` until it holds at least `bytes` bytes, in
    /// `begin ... commit` blocks of `block` statements: a long bulk change as a nightly job
    /// would send it (this store's script only).
    static func writeBlocks(
        bytes: Int, block: Int, customers: Int, promises: Int, now: Int64, scriptPath: String
    ) throws -> ScriptWorkload {
        var workload = ScriptWorkload(customers: customers, promises: promises, now: now)
        let script = try BufferedFile(path: scriptPath)
        while script.bytesWritten < bytes {
            script.write("begin\n")
            for _ in 0..<block { script.write(workload.next().script + "\n") }
            script.write("commit\n")
        }
        try script.close()
        workload.scriptBytes = script.bytesWritten
        return workload
    }

    /// The next statement, in this store's language and in SQL.
    private mutating func next() -> (script: String, sql: String) {
        let serial = statements
        statements += 1
        let customer = random.id(upTo: customers)
        switch random.next() % 20 {
        case 0..<2:
            inserted.customers += 1
            return (
                "insert customer {name: \"Script Customer \(serial)\", tier: key, "
                    + "city: \"Shanghai\", email: \"script\(serial)@example.com\", owner: \"li.wei\", "
                    + "tags: [priority, north]}",
                "INSERT INTO customer (name, kind, tier, status, city, email, owner, tags, created, "
                    + "updated) VALUES ('Script Customer \(serial)', 'organization', 'key', 'active', "
                    + "'Shanghai', 'script\(serial)@example.com', 'li.wei', "
                    + "'priority' || char(10) || 'north', \(now), \(now)); "
                    + "INSERT INTO customer_tag (tag, customer) VALUES "
                    + "('priority', last_insert_rowid()), ('north', last_insert_rowid());"
            )
        case 2..<11:
            inserted.interactions += 1
            return (
                "insert interaction {customer: \(customer), kind: call, channel: phone, "
                    + "at: 2026-11-20T10:00:00Z, by: \"li.wei\", "
                    + "subject: \"script follow-up \(serial)\"}",
                "INSERT INTO interaction (customer, kind, channel, direction, at, \"by\", subject, "
                    + "urgent, created, updated) VALUES (\(customer), 'call', 'phone', 'inbound', "
                    + "1795168800000000, 'li.wei', 'script follow-up \(serial)', 0, \(now), \(now));"
            )
        case 11..<14:
            inserted.promises += 1
            return (
                "insert promise {customer: \(customer), title: \"Call back \(serial)\", "
                    + "due: 2026-12-01T17:00:00Z, owner: \"li.wei\"}",
                "INSERT INTO promise (customer, title, direction, owner, made, due, status, created, "
                    + "updated) VALUES (\(customer), 'Call back \(serial)', 'to_customer', 'li.wei', "
                    + "\(now), 1796144400000000, 'pending', \(now), \(now));"
            )
        case 14..<17:
            let promise = random.id(upTo: promises)
            return (
                "update promise \(promise) set status = kept",
                "UPDATE promise SET status = 'kept', resolved = CASE WHEN status = 'pending' THEN \(now) "
                    + "ELSE resolved END, updated = \(now) WHERE id = \(promise);"
            )
        default:
            return (
                "update customer \(customer) set owner = \"wang.fang\", note = \"reviewed \(serial)\"",
                "UPDATE customer SET owner = 'wang.fang', note = 'reviewed \(serial)', updated = \(now) "
                    + "WHERE id = \(customer);"
            )
        }
    }
}

/// A file written through a 1 MiB buffer.
final class BufferedFile {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    /// Bytes written so far (buffered ones included).
    private(set) var bytesWritten = 0

    /// Creates (or empties) the file at `path`.
    init(path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil),
            let handle = FileHandle(forWritingAtPath: path)
        else { throw BenchError("cannot write \(path)") }
        self.handle = handle
        buffer.reserveCapacity(1 << 20)
    }

    /// Appends `text`.
    func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        bytesWritten += text.utf8.count
        if buffer.count >= 1 << 20 { flush() }
    }

    private func flush() {
        handle.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes what is buffered and closes the file.
    func close() throws {
        flush()
        try handle.close()
    }
}

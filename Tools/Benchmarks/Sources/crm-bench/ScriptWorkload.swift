/// The script row's workload: `count` inserts and updates against the loaded dataset, as a
/// script for `crm DB --atomic` and as SQL for `sqlite3` inside `BEGIN`/`COMMIT`.
///
/// The mix: 10% new customers (with two tags), 45% interactions, 15% promises, 15% promises
/// marked kept, 15% customers reassigned; ids drawn from the loaded records.
struct ScriptWorkload {
    /// This store's script, one statement a line.
    let script: String
    /// The SQL script: pragmas as for the benchmark's SQLite, then one transaction.
    let sql: String
    /// How many interactions, promises and customers the script inserts.
    let inserted: (customers: Int, interactions: Int, promises: Int)

    /// A script of `count` statements against a dataset of `customers` customers and
    /// `promises` promises; `now` (microseconds) stamps SQLite's rows as the store's clock
    /// stamps its own.
    init(count: Int, customers: Int, promises: Int, now: Int64) {
        var random = SplitMix(seed: 99)
        var script: [String] = []
        var sql = [
            "PRAGMA journal_mode = WAL;", "PRAGMA synchronous = NORMAL;", "PRAGMA foreign_keys = ON;",
            "BEGIN;",
        ]
        script.reserveCapacity(count)
        sql.reserveCapacity(count + 6)
        var inserted = (customers: 0, interactions: 0, promises: 0)
        for serial in 0..<count {
            let customer = random.id(upTo: customers)
            switch random.next() % 20 {
            case 0..<2:
                inserted.customers += 1
                script.append(
                    "insert customer {name: \"Script Customer \(serial)\", tier: key, "
                        + "city: \"Shanghai\", email: \"script\(serial)@example.com\", owner: \"li.wei\", "
                        + "tags: [priority, north]}")
                sql.append(
                    "INSERT INTO customer (name, kind, tier, status, city, email, owner, tags, created, "
                        + "updated) VALUES ('Script Customer \(serial)', 'organization', 'key', 'active', "
                        + "'Shanghai', 'script\(serial)@example.com', 'li.wei', "
                        + "'priority' || char(10) || 'north', \(now), \(now)); "
                        + "INSERT INTO customer_tag (tag, customer) VALUES "
                        + "('priority', last_insert_rowid()), ('north', last_insert_rowid());")
            case 2..<11:
                inserted.interactions += 1
                script.append(
                    "insert interaction {customer: \(customer), kind: call, channel: phone, "
                        + "at: 2026-11-20T10:00:00Z, by: \"li.wei\", "
                        + "subject: \"script follow-up \(serial)\"}")
                sql.append(
                    "INSERT INTO interaction (customer, kind, channel, direction, at, \"by\", subject, "
                        + "urgent, created, updated) VALUES (\(customer), 'call', 'phone', 'inbound', "
                        + "1795168800000000, 'li.wei', 'script follow-up \(serial)', 0, \(now), \(now));")
            case 11..<14:
                inserted.promises += 1
                script.append(
                    "insert promise {customer: \(customer), title: \"Call back \(serial)\", "
                        + "due: 2026-12-01T17:00:00Z, owner: \"li.wei\"}")
                sql.append(
                    "INSERT INTO promise (customer, title, direction, owner, made, due, status, created, "
                        + "updated) VALUES (\(customer), 'Call back \(serial)', 'to_customer', 'li.wei', "
                        + "\(now), 1796144400000000, 'pending', \(now), \(now));")
            case 14..<17:
                let promise = random.id(upTo: promises)
                script.append("update promise \(promise) set status = kept")
                sql.append(
                    "UPDATE promise SET status = 'kept', resolved = CASE WHEN status = 'pending' THEN \(now) "
                        + "ELSE resolved END, updated = \(now) WHERE id = \(promise);")
            default:
                script.append(
                    "update customer \(customer) set owner = \"wang.fang\", note = \"reviewed \(serial)\"")
                sql.append(
                    "UPDATE customer SET owner = 'wang.fang', note = 'reviewed \(serial)', updated = \(now) "
                        + "WHERE id = \(customer);")
            }
        }
        sql.append("COMMIT;")
        self.script = script.joined(separator: "\n") + "\n"
        self.sql = sql.joined(separator: "\n") + "\n"
        self.inserted = inserted
    }
}

/// The mixed statements of the parse row: reads, writes and the query rows' statements with
/// varying ids and texts, each beside the SQL that does the same for SQLite.
///
///     let mix = ParseMix(distinct: 10_000, customers: 100_000)
///     Parser.parse(mix.statements[0]); db.makeStatement(sql: mix.sql[0])
struct ParseMix {
    /// This store's statements.
    let statements: [String]
    /// The equivalent SQL, one statement each, same order.
    let sql: [String]

    /// `distinct` statement pairs with ids up to `customers`.
    init(distinct: Int, customers: Int) {
        var random = SplitMix(seed: 42)
        var statements: [String] = []
        var sql: [String] = []
        statements.reserveCapacity(distinct)
        sql.reserveCapacity(distinct)
        for index in 0..<distinct {
            let id = random.id(upTo: customers)
            let (statement, query) = Self.pair(index % 10, id: id, serial: index)
            statements.append(statement)
            sql.append(query)
        }
        self.statements = statements
        self.sql = sql
    }

    private static func pair(_ template: Int, id: Int64, serial: Int) -> (String, String) {
        let customer = SQLiteSchema.customerColumns(prefix: "c.")
        switch template {
        case 0:
            return (
                "get customer \(id)",
                "SELECT \(SQLiteSchema.customerColumns()) FROM customer WHERE id = \(id)"
            )
        case 1:
            return (
                "find promises where overdue and customer.tier = vip order by due limit 100",
                BenchQueries.overdueSQL.replacingPlaceholder(with: "1795608000000000")
            )
        case 2:
            return (
                "get customer \(id) with interactions(order by at desc limit 10)",
                "SELECT \(SQLiteSchema.interactionColumns()) FROM interaction WHERE customer = \(id) "
                    + "ORDER BY at DESC LIMIT 10"
            )
        case 3:
            return (
                "count interactions where kind = complaint and at in last 30 days group by customer.tier",
                "SELECT c.tier, count(*) FROM interaction i JOIN customer c ON c.id = i.customer "
                    + "WHERE i.kind = 'complaint' AND i.at >= 1793016000000000 GROUP BY c.tier"
            )
        case 4:
            return (
                "find customers where tier = vip and none(interactions where at in last 90 days)",
                "SELECT \(customer) FROM customer c WHERE c.tier = 'vip' AND NOT EXISTS (SELECT 1 FROM "
                    + "interaction i WHERE i.customer = c.id AND i.at >= 1787832000000000)"
            )
        case 5:
            return (
                "insert interaction {customer: \(id), kind: call, channel: phone, "
                    + "subject: \"follow-up \(serial)\"}",
                "INSERT INTO interaction (customer, kind, channel, direction, at, subject, urgent, created, "
                    + "updated) VALUES (\(id), 'call', 'phone', 'inbound', 1795608000000000, "
                    + "'follow-up \(serial)', 0, 1795608000000000, 1795608000000000)"
            )
        case 6:
            return (
                "update promise \(id) set status = kept, note = \"done \(serial)\"",
                "UPDATE promise SET status = 'kept', note = 'done \(serial)', updated = 1795608000000000 "
                    + "WHERE id = \(id)"
            )
        case 7:
            return (
                "find customers where city = \"Shanghai\" and tags contains priority order by name limit 20",
                "SELECT \(customer) FROM customer c JOIN customer_tag t ON t.customer = c.id "
                    + "WHERE c.city = 'Shanghai' AND t.tag = 'priority' ORDER BY c.name LIMIT 20"
            )
        case 8:
            return ("delete interaction \(id)", "DELETE FROM interaction WHERE id = \(id)")
        default:
            return (
                "find interactions where subject contains \"refund\" and at in last 90 days order by at desc",
                "SELECT \(SQLiteSchema.interactionColumns()) FROM interaction WHERE subject LIKE '%refund%' "
                    + "AND at >= 1787832000000000 ORDER BY at DESC"
            )
        }
    }
}

extension String {
    /// The string with its first `?` replaced by `value`.
    func replacingPlaceholder(with value: String) -> String {
        guard let mark = firstIndex(of: "?") else { return self }
        return String(self[..<mark]) + value + String(self[index(after: mark)...])
    }
}

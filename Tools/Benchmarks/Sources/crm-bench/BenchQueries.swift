import CRMStore

/// The queries of BENCH.md in this store's language, and the SQL a competent engineer would
/// write for SQLite against `SQLiteSchema`, with `?` parameters and the fixed clock passed in.
enum BenchQueries {
    /// Microseconds in a day.
    static let day: Int64 = 86_400_000_000

    // MARK: - This store

    /// overdue: pending promises of vip customers past due, earliest first.
    static let overdue = "find promises where overdue and customer.tier = vip order by due limit 100"
    /// timeline: a customer with their ten latest interactions.
    static let timeline = "get customer $id with interactions(order by at desc limit 10)"
    /// complaints: recent complaints counted by the customer's tier.
    static let complaints =
        "count interactions where kind = complaint and at in last 30 days group by customer.tier"
    /// lapsed: vip customers with no interaction in 90 days.
    static let lapsed = "find customers where tier = vip and none(interactions where at in last 90 days)"
    /// scan: a substring search no index can answer.
    static let scan = "find interactions where subject contains \"refund\""

    // MARK: - SQLite

    /// overdue, joined to the customer for the tier; walks `promise_status_due`.
    static let overdueSQL = """
        SELECT \(SQLiteSchema.promiseColumns(prefix: "p."))
        FROM promise p JOIN customer c ON c.id = p.customer
        WHERE p.status = 'pending' AND p.due < ? AND c.tier = 'vip'
        ORDER BY p.due LIMIT 100
        """
    /// timeline, first statement: the customer.
    static let customerByIDSQL = "SELECT \(SQLiteSchema.customerColumns()) FROM customer WHERE id = ?"
    /// timeline, second statement: the latest ten interactions, on `interaction_customer_at`.
    static let timelineSQL = """
        SELECT \(SQLiteSchema.interactionColumns()) FROM interaction
        WHERE customer = ? ORDER BY at DESC LIMIT 10
        """
    /// complaints, on `interaction_kind_at`; the range is [now - 30 days, now].
    static let complaintsSQL = """
        SELECT c.tier, count(*) FROM interaction i JOIN customer c ON c.id = i.customer
        WHERE i.kind = 'complaint' AND i.at >= ? AND i.at <= ?
        GROUP BY c.tier ORDER BY c.tier
        """
    /// lapsed: `customer_tier`, then `interaction_customer_at` for each vip.
    static let lapsedSQL = """
        SELECT \(SQLiteSchema.customerColumns(prefix: "c.")) FROM customer c
        WHERE c.tier = 'vip' AND NOT EXISTS (
            SELECT 1 FROM interaction i WHERE i.customer = c.id AND i.at >= ? AND i.at <= ?)
        ORDER BY c.id
        """
    /// scan: LIKE is case-insensitive, as `contains` is.
    static let scanSQL =
        "SELECT \(SQLiteSchema.interactionColumns()) FROM interaction WHERE subject LIKE '%refund%'"

    /// The start of "the last `days` days" at `now`.
    static func daysBefore(_ now: Timestamp, _ days: Int64) -> Int64 {
        now.microseconds - days * day
    }
}

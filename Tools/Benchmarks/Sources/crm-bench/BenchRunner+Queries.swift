import CRMEngine
import CRMStore
import GRDB

extension BenchRunner {
    /// overdue: vip promises past due, through the query language and through SQL.
    func overdueRow(store: StoreSystem, sqlite: SQLiteSystem) throws -> RowResult {
        Progress.say("overdue: \(sizes.overdue) runs")
        let mine = try store.query(BenchQueries.overdue, runs: sizes.overdue)
        let now = data.now.microseconds
        let theirs = try sqlite.query(runs: sizes.overdue) { db, _ in
            let statement = try db.cachedStatement(sql: BenchQueries.overdueSQL)
            return ResultDigest(rows: try SQLiteSystem.fetchPromises(statement, [now]).map { String($0.id) })
        }
        return latencyResult(mine, theirs, p99: true)
    }

    /// timeline: a random customer with their ten latest interactions.
    func timelineRow(store: StoreSystem, sqlite: SQLiteSystem) throws -> RowResult {
        Progress.say("timeline: \(sizes.timeline) customers")
        let ids = SplitMix.ids(seed: 2, count: sizes.timeline, upTo: data.customerCount)
        let mine = try store.query(BenchQueries.timeline, runs: ids.count) { ["id": .integer(ids[$0])] }
        let theirs = try sqlite.query(runs: ids.count) { db, run in
            let customer = try db.cachedStatement(sql: BenchQueries.customerByIDSQL)
            let interactions = try db.cachedStatement(sql: BenchQueries.timelineSQL)
            let found = try SQLiteSystem.fetchCustomers(customer, [ids[run]])
            let latest = try SQLiteSystem.fetchInteractions(interactions, [ids[run]])
            return ResultDigest(rows: found.map { String($0.id) } + latest.map { String($0.id) })
        }
        return latencyResult(mine, theirs, p99: true)
    }

    /// complaints: recent complaints counted by tier.
    func complaintsRow(store: StoreSystem, sqlite: SQLiteSystem) throws -> RowResult {
        Progress.say("complaints: \(sizes.complaints) runs")
        let mine = try store.query(BenchQueries.complaints, runs: sizes.complaints)
        let now = data.now
        let start = BenchQueries.daysBefore(now, 30)
        let theirs = try sqlite.query(runs: sizes.complaints) { db, _ in
            let statement = try db.cachedStatement(sql: BenchQueries.complaintsSQL)
            var rows: [String] = []
            let cursor = try Row.fetchCursor(statement, arguments: [start, now.microseconds])
            while let row = try cursor.next() {
                let tier = CustomerTier(rawValue: row[0]) ?? .standard
                let count: Int64 = row[1]
                rows.append("\(tier.name)=\(count)")
            }
            return ResultDigest(rows: rows)
        }
        return latencyResult(mine, theirs, p99: false)
    }

    /// lapsed: vip customers with no interaction in the last 90 days.
    func lapsedRow(store: StoreSystem, sqlite: SQLiteSystem) throws -> RowResult {
        Progress.say("lapsed: \(sizes.lapsed) runs")
        let mine = try store.query(BenchQueries.lapsed, runs: sizes.lapsed)
        let now = data.now
        let start = BenchQueries.daysBefore(now, 90)
        let theirs = try sqlite.query(runs: sizes.lapsed) { db, _ in
            let statement = try db.cachedStatement(sql: BenchQueries.lapsedSQL)
            let found = try SQLiteSystem.fetchCustomers(statement, [start, now.microseconds])
            return ResultDigest(rows: found.map { String($0.id) })
        }
        return latencyResult(mine, theirs, p99: false)
    }

    /// scan: every interaction read to find a substring; the best of a few runs, as
    /// interactions examined per second.
    func scanRow(store: StoreSystem, sqlite: SQLiteSystem) throws -> RowResult {
        Progress.say("scan: \(data.interactionCount) interactions, best of \(sizes.scans)")
        let mine = try store.query(BenchQueries.scan, runs: sizes.scans)
        let theirs = try sqlite.query(runs: sizes.scans) { db, _ in
            let statement = try db.cachedStatement(sql: BenchQueries.scanSQL)
            return ResultDigest(rows: try SQLiteSystem.fetchInteractions(statement, []).map { String($0.id) })
        }
        let scanned = Double(data.interactionCount)
        return RowResult(
            store: .rate(scanned / mine.latencies.percentile(0)),
            sqlite: .rate(scanned / theirs.latencies.percentile(0)),
            note: Self.mismatch(mine.digest, theirs.digest))
    }

    private func latencyResult(
        _ mine: (latencies: Latencies, digest: ResultDigest),
        _ theirs: (latencies: Latencies, digest: ResultDigest),
        p99: Bool
    ) -> RowResult {
        RowResult(
            store: .latency(p50: mine.latencies.p50, p99: p99 ? mine.latencies.p99 : nil),
            sqlite: .latency(p50: theirs.latencies.p50, p99: p99 ? theirs.latencies.p99 : nil),
            note: Self.mismatch(mine.digest, theirs.digest))
    }

    /// A note when the two systems answered differently (compared as sets of rows), else nil.
    static func mismatch(_ mine: ResultDigest, _ theirs: ResultDigest) -> String? {
        guard mine.rows.sorted() != theirs.rows.sorted() else { return nil }
        let message = "answers differ: this store \(mine), SQLite \(theirs)"
        Progress.say("warning: \(message)")
        return message
    }
}

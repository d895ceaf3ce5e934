/// How many times each workload runs: BENCH.md's counts times the scale, with minimums so
/// that a tiny smoke run still measures something.
struct WorkloadSizes: Sendable {
    /// Records a load transaction holds (not scaled).
    let batch = 10_000
    /// Random customers got by id (1,000,000).
    let gets: Int
    /// Runs of the overdue query (1,000).
    let overdue: Int
    /// Random customers whose timeline is read (10,000).
    let timeline: Int
    /// Runs of the complaints count (100).
    let complaints: Int
    /// Runs of the lapsed-vip query (100).
    let lapsed: Int
    /// Full scans for the scan row; the best is kept (not scaled).
    let scans = 3
    /// Statements parsed (1,000,000).
    let parses: Int
    /// Statements in the script (100,000).
    let scriptStatements: Int

    /// BENCH.md's counts times `scale`.
    init(scale: Double) {
        func scaled(_ count: Int, minimum: Int) -> Int {
            max(minimum, Int((Double(count) * scale).rounded()))
        }
        gets = scaled(1_000_000, minimum: 1_000)
        overdue = scaled(1_000, minimum: 20)
        timeline = scaled(10_000, minimum: 100)
        complaints = scaled(100, minimum: 10)
        lapsed = scaled(100, minimum: 10)
        parses = scaled(1_000_000, minimum: 10_000)
        scriptStatements = scaled(100_000, minimum: 1_000)
    }
}

import CRMStore
import Foundation

/// Runs the rows chosen on the command line against the three systems, one system after the
/// other on each row, each on its own files in `directory`, and collects the report.
final class BenchRunner {
    /// The command line.
    let options: BenchOptions
    /// How many times each workload runs.
    let sizes: WorkloadSizes
    /// The dataset.
    let data: BenchDataset
    /// Where the databases and scripts go.
    let directory: String
    /// What the rows measured.
    var report = BenchReport()

    /// A runner for `options`, working in `directory`.
    init(options: BenchOptions, directory: String) {
        self.options = options
        self.sizes = WorkloadSizes(scale: options.scale)
        self.data = BenchDataset(scale: options.scale)
        self.directory = directory
    }

    /// The store's file.
    var storePath: String { directory + "/store.crm.db" }
    /// SQLite's file.
    var sqlitePath: String { directory + "/sqlite.db" }
    /// Raw LMDB's file.
    var rawPath: String { directory + "/raw.lmdb" }

    /// Runs every chosen row.
    func run() throws {
        Progress.say(
            "dataset: \(data.customerCount) customers, \(data.interactionCount) interactions, "
                + "\(data.promiseCount) promises (scale \(options.scale))")
        if options.runs(.memory) { report.results[.memory] = try memoryRow() }
        let needsData = Workload.allCases.contains { options.runs($0) && $0.needsData }
        guard needsData || options.runs(.parse) else { return }
        try runInProcess(load: needsData)
        // Export reads the loaded data; the script row then changes it.
        if options.runs(.export) { report.results[.export] = try exportRow() }
        if options.runs(.script) { report.results[.script] = try scriptRow() }
    }

    /// The rows that run inside this process; the systems are closed when it returns, so
    /// that the script row's programs can open the files.
    private func runInProcess(load: Bool) throws {
        let store = try StoreSystem(path: storePath, now: data.now)
        let sqlite = try SQLiteSystem(path: sqlitePath)
        defer { try? sqlite.close() }
        let raw = options.runs(.load) || options.runs(.get) ? try RawLMDBSystem(path: rawPath) : nil
        if load {
            let result = try loadRow(store: store, sqlite: sqlite, raw: raw)
            if options.runs(.load) { report.results[.load] = result }
            if options.runs(.size) { report.results[.size] = sizeRow() }
        }
        if options.runs(.get) { report.results[.get] = try getRow(store: store, sqlite: sqlite, raw: raw) }
        if options.runs(.overdue) { report.results[.overdue] = try overdueRow(store: store, sqlite: sqlite) }
        if options.runs(.timeline) {
            report.results[.timeline] = try timelineRow(store: store, sqlite: sqlite)
        }
        if options.runs(.complaints) {
            report.results[.complaints] = try complaintsRow(store: store, sqlite: sqlite)
        }
        if options.runs(.lapsed) { report.results[.lapsed] = try lapsedRow(store: store, sqlite: sqlite) }
        if options.runs(.scan) { report.results[.scan] = try scanRow(store: store, sqlite: sqlite) }
        if options.runs(.parse) { report.results[.parse] = try parseRow(sqlite: sqlite) }
    }
}

/// What one row measured: this store, SQLite and raw LMDB (where BENCH.md compares them),
/// and anything odd seen on the way.
struct RowResult {
    /// This store's figure.
    var store: Figure?
    /// SQLite's figure.
    var sqlite: Figure?
    /// Raw LMDB's figure.
    var raw: Figure?
    /// This store's peak memory beyond what `store` measures (the export row's heap, held
    /// to a target of its own), in MiB.
    var memoryMiB: Double?
    /// A remark: a mismatch between the systems' answers, or why a figure is missing.
    var note: String?
}

/// BENCH.md's targets for one row: how many times SQLite (or raw LMDB's speed) this store
/// must reach, or the memory it must stay under.
struct Target {
    /// Times SQLite's figure, or nil.
    var overSQLite: Double?
    /// Times raw LMDB's figure, or nil.
    var overRaw: Double?
    /// The most MiB allowed, or nil.
    var maximumMiB: Double?

    /// The target of `row`, if BENCH's brief sets one.
    static func of(_ row: Workload) -> Target? {
        switch row {
        // Issue 11's targets (the schema issue) where they are stricter than the first ones.
        case .load: Target(overSQLite: 4, overRaw: 0.35)
        case .get: Target(overSQLite: 4, overRaw: 0.6)
        case .overdue, .timeline, .complaints, .lapsed: Target(overSQLite: 3)
        case .scan: Target(overSQLite: 1.5)
        case .script: Target(overSQLite: 1.5)
        case .memory: Target(maximumMiB: 200)
        // No larger than SQLite's file: SQLite's size over this store's at least 1.
        case .size: Target(overSQLite: 1)
        case .export: Target(overSQLite: 1, maximumMiB: 100)
        case .parse: nil
        }
    }

    /// The target in words: `>=3x SQLite, >=0.35x raw`.
    var text: String {
        var parts: [String] = []
        if let overSQLite {
            parts.append(">=\(Figure.decimal(overSQLite, places: overSQLite < 1 ? 2 : 1))x SQLite")
        }
        if let overRaw { parts.append(">=\(Figure.decimal(overRaw, places: 2))x raw") }
        if let maximumMiB { parts.append("<\(Figure.decimal(maximumMiB, places: 0)) MiB") }
        return parts.joined(separator: ", ")
    }

    /// Whether `result` meets the target; nil when a figure it needs is missing.
    func isMet(by result: RowResult) -> Bool? {
        var met = true
        if let overSQLite {
            guard let store = result.store, let sqlite = result.sqlite,
                let ratio = store.speedup(over: sqlite)
            else { return nil }
            met = met && ratio >= overSQLite
        }
        if let overRaw {
            guard let store = result.store, let raw = result.raw, let ratio = store.speedup(over: raw)
            else { return nil }
            met = met && ratio >= overRaw
        }
        if let maximumMiB {
            if let memory = result.memoryMiB {
                met = met && memory < maximumMiB
            } else {
                guard case .mebibytes(let value) = result.store else { return nil }
                met = met && value < maximumMiB
            }
        }
        return met
    }
}

/// The table and the closing `bench:` line of BENCH.md's output.
struct BenchReport {
    /// The results by row; rows not run are absent.
    var results: [Workload: RowResult] = [:]

    /// The rows summed up on the last line, in its order.
    static let summaryRows: [Workload] = [
        .load, .get, .overdue, .timeline, .complaints, .lapsed, .scan, .script, .export, .size,
    ]

    /// The table, one line per row that ran, columns aligned.
    var table: String {
        var lines: [[String]] = [
            ["row", "measure", "this store", "SQLite", "raw LMDB", "vs SQLite", "vs raw", "target", "met"]
        ]
        var notes: [String] = []
        for row in Workload.allCases {
            guard let result = results[row] else { continue }
            let target = Target.of(row)
            let met = target?.isMet(by: result).map { $0 ? "yes" : "MISS" } ?? "-"
            lines.append([
                row.rawValue, row.unit, result.store?.text ?? "-", result.sqlite?.text ?? "-",
                result.raw?.text ?? "-", Self.ratio(result.store, result.sqlite),
                Self.ratio(result.store, result.raw),
                target?.text ?? "-", met,
            ])
            if let note = result.note { notes.append("  \(row.rawValue): \(note)") }
        }
        var widths = Array(repeating: 0, count: lines[0].count)
        for line in lines {
            for (column, cell) in line.enumerated() { widths[column] = max(widths[column], cell.count) }
        }
        var text = lines.map { line in
            line.enumerated().map { column, cell in
                column == line.count - 1
                    ? cell : cell + String(repeating: " ", count: widths[column] - cell.count)
            }.joined(separator: "  ")
        }
        text.insert(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  "), at: 1)
        if !notes.isEmpty { text += ["notes:"] + notes }
        return text.joined(separator: "\n")
    }

    /// `bench: load Ax get Bx ... script Gx export Ix size Jx (vs SQLite)`; `n/a` for a row that did
    /// not run. The export figure is its slowest format's.
    var summary: String {
        let parts = Self.summaryRows.map { row in
            let ratio = results[row].flatMap { result -> Double? in
                guard let store = result.store, let sqlite = result.sqlite else { return nil }
                return store.speedup(over: sqlite)
            }
            return "\(row.rawValue) " + (ratio.map { Figure.decimal($0, places: 1) + "x" } ?? "n/a")
        }
        return "bench: " + parts.joined(separator: " ") + " (vs SQLite)"
    }

    private static func ratio(_ store: Figure?, _ other: Figure?) -> String {
        guard let store, let other, let ratio = store.speedup(over: other) else { return "-" }
        return Figure.decimal(ratio, places: ratio < 1 ? 2 : 1) + "x"
    }
}

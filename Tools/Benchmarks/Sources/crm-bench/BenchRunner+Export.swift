import Foundation

extension BenchRunner {
    /// The interaction columns `find interactions` prints by default, and SQLite's SELECT of
    /// the same columns in the same order. SQLite keeps times as integers and prints them so;
    /// this store prints ISO 8601 text, which is more work: the comparison favours SQLite.
    static let exportSQL =
        "SELECT id, customer, kind, channel, direction, at, \"by\", subject, body, score, urgent, tags, "
        + "created, updated FROM interaction"

    /// export: `find interactions` over the loaded data written to /dev/null as csv, jsonl
    /// and json by `crm`, against `sqlite3 -csv` and `sqlite3 -json` of the same SELECT (jsonl
    /// against `-json`: sqlite3 has no JSON Lines mode); wall times and this store's peak
    /// anonymous memory (the heap: the store file's mapped pages not counted). The row's
    /// figure is the format that does worst against SQLite.
    func exportRow() throws -> RowResult {
        guard let crm = options.crmPath ?? ProcessRunner.find("crm") else {
            return RowResult(note: "no crm command (give --crm PATH)")
        }
        guard let sqlite3 = ProcessRunner.find("sqlite3") else {
            return RowResult(note: "no sqlite3 command (Tools/bench installs it)")
        }
        sync()
        var theirs: [String: Double] = [:]
        for mode in ["csv", "json"] {
            Progress.say("export: sqlite3 -\(mode)")
            let arguments = mode == "csv" ? ["-csv", "-header"] : ["-json"]
            theirs[mode] = try ProcessRunner.run(
                sqlite3, arguments + [sqlitePath, Self.exportSQL], captureOutput: false
            ).seconds
        }
        var parts: [String] = []
        var worst: (ratio: Double, mine: Double, theirs: Double)?
        var peakHeapKiB = 0
        for format in ["csv", "jsonl", "json"] {
            Progress.say("export: crm --format \(format)")
            let outcome = try ProcessRunner.run(
                crm, [storePath, "--format", format, "-c", "find interactions"], captureOutput: false)
            let against = theirs[format == "csv" ? "csv" : "json"] ?? 0
            let ratio = outcome.seconds > 0 ? against / outcome.seconds : 0
            if worst.map({ ratio < $0.ratio }) ?? true { worst = (ratio, outcome.seconds, against) }
            peakHeapKiB = max(peakHeapKiB, outcome.peakAnonymousKiB)
            parts.append(
                "\(format) \(Figure.duration(outcome.seconds)) vs \(Figure.duration(against)) "
                    + "(\(Figure.decimal(ratio, places: 2))x), heap \(Self.mebibytes(outcome.peakAnonymousKiB)), "
                    + "VmHWM \(Self.mebibytes(outcome.peakResidentKiB))")
        }
        guard let worst else { return RowResult(note: "nothing measured") }
        return RowResult(
            store: .seconds(worst.mine), sqlite: .seconds(worst.theirs),
            memoryMiB: Double(peakHeapKiB) / 1024,
            note: "\(data.interactionCount) interactions to /dev/null: " + parts.joined(separator: "; ")
                + " (heap: peak RssAnon, the store file's mapped pages not counted; VmHWM counts them)")
    }

    /// `12 MiB` from KiB.
    static func mebibytes(_ kib: Int) -> String {
        "\(Figure.decimal(Double(kib) / 1024, places: 0)) MiB"
    }
}

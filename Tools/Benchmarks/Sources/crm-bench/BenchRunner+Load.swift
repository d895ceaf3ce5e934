import CRMStore
import Foundation

extension BenchRunner {
    /// load: every record through each system's insert path, 10,000 a transaction.
    func loadRow(store: StoreSystem, sqlite: SQLiteSystem, raw: RawLMDBSystem?) throws -> RowResult {
        let records = Double(data.recordCount)
        Progress.say("load: this store, \(data.recordCount) records")
        let storeSeconds = try store.load(data, batch: sizes.batch, progress: Self.loadProgress("this store"))
        Progress.say("load: this store took \(Figure.duration(storeSeconds)); SQLite next")
        let sqliteSeconds = try sqlite.load(data, batch: sizes.batch, progress: Self.loadProgress("SQLite"))
        Progress.say("load: SQLite took \(Figure.duration(sqliteSeconds))")
        var result = RowResult(store: .rate(records / storeSeconds), sqlite: .rate(records / sqliteSeconds))
        if let raw {
            let rawSeconds = try raw.load(data, batch: sizes.batch)
            Progress.say("load: raw LMDB took \(Figure.duration(rawSeconds))")
            result.raw = .rate(records / rawSeconds)
        }
        return result
    }

    /// size: the three systems' files right after the load (SQLite's with its WAL); raw LMDB
    /// only when its load ran.
    func sizeRow() -> RowResult {
        func mebibytes(_ paths: [String]) -> Figure? {
            var bytes = 0
            for path in paths {
                if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int {
                    bytes += size
                }
            }
            return bytes > 0 ? .mebibytes(Double(bytes) / 1_048_576) : nil
        }
        return RowResult(
            store: mebibytes([storePath]), sqlite: mebibytes([sqlitePath, sqlitePath + "-wal"]),
            raw: mebibytes([rawPath]))
    }

    /// A progress callback that reports every 500,000 records.
    private static func loadProgress(_ system: String) -> (Int) -> Void {
        var reported = 0
        return { loaded in
            if loaded / 500_000 > reported {
                reported = loaded / 500_000
                Progress.say("load: \(system), \(loaded) records in")
            }
        }
    }

    /// get: the same random customers by id from each system.
    func getRow(store: StoreSystem, sqlite: SQLiteSystem, raw: RawLMDBSystem?) throws -> RowResult {
        let ids = SplitMix.ids(seed: 1, count: sizes.gets, upTo: data.customerCount)
        let count = Double(ids.count)
        Progress.say("get: \(ids.count) customers by id")
        var result = RowResult(
            store: .rate(count / (try store.gets(ids))), sqlite: .rate(count / (try sqlite.gets(ids))))
        if let raw { result.raw = .rate(count / (try raw.gets(ids))) }
        return result
    }
}

import ArgumentParser
import CRMStore

/// `crm stats DB`: sizes, counts, map usage.
struct Stats: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "crm stats", abstract: "Show record counts, file size and map use.")

    @Argument(help: "The database file.")
    var database: String

    func run() throws {
        let store = try StoreOpener.open(database, readOnly: true)
        let stats = try store.statistics()
        print(Self.describe(stats))
    }

    static func describe(_ stats: StoreStatistics) -> String {
        func mebibytes(_ bytes: Int) -> String {
            let tenths = (bytes * 10 + (1 << 19)) >> 20
            return "\(tenths / 10).\(tenths % 10) MiB"
        }
        let percent = stats.mapSize > 0 ? stats.mapUsed * 100 / stats.mapSize : 0
        return """
            customers        \(stats.customers)
            interactions     \(stats.interactions)
            promises         \(stats.promises)
            history entries  \(stats.historyEntries)
            index entries    \(stats.indexEntries)
            file size        \(mebibytes(stats.fileSize))
            map used         \(mebibytes(stats.mapUsed)) of \(mebibytes(stats.mapSize)) (\(percent)%, grows on demand)
            page size        \(stats.pageSize) bytes
            """
    }
}

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
        // Sizes come from the file's meta page: a damaged one may hold any number, so no
        // arithmetic here may overflow.
        func mebibytes(_ bytes: Int) -> String {
            let bytes = max(0, bytes)
            var whole = bytes >> 20
            var tenths = ((bytes & 0xF_FFFF) * 10 + (1 << 19)) >> 20
            if tenths == 10 {
                whole += 1
                tenths = 0
            }
            return "\(whole).\(tenths) MiB"
        }
        let (scaled, overflow) = max(0, stats.mapUsed).multipliedReportingOverflow(by: 100)
        let percent = stats.mapSize <= 0 ? 0 : overflow ? 100 : scaled / stats.mapSize
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

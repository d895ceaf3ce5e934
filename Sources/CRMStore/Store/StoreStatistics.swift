import LMDB

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Sizes and counts of a store.
public struct StoreStatistics: Sendable, Equatable {
    /// Number of customers.
    public var customers: Int
    /// Number of interactions.
    public var interactions: Int
    /// Number of promises.
    public var promises: Int
    /// Number of history entries.
    public var historyEntries: Int
    /// Number of index entries, all indexes together.
    public var indexEntries: Int
    /// Size of the data file in bytes.
    public var fileSize: Int
    /// Size of the memory map in bytes (grows on demand).
    public var mapSize: Int
    /// Bytes of the map in use.
    public var mapUsed: Int
    /// Size of a page in bytes.
    public var pageSize: Int
}

extension Store {
    /// Counts (from B-tree headers, not by reading records), file size and map use.
    public func statistics() throws -> StoreStatistics {
        try read { tx in
            // Counts come from the file's tree records: a damaged one may hold any number.
            func entries(_ table: StorageTable) throws -> Int {
                max(0, try tx.storage.entryCount(table))
            }
            var indexEntries = 0
            for table in tables.allIndexes {
                let (sum, overflow) = indexEntries.addingReportingOverflow(try entries(table))
                indexEntries = overflow ? Int.max : sum
            }
            var file = stat()
            let fileSize = stat(path, &file) == 0 ? Int(file.st_size) : 0
            let usage = try engine.usage()
            let pageSize = (engine as? LMDBStorage)?.environment.info.pageSize ?? 4096
            return StoreStatistics(
                customers: try entries(tables.records(.customer)),
                interactions: try entries(tables.records(.interaction)),
                promises: try entries(tables.records(.promise)),
                historyEntries: try entries(tables.history),
                indexEntries: indexEntries,
                fileSize: fileSize,
                mapSize: usage.bytesAllocated,
                mapUsed: usage.bytesUsed,
                pageSize: pageSize
            )
        }
    }
}

import LMDB

/// A lazy walk over records in id order or in an index's order, bounded by the transaction
/// that made it.
///
/// Records are read one at a time as `next()` is called, so a walk that stops early reads
/// only what it returned. `next()` throws, rather than ending quietly, when a record is
/// damaged; this is why it is not a `Sequence`, whose iterators cannot throw.
///
///     var vips = try tx.customers(tier: .vip)
///     while let customer = try vips.next() { print(customer.name) }
///
/// Valid only during the transaction's closure.
public struct RecordCursor<R: Record> {
    private var scan: RangeScan
    private let fromIndex: Bool
    private let transaction: ReadTransaction

    init(scan: RangeScan, fromIndex: Bool, transaction: ReadTransaction) {
        self.scan = scan
        self.fromIndex = fromIndex
        self.transaction = transaction
    }

    /// The next record's id, without reading the record; nil at the end.
    public mutating func nextID() throws -> Int64? {
        guard let entry = try scan.next() else { return nil }
        return try Self.id(of: entry, fromIndex: fromIndex)
    }

    /// The next record; nil at the end.
    ///
    /// - Throws: `StoreError` `.corrupt` for a damaged record, or an index entry whose
    ///   record is missing (run `Store.check()`).
    public mutating func next() throws -> R? {
        guard let entry = try scan.next() else { return nil }
        let id = try Self.id(of: entry, fromIndex: fromIndex)
        guard fromIndex else { return try R(id: id, decoding: entry.value) }
        guard let record = try transaction.get(R.self, id) else {
            throw StoreError(
                .corrupt,
                "an index names \(R.kind.rawValue) \(id), which does not exist (run check)"
            )
        }
        return record
    }

    /// The remaining records, at most `limit` of them.
    public consuming func collect(limit: Int = .max) throws -> [R] {
        var records: [R] = []
        while records.count < limit, let record = try next() { records.append(record) }
        return records
    }

    /// The remaining ids, at most `limit` of them, without reading the records.
    public consuming func collectIDs(limit: Int = .max) throws -> [Int64] {
        var ids: [Int64] = []
        while ids.count < limit, let id = try nextID() { ids.append(id) }
        return ids
    }

    /// How many records remain, counted without reading them.
    public consuming func count() throws -> Int {
        var count = 0
        while try scan.next() != nil { count += 1 }
        return count
    }

    private static func id(of entry: Cursor.Entry, fromIndex: Bool) throws -> Int64 {
        let id: Int64? =
            fromIndex
            ? TextKey.id(fromIndexKey: entry.key)
            : (entry.key.count == 8 ? TextKey.id(fromIndexKey: entry.key) : nil)
        guard let id else {
            throw StoreError(.corrupt, "a \(R.kind.rawValue) key is damaged (\(entry.key.count) bytes)")
        }
        return id
    }
}

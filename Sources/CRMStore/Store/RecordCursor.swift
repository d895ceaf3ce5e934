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
    /// Builds a partial record from an index entry (key, value, id, mask), when the walk is
    /// over an index: a masked read may be answered from its entries (`IndexCovered`).
    typealias Coverage = (UnsafeRawBufferPointer, UnsafeRawBufferPointer, Int64, UInt64) -> R?
    private let coverage: Coverage?
    private let transaction: ReadTransaction
    /// Where the cursor stands: the entry `nextID()` last returned, and its id.
    private var position: (entry: Cursor.Entry, id: Int64)?

    init(scan: RangeScan, fromIndex: Bool, coverage: Coverage? = nil, transaction: ReadTransaction) {
        self.scan = scan
        self.fromIndex = fromIndex
        self.coverage = coverage
        self.transaction = transaction
    }

    /// The next record's id, without reading the record; nil at the end.
    public mutating func nextID() throws -> Int64? {
        guard let entry = try scan.next() else {
            position = nil
            return nil
        }
        let id = try Self.id(of: entry, fromIndex: fromIndex)
        position = (entry, id)
        return id
    }

    /// The record whose id `nextID()` last returned (read from the table entry the cursor is
    /// on, or by id through an index); nil before the first `nextID()` or after the end.
    /// `nextID()` then `current()` for the records a caller wants, and only `nextID()` for
    /// the rest, reads only the wanted records. With a `mask` (`Record.fieldMask(for:)`),
    /// only those fields are read, and from the index entry alone when it holds them all
    /// (`IndexCovered`).
    ///
    /// - Throws: `StoreError` `.corrupt` for a damaged record, or an index entry whose
    ///   record is missing (run `Store.check()`).
    public func current(mask: UInt64 = .max) throws -> R? {
        guard let (entry, id) = position else { return nil }
        guard fromIndex else { return try R(id: id, decoding: entry.value, mask: mask) }
        if mask != .max, let coverage, let record = coverage(entry.key, entry.value, id, mask) {
            return record
        }
        guard let record = try transaction.get(R.self, id, mask: mask) else {
            throw StoreError(
                .corrupt,
                "an index names \(R.kind.rawValue) \(id), which does not exist (run check)"
            )
        }
        return record
    }

    /// The next record; nil at the end.
    ///
    /// - Throws: `StoreError` `.corrupt` for a damaged record, or an index entry whose
    ///   record is missing (run `Store.check()`).
    public mutating func next() throws -> R? {
        guard try nextID() != nil else { return nil }
        return try current()
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

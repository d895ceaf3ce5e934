import LMDB

/// A lazy walk over a kind's records in id order, or over an index's entries in key order,
/// bounded by the transaction that made it.
///
/// `nextID()` moves on and returns the id; `view()` reads the record there in place (from
/// the table entry the walk is on, or by id through an index), and `entry()` gives the
/// index entry itself, which may hold all a caller needs (`IndexEntryView`). A walk that
/// reads only the records it wants reads nothing else.
///
/// Views and entries are valid until the walk moves on, the transaction writes, or its
/// closure returns.
public final class RecordScan {
    // SAFETY: schemas are built once, in static properties, and never freed.
    /// The kind walked.
    public unowned(unsafe) let schema: RecordSchema
    /// The index walked, or nil for the kind's table.
    public let index: IndexSchema?
    private var scan: StorageScan
    private let transaction: ReadTransaction
    /// Where the walk stands: the entry `nextID()` last returned, and its id.
    private var position: (entry: StorageEntry, id: Int64)?

    init(schema: RecordSchema, index: IndexSchema?, scan: StorageScan, transaction: ReadTransaction) {
        self.schema = schema
        self.index = index
        self.scan = scan
        self.transaction = transaction
    }

    /// The next record's id, without reading the record; nil at the end.
    ///
    /// - Throws: `.corrupt` for a damaged key.
    public func nextID() throws -> Int64? {
        guard let entry = try scan.next() else {
            position = nil
            return nil
        }
        let id: Int64? =
            index == nil ? RecordKey.id(entry.key) : IndexKey.id(entry.key, transaction.tables.layout)
        guard let id else {
            throw StoreError(.corrupt, "a \(schema.kind.rawValue) key is damaged (\(entry.key.count) bytes)")
        }
        position = (entry, id)
        return id
    }

    /// The record whose id `nextID()` last returned, in place; nil before the first
    /// `nextID()` or after the end.
    ///
    /// - Throws: `.corrupt` for a damaged record, or an index entry whose record is missing.
    public func view() throws -> RecordView? {
        guard let (entry, id) = position else { return nil }
        guard index != nil else { return try transaction.view(id, entry.value, schema) }
        guard let view = try transaction.view(schema.kind, id) else {
            throw StoreError(
                .corrupt, "an index names \(schema.kind.rawValue) \(id), which does not exist (run check)")
        }
        return view
    }

    /// The index entry the walk is on; nil for a table walk, before the first `nextID()` or
    /// after the end.
    public func entry() -> IndexEntryView? {
        guard let index, let (entry, id) = position else { return nil }
        return IndexEntryView(
            index: index, id: id, key: entry.key, value: entry.value, layout: transaction.tables.layout)
    }

    /// How many entries remain, counted without reading records.
    public func count() throws -> Int {
        var count = 0
        while try scan.next() != nil { count += 1 }
        return count
    }
}

/// A lazy walk over typed records; see `RecordScan`.
///
///     var vips = try tx.customers(tier: .vip)
///     while let customer = try vips.next() { print(customer.name) }
///
/// `next()` throws, rather than ending quietly, when a record is damaged; this is why it is
/// not a `Sequence`, whose iterators cannot throw. Valid only during the transaction's closure.
public struct RecordCursor<R: Record> {
    private let scan: RecordScan

    init(_ scan: RecordScan) {
        self.scan = scan
    }

    /// The next record's id, without reading the record; nil at the end.
    public mutating func nextID() throws -> Int64? {
        try scan.nextID()
    }

    /// The record whose id `nextID()` last returned; nil before the first `nextID()` or
    /// after the end.
    ///
    /// - Throws: `StoreError` `.corrupt` for a damaged record, or an index entry whose
    ///   record is missing (run `Store.check()`).
    public func current() throws -> R? {
        guard let view = try scan.view() else { return nil }
        return try R.declaration.record(from: view)
    }

    /// The next record; nil at the end.
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
        try scan.count()
    }

    /// The index entry the cursor is on (see `RecordScan.entry()`).
    var scanEntry: IndexEntryView? { scan.entry() }
}

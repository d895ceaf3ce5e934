import LMDB

/// A lazy walk over a kind's records in id order, or over an index's entries in key order,
/// bounded by the transaction that made it.
///
/// `nextID()` moves on and returns the id; `view()` reads the record there in place (from
/// the table entry the walk is on, or by id through an index), and `entry()` gives the
/// index entry itself, which may hold all a caller needs (`IndexEntryView`). A walk that
/// reads only the records it wants reads nothing else.
///
/// A walk over several ranges of one index (`tier in (key, vip)`, or every kind of
/// interaction within a span) merges them: it yields the entries in the order of the key
/// after each range's fixed parts (the next part, then the id), as one range would.
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
    /// For a merged walk: the other ranges' walks, each range's prefix length, each walk's
    /// next entry, and which walk gave the entry last returned.
    private var merged: [StorageScan] = []
    private var prefixLengths: [Int] = []
    private var heads: [StorageEntry?] = []
    private var last = -1
    private var reverse = false

    init(schema: RecordSchema, index: IndexSchema?, scan: StorageScan, transaction: ReadTransaction) {
        self.schema = schema
        self.index = index
        self.scan = scan
        self.transaction = transaction
    }

    /// A walk of several ranges of `index` merged in key order after each range's prefix:
    /// `scans[i]` walks the range whose fixed parts take `prefixLengths[i]` bytes.
    init(
        schema: RecordSchema, index: IndexSchema, merging scans: [StorageScan], prefixLengths: [Int],
        reverse: Bool, transaction: ReadTransaction
    ) {
        self.schema = schema
        self.index = index
        self.scan = scans[0]
        self.merged = scans
        self.prefixLengths = prefixLengths
        self.reverse = reverse
        self.transaction = transaction
    }

    /// The next entry of a merged walk: the smallest (or, reversed, largest) of the ranges'
    /// next entries, compared on the key after each range's prefix.
    private func nextMerged() throws -> StorageEntry? {
        if heads.isEmpty {
            heads = try merged.map { try $0.next() }
        } else if last >= 0 {
            heads[last] = try merged[last].next()
        }
        var best = -1
        for (index, head) in heads.enumerated() {
            guard let head else { continue }
            guard best >= 0, let current = heads[best] else {
                best = index
                continue
            }
            let a = UnsafeRawBufferPointer(rebasing: head.key[min(prefixLengths[index], head.key.count)...])
            let b = UnsafeRawBufferPointer(
                rebasing: current.key[min(prefixLengths[best], current.key.count)...])
            let order = compareBytes(a, b)
            if reverse ? order > 0 : order < 0 { best = index }
        }
        last = best
        return best >= 0 ? heads[best] : nil
    }

    /// The next record's id, without reading the record; nil at the end.
    ///
    /// - Throws: `.corrupt` for a damaged key.
    public func nextID() throws -> Int64? {
        guard let entry = try merged.isEmpty ? scan.next() : nextMerged() else {
            position = nil
            return nil
        }
        let id: Int64? =
            index == nil
            ? RecordKey.id(entry.key, transaction.tables.layout)
            : IndexKey.id(entry.key, transaction.tables.layout)
        guard let id else {
            throw StoreError(
                .corrupt, "a key in the \(schema.kind.rawValue) table is damaged (\(entry.key.count) bytes)")
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

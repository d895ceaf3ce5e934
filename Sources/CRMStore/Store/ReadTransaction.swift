import LMDB

/// A consistent view of the store for reading: records by id, index lookups, counts,
/// derived values and history.
///
/// Valid only during the closure of `Store.read` (or `Store.write`) that received it: do
/// not store it or use it from another thread.
///
///     let overdue = try store.read { tx in
///         try tx.promises(status: .pending, due: ..<tx.now).collect()
///     }
public class ReadTransaction {
    /// The storage transaction underneath (`StorageReader`; a `StorageWriter` in a write).
    let storage: any StorageReader
    let tables: Tables
    /// The store's clock, read once when the transaction began: "now" for overdue checks
    /// and, in writes, for `created`, `updated` and history times.
    public let now: Timestamp
    /// Where records of the first format are rewritten for reading (see `RecordView`).
    let arena = ByteArena()
    /// The store's custom field declarations, once read (`customFields()`); a write that
    /// declares or drops one clears it.
    var customFieldCache: CustomFields?

    init(storage: any StorageReader, tables: Tables, now: Timestamp) {
        self.storage = storage
        self.tables = tables
        self.now = now
    }

    // MARK: - Records by id

    /// The record of `kind` with `id`, in place, or nil. Valid until the transaction
    /// writes or its closure returns (see `RecordView`).
    public func view(_ kind: RecordKind, _ id: Int64) throws -> RecordView? {
        let table = tables.records(kind)
        guard let bytes = try RecordKey.with(id, tables.layout, { try storage.get(table, key: $0) }) else {
            return nil
        }
        return try view(id, bytes, kind.schema)
    }

    /// A view of record `id`'s stored `bytes`; a record of the first format is rewritten into
    /// the transaction's arena.
    @inline(__always)
    func view(_ id: Int64, _ bytes: UnsafeRawBufferPointer, _ schema: RecordSchema) throws(StoreError)
        -> RecordView
    {
        if bytes.first == RecordFormat.legacy {
            return try RecordView(id: id, legacy: bytes, schema: schema, arena: arena)
        }
        return try RecordView(id: id, current: bytes, schema: schema)
    }

    /// The record with `id`, or nil.
    @_specialize(exported:true,where R == Customer)
    @_specialize(exported:true,where R == Interaction)
    @_specialize(exported:true,where R == Promise)
    public func get<R: Record>(_ type: R.Type, _ id: Int64) throws -> R? {
        guard let view = try view(R.kind, id) else { return nil }
        return try R.declaration.record(from: view)
    }

    /// The customer with `id`, or nil.
    public func customer(_ id: Int64) throws -> Customer? { try get(Customer.self, id) }
    /// The interaction with `id`, or nil.
    public func interaction(_ id: Int64) throws -> Interaction? { try get(Interaction.self, id) }
    /// The promise with `id`, or nil.
    public func promise(_ id: Int64) throws -> Promise? { try get(Promise.self, id) }

    /// Whether a record of `kind` with `id` exists, without reading it.
    public func exists(_ kind: RecordKind, _ id: Int64) throws -> Bool {
        try RecordKey.with(id, tables.layout) { try storage.get(tables.records(kind), key: $0) } != nil
    }

    /// How many records of `kind` there are (read from the B-tree's header, not counted).
    public func count(_ kind: RecordKind) throws -> Int {
        try storage.entryCount(tables.records(kind))
    }

    /// How many records of `type` there are.
    public func count<R: Record>(_ type: R.Type) throws -> Int { try count(R.kind) }

    // MARK: - Walks

    /// Every record of `kind` in id order (or, with `reverse`, newest first), starting at
    /// `from` (or, reversed, at most `from`).
    public func scan(_ kind: RecordKind, from id: Int64? = nil, reverse: Bool = false) throws -> RecordScan {
        var range = KeyRange.all
        if let id {
            range =
                reverse
                ? KeyRange(from: [], upTo: RecordKey.bytes(id &+ 1, tables.layout))
                : KeyRange(from: RecordKey.bytes(id, tables.layout), upTo: nil)
        }
        let scan = try storage.scan(tables.records(kind), range, reverse: reverse)
        return RecordScan(schema: kind.schema, index: nil, scan: scan, transaction: self)
    }

    /// Calls `body` with each record of `kind` read in place, in id order (or, with
    /// `reverse`, newest first), until it returns false. Each view is valid only during its
    /// call. The fastest way through a whole table.
    public func walk(_ kind: RecordKind, reverse: Bool = false, _ body: (RecordView) throws -> Bool) throws {
        let schema = kind.schema
        try storage.walk(tables.records(kind), .all, reverse: reverse) { key, value in
            guard let id = RecordKey.id(key, tables.layout) else {
                throw StoreError(
                    .corrupt, "a key in the \(kind.rawValue) table is damaged (\(key.count) bytes)")
            }
            return try body(try view(id, value, schema))
        }
    }

    /// Calls `body` with each entry of `index` whose leading parts equal `equal` and whose
    /// next part lies within `then`, in key order (or the other way with `reverse`), until it
    /// returns false. Each entry is valid only during its call; read its record with
    /// `view(_:_:)` when the entry does not hold what is needed.
    public func walk(
        index: IndexSchema, equal: [FieldValue], then bounds: PartBounds? = nil, reverse: Bool = false,
        _ body: (IndexEntryView) throws -> Bool
    ) throws {
        let layout = tables.layout
        guard let prefix = IndexKey.prefix(index, equal, layout),
            let range = Self.range(index, prefix, fixed: equal.count, bounds, layout)
        else { return }
        try storage.walk(try table(of: index), range, reverse: reverse) { key, value in
            guard let id = IndexKey.id(key, layout) else {
                throw StoreError(.corrupt, "index \(index.name) has a damaged entry (\(key.count) bytes)")
            }
            return try body(IndexEntryView(index: index, id: id, key: key, value: value, layout: layout))
        }
    }

    /// The entries of `index` whose leading parts equal `equal` (values of those parts'
    /// fields, folded as the parts say), and whose next part lies within `then`; in key
    /// order, or the other way with `reverse`.
    public func scan(
        index: IndexSchema, equal: [FieldValue], then bounds: PartBounds? = nil, reverse: Bool = false
    )
        throws -> RecordScan
    {
        var range = KeyRange(from: [0xFF, 0xFF], upTo: [0xFF, 0xFF])  // empty until built
        if let prefix = IndexKey.prefix(index, equal, tables.layout) {
            range = Self.range(index, prefix, fixed: equal.count, bounds, tables.layout) ?? range
        }
        let scan = try storage.scan(try table(of: index), range, reverse: reverse)
        return RecordScan(schema: index.kind.schema, index: index, scan: scan, transaction: self)
    }

    /// The key range for `prefix` and the bounds of the next part; nil when a bound cannot
    /// be a key part.
    private static func range(
        _ index: IndexSchema, _ prefix: OrderedKey, fixed: Int, _ bounds: PartBounds?, _ layout: KeyLayout
    ) -> KeyRange? {
        guard let bounds, fixed < index.parts.count else { return .prefix(prefix.bytes) }
        let part = index.parts[fixed]
        let field = index.partFields[fixed]
        let type = field.type == .tags ? FieldType.text : field.type
        switch bounds {
        case .prefix(let text):
            var key = prefix
            key.appendPrefix(part.transform == .value ? text : TextKey.fold(text))
            return .prefix(key.bytes)
        case .range(let lower, let upper):
            var from = prefix
            if let lower, !IndexKey.append(lower, type, part.transform, layout, to: &from) { return nil }
            var to = prefix
            if let upper {
                guard IndexKey.append(upper, type, part.transform, layout, to: &to) else { return nil }
                return KeyRange(from: from.bytes, upTo: to.bytes)
            }
            return KeyRange(from: from.bytes, upTo: KeyRange.successor(ofPrefix: prefix.bytes))
        }
    }

    /// The entries of several ranges of `index`, one per value list of `prefixes` (each
    /// as `equal` in `scan(index:equal:then:reverse:)`, all of one length), merged in the
    /// order of the key after the fixed parts: the order one range would have.
    public func scan(
        index: IndexSchema, prefixes: [[FieldValue]], then bounds: PartBounds? = nil, reverse: Bool = false
    )
        throws -> RecordScan
    {
        guard prefixes.count > 1 else {
            return try scan(index: index, equal: prefixes.first ?? [], then: bounds, reverse: reverse)
        }
        var scans: [StorageScan] = []
        var lengths: [Int] = []
        let table = try table(of: index)
        for prefix in prefixes {
            guard let key = IndexKey.prefix(index, prefix, tables.layout),
                let range = Self.range(index, key, fixed: prefix.count, bounds, tables.layout)
            else { continue }
            scans.append(try storage.scan(table, range, reverse: reverse))
            lengths.append(key.bytes.count)
        }
        guard !scans.isEmpty else { return try scan(index: index, equal: [.null], reverse: reverse) }
        return RecordScan(
            schema: index.kind.schema, index: index, merging: scans, prefixLengths: lengths, reverse: reverse,
            transaction: self)
    }

    /// Records of `type` through `index` (see `scan(index:equal:then:reverse:)`).
    func lookup<R: Record>(
        _ type: R.Type, _ index: String, _ equal: [FieldValue], then bounds: PartBounds? = nil,
        reverse: Bool = false
    ) throws -> RecordCursor<R> {
        guard let schema = R.schema.index(index) else {
            throw StoreError(.invalidValue, "\(index) is not an index of \(R.kind.rawValue)")
        }
        return RecordCursor(try scan(index: schema, equal: equal, then: bounds, reverse: reverse))
    }

    /// Every record of `type` in id order (or, with `reverse`, newest first), starting at
    /// `from` (or, reversed, at most `from`).
    public func all<R: Record>(_ type: R.Type, from id: Int64? = nil, reverse: Bool = false) throws
        -> RecordCursor<R>
    {
        RecordCursor(try scan(R.kind, from: id, reverse: reverse))
    }

    // MARK: - Index lookups

    /// Customers whose name starts with `prefix`, ignoring case, in name order.
    public func customers(namePrefix prefix: String, reverse: Bool = false) throws -> RecordCursor<Customer> {
        try lookup(Customer.self, "customer.name", [], then: .prefix(prefix), reverse: reverse)
    }

    /// Customers called `name`, ignoring case.
    public func customers(name: String, reverse: Bool = false) throws -> RecordCursor<Customer> {
        try lookup(Customer.self, "customer.name", [.string(name)], reverse: reverse)
    }

    /// Customers with `email`, ignoring case.
    public func customers(email: String, reverse: Bool = false) throws -> RecordCursor<Customer> {
        try lookup(Customer.self, "customer.email", [.string(email)], reverse: reverse)
    }

    /// Customers with `phone`, comparing digits only ("+86 10 1234" finds "+86-10-1234").
    public func customers(phone: String, reverse: Bool = false) throws -> RecordCursor<Customer> {
        try lookup(Customer.self, "customer.phone", [.string(phone)], reverse: reverse)
    }

    /// Customers of `tier`, in id order (the other way with `reverse`).
    public func customers(tier: CustomerTier, reverse: Bool = false) throws -> RecordCursor<Customer> {
        try lookup(Customer.self, "customer.tier", [.symbol(tier.name)], reverse: reverse)
    }

    /// Customers with `status`, in id order (the other way with `reverse`).
    public func customers(status: CustomerStatus, reverse: Bool = false) throws -> RecordCursor<Customer> {
        try lookup(Customer.self, "customer.status", [.symbol(status.name)], reverse: reverse)
    }

    /// Customers whose account manager is `owner`, ignoring case.
    public func customers(owner: String, reverse: Bool = false) throws -> RecordCursor<Customer> {
        try lookup(Customer.self, "customer.owner", [.string(owner)], reverse: reverse)
    }

    /// Customers tagged `tag`, ignoring case.
    public func customers(tag: String, reverse: Bool = false) throws -> RecordCursor<Customer> {
        try lookup(Customer.self, "customer.tag", [.string(tag)], reverse: reverse)
    }

    /// Customers in `city`, ignoring case.
    public func customers(city: String, reverse: Bool = false) throws -> RecordCursor<Customer> {
        try lookup(Customer.self, "customer.city", [.string(city)], reverse: reverse)
    }

    /// A customer's interactions in time order (or newest first), within `at` if given.
    public func interactions(customer: Int64, at range: Range<Timestamp>? = nil, newestFirst: Bool = false)
        throws -> RecordCursor<Interaction>
    {
        try lookup(
            Interaction.self, "interaction.customer_at", [.integer(customer)], then: PartBounds(range),
            reverse: newestFirst)
    }

    /// Every interaction in time order (or newest first), within `at` if given: the ranges of
    /// each kind in the (kind, at) index, merged by time.
    public func interactions(at range: Range<Timestamp>?, newestFirst: Bool = false) throws
        -> RecordCursor<Interaction>
    {
        guard let index = Interaction.schema.index("interaction.kind_at") else {
            throw StoreError(.invalidValue, "interaction.kind_at is not an index of interaction")
        }
        let kinds = InteractionKind.allCases.map { [FieldValue.symbol($0.name)] }
        return RecordCursor(
            try scan(index: index, prefixes: kinds, then: PartBounds(range), reverse: newestFirst))
    }

    /// Interactions of `kind` in time order (or newest first), within `at` if given.
    public func interactions(
        kind: InteractionKind, at range: Range<Timestamp>? = nil, newestFirst: Bool = false
    )
        throws -> RecordCursor<Interaction>
    {
        try lookup(
            Interaction.self, "interaction.kind_at", [.symbol(kind.name)], then: PartBounds(range),
            reverse: newestFirst)
    }

    /// A customer's promises by due date, within `due` if given.
    public func promises(customer: Int64, due range: Range<Timestamp>? = nil, latestFirst: Bool = false)
        throws -> RecordCursor<Promise>
    {
        try lookup(
            Promise.self, "promise.customer_due", [.integer(customer)], then: PartBounds(range),
            reverse: latestFirst)
    }

    /// Promises with `status` by due date, within `due` if given: pending ones due before
    /// now are the overdue ones.
    public func promises(status: PromiseStatus, due range: Range<Timestamp>? = nil, latestFirst: Bool = false)
        throws -> RecordCursor<Promise>
    {
        try lookup(
            Promise.self, "promise.status_due", [.symbol(status.name)], then: PartBounds(range),
            reverse: latestFirst)
    }

    /// Promises `owner` is responsible for (ignoring case) by due date, within `due` if given.
    public func promises(owner: String, due range: Range<Timestamp>? = nil, latestFirst: Bool = false)
        throws -> RecordCursor<Promise>
    {
        try lookup(
            Promise.self, "promise.owner_due", [.string(owner)], then: PartBounds(range), reverse: latestFirst
        )
    }

    /// Promises made on `interaction`, in id order (the other way with `reverse`).
    public func promises(interaction: Int64, reverse: Bool = false) throws -> RecordCursor<Promise> {
        try lookup(Promise.self, "promise.interaction", [.integer(interaction)], reverse: reverse)
    }

    /// A customer's pending promises by due date, within `due` if given.
    public func openPromises(customer: Int64, due range: Range<Timestamp>? = nil, latestFirst: Bool = false)
        throws -> RecordCursor<Promise>
    {
        try lookup(
            Promise.self, "promise.open_customer_due", [.integer(customer)], then: PartBounds(range),
            reverse: latestFirst)
    }

    /// How many of a customer's interactions lie within `range` (all when nil), counting
    /// at most `limit`: from the index keys alone, with one counter kept for such counts
    /// (`IndexCounter`), so that checking thousands of customers opens no cursor per customer.
    public func interactionCount(customer: Int64, at range: Range<Timestamp>? = nil, atMost limit: Int = .max)
        throws -> Int
    {
        guard let index = Interaction.schema.index("interaction.customer_at") else { return 0 }
        // In a write, entries held back are put first (the counter's cursor then sees them).
        _ = try indexHandle(StoreSchema.ordinal(index.kind, index.position))
        let key = CounterKey(low: range?.lowerBound.microseconds, high: range?.upperBound.microseconds)
        if let counter = interactionCounters[key] { return try counter.count(customer, atMost: limit) }
        guard
            let counter = try IndexCounter(
                self, index: index, equal: [.integer(0)], varying: 0, then: PartBounds(range))
        else { return 0 }
        interactionCounters[key] = counter
        return try counter.count(customer, atMost: limit)
    }

    private struct CounterKey: Hashable {
        let low: Int64?
        let high: Int64?
    }

    /// The counters `interactionCount` keeps, by span.
    private var interactionCounters: [CounterKey: IndexCounter] = [:]

    // MARK: - Derived values

    /// When the customer was last in contact: the latest interaction's `at`; nil if none.
    /// One index seek, whatever the number of interactions.
    public func lastContact(customer: Int64) throws -> Timestamp? {
        var latest = try interactions(customer: customer, newestFirst: true)
        guard try latest.nextID() != nil else { return nil }
        // The key is customer, at, id: the time is read from the key, not the record.
        return try latest.entry(field: "at").flatMap { value in
            if case .timestamp(let time) = value { return time }
            return nil
        }
    }

    /// How many of the customer's promises are pending, counted on the pending-promise index.
    public func openPromiseCount(customer: Int64) throws -> Int {
        let open = try openPromises(customer: customer)
        return try open.count()
    }

    /// How many of the customer's promises are pending and due before `now`.
    public func overduePromiseCount(customer: Int64, at now: Timestamp? = nil) throws -> Int {
        let cutoff = now ?? self.now
        let overdue = try openPromises(customer: customer, due: Timestamp(microseconds: .min)..<cutoff)
        return try overdue.count()
    }

    /// The mean interaction score of the customer, from a summary kept up to date on every
    /// write; nil when no interaction has a score.
    public func satisfaction(customer: Int64) throws -> Double? {
        let summary = try summary("customer.summary", of: customer)
        return summary.count == 0 ? nil : Double(summary.sum) / Double(summary.count)
    }

    /// The sum and count a summary keeps for `group`.
    func summary(_ name: String, of group: Int64) throws -> ScoreSummary {
        guard let table = tables.summary(name),
            let bytes = try storage.get(table, key: RecordKey.bytes(group, tables.layout))
        else {
            return ScoreSummary()
        }
        return try ScoreSummary(decoding: bytes, customer: group)
    }

    // MARK: - History

    /// Every change to the record, oldest first. After a cascade delete, a customer's
    /// history holds only the entry that the erasure happened.
    public func history(_ kind: RecordKind, _ id: Int64) throws -> [HistoryEntry] {
        var scan = try storage.scan(tables.history, .prefix(HistoryEntry.keyPrefix(kind, id)))
        var entries: [HistoryEntry] = []
        while let entry = try scan.next() {
            entries.append(try HistoryEntry(key: entry.key, value: entry.value))
        }
        let current = try view(kind, id).map { try $0.values() }
        if entries.first?.operation != .insert, entries.first?.operation != .erase, let current {
            // A record never changed since its insert has no history entries: its insert is
            // its creation time (see `HistoryReplay`).
            entries.insert(
                HistoryEntry(
                    kind: kind, id: id, sequence: 0, time: current.created, operation: .insert, changes: []),
                at: 0)
        }
        if let first = entries.first, first.operation == .insert, first.changes.isEmpty {
            entries[0] = first.with(
                changes: HistoryReplay.insertChanges(
                    kind: kind, entries: entries, current: current?.historyValues))
        }
        return entries
    }

    // MARK: - Tables

    /// The table that holds `index`'s entries, ready to read.
    func table(of index: IndexSchema) throws -> StorageTable {
        guard index.isCustom else { return try indexHandle(StoreSchema.ordinal(index.kind, index.position)) }
        guard let table = tables.customIndex else {
            throw StoreError(.notFound, "this store has no custom field indexes (index \(index.name))")
        }
        return table
    }

    /// The table of the index with `ordinal`, ready to read: a write first puts the entries
    /// it has held back (`PendingIndexPuts`).
    func indexHandle(_ ordinal: Int) throws -> StorageTable {
        tables.index(ordinal)
    }
}

/// The range a walk of an index takes over the part after the fixed ones.
public enum PartBounds: Sendable, Equatable {
    /// From `lower` (inclusive) to `upper` (exclusive); a missing bound is open.
    case range(lower: FieldValue?, upper: FieldValue?)
    /// Text that starts with this (a name prefix), folded as the part is.
    case prefix(String)

    /// A time span as bounds; nil for none.
    init?(_ range: Range<Timestamp>?) {
        guard let range else { return nil }
        self = .range(lower: .timestamp(range.lowerBound), upper: .timestamp(range.upperBound))
    }
}

extension RecordCursor {
    /// The value of `field` as the index entry the cursor is on gives it, or nil.
    func entry(field name: String) throws -> FieldValue? {
        guard let field = R.schema.field(name) else { return nil }
        return scanEntry?.value(field)
    }
}

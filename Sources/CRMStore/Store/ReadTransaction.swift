import LMDB

/// A consistent view of the store for reading: typed gets, index lookups, counts, derived
/// values and history.
///
/// Valid only during the closure of `Store.read` (or `Store.write`) that received it: do
/// not store it or use it from another thread.
///
///     let overdue = try store.read { tx in
///         try tx.promises(status: .pending, due: ..<tx.now).collect()
///     }
public class ReadTransaction {
    let transaction: Transaction
    let tables: Tables
    /// The store's clock, read once when the transaction began: "now" for overdue checks
    /// and, in writes, for `created`, `updated` and history times.
    public let now: Timestamp

    init(transaction: Transaction, tables: Tables, now: Timestamp) {
        self.transaction = transaction
        self.tables = tables
        self.now = now
    }

    // MARK: - Records by id

    /// The record with `id`, or nil.
    public func get<R: Record>(_ type: R.Type, _ id: Int64) throws -> R? {
        try get(R.self, id, mask: .max)
    }

    /// The record with `id` with only the fields in `mask` read (`Record.fieldMask(for:)`),
    /// or nil.
    public func get<R: Record>(_ type: R.Type, _ id: Int64, mask: UInt64) throws -> R? {
        let table = tables.records(R.kind)
        guard let bytes = try withIDKey(id, { try transaction.get(table, key: $0) }) else { return nil }
        return try R(id: id, decoding: bytes, mask: mask)
    }

    /// The customer with `id`, or nil.
    public func customer(_ id: Int64) throws -> Customer? { try get(Customer.self, id) }
    /// The interaction with `id`, or nil.
    public func interaction(_ id: Int64) throws -> Interaction? { try get(Interaction.self, id) }
    /// The promise with `id`, or nil.
    public func promise(_ id: Int64) throws -> Promise? { try get(Promise.self, id) }

    /// Whether a record of `kind` with `id` exists, without reading it.
    public func exists(_ kind: RecordKind, _ id: Int64) throws -> Bool {
        try transaction.get(tables.records(kind), key: idKey(id)) != nil
    }

    /// How many records of `type` there are (read from the B-tree's header, not counted).
    public func count<R: Record>(_ type: R.Type) throws -> Int {
        try transaction.statistics(tables.records(R.kind)).entries
    }

    /// Every record of `type` in id order (or, with `reverse`, newest first), starting at
    /// `from` (or, reversed, at most `from`).
    public func all<R: Record>(_ type: R.Type, from id: Int64? = nil, reverse: Bool = false) throws
        -> RecordCursor<R>
    {
        var range = KeyRange.all
        if let id {
            range = reverse ? KeyRange(from: [], upTo: idKey(id &+ 1)) : KeyRange(from: idKey(id), upTo: nil)
        }
        let scan = try transaction.scan(tables.records(R.kind), range, reverse: reverse)
        return RecordCursor(scan: scan, fromIndex: false, transaction: self)
    }

    // MARK: - Index lookups

    /// Customers whose name starts with `prefix`, ignoring case, in name order.
    public func customers(namePrefix prefix: String, reverse: Bool = false) throws -> RecordCursor<Customer> {
        try lookup(.customerName, prefix: { $0.appendPrefix(TextKey.fold(prefix)) }, reverse: reverse)
    }

    /// Customers called `name`, ignoring case.
    public func customers(name: String, reverse: Bool = false) throws -> RecordCursor<Customer> {
        try lookup(.customerName, prefix: { $0.append(TextKey.fold(name)) }, reverse: reverse)
    }

    /// Customers with `email`, ignoring case.
    public func customers(email: String, reverse: Bool = false) throws -> RecordCursor<Customer> {
        try lookup(.customerEmail, prefix: { $0.append(TextKey.fold(email)) }, reverse: reverse)
    }

    /// Customers with `phone`, comparing digits only ("+86 10 1234" finds "+86-10-1234").
    public func customers(phone: String, reverse: Bool = false) throws -> RecordCursor<Customer> {
        try lookup(.customerPhone, prefix: { $0.append(TextKey.phone(phone)) }, reverse: reverse)
    }

    /// Customers of `tier`, in id order (the other way with `reverse`).
    public func customers(tier: CustomerTier, reverse: Bool = false) throws -> RecordCursor<Customer> {
        try lookup(.customerTier, prefix: { $0.append(tier.code) }, reverse: reverse)
    }

    /// Customers with `status`, in id order (the other way with `reverse`).
    public func customers(status: CustomerStatus, reverse: Bool = false) throws -> RecordCursor<Customer> {
        try lookup(.customerStatus, prefix: { $0.append(status.code) }, reverse: reverse)
    }

    /// Customers whose account manager is `owner`, ignoring case.
    public func customers(owner: String, reverse: Bool = false) throws -> RecordCursor<Customer> {
        try lookup(.customerOwner, prefix: { $0.append(TextKey.fold(owner)) }, reverse: reverse)
    }

    /// Customers tagged `tag`, ignoring case.
    public func customers(tag: String, reverse: Bool = false) throws -> RecordCursor<Customer> {
        try lookup(.customerTag, prefix: { $0.append(TextKey.fold(tag)) }, reverse: reverse)
    }

    /// Customers in `city`, ignoring case.
    public func customers(city: String, reverse: Bool = false) throws -> RecordCursor<Customer> {
        try lookup(.customerCity, prefix: { $0.append(TextKey.fold(city)) }, reverse: reverse)
    }

    /// A customer's interactions in time order (or newest first), within `at` if given.
    public func interactions(customer: Int64, at range: Range<Timestamp>? = nil, newestFirst: Bool = false)
        throws -> RecordCursor<Interaction>
    {
        try lookup(.interactionCustomerAt, prefix: { $0.append(customer) }, time: range, reverse: newestFirst)
    }

    /// Every interaction in time order (or newest first), within `at` if given.
    public func interactions(at range: Range<Timestamp>?, newestFirst: Bool = false) throws
        -> RecordCursor<Interaction>
    {
        try lookup(.interactionAt, prefix: { _ in }, time: range, reverse: newestFirst)
    }

    /// Interactions of `kind` in time order (or newest first), within `at` if given.
    public func interactions(
        kind: InteractionKind, at range: Range<Timestamp>? = nil, newestFirst: Bool = false
    )
        throws -> RecordCursor<Interaction>
    {
        try lookup(.interactionKindAt, prefix: { $0.append(kind.code) }, time: range, reverse: newestFirst)
    }

    /// A customer's promises by due date, within `due` if given.
    public func promises(customer: Int64, due range: Range<Timestamp>? = nil, latestFirst: Bool = false)
        throws -> RecordCursor<Promise>
    {
        try lookup(.promiseCustomerDue, prefix: { $0.append(customer) }, time: range, reverse: latestFirst)
    }

    /// Promises with `status` by due date, within `due` if given: pending ones due before
    /// now are the overdue ones.
    public func promises(status: PromiseStatus, due range: Range<Timestamp>? = nil, latestFirst: Bool = false)
        throws -> RecordCursor<Promise>
    {
        try lookup(.promiseStatusDue, prefix: { $0.append(status.code) }, time: range, reverse: latestFirst)
    }

    /// Promises `owner` is responsible for (ignoring case) by due date, within `due` if given.
    public func promises(owner: String, due range: Range<Timestamp>? = nil, latestFirst: Bool = false)
        throws -> RecordCursor<Promise>
    {
        try lookup(
            .promiseOwnerDue, prefix: { $0.append(TextKey.fold(owner)) }, time: range, reverse: latestFirst)
    }

    /// Promises made on `interaction`, in id order (the other way with `reverse`).
    public func promises(interaction: Int64, reverse: Bool = false) throws -> RecordCursor<Promise> {
        try lookup(.promiseInteraction, prefix: { $0.append(interaction) }, reverse: reverse)
    }

    /// A customer's pending promises by due date, within `due` if given.
    public func openPromises(customer: Int64, due range: Range<Timestamp>? = nil, latestFirst: Bool = false)
        throws -> RecordCursor<Promise>
    {
        try lookup(
            .promiseOpenCustomerDue, prefix: { $0.append(customer) }, time: range, reverse: latestFirst)
    }

    /// How many of a customer's interactions lie within `range` (all when nil), counting
    /// at most `limit`: from the index keys alone, on a cursor kept for such counts, so that
    /// checking thousands of customers opens no cursor per customer.
    public func interactionCount(customer: Int64, at range: Range<Timestamp>? = nil, atMost limit: Int = .max)
        throws -> Int
    {
        let index = try indexHandle(.interactionCustomerAt)
        if countCursor == nil { countCursor = try transaction.cursor(index) }
        guard let cursor = countCursor else { return 0 }
        // Keys are customer, at, id, each 8 bytes in order-preserving form (see OrderedKey):
        // seek to (customer, start) with a key built on the stack, then step while the
        // customer matches and `at` is before the end. Comparing the ordered forms as
        // big-endian integers compares the values.
        let customerBits = Self.ordered(customer)
        let endBits = range.map { Self.ordered($0.upperBound.microseconds) }
        var start = (customerBits.bigEndian, Self.ordered(range?.lowerBound.microseconds ?? .min).bigEndian)
        var entry = try withUnsafeBytes(of: &start) { try cursor.seek(atLeast: $0) }
        var count = 0
        while count < limit, let current = entry, current.key.count >= 16 {
            let keyCustomer = UInt64(bigEndian: current.key.loadUnaligned(as: UInt64.self))
            let keyTime = UInt64(bigEndian: current.key.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
            guard keyCustomer == customerBits, endBits.map({ keyTime < $0 }) ?? true else { break }
            count += 1
            entry = try cursor.next()
        }
        return count
    }

    /// An integer's order-preserving form (OrderedKey's), as a native integer.
    private static func ordered(_ value: Int64) -> UInt64 {
        UInt64(bitPattern: value) ^ (1 << 63)
    }

    /// The cursor `interactionCount` reuses.
    private var countCursor: Cursor?

    // MARK: - Derived values

    /// When the customer was last in contact: the latest interaction's `at`; nil if none.
    /// One index seek, whatever the number of interactions.
    public func lastContact(customer: Int64) throws -> Timestamp? {
        var prefix = OrderedKey(capacity: 8)
        prefix.append(customer)
        let index = try indexHandle(.interactionCustomerAt)
        var latest = try transaction.scan(index, .prefix(prefix.bytes), reverse: true)
        guard let entry = try latest.next() else { return nil }
        // The key is customer, at, id: the time is read from the key, not the record.
        var key = OrderedKeyReader(entry.key, offset: 8)
        return Timestamp(microseconds: try key.readInt64())
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
        let summary = try scoreSummary(customer: customer)
        return summary.count == 0 ? nil : Double(summary.sum) / Double(summary.count)
    }

    func scoreSummary(customer: Int64) throws -> ScoreSummary {
        guard let bytes = try transaction.get(tables.summary, key: idKey(customer)) else {
            return ScoreSummary()
        }
        return try ScoreSummary(decoding: bytes, customer: customer)
    }

    // MARK: - History

    /// Every change to the record, oldest first. After a cascade delete, a customer's
    /// history holds only the entry that the erasure happened.
    public func history(_ kind: RecordKind, _ id: Int64) throws -> [HistoryEntry] {
        var scan = try transaction.scan(tables.history, .prefix(HistoryEntry.keyPrefix(kind, id)))
        var entries: [HistoryEntry] = []
        while let entry = try scan.next() {
            entries.append(try HistoryEntry(key: entry.key, value: entry.value))
        }
        if let first = entries.first, first.operation == .insert, first.changes.isEmpty {
            entries[0] = first.with(
                changes: HistoryReplay.insertChanges(
                    kind: kind, entries: entries, current: try historyValues(kind, id)))
        }
        return entries
    }

    /// The record's values as history names them, or nil when it does not exist.
    private func historyValues(_ kind: RecordKind, _ id: Int64) throws -> [(name: String, value: FieldValue)]?
    {
        switch kind {
        case .customer: try customer(id)?.historyValues
        case .interaction: try interaction(id)?.historyValues
        case .promise: try promise(id)?.historyValues
        }
    }

    // MARK: - Scans

    /// The database of `index`, ready to read: a write first puts the entries it has held
    /// back (`PendingIndexPuts`).
    func indexHandle(_ index: Index) throws -> DatabaseHandle {
        tables.index(index)
    }

    private func lookup<R: IndexCovered>(
        _ index: Index,
        prefix: (inout OrderedKey) -> Void,
        time: Range<Timestamp>? = nil,
        reverse: Bool = false
    ) throws -> RecordCursor<R> {
        var key = OrderedKey()
        prefix(&key)
        var range = KeyRange.prefix(key.bytes)
        if let time {
            var lower = key
            lower.append(time.lowerBound.microseconds)
            var upper = key
            upper.append(time.upperBound.microseconds)
            range = KeyRange(from: lower.bytes, upTo: upper.bytes)
        }
        let scan = try transaction.scan(try indexHandle(index), range, reverse: reverse)
        return RecordCursor(
            scan: scan, fromIndex: true,
            coverage: { key, value, id, mask in
                R.covered(by: index, key: key, value: value, id: id, mask: mask)
            },
            transaction: self)
    }
}
